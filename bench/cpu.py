"""Server CPU per session: the app, the naive app and Streamlit's floor, measured in one run.

Each server runs alone (one after the other, from the same snapshot of the work tree), gets one
warm-up session (caches filled, modules imported), and then a protocol-level burst from
`bench.load` (N sessions started evenly over the ramp, each a page load and two widget changes,
no browsers). The server's own CPU time (user + system of the process and its children, from
psutil) before and after the burst, divided by the sessions, is its CPU per session. CPU time
does not depend much on what else the machine is doing, unlike wall time, but a loaded machine
still makes caches colder: compare the ratios of one run.

    python -m bench.cpu --sessions 20 --ramp 20 [--repeats 3] [--only app,floor]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
from collections.abc import Sequence
from pathlib import Path

from bench import load, servers

# name -> (script, page path with query, widget keys that the load changes, extra environment)
TARGETS = {
    "app /kaart": ("dashboard.py", "/kaart?sel=GM0363", ("classes", "indicator"), {}),
    "app /": ("dashboard.py", "/", ("overview_measure",), {}),
    "naive": ("bench/naive_app.py", "/", ("indicator",), {}),
    "floor": ("bench/floor_app.py", "/", ("indicator",), {}),
    # The floor without Streamlit's full garbage collection after every run: what the app's
    # frozen heap (components/heap.py) saves, the floor would save too. Like for like.
    "floor-nogc": (
        "bench/floor_app.py",
        "/",
        ("indicator",),
        {"STREAMLIT_RUNNER_POST_SCRIPT_GC": "false"},
    ),
}


def _load_args(url: str, path: str, widgets: Sequence[str], sessions: int, ramp: float) -> object:
    return load.parse_args(
        [
            "--url",
            url,
            "--path",
            path,
            "--sessions",
            str(sessions),
            "--ramp",
            str(ramp),
            "--reruns",
            "2",
            "--widgets",
            ",".join(widgets),
            "--json",
        ]
    )


def measure_one(
    name: str, root: Path, sessions: int, ramp: float, repeats: int
) -> dict[str, object]:
    """CPU seconds per session (median over `repeats` bursts) for one target."""
    script, path, widgets, env = TARGETS[name]
    per_session: list[float] = []
    errors = 0
    rss_before = rss_after = 0
    label = "".join(c if c.isalnum() else "_" for c in name)
    with servers.streamlit_server(label, script, root=root, env=env) as server:
        asyncio.run(load.run_load(_load_args(server.url, path, widgets, 1, 0.0)))  # warm up
        rss_before = server.rss_bytes()
        for _ in range(repeats):
            before = server.cpu_seconds()
            results, _ = asyncio.run(
                load.run_load(_load_args(server.url, path, widgets, sessions, ramp))
            )
            used = server.cpu_seconds() - before
            errors += sum(1 for r in results if r.error)
            per_session.append(used / sessions)
        rss_after = server.rss_bytes()
    return {
        "cpu_s_per_session": statistics.median(per_session),
        "runs": per_session,
        "errors": errors,
        "sessions": sessions * repeats,
        "rss_mb_warm": round(rss_before / 1e6, 1),
        "rss_mb_after": round(rss_after / 1e6, 1),
        "mb_per_added_session": round((rss_after - rss_before) / 1e6 / (sessions * repeats), 2),
    }


def measure(
    names: Sequence[str], sessions: int = 20, ramp: float = 20.0, repeats: int = 1
) -> dict[str, object]:
    """Every target in `names`, from one snapshot of the work tree."""
    with servers.snapshot() as root:
        return measure_in(root, names, sessions, ramp, repeats)


def measure_in(
    root: Path, names: Sequence[str], sessions: int = 20, ramp: float = 20.0, repeats: int = 1
) -> dict[str, object]:
    """Every target in `names`, run from `root`, with the load average around the run and each
    target's CPU per session as a multiple of the floor's."""
    out: dict[str, object] = {"load_average_start": os.getloadavg()[0]}
    for name in names:
        out[name] = measure_one(name, root, sessions, ramp, repeats)
    out["load_average_end"] = os.getloadavg()[0]
    floor = out.get("floor")
    if isinstance(floor, dict) and floor["cpu_s_per_session"]:
        for name in names:
            entry = out[name]
            entry["x_floor"] = round(entry["cpu_s_per_session"] / floor["cpu_s_per_session"], 2)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.cpu", description=__doc__)
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--ramp", type=float, default=20.0)
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--only", default=",".join(TARGETS), help="comma-separated target names")
    args = parser.parse_args(argv)
    names = [n for n in TARGETS if n in args.only.split(",")]
    if not (Path(servers.REPO_ROOT.parent / "shared").exists()):
        names = [n for n in names if n != "naive"]
    result = measure(names, args.sessions, args.ramp, args.repeats)
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
