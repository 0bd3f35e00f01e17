"""Presenting at meetings: a slide show from the current state, PowerPoint and an offline pack."""

from __future__ import annotations

import streamlit as st

from components import frame
from components.presenteren import choices, exports, follow, stage
from core.outputs import slides

frame.ensure_frame()

with st.container(key="present_intro"):
    st.title("Presenteren")
    st.markdown(
        "Een presentatie uit wat u nu bekijkt: het landelijke beeld, de kaarten, de groepen, "
        "uw focusgemeenten (de selectie) en profielen. Kies de dia's en hun volgorde, pas titels "
        "aan, en download alles als PowerPoint of als HTML-pakket dat zonder internet werkt."
    )
stage.render_mode()

with (
    st.container(key="present_settings"),
    st.expander("Dia's kiezen, volgorde en profielen", expanded=False),
):
    choices.render_settings()
    ctx = stage.context()
    available = slides.options(ctx)
    order = stage.render_slide_picker(available)


@frame.fragment
def show() -> None:
    """The slide on screen and its controls (a fragment: stepping does not rerun the page)."""
    state = st.session_state
    order = state.get(stage.ORDER, [])
    if not order:
        st.info("Er zijn geen dia's gekozen. Kies ze onder 'Dia's kiezen'.")
        return
    slide_id = order[state.get(stage.INDEX, 0)]
    slide = slides.build(slide_id, ctx, state.get(stage.TITLES, {}).get(slide_id))
    # Controls above the slide, so they stay on screen on a small beamer.
    stage.render_navigation(len(order))
    stage.render_stage(slide)
    with st.container(key="present_tools"):
        cols = st.columns([2, 1], vertical_alignment="bottom")
        with cols[0]:
            stage.render_title_editor(slide_id, available[slide_id])
        with cols[1]:
            exports.render_png_download(slide)


show()
link = follow.follow_link(ctx)
follow.render_follow_along(link)

with st.container(key="present_exports"):
    st.header("Downloaden")
    exports.render_exports(order, ctx, link)
