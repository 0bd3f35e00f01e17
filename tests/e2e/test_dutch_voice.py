"""One Dutch voice: no English UI words and no decimal points on any page, in an English browser.

The browser is set to en-US on purpose: Streamlit's "localized" number columns follow the
browser's language, so a Dutch test browser would hide exactly the fault a reader with an
English browser sees (2.7 instead of 2,7).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e import conftest

PAGES = ["", "kaart", "groepen", "selectie", "presenteren", "data", "staffel"]

# Whole words or phrases that only Streamlit's English chrome or raw column names produce.
ENGLISH = [
    "rank",
    "reason",
    "Select all",
    "None",
    "Upload",
    "Browse files",
    "per file",
    "Drag and drop",
    "Choose an option",
    "Choose options",
    "No results",
    "Press Enter",
    "Skip to main content",
    "Add row",
    "nan",
    "NaN",
]
ENGLISH_RE = re.compile(r"(?<![\w-])(" + "|".join(re.escape(w) for w in ENGLISH) + r")(?![\w-])")

# A number with a point in it: fine when the point groups thousands (8.554, 17.942.942).
DOTTED = re.compile(r"(?<![\w.])\d+(?:\.\d+)+(?![\w.]*\d)")
THOUSANDS = re.compile(r"^\d{1,3}(?:\.\d{3})+$")
# Names with a version number, not quantities.
ALLOWED_DOTTED = ["CC BY 4.0", "CC-BY 4.0", "CC0 1.0", "GFDL 1.2"]
# A software version such as 0.4.0: two or more points, not a thousands grouping. No decimal
# number has two points, so this cannot hide a decimal point.
VERSION = re.compile(r"^\d+(?:\.\d+){2,}$")

# Visible text of the page, icons (material ligatures such as "keyboard_arrow_right") left out,
# plus the texts of table header and body cells (st.dataframe draws on a canvas but keeps these
# in the DOM for assistive technology).
VISIBLE_TEXT_JS = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!el || !n.nodeValue.trim()) continue;
    if (el.closest('[data-testid="stIconMaterial"], script, style, noscript')) continue;
    if (el.closest('[role="gridcell"], [role="columnheader"]')) continue;
    if (!el.checkVisibility({checkOpacity: false, checkVisibilityCSS: true})) continue;
    out.push(n.nodeValue.trim());
  }
  for (const cell of document.querySelectorAll('[role="gridcell"], [role="columnheader"]')) {
    const text = (cell.textContent || '').trim();
    if (text) out.push(text);
  }
  return out;
}"""


@pytest.fixture
def english_page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="en-US")
    context.set_default_timeout(conftest.UI_TIMEOUT_MS)
    page = context.new_page()
    page_errors: list[str] = []
    page.on("pageerror", lambda error: page_errors.append(str(error)))
    page.page_errors = page_errors
    try:
        yield page
    finally:
        context.close()


def english_words(texts: list[str]) -> list[str]:
    return sorted({m.group(1) + f"  <- {t[:80]!r}" for t in texts for m in ENGLISH_RE.finditer(t)})


def decimal_points(texts: list[str]) -> list[str]:
    found = set()
    for text in texts:
        cleaned = text
        for allowed in ALLOWED_DOTTED:
            cleaned = cleaned.replace(allowed, "")
        for match in DOTTED.finditer(cleaned):
            if not THOUSANDS.match(match.group(0)) and not VERSION.match(match.group(0)):
                found.add(f"{match.group(0)}  <- {text[:80]!r}")
    return sorted(found)


def test_scanners_catch_what_they_should() -> None:
    """The scanners themselves: they flag the faults from the issue and pass Dutch text."""
    assert english_words(["rank", "Select all", "200MB per file • CSV"]) != []
    assert english_words(["Rang", "Alles kiezen", "ranking", "Uploaden"]) == []
    assert decimal_points(["2.7", "candidates 66.7%", "1.0"]) != []
    assert decimal_points(["8.554", "17.942.942", "2,7", "CC BY 4.0", "GM0363", "0.4.0"]) == []
    assert decimal_points(["versie 0.4.0 gaf 66.7%"]) != []


def _scan(page: Page) -> list[str]:
    closed = page.locator('[data-testid="stExpander"] details:not([open]) > summary')
    for _ in range(30):  # open every expander (closed ones keep their text out of sight)
        if closed.count() == 0:
            break
        closed.first.click()
    conftest.wait_until_idle(page)
    return page.evaluate(VISIBLE_TEXT_JS)


@pytest.mark.parametrize("path", PAGES)
def test_page_speaks_dutch_in_an_english_browser(
    app_server: str, english_page: Page, path: str
) -> None:
    page = english_page
    page.goto(f"{app_server}/{path}?sel=GM0363,GM0599")
    expect(page.locator(".st-key-basket_summary")).to_be_visible()
    conftest.wait_until_idle(page)
    # The page's Dutch script has run (it renames Streamlit's skip link) ...
    expect(page.get_by_role("link", name="Naar de inhoud")).to_have_count(1)
    if path in ("", "kaart", "selectie", "groepen"):
        # ... and these pages have tables: wait until their cells are in the DOM.
        expect(page.locator('[role="gridcell"]').first).to_be_attached()
    if path == "presenteren":
        # ... and the slide's own text (an st.html element, drawn once its code has loaded).
        expect(page.locator(".st-key-present_stage .rr-title")).to_be_visible()
    texts = _scan(page)
    assert len(texts) > 20, f"/{path}: hardly any text found: {texts}"
    assert english_words(texts) == [], f"/{path}: English UI words"
    assert decimal_points(texts) == [], f"/{path}: decimal points in numbers"
    assert page.page_errors == []


# A user's own file whose column names are words of Streamlit's chrome (issue 23, item 7).
CHROME_WORDS_CSV = b"Gemeente;Delete;Search;None\nDen Haag;1;2;3\nUtrecht;4;5;6\nAmsterdam;7;8;9\n"


def test_users_own_words_are_not_translated(app_server: str, english_page: Page) -> None:
    page = english_page
    page.goto(f"{app_server}/data")
    upload = page.locator(".st-key-upload input[type=file]")
    expect(upload).to_have_count(1)
    conftest.wait_until_idle(page)
    # Streamlit's own words around the uploader are Dutch ...
    expect(page.locator('[data-testid="stFileUploaderDropzone"]')).to_contain_text("Bestand kiezen")
    upload.set_input_files(
        {"name": "woorden.csv", "mimeType": "text/csv", "buffer": CHROME_WORDS_CSV}
    )
    report = page.locator(".st-key-import_report")
    expect(report).to_be_visible()
    conftest.wait_until_idle(page)
    # ... the user's column names are not: in the table of columns and in the labels.
    cells = report.locator('[role="gridcell"]')
    expect(cells.first).to_be_attached()
    texts = [t.strip() for t in cells.all_inner_texts()]
    assert {"Delete", "Search", "None"} <= set(texts), texts
    assert not {"Verwijderen", "Zoeken", "geen"} & set(texts), texts
    for word in ("Delete", "Search", "None"):
        # The question for each column ("Kolom 'Delete': is een hogere waarde ...?").
        expect(page.get_by_text(re.compile(rf"^Kolom '{word}': is een hogere"))).to_have_count(1)
    page.locator(".st-key-import_save button").click()
    expect(page.get_by_text("indicator(en) opgeslagen", exact=False)).to_be_visible()

    page.locator(".st-key-navigation").get_by_role("link", name="Groepen").click()
    conftest.wait_until_idle(page)
    page.locator(".st-key-group").get_by_text("Eigen groep (geïmporteerd)").click()
    conftest.wait_until_idle(page)
    own = page.locator(".st-key-own_population")
    box = own.get_by_role("combobox")
    expect(box).to_have_value("Delete")  # the chosen option, as the file calls it
    box.click()
    options = page.get_by_role("option")
    expect(options.first).to_have_text("Delete")  # the first option is the user's, not chrome
    assert [t.strip() for t in options.all_inner_texts()] == ["Delete", "Search", "None"]


def test_staffel_bounds_read_as_thousands_in_an_english_browser(
    app_server: str, english_page: Page
) -> None:
    """The staffel editor's bounds are Dutch text (3.000): the table's screen-reader copy, which
    the page script gives a decimal comma where it holds a raw number, must leave them as they
    are, not turn them into 3,000 (issue 22, item 6); a raw number still gets its comma."""
    page = english_page
    page.goto(f"{app_server}/staffel")
    expect(page.locator(".st-key-basket_summary")).to_be_visible()
    conftest.wait_until_idle(page)
    editor = page.locator(".st-key-staffel_editor")
    expect(editor.locator('[role="gridcell"]').first).to_be_attached()
    rows = [
        [t.strip() for t in row.locator('[role="gridcell"]').all_inner_texts()]
        for row in editor.locator('tbody [role="row"]').all()[:4]
    ]
    assert rows == [
        ["0", "3.000", "9"],
        ["3.001", "6.000", "11"],
        ["6.001", "10.000", "13"],
        ["10.001", "15.000", "15"],
    ], rows
    # The what-if table below still has raw numbers in its copy: those get the decimal comma.
    page.locator(".st-key-staffel_preset").get_by_role("combobox").click()
    page.get_by_role("option", name="Elke raad 2 zetels groter").click()
    conftest.wait_until_idle(page)
    affected = page.locator(".st-key-staffel_affected")
    expect(affected.locator('[role="gridcell"]').first).to_be_attached()
    texts = [t.strip() for t in affected.locator('[role="gridcell"]').all_inner_texts()]
    assert any(re.fullmatch(r"\d+,\d", t) for t in texts), texts
    assert decimal_points(texts) == [], texts
