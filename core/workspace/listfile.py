"""A team list as a file: CSV (Dutch Excel style, UTF-8 with BOM) or Excel, one row per
gemeente with its status, note and who changed them when. Every text cell is neutralised
(core.safe): names and notes are typed by people and must never run as formulas."""

from __future__ import annotations

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from core import fmt, safe
from core.workspace import lists, rules

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
COLUMNS = {
    "code": ("Code", 10),
    "gemeente": ("Gemeente", 24),
    "provincie": ("Provincie", 16),
    "status": ("Status", 18),
    "status_door": ("Status gewijzigd door", 22),
    "status_op": ("Status gewijzigd op", 18),
    "notitie": ("Notitie", 60),
    "notitie_door": ("Notitie gewijzigd door", 22),
    "notitie_op": ("Notitie gewijzigd op", 18),
}


def local_time(stamp: dt.datetime | None) -> str:
    """A stored UTC time as Dutch local time: '2-12-2026 14:05' ('' when never)."""
    if stamp is None:
        return ""
    local = stamp.replace(tzinfo=dt.UTC).astimezone(AMSTERDAM)
    return f"{local.day}-{local.month}-{local.year} {local:%H:%M}"


def table(detail: lists.Detail, gemeenten: pd.DataFrame) -> pd.DataFrame:
    """The list's rows as shown and exported (Dutch column names)."""
    info = gemeenten.set_index("code")
    rows = []
    for entry in detail.entries:
        known = entry.code in info.index
        rows.append(
            {
                "code": entry.code,
                "gemeente": info.at[entry.code, "name"] if known else "(onbekende code)",
                "provincie": info.at[entry.code, "province_name"] if known else "",
                "status": rules.STATUSES.get(entry.status, entry.status),
                "status_door": entry.status_by or "",
                "status_op": local_time(entry.status_at),
                "notitie": entry.note,
                "notitie_door": entry.note_by or "",
                "notitie_op": local_time(entry.note_at),
            }
        )
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    return frame.rename(columns={k: v[0] for k, v in COLUMNS.items()})


def _safe(frame: pd.DataFrame) -> pd.DataFrame:
    return safe.frame(frame)


def about(detail: lists.Detail, exported_by: str) -> list[tuple[str, str]]:
    s = detail.summary
    return [
        ("Lijst", s.name),
        ("Beschrijving", s.description),
        ("Eigenaar", s.owner_name),
        ("Laatst gewijzigd", f"{local_time(s.updated_at)} door {s.updated_by}"),
        ("Aantal gemeenten", fmt.number(s.count)),
        ("Geëxporteerd", f"{local_time(lists.now())} door {exported_by}"),
        (
            "Let op",
            "Deze lijst bevat statussen en notities van het campagneteam. Deel het bestand "
            "alleen binnen het team.",
        ),
    ]


def to_csv(detail: lists.Detail, gemeenten: pd.DataFrame) -> bytes:
    """Semicolons and UTF-8 with BOM, as Dutch Excel opens it."""
    text = _safe(table(detail, gemeenten)).to_csv(index=False, sep=";", lineterminator="\r\n")
    return text.encode("utf-8-sig")


def to_xlsx(detail: lists.Detail, gemeenten: pd.DataFrame, exported_by: str) -> bytes:
    """Sheet Lijst (the gemeenten) and sheet Over deze lijst (name, owner, dates)."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Lijst"
    frame = _safe(table(detail, gemeenten))
    sheet.append(list(frame.columns))
    for row in frame.itertuples(index=False):
        sheet.append(list(row))
    for index, (_, width) in enumerate(COLUMNS.values(), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for (cell,) in sheet.iter_rows(min_row=2, min_col=7, max_col=7):
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{max(len(frame) + 1, 2)}"
    notes = book.create_sheet("Over deze lijst")
    for label, value in about(detail, exported_by):
        notes.append([label, safe.cell(value)])
    notes.column_dimensions["A"].width = 20
    notes.column_dimensions["B"].width = 80
    for (cell,) in notes.iter_rows(min_col=1, max_col=1):
        cell.font = Font(bold=True)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def file_name(detail: lists.Detail, extension: str) -> str:
    """'raadsradar-lijst-brabant-eerste-ronde.xlsx': only safe characters from the name."""
    key = rules.name_key(detail.summary.name)
    slug = "".join(c if c.isascii() and c.isalnum() else "-" for c in key)
    slug = "-".join(part for part in slug.split("-") if part)[:40] or f"lijst-{detail.summary.id}"
    return f"raadsradar-lijst-{slug}.{extension}"
