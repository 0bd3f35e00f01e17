"""The room follows along: a short link and QR code to the live view of what is presented.

The link opens the map with the presented indicator and basket (`/kaart?indicator=..&sel=..`).
Its address is, in this order: $RAADSRADAR_PUBLIC_URL when set (per deployment, see README
"Hosting"), else the address the presenter's browser used to open the app (so a laptop on
another port, or a hosted app whose variable was forgotten, still gets a working link), else
the local default, and the caller says so.

A QR code holds at most about 2,900 characters of URL: a basket of every gemeente (342 codes)
does not fit. Above that, the code and the link open the view without the basket, and
`FollowLink.dropped` tells the caller to say so.
"""

from __future__ import annotations

import dataclasses
import io
import ipaddress
import os
from collections.abc import Mapping, Sequence
from urllib.parse import urlencode, urlsplit

import segno

PUBLIC_URL_ENV = "RAADSRADAR_PUBLIC_URL"
DEFAULT_PUBLIC_URL = "http://localhost:8501"
ERROR_LEVEL = "m"  # readable from the back of a room with a beamer's contrast

# Where the base address came from.
CONFIGURED = "configured"  # $RAADSRADAR_PUBLIC_URL
BROWSER = "browser"  # the address the browser used to open the app
DEFAULT = "default"  # nothing known: http://localhost:8501


@dataclasses.dataclass(frozen=True)
class Base:
    """The address the link starts with, and where it came from."""

    url: str
    origin: str  # CONFIGURED, BROWSER or DEFAULT

    @property
    def local_only(self) -> bool:
        """True when the address only works on the presenter's own computer."""
        return is_local(self.url)


@dataclasses.dataclass(frozen=True)
class FollowLink:
    """The live-view link for the room; `dropped` = gemeenten left out because the basket does
    not fit in a QR code (0 when the link carries the whole basket)."""

    url: str
    base: Base
    dropped: int = 0


def _http_base(value: str) -> str | None:
    parts = urlsplit(value.strip())
    if parts.scheme in ("http", "https") and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}{parts.path}".rstrip("/")
    return None


def browser_base(url: str | None, page_path: str = "") -> str | None:
    """The app's address from the URL of the page the browser shows (st.context.url): scheme,
    host, port and any path prefix, without the page's own path, query or anchor."""
    base = _http_base(url or "")
    if base is None:
        return None
    page = page_path.strip("/")
    if page and base.endswith("/" + page):
        base = base[: -len(page) - 1]
    return base


def header_base(headers: Mapping[str, str] | None) -> str | None:
    """The app's address from the request headers (Host, X-Forwarded-Proto/-Host) when the
    browser's URL is not known."""
    if not headers:
        return None
    lower = {str(k).lower(): str(v) for k, v in headers.items()}
    host = (lower.get("x-forwarded-host") or lower.get("host") or "").split(",")[0].strip()
    if not host or any(c in host for c in "/\\@ ?#"):
        return None
    scheme = (lower.get("x-forwarded-proto") or "http").split(",")[0].strip().lower()
    return _http_base(f"{scheme if scheme in ('http', 'https') else 'http'}://{host}")


def public_base(
    environ: Mapping[str, str] | None = None,
    browser_url: str | None = None,
    headers: Mapping[str, str] | None = None,
    page_path: str = "",
) -> Base:
    """The base address of the live-view link: the configured one, else the browser's, else
    the local default."""
    configured = _http_base((os.environ if environ is None else environ).get(PUBLIC_URL_ENV, ""))
    if configured:
        return Base(configured, CONFIGURED)
    seen = browser_base(browser_url, page_path) or header_base(headers)
    if seen:
        return Base(seen, BROWSER)
    return Base(DEFAULT_PUBLIC_URL, DEFAULT)


def public_base_url(environ: Mapping[str, str] | None = None) -> tuple[str, bool]:
    """(base URL without trailing slash, whether it was configured); without a browser."""
    base = public_base(environ)
    return base.url, base.origin == CONFIGURED


def is_local(url: str) -> bool:
    """Whether an address only works on the computer itself (localhost, 127.x, ::1)."""
    host = (urlsplit(url).hostname or "").lower()
    if host in ("localhost", "") or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def live_view_url(base: str, basket: Sequence[str], indicator_id: str | None) -> str:
    """The map with this indicator and basket; the same query the app itself reads."""
    query = {}
    if indicator_id:
        query["indicator"] = indicator_id
    if basket:
        query["sel"] = ",".join(basket)
    suffix = "?" + urlencode(query, safe=",") if query else ""
    return f"{base.rstrip('/')}/kaart{suffix}"


def fits(url: str) -> bool:
    """Whether a QR code (error correction M) can hold this URL."""
    try:
        _code(url)
    except segno.DataOverflowError:
        return False
    return True


def follow_link(base: Base, basket: Sequence[str], indicator_id: str | None) -> FollowLink:
    """The live view of this basket and indicator; without the basket when it does not fit
    in a QR code (a whole province or the country is a normal basket)."""
    url = live_view_url(base.url, basket, indicator_id)
    if fits(url):
        return FollowLink(url, base)
    return FollowLink(live_view_url(base.url, [], indicator_id), base, dropped=len(basket))


def dropped_note(dropped: int) -> str:
    """What the page and the closing slide say when the basket was left out of the link."""
    return (
        f"De selectie ({dropped} gemeenten) is te groot voor een QR-code: de code en de link "
        "openen de kaart zonder selectie. Deel de selectie als bestand (pagina Selectie)."
    )


def short_label(url: str) -> str:
    """The link as people type it: without the scheme."""
    return url.split("://", 1)[-1]


def _code(url: str) -> segno.QRCode:
    return segno.make_qr(url, error=ERROR_LEVEL, boost_error=True)


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
