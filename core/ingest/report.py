"""The import report: how each column was read, which rows matched, duplicates, and the values.

`Report.to_contract_json` is the object `python -m core.ingest FILE --json` prints
(test-contract.md). core.ingest.pipeline fills it; core.ingest.reasons words its warnings.
"""

from __future__ import annotations

import dataclasses
import math

import pandas as pd

from core.ingest import table as ingest_table


@dataclasses.dataclass(frozen=True)
class Unmatched:
    row: int
    value: str
    reason: str
    kind: str


@dataclasses.dataclass
class Duplicate:
    """Several rows for one gemeente: their row numbers, keys as given and values (of the
    first core.ingest.duplicates.MAX_VALUES_SHOWN rows; a respondent file can hold hundreds)."""

    code: str
    name: str
    rows: list[int]
    given: list[str]
    values: list[dict[str, float | None]]
    kept: int | None


@dataclasses.dataclass
class Column:
    """How one column was read and what it is used for."""

    name: str
    role: str  # "key" | "value" | "text" | "skipped"
    numbers: int = 0
    missing: int = 0
    invalid: int = 0
    percent: bool = False
    fraction: bool = False
    fraction_confirmed: bool | None = None
    whole: bool = False
    invalid_examples: list[str] = dataclasses.field(default_factory=list)
    note: str = ""
    label: str = ""
    unit: str = ""
    higher_is_worse: bool | None = None
    decimals: int = 1
    definition: str = ""


@dataclasses.dataclass
class Report:
    """Everything the import did; `to_contract_json` is the command line's JSON object."""

    ok: bool
    error: str | None
    filename: str
    rows: int = 0
    matched: int = 0
    key_column: str | None = None
    value_columns: list[str] = dataclasses.field(default_factory=list)
    unmatched: list[Unmatched] = dataclasses.field(default_factory=list)
    duplicates: list[Duplicate] = dataclasses.field(default_factory=list)
    successors: dict[str, str] = dataclasses.field(default_factory=dict)
    warnings: list[str] = dataclasses.field(default_factory=list)
    notes: list[str] = dataclasses.field(default_factory=list)
    values: pd.DataFrame = dataclasses.field(default_factory=pd.DataFrame)
    columns: list[Column] = dataclasses.field(default_factory=list)
    kind: str = "table"  # "table" | "candidate_lists"
    year: int | None = None  # the data's reference year (from the file), None when unknown
    year_source: str = ""  # where the year was found, in Dutch ("uit kolom 'Perioden' ...")
    years: list[int] = dataclasses.field(default_factory=list)  # every year the file names
    gemeenten_total: int = 0  # gemeenten in today's division (what coverage is counted of)
    missing: list[str] = dataclasses.field(default_factory=list)  # their codes without a row
    table: ingest_table.Table | None = None
    rejected: list[Unmatched] = dataclasses.field(default_factory=list)
    rejected_total: int = 0  # rejected rows in all; `rejected` keeps the first MAX_REJECTED
    choices: dict[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)
    refused: bool = False  # beyond a size limit: no reading setting helps (not in the JSON)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def covered(self) -> int:
        """Gemeenten with a row in the file (of gemeenten_total)."""
        return self.gemeenten_total - len(self.missing)

    def with_value(self, name: str) -> int:
        """Gemeenten with a value in this column."""
        return int(self.values[name].notna().sum()) if name in self.values else 0

    def compact(self) -> Report:
        """The report as a session keeps it: the table holds only the rows the downloads of
        unmatched and rejected rows show (a 49 MB upload's cells are not kept around)."""
        if self.table is None:
            return self
        wanted = {u.row for u in self.unmatched} | {r.row for r in self.rejected}
        positions = [i for i, row in enumerate(self.table.rows) if row in wanted]
        table = dataclasses.replace(
            self.table,
            frame=self.table.frame.iloc[positions].reset_index(drop=True),
            rows=[self.table.rows[i] for i in positions],
        )
        return dataclasses.replace(self, table=table)

    def to_contract_json(self) -> dict:
        """The object `python -m core.ingest FILE --json` prints (test-contract.md)."""
        values = {}
        for code, row in self.values.iterrows():
            values[str(code)] = {column: json_number(row[column]) for column in self.value_columns}
        return {
            "ok": self.ok,
            "error": self.error,
            "rows": int(self.rows),
            "matched": int(self.matched),
            "key_column": self.key_column,
            "value_columns": list(self.value_columns),
            "unmatched": [{"row": int(u.row), "value": u.value} for u in self.unmatched],
            "duplicates": [d.code for d in self.duplicates],
            "successors": dict(self.successors),
            "warnings": list(self.warnings),
            "values": values,
        }


def json_number(value: object) -> float | int | None:
    """A value as JSON holds it: None when missing or not finite, an int when whole."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)) or pd.isna(value):
        return None
    number = float(value)
    return int(number) if number.is_integer() and abs(number) < 2**53 else number


MAX_REJECTED = 10_000  # rejected rows a report lists (a file of 190,000 rows can reject them all)


def failed(filename: str, error: str) -> Report:
    """The report of a file that could not be read."""
    return Report(ok=False, error=error, filename=filename)
