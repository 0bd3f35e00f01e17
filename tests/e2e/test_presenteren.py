"""Presentation page in real Chromium: stepping through slides, the beamer view, both downloads,
and the offline pack opened from file:// with the network blocked."""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from playwright.sync_api import Browser, Page, expect
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from core.outputs import images, qr
from tests.e2e import conftest

STAGE = ".st-key-present_stage"
TITLE = f"{STAGE} .rr-title"
POSITION = ".st-key-present_position"
SIDEBAR = '[data-testid="stSidebar"]'
DOWNLOAD_TIMEOUT_MS = 180_000  # the deck renders three maps/charts in Chromium on a small CPU
DARKEST_SHORTAGE = (0xBD, 0x00, 0x26)  # YlOrRd's darkest step: fewest candidates per seat
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")


def _button(page: Page, key: str) -> object:
    # Streamlit can draw a widget's button twice (tooltip measuring); the first is the real one.
    return page.locator(f".st-key-{key} button").first


def _open(page: Page, path: str) -> None:
    page.goto(path)
    expect(
        page.locator(TITLE).or_(page.locator('[data-testid="stException"]')).first
    ).to_be_visible()
    conftest.wait_until_idle(page)
    conftest.assert_no_error_elements(page)


def _filled_paths(page: Page, selector: str) -> int:
    """Filled polygon paths plotly has drawn in the figure(s) under `selector`."""
    return page.evaluate(
        """(s) => Array.from(document.querySelectorAll(s + ' path.js-fill'))
              .filter(p => (p.getAttribute('d') || '').length > 200
                           && getComputedStyle(p).fill !== 'none').length""",
        selector,
    )


def _assert_clean(page: Page) -> None:
    conftest.wait_until_idle(page)
    conftest.assert_no_error_elements(page)
    assert page.page_errors == [], page.page_errors
    assert conftest.unexpected_console_errors(page) == []
    assert page.blocked_requests == [], page.blocked_requests


def test_steps_through_slides_with_buttons_and_keys(app_server: str, page: Page) -> None:
    _open(page, f"{app_server}/presenteren")
    expect(page.locator(TITLE)).to_have_text("Het landelijke beeld")
    expect(page.locator(POSITION)).to_have_text("Dia 1 van 6")
    expect(page.locator(STAGE)).to_contain_text("69,2%")  # lists shorter than the council, 2026
    expect(page.locator(STAGE)).to_contain_text("74,8%")  # ... and 2022 beside it
    expect(page.locator(STAGE)).to_contain_text("Gemaakt op")

    _button(page, "present_next").click()
    expect(page.locator(TITLE)).to_have_text("Waar zijn de minste kandidaten per zetel?")
    expect(page.locator(POSITION)).to_have_text("Dia 2 van 6")
    page.wait_for_function(
        f"() => document.querySelectorAll('{STAGE} .js-plotly-plot path.js-fill').length >= 6"
    )
    assert _filled_paths(page, STAGE) >= 5  # five classes and the grey 'geen gegevens'
    # Only Hilversum and Wijdemeren lack 2026 candidate lists (no election: merger).
    expect(page.locator(f"{STAGE} .legend")).to_contain_text("geen gegevens (2)")
    expect(page.locator(STAGE)).to_contain_text("Bron: Kiesraad")
    conftest.wait_until_idle(page)

    page.keyboard.press("PageDown")  # a presenter's clicker
    expect(page.locator(TITLE)).to_have_text("Meer of minder kandidaten per zetel dan in 2022?")
    conftest.wait_until_idle(page)
    _button(page, "present_prev").click()
    expect(page.locator(TITLE)).to_have_text("Waar zijn de minste kandidaten per zetel?")
    conftest.wait_until_idle(page)

    expect(page.locator(SIDEBAR)).to_be_visible()
    page.locator(".st-key-present_clean label").click()
    expect(page.locator(SIDEBAR)).to_be_hidden()
    expect(page.locator(".st-key-present_settings")).to_be_hidden()
    expect(page.locator(TITLE)).to_be_visible()
    expect(_button(page, "present_next")).to_be_visible()
    _assert_clean(page)


def test_embed_view_shows_only_the_slides(app_server: str, page: Page) -> None:
    _open(page, f"{app_server}/presenteren?embed=true&sel=GM0096")
    expect(page.locator(SIDEBAR)).to_be_hidden()
    expect(page.locator(POSITION)).to_have_text("Dia 1 van 7")  # six slides + Vlieland's profile
    _button(page, "present_next").click()
    expect(page.locator(TITLE)).to_have_text("Waar zijn de minste kandidaten per zetel?")
    _assert_clean(page)


def _download(page: Page, key: str, target: Path) -> Path:
    with page.expect_download(timeout=DOWNLOAD_TIMEOUT_MS) as info:
        _button(page, key).click()
    info.value.save_as(target)
    return target


def _check_pack_offline(browser: Browser, pack: Path) -> None:
    """Open the pack from file:// with every network request blocked; the map must paint."""
    context = browser.new_context(viewport={"width": 1600, "height": 900}, offline=True)
    requests: list[str] = []
    context.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith(LOCAL_SCHEMES)
            else (requests.append(route.request.url), route.abort())
        ),
    )
    try:
        offline = context.new_page()
        errors: list[str] = []
        offline.on("request", lambda request: requests.append(request.url))
        offline.on("pageerror", lambda error: errors.append(str(error)))
        offline.goto(pack.as_uri())
        offline.wait_for_function(
            "() => document.querySelectorAll('#figuur-2 path.js-fill').length >= 6"
        )
        assert _filled_paths(offline, "#figuur-2") >= 5
        shot = offline.locator("#figuur-2").screenshot()
        pixels = np.asarray(Image.open(io.BytesIO(shot)).convert("RGB"))
        darkest = int((pixels == DARKEST_SHORTAGE).all(axis=-1).sum())
        assert darkest > 500, f"only {darkest} pixels in the darkest class colour"
        external = [url for url in requests if not url.startswith(LOCAL_SCHEMES)]
        assert external == [], f"the pack requested: {external}"
        assert errors == []
    finally:
        context.close()


def test_pptx_and_offline_pack_download(
    app_server: str, page: Page, browser: Browser, tmp_path: Path
) -> None:
    _open(page, f"{app_server}/presenteren?sel=GM0096,GM0088")
    editor = page.locator(".st-key-present_title_national input")
    editor.fill("Onze <b>boodschap</b>")
    editor.press("Enter")
    expect(page.locator(TITLE)).to_have_text("Onze <b>boodschap</b>")  # shown as text, not HTML
    conftest.wait_until_idle(page)

    pack = _download(page, "export_html", tmp_path / "pakket.html")
    text = pack.read_text(encoding="utf-8")
    assert "<title>Raadsradar: presentatie" in text
    assert "Onze &lt;b&gt;boodschap&lt;/b&gt;" in text
    assert not re.search(r"<(script|img|iframe)[^>]*\ssrc=|<link\b", text)
    _check_pack_offline(browser, pack)

    deck = _download(page, "export_pptx", tmp_path / "presentatie.pptx")
    presentation = Presentation(str(deck))
    pages = list(presentation.slides)
    assert len(pages) == 9  # six slides, two profiles, the sources slide
    assert pages[0].shapes.title.text == "Onze <b>boodschap</b>"
    assert pages[2].shapes.title.text == "Meer of minder kandidaten per zetel dan in 2022?"
    assert [p.shapes.title.text for p in pages[6:]] == [
        "Profiel: Vlieland",
        "Profiel: Schiermonnikoog",
        "Bronnen",
    ]
    pictures = [s for p in pages[:-1] for s in p.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert len(pictures) == 4  # shortage map, change since 2022, bivariate map, groups chart
    # The sources slide carries the follow-along QR code (issue 15), to the address this
    # browser used (issue 27: it was http://localhost:8501 whatever the port).
    closing = [s for s in pages[-1].shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert len(closing) == 1
    base = os.environ.get(qr.PUBLIC_URL_ENV, "").rstrip("/") or app_server
    link = next(s for s in pages[-1].shapes if s.name == "Link live weergave")
    assert link.click_action.hyperlink.address == f"{base}/kaart?sel=GM0096,GM0088"
    shown = page.locator(".st-key-present_follow [data-testid='stCode']").inner_text()
    assert shown.strip() == f"{base}/kaart?sel=GM0096,GM0088"

    _button(page, "present_next").click()
    expect(page.locator(TITLE)).to_have_text("Waar zijn de minste kandidaten per zetel?")
    conftest.wait_until_idle(page)
    png = _download(page, "present_png", tmp_path / "kaart.png").read_bytes()
    assert images.png_size(png) == (1920, 1080)
    _assert_clean(page)


def test_without_chromium_the_page_says_so_and_the_pack_still_works(
    monkeypatch: pytest.MonkeyPatch, page: Page, browser: Browser, tmp_path: Path
) -> None:
    # A server that cannot find a browser for kaleido (BROWSER_PATH points nowhere).
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-chromium-here"))
    with conftest.start_server() as server:
        _open(page, f"{server}/presenteren")
        expect(page.locator(".st-key-present_exports")).to_contain_text(
            "Afbeeldingen maken lukt niet op deze computer"
        )
        pack = _download(page, "export_html", tmp_path / "pakket.html")
        _check_pack_offline(browser, pack)
        deck = Presentation(str(_download(page, "export_pptx", tmp_path / "zonder.pptx")))
        assert len(deck.slides) == 7  # six slides and the sources slide
        texts = " ".join(
            s.text_frame.text for p in deck.slides for s in p.shapes if s.has_text_frame
        )
        assert "afbeeldingen maken lukte niet" in texts
        _button(page, "present_next").click()
        expect(page.locator(TITLE)).to_have_text("Waar zijn de minste kandidaten per zetel?")
        expect(_button(page, "present_png")).to_be_disabled()
        conftest.wait_until_idle(page)
        conftest.assert_no_error_elements(page)
