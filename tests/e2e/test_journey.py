"""A newcomer's journey through the real app, one browser session from start to finish:
overview -> map -> indicator -> box selection -> basket -> selectie -> Excel -> groups -> own data
(messy CSV) -> the imported column on the map. Every page: no exception, no error element."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import openpyxl
from playwright.sync_api import Page, expect

from tests.e2e import conftest

BASKET = ".st-key-basket_summary"
MAP = ".st-key-map .js-plotly-plot"
# cp1252, semicolons, decimal commas, a title row, aliases, a former gemeente, an ambiguous name.
MESSY_CSV = (
    "Enquête lokale partijen 2026\r\n"
    "Gemeente;Moeite met lijst (%)\r\n"
    "Den Haag;45,5\r\n"
    "Súdwest-Fryslân;30,0\r\n"
    "Den Bosch;12,5\r\n"
    "Weesp;50,0\r\n"
    "Bergen;20,0\r\n"
    "0014;33,3\r\n"
).encode("cp1252")


def _count(page: Page) -> int:
    return int(re.match(r"\s*(\d+)", page.locator(BASKET).inner_text()).group(1))


def _go(page: Page, label: str) -> None:
    page.locator(".st-key-navigation").get_by_role("link", name=label).click()
    conftest.wait_until_idle(page)


def _clean(page: Page) -> None:
    conftest.wait_until_idle(page)
    conftest.assert_no_error_elements(page)
    assert page.page_errors == [], page.page_errors


def test_newcomer_journey(app_server: str, page: Page, tmp_path) -> None:
    page.goto(app_server)
    conftest.wait_for_map_paint(page, ".st-key-overview_map .js-plotly-plot", min_features=100)
    _clean(page)

    _go(page, "Kaart")
    conftest.wait_for_map_paint(page, MAP, min_features=100)
    page.locator(".st-key-indicator").get_by_role("combobox").click()
    # The list opens on 2026 and shows only its first options: type to find 2022, as a
    # user would.
    page.keyboard.type("Vrouwen in de raad (2022)")
    page.get_by_role("option", name=re.compile(r"Vrouwen in de raad \(2022\)")).click()
    expect(page).to_have_url(re.compile("indicator=women_council_share_2022"))
    conftest.wait_for_map_paint(page, MAP, min_features=100)
    _clean(page)
    conftest.drag_box(page, MAP, dx=60, dy=45)
    expect(page.locator(BASKET)).not_to_have_text(re.compile(r"^\s*0\b"))
    conftest.wait_until_idle(page)
    basket = _count(page)
    codes = parse_qs(urlsplit(page.url).query)["sel"][0].split(",")
    assert basket == len(codes) > 0
    _clean(page)

    _go(page, "Selectie")
    expect(page.locator(".st-key-ranking")).to_be_visible()
    assert _count(page) == basket
    button = page.locator(".st-key-export_xlsx button")
    expect(button).to_be_enabled()
    button.scroll_into_view_if_needed()
    with page.expect_download() as info:
        button.click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    sheet = openpyxl.load_workbook(path)["Selectie"]
    header = [c.value for c in sheet[1]]
    exported = [
        dict(zip(header, r, strict=True))["Code"]
        for r in sheet.iter_rows(min_row=2, values_only=True)
    ]
    assert sorted(exported) == sorted(codes)
    _clean(page)

    _go(page, "Groepen")
    expect(page.locator(".st-key-groups_ranking")).to_be_visible()
    assert _count(page) == basket
    _clean(page)

    _go(page, "Gegevens")
    page.locator(".st-key-upload input[type=file]").set_input_files(
        {"name": "enquete.csv", "mimeType": "text/csv", "buffer": MESSY_CSV}
    )
    report = page.locator(".st-key-import_report")
    expect(report).to_be_visible()
    expect(page.get_by_text("Verslag van de import")).to_be_visible()
    # The ambiguous "Bergen" is reported, not guessed; Weesp goes to its successor Amsterdam.
    expect(report).to_contain_text("Bergen")
    expect(report).to_contain_text("'Weesp' → Amsterdam (GM0363)")
    conftest.wait_until_idle(page)
    page.locator(".st-key-import_save button").click()
    expect(page.get_by_text(re.compile(r"indicator\(en\) opgeslagen"))).to_be_visible()
    _clean(page)

    _go(page, "Kaart")
    page.locator(".st-key-indicator").get_by_role("combobox").click()
    page.keyboard.type("Moeite met lijst")  # own data comes last in the list: find it by typing
    page.get_by_role("option", name=re.compile(r"Eigen gegevens · Moeite met lijst")).click()
    # The map's data switches to the imported column: Den Haag (GM0518) carries 45,5%.
    page.wait_for_function(
        "(s) => { const gd = document.querySelector(s); if (!gd || !gd.data) return false;"
        " const t = gd.data.find(d => d.name === ''); const i = Array.from(t.locations).indexOf('GM0518');"
        " return i >= 0 && Array.from(t.customdata[i]).join(' ').includes('45,5'); }",
        arg=MAP,
        polling=250,
    )
    conftest.wait_for_map_paint(page, MAP, min_features=100)
    expect(page.get_by_text("eigen import").first).to_be_visible()
    assert _count(page) == basket
    _clean(page)
