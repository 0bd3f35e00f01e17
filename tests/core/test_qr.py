"""The room follows along: the QR code and link lead to the live view of what is presented,
on the configured public address; the closing slide of the deck and the offline pack carry them."""

from __future__ import annotations

import datetime as dt
import html
import io
import re
from urllib.parse import parse_qs, urlsplit

import pytest
import zxingcpp
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from core import bundle
from core.charts import static_map
from core.outputs import offline_html, pptx_export, qr, slide_model, slides


def _decode(png: bytes) -> list[str]:
    return [r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]


def test_the_link_uses_the_address_the_browser_used_unless_one_is_configured() -> None:
    seen = "http://192.168.1.20:8502/presenteren"
    # The configured public address wins (a hosted app behind a proxy knows its name).
    configured = qr.public_base(
        {qr.PUBLIC_URL_ENV: "https://rr.example.nl/"}, seen, {}, "presenteren"
    )
    assert (configured.url, configured.origin) == ("https://rr.example.nl", qr.CONFIGURED)
    # Else the browser's own address, without the page: another port, a LAN address...
    base = qr.public_base({}, seen, {}, "presenteren")
    assert (base.url, base.origin, base.local_only) == (
        "http://192.168.1.20:8502",
        qr.BROWSER,
        False,
    )
    # ... a path prefix behind a proxy is kept, the page and the query are not.
    prefixed = qr.public_base(
        {}, "https://gemeenten.example/raadsradar/presenteren", {}, "presenteren"
    )
    assert prefixed.url == "https://gemeenten.example/raadsradar"
    # Without the URL, the request's headers (a proxy's forwarded ones first).
    headers = {"Host": "10.0.0.5:8501", "X-Forwarded-Proto": "https", "X-Forwarded-Host": "rr.nl"}
    assert qr.public_base({}, None, headers, "presenteren").url == "https://rr.nl"
    assert qr.public_base({}, None, {"Host": "laptop:8600"}, "presenteren").url == (
        "http://laptop:8600"
    )
    # A laptop on another port: the link works on that machine, and says it is local.
    local = qr.public_base({}, "http://localhost:8600/presenteren", {}, "presenteren")
    assert (local.url, local.local_only) == ("http://localhost:8600", True)
    # Nothing known, or nonsense: the local default.
    assert qr.public_base({}, None, None).origin == qr.DEFAULT
    assert qr.public_base({}, "javascript:alert(1)", {"Host": "a b/c"}).origin == qr.DEFAULT


def test_a_basket_too_large_for_a_qr_code_is_left_out_of_the_link() -> None:
    """Issue 23: a basket of every gemeente crashed the presentation page (segno overflow)."""
    codes = [f"GM{n:04d}" for n in range(1, 343)]
    base = qr.Base("https://raadsradar.example.org", qr.CONFIGURED)
    link = qr.follow_link(base, codes, "candidates_per_seat_2022")
    assert link.dropped == 342
    assert link.url == "https://raadsradar.example.org/kaart?indicator=candidates_per_seat_2022"
    assert _decode(qr.png(link.url)) == [link.url]
    assert "342 gemeenten" in qr.dropped_note(link.dropped)
    # A province (56 codes) still fits, whole.
    whole = qr.follow_link(base, codes[:56], None)
    assert whole.dropped == 0 and parse_qs(urlsplit(whole.url).query)["sel"] == [
        ",".join(codes[:56])
    ]
    assert _decode(qr.png(whole.url)) == [whole.url]
    assert not qr.fits(qr.live_view_url(base.url, codes, None))


def test_public_base_url_comes_from_the_environment() -> None:
    assert qr.public_base_url({qr.PUBLIC_URL_ENV: "https://rr.example.nl/"}) == (
        "https://rr.example.nl",
        True,
    )
    # Unset or not an http(s) address: the local default, and the caller is told so.
    assert qr.public_base_url({}) == (qr.DEFAULT_PUBLIC_URL, False)
    assert qr.public_base_url({qr.PUBLIC_URL_ENV: "raadsradar"}) == (qr.DEFAULT_PUBLIC_URL, False)


def test_live_view_url_carries_basket_and_indicator() -> None:
    url = qr.live_view_url("https://rr.example.nl", ["GM0363", "GM0599"], "women_gap_2022")
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "rr.example.nl", "/kaart")
    assert parse_qs(parts.query) == {"indicator": ["women_gap_2022"], "sel": ["GM0363,GM0599"]}
    assert qr.live_view_url("https://rr.example.nl/", [], None) == "https://rr.example.nl/kaart"
    assert qr.short_label(url).startswith("rr.example.nl/kaart?")


@pytest.mark.parametrize("size", [1, 12, 60])
def test_qr_png_decodes_to_the_url(size: int) -> None:
    codes = [f"GM{n:04d}" for n in range(1, size + 1)]
    url = qr.live_view_url("https://raadsradar.example.org", codes, "candidates_per_seat_2022")
    assert _decode(qr.png(url)) == [url]
    # The SVG is the same code: same module count as the PNG's.
    svg = qr.svg(url, title="QR-code")
    assert svg.startswith("<svg") and "<title>QR-code</title>" in svg


@pytest.fixture(scope="module")
def deck() -> list[slide_model.Slide]:
    geo = bundle.load_table("gemeenten_geo")
    ctx = slide_model.Context(
        tables={name: bundle.load_table(name) for name in bundle.TABLES},
        shapes=static_map.rings(geo),
        provinces=static_map.rings(bundle.load_table("provincies_geo"), key="province_code"),
        points=static_map.anchors(geo),
        made_on=dt.date(2026, 11, 30),
        basket=("GM0363",),
        indicator_id="candidates_per_seat_2022",
    )
    return slides.deck(["focus"], ctx)


def test_closing_slide_has_a_qr_code_that_decodes_to_the_live_view(deck) -> None:
    url = "https://raadsradar.example.org/kaart?indicator=candidates_per_seat_2022&sel=GM0363"
    data = pptx_export.build(deck, {}, slides.sources(deck), follow=(url, qr.png(url)))
    closing = Presentation(io.BytesIO(data)).slides[-1]
    pictures = [s for s in closing.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert len(pictures) == 1
    assert _decode(pictures[0].image.blob) == [url]
    texts = [s.text_frame.text for s in closing.shapes if s.has_text_frame]
    assert "Bronnen" in texts and qr.short_label(url) in texts
    link = next(s for s in closing.shapes if s.name == "Link live weergave")
    assert link.click_action.hyperlink.address == url
    # Nothing overlaps the QR code: the sources box ends left of it.
    sources_box = next(s for s in closing.shapes if s.has_text_frame and "CBS" in s.text_frame.text)
    assert sources_box.left + sources_box.width <= pictures[0].left
    # Without `follow` the closing slide stays as it was.
    plain = Presentation(io.BytesIO(pptx_export.build(deck, {}, slides.sources(deck))))
    assert not [s for s in plain.slides[-1].shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]


def test_offline_pack_ends_with_the_qr_code_and_link(deck) -> None:
    url = "https://raadsradar.example.org/kaart?indicator=candidates_per_seat_2022&sel=GM0363"
    page = offline_html.build(deck, slides.sources(deck), follow=(url, qr.svg(url, title="QR")))
    closing = page[page.index('<section id="bronnen">') :]
    assert re.search(r'<div class="follow">.*<svg[^>]*>.*</svg>', closing, re.S)
    assert f'href="{html.escape(url)}"' in closing
    assert "Kijk zelf verder" in closing


def test_the_deck_and_the_pack_say_when_the_link_leaves_the_basket_out(deck) -> None:
    codes = [f"GM{n:04d}" for n in range(1, 343)]
    link = qr.follow_link(qr.Base("https://rr.example.nl", qr.CONFIGURED), codes, None)
    note = qr.dropped_note(link.dropped)
    data = pptx_export.build(
        deck, {}, slides.sources(deck), follow=(link.url, qr.png(link.url)), follow_note=note
    )
    closing = Presentation(io.BytesIO(data)).slides[-1]
    texts = [s.text_frame.text for s in closing.shapes if s.has_text_frame]
    assert note in texts
    page = offline_html.build(
        deck, slides.sources(deck), follow=(link.url, qr.svg(link.url)), follow_note=note
    )
    assert html.escape(note) in page[page.index('<section id="bronnen">') :]
