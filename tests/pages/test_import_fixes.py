"""Import: fix an unknown name in the app; a column's direction is asked in plain sight (item 10)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from core import paths

APP = str(paths.REPO_ROOT / "dashboard.py")
DATA = b"Gemeente;Vertrouwen\nAmsterdm;3\nRotterdam;4\nUtrecht;5\n"


def _uploaded() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    at.switch_page("pages/data.py")
    at.run()
    at.file_uploader(key="upload").set_value(("enquete.csv", DATA, "text/csv")).run()
    assert not at.exception, at.exception
    return at


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_unknown_name_is_linked_from_a_list_next_to_the_suggestion() -> None:
    at = _uploaded()
    assert _metrics(at)["Niet herkend"] == "1"
    pick = next(s for s in at.selectbox if "Amsterdm" in s.label)
    assert "Amsterdam" in pick.label  # the suggestion is next to the name
    assert pick.options[1] == "Amsterdam (GM0363)"  # suggested first, after "(niet gebruiken)"
    assert len(pick.options) == 1 + 342  # any gemeente can be picked
    pick.set_value("GM0363").run()
    assert not at.exception, at.exception
    assert _metrics(at)["Gekoppeld"] == "3"
    assert _metrics(at)["Niet herkend"] == "0"
    # The choice stays visible so it can be undone.
    pick = next(s for s in at.selectbox if "Amsterdm" in s.label)
    assert pick.value == "GM0363"


def test_direction_is_asked_per_column_and_saved() -> None:
    at = _uploaded()
    radio = next(r for r in at.radio if "Vertrouwen" in r.label)
    assert "hoger is slechter" in radio.options and "hoger is beter" in radio.options
    radio.set_value("hoger is beter").run()
    at.button(key="import_save").click().run()
    assert not at.exception, at.exception
    stored = at.session_state["imported_indicators"]
    assert [entry["indicator"]["higher_is_worse"] for entry in stored.values()] == [False]


def test_column_without_direction_is_flagged_not_silently_dropped() -> None:
    at = _uploaded()
    radio = next(r for r in at.radio if "Vertrouwen" in r.label)
    radio.set_value("geen richting").run()
    at.button(key="import_save").click().run()
    assert not at.exception, at.exception
    warnings = " ".join(w.value for w in at.warning)
    assert "niet in de prioriteitsscore" in warnings and "Vertrouwen" in warnings
    at.switch_page("pages/selectie.py")
    at.run()
    assert any("tellen niet mee" in w.value for w in at.warning)
