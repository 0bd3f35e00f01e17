"""Hostile .xlsx files built with zipfile: a real workbook whose sheet XML is replaced.

Shared by the bomb tests and the fuzzing. The sheet is written in chunks, so that building a
300 MB cell takes little memory in the test itself.
"""

from __future__ import annotations

import functools
import io
import zipfile
from collections.abc import Iterable, Iterator

SHEET = "xl/worksheets/sheet1.xml"
CELL_LIMIT = 32_767  # Excel's own limit for the text of one cell
_HEAD = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
_TABLE = (
    b'<row r="1"><c r="A1" t="inlineStr"><is><t>gemeente</t></is></c>'
    b'<c r="B1" t="inlineStr"><is><t>waarde</t></is></c></row>'
    b'<row r="2"><c r="A2" t="inlineStr"><is><t>Amsterdam</t></is></c><c r="B2"><v>1</v></c></row>'
)


@functools.cache
def _base() -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Blad1"
    sheet.append(["gemeente", "waarde"])
    sheet.append(["Amsterdam", 1])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def workbook(sheet_xml: Iterable[bytes]) -> bytes:
    """A valid .xlsx (openpyxl's own parts) whose only sheet holds the given XML chunks."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(_base())) as base,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb,
    ):
        for info in base.infolist():
            if info.filename == SHEET:
                info = zipfile.ZipInfo(SHEET)
                info.compress_type = zipfile.ZIP_DEFLATED
                with bomb.open(info, "w", force_zip64=True) as target:
                    for chunk in sheet_xml:
                        target.write(chunk)
            else:
                bomb.writestr(info, base.read(info.filename), zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _sheet(rows: Iterable[bytes], dimension: str | None = None) -> Iterator[bytes]:
    yield _HEAD
    if dimension:
        yield f'<dimension ref="{dimension}"/>'.encode()
    yield b"<sheetData>"
    yield from rows
    yield b"</sheetData></worksheet>"


def table(dimension: str | None = "A1:B2") -> bytes:
    """The harmless two-row table (to show the builder makes readable files)."""
    return workbook(_sheet([_TABLE], dimension))


def dimension_bomb(dimension: str = "A1:XFD1048576") -> bytes:
    """About 4.7 kB that declares a sheet of 16,384 x 1,048,576 cells (openpyxl pads to it)."""
    return workbook(_sheet([_TABLE], dimension))


def huge_cell_bomb(megabytes: int = 300) -> bytes:
    """One cell of `megabytes` MB of text, compressed to about a thousandth of that."""

    def rows() -> Iterator[bytes]:
        yield _TABLE
        yield b'<row r="3"><c r="A3" t="inlineStr"><is><t>'
        chunk = b"A" * (1024 * 1024)
        for _ in range(megabytes):
            yield chunk
        yield b"</t></is></c></row>"

    return workbook(_sheet(rows()))


def empty_rows_bomb(rows: int = 1_048_576, dimension: str | None = None) -> bytes:
    """The table, then `rows` empty rows up to Excel's last row (no declared size by default)."""

    def lines() -> Iterator[bytes]:
        yield _TABLE
        batch = []
        for number in range(3, rows + 1):
            batch.append(b'<row r="%d"/>' % number)
            if len(batch) == 10_000:
                yield b"".join(batch)
                batch = []
        yield b"".join(batch)

    return workbook(_sheet(lines(), dimension))


def far_cell(column: int, row: int = 3, text: str = "x") -> bytes:
    """The table plus one cell far to the right (no declared size): padding bomb per row."""
    letters = column_letters(column)
    cell = f'<row r="{row}"><c r="{letters}{row}" t="inlineStr"><is><t>{text}</t></is></c></row>'
    return workbook(_sheet([_TABLE, cell.encode()]))


def column_letters(column: int) -> str:
    """Excel's letters for a column number: 1 -> A, 16384 -> XFD."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
