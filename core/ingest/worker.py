"""The app's import of a large file in a process of its own, within limits of time and memory.

A heavy but valid upload (49 MB: 190,000 rows of 36 numbers) once ran inside the server for
two minutes of CPU, next to every other session, and left gigabytes behind after its tab was
closed. `run` reads a large file (more than IN_PROCESS_BYTES of cells to unpack) in a child
process (`python -m core.ingest.worker`) at a lower CPU priority, one at a time per server, and
returns the report as a session keeps it (`Report.compact`). The child is stopped when it runs
longer than `Limits.seconds`, holds more than `Limits.memory`, or when the caller's `tick`
raises (Streamlit's StopException when the session ends or the user starts something else);
its memory goes back to the system when it ends. A small file is read in the server itself: a
new Python process costs seconds to start, the file a fraction of one.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import logging
import os
import pickle
import resource
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Callable

from core import fmt, paths
from core.ingest import names as ingest_names
from core.ingest import options as ingest_options
from core.ingest import pipeline as ingest_pipeline
from core.ingest import report as ingest_report

_LOG = logging.getLogger(__name__)

POLL_SECONDS = 0.25  # how often the child is checked and `tick` is called
IN_PROCESS_BYTES = 2 * 2**20  # cells to unpack up to which a file is read in the server itself


@dataclasses.dataclass(frozen=True)
class Limits:
    """What one import may take. The defaults fit a replica of 1.5 GiB (deploy/k8s) that
    serves other sessions meanwhile: the heaviest valid upload needs about a third of this."""

    cpu_seconds: float = 60.0  # CPU time of the import (the heaviest valid file: ~15 s)
    seconds: float = 300.0  # wall time, for a process that waits on nothing (at low priority)
    memory: int = 1_024 * 2**20  # resident memory of the import process
    wait: float = 180.0  # time to wait for another session's import to finish
    nice: int = 10  # lower CPU priority than the server's sessions


SLOTS = threading.BoundedSemaphore(1)  # large imports at once per server (memory, not CPU)


def weight(data: bytes) -> int:
    """Bytes of cells a file unpacks to: an .xlsx or Parquet file is compressed."""
    if data[:4] == b"PK\x03\x04":
        with contextlib.suppress(zipfile.BadZipFile, ValueError, OSError):
            return sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(data)).infolist())
    if data[:4] == b"PAR1":
        import pyarrow.parquet as pq

        with contextlib.suppress(Exception):
            meta = pq.ParquetFile(io.BytesIO(data)).metadata
            return sum(meta.row_group(i).total_byte_size for i in range(meta.num_row_groups))
    return len(data)


def run(
    data: bytes,
    filename: str,
    options: ingest_options.Options,
    reference: ingest_names.Reference,
    tick: Callable[[float, str], None] = lambda seconds, phase: None,
    limits: Limits | None = None,
) -> ingest_report.Report:
    """The compact report of `data`; a large file is read in a child process within `limits`.

    `tick(seconds, phase)` is called about every POLL_SECONDS with the seconds so far and
    "wachten" (another session's import has the slot) or "lezen"; whatever it raises stops the
    import and is raised again after the child has been ended.
    """
    if weight(data) <= IN_PROCESS_BYTES:
        return ingest_pipeline.ingest(data, filename, options, reference).compact()
    limits = limits or Limits()
    start = time.monotonic()
    while not SLOTS.acquire(timeout=POLL_SECONDS):
        waited = time.monotonic() - start
        if waited > limits.wait:
            return ingest_report.failed(filename, _busy(waited))
        tick(waited, "wachten")
    try:
        own = {"nice": limits.nice, "cpu_seconds": limits.cpu_seconds}  # what the child applies
        return _run_in_child((data, filename, options, reference, own), tick, limits)
    finally:
        SLOTS.release()


def _run_in_child(
    job: tuple, tick: Callable[[float, str], None], limits: Limits
) -> ingest_report.Report:
    filename = job[1]
    try:
        child = subprocess.Popen(
            command(),
            cwd=paths.REPO_ROOT,
            env={**os.environ, "PYTHONPATH": str(paths.REPO_ROOT)},
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
    except OSError as exc:
        _LOG.warning("import process could not start (%r); importing in the server", exc)
        return ingest_pipeline.ingest(*job[:4]).compact()
    answer: dict[str, bytes] = {}
    # Pipes are written and read by threads: 50 MB do not fit a pipe's buffer.
    threads = [
        threading.Thread(target=_write, args=(child.stdin, pickle.dumps(job, protocol=5))),
        threading.Thread(target=_read, args=(child.stdout, answer, "out")),
        threading.Thread(target=_read, args=(child.stderr, answer, "err")),
    ]
    for thread in threads:
        thread.daemon = True
        thread.start()
    start = time.monotonic()
    try:
        while child.poll() is None:
            seconds = time.monotonic() - start
            cpu = cpu_seconds(child.pid) or 0.0
            if cpu > limits.cpu_seconds or seconds > limits.seconds:
                return _refused(filename, _too_slow(filename, max(cpu, seconds)))
            used = rss_bytes(child.pid)
            if used is not None and used > limits.memory:
                return _refused(filename, _too_big(filename, limits))
            tick(seconds, "lezen")
            with contextlib.suppress(subprocess.TimeoutExpired):
                child.wait(POLL_SECONDS)
        for thread in threads:
            thread.join(10)
        try:
            # Written by our own child (main below) from objects our code built: the file's text
            # is only ever data inside them.
            kind, payload = pickle.loads(answer.get("out", b""))  # noqa: S301
        except Exception:  # noqa: BLE001 - no answer: ended by the kernel (memory, CPU time)
            detail = answer.get("err", b"").decode("utf-8", "replace").strip().splitlines()
            _LOG.warning("import of %r ended with %s: %s", filename, child.returncode, detail[-3:])
            return ingest_report.failed(filename, _crashed(filename, child.returncode))
        if kind == "ok":
            return payload
        if kind == "memory":
            return _refused(filename, _too_big(filename, limits))
        _LOG.warning("import of %r failed in its process: %s", filename, payload)
        return ingest_report.failed(filename, _crashed(filename, payload))
    finally:
        if child.poll() is None:
            child.kill()
        child.wait(10)
        for stream in (child.stdin, child.stdout, child.stderr):
            with contextlib.suppress(OSError, ValueError):
                stream.close()


def command() -> list[str]:
    """How the child process is started."""
    return [sys.executable, "-m", "core.ingest.worker"]


def _write(stream: object, payload: bytes) -> None:
    with contextlib.suppress(OSError, ValueError):  # the child was stopped
        stream.write(payload)
        stream.close()


def _read(stream: object, into: dict[str, bytes], key: str) -> None:
    with contextlib.suppress(OSError, ValueError):
        into[key] = stream.read()


def cpu_seconds(pid: int) -> float | None:
    """CPU time (user + system) a process has used (Linux /proc), or None."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def rss_bytes(pid: int) -> int | None:
    """Resident memory of a process (Linux /proc), or None where it cannot be read."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def main() -> None:
    """In the child: read a pickled job from stdin, write ("ok", report) or why not to stdout."""
    # From the server that started this process (_run_in_child), nobody else.
    data, filename, options, reference, own = pickle.load(sys.stdin.buffer)  # noqa: S301
    with contextlib.suppress(OSError):
        os.nice(own["nice"])
    # A backstop if the parent cannot stop us: the kernel ends the process at this CPU time.
    cpu = int(own["cpu_seconds"]) + 30
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
    try:
        answer: tuple = ("ok", ingest_pipeline.ingest(data, filename, options, reference).compact())
    except MemoryError:
        answer = ("memory", None)
    except Exception as exc:  # noqa: BLE001 - reported to the parent, which decides
        answer = ("error", f"{type(exc).__name__}: {exc}"[:300])
    sys.stdout.buffer.write(pickle.dumps(answer, protocol=5))
    sys.stdout.buffer.flush()


def _refused(filename: str, message: str) -> ingest_report.Report:
    report = ingest_report.failed(filename, message)
    report.refused = True  # other reading settings cannot help
    return report


def _too_slow(filename: str, seconds: float) -> str:
    return (
        f"Het inlezen van '{filename}' is na {fmt.number(seconds)} seconden gestopt: het bestand "
        "is te groot of te ingewikkeld om hier in te lezen. Bewaar alleen de kolommen en rijen "
        "die u nodig hebt (bijvoorbeeld één rij per gemeente in plaats van één per respondent) "
        "en upload het opnieuw."
    )


def _too_big(filename: str, limits: Limits) -> str:
    return (
        f"Het inlezen van '{filename}' is gestopt: het had meer dan "
        f"{fmt.number(limits.memory / 2**20)} MB geheugen nodig. Bewaar alleen de kolommen en "
        "rijen die u nodig hebt (bijvoorbeeld één rij per gemeente in plaats van één per "
        "respondent) en upload het opnieuw."
    )


def _busy(seconds: float) -> str:
    return (
        f"Op deze server wordt al {fmt.number(seconds)} seconden een ander groot bestand "
        "ingelezen. Probeer het over een minuut opnieuw."
    )


def _crashed(filename: str, detail: object) -> str:
    return (
        f"Het inlezen van '{filename}' is onverwacht afgebroken (technische melding: "
        f"{detail}). Probeer het opnieuw; lukt het weer niet, sla het bestand dan op als CSV "
        "met alleen de tabel en upload dat."
    )


if __name__ == "__main__":
    main()
