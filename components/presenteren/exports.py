"""Pictures and downloads of the slides: PNGs through kaleido, PowerPoint, the offline HTML pack."""

from __future__ import annotations

import json
import threading
from urllib.parse import urlencode

import streamlit as st

from components.presenteren import stage
from core import selection
from core.outputs import images, offline_html, pptx_export, qr, slide_model, slides


@st.cache_resource(show_spinner=False)
def _render_status() -> dict:
    # Whether server-side rendering failed on this machine (a machine fact, shared on purpose).
    return {"error": None}


@st.cache_resource(show_spinner=False)
def _render_lock() -> threading.Lock:
    # One Chromium at a time: each render starts a browser, and the server has two cores.
    return threading.Lock()


@st.cache_data(max_entries=24, show_spinner=False)
def _pngs(
    figure_json: tuple[str, ...], sizes: tuple[tuple[int, int], ...], scale: float
) -> tuple[bytes, ...]:
    # Keyed by the figures' JSON: the same map gives the same image, whatever its slide title.
    with _render_lock():
        figures = [json.loads(f) for f in figure_json]
        return tuple(images.render_png(figures, sizes=sizes, scale=scale))


def pngs(figures: list, sizes: list[tuple[int, int]] | None = None, scale: float = 1.0) -> list:
    """PNG bytes per figure (cached), at 1920 × 1080 or the given sizes (times scale);
    raises images.ImageError and remembers the failure."""
    if images.browser_path() is None:
        _render_status()["error"] = images.UNAVAILABLE
        raise images.ImageError(images.UNAVAILABLE)
    sizes = sizes or [(images.SLIDE_WIDTH, images.SLIDE_HEIGHT)] * len(figures)
    try:
        result = list(_pngs(tuple(f.to_json() for f in figures), tuple(map(tuple, sizes)), scale))
    except images.ImageError as error:
        _render_status()["error"] = str(error)
        raise
    _render_status()["error"] = None
    return result


def rendering_problem() -> str | None:
    """A Dutch message when images cannot be made here, else None."""
    if images.browser_path() is None:
        return images.UNAVAILABLE
    return _render_status()["error"]


def pptx_bytes(
    ids: list[str], titles: dict[str, str], ctx: slide_model.Context, link: qr.FollowLink
) -> bytes:
    """The deck as .pptx; without pictures (and saying so) when rendering fails."""
    deck = slides.deck(ids, ctx, titles)
    with_figure = [s for s in deck if s.figure is not None]
    pictures: dict[str, bytes] = {}
    problem = ""
    if with_figure:
        try:
            rendered = pngs(
                [s.figure for s in with_figure],
                [s.picture_size for s in with_figure],
                images.SLIDE_SCALE,
            )
            pictures = {s.id: image for s, image in zip(with_figure, rendered, strict=True)}
        except images.ImageError as error:
            problem = str(error)
    return pptx_export.build(
        deck,
        pictures,
        slides.sources(deck),
        image_problem=problem,
        follow=(link.url, qr.png(link.url)),
        follow_note=qr.dropped_note(link.dropped) if link.dropped else "",
    )


def html_bytes(
    ids: list[str], titles: dict[str, str], ctx: slide_model.Context, link: qr.FollowLink
) -> bytes:
    deck = slides.deck(ids, ctx, titles)
    follow = (link.url, qr.svg(link.url, scale=5, title="QR-code naar de live weergave"))
    note = qr.dropped_note(link.dropped) if link.dropped else ""
    return offline_html.build(deck, slides.sources(deck), follow=follow, follow_note=note).encode(
        "utf-8"
    )


def render_exports(ids: list[str], ctx: slide_model.Context, link: qr.FollowLink) -> None:
    """PowerPoint and offline HTML of the chosen slides (made when clicked), and the embed link."""
    # The session's own titles dict, not a copy: a title edited on the slide (a fragment rerun,
    # which does not re-register these buttons) must still reach the file made on click.
    titles = st.session_state.setdefault(stage.TITLES, {})
    problem = rendering_problem()
    if problem:
        st.warning(problem)
    stamp = ctx.made_on.isoformat()
    cols = st.columns(2)
    cols[0].download_button(
        "PowerPoint downloaden (.pptx)",
        data=lambda: pptx_bytes(ids, titles, ctx, link),
        file_name=f"raadsradar_presentatie_{stamp}.pptx",
        mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
        key="export_pptx",
        on_click="ignore",
        disabled=not ids,
        icon=":material/slideshow:",
    )
    # Explanations as captions, not `help=`: with a tooltip Streamlit 1.67 draws the download
    # button twice inside its st-key container, which makes `.st-key-export_pptx button` ambiguous.
    cols[0].caption(
        "Eén PowerPoint-dia per dia hierboven, kaarten als afbeelding, bewerkbare titels, "
        "sprekersnotities met de cijfers en een dia met bronnen. Het maken duurt ongeveer tien "
        "seconden."
    )
    cols[1].download_button(
        "Offline HTML-pakket downloaden",
        data=lambda: html_bytes(ids, titles, ctx, link),
        file_name=f"raadsradar_presentatie_{stamp}.html",
        mime="text/html",
        key="export_html",
        on_click="ignore",
        disabled=not ids,
        icon=":material/offline_pin:",
    )
    cols[1].caption(
        "Eén bestand dat zonder internet werkt, ook vanaf een USB-stick: alle dia's met "
        "interactieve kaarten en grafieken en de tabellen erbij."
    )
    query = {"embed": "true", "sel": selection.serialise(list(ctx.basket))}
    if ctx.indicator_id:
        query["indicator"] = ctx.indicator_id
    st.caption(
        "Presenteren zonder menu's: zet hierboven 'Alleen de dia tonen' aan, of open "
        f"[deze pagina zonder Streamlit-menu]({'presenteren?' + urlencode(query)}) "
        "(een nieuw venster begint met de standaarddia's). Blader met de knoppen of met "
        "Page Down / Page Up."
    )


def render_png_download(slide: slide_model.Slide) -> None:
    """PNG of the map or chart on screen, 1920 × 1080 (made when clicked)."""
    if slide.figure is None:
        return
    figure = slide.figure
    unavailable = images.browser_path() is None
    st.download_button(
        "Kaart of grafiek als PNG (1920 × 1080)",
        data=lambda: pngs([figure])[0],
        file_name=f"raadsradar_{slide.id.replace(':', '_')}.png",
        mime="image/png",
        key="present_png",
        on_click="ignore",
        disabled=unavailable,
        icon=":material/image:",
    )
