"""The text reader's columns (Arrow, in chunks) hold exactly the rows the csv module reads, with
the line numbers a text editor shows (issue 23, item 10: the grid became columnar)."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.ingest import grid as ingest_grid
from core.ingest import limits as ingest_limits
from core.ingest import read_text


def _expected(text: str, delimiter: str) -> tuple[list[list[str]], list[int]]:
    """The rows as the reader read them before: csv over StringIO, blank rows left out."""
    rows, numbers, line = [], [], 1
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    for row in reader:
        if any(cell.strip() for cell in row):
            width = ingest_grid.row_width(row)
            rows.append(row[:width])
            numbers.append(line)
        line = reader.line_num + 1
    return rows, numbers


CELL = st.text(alphabet='ab1,5 "\t', max_size=5)
LINE = st.lists(CELL, min_size=0, max_size=6).map(lambda cells: ";".join(cells))
BREAK = st.sampled_from(["\n", "\r\n", "\r"])


@settings(max_examples=300)
@given(st.lists(st.tuples(LINE, BREAK), max_size=25), st.integers(1, 4))
def test_columns_hold_the_rows_and_line_numbers_csv_reads(
    lines: list[tuple[str, str]], chunk: int
) -> None:
    text = "".join(line + end for line, end in lines)
    try:
        rows, numbers = _expected(text, ";")
    except csv.Error:
        with pytest.raises(ingest_limits.ReadError):
            _grid(text, chunk)
        return
    grid = _grid(text, chunk)
    assert grid.numbers.tolist() == numbers
    assert grid.rows() == rows
    assert grid.widths.tolist() == [len(r) for r in rows]


def _grid(text: str, chunk: int) -> ingest_grid.Grid:
    saved = read_text.CHUNK_ROWS
    read_text.CHUNK_ROWS = chunk  # several chunks, of rows of different widths
    try:
        columns, numbers, widths = read_text._parse(text, ";", "t.csv")
    finally:
        read_text.CHUNK_ROWS = saved
    return ingest_grid.Grid(columns, numbers, widths, "text")


def test_a_quoted_newline_keeps_the_line_numbers_of_the_file() -> None:
    text = 'a;b\r\n"twee\nregels";1\r\n\r\n  ;  \n\rc;3\rd;"x""y"\n'
    grid = _grid(text, 2)
    assert grid.numbers.tolist() == [1, 2, 7, 8]
    assert grid.rows() == [["a", "b"], ["twee\nregels", "1"], ["c", "3"], ["d", 'x"y']]


def test_a_line_of_too_many_fields_is_refused_with_its_number() -> None:
    text = "a;b\r\nc;d\r" + ";" * (ingest_limits.MAX_TEXT_DELIMITERS + 1) + "\nx;y\n"
    with pytest.raises(ingest_limits.Refused, match="Regel 3 van"):
        read_text.read_text_grid(text.encode(), "veel.csv", None, ";")
