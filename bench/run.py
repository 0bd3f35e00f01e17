"""Run every benchmark in one go and write bench/results/latest.md and latest.json.

    python -m bench.run              # or: python bench/run.py
    python -m bench.run --runs 3 --sessions 10

Compares, on this machine and in this run, the real app (`dashboard.py`, pages /kaart and /)
with a naive baseline (bench/naive_app.py) and the floor (bench/floor_app.py). See
bench/README.md for what each number means.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime as dt
import json
import math
import os
import platform
import signal
import subprocess
import sys
import time
import traceback
from pathlib import Path

if __package__ in (None, ""):  # run as `python bench/run.py`: make `bench` and `core` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import plotly
import streamlit
from playwright.sync_api import sync_playwright

from bench import browser, cpu, figure_payload, ingest_time, report, servers, stats

RESULTS_DIR = Path(__file__).resolve().parent / "results"
# The same path bench/naive_app.py reads (that script cannot be imported: it is a Streamlit page).
RAW_DIR = Path(
    os.environ.get("BENCH_RAW_DIR", servers.REPO_ROOT.parent / "shared" / "data" / "raw")
)
NAIVE_GEOJSON = RAW_DIR / "grtool" / "gemeente_2022.geojson"
MB = 1_000_000


@dataclasses.dataclass(frozen=True)
class App:
    """A Streamlit script with the pages to time; `memory` is the page the sessions open."""

    name: str
    script: str
    scenarios: tuple[browser.Scenario, ...]
    memory: browser.Scenario


MAIN_MAP = ".st-key-map .js-plotly-plot"
KAART = browser.Scenario(
    "app_kaart",
    "/kaart",
    MAIN_MAP,
    browser.selectbox_option("indicator", "Vertegenwoordiging · Vrouwen in de raad (2026)"),
)
OVERVIEW = browser.Scenario(
    "app_overview",
    "/",
    ".st-key-overview_map .js-plotly-plot",
    browser.radio_option("overview_measure", "Aandeel lijsten korter dan de raad (2026)"),
)
NAIVE = browser.Scenario(
    "naive", "/", MAIN_MAP, browser.selectbox_option("indicator", "Willekeurig A")
)
FLOOR = browser.Scenario("floor", "/", MAIN_MAP, browser.selectbox_option("indicator", "Tweede"))

APPS = {
    "app": App("app", "dashboard.py", (KAART, OVERVIEW), KAART),
    "naive": App("naive", "bench/naive_app.py", (NAIVE,), NAIVE),
    "floor": App("floor", "bench/floor_app.py", (FLOOR,), FLOOR),
}


def _on_sigterm(signum: int, frame: object) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


def _error(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {str(exc).strip().splitlines()[0][:300] if str(exc) else ''}"


def memory(chromium: object, server: servers.Server, app: App, sessions: int) -> dict:
    """Peak server RSS (process tree) on a fresh server: 1 session, then `sessions` at once."""
    entry: dict = {"page": app.memory.path}
    time.sleep(1.0)
    entry["idle_mb"] = server.rss_bytes() / MB
    for n in (1, sessions):
        cpu = server.cpu_seconds()
        start = time.monotonic()
        with servers.PeakSampler(server) as sampler:
            browser.concurrent_sessions(chromium, server.url, app.memory, n)
        entry[f"peak_{n}_mb"] = sampler.peak / MB
        entry[f"server_cpu_{n}_s"] = server.cpu_seconds() - cpu
        entry[f"wall_{n}_s"] = time.monotonic() - start
    entry["after_mb"] = server.rss_bytes() / MB
    return entry


def measure(
    pw: object, apps: list[App], args: argparse.Namespace, root: Path, log: callable
) -> dict:
    """Start all servers; memory first (on the fresh servers), then interleaved timed runs.

    The memory sessions also warm the servers up; pages they did not open get a warm-up visit.
    Runs rotate their order so that drift on the machine hits every page alike.
    """
    pages: dict[str, dict] = {}
    memory_results: dict[str, dict] = {}
    with contextlib.ExitStack() as stack:
        chromium = browser.launch(pw)
        stack.callback(chromium.close)
        urls = {}
        for app in apps:
            server = stack.enter_context(servers.streamlit_server(app.name, app.script, root))
            urls[app.name] = server.url
            log(f"{app.name}: server at {server.url}")
            warm = list(app.scenarios)
            if not args.skip_memory:
                try:
                    memory_results[app.name] = memory(chromium, server, app, args.sessions)
                    entry = memory_results[app.name]
                    log(
                        f"{app.name}: memory idle {entry['idle_mb']:.0f} MB, 1 session "
                        f"{entry['peak_1_mb']:.0f} MB, {args.sessions} sessions "
                        f"{entry[f'peak_{args.sessions}_mb']:.0f} MB"
                    )
                    warm = [s for s in warm if s is not app.memory]
                except Exception as exc:
                    memory_results[app.name] = {"error": _error(exc)}
                    log(f"{app.name}: memory FAILED {_error(exc)}")
            if warm:
                log(f"{app.name}: warming up {', '.join(s.path for s in warm)}")
                browser.warm_up(chromium, server.url, warm)
        # With --throttle, every page is also loaded with the CPU slowed down, in the same
        # rotation (page names get a suffix such as "@4x"), so both speeds share the noise.
        speeds = [1.0] + ([args.throttle] if args.throttle and args.throttle > 1 else [])
        order = [
            (app, scenario, speed) for speed in speeds for app in apps for scenario in app.scenarios
        ]
        for _, scenario, speed in order:
            pages[report.page_name(scenario.name, speed)] = {"runs": [], "errors": []}
        for run in range(args.runs):
            shift = run % len(order)
            for app, scenario, speed in order[shift:] + order[:shift]:
                name = report.page_name(scenario.name, speed)
                try:
                    result = browser.measure_run(chromium, urls[app.name], scenario, speed)
                except Exception as exc:  # one failed run must not lose the others
                    pages[name]["errors"].append(_error(exc))
                    log(f"run {run + 1}/{args.runs} {name}: FAILED {_error(exc)}")
                    continue
                pages[name]["runs"].append(dataclasses.asdict(result))
                log(
                    f"run {run + 1}/{args.runs} {name}: visible {result.visible_ms:.0f} ms, "
                    f"paint {result.paint_ms:.0f} ms, repaint {result.repaint_ms:.0f} ms, "
                    f"load {result.load_bytes / 1000:.1f} kB, CLS {result.cls:.3f}"
                )
    for entry in pages.values():
        keys = entry["runs"][0].keys() if entry["runs"] else []
        entry["median"] = {key: stats.median([r[key] for r in entry["runs"]]) for key in keys}
    return {"pages": pages, "memory": memory_results}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per page (median)")
    parser.add_argument("--sessions", type=int, default=10, help="concurrent sessions for memory")
    parser.add_argument("--out", type=Path, default=RESULTS_DIR, help="folder for latest.md/json")
    parser.add_argument(
        "--throttle",
        type=float,
        default=0,
        help="also load every page with the CPU slowed down this many times (e.g. 4)",
    )
    parser.add_argument("--skip-memory", action="store_true")
    parser.add_argument("--skip-ingest", action="store_true")
    parser.add_argument("--skip-cpu", action="store_true", help="no server-CPU-per-session phase")
    parser.add_argument(
        "--cpu-sessions", type=int, default=20, help="protocol-level sessions per CPU burst"
    )
    parser.add_argument(
        "--in-place",
        action="store_true",
        help="run the servers from the work tree instead of a snapshot copy of it",
    )
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, _on_sigterm)
    started = time.monotonic()

    def log(message: str) -> None:
        print(f"[{time.monotonic() - started:6.1f} s] {message}", flush=True)

    apps = [APPS["app"], APPS["floor"]]
    naive_missing = None if NAIVE_GEOJSON.is_file() else f"raw GeoJSON not found: {NAIVE_GEOJSON}"
    if naive_missing:
        log(f"naive baseline SKIPPED: {naive_missing}")
    else:
        apps.insert(1, APPS["naive"])

    results: dict = {
        "meta": {
            "started": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "machine": f"{platform.machine()}, {_cpus()} CPUs, {platform.system()} {platform.release()}",
            "cpus": _cpus(),
            "python": platform.python_version(),
            "streamlit": streamlit.__version__,
            "plotly": plotly.__version__,
            "runs": args.runs,
            "throttle": args.throttle,
            "sessions": args.sessions,
            "naive_skipped": naive_missing,
            "commit": _git("rev-parse", "--short", "HEAD"),
            "uncommitted_files": len(_git("status", "--porcelain").splitlines()),
            "in_place": args.in_place,
            "load_average_start": _load(),
            "kb": 1000,
            "mb": MB,
        },
        "errors": [],
    }
    try:
        with contextlib.ExitStack() as stack:
            root = servers.REPO_ROOT
            if not args.in_place:
                root = stack.enter_context(servers.snapshot())
                log(f"measuring a snapshot of the work tree: {root}")
            log("figure payload in Python")
            results["figure_payload"] = figure_payload.measure()
            with sync_playwright() as pw:
                results["meta"]["chromium"] = _chromium_version(pw)
                log(f"memory with 1 and {args.sessions} sessions, then {args.runs} runs per page")
                results.update(measure(pw, apps, args, root, log))
            for name, entry in results["pages"].items():
                if entry["errors"]:
                    results["errors"].append(
                        f"{name}: {len(entry['errors'])} of {args.runs} runs failed "
                        f"(first: {entry['errors'][0]})"
                    )
            for name, entry in results.get("memory", {}).items():
                if "error" in entry:
                    results["errors"].append(f"{name} memory: {entry['error']}")
            if not args.skip_cpu:
                names = [n for n in cpu.TARGETS if naive_missing is None or n != "naive"]
                log(f"server CPU per session: {args.cpu_sessions} sessions each, {names}")
                results["cpu"] = cpu.measure_in(root, names, args.cpu_sessions, 20.0)
                for name, entry in results["cpu"].items():
                    if isinstance(entry, dict) and entry.get("errors"):
                        results["errors"].append(f"cpu {name}: {entry['errors']} session errors")
            if not args.skip_ingest:
                log("import time with core.ingest")
                results["ingest"] = ingest_time.measure(root)
    except KeyboardInterrupt as exc:
        results["errors"].append(f"interrupted: {exc}")
        log("interrupted: writing what was measured")
    except Exception as exc:
        results["errors"].append(_error(exc))
        traceback.print_exc()
    results["meta"]["total_s"] = round(time.monotonic() - started, 1)
    results["meta"]["load_average_end"] = _load()
    results["targets"] = report.targets(results)
    markdown = report.markdown(results)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "latest.json").write_text(
        json.dumps(_clean(results), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    (args.out / "latest.md").write_text(markdown, encoding="utf-8")
    print()
    print(report.console(results))
    print(f"\nwritten: {args.out / 'latest.md'} and {args.out / 'latest.json'}")
    return 1 if results["errors"] else 0


def _cpus() -> int:
    return os.cpu_count() or 0


def _git(*args: str) -> str:
    """Read-only git query (which code was measured); '' when git is not available."""
    try:
        done = subprocess.run(
            ["git", *args], cwd=servers.REPO_ROOT, capture_output=True, text=True, timeout=10
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


def _load() -> list[float]:
    """1, 5 and 15 minute load averages: how busy the machine was (other work skews timings)."""
    return [round(x, 2) for x in os.getloadavg()]


def _chromium_version(pw: object) -> str:
    chromium = browser.launch(pw)
    try:
        return chromium.version
    finally:
        chromium.close()


def _clean(value: object) -> object:
    """JSON without NaN (null instead) and with rounded floats."""
    if isinstance(value, dict):
        return {key: _clean(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(item) for item in value]
    if isinstance(value, float):
        return None if math.isnan(value) else round(value, 3)
    return value


if __name__ == "__main__":
    sys.exit(main())
