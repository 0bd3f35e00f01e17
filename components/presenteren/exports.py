"""Pictures and downloads of the slides: PNGs through kaleido, PowerPoint, the offline HTML pack."""

from __future__ import annotations

import hashlib
import json
import threading
from urllib.parse import urlencode

import streamlit as st

from components.presenteren import stage
from core import selection
from core.outputs import images, offline_html, pptx_export, qr, slide_model, slides

# The server renders one set of pictures at a time (each render starts a Chromium, and the
# machine has two cores). Another session waits at most RENDER_WAIT_S for its turn, then gets
# BUSY instead of hanging: a hung render cannot block everyone's PowerPoint.
RENDER_WAIT_S = 30.0
BUSY = (
    "Bezig: de server maakt op dit moment afbeeldingen voor een andere presentatie. Probeer "
    "het zo opnieuw, over een halve minuut."
)
# Per session (st.session_state): the last rendering problem, and the pictures of figures that
# hold this session's imported data (never in a cache shared with other sessions).
STATUS = "present_render_status"  # {"error": str | None}
PRIVATE = "present_private_pngs"  # {figures key: PNG bytes}, at most PRIVATE_KEEP entries
PRIVATE_KEEP = 6


@st.cache_resource(show_spinner=False)
def _render_lock() -> threading.Lock:
    # One lock for the server: it holds no data, only the turn to use the browser.
    return threading.Lock()


Sizes = tuple[tuple[int, int], ...]


def _render(figure_json: tuple[str, ...], sizes: Sizes, scale: float) -> tuple[bytes, ...]:
    lock = _render_lock()
    if not lock.acquire(timeout=RENDER_WAIT_S):
        raise images.ImageError(BUSY)
    try:
        figures = [json.loads(f) for f in figure_json]
        return tuple(images.render_png(figures, sizes=sizes, scale=scale))
    finally:
        lock.release()


@st.cache_data(max_entries=24, show_spinner=False)
def _published_pngs(figure_json: tuple[str, ...], sizes: Sizes, scale: float) -> tuple[bytes, ...]:
    # Shared by all sessions, so only for figures of the published bundle (see pngs): keyed by
    # the figures' JSON, the same map gives the same image, whatever its slide title.
    return _render(figure_json, sizes, scale)


def session_store() -> tuple[dict, dict]:
    """This session's render status and private picture cache (made in the script run).

    Download callables run in another thread, without the session: they get these dicts.
    """
    status = st.session_state.setdefault(STATUS, {"error": None})
    private = st.session_state.setdefault(PRIVATE, {})
    return status, private


def pngs(
    figures: list,
    status: dict,
    private: dict | None = None,
    sizes: list[tuple[int, int]] | None = None,
    scale: float = 1.0,
) -> list:
    """PNG bytes per figure, at 1920 × 1080 or the given sizes (times scale); raises
    images.ImageError and notes it in this session's `status`.

    `private` (the session's own cache) for figures with imported data: they never reach the
    cache shared by all sessions. None for figures of the published bundle only.
    """
    sizes_key: Sizes = tuple(
        tuple(s) for s in (sizes or [(images.SLIDE_WIDTH, images.SLIDE_HEIGHT)] * len(figures))
    )
    if images.browser_path() is None:
        status["error"] = images.UNAVAILABLE
        raise images.ImageError(images.UNAVAILABLE)
    key = tuple(f.to_json() for f in figures)
    try:
        if private is None:
            result = _published_pngs(key, sizes_key, scale)
        else:
            digest = hashlib.sha256(repr((key, sizes_key, scale)).encode()).hexdigest()
            if digest not in private:
                rendered = _render(key, sizes_key, scale)
                while len(private) >= PRIVATE_KEEP:
                    private.pop(next(iter(private)))
                private[digest] = rendered
            result = private[digest]
    except images.ImageError as error:
        status["error"] = str(error)
        raise
    status["error"] = None
    return list(result)


def rendering_problem(status: dict) -> str | None:
    """A Dutch message when images cannot be made here or failed last time, else None."""
    if images.browser_path() is None:
        return images.UNAVAILABLE
    return status.get("error")


def _private(slides_: list[slide_model.Slide], private: dict) -> dict | None:
    """The session's cache when any of these slides holds imported data, else None (shared)."""
    return private if any("imported" in s.kinds for s in slides_) else None


def pptx_bytes(
    ids: list[str],
    titles: dict[str, str],
    ctx: slide_model.Context,
    link: qr.FollowLink,
    store: tuple[dict, dict] | None = None,
) -> bytes:
    """The deck as .pptx; without pictures (and saying so) when rendering fails or is busy."""
    status, private = store if store is not None else ({}, {})
    deck = slides.deck(ids, ctx, titles)
    with_figure = [s for s in deck if s.figure is not None]
    pictures: dict[str, bytes] = {}
    problem = ""
    if with_figure:
        try:
            rendered = pngs(
                [s.figure for s in with_figure],
                status,
                _private(with_figure, private),
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
    store = session_store()
    problem = rendering_problem(store[0])
    if problem:
        st.warning(problem)
    stamp = ctx.made_on.isoformat()
    cols = st.columns(2)
    cols[0].download_button(
        "PowerPoint downloaden (.pptx)",
        data=lambda: pptx_bytes(ids, titles, ctx, link, store),
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
    status, private = session_store()
    own = _private([slide], private)
    unavailable = images.browser_path() is None
    st.download_button(
        "Kaart of grafiek als PNG (1920 × 1080)",
        data=lambda: pngs([figure], status, own)[0],
        file_name=f"raadsradar_{slide.id.replace(':', '_')}.png",
        mime="image/png",
        key="present_png",
        on_click="ignore",
        disabled=unavailable,
        icon=":material/image:",
    )
