"""The PowerPoint export and server-side images (kaleido in the system Chromium).

The rendering tests need Chromium: they are skipped on a developer machine without it, but fail
under CI (where .ci/run installs it), so a broken renderer cannot pass unnoticed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import os
import time

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from core import bundle
from core.charts import static_map
from core.outputs import images, pptx_export, slide_model, slides

DAY = dt.date(2026, 3, 18)
IDS = ["national", "shortage_map", "groups", "focus", "profile:GM0096"]
TITLES = {"shortage_map": "Tekort <b>per</b> gemeente & meer", "focus": "Onze focus"}


@pytest.fixture(scope="module")
def deck() -> list[slide_model.Slide]:
    geo = bundle.load_table("gemeenten_geo")
    ctx = slide_model.Context(
        tables={name: bundle.load_table(name) for name in bundle.TABLES},
        shapes=static_map.rings(geo),
        provinces=static_map.rings(bundle.load_table("provincies_geo"), key="province_code"),
        points=static_map.anchors(geo),
        made_on=DAY,
        basket=("GM0096", "GM0088"),
        profiles=("GM0096",),
    )
    return slides.deck(IDS, ctx, TITLES)


@pytest.fixture(scope="module")
def rendered(deck: list[slide_model.Slide]) -> dict:
    """Both figures of the deck at presentation size, in one browser session (timed)."""
    if images.browser_path() is None:
        message = "Chromium not found: server-side images cannot be tested here"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    figures = [s for s in deck if s.figure is not None]
    start = time.monotonic()
    pngs = images.render_png(
        [s.figure for s in figures],
        sizes=[s.picture_size for s in figures],
        scale=images.SLIDE_SCALE,
    )
    seconds = time.monotonic() - start
    print(f"\nkaleido: {len(pngs)} images 1920x1080 in {seconds:.1f} s")
    return {"pictures": {s.id: p for s, p in zip(figures, pngs, strict=True)}, "seconds": seconds}


def _open(data: bytes) -> Presentation:
    return Presentation(io.BytesIO(data))


def _texts(slide: object) -> list[str]:
    return [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]


def test_png_has_presentation_size(deck: list[slide_model.Slide], rendered: dict) -> None:
    for slide in deck:
        if slide.id in rendered["pictures"]:
            image = rendered["pictures"][slide.id]
            width, height = slide.picture_size
            assert images.png_size(image) == (width * 1.5, height * 1.5)
            assert len(image) > 50_000  # a drawn map, not an empty canvas


def test_deck_opens_with_slides_pictures_titles_sources_and_notes(
    deck: list[slide_model.Slide], rendered: dict
) -> None:
    data = pptx_export.build(deck, rendered["pictures"], slides.sources(deck))
    presentation = _open(data)
    assert (presentation.slide_width, presentation.slide_height) == (
        pptx_export.WIDTH,
        pptx_export.HEIGHT,
    )
    assert abs(presentation.slide_width / presentation.slide_height - 16 / 9) < 0.01
    pages = list(presentation.slides)
    assert len(pages) == len(IDS) + 1  # one per slide plus the sources slide
    for page, slide in zip(pages, deck, strict=False):
        # Titles are the layout's title placeholder: editable text, exactly as the user set it.
        assert page.shapes.title.is_placeholder
        assert page.shapes.title.text == slide.title
        assert slide.footer in _texts(page)
        notes = page.notes_slide.notes_text_frame.text
        assert slide.notes.splitlines()[0] in notes and slide.footer in notes
        pictures = [s for s in page.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        if slide.id in rendered["pictures"]:
            assert len(pictures) == 1, slide.id
            assert pictures[0]._element.nvPicPr.cNvPr.get("descr") == slide.alt
            assert pictures[0].image.blob == rendered["pictures"][slide.id]
            assert pictures[0].left + pictures[0].width <= presentation.slide_width
        else:
            assert pictures == [], slide.id
    assert pages[1].shapes.title.text == "Tekort <b>per</b> gemeente & meer"
    assert "74,8%" in pages[0].notes_slide.notes_text_frame.text
    tables = [s for s in pages[3].shapes if s.has_table]
    assert len(tables) == 1
    grid = tables[0].table
    assert [grid.cell(r, 0).text for r in range(1, 3)] == ["Vlieland", "Schiermonnikoog"]
    last = pages[-1]
    assert last.shapes.title.text == "Bronnen"
    assert "CC BY 4.0" in " ".join(_texts(last))


def test_every_shape_fits_on_the_slide(deck: list[slide_model.Slide], rendered: dict) -> None:
    presentation = _open(pptx_export.build(deck, rendered["pictures"], slides.sources(deck)))
    for number, page in enumerate(presentation.slides, start=1):
        for shape in page.shapes:
            assert shape.left >= 0 and shape.top >= 0, (number, shape.name)
            assert shape.left + shape.width <= presentation.slide_width, (number, shape.name)
            assert shape.top + shape.height <= presentation.slide_height, (number, shape.name)


def test_without_pictures_the_slide_says_so(deck: list[slide_model.Slide]) -> None:
    problem = "Afbeeldingen maken lukt niet op deze computer (test)."
    presentation = _open(pptx_export.build(deck, {}, slides.sources(deck), image_problem=problem))
    pages = list(presentation.slides)
    assert len(pages) == len(IDS) + 1
    for page in pages:
        assert not [s for s in page.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert pptx_export.MISSING_PICTURE in _texts(pages[1])
    assert problem in pages[-1].notes_slide.notes_text_frame.text


def test_fictitious_data_is_labelled_in_the_deck(deck: list[slide_model.Slide]) -> None:
    labelled = dataclasses.replace(deck[3], kinds=frozenset({"illustrative"}))
    presentation = _open(pptx_export.build([labelled], {}, []))
    texts = " ".join(_texts(presentation.slides[0]))
    assert "FICTIEF VOORBEELD" in texts
    shapes = presentation.slides[0].shapes
    banner = next(s for s in shapes if s.name == "Waarschuwing gegevens")
    table = next(s for s in shapes if s.has_table)
    # Under the title, above the table, and the subtitle is kept (between them).
    assert shapes.title.top + shapes.title.height <= banner.top
    subtitle = next(s for s in shapes if s.name == "Ondertitel")
    assert banner.top + banner.height <= subtitle.top
    assert subtitle.top + subtitle.height <= table.top


def test_failed_rendering_raises_a_dutch_image_error(monkeypatch: pytest.MonkeyPatch) -> None:
    async def broken(*args: object, **kwargs: object) -> list[bytes]:
        raise RuntimeError("browser crashed")

    monkeypatch.setattr(images, "_render_all", broken)
    with pytest.raises(images.ImageError, match="Afbeeldingen maken lukt niet"):
        images.render_png([{"data": [], "layout": {}}])
    assert images.render_png([]) == []
