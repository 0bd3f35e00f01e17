"""Export files read back: rows, columns, number types, the Toelichting, injection, the CLI."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys
import tomllib

import openpyxl
import pandas as pd
import pytest

from core import catalogue, indicator_meta, paths, ranking, safe
from core.outputs import basket_file, export, export_notes, export_table

CODES = ["GM0363", "GM0096", "GM0599"]  # Amsterdam, Vlieland, Rotterdam
TODAY = dt.date(2026, 3, 18)


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    from core import bundle

    return {name: bundle.load_table(name) for name in export.TABLES}


def _csv(payload: bytes, style: str = export_table.DEFAULT_CSV_STYLE) -> pd.DataFrame:
    _, sep, decimal = export_table.CSV_STYLES[style]
    return pd.read_csv(io.BytesIO(payload), sep=sep, decimal=decimal, encoding="utf-8-sig")


def _book(payload: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(payload))


def _notes(book: openpyxl.Workbook) -> dict[str, list]:
    """Toelichting rows keyed by their first cell (later rows with the same key are appended)."""
    rows: dict[str, list] = {}
    for row in book[export.SHEET_NOTES].iter_rows(values_only=True):
        if row[0] is not None:
            rows.setdefault(str(row[0]), []).append(list(row[1:]))
    return rows


def test_csv_comma_style_reads_back(tables) -> None:
    payload = export.export("csv", CODES, tables, today=TODAY)
    assert payload.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM
    frame = _csv(payload)
    assert len(frame) == 3
    assert list(frame.columns[:5]) == [
        "Code",
        "Gemeente",
        "Provincie",
        "Inwoners (2024)",
        "Raadszetels (2026)",
    ]
    # The default weights are the 2026 election (issue 22).
    assert "Kandidaten per raadszetel (2026) (kandidaten per zetel)" in frame.columns
    assert "Achterstand vrouwen in de raad (2026) (procentpunt)" in frame.columns
    scores = list(frame.columns).index("Score (0-100)")
    assert list(frame.columns[scores : scores + 5]) == [
        "Score (0-100)",
        "Rang binnen de filters",
        "Rang in Nederland",
        "Onderdelen gebruikt",
        "Onderdelen gekozen",
    ]
    assert frame.columns[-1] == "Uitleg"
    # Best rank first: Vlieland (both components) ranks above Rotterdam and Amsterdam.
    assert frame["Gemeente"].tolist() == ["Vlieland", "Rotterdam", "Amsterdam"]
    assert frame["Rang in Nederland"].is_monotonic_increasing
    assert frame["Inwoners (2024)"].dtype.kind == "i"
    vlieland = frame.set_index("Code").loc["GM0096"]
    assert vlieland["Kandidaten per raadszetel (2026) (kandidaten per zetel)"] == 3.11  # 28 / 9
    assert vlieland["Onderdelen gebruikt"] == 2
    # Gorinchem: its 2026 result is missing at the source, so the women component is too.
    gorinchem = _csv(export.export("csv", ["GM0512"], tables, today=TODAY)).iloc[0]
    assert gorinchem["Kandidaten per raadszetel (2026) (kandidaten per zetel)"] == 7.76  # 194 / 25
    assert pd.isna(gorinchem["Achterstand vrouwen in de raad (2026) (procentpunt)"])
    assert gorinchem["Onderdelen gebruikt"] == 1
    assert "Geen gegevens voor: Achterstand vrouwen in de raad (2026)" in gorinchem["Uitleg"]


def test_csv_dutch_excel_style_is_the_default_with_the_same_numbers(tables) -> None:
    comma = export.export(
        "csv", CODES, tables, export_table.Settings(csv_style="comma"), today=TODAY
    )
    dutch = export.export("csv", CODES, tables, today=TODAY)
    assert dutch == export.export("csv", CODES, tables, export_table.Settings(csv_style="excel_nl"))
    text = dutch.decode("utf-8-sig")
    header = text.splitlines()[0]
    assert header.startswith("Code;Gemeente;Provincie;")
    assert ";3,11;" in text.splitlines()[1]  # Vlieland's candidates per seat, decimal comma
    pd.testing.assert_frame_equal(_csv(dutch, "excel_nl"), _csv(comma, "comma"))


def test_xlsx_selectie_sheet(tables) -> None:
    book = _book(export.export("xlsx", CODES, tables, today=TODAY))
    assert book.sheetnames == ["Selectie", "Politiek Actief", "Toelichting"]
    sheet = book["Selectie"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:AA{len(CODES) + 1}"  # 27 columns
    assert not sheet.merged_cells.ranges
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["Code", "Gemeente", "Provincie"]
    assert all(c.font.bold for c in sheet[1])
    rows = {r[0]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert set(rows) == set(CODES)
    column = {name: i for i, name in enumerate(header)}
    assert rows["GM0363"][column["Inwoners (2024)"]] == 931_298
    assert isinstance(rows["GM0363"][column["Inwoners (2024)"]], int)
    gap = rows["GM0599"][column["Achterstand vrouwen in de raad (2026) (procentpunt)"]]
    assert isinstance(gap, float) and gap > 0
    cps = rows["GM0363"][column["Kandidaten per raadszetel (2026) (kandidaten per zetel)"]]
    assert cps == round(615 / 45, 2)  # stored as shown
    gorinchem = _book(export.export("xlsx", ["GM0512"], tables, today=TODAY))["Selectie"]
    missing = [c.value for c in gorinchem[2]][
        column["Achterstand vrouwen in de raad (2026) (procentpunt)"]
    ]
    assert missing is None
    formats = {h: sheet.cell(row=2, column=i + 1).number_format for i, h in enumerate(header)}
    assert formats["Inwoners (2024)"] == "#,##0"
    assert formats["Achterstand vrouwen in de raad (2026) (procentpunt)"] == "+0.0;-0.0;0.0"
    assert formats["Score (0-100)"] == "0.0"
    assert formats["Gemeente"] == "General"


def test_xlsx_percent_columns_use_a_percent_format(tables) -> None:
    # 2022 stays selectable: Vlieland had 3 of 4 lists shorter than the council then, 4 of 4 now.
    settings = export_table.Settings(
        weights={"short_lists_share_2022": 1, "short_lists_share_2026": 1}
    )
    book = _book(export.export("xlsx", ["GM0096"], tables, settings, today=TODAY))
    sheet = book["Selectie"]
    header = [c.value for c in sheet[1]]
    for label, share in (("2022", 75.0), ("2026", 100.0)):
        i = header.index(f"Aandeel lijsten korter dan de raad ({label}) (%)")
        cell = sheet.cell(row=2, column=i + 1)
        assert cell.value == share
        assert cell.number_format == '0.0"%"'


def test_xlsx_toelichting_content(tables) -> None:
    settings = export_table.Settings(
        weights={"candidates_per_seat_2026": 3, "women_gap_2026": 1},
        willing_share=0.2,
        filters={"Provincie": "Zeeland"},
    )
    book = _book(export.export("xlsx", [*CODES, "GM0512"], tables, settings, today=TODAY))
    notes = _notes(book)
    with (paths.REPO_ROOT / "pyproject.toml").open("rb") as handle:
        version = tomllib.load(handle)["project"]["version"]
    assert notes["Exportdatum"][0][0] == "18 maart 2026"
    assert notes["App-versie"][0][0] == version
    assert notes["Aantal gemeenten"][0][0] == 4
    assert "echte open data" in notes["Gegevens"][0][0]
    assert notes["Kandidaten per raadszetel (2026)"][0][:2] == [3, 75]
    assert notes["Achterstand vrouwen in de raad (2026)"][0][:2] == [1, 25]
    assert notes["Provincie"][0][0] == "Zeeland"
    assert "20%" in notes["Mogelijke kandidaten"][0][0]
    definition = notes["Kandidaten per raadszetel (2026) (kandidaten per zetel)"][0]
    item = catalogue.get("candidates_per_seat_2026")
    assert definition[:5] == [item.definition, item.unit, item.source, 2026, "afgeleid"]
    # Gorinchem's 2026 result is missing at the source: the reason is spelled out.
    missing = notes["GM0512"]
    assert any("Gorinchem" in str(row[2]) for row in missing)
    assert "percentielrang" in notes["Score"][0][0]
    assert any(
        "CC BY 4.0" in str(row)
        for row in notes["CBS Kerncijfers wijken en buurten 2024 (85984NED)"]
    )


def test_politiek_actief_sheet_says_what_is_unknown(tables) -> None:
    book = _book(export.export("xlsx", ["GM0363"], tables, today=TODAY))
    sheet = book["Politiek Actief"]
    assert sheet.freeze_panes == "A2"
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, r, strict=True)) for r in sheet.iter_rows(min_row=2, values_only=True)]
    groups = {r["Groep"]: r for r in rows}
    # Lean: only groups with a figure per gemeente; no empty rows, the explanation once.
    assert list(groups) == ["Vrouwen", "Mensen met een migratieachtergrond"]
    women = groups["Vrouwen"]
    values = tables["indicators"].set_index("code").loc["GM0363"]
    assert women["Aandeel in de bevolking (%)"] == round(values["women_population_share_2024"], 2)
    assert women["Aandeel in de raad (%)"] == round(values["women_council_share_2026"], 2)
    assert women["Peiljaar bevolking"] == 2024 and women["Peiljaar raad"] == 2026
    migration = groups["Mensen met een migratieachtergrond"]
    assert migration["Aandeel in de bevolking (%)"] == round(
        values["origin_non_dutch_share_2024"], 2
    )
    assert migration["Aandeel in de raad (%)"] is None
    assert not migration["Toelichting bij deze gemeente"]
    # Amsterdam 2026: 25 of 45 estimated, 5 unknown; said for this gemeente only.
    assert women["Toelichting bij deze gemeente"].startswith(
        "⚠ Onzeker: Geslacht bij 56% van de raadsleden geschat uit de voornaam en bij 11% onbekend"
    )
    notes = _notes(book)
    assert notes["Politiek Actief: migratieachtergrond"][0][0].startswith("Aandeel in de raad")
    for group in ("mensen met een praktische opleiding", "mensen met een beperking"):
        assert notes[f"Politiek Actief: {group}"][0][0].startswith("Geen gegevens")
    csv = _csv(
        export.export("csv", ["GM0363"], tables, export_table.Settings(shape="politiek_actief"))
    )
    assert csv["Groep"].tolist() == list(groups)


def test_formula_like_text_is_neutralised(tables) -> None:
    evil = {
        "GM0363": '=HYPERLINK("http://x","klik")',
        "GM0599": "+31 cmd",
        "GM0096": "@SUM(A1)",
    }
    gemeenten = tables["gemeenten"].copy()
    gemeenten["name"] = [
        evil.get(c, n) for c, n in zip(gemeenten["code"], gemeenten["name"], strict=True)
    ]
    gemeenten.loc[gemeenten["code"] == "GM0363", "province_name"] = "-2+3"
    bad = {**tables, "gemeenten": gemeenten}
    item = indicator_meta.Indicator(
        "import_x", "=1+1 lijst", "%", "eigen", "\tbron", 2025, True, "imported", "-def"
    )
    codes = tables["gemeenten"]["code"].tolist()  # a component needs 30 gemeenten with a value
    extra = pd.DataFrame({"code": codes, "import_x": [float(i % 7) for i in range(len(codes))]})
    kw = {"imported_values": extra, "imported_catalogue": {"import_x": item}, "today": TODAY}
    settings = export_table.Settings(weights={"import_x": 1, "women_gap_2022": 1})
    frame = _csv(export.export("csv", list(evil), bad, settings, **kw))
    assert sorted(frame["Gemeente"]) == sorted("'" + v for v in evil.values())
    assert "'-2+3" in frame["Provincie"].tolist()
    assert "'=1+1 lijst (%) [eigen import]" in frame.columns
    book = _book(export.export("xlsx", list(evil), bad, settings, **kw))
    for sheet in book:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(safe.DANGEROUS_START), cell.value
    names = [c.value for c in book["Selectie"]["B"][1:]]
    assert sorted(names) == sorted("'" + v for v in evil.values())
    notes = _notes(book)
    assert any("eigen geïmporteerde gegevens" in row[0] for row in notes["Gegevens"])


def test_fictitious_data_is_stated(tables) -> None:
    item = indicator_meta.Indicator(
        "import_demo", "Voorbeeld", "%", "eigen", "Raadsradar", 2025, True, "illustrative", "x"
    )
    codes = tables["gemeenten"]["code"].tolist()  # a component needs 30 gemeenten with a value
    extra = pd.DataFrame({"code": codes, "import_demo": [float(i % 5) for i in range(len(codes))]})
    payload = export.export(
        "xlsx",
        ["GM0096"],
        tables,
        export_table.Settings(weights={"import_demo": 1}),
        imported_values=extra,
        imported_catalogue={"import_demo": item},
    )
    book = _book(payload)
    assert "Voorbeeld (%) [FICTIEF]" in [c.value for c in book["Selectie"][1]]
    assert any("FICTIEVE" in row[0] for row in _notes(book)["Gegevens"])


def test_all_342_and_edge_cases(tables) -> None:
    codes = tables["gemeenten"]["code"].tolist()
    book = _book(export.export("xlsx", codes, tables))
    assert book["Selectie"].max_row == 343
    assert book["Politiek Actief"].max_row == 342 * 2 + 1
    assert len(_csv(export.export("csv", codes, tables))) == 342
    with pytest.raises(ValueError, match="leeg"):
        export.export("csv", [], tables)
    with pytest.raises(KeyError, match="GM9999"):
        export.export("csv", ["GM0363", "GM9999"], tables)
    with pytest.raises(ranking.NoWeightsError):
        export.export(
            "xlsx", ["GM0363"], tables, export_table.Settings(weights={"women_gap_2022": 0})
        )


def test_basket_file_round_trip(tables) -> None:
    payload = basket_file.basket_file(["GM0599", "GM0363"], tables["gemeenten"])
    valid = set(tables["gemeenten"]["code"])
    assert basket_file.read_basket_file(payload, valid) == (["GM0599", "GM0363"], [])
    # An export file works too, and unknown codes are reported, not silently dropped.
    assert basket_file.read_basket_file(export.export("csv", ["GM0096"], tables), valid)[0] == [
        "GM0096"
    ]
    assert basket_file.read_basket_file(b"gm0014\nGM9999", valid) == (["GM0014"], ["GM9999"])
    with pytest.raises(ValueError, match="geen gemeentecodes"):
        basket_file.read_basket_file(b"hallo", valid)


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "core.export", *args],
        cwd=paths.REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_cli_writes_the_same_files(tables, tmp_path) -> None:
    out = tmp_path / "lijst.csv"
    done = _cli("--codes", "GM0363,GM0599", "--format", "csv", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert out.read_bytes() == export.export("csv", ["GM0363", "GM0599"], tables)
    xlsx = tmp_path / "lijst.xlsx"
    done = _cli("--codes", "GM0363,GM0599", "--format", "xlsx", "--out", str(xlsx))
    assert done.returncode == 0, done.stderr
    mine = _book(export.export("xlsx", ["GM0363", "GM0599"], tables))
    theirs = openpyxl.load_workbook(xlsx)
    for name in ("Selectie", "Politiek Actief"):
        assert list(theirs[name].values) == list(mine[name].values)
    done = _cli("--codes", "GM0363,GM9999", "--format", "csv", "--out", str(tmp_path / "x.csv"))
    assert done.returncode == 2
    assert "GM9999" in done.stderr
    assert not (tmp_path / "x.csv").exists()


def test_app_version_comes_from_pyproject() -> None:
    with (paths.REPO_ROOT / "pyproject.toml").open("rb") as handle:
        assert export_notes.app_version() == tomllib.load(handle)["project"]["version"]


def test_ranks_within_filters_and_nationally_in_their_own_columns(tables) -> None:
    settings = export_table.Settings(
        weights={"candidates_per_seat_2026": 1.0}, province="Gelderland", csv_style="comma"
    )
    codes = ["GM0299", "GM0277", "GM0096"]  # Zevenaar, Rozendaal, Vlieland (not in Gelderland)
    frame = _csv(export.export("csv", codes, tables, settings), "comma").set_index("Code")
    result = ranking.rank_targets(tables, settings.weights)
    gelderland = ranking.filtered(result.table, province="Gelderland")
    within = gelderland.set_index("code")["score"].rank(method="min", ascending=False)
    # Rozendaal: the fewest candidates per seat in Gelderland (2026), eighth in the country.
    assert frame.at["GM0277", "Rang binnen de filters"] == within["GM0277"] == 1
    national = result.table.set_index("code")["rank"]
    assert frame.at["GM0277", "Rang in Nederland"] == national["GM0277"] == 8
    assert pd.isna(frame.at["GM0096", "Rang binnen de filters"])  # outside the filter
    assert frame.at["GM0096", "Rang in Nederland"] == national["GM0096"]


def test_raw_counts_beside_the_ratios(tables) -> None:
    frame = _csv(export.export("csv", ["GM0096", "GM0363", "GM1695"], tables)).set_index("Code")
    vlieland = frame.loc["GM0096"]
    ratio = vlieland["Kandidaten per raadszetel (2026) (kandidaten per zetel)"]
    assert vlieland["Kandidaten (2026)"] / vlieland["Raadszetels (2026)"] == pytest.approx(
        ratio, abs=0.01
    )
    genders = ["Kandidaten vrouw, opgegeven (2026)", "Kandidaten man, opgegeven (2026)"]
    genders.append("Kandidaten zonder opgegeven geslacht (2026)")
    assert sum(vlieland[c] for c in genders) == vlieland["Kandidaten (2026)"] == 28
    amsterdam = frame.loc["GM0363"]
    counted = [
        "Raadsleden vrouw, opgegeven (2026)",
        "Raadsleden man, opgegeven (2026)",
        "Raadsleden vrouw, geschat uit voornaam (2026)",
        "Raadsleden man, geschat uit voornaam (2026)",
        "Raadsleden geslacht onbekend (2026)",
    ]
    # Amsterdam 2026: 15 genders published, 30 not (SOURCES.md 2d), 25 of them estimated.
    assert [int(amsterdam[c]) for c in counted] == [4, 11, 17, 8, 5]
    assert sum(int(amsterdam[c]) for c in counted) == amsterdam["Raadszetels (2026)"] == 45
    assert frame.at["GM1695", "Geslacht raadsleden (2026)"].startswith("⚠")
