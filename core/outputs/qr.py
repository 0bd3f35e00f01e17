"""The room follows along: a short link and QR code to the live view of what is presented.

The link opens the map with the presented indicator and basket (`/kaart?indicator=..&sel=..`),
on the public address of the hosted app, which comes from $RAADSRADAR_PUBLIC_URL (set per
deployment, see README "Hosting"). Without it the local default is used and the caller says so.
"""

from __future__ import annotations

import io
import os
from collections.abc import Mapping, Sequence
from urllib.parse import urlencode, urlsplit

import segno

PUBLIC_URL_ENV = "RAADSRADAR_PUBLIC_URL"
DEFAULT_PUBLIC_URL = "http://localhost:8501"


def public_base_url(environ: Mapping[str, str] | None = None) -> tuple[str, bool]:
    """(base URL without trailing slash, whether it was configured)."""
    value = (os.environ if environ is None else environ).get(PUBLIC_URL_ENV, "").strip()
    parts = urlsplit(value)
    if parts.scheme in ("http", "https") and parts.netloc:
        return value.rstrip("/"), True
    return DEFAULT_PUBLIC_URL, False


def live_view_url(base: str, basket: Sequence[str], indicator_id: str | None) -> str:
    """The map with this indicator and basket; the same query the app itself reads."""
    query = {}
    if indicator_id:
        query["indicator"] = indicator_id
    if basket:
        query["sel"] = ",".join(basket)
    suffix = "?" + urlencode(query, safe=",") if query else ""
    return f"{base.rstrip('/')}/kaart{suffix}"


def short_label(url: str) -> str:
    """The link as people type it: without the scheme."""
    return url.split("://", 1)[-1]


def _code(url: str) -> segno.QRCode:
    # Error correction M: readable from the back of a room with a beamer's contrast.
    return segno.make_qr(url, error="m", boost_error=True)


def png(url: str, scale: int = 10) -> bytes:
    """The QR code as a PNG (black on white, a 4-module quiet zone)."""
    out = io.BytesIO()
    _code(url).save(out, kind="png", scale=scale, border=4, dark="#000000", light="#ffffff")
    return out.getvalue()


def svg(url: str, scale: int = 8, title: str = "") -> str:
    """The QR code as inline SVG (no XML declaration), for HTML."""
    out = io.BytesIO()
    _code(url).save(
        out, kind="svg", scale=scale, border=4, xmldecl=False, svgns=True, title=title or None
    )
    return out.getvalue().decode("utf-8")
