"""Start Streamlit servers on free local ports and measure their memory (RSS of the process tree)."""

from __future__ import annotations

import contextlib
import dataclasses
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import psutil

from deploy import local

REPO_ROOT = Path(__file__).resolve().parent.parent
START_TIMEOUT_S = 60.0


class ServerError(RuntimeError):
    """A server did not start; the message holds the tail of its log."""


@dataclasses.dataclass
class Server:
    """A running `streamlit run` process and its base URL."""

    name: str
    url: str
    process: subprocess.Popen[bytes]
    log_path: Path

    def rss_bytes(self) -> int:
        """Resident memory of the server process plus all its children, in bytes."""
        return tree_rss(self.process.pid)

    def cpu_seconds(self) -> float:
        """User + system CPU time used so far by the server process and its children."""
        return tree_cpu_seconds(self.process.pid)

    def log_tail(self, limit: int = 4000) -> str:
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError as error:
            return f"<no log: {error}>"
        return text[-limit:] if text.strip() else "<server printed nothing>"


SNAPSHOT_IGNORE = shutil.ignore_patterns(
    ".git", ".venv", "__pycache__", ".pytest_cache", ".ruff_cache", ".benchmarks", "results"
)


@contextlib.contextmanager
def snapshot() -> Iterator[Path]:
    """A private copy of the work tree to run the servers from; removed on exit.

    Other people edit the app while a run takes minutes; a server that re-reads a half-edited
    page mid-run measures nothing useful. The copy sits next to a link to ../shared, so the
    relative paths to the raw data (../shared/data/raw) still hold.
    """
    with tempfile.TemporaryDirectory(prefix="raadsradar-bench-") as folder:
        root = Path(folder) / REPO_ROOT.name
        shutil.copytree(REPO_ROOT, root, ignore=SNAPSHOT_IGNORE, symlinks=True)
        shared = REPO_ROOT.parent / "shared"
        if shared.exists():
            (Path(folder) / "shared").symlink_to(shared, target_is_directory=True)
        yield root


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def tree_rss(pid: int) -> int:
    """RSS of a process and its descendants (0 for processes that vanished meanwhile)."""
    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0
    total = 0
    for proc in procs:
        with contextlib.suppress(psutil.Error):
            total += proc.memory_info().rss
    return total


def tree_cpu_seconds(pid: int) -> float:
    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0.0
    total = 0.0
    for proc in procs:
        with contextlib.suppress(psutil.Error):
            times = proc.cpu_times()
            total += times.user + times.system
    return total


@contextlib.contextmanager
def streamlit_server(
    name: str, script: str, root: Path = REPO_ROOT, env: dict[str, str] | None = None
) -> Iterator[Server]:
    """Run `streamlit run <script>` (relative to `root`) on 127.0.0.1; stop it on exit."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log_file = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed in the finally below
        prefix=f"raadsradar-bench-{name}-", suffix=".log", delete=False
    )
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        script,
        "--server.headless",
        "true",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
    ]
    process = subprocess.Popen(
        command,
        cwd=root,
        stdout=log_file,
        stderr=subprocess.STDOUT,
        env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})},
    )
    server = Server(name, url, process, Path(log_file.name))
    keep_log = True
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while not local.health_ok(url):
            if process.poll() is not None:
                raise ServerError(
                    f"{name}: streamlit exited with {process.returncode}:\n{server.log_tail()}"
                )
            if time.monotonic() > deadline:
                raise ServerError(
                    f"{name}: no health answer within {START_TIMEOUT_S:.0f} s:\n{server.log_tail()}"
                )
            time.sleep(0.2)
        yield server
    except BaseException:
        keep_log = True  # the server's output helps to explain the failure
        raise
    else:
        keep_log = False
    finally:
        local.stop_process(process)
        log_file.close()
        if not keep_log:
            server.log_path.unlink(missing_ok=True)


class PeakSampler:
    """Samples a server's tree RSS every `interval_s` in a thread; `peak` is the largest seen."""

    def __init__(self, server: Server, interval_s: float = 0.1) -> None:
        self.server = server
        self.interval_s = interval_s
        self.peak = 0
        self.samples = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self.server.rss_bytes())
            self.samples += 1
            self._stop.wait(self.interval_s)

    def __enter__(self) -> PeakSampler:
        self.peak = self.server.rss_bytes()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self.peak = max(self.peak, self.server.rss_bytes())
