"""The selection basket where a user sees it: the sidebar summary and, with the sidebar
collapsed (a phone), a badge in the header bar."""

from __future__ import annotations

import streamlit as st

from components import cache, frame
from core import selection

SUMMARY_SLOT = "_basket_summary_slot"  # the sidebar place of the summary (not a widget key)


def render_basket_summary() -> None:
    """Sidebar summary (key basket_summary): count first, then the names."""
    with st.sidebar.container(key="basket_summary"):
        slot = st.empty()
    st.session_state[SUMMARY_SLOT] = slot
    _draw_summary(slot)
    message = frame.rejected_message(st.session_state.get(frame.BASKET_REJECTED) or {})
    if message:
        st.warning(message)
        st.session_state[frame.BASKET_REJECTED] = {}


# The badge stands in the header bar (fixed, so it moves nothing) whenever the sidebar is
# collapsed: a phone's first screen shows the basket without opening the menu. Its own style
# comes in the same element, so it never shows without it.
_BADGE = """<style>
.rr-basket-badge {{position: fixed; top: 1.05rem; left: 3.6rem; z-index: 999991;
  display: none; padding: .15rem .6rem; border-radius: 1rem; background: #f0f2f6;
  color: #111; font-size: .9rem; line-height: 1.4; white-space: nowrap}}
body:has([data-testid="stSidebar"][data-collapsed="true"]) .rr-basket-badge,
body:has([data-testid="stExpandSidebarButton"]) .rr-basket-badge {{display: block}}
.stElementContainer:has(.rr-basket-badge) {{height: 0; margin: 0; overflow: visible}}
</style><div class="rr-basket-badge" role="status" aria-label="{label}">{text}</div>"""


def render_basket_badge() -> None:
    """The basket's count on the first screen of a phone (key basket_badge), drawn last on
    the page: until Streamlit's HTML code has loaded its placeholder is at the end of the
    page, where it moves nothing."""
    with st.container(key="basket_badge"):
        slot = st.empty()
    _draw_badge(slot)


def _draw_badge(slot: object) -> None:
    count = len(st.session_state.get(frame.BASKET, []))
    text = (
        f"Selectie: {count} {'gemeente' if count == 1 else 'gemeenten'}"
        if count
        else ("Selectie: leeg")
    )
    # Static markup; the only variable part is a number.
    slot.markdown(_BADGE.format(text=text, label=selection.summary(count)), unsafe_allow_html=True)


def _draw_summary(slot: object) -> None:
    codes = st.session_state.get(frame.BASKET, [])
    names = cache.names()
    with slot.container():
        st.markdown(f"**{selection.summary(len(codes))}**")
        if codes:
            shown = ", ".join(names.get(code, code) for code in codes[:8])
            more = f" en {len(codes) - 8} meer" if len(codes) > 8 else ""
            st.caption(shown + more)
        else:
            st.caption("Nog leeg. Voeg gemeenten toe op de kaart of in een tabel.")


def redraw() -> None:
    """From inside a fragment: draw the sidebar summary again, without rerunning the page.

    Since Streamlit 1.59 a fragment may write into a container made outside it (here the
    st.empty inside the sidebar's summary); the full run's summary is replaced in place. The
    fragment has to write there on full runs as well, or Streamlit has no place reserved.
    """
    slot = st.session_state.get(SUMMARY_SLOT)
    if slot is not None:
        _draw_summary(slot)
    # Not the badge: its place comes after the page (render_basket_badge), so a fragment has
    # no place reserved there (in the full run it would even write into the last run's). The
    # badge follows at the next full run, like the map's outlines.
