"""Issue 23, item 1: imported text reaches every page as text, never as markup.

Imported indicators are made with the app's own function (core.ingest.output.make_indicator)
from a column name, a typed label, a typed unit and a file name that each carry a different
payload (links, images, autolinks, HTML, plotly templates, LaTeX, emphasis). Every page that can
show them is run, and every text Streamlit renders as markdown (bodies, widget labels, tooltips,
table column tooltips) and every plotly figure is searched for a payload that survived raw.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest
from google.protobuf.json_format import MessageToDict
from streamlit.testing.v1 import AppTest

from core import paths
from core.ingest import output as ingest_output
from core.ingest import report as ingest_report

APP = str(paths.REPO_ROOT / "dashboard.py")

COLUMN = "Moeite ![p](http://pix.example/p.gif) [klik](https://evil.example/x) www.auto.example"
LABEL = "<b>vet</b> %{customdata[9]} $x^2$ *em* a@b.example <a href='https://evil.example'>a</a>"
UNIT = "<i>u</i> %{meta}"
FILE = "![f](http://file.example/f.gif) <i>x</i> :red[rood].csv"
# Raw forms that only a payload that was not escaped can leave behind, per context.
MARKDOWN_RAW = [
    "![p](",
    "[klik](",
    "](http",
    "www.auto",
    "a@b",
    "<b>",
    "<i>",
    "$x^2$",
    "*em*",
    ":red[",
    "%{customdata[9]}",
]
# In HTML we write ourselves (st.markdown blocks that start with a tag) only tags are markup.
HTML_RAW = ["<b>vet", "<i>u", "<i>x", "<a href"]
PLOTLY_RAW = ["<b>vet", "<i>u", "<i>x", "<a ", "%{customdata[9]}", "%{meta}", "$x^2$"]
MARKDOWN_FIELDS = {"body", "label", "help", "placeholder", "caption"}


def _entry(key: str, column_name: str, values: dict[str, float], **typed: object) -> dict:
    column = ingest_report.Column(column_name, "value", len(values), 0, 0)
    column.note = "getallen"
    item = ingest_output.make_indicator(
        key, column, FILE, dt.date(2026, 3, 1), higher_is_worse=True, **typed
    )
    return {
        "indicator": dataclasses.asdict(item),
        "values": values,
        "file": "f1",
        "column": column_name,
    }


def _hostile_app() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    values = {"GM0363": 12.0, "GM0518": 30.0, "GM0599": 45.5, "GM0344": 20.0}
    at.session_state["imported_indicators"] = {
        "import_a": _entry("import_a", COLUMN, values, label=LABEL, unit=UNIT),
        "import_b": _entry("import_b", COLUMN + " raad", {k: v / 3 for k, v in values.items()}),
    }
    at.session_state["map_indicator"] = "import_a"
    at.session_state["basket"] = ["GM0363", "GM0518"]
    return at


def _strings(value: object, path: str = "") -> list[tuple[str, str]]:
    """(field name, text) of every string in a protobuf-as-dict, JSON strings opened."""
    out = []
    if isinstance(value, dict):
        for key, item in value.items():
            out += _strings(item, key)
    elif isinstance(value, list):
        for item in value:
            out += _strings(item, path)
    elif isinstance(value, str):
        text = value.strip()
        if text[:1] in "[{":
            try:
                opened = _strings(json.loads(text), path)
            except ValueError:
                opened = None
            if opened is not None:
                # A table's column labels are drawn as plain text by the grid (only their
                # tooltips are markdown); checked in the browser test.
                if path == "columns":
                    opened = [("column_label" if k == "label" else k, t) for k, t in opened]
                return [*opened, (path, value)]
        out.append((path, value))
    return out


def _rendered(at: AppTest) -> tuple[list[str], list[str], int]:
    """Markdown texts, plotly texts and the number of plotly figures on the page."""
    markdown, plotly, figures = [], [], 0
    stack = [at._tree]
    while stack:
        node = stack.pop()
        stack.extend(getattr(node, "children", {}).values())
        proto = getattr(node, "proto", None)
        if proto is None or not hasattr(proto, "DESCRIPTOR"):
            continue
        fields = MessageToDict(proto, preserving_proto_field_name=True)
        if proto.DESCRIPTOR.name == "PlotlyChart":
            figures += 1
            plotly += [text for _, text in _strings(json.loads(fields.get("spec", "{}")))]
            continue
        markdown += [text for name, text in _strings(fields) if name in MARKDOWN_FIELDS]
    return markdown, plotly, figures


def _assert_inert(at: AppTest, min_figures: int) -> None:
    assert not at.exception, at.exception
    markdown, plotly, figures = _rendered(at)
    shown = " ".join(markdown)
    assert any(word in shown for word in ("Moeite", "vet", "rood")), "no imported text shown"
    blocks = [t for t in markdown if t.lstrip().startswith("<")]
    paragraphs = [t for t in markdown if t not in blocks]
    for raw in MARKDOWN_RAW:
        assert not [t for t in paragraphs if raw in t], (raw, [t for t in paragraphs if raw in t])
    for raw in HTML_RAW:
        assert not [t for t in blocks if raw in t], (raw, [t[:300] for t in blocks if raw in t])
    assert figures >= min_figures
    for raw in PLOTLY_RAW:
        assert not [t for t in plotly if raw in t], (raw, [t for t in plotly if raw in t][:3])


def test_kaart_shows_imported_text_as_text() -> None:
    at = _hostile_app()
    at.run()
    at.switch_page("pages/kaart.py")
    at.run()
    _assert_inert(at, min_figures=1)
    # The map's hover template holds the label as plotly text: no template from the payload.
    _, plotly, _ = _rendered(at)
    assert any("&#37;{customdata[9]}" in t for t in plotly)


def test_kaart_bivariate_legend_and_captions_are_inert() -> None:
    at = _hostile_app()
    at.session_state["kaart_bivariate"] = True
    at.session_state["indicator_y"] = "import_b"
    at.run()
    at.switch_page("pages/kaart.py")
    at.run()
    _assert_inert(at, min_figures=1)


def test_groepen_own_group_is_inert() -> None:
    at = _hostile_app()
    at.run()
    at.switch_page("pages/groepen.py")
    at.run()
    at.radio(key="group").set_value("own").run()
    at.selectbox(key="own_council").set_value("import_b").run()
    _assert_inert(at, min_figures=2)


def test_selectie_with_an_imported_weight_is_inert() -> None:
    at = _hostile_app()
    at.session_state["ranking_weights"] = {"import_a": 1.0, "women_gap_2022": 1.0}
    at.run()
    at.switch_page("pages/selectie.py")
    at.run()
    _assert_inert(at, min_figures=0)


def test_presenteren_indicator_slide_is_inert() -> None:
    at = _hostile_app()
    at.run()
    at.switch_page("pages/presenteren.py")
    at.run()
    # The imported indicator (the one on Kaart) has its own map slide: show that one.
    order = at.session_state["present_order"]
    at.session_state["present_index"] = order.index("map:import_a")
    at.run()
    _assert_inert(at, min_figures=1)


@pytest.mark.parametrize("chosen", ["import_a", "import_b"])
def test_data_page_list_and_preview_map_are_inert(chosen: str) -> None:
    at = _hostile_app()
    at.session_state["import_map_indicator"] = chosen
    at.run()
    at.switch_page("pages/data.py")
    at.run()
    _assert_inert(at, min_figures=1)
