"""Excel files (.xlsx) as a grid, refusing zip and sheet bombs before anything is unpacked.

The archive's declared sizes are checked first (`check_zip`), then each sheet's raw XML is
scanned for its declared size, rows and cells per row; only then is it parsed, row by row.
Reading stops with a Refused error at the limits of core.ingest.limits, not after.
"""

from __future__ import annotations

import dataclasses
import io
import re
import time
import zipfile

from core import fmt
from core.ingest import grid as ingest_grid
from core.ingest import limits as ingest_limits
from core.ingest import numbers as ingest_numbers

SCORE_ROWS = 2_000  # rows of each sheet looked at to find the most table-like one
FORMULA_EXAMPLES = 3  # formula cells without a stored result named in the warning


@dataclasses.dataclass
class Formulas:
    """Formula cells without a stored result (a workbook written by a script, never saved by
    Excel): Raadsradar does not calculate formulas, so they read as empty. Counted to say so."""

    count: int = 0
    columns: dict[int, int] = dataclasses.field(default_factory=dict)  # column -> cells
    examples: list[str] = dataclasses.field(default_factory=list)  # "C2: =B2*2"

    def add(self, row: int, column: int, formula: str) -> None:
        from openpyxl.utils import get_column_letter

        self.count += 1
        self.columns[column] = self.columns.get(column, 0) + 1
        if len(self.examples) < FORMULA_EXAMPLES:
            text = fmt.shorten(formula if formula.startswith("=") else "=" + formula, 40)
            self.examples.append(f"{get_column_letter(column)}{row}: {text}")

    def warning(self, sheet: str) -> str:
        from openpyxl.utils import get_column_letter

        letters = ", ".join(get_column_letter(c) for c in sorted(self.columns)[:10])
        more = " en meer" if len(self.columns) > 10 else ""
        return (
            f"Werkblad '{sheet}': {fmt.number(self.count)} cel(len) met een formule zonder "
            f"opgeslagen uitkomst (kolom {letters}{more}; bijvoorbeeld "
            f"{'; '.join(self.examples)}). Zo'n bestand is door een programma gemaakt en nooit "
            "in Excel opgeslagen; Raadsradar rekent formules niet uit, dus deze cellen tellen "
            "als leeg. Open het bestand in Excel en sla het op (dan worden de uitkomsten "
            "bewaard), of sla het op als CSV, en upload het opnieuw."
        )


def _formula_parser(**kwargs: object) -> object:
    """openpyxl's sheet parser, reading stored results, that also notes formulas without one."""
    from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser

    class Parser(WorkSheetParser):
        def parse_cell(self, element: object) -> dict:
            cell = super().parse_cell(element)
            if cell["value"] is None and cell["data_type"] != "str":
                formula = element.findtext(FORMULA_TAG)
                if formula is not None:
                    self.formulas.add(cell["row"], cell["column"], formula or "(gedeeld)")
            return cell

    parser = Parser(**kwargs)
    parser.formulas = Formulas()  # type: ignore[attr-defined]
    return parser


def check_zip(data: bytes, filename: str) -> None:
    """Refuse an .xlsx whose parts unpack to more than the limits, before anything is unpacked.

    The sizes are the ones the archive declares; Python's zipfile never unpacks more than the
    declared size of a member (a member that holds more fails its checksum), so they are binding.
    """
    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise ingest_limits.ReadError(
            f"'{filename}' is geen leesbaar Excel-bestand (het zip-archief is beschadigd). Open "
            "het in Excel, sla het opnieuw op als .xlsx of als CSV, en upload het opnieuw."
        ) from exc
    advice = (
        "Zo'n bestand maakt Excel zelf niet; het kan een aanval zijn (een 'zip-bom'). Sla de "
        "gegevens op als CSV of als een nieuw .xlsx-bestand met alleen de tabel, en upload dat."
    )
    if len(infos) > ingest_limits.MAX_MEMBERS:
        raise ingest_limits.Refused(
            f"'{filename}' is geweigerd: het bevat {fmt.number(len(infos))} onderdelen; de grens "
            f"is {fmt.number(ingest_limits.MAX_MEMBERS)}. {advice}"
        )
    total = sum(info.file_size for info in infos)
    for info in infos:
        if info.file_size > ingest_limits.MAX_UNPACKED_MEMBER:
            raise ingest_limits.Refused(
                f"'{filename}' is geweigerd zonder het te lezen: het onderdeel '{info.filename}' "
                f"wordt uitgepakt {ingest_limits.size_text(info.file_size)}; de grens is "
                f"{ingest_limits.size_text(ingest_limits.MAX_UNPACKED_MEMBER)}. {advice}"
            )
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > ingest_limits.RATIO_FROM and ratio > ingest_limits.MAX_RATIO:
            raise ingest_limits.Refused(
                f"'{filename}' is geweigerd zonder het te lezen: het onderdeel '{info.filename}' "
                f"is {fmt.number(ratio)} keer samengeperst "
                f"({ingest_limits.size_text(info.compress_size)} wordt "
                f"{ingest_limits.size_text(info.file_size)}); de grens is "
                f"{ingest_limits.MAX_RATIO} keer. {advice}"
            )
    if total > ingest_limits.MAX_UNPACKED_TOTAL:
        raise ingest_limits.Refused(
            f"'{filename}' is geweigerd zonder het te lezen: uitgepakt is het "
            f"{ingest_limits.size_text(total)}; de grens is "
            f"{ingest_limits.size_text(ingest_limits.MAX_UNPACKED_TOTAL)}. {advice}"
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
        raise ingest_limits.ReadError(
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
                if cells > ingest_limits.MAX_COLUMNS:
                    raise ingest_limits.Refused(
                        f"Het werkblad '{name}' in '{filename}' is geweigerd: rij "
                        f"{fmt.number(rows)} (geteld in het bestand) heeft meer dan "
                        f"{ingest_limits.MAX_COLUMNS} cellen; de grens is "
                        f"{ingest_limits.MAX_COLUMNS} kolommen. Bewaar alleen de kolommen die u "
                        "nodig hebt en upload het bestand opnieuw."
                    )
            elif tag == b"row":
                rows, cells = rows + 1, 0
                if rows > ingest_limits.MAX_SHEET_ROWS:
                    raise ingest_limits.Refused(
                        f"Het werkblad '{name}' in '{filename}' is geweigerd: het heeft meer dan "
                        f"{fmt.number(ingest_limits.MAX_SHEET_ROWS)} rijen (lege meegeteld); dat "
                        "is de grens. Laat rijen weg die u niet nodig hebt, of splits het bestand."
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
    if columns > ingest_limits.MAX_COLUMNS or rows > ingest_limits.MAX_SHEET_ROWS:
        raise ingest_limits.Refused(
            f"Het werkblad '{name}' in '{filename}' is geweigerd zonder het te lezen: het is "
            f"volgens het bestand {fmt.number(columns)} kolommen breed en {fmt.number(rows)} rijen "
            f"lang; de grens is {fmt.number(ingest_limits.MAX_COLUMNS)} kolommen en "
            f"{fmt.number(ingest_limits.MAX_SHEET_ROWS)} rijen. Kopieer alleen de tabel naar een "
            "nieuw werkblad of sla hem op als CSV, en upload dat."
        )


def _too_slow(filename: str, name: str) -> ingest_limits.ReadError:
    return ingest_limits.Refused(
        f"Het lezen van '{filename}' is na {fmt.number(ingest_limits.MAX_READ_SECONDS)} seconden "
        f"gestopt (werkblad '{name}'): het bestand is te groot of te ingewikkeld. Sla alleen de "
        "tabel op als CSV en upload die."
    )


def _sheet_rows(
    book: _Workbook, name: str, filename: str, limit: int | None, deadline: float
) -> tuple[list[list[object]], list[int], Formulas]:
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
    except ingest_limits.ReadError:
        raise
    except Exception as exc:  # noqa: BLE001 - any parser failure means the same to the user
        raise ingest_limits.ReadError(
            f"Het werkblad '{name}' in '{filename}' is niet leesbaar ({type(exc).__name__}). "
            "Open het bestand in Excel, sla het opnieuw op als .xlsx of als CSV, en upload het "
            "opnieuw."
        ) from exc


def _parse_rows(
    book: _Workbook, path: str, name: str, filename: str, limit: int | None, deadline: float
) -> tuple[list[list[object]], list[int], Formulas]:
    rows: list[list[object]] = []
    numbers: list[int] = []
    with book.archive.open(path) as source:
        parser = _formula_parser(
            src=source,
            shared_strings=book.shared_strings,
            data_only=True,
            epoch=book.epoch,
            date_formats=book.date_formats,
            timedelta_formats=book.timedelta_formats,
        )
        for count, (number, cells) in enumerate(parser.parse(), start=1):
            if number > ingest_limits.MAX_SHEET_ROWS:
                raise ingest_limits.Refused(
                    f"Het werkblad '{name}' in '{filename}' is geweigerd: het heeft rijen tot rij "
                    f"{fmt.number(number)}; de grens is {fmt.number(ingest_limits.MAX_SHEET_ROWS)} "
                    "rijen. Laat rijen weg die u niet nodig hebt, of splits het bestand."
                )
            if count % 1_000 == 0 and time.monotonic() > deadline:
                raise _too_slow(filename, name)
            row: list[object] = []
            for cell in cells:
                value = _excel_cell(cell["value"])
                if value is None or value == "":
                    continue
                column = cell["column"]
                if column > ingest_limits.MAX_COLUMNS:
                    raise ingest_limits.Refused(
                        f"'{filename}' heeft in werkblad '{name}' gegevens in kolom "
                        f"{fmt.number(column)} (rij {fmt.number(number)}); de grens is "
                        f"{ingest_limits.MAX_COLUMNS} kolommen. Bewaar alleen de kolommen die u "
                        "nodig hebt en upload het bestand opnieuw."
                    )
                if isinstance(value, str) and len(value) > ingest_limits.MAX_CELL_CHARS:
                    raise ingest_limits.Refused(
                        f"'{filename}' is geweigerd: de cel in rij {fmt.number(number)}, kolom "
                        f"{fmt.number(column)} van werkblad '{name}' bevat "
                        f"{fmt.number(len(value))} tekens; Excel zelf staat er hoogstens "
                        f"{fmt.number(ingest_limits.MAX_CELL_CHARS)} toe. Controleer die cel."
                    )
                row.extend([None] * (column - len(row) - 1))
                row.append(value)
            if row:
                rows.append(row)
                numbers.append(number)
                if limit is not None and len(rows) >= limit:
                    break
    return rows, numbers, parser.formulas


def read_excel_grid(data: bytes, filename: str, sheet: str | None) -> ingest_grid.Grid:
    """One sheet of an .xlsx file as rows of cells (the sheet with the most table rows by default).

    Only the chosen sheet is read in full; to choose one, the first rows of each are looked at.
    """
    deadline = time.monotonic() + ingest_limits.MAX_READ_SECONDS
    book = _open_workbook(data, filename)
    try:
        sheets = list(book.sheets)
        if sheet is not None and sheet not in sheets:
            raise ingest_limits.ReadError(
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
        rows, numbers, formulas = _sheet_rows(
            book, sheet, filename, ingest_limits.MAX_ROWS + 100, deadline
        )
    finally:
        book.archive.close()
    if not rows:
        others = [s for s in sheets if s != sheet and starts.get(s, [1])]
        hint = f" Kies een ander werkblad: {', '.join(repr(s) for s in others)}." if others else ""
        if formulas.count:
            raise ingest_limits.ReadError(formulas.warning(sheet) + hint)
        raise ingest_limits.ReadError(f"Het werkblad '{sheet}' in '{filename}' is leeg.{hint}")
    notes, warnings = [f"Werkblad: '{sheet}'."], []
    if formulas.count:
        warnings.append(formulas.warning(sheet))
    if len(sheets) > 1 and not chosen:
        others = ", ".join(f"'{s}'" for s in sheets if s != sheet)
        warnings.append(
            f"Gelezen: werkblad '{sheet}', het werkblad dat het meest op een tabel lijkt. Het "
            f"bestand heeft ook: {others}. Kies zelf een werkblad als dit niet het goede is."
        )
    return ingest_grid.Grid.from_rows(
        rows,
        numbers,
        "excel",
        sheet=sheet,
        sheets=sheets,
        notes=notes,
        warnings=warnings,
        formula_cells=formulas.count,
    )


def sheet_names(data: bytes) -> list[str]:
    """The worksheet names of an .xlsx file ([] for anything else or an unreadable file)."""
    if not data.startswith(b"PK\x03\x04"):
        return []
    try:
        book = _open_workbook(data, "")
    except ingest_limits.ReadError:  # not a workbook, or refused: no sheets to offer
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
