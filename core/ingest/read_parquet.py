"""Parquet files as a grid: the columns are known, the size is checked from the metadata."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd

from core import fmt
from core.ingest import grid as ingest_grid
from core.ingest import limits as ingest_limits


def read_parquet_grid(data: bytes, filename: str) -> ingest_grid.Grid:
    """A Parquet file: the columns are known, so no header search."""
    import pyarrow.parquet as pq

    try:
        meta = pq.ParquetFile(io.BytesIO(data)).metadata
        unpacked = sum(meta.row_group(i).total_byte_size for i in range(meta.num_row_groups))
    except Exception:  # noqa: BLE001 - reported by the read below
        meta = None
    if meta is not None and (
        meta.num_rows > ingest_limits.MAX_SHEET_ROWS
        or meta.num_columns > ingest_limits.MAX_COLUMNS
        or unpacked > ingest_limits.MAX_UNPACKED_TOTAL
    ):
        size = (
            f", {ingest_limits.size_text(unpacked)} uitgepakt"
            if unpacked > ingest_limits.MAX_UNPACKED_TOTAL
            else ""
        )
        raise ingest_limits.Refused(
            f"'{filename}' is geweigerd zonder het te lezen: het heeft volgens het bestand "
            f"{fmt.number(meta.num_rows)} rijen en {fmt.number(meta.num_columns)} kolommen{size}; "
            f"de grens is {fmt.number(ingest_limits.MAX_ROWS)} rijen, {ingest_limits.MAX_COLUMNS} "
            f"kolommen en {ingest_limits.size_text(ingest_limits.MAX_UNPACKED_TOTAL)}. Bewaar "
            "alleen de rijen en kolommen die u nodig hebt en upload het bestand opnieuw."
        )
    try:
        table = pq.read_table(io.BytesIO(data))
        table, notes = _decimals_as_numbers(table)
        frame = table.to_pandas()
    except Exception as exc:  # noqa: BLE001 - any arrow failure means the same to the user
        raise ingest_limits.ReadError(
            f"'{filename}' is geen leesbaar Parquet-bestand ({type(exc).__name__}). Maak het "
            "bestand opnieuw aan of upload de gegevens als CSV of Excel."
        ) from exc
    frame = frame.reset_index(drop=isinstance(frame.index, pd.RangeIndex))
    columns = [_column(frame.iloc[:, j]) for j in range(frame.shape[1])]
    n = len(frame)
    return ingest_grid.Grid(
        columns,
        np.arange(2, n + 2, dtype="int64"),
        np.full(n, len(columns), dtype="int64"),
        "parquet",
        header=[str(c) for c in frame.columns],
        notes=notes,
    )


def _column(column: pd.Series) -> pd.Series:
    """A Parquet column as the import reads it: numbers as float64 (NaN = missing), text as
    Arrow-backed strings, anything else (dates, true/false, lists) as objects with None."""
    column = column.reset_index(drop=True)
    if pd.api.types.is_bool_dtype(column.dtype):
        return column.astype(object).where(column.notna(), None)
    if pd.api.types.is_numeric_dtype(column.dtype):
        return column.astype("float64")
    if pd.api.types.is_string_dtype(column.dtype) and column.dtype != object:
        return column
    return pd.Series([None if _is_na(c) else c for c in column], dtype=object)


def _decimals_as_numbers(table: object) -> tuple[object, list[str]]:
    """Decimal columns (money, exact fractions) as float64: pandas would give Decimal objects,
    which no number rule reads, and the column would be dropped as text."""
    import pyarrow as pa

    names = [f.name for f in table.schema if pa.types.is_decimal(f.type)]
    for name in names:
        index = table.schema.get_field_index(name)
        table = table.set_column(index, name, table.column(index).cast(pa.float64()))
    notes = [
        f"Kolom(men) {', '.join(repr(n) for n in names)}: decimale getallen van Parquet, gelezen "
        "als gewone getallen (tot op 15 cijfers nauwkeurig)."
    ]
    return table, notes if names else []


def _is_na(cell: object) -> bool:
    try:
        return bool(pd.isna(cell))
    except (TypeError, ValueError):
        return False
