"""Targets (PASS/FAIL) and the markdown/console tables of a benchmark run."""

from __future__ import annotations

import math

from bench import stats

KB = 1000
PAYLOAD_LIMIT_KB = 350  # issue 14 (was 300 before the static picture was added)
PAINT_FACTOR = 1.25
VISIBLE_FACTOR = 0.6  # map on screen (static picture) vs the floor's painted map
CLS_LIMIT = 0.02
REPAINT_FACTOR = 2.0
MEMORY_LIMIT_MB = 600
CPU_FACTOR = 2.0  # issue 25: server CPU per session on /kaart, times the floor's
SESSION_MB = 5.0  # issue 25: memory per added session
PAGES = (("app_kaart", "/kaart"), ("app_overview", "/"))


def _get(mapping: dict | None, *keys: str) -> float:
    value: object = mapping or {}
    for key in keys:
        value = value.get(key) if isinstance(value, dict) else None
    return float(value) if isinstance(value, int | float) else math.nan


def _target(name: str, value: float, limit: float, unit: str, rule: str, note: str = "") -> dict:
    if math.isnan(value) or math.isnan(limit):
        status = "n/a"
    else:
        status = "PASS" if value <= limit else "FAIL"
    return {
        "target": name,
        "value": value,
        "limit": limit,
        "unit": unit,
        "rule": rule,
        "status": status,
        "note": note,
    }


def page_name(name: str, throttle: float = 1.0) -> str:
    """The results key of a page at a CPU speed: 'app_kaart', or 'app_kaart@4x' when throttled."""
    return name if not throttle or throttle <= 1 else f"{name}@{throttle:g}x"


def speeds(results: dict) -> list[str]:
    """The name suffixes of the speeds measured: '' (normal) and e.g. '@4x'."""
    throttle = results.get("meta", {}).get("throttle") or 0
    return [""] + ([page_name("", throttle)] if throttle > 1 else [])


def targets(results: dict) -> list[dict]:
    """The issue's targets, checked on the medians of this run (plus informational rows)."""
    pages = results.get("pages", {})
    out = []
    for speed in speeds(results):
        floor = pages.get("floor" + speed, {}).get("median", {})
        at = f" ({speed[1:]} CPU throttling)" if speed else ""
        for name, label in PAGES:
            med = pages.get(name + speed, {}).get("median", {})
            out += [
                _target(
                    f"First map payload {label}{at} (websocket, first load)",
                    _get(med, "load_bytes") / KB,
                    PAYLOAD_LIMIT_KB,
                    "kB",
                    f"<= {PAYLOAD_LIMIT_KB} kB",
                ),
                _target(
                    f"Map visible {label}{at} (static picture on screen)",
                    _get(med, "visible_ms"),
                    VISIBLE_FACTOR * _get(floor, "paint_ms"),
                    "ms",
                    f"<= {VISIBLE_FACTOR} x floor's painted map",
                ),
                _target(
                    f"Map interactive {label}{at} (plotly painted)",
                    _get(med, "paint_ms"),
                    PAINT_FACTOR * _get(floor, "paint_ms"),
                    "ms",
                    f"<= {PAINT_FACTOR} x floor",
                ),
                _target(
                    f"Repaint after indicator change {label}{at}",
                    _get(med, "repaint_ms"),
                    REPAINT_FACTOR * _get(floor, "repaint_ms"),
                    "ms",
                    f"<= {REPAINT_FACTOR} x floor",
                ),
                _target(
                    f"Layout shift while loading {label}{at}",
                    _get(med, "cls"),
                    CLS_LIMIT,
                    "cls",
                    f"< {CLS_LIMIT}",
                ),
                _target(
                    f"Layout shift after the page's first content {label}{at}",
                    _get(med, "cls_after_content"),
                    CLS_LIMIT,
                    "cls",
                    f"< {CLS_LIMIT}",
                    note="without the shifts of Streamlit's empty shell before the title",
                ),
                _target(
                    f"Info: layout shift once the map is on screen {label}{at}",
                    _get(med, "cls_after_visible"),
                    CLS_LIMIT,
                    "cls",
                    f"< {CLS_LIMIT}",
                    note="the part of the above after the map appeared",
                ),
                _target(
                    f"Info: first map control usable {label}{at}",
                    _get(med, "controls_ms"),
                    _get(floor, "paint_ms"),
                    "ms",
                    "<= floor's painted map",
                    note="issue 14: open the indicator list within the floor's paint time",
                ),
            ]
    sessions = results.get("meta", {}).get("sessions", 10)
    out.append(
        _target(
            f"Server memory, {sessions} sessions on /kaart",
            _get(results.get("memory"), "app", f"peak_{sessions}_mb"),
            MEMORY_LIMIT_MB,
            "MB",
            f"<= {MEMORY_LIMIT_MB} MB",
        )
    )
    load = results.get("cpu", {})
    if load:
        app, floor_cpu = load.get("app /kaart", {}), load.get("floor", {})
        out.append(
            _target(
                "Server CPU per session /kaart (load + 2 changes)",
                _get(app, "cpu_s_per_session"),
                CPU_FACTOR * _get(floor_cpu, "cpu_s_per_session"),
                "s",
                f"<= {CPU_FACTOR} x floor",
            )
        )
        out.append(
            _target(
                "Info: the same, like for like (floor without Streamlit's post-run GC)",
                _get(app, "cpu_s_per_session"),
                CPU_FACTOR * _get(load.get("floor-nogc"), "cpu_s_per_session"),
                "s",
                f"<= {CPU_FACTOR} x floor-nogc",
                note="the app's frozen heap makes that collection cheap (components/heap.py)",
            )
        )
        out.append(
            _target(
                "Memory per added session /kaart",
                _get(app, "mb_per_added_session"),
                SESSION_MB,
                "MB",
                f"<= {SESSION_MB} MB",
            )
        )
    med = pages.get("app_kaart", {}).get("median", {})
    out.append(
        _target(
            "Info: repaint /kaart until polygons are drawn again",
            _get(med, "repaint_drawn_ms"),
            REPAINT_FACTOR * _get(floor, "repaint_drawn_ms"),
            "ms",
            f"<= {REPAINT_FACTOR} x floor",
            note="not an issue target",
        )
    )
    out.append(
        _target(
            "Info: map figure alone in Python (kaart)",
            _get(results.get("figure_payload"), "figure_bytes") / KB,
            PAYLOAD_LIMIT_KB,
            "kB",
            f"<= {PAYLOAD_LIMIT_KB} kB",
            note="not an issue target",
        )
    )
    return out


# --------------------------------------------------------------------------- formatting


def _fmt(value: float, unit: str) -> str:
    if math.isnan(value):
        return "n/a"
    if unit == "kB":
        return f"{value:,.1f} kB"
    if unit == "ratio":
        return f"{value:.2f}x"
    if unit == "cls":
        return f"{value:.3f}"
    if unit == "s":
        return f"{value:.2f} s"
    return f"{value:,.0f} {unit}"


def _table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    lines = [
        "| " + " | ".join(str(c).ljust(w) for c, w in zip(header, widths, strict=True)) + " |",
        "|" + "|".join("-" * (w + 2) for w in widths) + "|",
    ]
    for row in rows:
        lines.append(
            "| " + " | ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)) + " |"
        )
    return "\n".join(lines)


def comparison(results: dict, speed: str = "") -> str:
    """Medians per page, with the ratios of the app against the floor and the naive baseline."""
    pages = {
        name[: len(name) - len(speed)] if speed else name: entry
        for name, entry in results.get("pages", {}).items()
        if (name.endswith(speed) if speed else "@" not in name)
    }
    memory = results.get("memory", {})
    sessions = results.get("meta", {}).get("sessions", 10)
    metrics = [
        ("Websocket bytes, first load", "load_bytes", KB, "kB"),
        ("Websocket bytes, indicator change", "change_bytes", KB, "kB"),
        ("Map visible (static picture, or the painted map)", "visible_ms", 1, "ms"),
        ("First map control usable", "controls_ms", 1, "ms"),
        ("Time to map painted (interactive)", "paint_ms", 1, "ms"),
        ("Repaint: click -> new data + 2 frames", "repaint_ms", 1, "ms"),
        ("Repaint: click -> polygons drawn again", "repaint_drawn_ms", 1, "ms"),
        ("Layout shift during the load (CLS)", "cls", 1, "cls"),
        ("Layout shift after the page's title was there", "cls_after_content", 1, "cls"),
        ("Layout shift after the map was on screen", "cls_after_visible", 1, "cls"),
    ]
    header = [
        "Metric (median)",
        "app /kaart",
        "app /",
        "naive",
        "floor",
        "/kaart ÷ floor",
        "/kaart ÷ naive",
        "/ ÷ floor",
    ]
    rows = []

    def row(label: str, values: dict[str, float], unit: str) -> list[str]:
        kaart, overview = values.get("app_kaart", math.nan), values.get("app_overview", math.nan)
        naive, floor = values.get("naive", math.nan), values.get("floor", math.nan)
        return [
            label,
            _fmt(kaart, unit),
            _fmt(overview, unit),
            _fmt(naive, unit),
            _fmt(floor, unit),
            _fmt(stats.ratio(kaart, floor), "ratio"),
            _fmt(stats.ratio(kaart, naive), "ratio"),
            _fmt(stats.ratio(overview, floor), "ratio"),
        ]

    for label, key, scale, unit in metrics:
        values = {name: _get(entry.get("median"), key) / scale for name, entry in pages.items()}
        rows.append(row(label, values, unit))
    for label, key, unit in (
        ()
        if speed
        else (
            ("Server RSS, idle (fresh server)", "idle_mb", "MB"),
            ("Server peak RSS, 1 session", "peak_1_mb", "MB"),
            (f"Server peak RSS, {sessions} sessions at once", f"peak_{sessions}_mb", "MB"),
            ("Server CPU, 1 session (incl. first run)", "server_cpu_1_s", "s"),
            (f"Server CPU, {sessions} sessions", f"server_cpu_{sessions}_s", "s"),
        )
    ):
        values = {
            "app_kaart": _get(memory.get("app"), key),
            "naive": _get(memory.get("naive"), key),
            "floor": _get(memory.get("floor"), key),
        }
        rows.append(row(label, values, unit))
    return _table(header, rows)


def breakdown(results: dict, speed: str = "") -> str:
    """Where the time goes: medians of the milestones of a load and of a change, in page time."""
    pages = results.get("pages", {})
    names = [
        n + speed for n in ("app_kaart", "app_overview", "naive", "floor") if n + speed in pages
    ]
    milestones = [
        ("Load: first websocket message (frontend up)", "load_first_msg_ms", "ms"),
        ("Load: map visible (static picture)", "visible_ms", "ms"),
        ("Load: first map control usable", "controls_ms", "ms"),
        ("Load: largest message in (the figure)", "load_largest_msg_ms", "ms"),
        ("Load: size of that message", "load_largest_msg_bytes", "kB"),
        ("Load: plotly.js chunk downloaded", "load_plotly_js_ms", "ms"),
        ("Load: chart element in the page", "load_element_ms", "ms"),
        ("Load: plotly layout ready", "load_plotted_ms", "ms"),
        ("Load: map painted", "paint_ms", "ms"),
        ("Change: first message after the click", "change_first_msg_ms", "ms"),
        ("Change: largest message in", "change_largest_msg_ms", "ms"),
        ("Change: new data in the page", "change_data_ms", "ms"),
        ("Change: new data + 2 frames", "repaint_ms", "ms"),
        ("Change: polygons drawn again", "repaint_drawn_ms", "ms"),
    ]
    rows = []
    for label, key, unit in milestones:
        scale = KB if unit == "kB" else 1
        rows.append(
            [label] + [_fmt(_get(pages[n].get("median"), key) / scale, unit) for n in names]
        )
    return _table(["Milestone (median)", *names], rows) + (
        "\n\nLoad times count from the start of the navigation, change times from the "
        "pointerdown of the click; the websocket message times are the browser's receive times."
    )


def target_table(results: dict) -> str:
    rows = [
        [
            t["target"],
            _fmt(t["value"], t["unit"]),
            f"{t['rule']} = {_fmt(t['limit'], t['unit'])}",
            t["status"] + (" (info)" if t["note"] else ""),
        ]
        for t in results.get("targets", [])
    ]
    return _table(["Target", "Measured (median)", "Limit", "Status"], rows)


def figure_table(results: dict) -> str:
    fig = results.get("figure_payload")
    if not fig:
        return "not measured"
    total = fig["figure_bytes"]
    parts = [
        ("gemeenten GeoJSON (trace)", "gemeenten_geojson_bytes"),
        ("hover texts (customdata)", "hover_text_bytes"),
        ("provinces GeoJSON (layer)", "provinces_geojson_bytes"),
        ("plotly template", "template_bytes"),
        ("locations", "locations_bytes"),
        ("everything else", "rest_bytes"),
    ]
    rows = [["whole figure (plotly.io.to_json)", _fmt(total / KB, "kB"), "100%"]]
    rows += [
        [label, _fmt(fig[key] / KB, "kB"), f"{100 * fig[key] / total:.0f}%"] for label, key in parts
    ]
    text = _table(["Part of the kaart figure", "Size", "Share"], rows)
    return text + (
        f"\n\n{fig['gemeenten_features']} gemeenten with {fig['gemeenten_positions']:,} positions, "
        f"provinces {fig['provinces_positions']:,} positions, coordinates with up to "
        f"{fig['coordinate_decimals']} decimals; {fig['traces']} trace(s)."
    )


def cpu_table(results: dict) -> str:
    load = results.get("cpu")
    if not load:
        return "not measured (skipped)"
    rows = [
        [
            name,
            f"{entry['cpu_s_per_session']:.3f} s",
            f"{entry.get('x_floor', math.nan):.2f} x",
            str(entry["errors"]),
            f"{entry['rss_mb_warm']:.0f} MB",
            f"{entry['mb_per_added_session']:.2f} MB",
        ]
        for name, entry in load.items()
        if isinstance(entry, dict)
    ]
    return (
        _table(
            ["Server", "CPU s per session", "x floor", "Errors", "RSS warm", "MB per session"],
            rows,
        )
        + f"\n\nbench.load bursts (page load + 2 widget changes per session, no browsers), the "
        f"server's own CPU time (psutil); load average {load.get('load_average_start'):.1f} at the "
        f"start, {load.get('load_average_end'):.1f} at the end. floor-nogc: the floor with "
        "STREAMLIT_RUNNER_POST_SCRIPT_GC=false."
    )


def ingest_table(results: dict) -> str:
    ingest = results.get("ingest")
    if not ingest:
        return "not measured (skipped)"
    if not ingest.get("measured"):
        return ingest.get("reason", "not measured")
    rows = [
        [
            f"{f['rows']:,}",
            _fmt(f["file_bytes"] / KB, "kB"),
            _fmt(f["cli_s"], "s"),
            _fmt(f["function_s"], "s"),
            f"ok={f['ok']}, rows={f['rows_read']}, matched={f['matched']}",
        ]
        for f in ingest["files"]
    ]
    return (
        _table(
            ["CSV rows", "File", "python -m core.ingest FILE --json", "ingest() call", "Result"],
            rows,
        )
        + f"\n\nMedian of {ingest['repeats']} fresh processes each."
    )


def runs_table(results: dict) -> str:
    rows = []
    for name, entry in results.get("pages", {}).items():
        for i, run in enumerate(entry.get("runs", []), 1):
            rows.append(
                [
                    name,
                    str(i),
                    _fmt(run["load_bytes"] / KB, "kB"),
                    _fmt(run["change_bytes"] / KB, "kB"),
                    _fmt(run.get("visible_ms", math.nan), "ms"),
                    _fmt(run["paint_ms"], "ms"),
                    _fmt(run["repaint_ms"], "ms"),
                    _fmt(run["repaint_drawn_ms"], "ms"),
                    str(run["painted_filled"]),
                    _fmt(run.get("cls", math.nan), "cls"),
                ]
            )
        for error in entry.get("errors", []):
            rows.append([name, "error", error, "", "", "", "", "", "", ""])
    return _table(
        [
            "Page",
            "Run",
            "WS load",
            "WS change",
            "Visible",
            "Paint",
            "Repaint",
            "Repaint drawn",
            "Filled",
            "CLS",
        ],
        rows,
    )


def markdown(results: dict) -> str:
    meta = results.get("meta", {})
    lines = [
        "# Raadsradar benchmark results",
        "",
        f"Run {meta.get('started')} on {meta.get('machine')}; Python {meta.get('python')}, "
        f"Streamlit {meta.get('streamlit')}, plotly {meta.get('plotly')}, "
        f"Chromium {meta.get('chromium', '?')} (headless, SwiftShader WebGL). "
        f"{meta.get('runs')} runs per page (fresh browser context each, servers warmed up), "
        f"{meta.get('sessions')} concurrent sessions for memory; total {meta.get('total_s')} s. "
        "kB = 1000 bytes, MB = 1,000,000 bytes. Produced by `python -m bench.run`; "
        "see bench/README.md for the method.",
        "",
        f"Code measured: commit {meta.get('commit') or '?'} plus "
        f"{meta.get('uncommitted_files', '?')} uncommitted/untracked files of the work tree "
        f"(servers ran from {'the work tree' if meta.get('in_place') else 'a snapshot copy'}). "
        f"Load average (1/5/15 min) at start {meta.get('load_average_start')}, "
        f"at end {meta.get('load_average_end')}.",
        "",
    ]
    busy = _busy(meta)
    if busy:
        lines += [f"**Note:** {busy}", ""]
    if meta.get("naive_skipped"):
        lines += [f"**Naive baseline skipped:** {meta['naive_skipped']}", ""]
    for speed in speeds(results):
        title = f" (CPU throttled {speed[1:]})" if speed else ""
        lines += ["## Comparison" + title, "", comparison(results, speed), ""]
    lines += ["## Targets", "", target_table(results), ""]
    for speed in speeds(results):
        title = f" (CPU throttled {speed[1:]})" if speed else ""
        lines += ["## Where the time goes" + title, "", breakdown(results, speed), ""]
    lines += [
        "## Map figure alone (Python)",
        "",
        figure_table(results),
        "",
        "## Server CPU per session",
        "",
        cpu_table(results),
        "",
        "## Import time (core.ingest)",
        "",
        ingest_table(results),
        "",
        "## All runs",
        "",
        runs_table(results),
        "",
    ]
    if results.get("errors"):
        lines += ["## Errors", "", *[f"- {e}" for e in results["errors"]], ""]
    return "\n".join(lines)


def _busy(meta: dict) -> str:
    """A warning when other work loaded the machine during the run (timings are then noisier)."""
    loads = [*(meta.get("load_average_start") or []), *(meta.get("load_average_end") or [])[:1]]
    cpus = meta.get("cpus") or 0
    if cpus and loads and max(loads) > cpus:
        return (
            f"the machine was busy with other work (load average up to {max(loads):.1f} on "
            f"{cpus} CPUs); the pages were timed interleaved so that all share the noise, but "
            "absolute times are slower than on an idle machine."
        )
    return ""


def console(results: dict) -> str:
    parts = [comparison(results, speed) + "\n" for speed in speeds(results)]
    parts += [target_table(results)]
    busy = _busy(results.get("meta", {}))
    if busy:
        parts += ["", "NOTE: " + busy]
    if results.get("errors"):
        parts += ["", "ERRORS:", *results["errors"]]
    return "\n".join(parts)
