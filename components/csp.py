"""The Content-Security-Policy the proxy sends, as strict as Streamlit 1.67 allows.

Found in the browser (tests/e2e/test_cluster.py loads every page through the proxy and fails on
any CSP violation); README "Hosting" says the same in words:

- script-src 'self' plus two exceptions: the SHA-256 of the inline script in Streamlit's own
  index.html (`streamlit_scripts()`, read from the installed Streamlit), and of each script of
  this app (`inline_scripts()`: the ARIA repair, the Dutch voice, the zoom in the URL, the
  early map's swap and the return to the page after sign-in, which st.html runs as inline scripts); 'wasm-unsafe-eval' because
  Streamlit decodes its protobuf messages with WebAssembly. No 'unsafe-eval', no
  'unsafe-inline' for scripts: plotly.js and maplibre run without them.
- style-src 'unsafe-inline': Streamlit's components are styled by emotion, which writes <style>
  elements and style attributes at run time (no nonce support).
- img-src data: and blob: the map's early picture is an SVG data URI, and plotly's export
  button makes a blob; worker-src blob: maplibre (the map inside plotly) starts its worker
  from a blob URL. font-src data: for fonts inlined in Streamlit's CSS.
- connect-src 'self': the websocket /_stcore/stream and Streamlit's own requests (ws: to the
  same host and port is 'self' in CSP 3).
- frame-ancestors 'self' (with X-Frame-Options SAMEORIGIN for old browsers): only the app
  itself may frame it; object-src 'none', base-uri 'self', form-action 'self'.

A change to one of the app's inline scripts changes its hash: `python -m components.csp
--ingress` prints the lines for deploy/k8s's Ingress (tests/deploy compares them);
deploy.local renders the policy into the HAProxy config.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


def streamlit_scripts() -> list[str]:
    """The inline scripts of the installed Streamlit's index.html (one in 1.67)."""
    import streamlit

    index = Path(streamlit.__file__).parent / "static" / "index.html"
    return _SCRIPT.findall(index.read_text(encoding="utf-8"))


def inline_scripts() -> list[str]:
    """The bodies of the app's own inline scripts (what st.html runs)."""
    from components import account, frame

    return _SCRIPT.findall(frame.scripts_html() + account.scripts_html())


def script_hash(body: str) -> str:
    digest = hashlib.sha256(body.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def policy() -> str:
    """The Content-Security-Policy header value."""
    scripts = [*streamlit_scripts(), *inline_scripts()]
    hashes = " ".join(f"'{script_hash(body)}'" for body in scripts)
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self' {hashes} 'wasm-unsafe-eval'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "worker-src 'self' blob:",
            "frame-src 'self'",
            "frame-ancestors 'self'",
            "base-uri 'self'",
            "form-action 'self'",
            "object-src 'none'",
        ]
    )


# The other security headers, the same on every response.
HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "SAMEORIGIN",
}


def headers() -> dict[str, str]:
    return {**HEADERS, "Content-Security-Policy": policy()}


def ingress_snippet() -> str:
    """The Ingress's configuration-snippet lines (ingress-nginx) that send headers()."""
    return "\n".join(f'more_set_headers "{name}: {value}";' for name, value in headers().items())


if __name__ == "__main__":
    import sys

    print(ingress_snippet() if "--ingress" in sys.argv else policy())
