"""CSV, TSV and TXT files as a grid: decode the bytes and find the delimiter.

The encoding is the user's choice, else a BOM, UTF-8, cp1252 or latin-1; the delimiter is the
one that splits the most lines into the same number of fields.
"""

from __future__ import annotations

import collections
import csv
import itertools
import re

import numpy as np
import pandas as pd

from core import fmt
from core.ingest import grid as ingest_grid
from core.ingest import limits as ingest_limits

DELIMITERS = (";", "\t", ",", "|")
DELIMITER_NAMES = {";": "puntkomma", ",": "komma", "\t": "tab", "|": "verticale streep", "": "geen"}
ENCODING_NAMES = {
    "utf-8-sig": "UTF-8 (met BOM)",
    "utf-8": "UTF-8",
    "utf-16": "UTF-16",
    "utf-16-le": "UTF-16 (little-endian, zonder BOM)",
    "utf-16-be": "UTF-16 (big-endian, zonder BOM)",
    "cp1252": "Windows-1252",
    "latin-1": "Latin-1 (ISO-8859-1)",
}


def decode(data: bytes, encoding: str | None, filename: str) -> tuple[str, str]:
    """Text and the encoding used: the user's choice, else BOM, UTF-8, cp1252, latin-1."""
    if encoding:
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError) as exc:
            name = ENCODING_NAMES.get(encoding, encoding)
            raise ingest_limits.ReadError(
                f"'{filename}' is niet te lezen als {name}. Kies bij Tekenset 'automatisch' of "
                "een andere tekenset."
            ) from exc
    if data.startswith(b"\xef\xbb\xbf"):
        candidates = ["utf-8-sig"]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ["utf-16"]
    else:
        candidates = [*_utf16_without_bom(data), "utf-8", "cp1252", "latin-1"]
    for candidate in candidates:
        try:
            text = data.decode(candidate)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            break
        return text, candidate
    raise ingest_limits.ReadError(
        f"'{filename}' bevat binaire gegevens (nulbytes) en is zo geen tekstbestand of tabel. "
        "Is het een tekstbestand in UTF-16 (Excel: 'Unicode-tekst')? Kies dan bij Tekenset "
        f"'utf-16', 'utf-16-le' of 'utf-16-be'. Anders: upload {ingest_grid.SUPPORTED}."
    )


def _utf16_without_bom(data: bytes) -> list[str]:
    """["utf-16-le"] or ["utf-16-be"] when the start looks like UTF-16 without a BOM: text in
    the Latin alphabet has a zero byte in every other position (after each letter in
    little-endian, before it in big-endian), which no 8-bit encoding of a table has."""
    sample = data[:4096]
    pairs = len(sample) // 2
    if pairs < 4:
        return []
    even = sum(1 for b in sample[0 : 2 * pairs : 2] if b == 0)
    odd = sum(1 for b in sample[1 : 2 * pairs : 2] if b == 0)
    if odd >= 0.6 * pairs and even <= 0.05 * pairs:
        return ["utf-16-le"]
    if even >= 0.6 * pairs and odd <= 0.05 * pairs:
        return ["utf-16-be"]
    return []


def _field_counts(lines: list[str], delimiter: str) -> list[int]:
    try:
        return [
            len(row)
            for row in csv.reader(lines, delimiter=delimiter)
            if any(c.strip() for c in row)
        ]
    except csv.Error:  # e.g. a field longer than csv's limit: this delimiter does not fit
        return []


SNIFF_CHARS = 256 * 1024  # the delimiter is guessed from the start of the file


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the most lines into the same number of fields ("" = one column)."""
    start = text[:SNIFF_CHARS]
    if len(text) > SNIFF_CHARS and "\n" in start:
        start = start[: start.rfind("\n")]
    lines = [line for line in start.splitlines()[:200] if line.strip()]
    best, best_score = "", (0.0, 0)
    for delimiter in DELIMITERS:
        counts = _field_counts(lines, delimiter)
        if not counts:
            continue
        width, frequency = collections.Counter(counts).most_common(1)[0]
        if width < 2:
            continue
        score = (frequency / len(counts), width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _unwrap_quoted_lines(text: str) -> str | None:
    """Lines wrapped whole in quotes with doubled inner quotes (a broken CSV export), unwrapped."""
    lines = [line for line in text.splitlines() if line.strip()]
    if lines and all(
        line.strip().startswith('"') and line.strip().endswith('"') and '""' in line
        for line in lines[:50]
    ):
        return "\n".join(line.strip()[1:-1].replace('""', '"') for line in text.splitlines())
    return None


def read_text_grid(
    data: bytes, filename: str, encoding: str | None, delimiter: str | None
) -> ingest_grid.Grid:
    """CSV, TSV or TXT bytes as rows of strings."""
    text, used = decode(data, encoding, filename)
    # Counted in C before anything is split: 50 MB of empty lines would take minutes and
    # hundreds of megabytes to parse line by line.
    lines = max(text.count("\n"), text.count("\r"))
    if lines > ingest_limits.MAX_SHEET_ROWS:
        raise ingest_limits.Refused(
            f"'{filename}' is geweigerd: het heeft {fmt.number(lines)} regels (lege meegeteld); de "
            f"grens is {fmt.number(ingest_limits.MAX_SHEET_ROWS)}. Laat rijen weg die u niet nodig "
            "hebt (bijvoorbeeld wijken en buurten) of splits het bestand."
        )
    notes = [f"Tekenset: {ENCODING_NAMES.get(used, used)}."]
    warnings = []
    if used in ("utf-16-le", "utf-16-be") and not encoding:
        warnings.append(
            "Het bestand is UTF-16 zonder byte-volgordemarkering (BOM), zoals sommige programma's "
            f"opslaan; het is gelezen als {ENCODING_NAMES[used]}. Kies bij Tekenset zelf een "
            "andere tekenset als namen of getallen er vreemd uitzien."
        )
    if delimiter is None:
        delimiter = sniff_delimiter(text)
        if not delimiter:
            unwrapped = _unwrap_quoted_lines(text)
            if unwrapped is not None and sniff_delimiter(unwrapped):
                text, delimiter = unwrapped, sniff_delimiter(unwrapped)
                warnings.append(
                    "Elke regel stond in zijn geheel tussen aanhalingstekens (een bekende fout in "
                    "sommige exports); die zijn weggehaald. Controleer de kolommen."
                )
    notes.append(f"Scheidingsteken: {DELIMITER_NAMES.get(delimiter, repr(delimiter))}.")
    if delimiter:
        _refuse_long_lines(text, delimiter, filename)
    columns, numbers, widths = _parse(text, delimiter, filename)
    return ingest_grid.Grid(
        columns,
        numbers,
        widths,
        "text",
        encoding=used,
        delimiter=delimiter,
        notes=notes,
        warnings=warnings,
    )


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
_BREAK = re.compile(r"\r\n|\r|\n")
CHUNK_ROWS = 8_192  # rows parsed into Python lists at a time before they become Arrow columns


def _refuse_long_lines(text: str, delimiter: str, filename: str) -> None:
    """Refuse a line of millions of fields before the csv reader builds it whole."""
    limit = ingest_limits.MAX_TEXT_DELIMITERS
    if text.count(delimiter) <= limit:
        return
    # Only a line longer than the limit can hold more delimiters than the limit.
    for start, end in _long_lines(text, limit):
        count = text.count(delimiter, start, end)
        if count > limit:
            number = len(_BREAK.findall(text, 0, start)) + 1
            raise ingest_limits.Refused(
                f"Regel {fmt.number(number)} van '{filename}' heeft {fmt.number(count)} "
                f"scheidingstekens; de grens is {ingest_limits.MAX_COLUMNS} kolommen. Bewaar "
                "alleen de kolommen die u nodig hebt, of kies zelf het scheidingsteken."
            )


def _long_lines(text: str, limit: int) -> list[tuple[int, int]]:
    """(start, end) of every line longer than `limit` characters (lines end at \\r or \\n)."""
    # One byte per character is enough to find the line breaks; other characters become "?".
    codes = np.frombuffer(text.encode("latin-1", errors="replace"), dtype=np.uint8)
    breaks = np.flatnonzero((codes == 10) | (codes == 13))
    starts = np.concatenate(([0], breaks + 1))
    ends = np.concatenate((breaks, [len(codes)]))
    long = np.flatnonzero(ends - starts > limit)
    return [(int(starts[i]), int(ends[i])) for i in long]


def _parse(
    text: str, delimiter: str, filename: str
) -> tuple[list[pd.Series], np.ndarray, np.ndarray]:
    """The non-empty rows as Arrow-backed string columns, their line numbers and widths.

    Lines are split as csv expects with newline="" (\\r, \\n, \\r\\n; a quoted field may
    hold them), without copying the text into a StringIO buffer (4 bytes per character).
    """
    import pyarrow as pa

    lines = (m.group() for m in _LINE.finditer(text))
    # A separator that occurs nowhere still gives one column per line, which is what we want.
    reader = csv.reader(lines, delimiter=delimiter or "\x1f")
    chunks: list[list[pa.Array]] = []  # per column, its finished chunks
    sizes: list[int] = []  # rows per finished chunk
    pending: list[list[str]] = []
    numbers: list[int] = []
    widths: list[int] = []

    def flush() -> None:
        width = 0
        for j, column in enumerate(itertools.zip_longest(*pending)):
            if j == len(chunks):  # a wider row than before: earlier chunks had no such cells
                chunks.append([pa.nulls(n, pa.large_string()) for n in sizes])
            chunks[j].append(pa.array(column, type=pa.large_string()))
            width = j + 1
        for j in range(width, len(chunks)):  # a narrower chunk
            chunks[j].append(pa.nulls(len(pending), pa.large_string()))
        sizes.append(len(pending))
        pending.clear()

    line = 1
    try:
        for row in reader:
            # The first cell is filled in almost every row: most checks end there.
            if row and (row[0].strip() or any(cell.strip() for cell in row)):
                width = len(row)
                while not row[width - 1].strip():
                    width -= 1
                pending.append(row)
                numbers.append(line)
                widths.append(width)
                if len(pending) == CHUNK_ROWS:
                    flush()
                if len(numbers) > ingest_limits.MAX_ROWS + 100:
                    break
            line = reader.line_num + 1
    except csv.Error as exc:
        raise ingest_limits.ReadError(
            f"Regel {reader.line_num} van '{filename}' is geen geldige CSV ({exc}). Controleer de "
            "aanhalingstekens in die regel, of kies zelf het scheidingsteken."
        ) from exc
    if pending:
        flush()
    # pd.array keeps the Arrow buffers (pd.Series of a chunked array copies through numpy).
    columns = [
        pd.Series(pd.array(pa.chunked_array(parts, type=pa.large_string()), dtype="str"))
        for parts in chunks
    ]
    return (
        columns,
        np.asarray(numbers, dtype="int64"),
        np.asarray(widths, dtype="int64"),
    )
