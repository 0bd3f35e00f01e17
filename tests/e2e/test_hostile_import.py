"""Issue 23, item 1, in a real browser: an uploaded CSV whose column names and file name are
markdown, HTML, plotly and LaTeX payloads, imported on Gegevens and shown on Kaart, Groepen,
Selectie and Presenteren, puts no link or image from user text on the page, no markup, and makes
the browser ask no other host for anything."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from playwright.sync_api import Page, Request, expect

from tests.e2e import conftest

LINKS = "Moeite ![p](http://pix.example/p.gif) [klik](https://evil.example/x) www.auto.example"
MARKUP = "Raad <b>vet</b> <a href='https://evil.example/a'>a</a> %{customdata[0]} $x^2$ *em* a@b.nl"
FILE_NAME = "![f](http://file.example/f.gif) <i>x</i> <https://auto.example>.csv"
CSV = (f"Gemeente;{LINKS};{MARKUP}\nDen Haag;45,5;20\nUtrecht;30;10\nAmsterdam;12;5\n").encode()
MAP = ".st-key-map .js-plotly-plot"

# Every link and image on the page, HTML and SVG (plotly draws <a> inside its SVG text), with
# where it points; and elements that markup from the payload would have made.
ELEMENTS_JS = """() => {
  const out = [];
  for (const el of document.querySelectorAll('a, img, image, svg a')) {
    const target = el.getAttribute('href') || el.getAttribute('xlink:href') || el.getAttribute('src') || '';
    out.push({tag: el.tagName.toLowerCase(), target, text: (el.textContent || '').slice(0, 60)});
  }
  return out;
}"""
MARKUP_JS = """() => Array.from(document.querySelectorAll(
    '.katex, em, [data-testid="stMarkdownContainer"] b, [data-testid="stMarkdownContainer"] i,'
    + ' svg text b, svg text i, svg tspan[style*="font-weight:bold"]'))
  .map((el) => el.textContent.slice(0, 60))
  .filter((text) => /vet|em|x\\^?2|^x$|^u$/.test(text))"""
# The app's own links: its pages, in-page anchors, the skip link, the embed link.
OWN = re.compile(r"^(|#.*|kaart|selectie|groepen|staffel|data|presenteren(\?.*)?)$")


def _outside(request: Request) -> bool:
    url = request.url
    return (
        not url.startswith(("data:", "blob:"))
        and (urlsplit(url).hostname or "") not in conftest.LOCAL_HOSTS
    )


def _assert_clean(page: Page, where: str, requests: list[str]) -> None:
    conftest.wait_until_idle(page)
    foreign = []
    for el in page.evaluate(ELEMENTS_JS):
        target = el["target"]
        local = (
            target.startswith(("data:", "blob:"))
            or (urlsplit(target).hostname or "") in conftest.LOCAL_HOSTS
        )
        if not (OWN.match(target) or local):
            foreign.append(el)
    assert foreign == [], f"{where}: links or images from user text: {foreign}"
    assert page.evaluate(MARKUP_JS) == [], f"{where}: markup from user text"
    assert requests == [], f"{where}: the browser asked another host: {requests}"
    assert page.blocked_requests == [], where
    conftest.assert_no_error_elements(page)


def _go(page: Page, label: str) -> None:
    page.locator(".st-key-navigation").get_by_role("link", name=label).click()
    conftest.wait_until_idle(page)


def _pick(page: Page, start: str) -> None:
    """Choose an imported indicator on Kaart (typed: the list of options is long)."""
    box = page.locator(".st-key-indicator").get_by_role("combobox")
    box.click()
    page.keyboard.type(start)
    page.get_by_role("option", name=re.compile("Eigen gegevens · " + re.escape(start))).click()


def test_uploaded_payloads_stay_text_on_every_page(app_server: str, page: Page) -> None:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url) if _outside(request) else None)
    page.goto(f"{app_server}/data")
    upload = page.locator(".st-key-upload input[type=file]")
    expect(upload).to_have_count(1)
    conftest.wait_until_idle(page)
    upload.set_input_files({"name": FILE_NAME, "mimeType": "text/csv", "buffer": CSV})
    expect(page.locator(".st-key-import_report")).to_be_visible()
    expect(page.locator(".st-key-import_report")).to_contain_text("<b>vet</b>")
    _assert_clean(page, "Gegevens (report)", requests)
    page.locator(".st-key-import_save button").click()
    expect(page.get_by_text(re.compile(r"indicator\(en\) opgeslagen"))).to_be_visible()
    _assert_clean(page, "Gegevens (saved)", requests)

    _go(page, "Kaart")
    _pick(page, "Moeite")
    conftest.wait_until_idle(page)
    conftest.wait_for_map_paint(page, MAP, min_features=100)
    _assert_clean(page, "Kaart", requests)
    legend = page.get_by_text("Moeite ![p](http", exact=False).first
    expect(legend).to_be_visible()  # the legend shows the name as typed
    # Hovering the map: plotly fills in only the app's own template fields, not the payload's.
    template = page.evaluate(
        "(s) => document.querySelector(s).data.map((t) => t.hovertemplate || '').join(' ')", MAP
    )
    assert "%{customdata[0]}" in template  # the app's own field
    _pick(page, "Raad <b>")
    conftest.wait_until_idle(page)
    # Under load the first map is still on the page when the rerun goes idle: wait until the
    # map's traces are the second column's (its hover names the column), then read them.
    page.wait_for_function(
        "(s) => { const el = document.querySelector(s); return !!el && !!el.data"
        " && el.data.some((t) => (t.hovertemplate || '').includes('Raad &lt;b')); }",
        arg=MAP,
        timeout=60_000,
    )
    conftest.wait_for_map_paint(page, MAP, min_features=100)
    template = page.evaluate(
        "(s) => document.querySelector(s).data.map((t) => t.hovertemplate || '').join(' ')", MAP
    )
    assert "&#37;{customdata[0]}" in template and "<b>vet" not in template
    expect(page.get_by_text("<b>vet</b>", exact=False).first).to_be_visible()
    _assert_clean(page, "Kaart (second column)", requests)

    _go(page, "Groepen")
    page.locator(".st-key-group").get_by_text("Eigen groep (geïmporteerd)").click()
    conftest.wait_until_idle(page)
    for key, start in (("own_population", "Raad"), ("own_council", "Moeite")):
        page.locator(f".st-key-{key}").get_by_role("combobox").click()
        page.get_by_role("option", name=re.compile("^" + start)).click()
        conftest.wait_until_idle(page)
    chart = page.locator(".st-key-groups_dumbbell .js-plotly-plot")
    expect(chart).to_have_count(1)
    # The chart's axis title holds the label as text: the tag characters are there as typed.
    expect(chart.locator("text.xtitle")).to_contain_text("<a href")
    _assert_clean(page, "Groepen", requests)

    _go(page, "Selectie")
    expect(page.locator(".st-key-ranking")).to_be_visible()
    _assert_clean(page, "Selectie", requests)

    _go(page, "Presenteren")
    expect(page.locator(".st-key-present_stage")).to_be_visible()
    _assert_clean(page, "Presenteren", requests)
