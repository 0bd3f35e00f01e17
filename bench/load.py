"""Protocol-level load: many Streamlit sessions without browsers.

Each session does what a browser tab does on a shared link: GET the page (cookies: the proxy's
sticky cookie and Streamlit's XSRF cookie), open the websocket /_stcore/stream, send a BackMsg
`rerun_script` for the page and its query string, and read ForwardMsgs until `script_finished`.
Then it changes a widget a few times like a person would (the map's number of classes, the
indicator), each a rerun timed to its `script_finished`. Exception elements, st.error alerts,
page-not-found, unexpected disconnects and timeouts count as errors.

    python -m bench.load --url http://127.0.0.1:8500 --path '/kaart?sel=GM0363' \
        --sessions 200 --ramp 30 --json

The last line printed is one JSON object: {"sessions", "errors", "p50_s", "p95_s", "max_s", ...}
where the times run from connect to the first successful `script_finished` of each session.

Built on asyncio + the `websockets` library with the protobuf classes Streamlit ships, not on
Locust: Locust's gevent workers and Streamlit's binary websocket protocol do not mix without a
monkey-patched websocket client per greenlet, and one asyncio process drives hundreds of
sessions on a fraction of a core (the load client must not starve the 2-core machine it
measures).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import json
import sys
import time
import urllib.parse
from collections.abc import Sequence
from http.cookies import SimpleCookie

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

RUN_TIMEOUT_S = 120.0
# Widgets a person changes on /kaart, in turn (user keys; Streamlit's widget id ends in -<key>).
DEFAULT_WIDGETS = ("classes", "indicator", "classes")
XSRF_COOKIE = "_streamlit_xsrf"


class SessionError(Exception):
    """What went wrong in one session (shown in the error summary)."""


@dataclasses.dataclass
class Widget:
    id: str
    kind: str  # "selectbox" or "radio"
    options: list[str]
    default: int


@dataclasses.dataclass
class RunResult:
    seconds: float
    elements: int
    widgets: dict[str, Widget]


@dataclasses.dataclass
class SessionResult:
    index: int
    first_s: float | None = None
    rerun_s: list[float] = dataclasses.field(default_factory=list)
    error: str | None = None
    session_id: str | None = None
    replica: str | None = None


def split_path(path: str) -> tuple[str, str]:
    """'/kaart?sel=GM0363' -> ('kaart', 'sel=GM0363'); '/' -> ('', '')."""
    parts = urllib.parse.urlsplit(path)
    return parts.path.strip("/"), parts.query


def _user_key(widget_id: str) -> str | None:
    # Streamlit ids look like "$$ID-<hash>-<user key>" when a key was given.
    head, sep, key = widget_id.partition("-")
    if not sep:
        return None
    _hash, sep, key = key.partition("-")
    return key if sep and key else None


class StreamlitSession:
    """One websocket session speaking Streamlit's BackMsg/ForwardMsg protocol."""

    def __init__(self, base_url: str, path: str, timeout_s: float = RUN_TIMEOUT_S) -> None:
        self.base_url = base_url.rstrip("/")
        self.page_name, self.query_string = split_path(path)
        self.path = path
        self.timeout_s = timeout_s
        self.cookies: dict[str, str] = {}
        self.ws: websockets.ClientConnection | None = None
        self.page_script_hash = ""
        self.session_id: str | None = None
        self.widget_states: dict[str, tuple[str, str]] = {}  # id -> (value field, value)
        self.widgets: dict[str, Widget] = {}

    async def _fetch_page(self) -> None:
        """GET the page and the health check like a browser does first: the page sets the
        proxy's sticky cookie, the health check (sent with it) Streamlit's XSRF cookie."""
        await self._get(self.path)
        await self._get("/_stcore/health")

    async def _get(self, path: str) -> None:
        parts = urllib.parse.urlsplit(self.base_url)
        host, port = parts.hostname or "127.0.0.1", parts.port or 80
        reader, writer = await asyncio.open_connection(host, port)
        try:
            cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
            request = (
                f"GET {path} HTTP/1.1\r\nHost: {parts.netloc}\r\nAccept: */*\r\n"
                + (f"Cookie: {cookie}\r\n" if cookie else "")
                + "Connection: close\r\n\r\n"
            )
            writer.write(request.encode())
            await writer.drain()
            raw = await asyncio.wait_for(reader.read(), self.timeout_s)
        finally:
            writer.close()
        head = raw.split(b"\r\n\r\n", 1)[0].decode("latin-1")
        status = head.split("\r\n", 1)[0]
        if " 200" not in status:
            raise SessionError(f"GET {path}: {status}")
        self._store_cookies(head)

    def _store_cookies(self, head: str) -> None:
        for line in head.split("\r\n")[1:]:
            name, _, value = line.partition(":")
            if name.strip().lower() == "set-cookie":
                cookie = SimpleCookie()
                cookie.load(value.strip())
                for key, morsel in cookie.items():
                    self.cookies[key] = morsel.value

    async def connect(self) -> None:
        await self._fetch_page()
        await self._open_websocket()

    async def reconnect(self) -> None:
        """Drop the websocket and open a new one naming this session, as the frontend does
        after a network blip: the same replica resumes the session, another starts a new one."""
        await self.close()
        await self._get("/_stcore/health")
        await self._open_websocket(self.session_id)

    async def _open_websocket(self, session_id: str | None = None) -> None:
        ws_url = self.base_url.replace("http://", "ws://", 1) + "/_stcore/stream"
        headers = {"Origin": self.base_url}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        xsrf = self.cookies.get(XSRF_COOKIE, "")
        # The frontend passes [protocol, xsrf token, previous session id] as subprotocols.
        protocols = ["streamlit", xsrf or "x"]
        if session_id:
            protocols.append(session_id)
        self.ws = await websockets.connect(
            ws_url,
            subprotocols=protocols,
            additional_headers=headers,
            max_size=None,
            compression=None,
            open_timeout=self.timeout_s,
            ping_interval=None,
        )

    def _back_msg(self, first: bool) -> bytes:
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = self.query_string
        if first:
            state.page_name = self.page_name
        else:
            state.page_script_hash = self.page_script_hash
        for widget_id, (field, value) in self.widget_states.items():
            ws = state.widget_states.widgets.add()
            ws.id = widget_id
            setattr(ws, field, value)
        return msg.SerializeToString()

    async def run(self, first: bool = False) -> RunResult:
        """Send a rerun and read until the script finished successfully."""
        assert self.ws is not None
        start = time.perf_counter()
        await self.ws.send(self._back_msg(first))
        elements = 0
        widgets: dict[str, Widget] = {}
        deadline = start + self.timeout_s
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                raise SessionError(f"no script_finished within {self.timeout_s:.0f} s")
            try:
                data = await asyncio.wait_for(self.ws.recv(), left)
            except TimeoutError as error:
                raise SessionError(f"no script_finished within {self.timeout_s:.0f} s") from error
            except websockets.ConnectionClosed as error:
                raise SessionError(f"disconnected: {error}") from error
            msg = ForwardMsg()
            msg.ParseFromString(data)
            kind = msg.WhichOneof("type")
            if kind == "new_session":
                self.page_script_hash = msg.new_session.page_script_hash
                self.session_id = msg.new_session.initialize.session_id or self.session_id
            elif kind == "navigation" and msg.navigation.page_script_hash:
                # With st.navigation the page that actually ran (reruns must name it).
                self.page_script_hash = msg.navigation.page_script_hash
            elif kind == "page_info_changed":
                self.query_string = msg.page_info_changed.query_string
            elif kind == "page_not_found":
                raise SessionError(f"page not found: {msg.page_not_found.page_name!r}")
            elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                elements += 1
                element = msg.delta.new_element
                which = element.WhichOneof("type")
                if which == "exception":
                    raise SessionError(
                        f"exception: {element.exception.type}: {element.exception.message[:200]}"
                    )
                if which == "alert" and element.alert.format == element.alert.ERROR:
                    raise SessionError(f"st.error: {element.alert.body[:200]}")
                if which in ("selectbox", "radio"):
                    w = getattr(element, which)
                    key = _user_key(w.id)
                    if key:
                        widgets[key] = Widget(w.id, which, list(w.options), w.default)
            elif kind == "script_finished":
                status = msg.script_finished
                if status == ForwardMsg.FINISHED_SUCCESSFULLY:
                    self.widgets = widgets or self.widgets
                    return RunResult(time.perf_counter() - start, elements, widgets)
                if status == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    raise SessionError("script finished with a compile error")
                # FINISHED_EARLY_FOR_RERUN: the app reran itself (st.rerun); keep reading.

    def change_widget(self, key: str, step: int) -> bool:
        """Set widget `key` to another option for the next rerun; False if it is not there."""
        widget = self.widgets.get(key)
        if widget is None or len(widget.options) < 2:
            return False
        current = self.widget_states.get(widget.id, (None, None))[1]
        index = widget.options.index(current) if current in widget.options else widget.default
        choice = widget.options[(index + 1 + step) % len(widget.options)]
        if choice == current:
            choice = widget.options[(index + 2 + step) % len(widget.options)]
        self.widget_states[widget.id] = ("string_value", choice)
        return True

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()


async def one_session(
    index: int,
    args: argparse.Namespace,
    release: asyncio.Event,
    stop_at: float | None,
    working: set[int],
) -> SessionResult:
    result = SessionResult(index)
    session = StreamlitSession(args.url, args.path, args.timeout)
    start = time.perf_counter()
    try:
        await session.connect()
        await session.run(first=True)
        result.first_s = time.perf_counter() - start
        result.session_id = session.session_id
        result.replica = session.cookies.get("RAADSRADAR_REPLICA")
        step = 0
        while True:
            if stop_at is None and step >= args.reruns:
                break
            if stop_at is not None and time.monotonic() >= stop_at:
                break
            await asyncio.sleep(args.think)
            widgets = args.widgets or DEFAULT_WIDGETS
            session.change_widget(widgets[step % len(widgets)], step // len(widgets))
            rerun = await session.run()
            result.rerun_s.append(rerun.seconds)
            step += 1
        # Stay connected like an open tab until every session is done (memory is measured then).
        working.discard(index)
        await release.wait()
    except (SessionError, OSError, websockets.WebSocketException, TimeoutError) as error:
        result.error = f"{type(error).__name__}: {error}"
    finally:
        working.discard(index)
        # Closing a broken socket may fail in many ways; the session's result is already known.
        with contextlib.suppress(Exception):
            await asyncio.wait_for(session.close(), 5)
    return result


def percentile(values: Sequence[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    position = (len(ordered) - 1) * q
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def summarise(results: Sequence[SessionResult], wall_s: float) -> dict:
    first = [r.first_s for r in results if r.first_s is not None and r.error is None]
    reruns = [s for r in results if r.error is None for s in r.rerun_s]
    errors = [r for r in results if r.error is not None]

    def rounded(value: float | None) -> float | None:
        return None if value is None else round(value, 3)

    replicas: dict[str, int] = {}
    errors_by_replica: dict[str, int] = {}
    for r in results:
        if r.replica:
            replicas[r.replica] = replicas.get(r.replica, 0) + 1
        if r.error:
            where = r.replica or "?"
            errors_by_replica[where] = errors_by_replica.get(where, 0) + 1
    return {
        "sessions": len(results),
        "errors": len(errors),
        "p50_s": rounded(percentile(first, 0.5)),
        "p95_s": rounded(percentile(first, 0.95)),
        "max_s": rounded(max(first) if first else None),
        "reruns": len(reruns),
        "rerun_p50_s": rounded(percentile(reruns, 0.5)),
        "rerun_p95_s": rounded(percentile(reruns, 0.95)),
        "rerun_max_s": rounded(max(reruns) if reruns else None),
        "wall_s": round(wall_s, 1),
        "replicas": replicas,
        "errors_by_replica": errors_by_replica,
        "error_samples": sorted({r.error for r in errors if r.error})[:5],
    }


async def run_load(args: argparse.Namespace) -> tuple[list[SessionResult], float]:
    """Start the sessions evenly over --ramp; when all have done their work, hold, release."""
    release = asyncio.Event()
    start = time.monotonic()
    stop_at = start + args.ramp + args.duration if args.duration else None
    interval = args.ramp / args.sessions if args.sessions else 0.0
    tasks: list[asyncio.Task[SessionResult]] = []
    working: set[int] = set(range(args.sessions))

    async def tracked(i: int) -> SessionResult:
        # one_session waits on `release` after its work; `working` tells when that point came.
        task = asyncio.create_task(one_session(i, args, release, stop_at, working))
        return await task

    for i in range(args.sessions):
        delay = start + i * interval - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(tracked(i)))
    while working:
        await asyncio.sleep(0.1)
    if args.hold:
        await asyncio.sleep(args.hold)
    release.set()
    results = list(await asyncio.gather(*tasks))
    return results, time.monotonic() - start


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__)
    parser.add_argument("--url", required=True, help="base URL, e.g. http://127.0.0.1:8500")
    parser.add_argument("--path", default="/kaart?sel=GM0363", help="page and query string")
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--ramp", type=float, default=20.0, help="seconds to start all sessions")
    parser.add_argument("--reruns", type=int, default=2, help="widget changes per session")
    parser.add_argument("--duration", type=float, default=0.0, help="keep clicking this long (s)")
    parser.add_argument("--think", type=float, default=1.0, help="seconds between clicks")
    parser.add_argument("--hold", type=float, default=None, help="seconds to keep sessions open")
    parser.add_argument("--timeout", type=float, default=RUN_TIMEOUT_S, help="per script run (s)")
    parser.add_argument(
        "--widgets", type=lambda s: tuple(s.split(",")), default=None, help="keys to change"
    )
    parser.add_argument("--json", action="store_true", help="print only the JSON summary line")
    args = parser.parse_args(argv)
    host = urllib.parse.urlsplit(args.url).hostname
    if host not in ("127.0.0.1", "localhost", "::1"):
        parser.error("load is generated only against this machine (127.0.0.1)")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    results, wall = asyncio.run(run_load(args))
    summary = summarise(results, wall)
    if not args.json:
        for r in results:
            if r.error:
                print(f"session {r.index}: {r.error}", file=sys.stderr)
    print(json.dumps(summary), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
