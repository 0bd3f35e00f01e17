"""Static images of plotly figures, rendered server-side by kaleido in the system Chromium.

The browser is found one way, by `browser_path()` (kaleido's own search: $BROWSER_PATH, then
PATH and the usual install folders, e.g. Debian's /usr/bin/chromium), and kaleido is handed that
path; the browser tests (tests/e2e/conftest.py) and the benchmarks use the same function. We
never ask kaleido to download a browser (`kaleido.get_chrome()` needs internet). MathJax is switched off: kaleido would otherwise load it
from a CDN, which hangs or fails in a meeting room without Wi-Fi, and our figures use no LaTeX.
All figures of one call are rendered in one browser session (the cold start is the slow part).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import os
import struct
from collections.abc import Sequence

import plotly.graph_objects as go

# Presentation resolution: 16:9, at least 1920 px wide (issue 7).
SLIDE_WIDTH = 1920
SLIDE_HEIGHT = 1080
SLIDE_SCALE = 1.5  # pictures on PowerPoint slides: laid out at 1280 x 720 px, rendered at 1920
TIMEOUT_S = 90.0
_LOG = logging.getLogger(__name__)

UNAVAILABLE = (
    "Afbeeldingen maken lukt niet op deze computer: de server kan de webbrowser Chromium niet "
    "gebruiken die daarvoor nodig is. De PowerPoint krijgt daarom geen kaarten als afbeelding en "
    "PNG-bestanden kunnen niet worden gemaakt. Het offline HTML-pakket werkt wel: daarin staan "
    "alle kaarten en grafieken, ook interactief."
)


class ImageError(RuntimeError):
    """Server-side rendering failed (no browser, browser crashed or timed out)."""


def browser_path() -> str | None:
    """The Chromium/Chrome that picture exports and the browser tests use, or None when there is
    none on this machine. Set $BROWSER_PATH to choose another one."""
    try:
        from choreographer.browsers.chromium import Chromium
    except ImportError:  # kaleido (and with it choreographer) is not installed
        return None
    try:
        # The same search kaleido makes when it starts a browser ($BROWSER_PATH, PATH, the
        # usual install folders); it only looks, it never downloads.
        path = Chromium.find_browser(skip_local=False)
    except Exception:  # noqa: BLE001 - any failure to look means: no usable browser
        return None
    # $BROWSER_PATH is returned as set, even when nothing is there.
    return path if path and os.path.isfile(path) and os.access(path, os.X_OK) else None


async def _render_all(figures: Sequence[dict], scale: float, path: str) -> list[bytes]:
    import kaleido

    async with kaleido.Kaleido(n=1, mathjax=False, timeout=TIMEOUT_S, path=path) as renderer:
        out = []
        for figure in figures:
            size = figure["layout"]
            opts = {"format": "png", "width": size["width"], "height": size["height"]}
            out.append(await renderer.calc_fig(figure, opts={**opts, "scale": scale}))
        return out


def _run(coroutine: object) -> list[bytes]:
    """Run a coroutine to the end, also when the caller already has an event loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def render_png(
    figures: Sequence[go.Figure | dict],
    width: int = SLIDE_WIDTH,
    height: int = SLIDE_HEIGHT,
    scale: float = 1.0,
    sizes: Sequence[tuple[int, int]] | None = None,
) -> list[bytes]:
    """PNG bytes of each figure at width × height layout pixels (times scale), or at its own
    size from `sizes` (a map's picture has its area's shape); ImageError on failure."""
    if not figures:
        return []
    dicts = [f.to_plotly_json() if isinstance(f, go.Figure) else f for f in figures]
    sizes = list(sizes) if sizes is not None else [(width, height)] * len(dicts)
    # Sizes in the layout would override ours; the slide carries the title.
    dicts = [
        {**d, "layout": {**d.get("layout", {}), "width": w, "height": h}}
        for d, (w, h) in zip(dicts, sizes, strict=True)
    ]
    path = browser_path()
    if path is None:
        raise ImageError(f"{UNAVAILABLE} (Technische melding: geen Chromium gevonden.)")
    try:
        images = _run(_render_all(dicts, scale, path))
    except Exception as error:  # noqa: BLE001 - kaleido/choreographer raise many kinds
        # The full text goes to the server log only: kaleido's own advice (download a browser)
        # is wrong for our users and for this app.
        _LOG.warning("kaleido could not render %d figure(s): %r", len(dicts), error)
        raise ImageError(f"{UNAVAILABLE} (Technische melding: {type(error).__name__}.)") from error
    for image in images:
        if not image.startswith(b"\x89PNG"):
            raise ImageError(f"{UNAVAILABLE} (Technische melding: geen PNG ontvangen.)")
    return images


def png_size(image: bytes) -> tuple[int, int]:
    """Width and height of a PNG, read from its header."""
    if not image.startswith(b"\x89PNG\r\n\x1a\n"):
        raise ValueError("Geen PNG-bestand.")
    return struct.unpack(">II", image[16:24])
