"""Import time of a user CSV with core.ingest: a 342-row and a 100,000-row generated file,
and (`--heavy`) the heaviest valid upload: 190,000 rows x 36 numeric columns, ~49 MB.

Measured in fresh subprocesses: the CLI `python -m core.ingest FILE --json` (wall time, with the
interpreter start and imports) and the `ingest()` call alone (which also loads the gemeente
reference from the bundle). The files mimic a survey export: semicolons, decimal commas, a
GM-code column, a name column and two value columns; the large one has one row per respondent,
so every gemeente appears about 290 times.

The heavy case (issue 23, item 10) is a file that passes every size, row and column limit: a
GM-code column, a name column and 36 columns of numbers with two decimals, every gemeente ~555
times. For it the CPU seconds, the peak RSS and the wall time are measured, of the CLI and of the
`ingest()` call, plus the memory the report holds and what is left after it is dropped:

    python -m bench.ingest_time --heavy [--rows 190000] [--columns 36]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import stats
from core import bundle

REPO_ROOT = Path(__file__).resolve().parent.parent
TIMEOUT_S = 180
REPEATS = 3
SIZES = (342, 100_000)

CALL_SNIPPET = """
import json, sys, time
from pathlib import Path
from core.ingest import pipeline as ingest
data = Path(sys.argv[1]).read_bytes()
start = time.perf_counter()
report = ingest.ingest(data, Path(sys.argv[1]).name)
print(json.dumps({"seconds": time.perf_counter() - start, "ok": report.ok, "rows": report.rows}))
"""


def available(root: Path = REPO_ROOT) -> str | None:
    """None when core.ingest.pipeline has an `ingest` function to time, else why not.

    (`root` may be an older snapshot of the work tree, from before the pipeline existed.)"""
    path = root / "core" / "ingest" / "pipeline.py"
    if not path.is_file():
        return "not measured: core/ingest/pipeline.py not present"
    if "def ingest(" not in path.read_text(encoding="utf-8"):
        return "not measured: core/ingest/pipeline.py has no ingest() function"
    return None


HEAVY_ROWS = 190_000
HEAVY_COLUMNS = 36

# The ingest() call alone in a fresh interpreter: CPU and wall time of the call, peak RSS of the
# process, RSS while the report is held and after it is dropped (the memory a session keeps).
HEAVY_SNIPPET = """
import ctypes, gc, json, resource, sys, time
from pathlib import Path
from core.ingest import names, pipeline

def rss_mb():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() / 2**20

reference = names.load_reference()
data = Path(sys.argv[1]).read_bytes()
gc.collect()
before = rss_mb()
cpu0, wall0 = time.process_time(), time.perf_counter()
report = pipeline.ingest(data, Path(sys.argv[1]).name, reference=reference)
cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
gc.collect()
held = rss_mb()
warnings = [len(w) for w in report.warnings]
ok, rows, matched = report.ok, report.rows, report.matched
del report
gc.collect()
ctypes.CDLL("libc.so.6").malloc_trim(0)
print(json.dumps({
    "cpu_s": cpu, "wall_s": wall, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "rss_before_mb": before, "rss_report_held_mb": held, "rss_after_drop_mb": rss_mb(),
    "ok": ok, "rows": rows, "matched": matched, "longest_warning": max(warnings, default=0),
    "warnings": len(warnings),
}))
"""


# The app's path (core.ingest.worker): the server's own CPU seconds, the import process's CPU
# and peak RSS, wall time, and the size of the report the session keeps.
APP_SNIPPET = """
import json, pickle, resource, sys, time
from pathlib import Path
from core.ingest import names, options, worker

reference = names.load_reference()
data = Path(sys.argv[1]).read_bytes()
cpu0, wall0 = time.process_time(), time.perf_counter()
report = worker.run(data, Path(sys.argv[1]).name, options.Options(), reference)
children = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({
    "server_cpu_s": time.process_time() - cpu0, "wall_s": time.perf_counter() - wall0,
    "import_cpu_s": children.ru_utime + children.ru_stime,
    "import_peak_rss_mb": children.ru_maxrss / 1024,
    "server_peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "session_report_mb": len(pickle.dumps(report)) / 2**20, "ok": report.ok,
    "error": report.error,
}))
"""


def write_heavy_csv(path: Path, rows: int = HEAVY_ROWS, columns: int = HEAVY_COLUMNS) -> None:
    """A valid but heavy upload: every gemeente many times, `columns` numeric columns."""
    gemeenten = bundle.load_table("gemeenten")
    codes, names = gemeenten["code"].tolist(), gemeenten["name"].tolist()
    rng = random.Random(rows * 1000 + columns)  # noqa: S311 - illustrative values
    header = ["Gemeentecode", "Gemeente", *(f"Meting {i + 1}" for i in range(columns))]
    with path.open("w", encoding="utf-8") as out:
        out.write(";".join(header) + "\n")
        for i in range(rows):
            j = i % len(codes)
            # Two decimals in three columns of four, one in the fourth: ~258 bytes a row, so
            # 190,000 rows are 49 MB, under Streamlit's upload limit of 50,000,000 bytes.
            values = ";".join(
                f"{rng.uniform(0, 1_000):.{1 + (c % 4 > 0)}f}".replace(".", ",")
                for c in range(columns)
            )
            out.write(f"{codes[j]};{names[j]};{values}\n")


def _timed(command: list[str], root: Path) -> dict:
    """Wall time, CPU seconds (user + system) and peak RSS of one child process."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    out, err = process.communicate(timeout=TIMEOUT_S * 3)
    wall = time.perf_counter() - start
    # The CLI's CPU and peak RSS come from RUSAGE_CHILDREN around this call (measure_heavy);
    # the snippets report their own.
    if process.returncode not in (0, 2):
        raise RuntimeError(f"{' '.join(command)} exited {process.returncode}: {err[-800:]}")
    return {"wall_s": wall, "stdout": out}


def measure_heavy(
    root: Path = REPO_ROOT, rows: int = HEAVY_ROWS, columns: int = HEAVY_COLUMNS
) -> dict:
    """CPU seconds, peak RSS and wall time of the heavy upload: the CLI and the call alone."""
    reason = available(root)
    if reason:
        return {"measured": False, "reason": reason}
    with tempfile.TemporaryDirectory(prefix="raadsradar-bench-heavy-") as folder:
        path = Path(folder) / "zwaar.csv"
        write_heavy_csv(path, rows, columns)
        size = path.stat().st_size
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        cli = _timed([sys.executable, "-m", "core.ingest", str(path), "--json"], root)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        report = json.loads(cli["stdout"])
        call = json.loads(_timed([sys.executable, "-c", HEAVY_SNIPPET, str(path)], root)["stdout"])
        app: dict = {"measured": False, "reason": "no core/ingest/worker.py in this tree"}
        if (root / "core" / "ingest" / "worker.py").is_file():
            app = json.loads(_timed([sys.executable, "-c", APP_SNIPPET, str(path)], root)["stdout"])
    return {
        "measured": True,
        "rows": rows,
        "columns": columns,
        "file_bytes": size,
        "cli": {
            "wall_s": cli["wall_s"],
            "cpu_s": (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime),
            # ru_maxrss of RUSAGE_CHILDREN is the largest child so far: this one (the first).
            "peak_rss_mb": after.ru_maxrss / 1024,
            "ok": report.get("ok"),
            "error": report.get("error"),
            "matched": report.get("matched"),
            "json_bytes": len(cli["stdout"]),
            "longest_warning": max((len(w) for w in report.get("warnings", [])), default=0),
        },
        "call": call,
        "app": app,
    }


def write_csv(path: Path, rows: int) -> None:
    gemeenten = bundle.load_table("gemeenten")
    codes, names = gemeenten["code"].tolist(), gemeenten["name"].tolist()
    rng = random.Random(rows)  # noqa: S311 - illustrative values
    lines = ["Gemeentecode;Gemeente;Respons (%);Score"]
    for i in range(rows):
        j = i % len(codes)
        share = f"{rng.uniform(0, 100):.1f}".replace(".", ",")
        lines.append(f"{codes[j]};{names[j]};{share};{rng.randint(1, 10)}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _run(command: list[str], root: Path) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(
        command, cwd=root, capture_output=True, text=True, timeout=TIMEOUT_S, check=False
    )
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 2):
        raise RuntimeError(f"{' '.join(command)} exited {done.returncode}: {done.stderr[-800:]}")
    return seconds, done.stdout


def measure(root: Path = REPO_ROOT) -> dict:
    """Median CLI and function times per file size, or the reason it was not measured.

    `root` is the work tree (or a snapshot of it) whose core.ingest is timed.
    """
    reason = available(root)
    if reason:
        return {"measured": False, "reason": reason}
    results = []
    with tempfile.TemporaryDirectory(prefix="raadsradar-bench-ingest-") as folder:
        for rows in SIZES:
            path = Path(folder) / f"enquete_{rows}.csv"
            write_csv(path, rows)
            cli, calls, report = [], [], {}
            for _ in range(REPEATS):
                seconds, out = _run(
                    [sys.executable, "-m", "core.ingest", str(path), "--json"], root
                )
                cli.append(seconds)
                report = json.loads(out)
                _, out = _run([sys.executable, "-c", CALL_SNIPPET, str(path)], root)
                calls.append(json.loads(out)["seconds"])
            results.append(
                {
                    "rows": rows,
                    "file_bytes": path.stat().st_size,
                    "cli_s": stats.median(cli),
                    "function_s": stats.median(calls),
                    "ok": report.get("ok"),
                    "rows_read": report.get("rows"),
                    "matched": report.get("matched"),
                    "error": report.get("error"),
                }
            )
    return {"measured": True, "repeats": REPEATS, "files": results}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.ingest_time")
    parser.add_argument("--heavy", action="store_true", help="only the heavy upload")
    parser.add_argument("--rows", type=int, default=HEAVY_ROWS)
    parser.add_argument("--columns", type=int, default=HEAVY_COLUMNS)
    args = parser.parse_args(argv)
    if args.heavy:
        print(json.dumps(measure_heavy(REPO_ROOT, args.rows, args.columns), indent=2))
    else:
        print(json.dumps(measure(), indent=2))


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
