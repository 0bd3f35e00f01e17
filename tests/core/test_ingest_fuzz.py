"""Fuzzing core.ingest for a bounded time: whatever bytes arrive, it never raises and always
returns the contract's report shape, with ok true or false."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.ingest import pipeline as ingest

CONTRACT_KEYS = {
    "ok",
    "error",
    "rows",
    "matched",
    "key_column",
    "value_columns",
    "unmatched",
    "duplicates",
    "successors",
    "warnings",
    "values",
}
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check(data: bytes, name: str) -> None:
    report = ingest.ingest(data, name)
    shape = report.to_contract_json()
    assert set(shape) == CONTRACT_KEYS
    assert isinstance(shape["ok"], bool)
    if not shape["ok"]:
        assert isinstance(shape["error"], str) and shape["error"]
    json.dumps(shape, allow_nan=False)  # serialisable as the CLI prints it


@FUZZ
@given(st.binary(max_size=4000), st.sampled_from(["x.csv", "x.xlsx", "x.parquet", "x.txt", "x"]))
def test_random_bytes_never_raise(data: bytes, name: str) -> None:
    _check(data, name)


_cell = st.one_of(
    st.sampled_from(
        [
            "Amsterdam",
            "GM0363",
            "363",
            "Bergen",
            "'s-Gravenhage",
            "Weesp",
            "WK036300",
            "=1+1",
            "<b>x</b>",
            "",
            ".",
            "-",
            "x",
            "12,5",
            "1.234,5",
            "45%",
            "0,3",
        ]
    ),
    st.text(max_size=12),
)


@FUZZ
@given(
    st.lists(st.lists(_cell, min_size=1, max_size=4), min_size=0, max_size=25),
    st.sampled_from([";", ",", "\t"]),
    st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
)
def test_random_tables_never_raise(rows: list[list[str]], delimiter: str, encoding: str) -> None:
    text = "\n".join(delimiter.join(cell.replace(delimiter, " ") for cell in row) for row in rows)
    _check(text.encode(encoding, errors="replace"), "tabel.csv")
