"""AppTest: the groups page switches groups, shows the empty state, and ranks by gap."""

from __future__ import annotations

import pandas as pd
from streamlit.testing.v1 import AppTest

from core import indicator_meta, paths

APP = str(paths.REPO_ROOT / "dashboard.py")


def _page() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page("pages/groepen.py")
    at.run()
    assert not at.exception, at.exception
    return at


def test_women_ranking_national_and_gap_order() -> None:
    at = _page()
    metrics = {m.label: m.value for m in at.metric}
    # The councils elected in 2026 (issue 22), incl. genders estimated from first names.
    assert at.radio(key="women_year").value == 2026
    assert metrics["In de raad"] == "36,5%"
    ranking = at.dataframe(key="groups_ranking").value
    assert ranking["gap"].dropna().is_monotonic_decreasing
    # Each women figure says what it rests on; Noord-Beveland 2026: 3 of 13 estimated.
    notes = ranking.set_index("name")["note"]
    assert notes["Noord-Beveland"] == "geslacht ⚠ 23% geschat, 0% onbekend"
    assert notes["Amsterdam"] == "binnen één zetel; geslacht ⚠ 56% geschat, 11% onbekend"
    assert pd.isna(ranking.set_index("name").at["Gorinchem", "council_share"])
    # 2022 stays one click away: 5 of Noord-Beveland's 13 estimated then.
    at.radio(key="women_year").set_value(2022).run()
    assert not at.exception
    assert {m.label: m.value for m in at.metric}["In de raad"] == "36,3%"
    notes = at.dataframe(key="groups_ranking").value.set_index("name")["note"]
    assert notes["Noord-Beveland"] == "geslacht ⚠ 38% geschat, 0% onbekend"
    assert notes["Amsterdam"] == "geslacht 13% geschat, 4% onbekend"
    at.radio(key="groups_sort").set_value("seats_short").run()
    assert at.dataframe(key="groups_ranking").value["seats_short"].dropna().is_monotonic_decreasing


def test_groups_without_data_show_empty_state_and_no_numbers() -> None:
    at = _page()
    for group in ("practical", "disability"):
        at.radio(key="group").set_value(group).run()
        assert not at.exception
        assert any("Geen gegevens per gemeente" in i.value for i in at.info)
        text = " ".join(m.value for m in at.markdown)
        assert "Waar vindt u deze gegevens" in text
        assert "Landelijke context" in text
        assert not [d for d in at.dataframe if getattr(d, "key", None) == "groups_ranking"]


def test_migration_shows_population_and_fair_seats_only() -> None:
    at = _page()
    at.radio(key="group").set_value("migration").run()
    assert not at.exception
    ranking = at.dataframe(key="groups_ranking").value
    assert "council_share" not in ranking.columns
    top = ranking.iloc[0]
    assert top["name"] in {"Amsterdam", "Rotterdam", "'s-Gravenhage"}
    at.selectbox(key="migration_measure").set_value("origin_non_dutch_share_2024").run()
    assert not at.exception


def test_profile_shows_four_groups() -> None:
    at = _page()
    at.selectbox(key="groups_profile_code").set_value("GM0096").run()
    assert not at.exception
    text = " ".join(m.value for m in at.markdown)
    for label in ("Vrouwen", "Migratieachtergrond", "praktische opleiding", "beperking"):
        assert label in text


def test_declared_imported_columns_produce_gaps() -> None:
    import dataclasses

    def entry(ident: str, label: str, values: dict) -> dict:
        item = indicator_meta.Indicator(
            ident,
            label,
            "%",
            "eigen",
            "monitor.csv, geüpload op 27-11-2026",
            2026,
            None,
            "imported",
            "Eigen gegevens.",
        )
        return {
            "indicator": dataclasses.asdict(item),
            "values": values,
            "file": "monitor.csv",
            "column": label,
        }

    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["imported_indicators"] = {
        "import_pop": entry(
            "import_pop", "Beperking in de bevolking", {"GM0363": 12.0, "GM0096": 20.0}
        ),
        "import_raad": entry("import_raad", "Beperking in de raad", {"GM0363": 2.0, "GM0096": 0.0}),
    }
    at.run()
    at.switch_page("pages/groepen.py")
    at.run()
    assert (
        "own" in at.radio(key="group").options
        or "Eigen groep (geïmporteerd)" in at.radio(key="group").options
    )
    at.radio(key="group").set_value("own").run()
    at.selectbox(key="own_council").set_value("import_raad").run()
    assert not at.exception, at.exception
    ranking = at.dataframe(key="groups_ranking").value.set_index("code")
    # Vlieland: 20% of 9 seats = 1.8 -> 2 fair seats, 0 held: gap 20 points, 2 seats short.
    assert ranking.loc["GM0096", "gap"] == 20.0
    assert ranking.loc["GM0096", "seats_short"] == 2
    # Amsterdam: 12% of 45 = 5.4 -> 5; 2% of 45 = 0.9 -> 1 held: 4 short.
    assert ranking.loc["GM0363", "seats_short"] == 4
    assert ranking["gap"].notna().sum() == 2
