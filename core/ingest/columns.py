"""The value columns: parse each column's numbers, decide its role, and warn about what to check.

A column is a value when most of its filled cells are numbers; code, year and period columns are
skipped. Fractions (0-1) stay as they are until the user confirms them as percentages.
"""

from __future__ import annotations

import re

import pandas as pd

from core import fmt
from core.ingest import numbers as ingest_numbers
from core.ingest import options as ingest_options
from core.ingest import reasons as ingest_reasons
from core.ingest import report as ingest_report
from core.ingest import table as ingest_table

_SKIP_HINT = re.compile(
    r"code|codering|\bid\b|^jaar$|^perioden?$|^year$|postcode|peildatum", re.IGNORECASE
)
_SHARE_HINT = re.compile(r"%|procent|percentage|aandeel|share", re.IGNORECASE)
# The dimensions of a CBS StatLine table ("Leeftijd": "53105   " = 18 jaar of ouder): a code
# that is the same in every row is a selection, not a number per gemeente.
_CBS_DIMENSION = re.compile(
    r"^(leeftijd|geslacht|marges|herkomst|persoonskenmerken|onderwijsniveau|"
    r"migratieachtergrond|burgerlijkestaat)$",
    re.IGNORECASE,
)


def read_columns(
    table: ingest_table.Table, key: str, options: ingest_options.Options
) -> tuple[
    list[ingest_report.Column],
    dict[str, pd.Series],
    dict[str, ingest_numbers.ColumnNumbers],
    list[str],
]:
    """Each column as read (role, counts, note), value series, parsed cells, Dutch warnings."""
    infos: list[ingest_report.Column] = []
    values: dict[str, pd.Series] = {}
    parsed_by_column: dict[str, ingest_numbers.ColumnNumbers] = {}
    warnings: list[str] = []
    for name in table.frame.columns:
        if name == key:
            infos.append(ingest_report.Column(name, "key", note="gemeente (sleutel)"))
            continue
        parsed = ingest_numbers.parse_column(table.frame[name], table.decimal)
        parsed_by_column[name] = parsed
        considered = parsed.numbers + parsed.invalid
        if _SKIP_HINT.search(name) and not _SHARE_HINT.search(name):
            infos.append(
                ingest_report.Column(
                    name, "skipped", note="code-, jaar- of periodekolom: niet als getal gebruikt"
                )
            )
            continue
        if _CBS_DIMENSION.match(str(name).strip()) and parsed.values.nunique() <= 1:
            infos.append(
                ingest_report.Column(
                    name, "skipped", note="CBS-indeling, voor alle rijen dezelfde code"
                )
            )
            continue
        if not parsed.numbers or parsed.numbers * 2 < considered:
            infos.append(ingest_report.Column(name, "text", note="tekst: niet als getal gebruikt"))
            continue
        info = ingest_report.Column(
            name,
            "value",
            parsed.numbers,
            parsed.missing,
            parsed.invalid,
            percent=parsed.percent_cells > 0 or bool(_SHARE_HINT.search(name)),
            whole=ingest_numbers.all_whole(parsed.values),
        )
        series = parsed.values
        info.fraction = ingest_numbers.looks_like_fraction(series, parsed.percent_cells)
        if info.fraction:
            if name in options.as_percent:
                series = series * 100
                info.fraction_confirmed, info.percent = True, True
            elif name in options.not_fraction:
                info.fraction_confirmed = False
        invalid = table.frame[name][parsed.status == "invalid"].iloc[:1000]
        info.invalid_examples = list(dict.fromkeys(ingest_table.cell_text(c) for c in invalid))[:5]
        large = table.frame[name][parsed.status == "too_large"].iloc[:1000]
        large_examples = list(dict.fromkeys(ingest_table.cell_text(c) for c in large))[:3]
        info.note = _column_note(info, parsed, table.decimal)
        info.label = name
        # A share written as 0-1 is only in percent once the user confirmed it (×100).
        in_percent = info.percent and (not info.fraction or bool(info.fraction_confirmed))
        info.unit = "%" if in_percent else ""
        info.decimals = _decimals(series, info)
        values[name] = series
        infos.append(info)
        warnings.extend(_column_warnings(info, parsed, table.decimal, table.decimal_proven))
        if parsed.too_large:
            examples = ", ".join(f"'{ingest_reasons.echo(e)}'" for e in large_examples)
            warnings.append(
                f"Kolom '{ingest_reasons.echo(name)}': {fmt.number(parsed.too_large)} getal(len) "
                f"zijn 10¹⁵ (duizend biljoen) of groter, of −10¹⁵ of kleiner (bijvoorbeeld "
                f"{examples}). Zo'n waarde is geen cijfer van een gemeente; ze tellen als "
                "ontbrekend en staan in de download met afgewezen rijen."
            )
    return infos, values, parsed_by_column, warnings


def _decimals(values: pd.Series, info: ingest_report.Column) -> int:
    """Decimals to show: none for counts, two for small non-whole numbers, else one."""
    if info.whole and not info.percent:
        return 0
    known = values.dropna().abs()
    return 2 if len(known) and known.max() < 10 and not info.whole else 1


def _column_note(
    info: ingest_report.Column, parsed: ingest_numbers.ColumnNumbers, decimal: str
) -> str:
    parts = [f"{fmt.number(info.numbers)} getallen"]
    if info.missing:
        parts.append(f"{fmt.number(info.missing)} leeg of ontbrekend")
    if info.invalid:
        parts.append(f"{fmt.number(info.invalid)} geen getal (genegeerd)")
    if parsed.percent_cells:
        parts.append("procenttekens weggelaten (waarden in procenten)")
    if info.fraction_confirmed:
        parts.append("fracties omgerekend naar procenten (×100)")
    elif info.fraction and info.fraction_confirmed is None:
        parts.append("lijken fracties (0-1): nog bevestigen")
    if parsed.ambiguous_cells:
        mark = "komma" if decimal == "," else "punt"
        parts.append(f"'1.234'-vormen gelezen met de {mark} als decimaalteken")
    return "; ".join(parts)


def _column_warnings(
    info: ingest_report.Column, parsed: ingest_numbers.ColumnNumbers, decimal: str, proven: bool
) -> list[str]:
    out = []
    not_numbers = info.invalid - parsed.too_large
    if not_numbers:
        examples = ", ".join(f"'{ingest_reasons.echo(e)}'" for e in info.invalid_examples)
        out.append(
            f"Kolom '{ingest_reasons.echo(info.name)}': {fmt.number(not_numbers)} cel(len) zijn "
            "geen getal "
            f"(bijvoorbeeld {examples}) en tellen als ontbrekend. Ze staan in de download met "
            "afgewezen rijen."
        )
    if parsed.dash_cells:
        out.append(
            f"Kolom '{ingest_reasons.echo(info.name)}': {fmt.number(parsed.dash_cells)} cel(len) bevatten '-'. Het "
            "CBS gebruikt '-' soms voor 'nihil' (nul), maar Raadsradar leest het als "
            "ontbrekend, nooit als nul. Vul 0 in als u nul bedoelt."
        )
    if info.fraction and info.fraction_confirmed is None:
        out.append(
            f"Kolom '{ingest_reasons.echo(info.name)}': alle waarden liggen tussen 0 en 1. Zijn het fracties "
            "(0,25 = 25%)? Dat kiest u zelf (bij 'Fracties of procenten?'); tot dan blijven de "
            "waarden zoals ze in het bestand staan."
        )
    if parsed.ambiguous_cells and not proven:
        thousands = "." if decimal == "," else ","
        out.append(
            f"Kolom '{ingest_reasons.echo(info.name)}': {fmt.number(parsed.ambiguous_cells)} getal(len) zoals "
            f"'1{thousands}234' kunnen op twee manieren gelezen worden; gelezen met "
            f"'{decimal}' als decimaalteken ('1{thousands}234' = 1234). Kies zelf het "
            "decimaalteken als dat niet klopt."
        )
    if 0 < parsed.percent_cells < info.numbers:
        out.append(
            f"Kolom '{ingest_reasons.echo(info.name)}': een deel van de getallen heeft een procentteken en een deel "
            "niet. Controleer of alle waarden dezelfde eenheid hebben."
        )
    return out
