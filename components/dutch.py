"""One Dutch voice in the browser: Streamlit's own English strings and number format, replaced.

Streamlit's chrome is English-only (streamlit#1353): the file uploader's "Upload" and
"200MB per file", the multiselect's "Select all", "Press Enter to apply" under a text input,
the skip link. Its "localized" number columns follow the reader's browser language, so an
English browser shows 2.7 where the app means 2,7; slider values use printf formats with a
decimal point. One small script fixes all of these in the page, whatever the browser says:
it makes the page's language Dutch before any table formats a number, and replaces the known
English strings (and decimal points in slider values) as soon as Streamlit draws them.

Only Streamlit's own chrome is rewritten, never the app's or a user's text: a text node only
inside the elements of CHROME_TEXT (the skip link, the uploader's drop zone, input hints,
Streamlit's own error box), an attribute only on the elements of CHROME_ATTRS (toolbar buttons,
the inputs and buttons of select boxes), and a dropdown's own line ("No results", "Select all")
only as the first option of its list. A column, cell, option or label that a user's file calls
"None", "Delete" or "Search" stays as it is (tests/e2e/test_dutch_voice.py).
"""

from __future__ import annotations

import json

# Streamlit's exact English texts (text nodes, placeholders, tooltips) and their Dutch words.
EXACT = {
    "Upload": "Bestand kiezen",
    "Browse files": "Bestand kiezen",
    "Drag and drop file here": "Sleep een bestand hierheen",
    "Drag and drop a file here": "Sleep een bestand hierheen",
    "Drag and drop files here": "Sleep bestanden hierheen",
    "Select all": "Alles kiezen",
    "No results": "Geen resultaten",
    "No options to select": "Niets te kiezen",
    "No options to select.": "Niets te kiezen.",
    "Choose an option": "Kies",
    "Choose options": "Kies",
    "None": "geen",
    "Skip to main content": "Naar de inhoud",
    "Search": "Zoeken",
    "Add row": "Rij toevoegen",
    "Download as CSV": "Downloaden als CSV",
    "Show/hide columns": "Kolommen tonen of verbergen",
    "Fullscreen": "Volledig scherm",
    "Close fullscreen": "Volledig scherm sluiten",
    "Clear all": "Alles wissen",
    "Clear value": "Wissen",
    "Remove": "Verwijderen",
    "Delete": "Verwijderen",
    "Press Enter to apply": "Druk op Enter om toe te passen",
    "Press Enter to submit form": "Druk op Enter om te versturen",
    # Streamlit's own message for an exception under client.showErrorDetails = "none" (the
    # app's pages show their own Dutch message; this is what is left for the rest).
    "This app has encountered an error. The original error message is redacted to prevent "
    "data leaks. Full error details have been recorded in the logs (if you're on Streamlit "
    "Cloud, click on 'Manage app' in the lower right of your app).": "Er ging iets mis in de "
    "app. De details staan in het logboek van de server. Probeer het opnieuw of kies een "
    "andere pagina.",
}

# A dropdown's own first line (not an option of the app or a user): translated only there.
DROPDOWN = [
    "No results",
    "No options to select",
    "No options to select.",
    "Select all",
    r"^Select (\d+) matches$",
    r"^Add: (.*)$",
]

# Where Streamlit draws its own words (CSS selectors, Streamlit 1.67's data-testids).
CHROME_TEXT = [
    '[data-testid="stSkipToContent"]',
    '[data-testid="stFileUploaderDropzone"]',
    '[data-testid="InputInstructions"]',
    '[data-testid="stException"]',
]
CHROME_ATTRS = [
    '[data-testid="stElementToolbar"] button',
    '[data-testid="stElementToolbar"] input',
    '[data-testid="stPlotlyChart"] [role="toolbar"] button',
    '[data-testid="stSelectbox"] input',
    '[data-testid="stMultiSelect"] input',
    '[data-testid="stSelectbox"] [role="button"]',
    '[data-testid="stMultiSelect"] [role="button"]',
    '[data-testid="stSelectbox"] button',
    '[data-testid="stMultiSelect"] button',
    '[data-testid="stFileUploader"] button',
    '[data-testid="stSlider"] [role="slider"]',
]

# (JavaScript regular expression, replacement) for texts with a number or a list in them.
PATTERNS = [
    (r"^(?:Limit )?(\d+(?:\.\d+)?)\s*([KMGT]?B) per file$", "max. $1 $2 per bestand"),
    (r"^Select (\d+) matches$", "$1 treffers kiezen"),
    (r"^Add: (.*)$", "Toevoegen: $1"),
    (r"^Press (.+)\+Enter to apply$", "Druk op $1+Enter om toe te passen"),
]

_SCRIPT = """
<script>
(() => {
  // Tables format "localized" numbers with navigator.languages: make that Dutch for every reader.
  try {
    Object.defineProperty(Navigator.prototype, "languages", {
      get: () => ["nl-NL", "nl"], configurable: true,
    });
    Object.defineProperty(Navigator.prototype, "language", {
      get: () => "nl-NL", configurable: true,
    });
  } catch (e) { /* a browser that refuses keeps its own format */ }
  if (window.__raadsradarDutch) return;
  const EXACT = __EXACT__;
  const PATTERNS = __PATTERNS__.map(([re, out]) => [new RegExp(re), out]);
  // Only Streamlit's own chrome: never a cell, option, label or text of the app or a user.
  const CHROME_TEXT = __CHROME_TEXT__.join(", ");
  const CHROME_ATTRS = __CHROME_ATTRS__.join(", ");
  const DROPDOWN = __DROPDOWN__;
  const USER_TEXT = '[data-testid="stFileUploaderFileName"], [data-testid="stMarkdownContainer"]'
    + ':not([data-testid="stFileUploaderDropzone"] *):not([data-testid="stException"] *)';
  const firstOption = (el) => {
    const option = el.closest('[role="option"]');
    if (!option) return false;
    const list = option.closest('[role="listbox"]');
    return !!list && list.querySelector('[role="option"]') === option;
  };
  const ATTRS = ["placeholder", "aria-label", "title", "aria-valuetext"];
  const SLIDER = '[data-testid="stSliderThumbValue"], [data-testid="stSliderTickBar"]';
  const dutchNumber = (text) => text.replace(/(\\d)\\.(\\d)/g, "$1,$2");
  // The canvas of a table shows the Dutch number; its screen-reader copy (gridcell) holds the
  // raw value, 2.7: give it the same decimal comma.
  const GRIDCELL = '[role="gridcell"]';
  const PLAIN_NUMBER = /^-?\\d+\\.\\d+$/;
  // A text cell that already reads Dutch (3.000, 12.345.678) is left alone: a raw value never
  // ends in .000 and the app's number columns show at most two decimals, so a point before
  // exactly three digits groups thousands.
  const GROUPED = /^-?\\d{1,3}(?:\\.\\d{3})+$/;
  const translate = (text, inSlider, inCell) => {
    const core = text.trim();
    if (!core) return null;
    if (Object.prototype.hasOwnProperty.call(EXACT, core)) return text.replace(core, EXACT[core]);
    for (const [re, out] of PATTERNS) {
      if (re.test(core)) return text.replace(core, core.replace(re, out));
    }
    return numberOnly(text, inSlider, inCell);
  };
  // Slider values and the screen-reader copy of number cells: only the decimal point.
  const numberOnly = (text, inSlider, inCell) => {
    if (inSlider && /\\d\\.\\d/.test(text)) return dutchNumber(text);
    const core = text.trim();
    if (inCell && PLAIN_NUMBER.test(core) && !GROUPED.test(core)) return dutchNumber(text);
    return null;
  };
  const fixText = (node) => {
    const parent = node.parentElement;
    if (!parent) return;
    const slider = !!parent.closest(SLIDER);
    const cell = !!parent.closest(GRIDCELL);
    const core = (node.nodeValue || "").trim();
    const chrome = (!!parent.closest(CHROME_TEXT) && !parent.closest(USER_TEXT))
      || (firstOption(parent) && DROPDOWN.some((d) => d === core || (d[0] === "^" && new RegExp(d).test(core))));
    if (!chrome && !slider && !cell) return;
    const out = chrome ? translate(
      node.nodeValue || "", slider, cell) : numberOnly(node.nodeValue || "", slider, cell);
    if (out !== null && out !== node.nodeValue) node.nodeValue = out;
  };
  const fixAttrs = (el) => {
    if (!el.matches || !(el.matches(CHROME_ATTRS) || el.matches(SLIDER + ", [role=slider]"))) return;
    for (const name of ATTRS) {
      const value = el.getAttribute && el.getAttribute(name);
      if (!value) continue;
      const slider = name === "aria-valuetext" || !!el.closest(SLIDER);
      const out = translate(value, slider, false);
      if (out !== null && out !== value) el.setAttribute(name, out);
    }
  };
  const walk = (root) => {
    if (root.nodeType === Node.TEXT_NODE) { fixText(root); return; }
    if (root.nodeType !== Node.ELEMENT_NODE) return;
    fixAttrs(root);
    const it = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    for (let node = it.nextNode(); node; node = it.nextNode()) {
      if (node.nodeType === Node.TEXT_NODE) fixText(node); else fixAttrs(node);
    }
  };
  window.__raadsradarDutch = new MutationObserver((mutations) => {
    for (const m of mutations) {
      if (m.type === "characterData") fixText(m.target);
      else if (m.type === "attributes") fixAttrs(m.target);
      else m.addedNodes.forEach(walk);
    }
  });
  window.__raadsradarDutch.observe(document.body, {
    childList: true, subtree: true, characterData: true,
    attributes: true, attributeFilter: ATTRS,
  });
  walk(document.body);
})();
</script>
"""


def script() -> str:
    """The page script with the translation tables filled in."""
    return (
        _SCRIPT.replace("__EXACT__", json.dumps(EXACT, ensure_ascii=False))
        .replace("__PATTERNS__", json.dumps(PATTERNS, ensure_ascii=False))
        .replace("__CHROME_TEXT__", json.dumps(CHROME_TEXT))
        .replace("__CHROME_ATTRS__", json.dumps(CHROME_ATTRS))
        .replace("__DROPDOWN__", json.dumps(DROPDOWN))
    )
