"""Turn an uploaded file's bytes into a grid of cells and find the table in it.

Steps: refuse what is no table (empty, binary, image, old Excel) with a Dutch message; decode
text (BOM, UTF-8, cp1252, latin-1) and find the delimiter; or read an Excel sheet or a Parquet
file; then find the header row below any title rows and drop a "Bron:" footer.
"""

from __future__ import annotations

import collections
import csv
import dataclasses
import io
import math
import re
import time
import zipfile

import pandas as pd

from core import fmt
from core.ingest import numbers as ingest_numbers

MAX_BYTES = 50 * 1024 * 1024
MAX_ROWS = 200_000
MAX_COLUMNS = 500
# Limits that keep every upload bounded in time and memory (an .xlsx is a zip archive, and a few
# kilobytes can unpack to gigabytes or declare a sheet of 17 billion cells).
MAX_SHEET_ROWS = MAX_ROWS + 1_000  # rows of a sheet, empty ones and title rows included
MAX_UNPACKED_MEMBER = 64 * 1024 * 1024  # one file inside the .xlsx, unpacked
MAX_UNPACKED_TOTAL = 160 * 1024 * 1024  # all files inside the .xlsx together, unpacked
MAX_RATIO = 100  # unpacked/packed size of a member above RATIO_FROM bytes (zip bombs)
RATIO_FROM = 4 * 1024 * 1024
MAX_MEMBERS = 2_000
MAX_CELL_CHARS = 32_767  # Excel's own limit for the text in one cell
MAX_READ_SECONDS = 30.0
SCORE_ROWS = 2_000
MAX_TEXT_DELIMITERS = (
    10 * MAX_COLUMNS
)  # per line of a text file (some may be inside quotes)  # rows of each sheet looked at to find the most table-like one
DELIMITERS = (";", "\t", ",", "|")
DELIMITER_NAMES = {";": "puntkomma", ",": "komma", "\t": "tab", "|": "verticale streep", "": "geen"}
ENCODING_NAMES = {
    "utf-8-sig": "UTF-8 (met BOM)",
    "utf-8": "UTF-8",
    "utf-16": "UTF-16",
    "cp1252": "Windows-1252",
    "latin-1": "Latin-1 (ISO-8859-1)",
}
TEXT_SUFFIXES = (".csv", ".tsv", ".txt", ".tab", ".dat")
EXCEL_SUFFIXES = (".xlsx", ".xlsm")
PARQUET_SUFFIXES = (".parquet", ".pq")
SUPPORTED = "een CSV-, TSV- of TXT-bestand, een Excel-bestand (.xlsx) of een Parquet-bestand"

_FOOTER_START = re.compile(
    r"^\s*(bron|bronnen|source|sources|noot|noten|voetnoot|opmerking|toelichting|verklaring|"
    r"copyright|©|\*|centraal bureau voor de statistiek|cbs statline|gegevens gedownload)",
    re.IGNORECASE,
)

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "een afbeelding (PNG)"),
    (b"\xff\xd8\xff", "een afbeelding (JPEG)"),
    (b"GIF87a", "een afbeelding (GIF)"),
    (b"GIF89a", "een afbeelding (GIF)"),
    (b"BM", "een afbeelding (BMP)"),
    (b"%PDF", "een PDF-document"),
    (b"\x1f\x8b", "een gecomprimeerd bestand (gzip)"),
    (b"7z\xbc\xaf", "een gecomprimeerd bestand (7-Zip)"),
    (b"Rar!", "een gecomprimeerd bestand (RAR)"),
    (b"\xd0\xcf\x11\xe0", "een bestand in de oude Excel- of Word-indeling (.xls/.doc)"),
)


class ReadError(ValueError):
    """The file cannot be read as a table; the message (Dutch) says what the user can do."""


class Refused(ReadError):
    """The file is beyond a size limit: no reading setting can make it readable."""


@dataclasses.dataclass
class Grid:
    """Raw rows of cells with their row numbers as a spreadsheet or text editor shows them."""

    rows: list[list[object]]
    numbers: list[int]
    kind: str  # "text" | "excel" | "parquet"
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    sheets: list[str] = dataclasses.field(default_factory=list)
    notes: list[str] = dataclasses.field(default_factory=list)  # how it was read
    warnings: list[str] = dataclasses.field(default_factory=list)  # what the user should check
    header: list[str] | None = None  # parquet: the columns are known


def size_text(n_bytes: int) -> str:
    """'62,3 MB'."""
    return f"{fmt.number(n_bytes / 1024 / 1024, 1)} MB"


def sniff_kind(data: bytes, filename: str) -> str:
    """ "excel", "parquet" or "text", from the content first and the name second."""
    if not data:
        raise ReadError(
            f"Het bestand '{filename}' is leeg (0 bytes). Controleer of u het juiste bestand "
            "hebt gekozen en of het helemaal is opgeslagen, en upload het opnieuw."
        )
    if len(data) > MAX_BYTES:
        raise Refused(
            f"Het bestand is {size_text(len(data))}; de grens is {size_text(MAX_BYTES)}. Bewaar "
            "alleen de kolommen en rijen die u nodig hebt (bijvoorbeeld alleen gemeenten, geen "
            "wijken en buurten) of splits het bestand, en upload het opnieuw."
        )
    if data[:4] == b"PAR1":
        return "parquet"
    if data[:4] == b"PK\x03\x04":
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except zipfile.BadZipFile:
            names = set()
        if "xl/workbook.xml" in names:
            return "excel"
        if any(n.startswith("word/") for n in names):
            what = "een Word-document"
        elif "content.xml" in names:
            what = "een OpenDocument-bestand (LibreOffice)"
        else:
            what = "een zip-archief"
        raise ReadError(
            f"'{filename}' is {what}, geen tabel. Upload {SUPPORTED}; sla het bestand zo nodig "
            "eerst op als .xlsx of CSV."
        )
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            raise ReadError(
                f"'{filename}' is {what}, geen tabel, ook al eindigt de naam op "
                f"'{_suffix(filename) or '(geen extensie)'}'. Upload {SUPPORTED}. Een .xls-bestand "
                "opent u in Excel en slaat u op als .xlsx of CSV."
            )
    return "text"


def _suffix(filename: str) -> str:
    match = re.search(r"\.[A-Za-z0-9]+$", filename)
    return match.group(0).lower() if match else ""


def decode(data: bytes, encoding: str | None, filename: str) -> tuple[str, str]:
    """Text and the encoding used: the user's choice, else BOM, UTF-8, cp1252, latin-1."""
    if encoding:
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError) as exc:
            name = ENCODING_NAMES.get(encoding, encoding)
            raise ReadError(
                f"'{filename}' is niet te lezen als {name}. Kies bij Tekenset 'automatisch' of "
                "een andere tekenset."
            ) from exc
    if data.startswith(b"\xef\xbb\xbf"):
        candidates = ["utf-8-sig"]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ["utf-16"]
    else:
        candidates = ["utf-8", "cp1252", "latin-1"]
    for candidate in candidates:
        try:
            text = data.decode(candidate)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            break
        return text, candidate
    raise ReadError(
        f"'{filename}' bevat binaire gegevens en is geen tekstbestand of tabel. Upload {SUPPORTED}."
    )


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


def read_text_grid(data: bytes, filename: str, encoding: str | None, delimiter: str | None) -> Grid:
    """CSV, TSV or TXT bytes as rows of strings."""
    text, used = decode(data, encoding, filename)
    # Counted in C before anything is split: 50 MB of empty lines would take minutes and
    # hundreds of megabytes to parse line by line.
    lines = max(text.count("\n"), text.count("\r"))
    if lines > MAX_SHEET_ROWS:
        raise Refused(
            f"'{filename}' is geweigerd: het heeft {fmt.number(lines)} regels (lege meegeteld); "
            f"de grens is {fmt.number(MAX_SHEET_ROWS)}. Laat rijen weg die u niet nodig hebt "
            "(bijvoorbeeld wijken en buurten) of splits het bestand."
        )
    notes = [f"Tekenset: {ENCODING_NAMES.get(used, used)}."]
    warnings = []
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
        # The csv reader builds each line whole: refuse a line of millions of fields first.
        for number, text_line in enumerate(text.splitlines(), start=1):
            if text_line.count(delimiter) > MAX_TEXT_DELIMITERS:
                raise Refused(
                    f"Regel {fmt.number(number)} van '{filename}' heeft "
                    f"{fmt.number(text_line.count(delimiter))} scheidingstekens; de grens is "
                    f"{MAX_COLUMNS} kolommen. Bewaar alleen de kolommen die u nodig hebt, of "
                    "kies zelf het scheidingsteken."
                )
    rows: list[list[object]] = []
    numbers: list[int] = []
    # A separator that occurs nowhere still gives one column per line, which is what we want.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter or "\x1f")
    line = 1
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                rows.append(row)
                numbers.append(line)
                if len(rows) > MAX_ROWS + 100:
                    break
            line = reader.line_num + 1
    except csv.Error as exc:
        raise ReadError(
            f"Regel {reader.line_num} van '{filename}' is geen geldige CSV ({exc}). Controleer de "
            "aanhalingstekens in die regel, of kies zelf het scheidingsteken."
        ) from exc
    return Grid(
        rows, numbers, "text", encoding=used, delimiter=delimiter, notes=notes, warnings=warnings
    )


def check_zip(data: bytes, filename: str) -> None:
    """Refuse an .xlsx whose parts unpack to more than the limits, before anything is unpacked.

    The sizes are the ones the archive declares; Python's zipfile never unpacks more than the
    declared size of a member (a member that holds more fails its checksum), so they are binding.
    """
    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise ReadError(
            f"'{filename}' is geen leesbaar Excel-bestand (het zip-archief is beschadigd). Open "
            "het in Excel, sla het opnieuw op als .xlsx of als CSV, en upload het opnieuw."
        ) from exc
    advice = (
        "Zo'n bestand maakt Excel zelf niet; het kan een aanval zijn (een 'zip-bom'). Sla de "
        "gegevens op als CSV of als een nieuw .xlsx-bestand met alleen de tabel, en upload dat."
    )
    if len(infos) > MAX_MEMBERS:
        raise Refused(
            f"'{filename}' is geweigerd: het bevat {fmt.number(len(infos))} onderdelen; de grens "
            f"is {fmt.number(MAX_MEMBERS)}. {advice}"
        )
    total = sum(info.file_size for info in infos)
    for info in infos:
        if info.file_size > MAX_UNPACKED_MEMBER:
            raise Refused(
                f"'{filename}' is geweigerd zonder het te lezen: het onderdeel '{info.filename}' "
                f"wordt uitgepakt {size_text(info.file_size)}; de grens is "
                f"{size_text(MAX_UNPACKED_MEMBER)}. {advice}"
            )
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_FROM and ratio > MAX_RATIO:
            raise Refused(
                f"'{filename}' is geweigerd zonder het te lezen: het onderdeel '{info.filename}' "
                f"is {fmt.number(ratio)} keer samengeperst ({size_text(info.compress_size)} "
                f"wordt {size_text(info.file_size)}); de grens is {MAX_RATIO} keer. {advice}"
            )
    if total > MAX_UNPACKED_TOTAL:
        raise Refused(
            f"'{filename}' is geweigerd zonder het te lezen: uitgepakt is het "
            f"{size_text(total)}; de grens is {size_text(MAX_UNPACKED_TOTAL)}. {advice}"
        )


@dataclasses.dataclass
class _Workbook:
    """What reading a sheet needs, without openpyxl touching any sheet on opening."""

    archive: zipfile.ZipFile
    sheets: dict[str, str]  # worksheet name -> path of its XML in the archive
    shared_strings: list
    epoch: object
    date_formats: set
    timedelta_formats: set


def _open_workbook(data: bytes, filename: str) -> _Workbook:
    """The workbook's parts except its sheets (openpyxl's load_workbook parses every sheet's
    XML up to its data on opening, which is unbounded for a sheet that declares no size)."""
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.styles.stylesheet import apply_stylesheet

    check_zip(data, filename)
    try:
        reader = ExcelReader(io.BytesIO(data), read_only=True, data_only=True)
        reader.read_manifest()
        reader.read_strings()
        reader.read_workbook()
        apply_stylesheet(reader.archive, reader.wb)
        sheets = {
            sheet.name: rel.target
            for sheet, rel in reader.parser.find_sheets()
            if rel.target in reader.valid_files and "chartsheet" not in rel.Type
        }
    except Exception as exc:  # noqa: BLE001 - any openpyxl failure means the same to the user
        raise ReadError(
            f"'{filename}' is geen leesbaar Excel-bestand ({type(exc).__name__}). Open het in "
            "Excel, sla het opnieuw op als .xlsx of als CSV, en upload het opnieuw."
        ) from exc
    book = reader.wb
    return _Workbook(
        reader.archive,
        sheets,
        reader.shared_strings,
        book.epoch,
        book._date_formats,
        book._timedelta_formats,
    )


_SHEET_TAG = re.compile(rb"<(?:\w{1,16}:)?(row|c|dimension)[\s/>]")
_DIMENSION = re.compile(
    rb'(?:^|\s)ref\s*=\s*["\']([A-Za-z]{1,3})?(\d+)?(?::([A-Za-z]{1,3})(\d+))?["\']'
)
_TAG_OVERLAP = 64  # longer than any tag start the pattern reads, so none is lost between chunks


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + letter - 64
    return number


def _scan_sheet(source: object, name: str, filename: str, deadline: float) -> None:
    """Check a sheet's declared size, rows and cells per row in its raw XML, before parsing.

    A fast byte scan: the XML parser builds each row whole, so a row of millions of (empty)
    cells would take gigabytes before any limit could be checked on the parsed row.
    """
    rows = cells = 0
    carry = b""
    while True:
        chunk = source.read(1024 * 1024)
        buffer = carry + chunk
        end = len(buffer) if not chunk else len(buffer) - _TAG_OVERLAP
        for match in _SHEET_TAG.finditer(buffer):
            if match.start() >= end:
                break
            tag = match.group(1)
            if tag == b"c":
                cells += 1
                if cells > MAX_COLUMNS:
                    raise Refused(
                        f"Het werkblad '{name}' in '{filename}' is geweigerd: rij "
                        f"{fmt.number(rows)} (geteld in het bestand) heeft meer dan "
                        f"{MAX_COLUMNS} cellen; de grens is {MAX_COLUMNS} kolommen. Bewaar "
                        "alleen de kolommen die u nodig hebt en upload het bestand opnieuw."
                    )
            elif tag == b"row":
                rows, cells = rows + 1, 0
                if rows > MAX_SHEET_ROWS:
                    raise Refused(
                        f"Het werkblad '{name}' in '{filename}' is geweigerd: het heeft meer dan "
                        f"{fmt.number(MAX_SHEET_ROWS)} rijen (lege meegeteld); dat is de grens. "
                        "Laat rijen weg die u niet nodig hebt, of splits het bestand."
                    )
            elif rows == 0:
                _check_dimension(buffer[match.end() : match.end() + _TAG_OVERLAP], name, filename)
        if not chunk:
            return
        carry = buffer[end:]
        if time.monotonic() > deadline:
            raise _too_slow(filename, name)


def _check_dimension(tag: bytes, name: str, filename: str) -> None:
    """Refuse a sheet whose declared size (its <dimension ref="A1:XFD1048576">) is too big."""
    found = _DIMENSION.search(tag)
    if not found:
        return
    first_col, first_row, last_col, last_row = found.groups()
    columns = _column_number(last_col or first_col or b"")
    rows = int(last_row or first_row or 0)
    if columns > MAX_COLUMNS or rows > MAX_SHEET_ROWS:
        raise Refused(
            f"Het werkblad '{name}' in '{filename}' is geweigerd zonder het te lezen: het is "
            f"volgens het bestand {fmt.number(columns)} kolommen breed en {fmt.number(rows)} "
            f"rijen lang; de grens is {fmt.number(MAX_COLUMNS)} kolommen en "
            f"{fmt.number(MAX_SHEET_ROWS)} rijen. Kopieer alleen de tabel naar een nieuw "
            "werkblad of sla hem op als CSV, en upload dat."
        )


def _too_slow(filename: str, name: str) -> ReadError:
    return Refused(
        f"Het lezen van '{filename}' is na {fmt.number(MAX_READ_SECONDS)} seconden gestopt "
        f"(werkblad '{name}'): het bestand is te groot of te ingewikkeld. Sla alleen de tabel op "
        "als CSV en upload die."
    )


def _sheet_rows(
    book: _Workbook, name: str, filename: str, limit: int | None, deadline: float
) -> tuple[list[list[object]], list[int]]:
    """The non-empty rows of one sheet and their numbers, reading at most `limit` of them.

    The raw XML is scanned first (declared size, rows, cells per row); only then is it parsed,
    row by row, without openpyxl's padding of every row to the declared width and of every gap
    between rows. Reading stops with a ReadError at the limits, not after.
    """
    path = book.sheets[name]
    try:
        with book.archive.open(path) as source:
            _scan_sheet(source, name, filename, deadline)
        return _parse_rows(book, path, name, filename, limit, deadline)
    except ReadError:
        raise
    except Exception as exc:  # noqa: BLE001 - any parser failure means the same to the user
        raise ReadError(
            f"Het werkblad '{name}' in '{filename}' is niet leesbaar ({type(exc).__name__}). "
            "Open het bestand in Excel, sla het opnieuw op als .xlsx of als CSV, en upload het "
            "opnieuw."
        ) from exc


def _parse_rows(
    book: _Workbook, path: str, name: str, filename: str, limit: int | None, deadline: float
) -> tuple[list[list[object]], list[int]]:
    from openpyxl.worksheet._reader import WorkSheetParser

    rows: list[list[object]] = []
    numbers: list[int] = []
    with book.archive.open(path) as source:
        parser = WorkSheetParser(
            source,
            book.shared_strings,
            data_only=True,
            epoch=book.epoch,
            date_formats=book.date_formats,
            timedelta_formats=book.timedelta_formats,
        )
        for count, (number, cells) in enumerate(parser.parse(), start=1):
            if number > MAX_SHEET_ROWS:
                raise Refused(
                    f"Het werkblad '{name}' in '{filename}' is geweigerd: het heeft rijen tot "
                    f"rij {fmt.number(number)}; de grens is {fmt.number(MAX_SHEET_ROWS)} rijen. "
                    "Laat rijen weg die u niet nodig hebt, of splits het bestand."
                )
            if count % 1_000 == 0 and time.monotonic() > deadline:
                raise _too_slow(filename, name)
            row: list[object] = []
            for cell in cells:
                value = _excel_cell(cell["value"])
                if value is None or value == "":
                    continue
                column = cell["column"]
                if column > MAX_COLUMNS:
                    raise Refused(
                        f"'{filename}' heeft in werkblad '{name}' gegevens in kolom "
                        f"{fmt.number(column)} (rij {fmt.number(number)}); de grens is "
                        f"{MAX_COLUMNS} kolommen. Bewaar alleen de kolommen die u nodig hebt en "
                        "upload het bestand opnieuw."
                    )
                if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
                    raise Refused(
                        f"'{filename}' is geweigerd: de cel in rij {fmt.number(number)}, kolom "
                        f"{fmt.number(column)} van werkblad '{name}' bevat "
                        f"{fmt.number(len(value))} tekens; Excel zelf staat er hoogstens "
                        f"{fmt.number(MAX_CELL_CHARS)} toe. Controleer die cel."
                    )
                row.extend([None] * (column - len(row) - 1))
                row.append(value)
            if row:
                rows.append(row)
                numbers.append(number)
                if limit is not None and len(rows) >= limit:
                    break
    return rows, numbers


def read_excel_grid(data: bytes, filename: str, sheet: str | None) -> Grid:
    """One sheet of an .xlsx file as rows of cells (the sheet with the most table rows by default).

    Only the chosen sheet is read in full; to choose one, the first rows of each are looked at.
    """
    deadline = time.monotonic() + MAX_READ_SECONDS
    book = _open_workbook(data, filename)
    try:
        sheets = list(book.sheets)
        if sheet is not None and sheet not in sheets:
            raise ReadError(
                f"Het werkblad '{sheet}' bestaat niet in '{filename}'. Dit bestand heeft: "
                f"{', '.join(repr(s) for s in sheets)}. Kies een van deze werkbladen."
            )
        chosen = sheet is not None
        starts: dict[str, list[list[object]]] = {}
        if sheet is None:
            if len(sheets) == 1:
                sheet = sheets[0]
            else:
                for name in sheets:
                    starts[name] = _sheet_rows(book, name, filename, SCORE_ROWS, deadline)[0]
                sheet = max(sheets, key=lambda s: (_table_score(starts[s]), -sheets.index(s)))
        rows, numbers = _sheet_rows(book, sheet, filename, MAX_ROWS + 100, deadline)
    finally:
        book.archive.close()
    if not rows:
        others = [s for s in sheets if s != sheet and starts.get(s, [1])]
        hint = f" Kies een ander werkblad: {', '.join(repr(s) for s in others)}." if others else ""
        raise ReadError(f"Het werkblad '{sheet}' in '{filename}' is leeg.{hint}")
    notes, warnings = [f"Werkblad: '{sheet}'."], []
    if len(sheets) > 1 and not chosen:
        others = ", ".join(f"'{s}'" for s in sheets if s != sheet)
        warnings.append(
            f"Gelezen: werkblad '{sheet}', het werkblad dat het meest op een tabel lijkt. Het "
            f"bestand heeft ook: {others}. Kies zelf een werkblad als dit niet het goede is."
        )
    return Grid(rows, numbers, "excel", sheet=sheet, sheets=sheets, notes=notes, warnings=warnings)


def sheet_names(data: bytes) -> list[str]:
    """The worksheet names of an .xlsx file ([] for anything else or an unreadable file)."""
    if not data.startswith(b"PK\x03\x04"):
        return []
    try:
        book = _open_workbook(data, "")
    except ReadError:  # not a workbook, or refused: no sheets to offer
        return []
    book.archive.close()
    return list(book.sheets)


def _excel_cell(cell: object) -> object:
    if cell is None or isinstance(cell, int | float | str) and not isinstance(cell, bool):
        return cell.strip() if isinstance(cell, str) else cell
    return str(cell)


def _table_score(rows: list[list[object]]) -> int:
    """Rows with at least two filled cells of which one is a number: how table-like a sheet is."""
    score = 0
    for row in rows[:2000]:
        filled = [c for c in row if c is not None and c != ""]
        if len(filled) >= 2 and any(
            ingest_numbers.parse_number(c).status == "number" for c in filled
        ):
            score += 1
    return score


def read_parquet_grid(data: bytes, filename: str) -> Grid:
    """A Parquet file: the columns are known, so no header search."""
    import pyarrow.parquet as pq

    try:
        meta = pq.ParquetFile(io.BytesIO(data)).metadata
        unpacked = sum(meta.row_group(i).total_byte_size for i in range(meta.num_row_groups))
    except Exception:  # noqa: BLE001 - reported by the read below
        meta = None
    if meta is not None and (
        meta.num_rows > MAX_SHEET_ROWS
        or meta.num_columns > MAX_COLUMNS
        or unpacked > MAX_UNPACKED_TOTAL
    ):
        size = f", {size_text(unpacked)} uitgepakt" if unpacked > MAX_UNPACKED_TOTAL else ""
        raise Refused(
            f"'{filename}' is geweigerd zonder het te lezen: het heeft volgens het bestand "
            f"{fmt.number(meta.num_rows)} rijen en {fmt.number(meta.num_columns)} kolommen"
            f"{size}; de grens is {fmt.number(MAX_ROWS)} rijen, {MAX_COLUMNS} kolommen en "
            f"{size_text(MAX_UNPACKED_TOTAL)}. Bewaar alleen de rijen en kolommen die u nodig "
            "hebt en upload het bestand opnieuw."
        )
    try:
        frame = pd.read_parquet(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - any arrow failure means the same to the user
        raise ReadError(
            f"'{filename}' is geen leesbaar Parquet-bestand ({type(exc).__name__}). Maak het "
            "bestand opnieuw aan of upload de gegevens als CSV of Excel."
        ) from exc
    frame = frame.reset_index(drop=isinstance(frame.index, pd.RangeIndex))
    rows = [[None if _is_na(c) else c for c in row] for row in frame.itertuples(index=False)]
    return Grid(
        rows, list(range(2, len(rows) + 2)), "parquet", header=[str(c) for c in frame.columns]
    )


def _is_na(cell: object) -> bool:
    try:
        return bool(pd.isna(cell))
    except (TypeError, ValueError):
        return False


def clean_grid(grid: Grid) -> None:
    """Remove control characters from every text cell and header (they break Excel exports)."""
    changed = 0
    for row in grid.rows:
        for i, cell in enumerate(row):
            if isinstance(cell, str) and fmt.has_control(cell):
                row[i] = fmt.strip_control(cell)
                changed += 1
    if grid.header is not None:
        cleaned = [fmt.strip_control(name) for name in grid.header]
        changed += sum(a != b for a, b in zip(cleaned, grid.header, strict=True))
        grid.header = cleaned
    if changed:
        grid.warnings.append(
            f"{fmt.number(changed)} cel(len) of kolomnamen bevatten onzichtbare stuurtekens "
            "(bijvoorbeeld uit een ander programma gekopieerd); die tekens zijn weggelaten."
        )


# --- Finding the table in the grid -------------------------------------------------------------


@dataclasses.dataclass
class Layout:
    """Where the table is: header row (index into the grid, None = no header) and its end."""

    header: int | None
    start: int
    stop: int
    title_rows: int
    footer: list[str]
    sub_headers: int


def _filled(row: list[object]) -> int:
    return sum(1 for c in row if c is not None and str(c).strip() != "")


def _width(row: list[object]) -> int:
    for i in range(len(row) - 1, -1, -1):
        if row[i] is not None and str(row[i]).strip() != "":
            return i + 1
    return 0


def _is_number(cell: object) -> bool:
    return ingest_numbers.parse_number(cell).status == "number"


def _is_text(cell: object) -> bool:
    return (
        isinstance(cell, str)
        and cell.strip() != ""
        and not _is_number(cell)
        and (ingest_numbers.parse_number(cell).status != "missing")
    )


def find_layout(grid: Grid, header_row: int | None = None) -> Layout:
    """The header row (first row as wide as the table), title rows above and a footer below."""
    rows = grid.rows
    if grid.header is not None:
        return Layout(None, 0, len(rows), 0, [], 0)
    widths = [_filled(r) for r in rows[:500]]
    modal = collections.Counter(w for w in widths if w >= 2).most_common(1)
    table_width = modal[0][0] if modal else 1
    if header_row is not None:
        if header_row not in grid.numbers:
            raise ReadError(
                f"Rij {header_row} bestaat niet of is leeg. Kies als kopregel een rij met de "
                "kolomnamen, of laat de kopregel automatisch zoeken."
            )
        header = grid.numbers.index(header_row)
    else:
        need = 1 if table_width < 2 else max(2, math.ceil(table_width * 0.6))
        header = next((i for i, w in enumerate(widths) if w >= need), 0)
    stop = len(rows)
    footer: list[str] = []
    while stop > header + 1:
        row = rows[stop - 1]
        first = next((str(c).strip() for c in row if c is not None and str(c).strip()), "")
        single = _filled(row) == 1 and table_width > 1
        if _FOOTER_START.match(first) or (single and len(first) > 40):
            footer.insert(0, first)
            stop -= 1
            continue
        break
    header_cells = rows[header]
    has_header = header_row is not None or not _looks_like_data(header_cells)
    if not has_header:
        return Layout(None, header, stop, header, footer, 0)
    start = header + 1
    sub_headers = 0
    # Unit or category rows under the header (first cell empty, only text): part of the header.
    while start < stop and sub_headers < 3:
        row = rows[start]
        if (
            row
            and (row[0] is None or str(row[0]).strip() == "")
            and _filled(row) >= 2
            and all(_is_text(c) for c in row if c is not None and str(c).strip())
        ):
            start += 1
            sub_headers += 1
        else:
            break
    return Layout(header, start, stop, header, footer, sub_headers)


def _looks_like_data(cells: list[object]) -> bool:
    """A first row that holds a GM code or mostly numbers is data, not a header."""
    filled = [c for c in cells if c is not None and str(c).strip()]
    if not filled:
        return False
    if any(re.fullmatch(r"\s*(GM|WK|BU)\d{4,8}\s*", str(c), re.IGNORECASE) for c in filled):
        return True
    # Years are common column names ("2022", "2023"); other numbers in a first row are data.
    numbers = sum(1 for c in filled if _is_number(c) and not _is_year(c))
    return numbers * 2 > len(filled) and numbers >= 1 and len(filled) > 1


def _is_year(cell: object) -> bool:
    value = ingest_numbers.parse_number(cell).value
    return value is not None and value.is_integer() and 1900 <= value <= 2100


def header_names(grid: Grid, layout: Layout, n_columns: int) -> list[str]:
    """Unique, readable column names (empty ones become 'kolom N'; sub-header rows joined)."""
    if grid.header is not None:
        raw = list(grid.header)
    elif layout.header is None:
        raw = [""] * n_columns
    else:
        raw = [str(c).strip() if c is not None else "" for c in grid.rows[layout.header]]
        for extra in grid.rows[layout.header + 1 : layout.start]:
            for i, cell in enumerate(extra):
                text = str(cell).strip() if cell is not None else ""
                if text and i < len(raw):
                    raw[i] = f"{raw[i]} – {text}" if raw[i] else text
                elif text:
                    raw.extend([""] * (i - len(raw)) + [text])
    raw = (raw + [""] * n_columns)[:n_columns]
    names: list[str] = []
    seen: collections.Counter[str] = collections.Counter()
    for i, name in enumerate(raw, start=1):
        name = " ".join(str(name).split()) or f"kolom {i}"
        seen[name] += 1
        names.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return names
