"""Where does the first paint of a map page go? One traced load in headless Chromium.

    python -m bench.trace                 # /kaart of the real app
    python -m bench.trace --path / --out /tmp/overview-trace.json

Starts the app (from the work tree), warms it up, then loads the page once in a fresh browser
context with Chromium's tracing on, and prints (times in ms after navigation start):
  - when each lazily loaded Streamlit chunk was requested (the order follows the page layout;
    HTTP/1.1 allows six connections, so a chunk late in the list waits);
  - the main thread's busy time (tasks starting in each 250 ms) and its long tasks (> 30 ms), e.g. the 4.7 MB
    PlotlyChart chunk's module evaluation;
  - when the map had painted (the bench's own 90%-of-polygons rule).
The trace file opens in Chrome's Performance panel or https://ui.perfetto.dev for more.
Used to find what bench/run.py's "time to map painted" is made of; a diagnostic, not a score.
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
from pathlib import Path

if __package__ in (None, ""):  # run as `python bench/trace.py`
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

CATEGORIES = ["devtools.timeline", "v8.execute", "disabled-by-default-devtools.timeline"]
TASK_NAMES = {"FunctionCall", "EvaluateScript", "v8.evaluateModule", "TimerFire", "RunMicrotasks"}


def summarise(events: list[dict]) -> dict:
    """Requests, busy time per 250 ms and long tasks of the renderer's main thread."""
    starts = [e["ts"] for e in events if e.get("name") == "navigationStart"]
    t0 = min(starts) if starts else min(e["ts"] for e in events if e.get("ts"))
    threads = {
        (e["pid"], e["tid"]): e["args"]["name"] for e in events if e.get("name") == "thread_name"
    }
    main = {key for key, name in threads.items() if name == "CrRendererMain"}
    requests = []
    busy: collections.Counter[int] = collections.Counter()
    long_tasks = []
    for e in events:
        ms = (e.get("ts", t0) - t0) / 1000
        if e.get("name") == "ResourceSendRequest":
            url = e["args"]["data"].get("url", "")
            if "/static/js/" in url:
                requests.append((round(ms), url.rsplit("/", 1)[-1]))
        if (e.get("pid"), e.get("tid")) not in main or e.get("ph") != "X":
            continue
        if e.get("name") == "RunTask":
            busy[int(ms // 250) * 250] += e.get("dur", 0) / 1000
        elif e.get("name") in TASK_NAMES and e.get("dur", 0) > 30_000:
            long_tasks.append((round(ms), round(e["dur"] / 1000), e["name"]))
    return {
        "requests": sorted(requests),
        "busy_per_250ms": {k: round(v) for k, v in sorted(busy.items())},
        "long_tasks": sorted(long_tasks),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--path", default="/kaart", help="page to load (default /kaart)")
    parser.add_argument("--out", default="/tmp/raadsradar-trace.json", help="trace file")
    args = parser.parse_args(argv)
    # Imported here so that summarise() works without the bench-only packages (psutil).
    from playwright.sync_api import sync_playwright

    from bench import browser, run, servers

    scenario = run.KAART if args.path == "/kaart" else run.OVERVIEW
    with servers.streamlit_server("app", "dashboard.py") as app, sync_playwright() as pw:
        chromium = browser.launch(pw)
        browser.warm_up(chromium, app.url, [scenario])
        context, page, counter = browser.new_page(chromium)
        try:
            chromium.start_tracing(page=page, path=args.out, categories=CATEGORIES)
            state = browser.open_page(page, counter, app.url + args.path, scenario.map_selector)
            chromium.stop_tracing()
        finally:
            context.close()
    data = json.loads(Path(args.out).read_text(encoding="utf-8"))
    summary = summarise(data["traceEvents"] if isinstance(data, dict) else data)
    print(f"map painted at {state['t']:.0f} ms (page clock); trace: {args.out}")
    print("\nchunks requested (ms, file):")
    for ms, name in summary["requests"]:
        print(f"  {ms:6d}  {name}")
    print(
        "\nmain thread: busy time of the tasks starting in each 250 ms (a long task counts whole):"
    )
    for start, ms in summary["busy_per_250ms"].items():
        print(f"  {start:6d}  {ms:4d} ms {'#' * int(ms // 10)}")
    print("\nlong tasks (start ms, duration ms, kind):")
    for start, duration, name in summary["long_tasks"]:
        print(f"  {start:6d}  {duration:5d}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
