"""Hostile input in a real browser (issue 16): shared links with markdown payloads on every page,
and a missing bundle file on the map page."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from urllib.parse import quote, urlsplit

import pytest
from playwright.sync_api import Page, Request, expect

from core import paths
from tests.e2e import conftest

PAGES = ["", "kaart", "groepen", "selectie", "presenteren", "data", "staffel"]
PHISHING = "[Klik hier om opnieuw in te loggen](https://evil.example/login)"
TRACKERS = [
    "![](//tracker.example/s)",
    "<https://auto.example/a>",
    "www.bare.example",
    "a@mail.example",
]
IMAGE = "![t](http://pixel.example/p.gif)"

OUTSIDE_LINKS_JS = """() => Array.from(document.querySelectorAll('a[href], img[src]'))
  .map((el) => el.href || el.src)
  .filter((url) => { try { return !['127.0.0.1', 'localhost'].includes(new URL(url).hostname)
    && !url.startsWith('data:') && !url.startsWith('blob:'); } catch (e) { return false; } })"""


def _outside(request: Request) -> bool:
    url = request.url
    host = urlsplit(url).hostname or ""
    return not url.startswith(("data:", "blob:")) and host not in conftest.LOCAL_HOSTS


@pytest.mark.parametrize("path", PAGES, ids=[p or "overzicht" for p in PAGES])
@pytest.mark.parametrize("payload", ["indicator", "sel"])
def test_link_payloads_stay_text_on_every_page(
    app_server: str, page: Page, path: str, payload: str
) -> None:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url) if _outside(request) else None)
    if payload == "indicator":
        query = f"indicator={quote(PHISHING if path != 'kaart' else IMAGE)}&sel=GM0363"
        shown = "Klik hier om" if path != "kaart" else "![t](http"
    else:
        query = "sel=" + quote(",".join(["GM0363", *TRACKERS, IMAGE]))
        shown = "![](//tracker.exa"
    page.goto(f"{app_server}/{path}?{query}")

    warning = page.locator('[data-testid="stAlert"]', has_text="uit de link")
    expect(warning).to_have_count(1)
    conftest.wait_until_idle(page)
    expect(warning).to_contain_text(shown)  # the value is shown as plain text, cut short
    assert warning.locator("a, img").count() == 0, warning.inner_html()
    assert page.evaluate(OUTSIDE_LINKS_JS) == []
    assert requests == [], f"the browser asked another host: {requests}"
    assert page.blocked_requests == []
    expect(page.locator(".st-key-basket_summary")).to_contain_text("1 gemeente")


@pytest.fixture
def broken_bundle_server(tmp_path, monkeypatch) -> Iterator[str]:
    """A fresh server on a copy of the bundle without the map's geometry."""
    shutil.copytree(paths.BUNDLE_DIR, tmp_path / "data")
    (tmp_path / "data" / "gemeenten_geo.parquet").unlink()
    monkeypatch.setenv("RAADSRADAR_BUNDLE", str(tmp_path / "data"))
    with conftest.start_server() as base_url:
        yield base_url


def test_missing_bundle_file_on_the_map_page_gives_the_dutch_message(
    broken_bundle_server: str, page: Page
) -> None:
    page.goto(f"{broken_bundle_server}/kaart")
    error = page.locator('[data-testid="stAlert"]:has([data-testid="stAlertContentError"])')
    expect(error).to_contain_text("gemeenten_geo.parquet")
    conftest.wait_until_idle(page)
    expect(error).to_contain_text("Deze pagina kan niet verder")
    expect(page.locator('[data-testid="stCode"]').first).to_contain_text("core.prepare")
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    # The frame still works: another page opens normally.
    expect(page.locator(".st-key-basket_summary")).to_contain_text("0 gemeenten")


def test_uploaded_bombs_are_refused_and_the_upload_limit_is_the_apps(
    app_server: str, page: Page, tmp_path
) -> None:
    """An .xlsx declaring 17 billion cells is refused at once; 51 MB never reaches the server."""
    from tests.core import xlsx_bombs

    page.goto(f"{app_server}/data")
    upload = page.locator(".st-key-upload input[type=file]")
    expect(upload).to_have_count(1)
    conftest.wait_until_idle(page)
    upload.set_input_files(
        {
            "name": "bom.xlsx",
            "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "buffer": xlsx_bombs.dimension_bomb(),
        }
    )
    error = page.locator('[data-testid="stAlert"]:has([data-testid="stAlertContentError"])')
    expect(error).to_contain_text("16.384 kolommen", timeout=30_000)
    expect(error).to_contain_text("geweigerd")
    conftest.wait_until_idle(page)

    big = tmp_path / "groot.csv"
    big.write_bytes(b"a;b\n" * (13 * 1024 * 1024))  # 52 MB
    upload.set_input_files(str(big))
    # Streamlit's own check in the browser, from server.maxUploadSize = 50.
    expect(page.locator(".st-key-upload")).to_contain_text("50")
    expect(page.locator(".st-key-upload")).to_contain_text(
        re.compile(r"must be|too large", re.IGNORECASE)
    )
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
