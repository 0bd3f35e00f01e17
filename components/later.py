"""Sections under a map that are drawn once the interactive map has painted.

Every widget type brings its own JavaScript chunk (tables, multiselects), and on a first load
those compete with plotly.js for the browser's CPU. Sections under the map therefore wait: the
early map's script (early_map.SWAP_JS) clicks the `map_ready_button` as soon as the plotly map
has painted, which reruns only this fragment. The button is also there for a person (when the
map cannot paint, e.g. without WebGL). Once a session's browser has the map's code, later runs
draw the sections at once.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from components import early_map, frame

READY = early_map.READY  # session_state: this session's browser has painted an interactive map
BUTTON = "map_ready_button"  # the button the page's script clicks (CSS class st-key-...)


def _mark_ready() -> None:
    st.session_state[READY] = True


def ready() -> bool:
    return bool(st.session_state.get(READY))


def render(sections: Callable[[], None], *, what: str) -> None:
    """Draw `sections` now if this session's map is interactive, else a line that says `what`
    will follow, with a button to show it at once (the page's script presses it)."""
    _later(sections, what)


@frame.fragment
def _later(sections: Callable[[], None], what: str) -> None:
    if not ready():
        st.caption(f"{what} verschijnen zodra de kaart klaar is.")
        st.button(
            "Nu tonen",
            key=BUTTON,
            on_click=_mark_ready,
            help="Laat deze onderdelen meteen zien, ook als de kaart nog laadt.",
        )
        return
    sections()
