"""Rows that meet in one gemeente: duplicate rows, and wijken or buurten added up to a gemeente.

By default a gemeente's own row is used (the first of several); where only former gemeenten meet
in their successor, no row is, until the user chooses a row or a sum of the count columns.
Wijken (or else buurten) are summed only when the user asks, and only in count columns.
"""

from __future__ import annotations

import collections
import math

import numpy as np
import pandas as pd

from core import fmt
from core.ingest import names as ingest_names
from core.ingest import options as ingest_options
from core.ingest import report as ingest_report
from core.ingest import table as ingest_table


def resolve_duplicate(
    report: ingest_report.Report,
    code: str,
    positions: list[int],
    hits: list[ingest_names.Hit],
    given: list[str],
    matrix: np.ndarray,
    names: list[str],
    options: ingest_options.Options,
    table: ingest_table.Table,
    reference: ingest_names.Reference,
) -> np.ndarray:
    """Record a duplicate group and return the values to use for the gemeente.

    Default: the gemeente's own row (the first, if there are several); when only former
    gemeenten meet in their successor, no row (the user chooses a row or a sum).
    keep_rows: a row number, 0 = none, -1 = sum of the count columns.
    """
    rows = [table.rows[p] for p in positions]
    choice = options.keep_rows.get(code)
    own = [p for p in positions if hits[p].kind == "gemeente"]
    if choice == ingest_options.SUM_ROWS:
        counts = {c.name for c in report.columns if c.role == "value" and c.whole and not c.percent}
        block = matrix[positions]
        values = np.array(
            [
                block[:, i].sum() if name in counts and not np.isnan(block[:, i]).any() else np.nan
                for i, name in enumerate(names)
            ]
        )
        kept_positions, kept = positions, ingest_options.SUM_ROWS
    else:
        if choice == 0:
            chosen = None
        elif choice in rows:
            chosen = positions[rows.index(choice)]
        else:
            chosen = own[0] if own else None
        values = matrix[chosen] if chosen is not None else np.full(len(names), np.nan)
        kept_positions = [chosen] if chosen is not None else []
        kept = table.rows[chosen] if chosen is not None else None
    report.duplicates.append(
        ingest_report.Duplicate(
            code,
            reference.names.get(code, code),
            rows,
            [given[p] for p in positions],
            _values(matrix, positions[:MAX_VALUES_SHOWN], names),
            kept,
        )
    )
    if kept == ingest_options.SUM_ROWS:
        used = "de rijen zijn opgeteld"
    elif kept is None:
        used = "geen rij gebruikt"
    else:
        used = f"rij {kept} is gebruikt"
    reason = f"Meer rijen voor {reference.label(code)}; {used}."  # one text for the group
    kept_set = set(kept_positions)
    report.rejected.extend(
        ingest_report.Unmatched(table.rows[p], given[p], reason, "duplicate")
        for p in positions
        if p not in kept_set
    )
    return values


MAX_VALUES_SHOWN = 20  # rows of a duplicate group whose values the report keeps (for the table)


def _values(matrix: np.ndarray, positions: list[int], names: list[str]) -> list[dict]:
    """The values of some rows as JSON holds them (None when missing)."""
    block = matrix[positions]
    return [
        {name: ingest_report.json_number(float(v)) for name, v in zip(names, row, strict=True)}
        for row in block.tolist()
    ]


def aggregate_wijken(
    report: ingest_report.Report,
    table: ingest_table.Table,
    hits: list[ingest_names.Hit],
    values: dict[str, pd.Series],
    options: ingest_options.Options,
    direct: set[str],
    reference: ingest_names.Reference,
) -> dict[str, dict[str, float]]:
    """Sum count columns over the wijken (or else buurten) of gemeenten without their own row."""
    parts = [(p, h) for p, h in enumerate(hits) if h.kind in ("wijk", "buurt") and h.code]
    if not options.aggregate_wijken or not parts:
        return {}
    counts = [
        c
        for c in report.columns
        if c.role == "value" and c.whole and not c.percent and not c.fraction
    ]
    others = [c.name for c in report.columns if c.role == "value" and c not in counts]
    by_code: dict[str, dict[str, list[int]]] = collections.defaultdict(
        lambda: collections.defaultdict(list)
    )
    for position, hit in parts:
        if hit.code not in direct:
            by_code[hit.code][hit.kind].append(position)
    out: dict[str, dict[str, float]] = {}
    used_rows: set[int] = set()
    incomplete = 0
    for code, kinds in by_code.items():
        positions = kinds.get("wijk") or kinds.get("buurt")
        used_rows.update(positions)
        row: dict[str, float] = {name: math.nan for name in values}
        for column in counts:
            part = values[column.name].iloc[positions]
            if part.isna().any():
                incomplete += 1
            else:
                row[column.name] = float(part.sum())
        out[code] = row
    if out:
        report.unmatched = [
            u for u in report.unmatched if u.row not in {table.rows[p] for p in used_rows}
        ]
        report.matched += len(used_rows)
        report.warnings.append(
            f"{fmt.number(len(used_rows))} wijk- of buurtrijen opgeteld tot {len(out)} gemeenten "
            f"(alleen tellingen: {', '.join(c.name for c in counts) or 'geen'}). Het CBS rondt "
            "wijkcijfers af op vijftallen, dus de som kan afwijken van het gemeentecijfer."
            + (f" Niet opgeteld (geen tellingen): {', '.join(others)}." if others else "")
            + (
                f" {incomplete} som(men) ontbreken omdat een wijk geen waarde had."
                if incomplete
                else ""
            )
        )
    return out
