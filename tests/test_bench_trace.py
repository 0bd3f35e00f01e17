"""bench.trace.summarise on a hand-made trace (the real one needs Chromium; see bench/)."""

from __future__ import annotations

from bench import trace

MAIN, OTHER = (1, 10), (1, 11)


def _event(name: str, ts_ms: float, dur_ms: float = 0, thread=MAIN, **args) -> dict:
    pid, tid = thread
    event = {"name": name, "ts": ts_ms * 1000, "pid": pid, "tid": tid, "ph": "X"}
    if dur_ms:
        event["dur"] = dur_ms * 1000
    if args:
        event["args"] = args
    return event


def test_summarise_orders_requests_and_counts_main_thread_work_only() -> None:
    events = [
        {"name": "thread_name", "pid": 1, "tid": 10, "args": {"name": "CrRendererMain"}},
        {"name": "thread_name", "pid": 1, "tid": 11, "args": {"name": "Compositor"}},
        {"name": "navigationStart", "ts": 0, "pid": 1, "tid": 10, "ph": "R"},
        _event("ResourceSendRequest", 1160, data={"url": "http://h/static/js/PlotlyChart.x.js"}),
        _event("ResourceSendRequest", 983, data={"url": "http://h/static/js/PageLink.y.js"}),
        _event("ResourceSendRequest", 20, data={"url": "http://h/kaart"}),  # not a chunk
        _event("RunTask", 1000, 100),
        _event("RunTask", 1100, 50),
        _event("RunTask", 1700, 720),
        _event("v8.evaluateModule", 1701, 718),
        _event("FunctionCall", 1200, 10),  # short: not a long task
        _event("RunTask", 1000, 500, thread=OTHER),  # another thread: ignored
    ]
    summary = trace.summarise(events)
    assert summary["requests"] == [(983, "PageLink.y.js"), (1160, "PlotlyChart.x.js")]
    assert summary["busy_per_250ms"] == {1000: 150, 1500: 720}
    assert summary["long_tasks"] == [(1701, 718, "v8.evaluateModule")]
