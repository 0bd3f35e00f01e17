"""The reference year of an imported table, which gemeenten it covers, and the report's
counts in words that add up for a reader.

The year comes from the file: a period column (CBS StatLine's "Perioden" holds "2022JJ00"),
else a year in the file's name. It is never the date of the upload: without a year in the file
the import says the year is unknown and the page asks for it. Coverage counts the gemeenten of
today's division that got a row, and names those that did not. The rows read are matched
rows, rows of areas that are no gemeente (the country, provinces, regions, wijken), and rows
not recognised: the three add up to the rows read.
"""

from __future__ import annotations

import re

import pandas as pd

from core import fmt
from core.ingest import names as ingest_names
from core.ingest import report as ingest_report
from core.ingest import table as ingest_table

PERIOD_COLUMN = re.compile(r"^(perioden?|periode|jaar|year|peiljaar|peildatum|datum)$", re.I)
# CBS period codes: 2022JJ00 (year), 2022KW01 (quarter), 2022MM03 (month), 2022X000 (other);
# plain years, and dates written day-month-year or year-month-day.
_CBS = re.compile(r"((?:19|20)\d{2})(?:JJ|KW|MM|HJ|X)\d{2,3}", re.I)
_YEAR = re.compile(r"(?:19|20)\d{2}")
_DATE = re.compile(
    r"(?:\d{1,2}[-/.]\d{1,2}[-/.]((?:19|20)\d{2}))|(?:((?:19|20)\d{2})[-/.]\d{1,2}[-/.]\d{1,2})"
)
_FILE_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


def year_of_cell(cell: object) -> int | None:
    """The year a period cell stands for ('2022JJ00', '2022', '1-1-2022'), else None."""
    text = ingest_table.cell_text(cell).strip()
    if not text:
        return None
    for pattern in (_CBS, _DATE):
        match = pattern.fullmatch(text)
        if match:
            return int(next(g for g in match.groups() if g))
    if _YEAR.fullmatch(text.split(".")[0]) and text.replace(".0", "").isdigit():
        return int(text.split(".")[0])
    return None


def reference_year(
    frame: pd.DataFrame, rows: list[int], filename: str
) -> tuple[int | None, str, list[int]]:
    """(year, where it was found, every year seen) for the rows the import uses.

    A period column with one year in those rows gives that year; with several it gives none
    (the page asks which). Without a period column, a year in the file name counts."""
    for column in frame.columns:
        if not PERIOD_COLUMN.match(str(column).strip()):
            continue
        cells = frame[column].iloc[rows] if rows else frame[column]
        years = sorted({y for y in (year_of_cell(c) for c in cells) if y is not None})
        if not years:
            continue
        example = ingest_table.cell_text(cells.iloc[0]).strip()
        if len(years) == 1:
            return years[0], f"uit kolom '{column}' ({example})", years
        shown = ", ".join(str(y) for y in years[:6])
        return None, f"kolom '{column}' noemt meer jaren ({shown})", years
    match = _FILE_YEAR.search(filename)
    if match:
        return int(match.group(1)), "uit de bestandsnaam", [int(match.group(1))]
    return None, "niet in het bestand gevonden", []


def annotate(
    report: ingest_report.Report,
    frame: pd.DataFrame,
    rows: list[int],
    reference: ingest_names.Reference,
) -> None:
    """Set the report's reference year (with its source) and its coverage of the gemeenten."""
    report.year, report.year_source, report.years = reference_year(frame, rows, report.filename)
    covered = set(map(str, report.values.index)) if len(report.values) else set()
    report.gemeenten_total = len(reference.names)
    report.missing = sorted(
        (code for code in reference.names if code not in covered),
        key=lambda code: reference.names[code],
    )


NOT_GEMEENTE = {
    "total": ("landelijk totaal", "landelijke totalen"),
    "province": ("provincie", "provincies"),
    "region": ("regio", "regio's"),
    "wijk": ("wijk", "wijken"),
    "buurt": ("buurt", "buurten"),
}
MAX_NAMED = 12  # gemeenten without a row named in the coverage line; the rest is a count


def _count(n: int, one: str, more: str) -> str:
    return f"{fmt.number(n)} {one if n == 1 else more}"


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " en " + items[-1]


def coverage_line(report: ingest_report.Report, names: dict[str, str]) -> str:
    """'338 van de 342 gemeenten staan in het bestand; zonder rij: Ameland, ... en Vlieland.'"""
    line = (
        f"{fmt.number(report.covered)} van de {fmt.number(report.gemeenten_total)} gemeenten "
        "staan in het bestand"
    )
    if not report.missing:
        return line + "."
    shown = [names.get(code, code) for code in report.missing[:MAX_NAMED]]
    rest = len(report.missing) - len(shown)
    if rest:
        shown.append(f"{fmt.number(rest)} andere")
    return f"{line}; zonder rij ({fmt.number(len(report.missing))}): {_join(shown)}."


def other_areas(report: ingest_report.Report) -> list[ingest_report.Unmatched]:
    """Rows of areas that are recognisably no gemeente (not used, nothing to link)."""
    return [u for u in report.unmatched if u.kind in NOT_GEMEENTE]


def unrecognised(report: ingest_report.Report) -> list[ingest_report.Unmatched]:
    """Rows whose key the import could not link: unknown, ambiguous, split or empty."""
    return [u for u in report.unmatched if u.kind not in NOT_GEMEENTE]


def rows_line(report: ingest_report.Report) -> str:
    """How the rows read add up: matched, other areas (by kind), not recognised."""
    others = other_areas(report)
    kinds = []
    for kind, (one, more) in NOT_GEMEENTE.items():
        n = sum(1 for u in others if u.kind == kind)
        if n:
            kinds.append(_count(n, one, more))
    other = (
        f"{_count(len(others), 'rij', 'rijen')} van andere gebieden dan gemeenten "
        f"({_join(kinds)}), niet gebruikt"
        if others
        else "geen rijen van andere gebieden"
    )
    gemeenten = report.covered
    return (
        f"{_count(report.rows, 'rij', 'rijen')} gelezen: "
        f"{_count(report.matched, 'rij', 'rijen')} gekoppeld aan "
        f"{_count(gemeenten, 'gemeente', 'gemeenten')}; {other}; "
        f"{_count(len(unrecognised(report)), 'rij', 'rijen')} niet herkend."
    )


def column_counts(report: ingest_report.Report) -> list[dict]:
    """Per value column: gemeenten with a value, and without one ('geen gegevens' on the map,
    the gemeenten without a row included): the two add up to every gemeente."""
    out = []
    for name in report.value_columns:
        with_value = report.with_value(name)
        out.append(
            {
                "kolom": name,
                "gemeenten met waarde": with_value,
                "geen gegevens": report.gemeenten_total - with_value,
            }
        )
    return out
