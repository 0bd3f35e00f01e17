"""AppTest flows of the data page: upload, report, choices, downloads, session-only indicators."""

from __future__ import annotations

import pandas as pd
from streamlit.testing.v1 import AppTest

from core import paths
from tests.fixtures.ingest import corpus

APP = str(paths.REPO_ROOT / "dashboard.py")
PAGE = "pages/data.py"
CASES = corpus.cases()
MESSY = (
    "Enquête 2024\n\nGemeente;Vertrouwen;Aandeel\nAmsterdam;12,5;0,25\nBergen;3;0,5\n"
    "Weesp;4;0,1\n<b>Utrecht</b>;1;0,2\nAmsterdam;13;0,3\n=1+1;1;0,1\nRotterdam;7;0,4\n"
).encode("cp1252")


def _page() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    at.switch_page(PAGE)
    return at.run()


def _upload(at: AppTest, name: str, data: bytes) -> AppTest:
    return at.file_uploader(key="upload").set_value((name, data, "text/csv")).run()


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _download(at: AppTest, key: str):
    return next(b for b in at.get("download_button") if b.proto.id.endswith(key))


def test_page_runs_and_offers_upload_and_template() -> None:
    at = _page()
    assert not at.exception, at.exception
    assert at.file_uploader(key="upload").label.startswith("Kies een bestand")
    for key in ("download_template_csv", "download_template_xlsx"):
        assert _download(at, key).proto.ignore_rerun
    assert any("Nog geen eigen indicatoren" in i.value for i in at.info)


def test_upload_shows_the_report_and_downloads() -> None:
    at = _upload(_page(), "enquete.csv", MESSY)
    assert not at.exception, at.exception
    # Rows and gemeenten are told apart, and the rows add up: 4 matched (Amsterdam twice, and
    # Weesp, now part of Amsterdam; Rotterdam) + 0 other areas + 3 not recognised = 7.
    assert _metrics(at) == {
        "Gemeenten (van 342)": "2",
        "Rijen gelezen": "7",
        "Gekoppeld": "4",
        "Geen gemeente": "0",
        "Niet herkend": "3",
    }
    captions = " ".join(c.value for c in at.caption)
    assert "1 gemeente(n) met meer dan één rij" in captions
    assert "1 voormalige gemeente(n) gekoppeld" in captions
    unmatched = next(
        d.value for d in at.dataframe if list(d.value.columns) == ["rij", "waarde", "reden"]
    )
    # The preview is a neutralised copy: its table's own CSV download writes cells as shown.
    assert unmatched["waarde"].tolist() == ["Bergen", "<b>Utrecht</b>", "'=1+1"]
    assert unmatched["rij"].tolist() == [5, 7, 9]
    for key in ("download_unmatched", "download_rejected", "download_values", "download_original"):
        button = _download(at, key)
        assert button.proto.ignore_rerun and not button.proto.disabled
    # The original bytes stay untouched in the session.
    files = at.session_state["imported_files"]
    assert [f["data"] for f in files.values()] == [MESSY]


def test_untrusted_text_is_never_rendered_as_markup() -> None:
    data = b"Gemeente;Waarde\n[klik](http://x.invalid);1\n![img](http://x.invalid/p.png);2\nAmsterdam;3\n"
    at = _upload(_page(), "links.csv", data)
    assert not at.exception
    texts = [w.value for w in at.warning] + [c.value for c in at.caption]
    shown = [t for t in texts if "klik" in t or "img" in t]
    assert shown, texts
    # Markdown links and images arrive escaped, so the browser shows them as plain text.
    assert all("[klik](" not in t and "![img](" not in t for t in shown)
    assert any("\\[klik\\]\\(http" in t for t in shown)


def test_choices_resolve_names_duplicates_and_fractions() -> None:
    at = _upload(_page(), "enquete.csv", MESSY)
    resolve = next(s for s in at.selectbox if s.label == "'Bergen' hoort bij")
    resolve.set_value("Bergen (L.) (GM0893)").run()
    assert _metrics(at)["Gekoppeld"] == "5"
    duplicate = next(s for s in at.selectbox if s.label == "Amsterdam (GM0363)")
    assert duplicate.value == "rij 4 (Amsterdam)"
    duplicate.set_value("rij 8 (Amsterdam)").run()
    report = next(iter(at.session_state["imported_reports"].values()))[1]
    assert report.values.loc["GM0363", "Vertrouwen"] == 13
    fraction = next(r for r in at.radio if r.label.startswith("Kolom 'Aandeel'"))
    fraction.set_value("fracties (0,25 = 25%): omrekenen naar procenten").run()
    report = next(iter(at.session_state["imported_reports"].values()))[1]
    assert report.values.loc["GM0363", "Aandeel"] == 30
    assert not at.exception, at.exception


def test_saved_columns_become_session_indicators_on_the_map() -> None:
    at = _upload(_page(), "enquete.csv", MESSY)
    at.button(key="import_save").click().run()
    assert not at.exception, at.exception
    stored = at.session_state["imported_indicators"]
    # Aandeel looks like fractions: it waits until the user confirms.
    assert list(stored) == ["import_enquete_vertrouwen"]
    entry = stored["import_enquete_vertrouwen"]
    assert entry["indicator"]["kind"] == "imported" and entry["indicator"]["theme"] == "eigen"
    assert entry["indicator"]["source"].startswith("enquete.csv, geüpload op ")
    assert entry["values"]["GM0363"] == 12.5 and entry["values"]["GM0599"] == 7
    assert any("bevestig eerst" in w.value for w in at.warning)
    assert at.selectbox(key="import_map_indicator").value == "import_enquete_vertrouwen"
    assert at.get("plotly_chart"), "preview map"
    # Leaving the page and coming back keeps the file, the report and the indicators.
    at.switch_page("pages/overzicht.py").run()
    at.switch_page(PAGE).run()
    assert _metrics(at)["Gekoppeld"] == "4"
    assert "import_enquete_vertrouwen" in at.session_state["imported_indicators"]


def _probe(state: dict) -> None:
    import streamlit as st

    from components import imported

    st.session_state["imported_indicators"] = state
    values = imported.imported_values()
    items = imported.imported_catalogue()
    st.write(list(values.columns))
    st.write(values.set_index("code").loc["GM0363"].tolist())
    st.write({key: [item.kind, item.label, item.unit] for key, item in items.items()})


def test_public_api_returns_values_and_catalogue() -> None:
    at = _upload(_page(), "enquete.csv", MESSY)
    at.button(key="import_save").click().run()
    state = dict(at.session_state["imported_indicators"])
    probe = AppTest.from_function(_probe, kwargs={"state": state}, default_timeout=60).run()
    assert not probe.exception, probe.exception
    assert probe.json[0].value == '["code", "import_enquete_vertrouwen"]'
    assert probe.json[1].value == "[12.5]"
    assert "imported" in probe.json[2].value and "Vertrouwen" in probe.json[2].value


def test_error_file_shows_a_dutch_message() -> None:
    filename, data, _ = CASES["png_named_csv"]
    at = _upload(_page(), filename, data)
    assert not at.exception
    assert any("afbeelding" in e.value for e in at.error)
    assert not at.get("data_editor") and not [b for b in at.button if b.key == "import_save"]


def test_candidate_list_becomes_shortage_indicators() -> None:
    at = _upload(_page(), "Kandidatenlijsten_GR2026.csv", corpus.candidate_list())
    assert not at.exception, at.exception
    assert _metrics(at)["Gekoppeld"] == "12"
    at.button(key="import_save").click().run()
    stored = at.session_state["imported_indicators"]
    key = "import_kandidatenlijsten_gr2026_candidates_per_seat_2026"
    assert stored[key]["indicator"]["label"] == "Kandidaten per raadszetel (2026)"
    assert stored[key]["indicator"]["year"] == 2026
    assert stored[key]["indicator"]["higher_is_worse"] is False


def test_sessions_are_isolated() -> None:
    first = _upload(_page(), "enquete.csv", MESSY)
    first.button(key="import_save").click().run()
    assert first.session_state["imported_indicators"]
    second = _page()
    assert not second.exception
    assert "imported_indicators" not in second.session_state
    assert "imported_files" not in second.session_state
    assert not second.metric and any("Nog geen eigen indicatoren" in i.value for i in second.info)
    # Nothing of the upload lives at module level, where another session could reach it.
    assert _module_level_copies(MESSY) == []


# A cell of MESSY as the import reads it (decoded from cp1252).
MESSY_CELL = "<b>Utrecht</b>"


def _holds(value: object, depth: int = 0) -> bool:
    """Whether a value holds the upload's bytes or one of its cells (in containers, 4 deep)."""
    if isinstance(value, bytes | bytearray | memoryview):
        return MESSY in bytes(value)
    if isinstance(value, str):
        return MESSY_CELL in value
    if depth >= 4:
        return False
    if isinstance(value, dict):
        return any(_holds(k, depth + 1) or _holds(v, depth + 1) for k, v in value.items())
    if isinstance(value, list | tuple | set | frozenset):
        return any(_holds(item, depth + 1) for item in value)
    return False


def _module_level_copies(data: bytes) -> list[str]:
    """Globals of the app's own modules (components, core, pages) that hold the upload."""
    import sys

    assert data == MESSY
    return [
        f"{module_name}.{name}"
        for module_name, module in list(sys.modules.items())
        if module_name.split(".")[0] in ("components", "core", "pages")
        for name, value in list(vars(module).items())
        if _holds(value)
    ]


def test_the_leak_check_finds_an_upload_kept_at_module_level(monkeypatch) -> None:
    # The check above compared bytes with repr() text once, which can never match: it must be
    # able to fail. A copy planted in a module (bytes, or a cell in a nested dict) is found.
    from components import imported

    monkeypatch.setattr(imported, "LEAKED", {"f1": {"data": MESSY}}, raising=False)
    assert _module_level_copies(MESSY) == ["components.imported.LEAKED"]
    monkeypatch.setattr(imported, "LEAKED", [("x", [MESSY_CELL + " 1"])], raising=False)
    assert _module_level_copies(MESSY) == ["components.imported.LEAKED"]


def _candidate_report(at: AppTest):
    reports = at.session_state["imported_reports"].values()
    return next(report for _key, report in reports if report.kind == "candidate_lists")


def test_candidate_list_of_another_year_uses_an_imported_seat_column() -> None:
    at = _upload(
        _page(),
        "Raadzetels_GR2030.csv",
        b'"GemeenteCode";"AantalZetels"\n"0060";"3"\n"0014";"45"\n',
    )
    at.button(key="import_save").click().run()
    at = _upload(at, "Kandidatenlijsten_GR2030.csv", corpus.candidate_list())
    assert not at.exception, at.exception
    # No 2030 seats in the app: the imported AantalZetels column is offered (and the only choice).
    seats = next(s for s in at.selectbox if s.label.startswith("Raadszetels voor"))
    assert seats.options == ["eigen import: AantalZetels"]
    report = _candidate_report(at)
    assert report.values.loc["GM0060", "candidates_per_seat_2030"] == 2  # 6 candidates, 3 seats
    assert report.values.loc["GM0014", "candidates_per_seat_2030"] == 6 / 45


def test_imported_seat_column_with_zero_or_fractional_seats_is_reported_not_used() -> None:
    at = _upload(
        _page(),
        "Raadzetels_GR2030.csv",
        b'"GemeenteCode";"AantalZetels"\n"0060";"0"\n"0014";"45"\n"0088";"0,45"\n',
    )
    at.button(key="import_save").click().run()
    at = _upload(at, "Kandidatenlijsten_GR2030.csv", corpus.candidate_list())
    assert not at.exception, at.exception
    report = _candidate_report(at)
    assert pd.isna(report.values.loc["GM0060", "candidates_per_seat_2030"])  # was inf
    assert report.values.loc["GM0014", "candidates_per_seat_2030"] == 6 / 45
    # Warnings are markdown-escaped ("\\:" for ":"): compare without the backslashes.
    shown = [w.value.replace("\\", "") for w in at.warning]
    assert any("Raadszetels: bij 2 gemeente(n)" in w and "Ameland" in w for w in shown), shown


def test_a_session_keeps_one_compact_report(monkeypatch) -> None:
    # Every report was kept once: a second and third file added to the session's memory.
    from core.ingest import worker

    monkeypatch.setattr(worker, "IN_PROCESS_BYTES", 0)  # read in a child, as a large file is
    at = _page()
    for i, name in enumerate(("a.csv", "b.csv", "c.csv")):
        rows = "".join(f"GM0363;{j}\n" for j in range(50 + i))  # one gemeente many times
        at = _upload(at, name, f"Gemeente;Waarde\nGM0599;1\n{rows}".encode())
        assert not at.exception, at.exception
        reports = at.session_state["imported_reports"]
        assert len(reports) == 1
        ((_key, report),) = reports.values()
        assert report.filename == name and report.rejected_total == 49 + i
        # Only the rows the problem downloads show are kept, not the whole table.
        assert len(report.table.frame) == 49 + i


def test_an_import_beyond_its_limits_says_so_in_dutch(monkeypatch) -> None:
    import functools

    from core.ingest import worker

    monkeypatch.setattr(worker, "IN_PROCESS_BYTES", 0)
    monkeypatch.setattr(worker, "Limits", functools.partial(worker.Limits, memory=2**20))
    at = _upload(_page(), "enquete.csv", MESSY)
    assert not at.exception, at.exception
    errors = " ".join(e.value for e in at.error)
    assert "meer dan 1 MB geheugen nodig" in errors, errors
    assert not at.metric  # no report of a file that was not read
