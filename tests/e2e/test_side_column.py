"""Kaart's narrow side column: every label and chosen value can be read whole.

Issue 27: "Kwantielen (gelijke aant…" and "Twee indicatoren (…" were cut off in the column
beside the map. Measured in Chromium: no text node sticks out of the box that clips it, and no
selectbox's value is wider than its field, in the single and the two-indicator view.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from tests.e2e import conftest

CLIPPED_JS = """(root) => {
  const out = [];
  const box = document.querySelector(root);
  const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!node.textContent.trim()) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const r = range.getBoundingClientRect();
    if (!r.width) continue;
    for (let el = node.parentElement; el && el !== document.body; el = el.parentElement) {
      const s = getComputedStyle(el);
      if (['hidden', 'clip'].includes(s.overflowX) || s.textOverflow === 'ellipsis') {
        const a = el.getBoundingClientRect();
        if (r.right > a.right + 1 || r.left < a.left - 1) {
          out.push(node.textContent.trim().slice(0, 60));
        }
        break;
      }
    }
  }
  for (const input of box.querySelectorAll('input[role="combobox"]')) {
    if (input.value && input.scrollWidth > input.clientWidth + 1) out.push(input.value);
  }
  return out;
}"""
SIDE = "[data-testid='stMainBlockContainer'] [data-testid='stHorizontalBlock']:has(.st-key-scheme)"


@pytest.mark.parametrize("width", [1280, 1440])
def test_nothing_in_the_side_column_is_cut_off(
    app_server: str, browser: Browser, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="nl-NL")
    context.set_default_timeout(conftest.UI_TIMEOUT_MS)
    try:
        page = context.new_page()
        page.goto(f"{app_server}/kaart")
        expect(page.locator(".st-key-scheme input")).to_be_visible()
        expect(page.locator(".st-key-bivariate")).to_be_visible()
        conftest.wait_until_idle(page)
        assert page.evaluate(CLIPPED_JS, SIDE) == []
        # Every choice of the classes fits too.
        field = page.locator(".st-key-scheme input")
        for option in ("Gelijke intervallen", "Jenks-grenzen", "Eigen grenzen"):
            field.click()
            page.get_by_role("option", name=option, exact=True).click()
            conftest.wait_until_idle(page)
            assert page.evaluate(CLIPPED_JS, SIDE) == [], option
        # The two-indicator view's controls.
        page.locator(".st-key-bivariate label").click()
        conftest.wait_until_idle(page)
        expect(page.locator(".st-key-indicator_y")).to_be_visible()
        assert page.evaluate(CLIPPED_JS, "[data-testid='stMainBlockContainer']") == []
    finally:
        context.close()
