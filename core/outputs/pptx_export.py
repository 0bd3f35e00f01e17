"""The slide deck as a PowerPoint file (python-pptx): 16:9, editable titles, notes, sources.

One PowerPoint slide per presentation slide, then a closing sources slide. Maps and charts are
pictures (rendered elsewhere, see core.outputs.images) with the slide's text summary as alt text; tables
are real PowerPoint tables and key figures text boxes, so the user can edit everything but the
pictures. When a picture is missing (no browser on the server) the slide says so in its place.
"""

from __future__ import annotations

import io
from collections.abc import Mapping

import pandas as pd
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from core.outputs import slide_model

WIDTH = Inches(13.333)
HEIGHT = Inches(7.5)
MARGIN = Inches(0.5)
CONTENT_TOP = Inches(1.75)
CONTENT_BOTTOM = Inches(6.75)
FOOTER_TOP = Inches(6.85)
TITLE_ONLY_LAYOUT = 5  # "Title Only" in python-pptx's default template
DARK = RGBColor(0x11, 0x11, 0x11)
GREY = RGBColor(0x44, 0x44, 0x44)
WARNING_FILL = RGBColor(0xB0, 0x00, 0x20)
TILE_FILL = RGBColor(0xF2, 0xF2, 0xF2)
MISSING_PICTURE = (
    "Hier hoort een kaart of grafiek, maar afbeeldingen maken lukte niet op de computer waarop "
    "Raadsradar draait. Gebruik het offline HTML-pakket: daarin staat deze kaart wel."
)


def _text(
    slide: object,
    left: int,
    top: int,
    width: int,
    height: int,
    paragraphs: list[str],
    *,
    size: int = 16,
    bold: bool = False,
    color: RGBColor = DARK,
    bullet: bool = False,
    align: PP_ALIGN | None = None,
) -> object:
    """A text box with one paragraph per item (word-wrapped, shrinking left to the user)."""
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    for index, text in enumerate(paragraphs):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.text = f"• {text}" if bullet else text
        paragraph.space_after = Pt(round(size * 0.35))
        if align is not None:
            paragraph.alignment = align
        for run in paragraph.runs:
            run.font.size = Pt(size)
            run.font.bold = bold
            run.font.color.rgb = color
    return box


def _title(slide: object, text: str) -> None:
    """Fill the layout's title placeholder (editable in PowerPoint) and fit it to 16:9."""
    title = slide.shapes.title
    title.left, title.top = MARGIN, Inches(0.3)
    title.width, title.height = WIDTH - 2 * MARGIN, Inches(0.95)
    title.text = text
    frame = title.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = MSO_ANCHOR.TOP
    for paragraph in frame.paragraphs:
        paragraph.alignment = PP_ALIGN.LEFT
        for run in paragraph.runs:
            run.font.size = Pt(34)
            run.font.bold = True
            run.font.color.rgb = DARK


def _warning(slide: object, text: str) -> None:
    """A red banner for fictitious or imported data, on the slide itself."""
    banner = slide.shapes.add_shape(
        MSO_SHAPE.RECTANGLE, MARGIN, Inches(1.25), WIDTH - 2 * MARGIN, Inches(0.45)
    )
    banner.name = "Waarschuwing gegevens"
    banner.fill.solid()
    banner.fill.fore_color.rgb = WARNING_FILL
    banner.line.fill.background()
    frame = banner.text_frame
    frame.word_wrap = True
    frame.text = text
    for run in frame.paragraphs[0].runs:
        run.font.size = Pt(14)
        run.font.bold = True
        run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)


def _footer(slide: object, text: str) -> None:
    box = _text(
        slide, MARGIN, FOOTER_TOP, WIDTH - 2 * MARGIN, Inches(0.55), [text], size=10, color=GREY
    )
    box.name = "Bronregel"


def _picture(slide: object, image: bytes, left: int, top: int, height: int, alt: str) -> None:
    picture = slide.shapes.add_picture(io.BytesIO(image), left, top, height=height)
    picture.name = "Kaart of grafiek"
    # The alt text that screen readers and PowerPoint's accessibility checker read.
    picture._element.nvPicPr.cNvPr.set("descr", alt)


def _missing_picture(slide: object, left: int, top: int, width: int, height: int) -> None:
    box = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, left, top, width, height)
    box.name = "Afbeelding ontbreekt"
    box.fill.solid()
    box.fill.fore_color.rgb = TILE_FILL
    box.line.color.rgb = GREY
    frame = box.text_frame
    frame.word_wrap = True
    frame.text = MISSING_PICTURE
    for run in frame.paragraphs[0].runs:
        run.font.size = Pt(18)
        run.font.color.rgb = DARK


def _figure_slide(slide: object, item: slide_model.Slide, image: bytes | None) -> None:
    """Picture (16:9) on the left, bullets on the right."""
    height = CONTENT_BOTTOM - CONTENT_TOP
    width = Emu(int(height * 16 / 9))
    if image:
        _picture(slide, image, MARGIN, CONTENT_TOP, height, item.alt)
    else:
        _missing_picture(slide, MARGIN, CONTENT_TOP, width, height)
    left = MARGIN + width + Inches(0.2)
    _text(
        slide,
        left,
        CONTENT_TOP,
        WIDTH - MARGIN - left,
        height,
        item.bullets,
        size=_bullet_size(sum(len(b) for b in item.bullets)),
        bullet=True,
    )


def _bullet_size(characters: int) -> int:
    """Font size (pt) that fits this much text in the 3.2 × 5 inch column beside a picture."""
    if characters < 500:
        return 14
    return 12 if characters < 800 else 10


def _tiles_slide(slide: object, item: slide_model.Slide) -> None:
    """Key figures in a grid of four columns: big number, label, note."""
    columns = 4
    gap = Inches(0.15)
    width = Emu(int((WIDTH - 2 * MARGIN - (columns - 1) * gap) / columns))
    rows = max(1, -(-len(item.tiles) // columns))
    height = Emu(int((CONTENT_BOTTOM - CONTENT_TOP - (rows - 1) * gap) / rows))
    for index, tile in enumerate(item.tiles):
        left = MARGIN + (index % columns) * (width + gap)
        top = CONTENT_TOP + (index // columns) * (height + gap)
        box = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, left, top, width, height)
        box.name = f"Kerncijfer: {tile.label}"
        box.fill.solid()
        box.fill.fore_color.rgb = TILE_FILL
        box.line.fill.background()
        frame = box.text_frame
        frame.word_wrap = True
        frame.vertical_anchor = MSO_ANCHOR.TOP
        for number, (text, size, bold) in enumerate(
            ((tile.value, 36, True), (tile.label, 15, True), (tile.note, 11, False))
        ):
            paragraph = frame.paragraphs[0] if number == 0 else frame.add_paragraph()
            paragraph.text = text
            paragraph.alignment = PP_ALIGN.LEFT
            for run in paragraph.runs:
                run.font.size = Pt(size)
                run.font.bold = bold
                run.font.color.rgb = DARK


def _table_slide(slide: object, item: slide_model.Slide) -> None:
    """A real (editable) table, bullets underneath when there is room."""
    table = item.table if item.table is not None else pd.DataFrame()
    rows, cols = len(table) + 1, max(1, len(table.columns))
    row_height = Inches(0.36)
    height = Emu(min(int(row_height * rows), int(CONTENT_BOTTOM - CONTENT_TOP - Inches(0.5))))
    shape = slide.shapes.add_table(rows, cols, MARGIN, CONTENT_TOP, WIDTH - 2 * MARGIN, height)
    shape.name = "Tabel"
    grid = shape.table
    size = 14 if rows <= 10 else 12
    for c, column in enumerate(table.columns):
        grid.cell(0, c).text = str(column)
    for r, row in enumerate(table.itertuples(index=False), start=1):
        for c, value in enumerate(row):
            grid.cell(r, c).text = "" if pd.isna(value) else str(value)
    for r in range(rows):
        for c in range(cols):
            for paragraph in grid.cell(r, c).text_frame.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(size)
                    run.font.bold = r == 0
    top = CONTENT_TOP + height + Inches(0.15)
    if item.bullets and top < CONTENT_BOTTOM - Inches(0.3):
        _text(
            slide,
            MARGIN,
            top,
            WIDTH - 2 * MARGIN,
            CONTENT_BOTTOM - top,
            item.bullets[:3],
            size=12,
            bullet=True,
        )


FOLLOW_WIDTH = Inches(3.6)


def _follow_along(slide: object, url: str, qr_png: bytes) -> None:
    """QR code and link to the live view, on the right of the closing slide."""
    left = WIDTH - MARGIN - FOLLOW_WIDTH
    _text(slide, left, Inches(1.35), FOLLOW_WIDTH, Inches(0.5), ["Kijk zelf verder"], size=18)
    picture = slide.shapes.add_picture(io.BytesIO(qr_png), left, Inches(1.9), height=FOLLOW_WIDTH)
    picture.name = "QR-code live weergave"
    picture._element.nvPicPr.cNvPr.set("descr", f"QR-code naar {url}")
    box = _text(
        slide,
        left,
        Inches(1.95) + FOLLOW_WIDTH,
        FOLLOW_WIDTH,
        Inches(1.0),
        [url.split("://", 1)[-1]],
        size=11,
        color=GREY,
    )
    box.name = "Link live weergave"
    box.click_action.hyperlink.address = url


def _notes(slide: object, item: slide_model.Slide) -> None:
    slide.notes_slide.notes_text_frame.text = f"{item.notes}\n\n{item.footer}"


def build(
    deck: list[slide_model.Slide],
    images: Mapping[str, bytes | None],
    sources: list[str],
    *,
    image_problem: str = "",
    follow: tuple[str, bytes] | None = None,
) -> bytes:
    """The .pptx bytes: one slide per deck slide (pictures from `images` by slide id), then
    a sources slide. `image_problem` (when pictures could not be made) goes in its notes.
    `follow` = (live-view URL, its QR code PNG): shown on the closing slide for the room."""
    presentation = Presentation()
    presentation.slide_width, presentation.slide_height = WIDTH, HEIGHT
    presentation.core_properties.title = "Raadsradar: presentatie"
    presentation.core_properties.author = "Raadsradar"
    layout = presentation.slide_layouts[TITLE_ONLY_LAYOUT]
    for item in deck:
        slide = presentation.slides.add_slide(layout)
        _title(slide, item.title)
        if item.warning:
            _warning(slide, item.warning)
        elif item.subtitle:
            _text(
                slide,
                MARGIN,
                Inches(1.2),
                WIDTH - 2 * MARGIN,
                Inches(0.5),
                [item.subtitle],
                size=16,
                color=GREY,
            )
        if item.kind in ("map", "chart"):
            _figure_slide(slide, item, images.get(item.id))
        elif item.kind == "figures":
            _tiles_slide(slide, item)
        else:
            _table_slide(slide, item)
        _footer(slide, item.footer)
        _notes(slide, item)
    slide = presentation.slides.add_slide(layout)
    _title(slide, "Bronnen")
    sources_width = WIDTH - 2 * MARGIN
    if follow is not None:
        sources_width -= FOLLOW_WIDTH + MARGIN
        _follow_along(slide, *follow)
    _text(
        slide,
        MARGIN,
        Inches(1.35),
        sources_width,
        CONTENT_BOTTOM - Inches(1.35),
        sources,
        size=12 if len(sources) <= 14 else 10,
        bullet=True,
    )
    made_on = deck[0].date_line if deck else ""
    _footer(slide, f"Alle cijfers uit open data, tenzij anders vermeld. {made_on}".strip())
    slide.notes_slide.notes_text_frame.text = "\n".join(
        [
            "Bronnen van alle dia's. Cijfers per gemeente komen uit open data van CBS en "
            "Kiesraad; landelijke context is geciteerd met bron en jaar.",
            *([image_problem] if image_problem else []),
        ]
    )
    out = io.BytesIO()
    presentation.save(out)
    return out.getvalue()
