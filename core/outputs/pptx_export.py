"""The slide deck as a PowerPoint file (python-pptx): 16:9, editable titles, notes, sources.

One PowerPoint slide per presentation slide (a table too long for one continues on the next),
then a closing sources slide. Maps and charts are pictures (rendered elsewhere, see
core.outputs.images) with the slide's text summary as alt text; tables are real PowerPoint
tables and key figures text boxes, so the user can edit everything but the pictures. When a
picture is missing (no browser on the server) the slide says so in its place.

Every box is as large as its text needs (core.outputs.pptx_layout measures it in Calibri's
metrics), so nothing prints over anything else in PowerPoint or LibreOffice.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence

import pandas as pd
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.util import Emu, Pt

from core.outputs import pptx_layout, slide_model
from core.outputs.pptx_layout import GAP, MARGIN, SLIDE_H, SLIDE_W, Box

WIDTH = Pt(SLIDE_W)
HEIGHT = Pt(SLIDE_H)
TITLE_ONLY_LAYOUT = 5  # "Title Only" in python-pptx's default template
DARK = RGBColor(0x11, 0x11, 0x11)
GREY = RGBColor(0x44, 0x44, 0x44)
WARNING_FILL = RGBColor(0xB0, 0x00, 0x20)
TILE_FILL = RGBColor(0xF2, 0xF2, 0xF2)
PICTURE_MAX_W = 640.0  # points: a 16:9 picture as high as the content area
TILE_SIZES = (36, 15, 11)  # value, label, note
FOLLOW_W = 259.2  # points (3.6 inch): the QR code's column on the closing slide
MISSING_PICTURE = (
    "Hier hoort een kaart of grafiek, maar afbeeldingen maken lukte niet op de computer waarop "
    "Raadsradar draait. Gebruik het offline HTML-pakket: daarin staat deze kaart wel."
)
CONTINUED = " (vervolg)"


def _emu(points: float) -> Emu:
    return Emu(int(round(points * 12700)))


def _text(
    slide: object,
    box: Box,
    paragraphs: Sequence[str],
    *,
    size: float = 16,
    bold: bool = False,
    color: RGBColor = DARK,
    bullet: bool = False,
    name: str = "",
) -> object:
    """A text box with one paragraph per item, word-wrapped, the size the layout measured."""
    shape = slide.shapes.add_textbox(
        _emu(box.left), _emu(box.top), _emu(box.width), _emu(box.height)
    )
    if name:
        shape.name = name
    frame = shape.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    for index, text in enumerate(paragraphs):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.text = f"• {text}" if bullet else text
        paragraph.space_after = Pt(round(size * pptx_layout.SPACE_AFTER))
        for run in paragraph.runs:
            run.font.size = Pt(size)
            run.font.bold = bold
            run.font.color.rgb = color
    return shape


def _header(slide: object, item: slide_model.Slide, title: str) -> float:
    """Title (editable placeholder), the warning banner and the subtitle; returns where the
    content may start."""
    width = SLIDE_W - 2 * MARGIN
    size, height = pptx_layout.title_size(title, width)
    placeholder = slide.shapes.title
    placeholder.left, placeholder.top = _emu(MARGIN), _emu(pptx_layout.TITLE_TOP)
    placeholder.width, placeholder.height = _emu(width), _emu(height)
    placeholder.text = title
    frame = placeholder.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.vertical_anchor = MSO_ANCHOR.TOP
    for paragraph in frame.paragraphs:
        paragraph.alignment = PP_ALIGN.LEFT
        for run in paragraph.runs:
            run.font.size = Pt(size)
            run.font.bold = True
            run.font.color.rgb = DARK
    top = pptx_layout.TITLE_TOP + height + 2
    if item.warning:
        height = pptx_layout.paragraphs_height([item.warning], width, 14, bold=True)
        _warning(slide, Box(MARGIN, top, width, height), item.warning)
        top += height + 4
    if item.subtitle:
        size = pptx_layout.fit_size([item.subtitle], width, 16 * 2.6 + 8, (16, 14, 12)) or 12
        height = pptx_layout.paragraphs_height([item.subtitle], width, size)
        _text(
            slide,
            Box(MARGIN, top, width, height),
            [item.subtitle],
            size=size,
            color=GREY,
            name="Ondertitel",
        )
        top += height
    return top + GAP


def _warning(slide: object, box: Box, text: str) -> None:
    """A red banner for fictitious or imported data, on the slide itself."""
    banner = slide.shapes.add_shape(
        MSO_SHAPE.RECTANGLE, _emu(box.left), _emu(box.top), _emu(box.width), _emu(box.height)
    )
    banner.name = "Waarschuwing gegevens"
    banner.fill.solid()
    banner.fill.fore_color.rgb = WARNING_FILL
    banner.line.fill.background()
    frame = banner.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.margin_left = frame.margin_right = Pt(pptx_layout.INSET_X)
    frame.margin_top = frame.margin_bottom = Pt(pptx_layout.INSET_Y)
    frame.text = text
    for run in frame.paragraphs[0].runs:
        run.font.size = Pt(14)
        run.font.bold = True
        run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)


def _footer(slide: object, text: str) -> float:
    """The source line at the bottom; returns its top (where the content must end)."""
    box, size = pptx_layout.footer_box(text)
    _text(slide, box, [text], size=size, color=GREY, name="Bronregel")
    return box.top


def _picture(slide: object, image: bytes, box: Box, alt: str) -> None:
    picture = slide.shapes.add_picture(
        io.BytesIO(image), _emu(box.left), _emu(box.top), _emu(box.width), _emu(box.height)
    )
    picture.name = "Kaart of grafiek"
    # The alt text that screen readers and PowerPoint's accessibility checker read.
    picture._element.nvPicPr.cNvPr.set("descr", alt)


def _missing_picture(slide: object, box: Box) -> None:
    shape = slide.shapes.add_shape(
        MSO_SHAPE.RECTANGLE, _emu(box.left), _emu(box.top), _emu(box.width), _emu(box.height)
    )
    shape.name = "Afbeelding ontbreekt"
    shape.fill.solid()
    shape.fill.fore_color.rgb = TILE_FILL
    shape.line.color.rgb = GREY
    frame = shape.text_frame
    frame.word_wrap = True
    frame.text = MISSING_PICTURE
    for run in frame.paragraphs[0].runs:
        run.font.size = Pt(18)
        run.font.color.rgb = DARK


def _png_size(image: bytes) -> tuple[int, int]:
    return int.from_bytes(image[16:20], "big"), int.from_bytes(image[20:24], "big")


def _figure_slide(slide: object, item: slide_model.Slide, image: bytes | None, area: Box) -> None:
    """The picture at the left, as large as the area allows at its own shape; bullets beside."""
    size = _png_size(image) if image else (1920, 1080)
    box = pptx_layout.picture_box(size, area, PICTURE_MAX_W)
    if image:
        _picture(slide, image, box, item.alt)
    else:
        _missing_picture(slide, box)
    left = box.left + box.width + 14
    side = Box(left, area.top, SLIDE_W - MARGIN - left, area.height)
    size, bullets = pptx_layout.bullets_beside(item.bullets, side)
    if bullets:
        height = pptx_layout.paragraphs_height([f"• {b}" for b in bullets], side.width, size)
        _text(
            slide,
            Box(side.left, side.top, side.width, height),
            bullets,
            size=size,
            bullet=True,
            name="Toelichting",
        )


def _tiles_slide(slide: object, item: slide_model.Slide, area: Box) -> None:
    """Key figures in a grid of four columns: big number, label, note."""
    columns, gap = 4, 10.8
    width = (area.width - (columns - 1) * gap) / columns
    rows = max(1, -(-len(item.tiles) // columns))
    height = (area.height - (rows - 1) * gap) / rows
    texts = [(t.value, t.label, t.note) for t in item.tiles]
    scale = pptx_layout.tile_scale(texts, width, height, TILE_SIZES)
    for index, tile in enumerate(item.tiles):
        left = area.left + (index % columns) * (width + gap)
        top = area.top + (index // columns) * (height + gap)
        box = slide.shapes.add_shape(
            MSO_SHAPE.RECTANGLE, _emu(left), _emu(top), _emu(width), _emu(height)
        )
        box.name = f"Kerncijfer: {tile.label}"
        box.fill.solid()
        box.fill.fore_color.rgb = TILE_FILL
        box.line.fill.background()
        frame = box.text_frame
        frame.word_wrap = True
        frame.auto_size = MSO_AUTO_SIZE.NONE
        frame.vertical_anchor = MSO_ANCHOR.TOP
        frame.margin_left = frame.margin_right = Pt(pptx_layout.INSET_X)
        frame.margin_top = frame.margin_bottom = Pt(pptx_layout.INSET_Y)
        for number, (text, size) in enumerate(zip(texts[index], TILE_SIZES, strict=True)):
            paragraph = frame.paragraphs[0] if number == 0 else frame.add_paragraph()
            paragraph.text = text
            paragraph.alignment = PP_ALIGN.LEFT
            paragraph.space_after = Pt(round(size * scale * pptx_layout.SPACE_AFTER))
            for run in paragraph.runs:
                run.font.size = Pt(round(size * scale, 1))
                run.font.bold = number < 2
                run.font.color.rgb = DARK


def _cells(table: pd.DataFrame) -> list[list[str]]:
    header = [str(c) for c in table.columns]
    body = [["" if pd.isna(v) else str(v) for v in row] for row in table.itertuples(index=False)]
    return [header, *body]


def _table(
    slide: object, rows: list[list[str]], layout: pptx_layout.TableLayout, area: Box
) -> None:
    """A real (editable) table with the measured column widths and row heights."""
    shape = slide.shapes.add_table(
        len(rows),
        len(rows[0]),
        _emu(area.left),
        _emu(area.top),
        _emu(area.width),
        _emu(layout.height),
    )
    shape.name = "Tabel"
    grid = shape.table
    for c, width in enumerate(layout.widths):
        grid.columns[c].width = _emu(width)
    for r, height in enumerate(layout.heights):
        grid.rows[r].height = _emu(height)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            cell = grid.cell(r, c)
            cell.text = value
            cell.margin_left = cell.margin_right = Pt(pptx_layout.INSET_X)
            cell.margin_top = cell.margin_bottom = Pt(pptx_layout.INSET_Y)
            for paragraph in cell.text_frame.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(layout.size)
                    run.font.bold = r == 0


def _table_pages(item: slide_model.Slide, area: Box) -> list[pptx_layout.TablePage]:
    table = item.table if item.table is not None else pd.DataFrame({"": []})
    return pptx_layout.table_pages(_cells(table), item.bullets, area)


def _table_slide(
    slide: object, item: slide_model.Slide, page: pptx_layout.TablePage, area: Box
) -> None:
    """One part of a table (all of it when it fits), the bullets under the last part."""
    rows = _cells(item.table if item.table is not None else pd.DataFrame({"": []}))
    part = [rows[0], *rows[1 + page.start : 1 + page.stop]]
    top = area.top
    if page.stop > page.start or page.start == 0:
        _table(slide, part, page.layout, area)
        top += page.layout.height + GAP
    if page.bullet_size and item.bullets:
        height = pptx_layout.paragraphs_height(
            [f"• {b}" for b in item.bullets], area.width, page.bullet_size
        )
        _text(
            slide,
            Box(area.left, top, area.width, height),
            item.bullets,
            size=page.bullet_size,
            bullet=True,
            name="Toelichting",
        )


def _notes(slide: object, item: slide_model.Slide) -> None:
    slide.notes_slide.notes_text_frame.text = f"{item.notes}\n\n{item.footer}"


def _content_area(slide: object, item: slide_model.Slide, title: str) -> Box:
    top = _header(slide, item, title)
    bottom = _footer(slide, item.footer) - GAP
    return Box(MARGIN, top, SLIDE_W - 2 * MARGIN, max(bottom - top, 40.0))


def _add_slide(
    presentation: object, item: slide_model.Slide, images: Mapping[str, bytes | None]
) -> None:
    layout = presentation.slide_layouts[TITLE_ONLY_LAYOUT]
    if item.kind == "table":
        # The area is the same on every part: measure it on the first slide.
        slide = presentation.slides.add_slide(layout)
        area = _content_area(slide, item, item.title)
        pages = _table_pages(item, area)
        for number, page in enumerate(pages):
            if number:
                slide = presentation.slides.add_slide(layout)
                area = _content_area(slide, item, item.title + CONTINUED)
            _table_slide(slide, item, page, area)
            _notes(slide, item)
        return
    slide = presentation.slides.add_slide(layout)
    area = _content_area(slide, item, item.title)
    if item.kind in ("map", "chart"):
        _figure_slide(slide, item, images.get(item.id), area)
    else:
        _tiles_slide(slide, item, area)
    _notes(slide, item)


def _follow_along(slide: object, url: str, qr_png: bytes, note: str, top: float) -> None:
    """QR code and link to the live view, on the right of the closing slide."""
    left = SLIDE_W - MARGIN - FOLLOW_W
    _text(slide, Box(left, top, FOLLOW_W, 30), ["Kijk zelf verder"], size=18)
    code = FOLLOW_W * 0.8
    picture = slide.shapes.add_picture(
        io.BytesIO(qr_png), _emu(left), _emu(top + 34), _emu(code), _emu(code)
    )
    picture.name = "QR-code live weergave"
    picture._element.nvPicPr.cNvPr.set("descr", f"QR-code naar {url}")
    label = url.split("://", 1)[-1]
    below = top + 38 + code
    room = pptx_layout.BOTTOM - 40 - below

    def needed(size: float) -> tuple[float, float]:
        # A URL has no spaces: LibreOffice and PowerPoint break it after its punctuation, on
        # shorter lines than a break anywhere would give. A third more room covers that.
        link = pptx_layout.paragraphs_height([label], FOLLOW_W, size) * 1.35
        return link, pptx_layout.paragraphs_height([note], FOLLOW_W, size) if note else 0.0

    size = next((s for s in (11, 10, 9, 8, 7, 6) if sum(needed(s)) <= room), 6)
    link_h, note_h = needed(size)
    box = _text(slide, Box(left, below, FOLLOW_W, link_h), [label], size=size, color=GREY)
    box.name = "Link live weergave"
    box.click_action.hyperlink.address = url
    if note:
        _text(
            slide,
            Box(left, below + link_h, FOLLOW_W, note_h),
            [note],
            size=size,
            color=DARK,
            name="Link zonder selectie",
        )


def _sources_slide(
    presentation: object,
    sources: list[str],
    made_on: str,
    image_problem: str,
    follow: tuple[str, bytes] | None,
    follow_note: str,
) -> None:
    slide = presentation.slides.add_slide(presentation.slide_layouts[TITLE_ONLY_LAYOUT])
    item = slide_model.Slide(id="sources", kind="figures", title="Bronnen", made_on=None)
    top = _header(slide, item, "Bronnen")
    bottom = _footer(slide, f"Alle cijfers uit open data, tenzij anders vermeld. {made_on}".strip())
    width = SLIDE_W - 2 * MARGIN
    if follow is not None:
        width -= FOLLOW_W + MARGIN
        _follow_along(slide, *follow, follow_note, top)
    height = bottom - GAP - top
    texts = [f"• {s}" for s in sources]
    size = pptx_layout.fit_size(texts, width, height, (12, 11, 10, 9, 8, 7)) or 7
    _text(slide, Box(MARGIN, top, width, height), sources, size=size, bullet=True, name="Bronnen")
    slide.notes_slide.notes_text_frame.text = "\n".join(
        [
            "Bronnen van alle dia's. Cijfers per gemeente komen uit open data van CBS en "
            "Kiesraad; landelijke context is geciteerd met bron en jaar.",
            *([image_problem] if image_problem else []),
        ]
    )


def build(
    deck: list[slide_model.Slide],
    images: Mapping[str, bytes | None],
    sources: list[str],
    *,
    image_problem: str = "",
    follow: tuple[str, bytes] | None = None,
    follow_note: str = "",
) -> bytes:
    """The .pptx bytes: one slide per deck slide (pictures from `images` by slide id; a long
    table continues on the next), then a sources slide. `image_problem` (when pictures could
    not be made) goes in its notes. `follow` = (live-view URL, its QR code PNG): shown on the
    closing slide for the room, with `follow_note` (what the link leaves out) under it."""
    presentation = Presentation()
    presentation.slide_width, presentation.slide_height = WIDTH, HEIGHT
    presentation.core_properties.title = "Raadsradar: presentatie"
    presentation.core_properties.author = "Raadsradar"
    for item in deck:
        _add_slide(presentation, item, images)
    made_on = deck[0].date_line if deck else ""
    _sources_slide(presentation, sources, made_on, image_problem, follow, follow_note)
    out = io.BytesIO()
    presentation.save(out)
    return out.getvalue()
