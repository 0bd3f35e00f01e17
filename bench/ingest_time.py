"""Import time of a user CSV with core.ingest: a 342-row and a 100,000-row generated file.

Measured in fresh subprocesses: the CLI `python -m core.ingest FILE --json` (wall time, with the
interpreter start and imports) and the `ingest()` call alone (which also loads the gemeente
reference from the bundle). The files mimic a survey export: semicolons, decimal commas, a
GM-code column, a name column and two value columns; the large one has one row per respondent,
so every gemeente appears about 290 times.
"""

from __future__ import annotations

import json
import random
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


if __name__ == "__main__":
    print(json.dumps(measure(), indent=2))
