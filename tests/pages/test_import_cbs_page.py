"""AppTest: importing a CBS typed dataset (the shape of 50140NED) on the page Gegevens, as a
campaign worker does (issue 27, items 8-10): the reference year, a report a reader can check,
only the chosen columns asked about, a save that says what it did, a legend without "()"."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from core import paths
from tests.fixtures import cbs_typed

APP = str(paths.REPO_ROOT / "dashboard.py")
COLUMN = "MoeiteMetRondkomen_25"


def _uploaded(name: str = "50140NED.csv", data: bytes | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.switch_page("pages/data.py")
    at.run()
    at.file_uploader(key="upload").set_value((name, data or cbs_typed.make(), "text/csv")).run()
    assert not at.exception, at.exception
    return at


def _file_id(at: AppTest) -> str:
    return at.session_state["imported_current"]


def _texts(at: AppTest) -> str:
    """Everything the page says, with markdown's escapes (user text is escaped) taken out."""
    return "\n".join(
        [m.value for m in at.markdown]
        + [c.value for c in at.caption]
        + [w.value for w in at.warning]
        + [i.value for i in at.info]
        + [s.value for s in at.success]
    ).replace("\\", "")


def test_the_report_adds_up_and_names_the_missing_gemeenten() -> None:
    at = _uploaded()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {
        "Gemeenten (van 342)": "338",
        "Rijen gelezen": "365",
        "Gekoppeld": "338",
        "Geen gemeente": "27",
        "Niet herkend": "0",
    }
    text = _texts(at)
    assert "338 van de 342 gemeenten staan in het bestand" in text
    assert "Ameland, Schiermonnikoog, Terschelling en Vlieland" in text
    # NL01, PV.., GG.., CG..: reported as other areas, never offered for linking.
    assert not [s for s in at.selectbox if "CG01" in s.label or "NL01" in s.label]
    tables = [d.value for d in at.dataframe]
    others = next(t for t in tables if list(t.columns) == ["rij", "waarde", "reden"])
    assert len(others) == 27 and "CG01" in others["waarde"].tolist()
    assert set(others["waarde"]) >= {"NL01", "PV20", "GG3003", "CG04"}
    columns = next(t for t in tables if "gemeenten met waarde" in t.columns)
    moeite = columns.set_index("kolom").loc[COLUMN]
    assert int(moeite["gemeenten met waarde"]) + int(moeite["geen gegevens"]) == 342
    assert columns.set_index("kolom").loc["Perioden", "geen gegevens"] == ""


def test_the_reference_year_is_the_file_s_and_reaches_the_map() -> None:
    at = _uploaded()
    year = at.selectbox(key=f"import_year_{_file_id(at)}")
    assert year.value == 2022
    assert "Gevonden: 2022, uit kolom 'Perioden' (2022JJ00)." in _texts(at)
    # Only the chosen column is asked about: one direction question, not one per column.
    at.multiselect(key=f"import_use_{_file_id(at)}").select(COLUMN).run()
    directions = [r for r in at.radio if "hogere waarde" in r.label]
    assert len(directions) == 1 and COLUMN in directions[0].label.replace("\\", "")
    directions[0].set_value("hoger is slechter").run()
    at.button(key="import_save").click().run()
    assert not at.exception, at.exception
    (entry,) = at.session_state["imported_indicators"].values()
    assert entry["indicator"]["year"] == 2022
    assert entry["indicator"]["label"] == "Moeite met rondkomen (25)"
    assert "1 indicator(en) opgeslagen" in _texts(at)
    # On Kaart: the legend has the label, no empty brackets, and the year in the source line.
    key = next(iter(at.session_state["imported_indicators"]))
    at.session_state["map_indicator"] = key
    at.switch_page("pages/kaart.py").run()
    assert not at.exception, at.exception
    legend = next(m.value for m in at.markdown if "Moeite met rondkomen (25)" in m.value)
    assert "()" not in legend
    assert any("Peiljaar 2022" in c.value for c in at.caption)


def test_without_a_year_the_page_asks_and_says_unknown() -> None:
    at = _uploaded("enquete.csv", b"Gemeente;Score\nAmsterdam;3\nUtrecht;4\nLeiden;5\n")
    year = at.selectbox(key=f"import_year_{_file_id(at)}")
    assert year.value == "onbekend"
    at.button(key="import_save").click().run()  # few columns: chosen by default
    (entry,) = at.session_state["imported_indicators"].values()
    assert entry["indicator"]["year"] is None  # not the year of the upload
    # The user gives the year: the indicator carries it once saved again.
    at.selectbox(key=f"import_year_{_file_id(at)}").set_value(2023).run()
    at.button(key="import_save").click().run()
    (entry,) = at.session_state["imported_indicators"].values()
    assert entry["indicator"]["year"] == 2023


def test_saving_nothing_says_so_and_no_page_sends_you_to_itself() -> None:
    at = _uploaded()
    assert not at.multiselect(key=f"import_use_{_file_id(at)}").value  # 148 columns: none yet
    assert not [r for r in at.radio if "hogere waarde" in r.label]
    at.button(key="import_save").click().run()
    assert "Niets opgeslagen: kies eerst hierboven minstens één kolom." in _texts(at)
    assert (
        "imported_indicators" not in at.session_state or not at.session_state["imported_indicators"]
    )
    fractions = _uploaded("aandeel.csv", b"Gemeente;Aandeel\nAmsterdam;0,25\nUtrecht;0,5\n")
    assert "op de pagina Gegevens" not in _texts(fractions)
    assert "Fracties of procenten?" in _texts(fractions)
