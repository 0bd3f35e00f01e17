"""Widgets and renderers of the presentation page (presenteren): slide stage, picker, exports.

State lives in plain session_state entries (widget state is dropped when the page is left):
the slide order, the current slide, edited titles and the chosen profiles. Widgets are
initialised from those entries and write back to them in callbacks.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from components import cache, frame, imported
from components.presenteren import choices, zoom
from core import bundle, paths, safe
from core.charts import static_map
from core.outputs import offline_html, slide_model

ORDER = "present_order"  # slide ids in the chosen order
KNOWN = "present_known"  # slide ids offered on the previous run (new ones are inserted)
INDEX = "present_index"  # position of the slide on screen
TITLES = "present_titles"  # slide id -> the user's title
UNCERTAIN = choices.UNCERTAIN  # include uncertain women figures in worst-N lists

CSS = """
<style>
.st-key-present_stage .rr-title { font-size: 3rem; font-weight: 700; line-height: 1.15;
  margin: 0 0 .25rem; color: #111; }
.st-key-present_stage .rr-subtitle { font-size: 1.35rem; color: #333; margin: 0 0 .5rem; }
.st-key-present_stage .rr-warning { background: #b00020; color: #fff; font-weight: 700;
  font-size: 1.3rem; padding: .6rem 1rem; margin-bottom: .5rem; }
.st-key-present_stage li { font-size: 1.35rem; line-height: 1.4; margin-bottom: .5rem; }
.st-key-present_stage .rr-source { font-size: 1rem; color: #333; margin-top: .5rem; }
.st-key-present_stage table { border-collapse: collapse; font-size: 1.25rem; width: 100%; }
.st-key-present_stage th, .st-key-present_stage td { border: 1px solid #888;
  padding: .35rem .6rem; text-align: left; color: #111; }
.st-key-present_stage th { background: #e8e8e8; }
.st-key-present_stage .tiles { display: grid; grid-template-columns: repeat(4, 1fr); gap: 1rem; }
.st-key-present_stage .tile { background: #f2f2f2; padding: 1rem; color: #111; }
.st-key-present_stage .tile .value { font-size: 2.8rem; font-weight: 700; }
.st-key-present_stage .tile .label { font-size: 1.3rem; font-weight: 700; }
.st-key-present_stage .tile .note { font-size: 1rem; color: #333; }
.st-key-present_position p { font-size: 1.2rem; text-align: center; margin: 0; }
/* Streamlit dims the shortcut badge to 60%; on the buttons it fails WCAG contrast (axe). */
.st-key-present_prev kbd, .st-key-present_next kbd { opacity: 1 !important; }
</style>
"""
# Full-screen look: no sidebar, no Streamlit header, no settings; only the slide and the arrows.
CLEAN_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stHeader"], .st-key-present_intro, .st-key-present_settings,
.st-key-present_tools, .st-key-present_exports { display: none !important; }
.block-container, [data-testid="stMainBlockContainer"] { padding-top: 1rem !important;
  max-width: 100% !important; }
</style>
"""


# --------------------------------------------------------------------------- data


@st.cache_resource(show_spinner=False)
def _geometry(folder: str) -> tuple[static_map.Rings, static_map.Rings, pd.DataFrame]:
    # Read-only polygon arrays shared by all sessions (never mutated by core.outputs.slides).
    gemeenten = bundle.load_table("gemeenten_geo", folder)
    provinces = bundle.load_table("provincies_geo", folder)
    return (
        static_map.rings(gemeenten),
        static_map.rings(provinces, key="province_code"),
        static_map.anchors(gemeenten),
    )


def _imported() -> tuple[dict, pd.DataFrame | None]:
    """This session's imported indicators (page Gegevens)."""
    return imported.imported_catalogue(), imported.imported_values()


def context() -> slide_model.Context:
    """What the slides are built from: bundle, basket, map indicator, profiles, imports."""
    shapes, provinces, points = _geometry(str(paths.bundle_dir()))
    extra, extra_values = _imported()
    state = st.session_state
    return slide_model.Context(
        tables={name: cache.table(name) for name in bundle.TABLES},
        shapes=shapes,
        provinces=provinces,
        points=points,
        made_on=dt.date.today(),
        basket=tuple(state.get(frame.BASKET, [])),
        indicator_id=state.get(frame.MAP_INDICATOR),
        map_indicators=tuple(choices.chosen_maps()),
        profiles=tuple(choices.chosen_profiles()),
        zoom=zoom.zoom(),
        top_n=int(state.get(choices.TOP_N, slide_model.DEFAULT_TOP_N)),
        include_uncertain_gender=bool(state.get(UNCERTAIN, False)),
        extra=extra,
        extra_values=extra_values,
    )


# --------------------------------------------------------------------------- choices


def _key(slide_id: str) -> str:
    """Widget key of a slide's title input (CSS classes cannot hold the colon of profile ids)."""
    return "present_title_" + slide_id.replace(":", "_")


def sync_order(available: dict[str, str]) -> list[str]:
    """The chosen slide ids in the user's order; a slide that became available (a new map or
    profile) goes where the default order has it: after the slide it follows there."""
    state = st.session_state
    known = state.get(KNOWN, [])
    order = [i for i in state.get(ORDER, list(available)) if i in available]
    defaults = list(available)
    for new in [i for i in defaults if i not in known and i not in order]:
        before = [i for i in defaults[: defaults.index(new)] if i in order]
        order.insert(order.index(before[-1]) + 1 if before else 0, new)
    state[KNOWN] = list(available)
    state[ORDER] = order
    state[INDEX] = min(max(int(state.get(INDEX, 0)), 0), max(len(order) - 1, 0))
    return order


def render_slide_picker(available: dict[str, str]) -> list[str]:
    """Which slides, in the order they were picked (remove and add again to move one)."""
    state = st.session_state
    order = sync_order(available)
    titles = state.setdefault(TITLES, {})
    state["present_slides"] = order

    def remember() -> None:
        state[ORDER] = list(state["present_slides"])
        state[INDEX] = min(int(state.get(INDEX, 0)), max(len(state[ORDER]) - 1, 0))

    st.multiselect(
        "Dia's, in deze volgorde",
        list(available),
        format_func=lambda i: titles.get(i) or available[i],
        key="present_slides",
        on_change=remember,
        help="Haal een dia weg en kies hem opnieuw om hem achteraan te zetten.",
    )
    order = state[ORDER]
    if order:
        cols = st.columns(2)
        cols[0].button(
            "Huidige dia een plaats naar voren",
            key="present_move_up",
            on_click=_move,
            args=(-1,),
            disabled=state[INDEX] == 0,
        )
        cols[1].button(
            "Huidige dia een plaats naar achteren",
            key="present_move_down",
            on_click=_move,
            args=(1,),
            disabled=state[INDEX] >= len(order) - 1,
        )
    return order


def _move(step: int) -> None:
    state = st.session_state
    order = list(state[ORDER])
    i = state[INDEX]
    j = i + step
    if 0 <= j < len(order):
        order[i], order[j] = order[j], order[i]
        state[ORDER] = order
        state[INDEX] = j


def render_title_editor(slide_id: str, default: str) -> None:
    """The editable title of the slide on screen (blank = the standard title)."""
    state = st.session_state
    titles = state.setdefault(TITLES, {})
    key = _key(slide_id)
    state[key] = titles.get(slide_id, default)

    def remember() -> None:
        text = str(state[key]).strip()
        if text and text != default:
            titles[slide_id] = text
        else:
            titles.pop(slide_id, None)

    st.text_input(
        "Titel van deze dia",
        key=key,
        on_change=remember,
        max_chars=120,
        help="Wordt ook de titel in PowerPoint en in het HTML-pakket. Leeg = standaardtitel.",
    )


def _step(step: int) -> None:
    state = st.session_state
    state[INDEX] = min(max(state.get(INDEX, 0) + step, 0), max(len(state.get(ORDER, [])) - 1, 0))


# --------------------------------------------------------------------------- stage


def render_mode() -> bool:
    """The 'only the slide' toggle (on by default in Streamlit's ?embed=true view) and the CSS."""
    state = st.session_state
    if "present_clean" not in state:
        state["present_clean"] = bool(st.context.is_embedded)
    # Static CSS only (no user text), hence unsafe_allow_html.
    st.markdown(CSS + (CLEAN_CSS if state["present_clean"] else ""), unsafe_allow_html=True)
    return st.toggle(
        "Alleen de dia tonen (voor de beamer)",
        key="present_clean",
        help="Verbergt menu, uitleg en instellingen. Zet hem uit om alles weer te zien. Valt "
        "de onderkant van een kaart weg op een kleine beamer (1280 × 720)? Zoom de browser uit "
        "met Ctrl − (Cmd − op een Mac) tot de hele dia past.",
    )


def render_stage(slide: slide_model.Slide) -> None:
    """One slide in large type: title, data label, figure or table, bullets, source and date."""
    esc = safe.html
    with st.container(key="present_stage"):
        head = f'<h1 class="rr-title">{esc(slide.title)}</h1>'
        if slide.warning:
            head += f'<div class="rr-warning" role="note">{esc(slide.warning)}</div>'
        if slide.subtitle:
            head += f'<p class="rr-subtitle">{esc(slide.subtitle)}</p>'
        st.html(head)
        if slide.figure is not None:
            left, right = st.columns([7, 2])
            with left:
                st.plotly_chart(
                    slide.figure,
                    key="present_figure",
                    theme=None,
                    width="stretch",
                    config={"displaylogo": False, "scrollZoom": True},
                    alt=slide.alt,
                )
            if slide.bullets:
                right.html(offline_html.bullets_html(slide.bullets))
        elif slide.kind == "figures":
            st.html(offline_html.tiles_html(slide.tiles))
        else:
            if slide.table is not None:
                st.html(offline_html.table_html(slide.table))
            if slide.bullets:  # st.html refuses an empty body
                st.html(offline_html.bullets_html(slide.bullets))
        st.html(f'<p class="rr-source">{esc(slide.footer)}</p>')


def render_navigation(total: int) -> None:
    """Previous / position / next; Page Up and Page Down work too (presenter clickers)."""
    index = st.session_state.get(INDEX, 0)
    cols = st.columns([1, 2, 1], vertical_alignment="center")
    cols[0].button(
        "← Vorige",
        key="present_prev",
        on_click=_step,
        args=(-1,),
        disabled=index <= 0,
        shortcut="PageUp",
        width="stretch",
    )
    with cols[1].container(key="present_position"):
        st.markdown(f"Dia {index + 1} van {total}")
    cols[2].button(
        "Volgende →",
        key="present_next",
        on_click=_step,
        args=(1,),
        disabled=index >= total - 1,
        shortcut="PageDown",
        width="stretch",
        type="primary",
    )
