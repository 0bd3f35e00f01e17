"""Fuzzing core.ingest for a bounded time: whatever bytes arrive, it never raises and always
returns the contract's report shape, with ok true or false."""

from __future__ import annotations

import json
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.ingest import pipeline as ingest
from tests.core import xlsx_bombs

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


# --- Bomb shapes (issue 16): whatever size a workbook declares or holds, it is read or refused
# quickly. The shapes come from tests/core/xlsx_bombs.py; hypothesis picks their sizes.

_COLUMN_LETTERS = st.integers(1, 16_384).map(lambda n: xlsx_bombs.column_letters(n))
_bomb = st.one_of(
    st.builds(
        lambda c1, r1, c2, r2: xlsx_bombs.dimension_bomb(f"{c1}{r1}:{c2}{r2}"),
        _COLUMN_LETTERS,
        st.integers(1, 1_048_576),
        _COLUMN_LETTERS,
        st.integers(1, 1_048_576),
    ),
    st.builds(xlsx_bombs.dimension_bomb, _COLUMN_LETTERS),
    st.builds(xlsx_bombs.far_cell, st.integers(1, 16_384), st.integers(3, 1_048_576)),
    st.builds(
        lambda n: xlsx_bombs.far_cell(2, text="x" * n), st.integers(0, 3 * xlsx_bombs.CELL_LIMIT)
    ),
    st.builds(xlsx_bombs.empty_rows_bomb, st.integers(3, 30_000)),
    st.builds(xlsx_bombs.huge_cell_bomb, st.integers(0, 10)),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_bomb)
def test_bomb_shapes_are_read_or_refused_quickly(data: bytes) -> None:
    start = time.process_time()
    _check(data, "bom.xlsx")
    assert time.process_time() - start < 5.0
