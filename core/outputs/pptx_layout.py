"""Measured layout of a PowerPoint slide: every text box and table gets the room its text needs.

PowerPoint and LibreOffice grow a table row to fit its text and let a text box's text run out
of the box, so a layout that guesses heights prints text over text. Here every height is
measured (core.outputs.text_metrics, Calibri's metrics): font sizes shrink in steps until the
text fits, table columns get widths by what they hold, and a table that does not fit even at
the smallest size is cut into parts for continuation slides. All lengths are in points
(1/72 inch); the slide is 960 × 540 points (13.333 × 7.5 inch, 16:9).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from core.outputs import text_metrics

SLIDE_W, SLIDE_H = 960.0, 540.0
MARGIN = 36.0  # left, right (0.5 inch)
TITLE_TOP = 21.6
BOTTOM = 526.0  # the footer ends here
GAP = 8.0
# Default insets of python-pptx text boxes and table cells (0.1 inch left/right, 0.05 inch
# top/bottom) and the paragraph spacing the export sets (35% of the size after a paragraph).
INSET_X, INSET_Y = 7.2, 3.6
SPACE_AFTER = 0.35
SAFETY = 1.04  # measured heights are stretched a little: a text never needs more room than this

TITLE_SIZES = (34, 30, 26, 22)
TITLE_LINES = 2
SUBTITLE_SIZES = (16, 14, 12)
FOOTER_SIZES = (10, 9, 8)
BULLET_SIZES = (18, 16, 14, 13, 12, 11, 10)
TABLE_SIZES = (14, 13, 12, 11)
TABLE_BULLET_SIZES = (14, 13, 12, 11, 10)
TILE_SCALES = (1.0, 0.9, 0.8, 0.7, 0.6)


@dataclasses.dataclass(frozen=True)
class Box:
    left: float
    top: float
    width: float
    height: float

    @property
    def bottom(self) -> float:
        return self.top + self.height


def paragraphs_height(
    paragraphs: Sequence[str], width: float, size: float, bold: bool = False
) -> float:
    """Height of a text box (insets included) holding these paragraphs, `width` wide."""
    room = width - 2 * INSET_X
    total = sum(text_metrics.height(p, room, size, bold) for p in paragraphs)
    spacing = SPACE_AFTER * size * max(len(paragraphs) - 1, 0)
    return (total + spacing) * SAFETY + 2 * INSET_Y


def fit_size(
    paragraphs: Sequence[str],
    width: float,
    height: float,
    sizes: Sequence[int],
    bold: bool = False,
) -> int | None:
    """The largest size at which the paragraphs fit the box, None when none does."""
    for size in sizes:
        if paragraphs_height(paragraphs, width, size, bold) <= height:
            return size
    return None


def title_size(text: str, width: float = SLIDE_W - 2 * MARGIN) -> tuple[int, float]:
    """Title font size (at most TITLE_LINES lines) and the title box's height."""
    room = width - 2 * INSET_X
    for size in TITLE_SIZES:
        if len(text_metrics.lines(text, room, size, bold=True)) <= TITLE_LINES:
            return size, paragraphs_height([text], width, size, bold=True)
    size = TITLE_SIZES[-1]
    return size, paragraphs_height([text], width, size, bold=True)


def footer_box(text: str) -> tuple[Box, int]:
    """The source line at the bottom, as high as its lines need (smaller type when long)."""
    width = SLIDE_W - 2 * MARGIN
    size = next(
        (s for s in FOOTER_SIZES if paragraphs_height([text], width, s) <= 3 * s * 1.3 + 10),
        FOOTER_SIZES[-1],
    )
    height = paragraphs_height([text], width, size)
    return Box(MARGIN, BOTTOM - height, width, height), size


# --------------------------------------------------------------------------- tables


@dataclasses.dataclass(frozen=True)
class TableLayout:
    size: int
    widths: list[float]
    heights: list[float]  # header row first

    @property
    def height(self) -> float:
        return sum(self.heights)


def _cell_room(width: float) -> float:
    return width - 2 * INSET_X


def column_widths(rows: Sequence[Sequence[str]], total: float, size: int) -> list[float] | None:
    """Column widths that share `total`: each at least its longest word, the rest by how much
    each column's longest text wants; None when the longest words do not fit side by side."""
    columns = list(zip(*rows, strict=True))
    fair = total / max(len(columns), 1)
    least, wanted = [], []
    for header, *body in columns:
        words = [(w, True) for w in str(header).split(" ")]
        words += [(w, False) for cell in body for w in str(cell).split(" ")]
        longest_word = max(text_metrics.width(w, size, bold) for w, bold in words)
        # A short cell ("291 van 312") stays on one line as long as it is no wider than a fair
        # share of the table; headers and long texts wrap.
        longest_cell = max((text_metrics.width(str(c), size) for c in body), default=0.0)
        least.append(max(longest_word, min(longest_cell, fair - 2 * INSET_X)) + 2 * INSET_X + 2)
        wanted.append(
            max(text_metrics.width(str(header), size, True), longest_cell) + 2 * INSET_X + 2
        )
    if sum(least) > total:
        return None
    if sum(wanted) <= total:
        extra = total - sum(wanted)
        return [w + extra * w / sum(wanted) for w in wanted]
    spare = total - sum(least)
    need = [w - m for w, m in zip(wanted, least, strict=True)]
    return [m + spare * n / sum(need) for m, n in zip(least, need, strict=True)]


def row_heights(rows: Sequence[Sequence[str]], widths: Sequence[float], size: int) -> list[float]:
    """Each row's height: its tallest cell (the header row in bold)."""
    out = []
    for number, row in enumerate(rows):
        tallest = max(
            text_metrics.height(str(cell), _cell_room(w), size, bold=number == 0)
            for cell, w in zip(row, widths, strict=True)
        )
        out.append(tallest * SAFETY + 2 * INSET_Y)
    return out


def table_layout(rows: Sequence[Sequence[str]], width: float, size: int) -> TableLayout | None:
    """Widths and heights of a table (rows[0] is the header) at one font size."""
    widths = column_widths(rows, width, size)
    if widths is None:
        return None
    return TableLayout(size, widths, row_heights(rows, widths, size))


@dataclasses.dataclass(frozen=True)
class TablePage:
    """One PowerPoint slide's part of a table: body rows [start, stop), its layout, and the
    bullets under it (the last part only) with their size."""

    start: int
    stop: int
    layout: TableLayout
    bullet_size: int | None


def table_pages(
    rows: Sequence[Sequence[str]], bullets: Sequence[str], area: Box
) -> list[TablePage]:
    """Lay a table (rows[0] the header) and its bullets out in `area`: one page when it fits
    at some size, else the body split over several pages (header repeated), bullets last."""
    header, body = list(rows[0]), [list(r) for r in rows[1:]]
    for size in TABLE_SIZES:
        layout = table_layout([header, *body], area.width, size)
        if layout is None:
            continue
        room = area.height - layout.height - (GAP if bullets else 0)
        bullet_size = _bullets_size(bullets, area.width, room, size)
        if layout.height <= area.height and (not bullets or bullet_size):
            return [TablePage(0, len(body), layout, bullet_size)]
    # Too long for one slide: cut the body at the smallest size, filling each page.
    size = TABLE_SIZES[-1]
    layout = table_layout([header, *body], area.width, size) or TableLayout(
        size, [area.width / len(header)] * len(header), [size * 2.0] * (len(body) + 1)
    )
    pages, start = [], 0
    while start < len(body):
        used, stop = layout.heights[0], start
        while stop < len(body) and used + layout.heights[stop + 1] <= area.height:
            used += layout.heights[stop + 1]
            stop += 1
        stop = max(stop, start + 1)
        pages.append(TablePage(start, stop, _part(layout, start, stop), None))
        start = stop
    last = pages[-1]
    room = area.height - last.layout.height - GAP
    bullet_size = _bullets_size(bullets, area.width, room, size) if bullets else None
    if bullets and bullet_size is None:
        pages.append(TablePage(len(body), len(body), _part(layout, 0, 0), None))
        bullet_size = _bullets_size(bullets, area.width, area.height, size)
    pages[-1] = dataclasses.replace(pages[-1], bullet_size=bullet_size)
    return pages


def _part(layout: TableLayout, start: int, stop: int) -> TableLayout:
    return TableLayout(
        layout.size, layout.widths, [layout.heights[0], *layout.heights[start + 1 : stop + 1]]
    )


def _bullets_size(bullets: Sequence[str], width: float, room: float, largest: int) -> int | None:
    sizes = [s for s in TABLE_BULLET_SIZES if s <= largest] or [TABLE_BULLET_SIZES[-1]]
    return fit_size([f"• {b}" for b in bullets], width, room, sizes) if room > 0 else None


# --------------------------------------------------------------------------- pictures


def picture_box(size_px: tuple[int, int], area: Box, max_width: float) -> Box:
    """The picture scaled to fit `max_width` × the area's height, top left in the area."""
    width_px, height_px = size_px
    scale = min(max_width / width_px, area.height / height_px)
    return Box(area.left, area.top, width_px * scale, height_px * scale)


def bullets_beside(bullets: Sequence[str], box: Box) -> tuple[int, list[str]]:
    """Size for the bullets beside a picture; when even the smallest does not hold them all,
    the last ones give way to a pointer to the notes."""
    texts = [f"• {b}" for b in bullets]
    size = fit_size(texts, box.width, box.height, BULLET_SIZES)
    if size is not None:
        return size, list(bullets)
    kept = list(bullets)
    while kept:
        kept.pop()
        shown = [*kept, "Meer in de sprekersnotities"]
        size = fit_size([f"• {b}" for b in shown], box.width, box.height, BULLET_SIZES)
        if size is not None:
            return size, shown
    return BULLET_SIZES[-1], []


# --------------------------------------------------------------------------- key figures


def tile_scale(
    tiles: Sequence[tuple[str, str, str]], width: float, height: float, sizes: tuple[int, int, int]
) -> float:
    """The largest scale of the tiles' three sizes (value, label, note) at which every tile's
    text fits its box."""
    for scale in TILE_SCALES:
        ok = True
        for tile in tiles:
            used = sum(
                text_metrics.height(text, width - 2 * INSET_X, size * scale, bold=number < 2)
                + SPACE_AFTER * size * scale
                for number, (text, size) in enumerate(zip(tile, sizes, strict=True))
            )
            if used * SAFETY + 2 * INSET_Y > height:
                ok = False
                break
        if ok:
            return scale
    return TILE_SCALES[-1]
