"""The basket as a list: CSV (UTF-8 with BOM; semicolons and decimal commas by default, as Dutch
Excel reads them) and Excel with an explanation sheet.

`python -m core.export --codes GM0363,GM0599 --format csv|xlsx --out PATH` writes the same bytes
as the page's export buttons for that basket (with the default weights unless told otherwise).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import io
import math
import re
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from core import bundle, catalogue, fmt, indicators, paths, ranking, safe

FORMATS = ("csv", "xlsx")
SHAPES = {"selectie": "Selectie", "politiek_actief": "Politiek Actief"}
CSV_STYLES: dict[str, tuple[str, str, str]] = {
    # style: (Dutch label, separator, decimal mark); the first is the default: Excel with Dutch
    # settings opens it with the columns split and the numbers as numbers.
    "excel_nl": ("Puntkomma's en decimale komma (Nederlandse Excel)", ";", ","),
    "comma": ("Komma's en decimale punt (voor andere programma's)", ",", "."),
}
DEFAULT_CSV_STYLE = next(iter(CSV_STYLES))
MIME = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
SHEET_DATA = "Selectie"
SHEET_NOTES = "Toelichting"
SHEET_GROUPS = "Politiek Actief"
DECIMALS = 2  # exported values are rounded to this; Excel shows fewer through number formats
TABLES = ("gemeenten", "indicators", "indicator_notes", "election_councils", "election_link")
RANK_NATIONAL = "Rang in Nederland"
RANK_FILTERED = "Rang binnen de filters"


def app_version() -> str:
    """The app version from pyproject.toml ([project] version)."""
    with (paths.REPO_ROOT / "pyproject.toml").open("rb") as handle:
        return str(tomllib.load(handle)["project"]["version"])


@dataclasses.dataclass(frozen=True)
class Settings:
    """What the user chose on the page (the CLI uses the defaults)."""

    weights: dict[str, float] = dataclasses.field(
        default_factory=lambda: dict(catalogue.DEFAULT_PRIORITY_WEIGHTS)
    )
    willing_share: float = indicators.WILLING_SHARE
    filters: dict[str, str] = dataclasses.field(default_factory=dict)  # label -> shown value
    csv_style: str = DEFAULT_CSV_STYLE
    shape: str = "selectie"  # which table a CSV holds; the Excel file holds all of them
    # The ranking's filters themselves (the rank within the filtered list is computed from them).
    province: str | None = None
    size: str | None = None
    complete_only: bool = False


@dataclasses.dataclass(frozen=True)
class Column:
    """One exported column: its header, where its values come from and how Excel shows them."""

    header: str
    key: str
    kind: str  # "text", "int" or "float"
    excel_format: str = "General"
    width: int = 14


def _excel_format(item: catalogue.Indicator) -> str:
    digits = "0" if item.decimals == 0 else "0." + "0" * item.decimals
    if item.unit == "%":
        return f'{digits}"%"'
    if item.unit == "procentpunt":
        return f"+{digits};-{digits};{digits}"
    return "#,##0" if item.decimals == 0 else f"#,##0.{'0' * item.decimals}"


def header_label(item: catalogue.Indicator) -> str:
    """Header text: label, unit, and a visible mark for imported or fictitious data."""
    # No unit where the label already names it: "Inwoners (2024)", not "... (inwoners)".
    plain = item.unit in ("", "aantal") or item.unit.lower() in item.label.lower()
    unit = "" if plain else f" ({item.unit})"
    mark = {"imported": " [eigen import]", "illustrative": " [FICTIEF]"}.get(item.kind, "")
    return f"{item.label}{unit}{mark}"


# The counts behind the ratios, per gemeente (2022 council; CBS inhabitants 2024).
COUNT_COLUMNS = [
    Column("Kandidaten (2022)", "n_candidates", "int", "#,##0", 12),
    Column("Kandidatenlijsten (2022)", "n_lists", "int", "0", 12),
    Column("Lijsten korter dan de raad (2022)", "n_short_lists", "int", "0", 12),
    Column("Lijsten korter dan de halve raad (2022)", "n_half_short_lists", "int", "0", 12),
    Column("Raadszetels (2022)", "n_seats_2022", "int", "0", 10),
    Column("Raadsleden vrouw, opgegeven (2022)", "n_women", "int", "0", 12),
    Column("Raadsleden man, opgegeven (2022)", "n_men", "int", "0", 12),
    Column("Raadsleden vrouw, geschat uit voornaam (2022)", "n_women_estimated", "int", "0", 12),
    Column("Raadsleden man, geschat uit voornaam (2022)", "n_men_estimated", "int", "0", 12),
    Column("Raadsleden geslacht onbekend (2022)", "n_gender_unknown", "int", "0", 12),
    Column("Geslacht raadsleden (2022)", "gender_note", "text", width=28),
    Column("Inwoners vrouw (2024)", "n_women_inhabitants", "int", "#,##0", 12),
]


def counts(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Per gemeente (code-indexed): the raw counts of COUNT_COLUMNS (missing where not linked)."""
    g = tables["gemeenten"].set_index("code")
    c = indicators.councils_per_gemeente(tables, 2022).reindex(g.index)
    values = tables["indicators"].set_index("code").reindex(g.index)
    basis = indicators.gender_basis(values)
    return pd.DataFrame(
        {
            "n_candidates": c["candidates"],
            "n_lists": c["lists"],
            "n_short_lists": c["short_lists"],
            "n_half_short_lists": c["half_short_lists"],
            "n_seats_2022": c["seats"],
            "n_women": c["women"],
            "n_men": c["men"],
            "n_women_estimated": c["women_estimated"],
            "n_men_estimated": c["men_estimated"],
            "n_gender_unknown": c["gender_unknown"] + c["gender_missing"],
            "gender_note": [
                indicators.gender_mark(e, u, short=True)
                for e, u in zip(basis["estimated"], basis["unknown"], strict=True)
            ],
            "n_women_inhabitants": g["women"],
        },
        index=g.index,
    ).astype({k.key: "Float64" for k in COUNT_COLUMNS if k.kind == "int"})


def filtered_rank(result: ranking.Ranking, settings: Settings) -> pd.Series:
    """Rank within the list the user filtered (code-indexed; missing outside the filters)."""
    shown = ranking.filtered(result.table, settings.province, settings.size, settings.complete_only)
    ranks = shown["score"].rank(method="min", ascending=False)
    return pd.Series(ranks.to_numpy(), index=shown["code"].to_numpy(), dtype="float64")


def selection_columns(result: ranking.Ranking) -> list[Column]:
    """The columns of the Selectie sheet (and the default CSV)."""
    inhabitants = catalogue.get("inhabitants_2024")
    seats = catalogue.get("seats_2026")
    columns = [
        Column("Code", "code", "text", width=9),
        Column("Gemeente", "name", "text", width=24),
        Column("Provincie", "province_name", "text", width=16),
        Column(header_label(inhabitants), "inhabitants", "int", "#,##0"),
        Column(header_label(seats), "seats_2026", "int", "0"),
    ]
    for key, item in result.components.items():
        columns.append(Column(header_label(item), key, "float", _excel_format(item), 18))
    columns += [
        Column("Score (0-100)", "score", "float", "0.0"),
        Column(RANK_FILTERED, "rank_filtered", "int", "0", 10),
        Column(RANK_NATIONAL, "rank", "int", "0", 10),
        Column("Onderdelen gebruikt", "components_used", "int", "0"),
        Column("Onderdelen gekozen", "components_total", "int", "0"),
        *COUNT_COLUMNS,
        Column("Uitleg", "explanation", "text", width=100),
    ]
    return columns


def _frame(rows: pd.DataFrame, columns: list[Column]) -> pd.DataFrame:
    """Rows with exported headers and types: nullable ints, rounded floats, neutralised text."""
    out = pd.DataFrame(index=rows.index)
    for column in columns:
        values = rows[column.key]
        if column.kind == "int":
            out[column.header] = pd.array(values.round(), dtype="Int64")
        elif column.kind == "float":
            out[column.header] = values.astype("float64").round(DECIMALS)
        else:
            out[column.header] = [safe.neutralise("" if pd.isna(v) else str(v)) for v in values]
    out.columns = [safe.neutralise(c) for c in out.columns]
    return out.reset_index(drop=True)


def selection_frame(
    result: ranking.Ranking,
    codes: list[str],
    tables: dict[str, pd.DataFrame],
    settings: Settings | None = None,
) -> pd.DataFrame:
    """The basket's rows of the ranking, best rank first, with exported headers and counts."""
    rows = result.table[result.table["code"].isin(codes)].copy()
    rows["rank_filtered"] = rows["code"].map(filtered_rank(result, settings or Settings()))
    extra = counts(tables).reindex(rows["code"].to_numpy())
    for column in extra.columns:
        rows[column] = extra[column].to_numpy()
    return _frame(rows, selection_columns(result))


GROUP_COLUMNS = [
    Column("Code", "code", "text", width=9),
    Column("Gemeente", "name", "text", width=24),
    Column("Provincie", "province_name", "text", width=16),
    Column("Groep", "group", "text", width=30),
    Column("Aandeel in de bevolking (%)", "population_share", "float", '0.0"%"', 16),
    Column("Peiljaar bevolking", "population_year", "int", "0", 10),
    Column("Aandeel in de raad (%)", "council_share", "float", '0.0"%"', 16),
    Column("Peiljaar raad", "council_year", "int", "0", 10),
    Column("Verschil (procentpunt)", "gap", "float", "+0.0;-0.0;0.0", 14),
    Column("Zetels in de raad", "seats", "int", "0", 10),
    Column("Bron", "source", "text", width=40),
    Column("Toelichting bij deze gemeente", "note", "text", width=80),
]
WOMEN_COUNCIL_NOTE = (
    "Vrouwen, aandeel in de raad: gekozen raadsleden (2022) met bekend geslacht: zoals de lijst "
    "het opgaf, of geschat uit de voornaam waar de lijst het niet opgaf. De kolom Toelichting "
    "noemt per gemeente hoeveel geschat en hoeveel nog onbekend is; ⚠ = samen meer dan 20% van "
    "de raad."
)
MIGRATION_COUNCIL_UNKNOWN = (
    "Aandeel in de raad onbekend: er zijn geen open gegevens per gemeente over de herkomst van "
    "raadsleden. Ter vergelijking, landelijk: in 2023 had 5,9% van de raadsleden een "
    "migratieachtergrond, tegen 25,2% van de bevolking (F. Vermeulen, UvA, februari 2024)."
)
NO_DATA = {
    "Mensen met een praktische opleiding": (
        "Geen gegevens: het opleidingsniveau van inwoners en raadsleden is in de open data van "
        "Raadsradar niet per gemeente bekend. Ter vergelijking, landelijk: 70% van de raadsleden "
        "had in 2020 een hbo- of wo-diploma, tegen 34,2% van de bevolking (platformoverheid.nl)."
    ),
    "Mensen met een beperking": (
        "Geen gegevens: of inwoners of raadsleden een beperking hebben, is in open data niet per "
        "gemeente bekend. Ter vergelijking, landelijk (schatting): minder dan 0,5% van de "
        "raadsleden en bestuurders, tegen 10 tot 15% van de samenleving (VNG Magazine, 2021)."
    ),
}


def groups_frame(
    values: pd.DataFrame, gemeenten: pd.DataFrame, notes: pd.DataFrame, codes: list[str]
) -> pd.DataFrame:
    """Council versus inhabitants per group and gemeente, in the shape of ProDemos' Politiek Actief.

    Two rows per gemeente: women (both shares) and migration background (population only).
    Groups without any figure per gemeente (practical education, disability) and the
    explanations that hold for every row are in the Toelichting sheet, once.
    """
    base = gemeenten[["code", "name", "province_name"]].merge(values, on="code", how="left")
    base = base.set_index("code").loc[codes]
    reasons = notes.set_index(["code", "indicator_id"])["reason"]
    rows = []
    for code, row in base.iterrows():
        common = {"code": code, "name": row["name"], "province_name": row["province_name"]}
        if pd.isna(row["women_council_share_2022"]):
            note = "Aandeel in de raad onbekend: " + reasons.get(
                (code, "women_council_share_2022"), "geen gegevens in de brongegevens."
            )
        else:
            note = indicators.gender_mark(
                row["gender_estimated_share_2022"], row["gender_unknown_share_2022"]
            )
        rows.append(
            {
                **common,
                "group": "Vrouwen",
                "population_share": row["women_population_share_2024"],
                "population_year": 2024,
                "council_share": row["women_council_share_2022"],
                "council_year": 2022,
                "gap": row["women_gap_2022"],
                "seats": row["seats_2022"],
                "source": f"{catalogue.SOURCE_CBS_2024}; {catalogue.SOURCE_KR_2022}",
                "note": note,
            }
        )
        rows.append(
            {
                **common,
                "group": "Mensen met een migratieachtergrond",
                "population_share": row["origin_non_dutch_share_2024"],
                "population_year": 2024,
                "council_share": math.nan,
                "council_year": math.nan,
                "gap": math.nan,
                "seats": row["seats_2022"],
                "source": catalogue.SOURCE_CBS_2024 + " (herkomst buiten Nederland)",
                "note": "",
            }
        )
    frame = pd.DataFrame(rows, columns=[c.key for c in GROUP_COLUMNS])
    return _frame(frame, GROUP_COLUMNS)


GROUP_INDICATORS = (
    "women_population_share_2024",
    "women_council_share_2022",
    "women_gap_2022",
    "gender_estimated_share_2022",
    "gender_unknown_share_2022",
    "origin_non_dutch_share_2024",
    "seats_2022",
)


def _data_statement(items: list[catalogue.Indicator]) -> list[str]:
    fictitious = [i.label for i in items if i.kind == "illustrative"]
    imported = [i.label for i in items if i.kind == "imported"]
    lines = []
    if fictitious:
        lines.append(
            "LET OP: deze export bevat FICTIEVE voorbeeldgegevens: "
            + ", ".join(fictitious)
            + ". Die cijfers zijn door de app gemaakt om te laten zien hoe het werkt. Het zijn "
            "geen echte cijfers; gebruik ze niet voor besluiten."
        )
    if imported:
        lines.append(
            "LET OP: deze export bevat eigen geïmporteerde gegevens: "
            + ", ".join(imported)
            + ". Die komen van de gebruiker, niet van CBS of Kiesraad. Raadsradar heeft ze "
            "gekoppeld aan gemeenten, maar niet gecontroleerd."
        )
    if not lines:
        lines.append(
            "Alle cijfers zijn echte open data van CBS en Kiesraad, of daaruit afgeleid. Er zitten "
            "geen fictieve en geen geïmporteerde gegevens in."
        )
    return lines


def _missing_reason(
    key: str, code: str, reasons: pd.Series, items: dict[str, catalogue.Indicator]
) -> str:
    lookup = {
        ranking.WOMEN_SEATS_SHORT: "women_gap_2022",
        ranking.POOL: "seats_2026",
        "inhabitants": "inhabitants_2024",
    }.get(key, key)
    if (code, lookup) in reasons.index:
        return str(reasons[(code, lookup)])
    if items[key].kind == "imported":
        return "Geen waarde voor deze gemeente in het geïmporteerde bestand."
    return "Geen gegevens in de brongegevens."


def notes_rows(
    result: ranking.Ranking,
    codes: list[str],
    notes: pd.DataFrame,
    settings: Settings,
    today: dt.date,
) -> list[list[object]]:
    """The Toelichting sheet as rows of cells (sections separated by empty rows)."""
    table = result.table.set_index("code").loc[[c for c in result.table["code"] if c in codes]]
    reasons = notes.set_index(["code", "indicator_id"])["reason"]
    exported = {
        "inhabitants_2024": catalogue.get("inhabitants_2024"),
        "seats_2026": catalogue.get("seats_2026"),
        **result.components,
        **{key: catalogue.get(key) for key in GROUP_INDICATORS},
    }
    rows: list[list[object]] = [
        ["Raadsradar: toelichting bij de export"],
        [],
        ["Exportdatum", fmt.date(today)],
        ["App-versie", app_version()],
        ["Aantal gemeenten", len(table)],
        *[["Gegevens", line] for line in _data_statement(list(exported.values()))],
        [],
        ["Score", ranking.SCORE_METHOD],
        ["Uitleg per gemeente", "De twee of drie onderdelen die de score het meest bepalen."],
        [],
        ["Weging", "Gewicht", "Aandeel in de score (%)"],
        *[[label, w, round(share, 1)] for label, w, share in ranking.weights_text(result)],
        [],
        ["Mogelijke kandidaten", ranking.pool_method(settings.willing_share)],
        ["Aandeel dat zich kandidaat wil stellen (%)", round(settings.willing_share * 100, 1)],
        [],
        ["Instellingen van de ranglijst", "Waarde"],
        *(
            [[label, value] for label, value in settings.filters.items()]
            or [["(geen)", "Heel Nederland, alle gemeenten"]]
        ),
        [
            RANK_FILTERED,
            "De plaats binnen de lijst met de filters hierboven (1 = hoogste score in die "
            "lijst). Leeg voor een gemeente in de selectie die buiten de filters valt.",
        ],
        [
            RANK_NATIONAL,
            "De plaats van alle 342 gemeenten samen; de score zelf hangt niet af van de filters.",
        ],
        [
            "Aantallen",
            "De kolommen met aantallen (kandidaten, lijsten, zetels, raadsleden naar geslacht, "
            "inwoners) zijn de tellingen waaruit de verhoudingen berekend zijn. Raadsleden: "
            "geslacht zoals de lijst het opgaf, geschat uit de voornaam, of onbekend. "
            + catalogue.GENDER_NOTE,
        ],
        [],
        ["Kolom", "Definitie", "Eenheid", "Bron", "Peiljaar", "Soort"],
        *[
            [header_label(i), i.definition, i.unit, i.source, i.year, catalogue.KINDS[i.kind]]
            for i in exported.values()
        ],
        [],
        [
            "Politiek Actief",
            "Het blad Politiek Actief zet per gemeente de raad naast de inwoners, per groep: "
            "twee rijen per gemeente (vrouwen en migratieachtergrond). Landelijke cijfers staan "
            "hier alleen ter vergelijking, nooit als waarde van een gemeente.",
        ],
        ["Politiek Actief: vrouwen", WOMEN_COUNCIL_NOTE],
        ["Politiek Actief: migratieachtergrond", MIGRATION_COUNCIL_UNKNOWN],
        *[[f"Politiek Actief: {group.lower()}", text] for group, text in NO_DATA.items()],
        [],
        ["Ontbrekende gegevens", "Gemeente", "Kolom", "Reden"],
    ]
    missing = 0
    for code, row in table.iterrows():
        for key, item in exported.items():
            column = {"inhabitants_2024": "inhabitants"}.get(key, key)
            value = row[column] if column in row.index else None
            if value is None and key in GROUP_INDICATORS:
                continue  # not in the ranking table; the notes below cover it
            if value is not None and not pd.isna(value):
                continue
            rows.append(
                [
                    code,
                    row["name"],
                    header_label(item),
                    _missing_reason(key, code, reasons, exported),
                ]
            )
            missing += 1
    for code in table.index:
        for key in GROUP_INDICATORS:
            if (code, key) in reasons.index and key not in result.components:
                item = exported[key]
                rows.append(
                    [code, table.at[code, "name"], header_label(item), str(reasons[(code, key)])]
                )
                missing += 1
    if not missing:
        rows.append(["(geen)", "Alle gemeenten in de selectie hebben alle getoonde gegevens."])
    rows += [[], ["Bron", "Uitgever", "Licentie", "Peildatum", "Gebruikt voor"]]
    rows += [
        [s["name"], s["publisher"], s["licence"], s["reference"], s["used_for"]]
        for s in bundle.SOURCES
    ]
    return [[safe.neutralise(cell) for cell in row] for row in rows]


def to_csv(frame: pd.DataFrame, style: str) -> bytes:
    """CSV in UTF-8 with BOM (so Excel reads accents), comma or Dutch-Excel style."""
    if style not in CSV_STYLES:
        raise ValueError(f"Onbekende CSV-stijl: {style!r}")
    _, sep, decimal = CSV_STYLES[style]
    text = frame.to_csv(index=False, sep=sep, decimal=decimal, lineterminator="\r\n")
    return text.encode("utf-8-sig")


def _cell(value: object) -> object:
    # Control characters cannot be stored in .xlsx (openpyxl raises IllegalCharacterError);
    # imported text is cleaned on import, this catches whatever else carries them.
    if isinstance(value, str):
        return fmt.strip_control(value)
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "item"):  # numpy scalar -> Python number
        return value.item()
    return value


def _write_table(sheet: Worksheet, frame: pd.DataFrame, columns: list[Column]) -> None:
    """Header in row 1 (bold, frozen, with autofilter), then one row per record with formats."""
    sheet.append([_cell(str(c)) for c in frame.columns])
    for row in frame.itertuples(index=False):
        sheet.append([_cell(v) for v in row])
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        if column.kind != "text":
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = column.excel_format
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(len(frame) + 1, 2)}"


def to_xlsx(
    data: pd.DataFrame,
    data_columns: list[Column],
    groups: pd.DataFrame,
    notes: list[list[object]],
) -> bytes:
    """The Excel file: Selectie, Politiek Actief and Toelichting."""
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET_DATA
    _write_table(sheet, data, data_columns)
    _write_table(book.create_sheet(SHEET_GROUPS), groups, GROUP_COLUMNS)
    notes_sheet = book.create_sheet(SHEET_NOTES)
    for row in notes:
        notes_sheet.append([_cell(v) for v in row])
    notes_sheet["A1"].font = Font(bold=True, size=14)
    for letter, width in zip("ABCDEF", (34, 90, 22, 40, 10, 18), strict=True):
        notes_sheet.column_dimensions[letter].width = width
    for row in notes_sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    book.properties.creator = f"Raadsradar {app_version()}"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def check_codes(codes: list[str], gemeenten: pd.DataFrame) -> list[str]:
    """The codes, deduplicated; a Dutch error for an empty list or unknown codes."""
    codes = list(dict.fromkeys(codes))
    if not codes:
        raise ValueError("De selectie is leeg. Voeg eerst gemeenten toe.")
    unknown = sorted(set(codes) - set(gemeenten["code"]))
    if unknown:
        raise KeyError(f"Onbekende gemeentecode(s): {', '.join(unknown)}")
    return codes


def export(
    file_format: str,
    codes: list[str],
    tables: dict[str, pd.DataFrame],
    settings: Settings | None = None,
    *,
    imported_values: pd.DataFrame | None = None,
    imported_catalogue: dict[str, catalogue.Indicator] | None = None,
    today: dt.date | None = None,
) -> bytes:
    """The export file for a basket: the one function behind the page's buttons and the CLI."""
    if file_format not in FORMATS:
        raise ValueError(f"Onbekend formaat: {file_format!r} (kies csv of xlsx)")
    settings = settings or Settings()
    codes = check_codes(codes, tables["gemeenten"])
    result = ranking.rank_targets(
        tables,
        settings.weights,
        willing_share=settings.willing_share,
        imported_values=imported_values,
        imported_catalogue=imported_catalogue,
    )
    columns = selection_columns(result)
    data = selection_frame(result, codes, tables, settings)
    order = [c for c in result.table["code"] if c in set(codes)]
    groups = groups_frame(
        tables["indicators"], tables["gemeenten"], tables["indicator_notes"], order
    )
    if file_format == "csv":
        if settings.shape not in SHAPES:
            raise ValueError(f"Onbekende vorm: {settings.shape!r}")
        return to_csv(groups if settings.shape == "politiek_actief" else data, settings.csv_style)
    notes = notes_rows(result, codes, tables["indicator_notes"], settings, today or dt.date.today())
    return to_xlsx(data, columns, groups, notes)


def file_name(file_format: str, shape: str = "selectie", today: dt.date | None = None) -> str:
    """A download name such as raadsradar-selectie-2026-03-18.xlsx."""
    day = (today or dt.date.today()).isoformat()
    stem = "selectie" if file_format == "xlsx" else shape.replace("_", "-")
    return f"raadsradar-{stem}-{day}.{file_format}"


def deferred(
    file_format: str, codes: list[str], tables: dict[str, pd.DataFrame], settings: Settings, **kw
) -> Callable[[], bytes]:
    """A no-argument callable that builds the file on demand (for a lazy download button)."""
    frozen = list(codes)
    return lambda: export(file_format, frozen, tables, settings, **kw)


BASKET_FILE_HEADER = "code,gemeente"
_CODE_IN_TEXT = re.compile(r"\bGM\d{4}\b", re.IGNORECASE)
MAX_BASKET_FILE_BYTES = 1_000_000


def basket_file(codes: list[str], gemeenten: pd.DataFrame) -> bytes:
    """The basket as a small CSV (code, name), UTF-8 with BOM; `read_basket_file` reads it."""
    names = gemeenten.set_index("code")["name"]
    frame = pd.DataFrame(
        {"code": codes, "gemeente": [safe.neutralise(names.get(c, "")) for c in codes]}
    )
    return to_csv(frame, "comma")


def read_basket_file(payload: bytes, valid: set[str]) -> tuple[list[str], list[str]]:
    """Codes found in a saved basket (or any text or CSV with GM codes): (known, unknown).

    Any file that holds GM codes works, also this app's own CSV exports.
    """
    if len(payload) > MAX_BASKET_FILE_BYTES:
        raise ValueError("Dit bestand is te groot voor een selectie (meer dan 1 MB).")
    try:
        text = payload.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = payload.decode("latin-1")
    found = list(dict.fromkeys(m.upper() for m in _CODE_IN_TEXT.findall(text)))
    if not found:
        raise ValueError(
            "In dit bestand staan geen gemeentecodes (zoals GM0363). Kies een bestand dat u "
            "eerder met 'Selectie bewaren' hebt opgeslagen."
        )
    return [c for c in found if c in valid], [c for c in found if c not in valid]


def _parse_weights(text: str) -> dict[str, float]:
    weights = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        key, _, value = part.partition("=")
        weights[key.strip()] = float(value) if value else 1.0
    return weights


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m core.export", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "--codes", required=True, help="comma-separated CBS codes, e.g. GM0363,GM0599"
    )
    parser.add_argument("--format", required=True, choices=FORMATS, dest="file_format")
    parser.add_argument("--out", required=True, type=Path, help="file to write")
    parser.add_argument("--csv-style", default=DEFAULT_CSV_STYLE, choices=list(CSV_STYLES))
    parser.add_argument("--shape", default="selectie", choices=list(SHAPES), help="CSV only")
    parser.add_argument(
        "--weights", default="", help="id=weight,... (default: the standard weights)"
    )
    parser.add_argument(
        "--willing", type=float, default=indicators.WILLING_SHARE * 100, help="percent"
    )
    parser.add_argument("--bundle", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    codes = [c.strip().upper() for c in args.codes.split(",") if c.strip()]
    try:
        tables = {name: bundle.load_table(name, args.bundle) for name in TABLES}
        settings = Settings(
            weights=_parse_weights(args.weights) or dict(catalogue.DEFAULT_PRIORITY_WEIGHTS),
            willing_share=args.willing / 100,
            csv_style=args.csv_style,
            shape=args.shape,
        )
        payload = export(args.file_format, codes, tables, settings)
    except (KeyError, ValueError, bundle.BundleError) as exc:
        print(f"Fout: {exc.args[0] if exc.args else exc}", file=sys.stderr)
        return 2
    args.out.write_bytes(payload)
    print(f"{args.out}: {len(codes)} gemeenten, {len(payload)} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
