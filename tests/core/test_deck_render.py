"""Decks rendered as a room sees them: LibreOffice (Calibri's metrics, as PowerPoint) prints no
text over text, map pictures are filled by their area, and the link at the end works.

Three decks a campaign worker would make (issue 27): a Limburg talk about women in the council
(province maps, profiles, one with an uncertain women figure), a basket of the 56 gemeenten of
Noord-Brabant, and a national deck with a long title and an imported indicator. Needs Chromium
(the pictures), LibreOffice and poppler; skipped without them on a developer machine, failed
under CI.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import os
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import zxingcpp
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from core import indicator_meta
from core.outputs import images, pptx_export, qr, slide_model, slides
from tests.core import deck_render, slide_context

DAY = dt.date(2026, 12, 3)
LONG_TITLE = (
    "Waar de raad straks kandidaten tekortkomt: een eerste verkenning voor de VNG-bijeenkomst "
    "van de provincie, met kaarten en"
)


@pytest.fixture(scope="module")
def base() -> slide_model.Context:
    return slide_context.on_bundle(DAY)


def _codes(base: slide_model.Context, province: str) -> tuple[str, ...]:
    g = base.tables["gemeenten"]
    return tuple(sorted(g.loc[g["province_name"] == province, "code"]))


def _contexts(base: slide_model.Context) -> dict[str, tuple[slide_model.Context, dict]]:
    codes = base.tables["gemeenten"]["code"]
    imported = indicator_meta.Indicator(
        "import_moeite",
        "Moeite met rondkomen, volwassenen die het moeilijk vinden om rond te komen",
        "%",
        "eigen",
        "50140NED.csv, geüpload op 3 december 2026",
        2022,
        True,
        "imported",
        "Eigen import.",
    )
    values = pd.DataFrame({"code": codes, imported.id: np.linspace(8, 31, len(codes))})
    return {
        "limburg": (
            dataclasses.replace(
                base,
                zoom="Limburg",
                indicator_id="women_council_share_2022",
                map_indicators=("women_council_share_2022", "women_gap_2022"),
                # GM0907 (Gennep): the women figure rests on more than 20% estimates.
                profiles=("GM0907", "GM0935"),
            ),
            {},
        ),
        "brabant": (
            dataclasses.replace(
                base,
                zoom=slide_model.ZOOM_SELECTION,
                basket=_codes(base, "Noord-Brabant"),
                indicator_id="women_gap_2022",
                map_indicators=("women_gap_2022",),
                profiles=("GM0794", "GM0748", "GM0855"),
            ),
            {},
        ),
        "national": (
            dataclasses.replace(
                base,
                map_indicators=(imported.id,),
                extra={imported.id: imported},
                extra_values=values,
                profiles=("GM0363",),
            ),
            {"national": LONG_TITLE, "focus": LONG_TITLE},
        ),
    }


_RENDERED: dict[str, dict] = {}


@pytest.fixture(scope="module")
def render(base: slide_model.Context, tmp_path_factory: pytest.TempPathFactory):
    """Renders a deck by name once per module (the decks are slow to make)."""

    def made(name: str) -> dict:
        if name not in _RENDERED:
            _RENDERED[name] = _render(name, base, tmp_path_factory)
        return _RENDERED[name]

    yield made
    _RENDERED.clear()


@pytest.fixture(scope="module", params=["limburg", "brabant", "national"])
def rendered(request: pytest.FixtureRequest, render) -> dict:
    return render(request.param)


def _render(name: str, base: slide_model.Context, tmp_path_factory) -> dict:
    deck_render.tools_or_skip()
    if images.browser_path() is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium not found: the deck's pictures cannot be made")
        pytest.skip("Chromium not found")
    ctx, titles = _contexts(base)[name]
    deck = slides.deck(list(slides.options(ctx)), ctx, titles)
    figures = [s for s in deck if s.figure is not None]
    pictures = images.render_png(
        [s.figure for s in figures],
        sizes=[s.picture_size for s in figures],
        scale=images.SLIDE_SCALE,
    )
    link = qr.follow_link(qr.Base("http://192.168.1.20:8502", qr.BROWSER), ctx.basket, None)
    data = pptx_export.build(
        deck,
        {s.id: p for s, p in zip(figures, pictures, strict=True)},
        slides.sources(deck),
        follow=(link.url, qr.png(link.url)),
    )
    # RAADSRADAR_RENDER_DIR keeps the PDF and the pages' pictures, to look at them.
    keep = os.environ.get("RAADSRADAR_RENDER_DIR")
    folder = Path(keep) / name if keep else tmp_path_factory.mktemp(name)
    folder.mkdir(parents=True, exist_ok=True)
    pdf = deck_render.to_pdf(data, folder)
    return {
        "name": name,
        "deck": deck,
        "pptx": data,
        "words": deck_render.pages(pdf),
        "shapes": deck_render.shapes(data),
        "link": link,
        "pngs": deck_render.png_pages(pdf, folder),
    }


def test_no_text_is_printed_over_other_text(rendered: dict) -> None:
    pages, placed = rendered["words"], rendered["shapes"]
    assert len(pages) == len(placed) >= len(rendered["deck"]) + 1
    found = {}
    for number, (words, shapes) in enumerate(zip(pages, placed, strict=True), start=1):
        assert words, f"slide {number} has no text"
        wrong = deck_render.problems(words, shapes, (pptx_export.SLIDE_W, pptx_export.SLIDE_H))
        if wrong:
            found[number] = wrong[:5]
    assert not found, f"{rendered['name']}: {found}"


def test_tables_end_before_their_notes_and_the_source_line(rendered: dict) -> None:
    """The profile's ⚠ sentence and the source line stand under the table, readable."""
    presentation = Presentation(io.BytesIO(rendered["pptx"]))
    checked = 0
    for words, page in zip(rendered["words"], presentation.slides, strict=False):
        tables = [s for s in page.shapes if s.has_table]
        if not tables:
            continue
        last_row = tables[0].table.rows[len(tables[0].table.rows) - 1]
        first = last_row.cells[0].text.split()[0]
        row_bottom = max(w.y1 for w in words if w.text == first)
        footer = next(s for s in page.shapes if s.name == "Bronregel")
        footer_top = min(w.y0 for w in words if w.y0 >= footer.top / 12700 - 2)
        notes = [w for w in words if w.text == "•"]
        assert row_bottom <= min([w.y0 for w in notes] + [footer_top]) + 1, first
        if notes:
            assert max(w.y1 for w in notes) <= footer_top + 1
        checked += 1
    assert checked >= 1


def test_the_uncertain_women_figure_is_explained_on_its_profile(render) -> None:
    """Gennep (GM0907): the one sentence that explains the ⚠ is whole and readable."""
    limburg = render("limburg")
    index = next(i for i, s in enumerate(limburg["deck"]) if s.id == "profile:GM0907")
    text = " ".join(w.text for w in limburg["words"][index])
    assert "⚠" in text and "Vrouwen in de raad (2026): ⚠ Onzeker" in text


def _plot_area(picture: Image.Image, slide: slide_model.Slide) -> np.ndarray:
    """The picture's plot area (where the map is drawn), as an array of RGB pixels."""
    scale = picture.width / slide.picture_size[0]
    margin = slide.figure.layout.margin
    box = (
        round(margin.l * scale),
        round(margin.t * scale),
        round(picture.width - margin.r * scale),
        round(picture.height - margin.b * scale),
    )
    return np.asarray(picture.convert("RGB").crop(box))


def test_map_pictures_are_filled_by_their_area(rendered: dict) -> None:
    presentation = Presentation(io.BytesIO(rendered["pptx"]))
    pages = list(presentation.slides)
    maps = [(i, s) for i, s in enumerate(rendered["deck"]) if s.kind == "map"]
    assert maps
    for index, slide in maps:
        picture = next(s for s in pages[index].shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE)
        image = Image.open(io.BytesIO(picture.image.blob))
        assert image.width / image.height == pytest.approx(
            slide.picture_size[0] / slide.picture_size[1], rel=0.01
        )
        area = _plot_area(image, slide)
        drawn = (area < 245).any(axis=2)  # any colour or grey, not the white background
        rows, cols = np.where(drawn)
        height, width = drawn.shape
        spans = ((cols.max() - cols.min()) / width, (rows.max() - rows.min()) / height)
        # The area reaches the frame on both sides (a 3% margin each), unless the picture
        # was made taller for a bivariate legend: then its width still fills.
        assert spans[0] > 0.9, (slide.id, spans)
        if slide.id != "bivariate":
            assert spans[1] > 0.9, (slide.id, spans)
        print(
            f"\n{rendered['name']} {slide.id}: picture {image.width}x{image.height}, "
            f"the area spans {spans[0]:.0%} x {spans[1]:.0%} of the map's part, "
            f"drawn pixels {drawn.mean():.0%} of it"
        )


def test_the_closing_slide_links_to_the_view_from_this_machine(rendered: dict) -> None:
    closing = Presentation(io.BytesIO(rendered["pptx"])).slides[-1]
    code = next(s for s in closing.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE)
    decoded = [r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(code.image.blob)))]
    assert decoded == [rendered["link"].url]
    assert decoded[0].startswith("http://192.168.1.20:8502/kaart")
    if rendered["name"] == "brabant":
        assert decoded[0].count("GM") == 56  # the whole basket fits


def test_the_rendered_pages_can_be_looked_at(rendered: dict) -> None:
    """The pictures exist (what a person checks by eye: set RAADSRADAR_RENDER_DIR to keep them)."""
    assert len(rendered["pngs"]) == len(rendered["words"])
    for path in rendered["pngs"]:
        assert Path(path).stat().st_size > 5_000
