"""Bring your own data: read a user's table, match its rows to gemeenten and report everything.

`ingest()` is what the page `data` and `python -m core.ingest` (core.ingest.cli) both call;
it never raises for a bad file.

    report = ingest(data, "enquete.xlsx", Options(sheet="Resultaten"))
    report.to_contract_json()   # the command line's JSON object
    report.values               # DataFrame: index GM code, one float column per value column

Row numbers in the report are the file's own: the line in a text editor, the row in Excel
(so title rows and the header count). `rows` counts the data rows under the header, without
blank lines and a "Bron:" footer; rows = matched + unmatched.

The steps each have a module of core.ingest: table (bytes -> cells, through grid, read_text,
read_excel, read_parquet and layout, within limits), keys (the key column and its gemeenten,
with names and successors), columns (numbers, through numbers), duplicates (rows meeting in
one gemeente, wijk sums), reasons (the Dutch reasons and warnings) and report (the result).
The Kiesraad candidate-list file has its own report in kiesraad; output makes the downloads,
the template and imported catalogue entries.
"""

from __future__ import annotations

import collections
import re

import numpy as np
import pandas as pd

from core import bundle
from core.ingest import columns as ingest_columns
from core.ingest import coverage as ingest_coverage
from core.ingest import duplicates as ingest_duplicates
from core.ingest import keys as ingest_keys
from core.ingest import kiesraad as ingest_kiesraad
from core.ingest import limits as ingest_limits
from core.ingest import names as ingest_names
from core.ingest import numbers as ingest_numbers
from core.ingest import options as ingest_options
from core.ingest import reasons as ingest_reasons
from core.ingest import report as ingest_report
from core.ingest import table as ingest_table

_YEAR = re.compile(r"(?<!\d)(20\d{2}|19\d{2})(?!\d)")


def ingest(
    data: bytes,
    filename: str,
    options: ingest_options.Options | None = None,
    reference: ingest_names.Reference | None = None,
) -> ingest_report.Report:
    """Read, match and report; never raises for a bad file (the report says what is wrong)."""
    report = _ingest(data, filename, options or ingest_options.Options(), reference)
    # Every list in a warning is already shortened; this is the net under them.
    report.warnings = [ingest_reasons.cap(w) for w in report.warnings]
    return report


def _ingest(
    data: bytes,
    filename: str,
    options: ingest_options.Options,
    reference: ingest_names.Reference | None,
) -> ingest_report.Report:
    try:
        table = ingest_table.read_table(data, filename, options)
    except ingest_limits.ReadError as exc:
        report = ingest_report.failed(filename, str(exc))
        report.refused = isinstance(exc, ingest_limits.Refused)
        return report
    if reference is None:
        try:
            reference = ingest_names.load_reference()
        except bundle.BundleError as exc:
            return ingest_report.failed(
                filename,
                f"De gegevensbundel van de app is niet leesbaar: {exc}. "
                f"Maak hem opnieuw met: {bundle.REBUILD_COMMAND}",
            )
    if ingest_kiesraad.is_candidate_list(list(table.frame.columns)):
        return ingest_kiesraad.candidate_report(table, filename, options, reference)
    try:
        key, key_note = ingest_keys.detect_key(table, reference, options.key_column)
    except ingest_limits.ReadError as exc:
        others = [s for s in table.sheets if s != table.sheet]
        hint = (
            f" Of kies een ander werkblad ({', '.join(repr(s) for s in others)})." if others else ""
        )
        report = ingest_report.failed(filename, str(exc) + hint)
        report.table, report.rows = table, len(table.frame)
        report.notes, report.warnings = list(table.notes), list(table.warnings)
        return report
    hits = ingest_keys.match(table.frame[key], reference, options.resolve)
    columns, values, parsed, column_warnings = ingest_columns.read_columns(table, key, options)
    report = ingest_report.Report(
        ok=True,
        error=None,
        filename=filename,
        rows=len(table.frame),
        key_column=key,
        value_columns=[c.name for c in columns if c.role == "value"],
        columns=columns,
        table=table,
    )
    report.notes = [*table.notes, key_note]
    report.warnings = list(table.warnings)
    _assemble(report, table, key, hits, values, parsed, options, reference)
    matched = [row for row, hit in enumerate(hits) if hit.matched]
    ingest_coverage.annotate(report, table.frame, matched, reference)
    report.warnings.extend(column_warnings)
    if not report.value_columns:
        report.warnings.append(
            "Er staan geen kolommen met getallen in het bestand: er is niets om als indicator "
            "te gebruiken. Controleer de kopregel en het decimaalteken."
        )
    return report


def year_in(text: str) -> int | None:
    """A year (1900-2099) in a file or column name, if there is one."""
    match_ = _YEAR.search(text)
    return int(match_.group(1)) if match_ else None


def _assemble(
    report: ingest_report.Report,
    table: ingest_table.Table,
    key: str,
    hits: list[ingest_names.Hit],
    values: dict[str, pd.Series],
    parsed: dict[str, ingest_numbers.ColumnNumbers],
    options: ingest_options.Options,
    reference: ingest_names.Reference,
) -> None:
    """Fill matched, unmatched, duplicates, successors, values and rejected rows."""
    given = [ingest_table.cell_text(c) for c in table.frame[key]]
    matched_rows: dict[str, list[int]] = collections.defaultdict(list)  # code -> positions
    reasons = ingest_reasons.Reasons(reference)
    for position, (hit, text) in enumerate(zip(hits, given, strict=True)):
        if hit.matched:
            matched_rows[hit.code].append(position)
            if hit.kind == "former":
                report.successors[text] = hit.code
        else:
            report.unmatched.append(
                ingest_report.Unmatched(table.rows[position], text, reasons(hit, text), hit.kind)
            )
            if hit.kind in ("ambiguous", "split"):
                report.choices[text] = hit.options
    aggregated = ingest_duplicates.aggregate_wijken(
        report, table, hits, values, options, set(matched_rows), reference
    )
    names = list(values)
    matrix = pd.DataFrame(values).to_numpy(dtype="float64") if values else np.empty((len(given), 0))
    codes, picked = [], []
    for code, positions in sorted(matched_rows.items()):
        codes.append(code)
        if len(positions) == 1:
            picked.append(matrix[positions[0]])
        else:
            picked.append(
                ingest_duplicates.resolve_duplicate(
                    report, code, positions, hits, given, matrix, names, options, table, reference
                )
            )
    result = pd.DataFrame(
        np.vstack(picked) if picked else np.empty((0, len(names))), index=codes, columns=names
    )
    if aggregated:
        result = pd.concat(
            [result, pd.DataFrame.from_dict(aggregated, orient="index", columns=names)]
        )
    report.matched = sum(len(p) for p in matched_rows.values()) + report.matched
    report.values = result.astype("float64").sort_index()
    report.values.index.name = "code"
    for name, column in parsed.items():
        if name not in values:
            continue
        shown = ingest_reasons.echo(name)
        reasons = {
            "invalid": f"Kolom '{shown}': geen getal, telt als ontbrekend.",
            "too_large": f"Kolom '{shown}': getal te groot (10¹⁵ of meer), telt als ontbrekend.",
        }
        unusable = column.status[column.status.isin(ingest_numbers.UNUSABLE)]
        for position, status in unusable.items():
            report.rejected.append(
                ingest_report.Unmatched(
                    table.rows[position],
                    ingest_table.cell_text(table.frame.at[position, name]),
                    reasons[status],
                    "invalid",
                )
            )
    report.rejected.sort(key=lambda r: r.row)
    report.rejected_total = len(report.rejected)
    del report.rejected[ingest_report.MAX_REJECTED :]
    ingest_reasons.summarise(report, reference)


def read_seats(
    data: bytes, filename: str, reference: ingest_names.Reference | None = None
) -> dict[str, float]:
    """Council sizes per GM code from a file such as Raadzetels_GR2026.csv (same reading path).

    The values are as read: the candidate-list report uses only whole numbers from 1 up and
    reports the others (core.ingest.kiesraad.usable_seats).
    """
    report = ingest(data, filename, ingest_options.Options(), reference)
    if not report.ok:
        raise ingest_limits.ReadError(report.error or "")
    columns = [c for c in report.value_columns if re.search(r"zetel|seat", c, re.IGNORECASE)]
    columns = columns or report.value_columns
    if not columns:
        raise ingest_limits.ReadError(
            f"In '{filename}' staat geen kolom met het aantal zetels. Gebruik een bestand met een "
            "kolom gemeente en een kolom AantalZetels."
        )
    series = report.values[columns[0]].dropna()
    return {str(code): float(value) for code, value in series.items()}
