"""The shared frame: legacy-mode guard, the selection basket and its mirror in the URL."""

from __future__ import annotations

import contextvars
import functools
from collections.abc import Callable

import streamlit as st

from components import cache, dutch, early_map, guards, heap
from core import bundle, catalogue, fmt, safe, selection, viewstate

BASKET = "basket"  # session_state entry: list of GM codes (not a widget key; survives page changes)
BASKET_REJECTED = "basket_rejected"  # codes dropped from the URL, reported once
MAP_INDICATOR = "map_indicator"  # the mapped indicator, kept across pages and in ?indicator=


_IN_FRAME: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "raadsradar_in_frame", default=False
)


def leave_legacy_mode() -> None:
    """Called by dashboard.py first: switch Streamlit's legacy pages/ mode off, rerun if it was on.

    With a folder called pages/ next to the main script, a freshly started server runs a
    deep-linked page file without dashboard.py until some session has called st.navigation
    (see platform-notes.md). Switching the flag off and rerunning makes the same request go
    through the frame, with the query string intact. The flag is Streamlit's private
    attribute: components.guards counts these reruns and stops a loop.
    """
    if guards.legacy_mode_on():
        guards.leave_legacy_mode()


def run_page(page: object) -> None:
    """Run the chosen page inside the frame (pages check this with ensure_frame)."""
    token = _IN_FRAME.set(True)
    guards.frame_reached()
    try:
        page.run()
        heap.freeze_after_first_run(str(page.url_path))
    except bundle.BundleError as exc:
        # A broken or missing bundle file stops this page only; pages that do not read it
        # keep working. (The frame's own files are checked before, in dashboard.py.)
        render_bundle_error(str(exc), page_only=True)
    except Exception as exc:  # noqa: BLE001 - any other failure: the Dutch message, logged
        guards.report_error(exc, f"page {getattr(page, 'url_path', '') or 'overzicht'}")
    finally:
        _IN_FRAME.reset(token)


def fragment(func: Callable[..., object]) -> Callable[..., object]:
    """st.fragment that shows a broken bundle file like run_page does (use it for every fragment).

    Streamlit catches what a fragment raises itself and shows a traceback, so the page-level
    handler in run_page never sees it. The message ends the run: on a full run, the rest of the
    page (which needs the same bundle) is not drawn; on a fragment rerun, the fragment stops.
    """

    @functools.wraps(func)
    def guarded(*args: object, **kwargs: object) -> object:
        try:
            return func(*args, **kwargs)
        except bundle.BundleError as exc:
            render_bundle_error(str(exc), page_only=True)
            st.stop()
        except Exception as exc:  # noqa: BLE001 - shown as the app's own message, logged
            guards.report_error(exc, f"fragment {func.__name__}")
            st.stop()

    return st.fragment(guarded)


def ensure_frame() -> None:
    """First call of every page: when the page was started on its own, rerun through the frame.

    The legacy flag is global to the server, so it cannot tell whether *this* run had the
    frame: several first visitors at once may all start in legacy mode while another session
    has already switched it off. The context variable set by run_page can.
    """
    if not _IN_FRAME.get():
        guards.leave_legacy_mode()


def sync_basket() -> list[str]:
    """Restore the basket from ?sel= on a session's first run, then keep the URL in step."""
    state = st.session_state
    if BASKET not in state:
        kept, rejected = selection.parse_codes(st.query_params.get("sel"), set(cache.valid_codes()))
        state[BASKET] = kept
        wanted = st.query_params.get("indicator")
        if wanted in catalogue.INDICATORS:
            state[MAP_INDICATOR] = wanted
            wanted = None
        # Only what the warning shows is kept: a link may carry tens of thousands of characters.
        state[BASKET_REJECTED] = {
            "codes": [fmt.shorten(code, ECHO_LIMIT) for code in rejected[:ECHO_COUNT]],
            "more": max(len(rejected) - ECHO_COUNT, 0),
            "indicator": fmt.shorten(wanted, ECHO_LIMIT) if wanted else None,
        }
        restore_view()
    adopt_map_zoom()
    write_url()
    return state[BASKET]


ECHO_LIMIT = 20  # characters of one unknown value from a link that are shown back
ECHO_COUNT = 10  # unknown values shown by name; the rest is a count


def rejected_message(rejected: dict) -> str | None:
    """The sidebar warning about unknown values in a shared link (None when there were none).

    Every echoed value is untrusted (anyone can write a link): it is cut short and escaped, so
    that no link, image or formatting in it reaches the page.
    """
    codes = [safe.markdown(code, ECHO_LIMIT) for code in rejected.get("codes", [])]
    more = rejected.get("more", 0)
    indicator = rejected.get("indicator")
    view = [safe.markdown(item, 2 * ECHO_LIMIT) for item in rejected.get("view", [])]
    if not codes and not indicator and not view:
        return None
    parts = []
    if codes:
        listed = ", ".join(codes)
        if more:
            listed += f" en {fmt.number(more)} andere"
        parts.append(
            f"Deze gemeentecodes uit de link zijn onbekend en zijn weggelaten: {listed}. "
            "De andere gemeenten staan wel in de selectie."
        )
    if indicator:
        shown = safe.markdown(indicator, ECHO_LIMIT)
        if indicator.startswith("import_"):
            parts.append(
                f"De indicator {shown} uit de link is niet te tonen: eigen geïmporteerde "
                "gegevens zijn alleen te zien in de sessie van wie ze importeerde."
            )
        else:
            parts.append(f"De indicator {shown} uit de link is onbekend en is weggelaten.")
    if view:
        parts.append(
            "Deze kaartinstellingen uit de link zijn onbekend en zijn weggelaten: "
            + ", ".join(view)
            + "."
        )
    return " ".join(parts) + " Controleer de link."


def restore_view() -> None:
    """A session's first run: the map view of the link (filters, classes, zoom) into session_state."""
    provinces = sorted(cache.table("gemeenten")["province_name"].unique())
    parsed = viewstate.parse(dict(st.query_params), provinces)
    st.session_state.update(parsed.state)
    if viewstate.ZOOM_STATE in parsed.state:
        st.session_state[ZOOM_FOR] = _filters()
    if parsed.rejected:
        # Shortened like the other echoed values: only what the warning shows is kept.
        rejected = dict(st.session_state.get(BASKET_REJECTED) or {})
        rejected["view"] = [
            fmt.shorten(item, 2 * ECHO_LIMIT) for item in parsed.rejected[:ECHO_COUNT]
        ]
        st.session_state[BASKET_REJECTED] = rejected


ZOOM_FOR = "kaart_zoom_for"  # the filters the stored zoom was made under


def _filters() -> tuple[object, object]:
    state = st.session_state
    return state.get(viewstate.PARAMS["province"]), state.get(viewstate.PARAMS["size"])


def adopt_map_zoom() -> None:
    """Keep the zoom the browser wrote into the URL (see _ZOOM_SCRIPT) in session_state."""
    text = st.query_params.get(viewstate.ZOOM_PARAM)
    view = viewstate.parse_zoom(text) if text else None
    if view is not None and view != st.session_state.get(viewstate.ZOOM_STATE):
        st.session_state[viewstate.ZOOM_STATE] = view
        st.session_state[ZOOM_FOR] = _filters()


def map_zoom() -> dict | None:
    """The stored zoom ({lat, lon, zoom}) while the filters are those it was made under, else None.

    A new province or size filter moves the map to that area, so the old zoom is dropped.
    """
    state = st.session_state
    if viewstate.ZOOM_STATE not in state:
        return None
    if state.get(ZOOM_FOR) != _filters():
        state.pop(viewstate.ZOOM_STATE, None)
        state.pop(ZOOM_FOR, None)
        write_url()
        return None
    return state[viewstate.ZOOM_STATE]


def write_url() -> None:
    """Mirror basket, indicator and map view into the URL (page changes clear query params: do
    it every run)."""
    wanted = {
        "sel": selection.serialise(st.session_state.get(BASKET, [])),
        "indicator": st.session_state.get(MAP_INDICATOR, ""),
        **viewstate.serialise(st.session_state),
    }
    for name, value in wanted.items():
        if value:
            if st.query_params.get(name) != value:
                st.query_params[name] = value
        elif name in st.query_params:
            del st.query_params[name]


BASKET_CHANGED = "basket_changed"  # set by button callbacks; the next run redraws the whole app


def add_to_basket(codes: list[str], clear_key: str | None = None) -> None:
    """Button callback: add codes to the basket (callbacks survive reruns; st.rerun is not allowed here)."""
    set_basket(selection.update(st.session_state.get(BASKET, []), list(codes), "add"))
    if clear_key:
        st.session_state[clear_key] = []
    st.session_state[BASKET_CHANGED] = True


def rerun_if_basket_changed() -> None:
    """Inside a fragment, a basket change must redraw the whole app (sidebar, outlines)."""
    if st.session_state.pop(BASKET_CHANGED, False):
        st.rerun()


def set_basket(codes: list[str]) -> None:
    """Replace the basket and update the URL."""
    st.session_state[BASKET] = list(codes)
    write_url()


# Streamlit draws captions at 60% opacity (a contrast of 3.9:1 on white); WCAG 2.1 AA asks
# 4.5:1 for normal text. These colours give 7:1 or more.
_STYLES = """
<style>
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p,
[data-testid="stWidgetLabel"] p, .stMetric label, [data-testid="stMetricLabel"] p {
  color: #4a4a4a !important;
}
[data-testid="stCaptionContainer"] { opacity: 1 !important; }
/* The area filters' empty choice is "Heel Nederland" / "Alle gemeenten" itself: a clear button
   would undo nothing and takes the narrow side column's room from the choice's name. */
.st-key-filter_province [role="group"] > button[data-rac]:not([aria-haspopup]),
.st-key-filter_size [role="group"] > button[data-rac]:not([aria-haspopup]) { display: none; }
</style>
"""


# Streamlit's file drop zone is a <section role="presentation"> that is focusable and labelled,
# which contradicts itself for assistive technology (axe: presentation-role-conflict). As a
# labelled group it reads as "Kies een bestand ..., groep" and keeps its keyboard behaviour.
_SCRIPT = """
<script>
(() => {
  const fix = () => document
    .querySelectorAll('[data-testid="stFileUploaderDropzone"][role="presentation"]')
    .forEach((el) => el.setAttribute("role", "group"));
  fix();
  if (!window.__raadsradarA11y) {
    window.__raadsradarA11y = new MutationObserver(fix);
    window.__raadsradarA11y.observe(document.body, {childList: true, subtree: true});
  }
})();
</script>
"""


# The user's zoom on the map lives in the browser (st.plotly_chart reports no relayout events):
# write it into the URL as ?zoom=lat,lon,zoom, so a copied link keeps it and the next run
# (which sends the URL's query string to the server) stores it with the rest of the view.
_ZOOM_SCRIPT = """
<script>
(() => {
  const hook = () => document.querySelectorAll('.st-key-map .js-plotly-plot').forEach((gd) => {
    if (gd.__raadsradarZoom || typeof gd.on !== "function") return;
    gd.__raadsradarZoom = true;
    gd.on("plotly_relayout", () => {
      // The page's own fit to a narrow screen (early_map.SWAP_JS) is no zoom of the person's.
      if (gd.__rrFitting) return;
      const map = gd._fullLayout && gd._fullLayout.map;
      if (!map || !map.center) return;
      const url = new URL(window.location.href);
      const value = [map.center.lat.toFixed(4), map.center.lon.toFixed(4), map.zoom.toFixed(2)];
      url.searchParams.set("zoom", value.join(","));
      window.history.replaceState(window.history.state, "", url);
    });
  });
  hook();
  if (!window.__raadsradarZoom) {
    window.__raadsradarZoom = new MutationObserver(hook);
    window.__raadsradarZoom.observe(document.body, {childList: true, subtree: true});
  }
})();
</script>
"""


def render_styles() -> None:
    """House CSS and the map pages' layout rules (early_map.PAGE_STYLE), last in the sidebar.

    As markdown: its HTML code is the first lazily loaded chunk the page gets (a style-only
    st.html was applied a second later, together with the widgets it was meant to size). At
    the end of the sidebar its placeholder moves nothing while the chunk loads."""
    st.sidebar.markdown(
        "<style>.stElementContainer:has(.rr-styles) {display: none}</style>"
        + _STYLES
        + early_map.PAGE_STYLE
        + '<span class="rr-styles"></span>',
        unsafe_allow_html=True,
    )


def render_scripts() -> None:
    """One ARIA repair, the Dutch voice for Streamlit's own strings, the zoom in the URL and the
    early map's swap: one element, at the end of the sidebar (drawn before the page, so the
    scripts run early). Until Streamlit's html code has loaded it is a 40 px skeleton; above
    the title it pushed the whole page down when it went, at the end of the sidebar nothing."""
    st.sidebar.html(scripts_html(), unsafe_allow_javascript=True)


def scripts_html() -> str:
    """The app's inline scripts (their hashes are in the proxy's CSP: components/csp.py)."""
    return _SCRIPT + dutch.script() + _ZOOM_SCRIPT + early_map.SWAP_JS


def render_navigation(pages: list) -> None:
    """Our own page links in the sidebar (Streamlit's list is hidden in config.toml)."""
    with st.sidebar.container(key="navigation"):
        for page in pages:
            st.page_link(page)
        st.divider()


def render_bundle_error(problem: str, page_only: bool = False) -> None:
    """Shown instead of the app (or, with page_only, instead of one page) when the bundle is broken."""
    if page_only:
        st.error(
            f"Deze pagina kan niet verder: een bestand van de gegevensbundel in de map `data/` "
            f"is niet leesbaar: {problem}. Pagina's die dit bestand niet nodig hebben werken wel; "
            "kies er een in het menu."
        )
    else:
        st.title("Raadsradar kan de gegevens niet laden")
        st.error(
            f"De gegevensbundel in de map `data/` is niet compleet of niet leesbaar: {problem}."
        )
    st.markdown(
        "Maak de bundel opnieuw vanuit de brongegevens met dit commando, in de map van de app:"
    )
    st.code(bundle.REBUILD_COMMAND, language="bash")
    st.markdown(
        "Start daarna de app opnieuw. Op de pagina Gegevens staat welke bestanden in orde zijn. "
        "Lukt het niet, neem dan contact op met het team."
    )
