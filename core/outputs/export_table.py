"""The Selectie sheet of the basket export: the user's settings, the columns and their rows."""

from __future__ import annotations

import dataclasses

import pandas as pd

from core import catalogue, indicator_meta, indicators, ranking, safe

SHAPES = {"selectie": "Selectie", "politiek_actief": "Politiek Actief"}
CSV_STYLES: dict[str, tuple[str, str, str]] = {
    # style: (Dutch label, separator, decimal mark); the first is the default: Excel with Dutch
    # settings opens it with the columns split and the numbers as numbers.
    "excel_nl": ("Puntkomma's en decimale komma (Nederlandse Excel)", ";", ","),
    "comma": ("Komma's en decimale punt (voor andere programma's)", ",", "."),
}
DEFAULT_CSV_STYLE = next(iter(CSV_STYLES))
DECIMALS = 2  # exported values are rounded to this; Excel shows fewer through number formats
RANK_NATIONAL = "Rang in Nederland"
RANK_FILTERED = "Rang binnen de filters"


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


def _excel_format(item: indicator_meta.Indicator) -> str:
    digits = "0" if item.decimals == 0 else "0." + "0" * item.decimals
    if item.unit == "%":
        return f'{digits}"%"'
    if item.unit == "procentpunt":
        return f"+{digits};-{digits};{digits}"
    return "#,##0" if item.decimals == 0 else f"#,##0.{'0' * item.decimals}"


def header_label(item: indicator_meta.Indicator) -> str:
    """Header text: label, unit, and a visible mark for imported or fictitious data."""
    # No unit where the label already names it: "Inwoners (2024)", not "... (inwoners)".
    plain = item.unit in ("", "aantal") or item.unit.lower() in item.label.lower()
    unit = "" if plain else f" ({item.unit})"
    mark = {"imported": " [eigen import]", "illustrative": " [FICTIEF]"}.get(item.kind, "")
    return f"{item.label}{unit}{mark}"


# The counts behind the ratios, per gemeente (2026 election; CBS inhabitants 2024). Estimated
# genders are counts per council, never per list.
COUNT_COLUMNS = [
    Column("Kandidaten (2026)", "n_candidates", "int", "#,##0", 12),
    Column("Kandidatenlijsten (2026)", "n_lists", "int", "0", 12),
    Column("Lijsten korter dan de raad (2026)", "n_short_lists", "int", "0", 12),
    Column("Lijsten korter dan de halve raad (2026)", "n_half_short_lists", "int", "0", 12),
    Column("Kandidaten vrouw, opgegeven (2026)", "n_candidates_women", "int", "#,##0", 12),
    Column("Kandidaten man, opgegeven (2026)", "n_candidates_men", "int", "#,##0", 12),
    Column("Kandidaten zonder opgegeven geslacht (2026)", "n_candidates_empty", "int", "#,##0", 12),
    Column("Raadsleden vrouw, opgegeven (2026)", "n_women", "int", "0", 12),
    Column("Raadsleden man, opgegeven (2026)", "n_men", "int", "0", 12),
    Column("Raadsleden vrouw, geschat uit voornaam (2026)", "n_women_estimated", "int", "0", 12),
    Column("Raadsleden man, geschat uit voornaam (2026)", "n_men_estimated", "int", "0", 12),
    Column("Raadsleden geslacht onbekend (2026)", "n_gender_unknown", "int", "0", 12),
    Column("Geslacht raadsleden (2026)", "gender_note", "text", width=28),
    Column("Inwoners vrouw (2024)", "n_women_inhabitants", "int", "#,##0", 12),
]


def counts(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Per gemeente (code-indexed): the raw counts of COUNT_COLUMNS (missing where not linked)."""
    g = tables["gemeenten"].set_index("code")
    c = indicators.councils_per_gemeente(tables, indicators.CURRENT_YEAR).reindex(g.index)
    values = tables["indicators"].set_index("code").reindex(g.index)
    basis = indicators.gender_basis(values, indicators.CURRENT_YEAR)
    return pd.DataFrame(
        {
            "n_candidates": c["candidates"],
            "n_lists": c["lists"],
            "n_short_lists": c["short_lists"],
            "n_half_short_lists": c["half_short_lists"],
            "n_candidates_women": c["candidates_women"],
            "n_candidates_men": c["candidates_men"],
            "n_candidates_empty": c["candidates_gender_empty"],
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
    return ranking.rank_within(shown)


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


def typed_frame(rows: pd.DataFrame, columns: list[Column]) -> pd.DataFrame:
    """Rows with exported headers and types: nullable ints, rounded floats, neutralised text."""
    out = pd.DataFrame(index=rows.index)
    for column in columns:
        values = rows[column.key]
        if column.kind == "int":
            out[column.header] = pd.array(values.round(), dtype="Int64")
        elif column.kind == "float":
            out[column.header] = values.astype("float64").round(DECIMALS)
        else:
            out[column.header] = [safe.cell("" if pd.isna(v) else str(v)) for v in values]
    out.columns = [safe.cell(c) for c in out.columns]
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
    return typed_frame(rows, selection_columns(result))
