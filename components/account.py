"""Sign-in with the organisation's identity provider (st.login, OpenID Connect) and who is
signed in: the [auth] section of .streamlit/secrets.toml turns it on; without it the app is
anonymous as before. Used by the sidebar (name and sign-out) and the Selectie page's workspace."""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from core import safe
from core.workspace import identity

LOGIN_KEY = "login"  # the contract's key for the sign-in button
REQUIRED = ("client_id", "client_secret", "server_metadata_url")
SHARED = ("redirect_uri", "cookie_secret")


def _auth_section() -> Mapping[str, object]:
    try:
        if not st.secrets.load_if_toml_exists():
            return {}
        section = st.secrets.get("auth")
    except Exception:  # an unreadable secrets file counts as no sign-in, never as a crash
        return {}
    return section if isinstance(section, Mapping) else {}


def provider() -> str | None:
    """The [auth] provider to use: None for the settings directly under [auth], else the name
    of the first [auth.<name>] section that has a client id."""
    section = _auth_section()
    if "client_id" in section:
        return None
    named = sorted(k for k, v in section.items() if isinstance(v, Mapping) and "client_id" in v)
    return named[0] if named else None


def missing_settings() -> list[str]:
    """Settings that [auth] lacks for st.login (empty when complete or when there is no [auth])."""
    section = _auth_section()
    if not section:
        return []
    name = provider()
    own = section.get(name, {}) if name else section
    missing = [f"[auth] {key}" for key in SHARED if key not in section]
    missing += [f"[auth{'.' + name if name else ''}] {key}" for key in REQUIRED if key not in own]
    return missing


def configured() -> bool:
    """True when .streamlit/secrets.toml has an [auth] section."""
    return bool(_auth_section())


def _claims() -> dict[str, object]:
    try:
        return dict(st.user.to_dict())
    except Exception:  # no script context (tests of pieces) or an unreadable cookie
        return {}


def current_user() -> identity.User | None:
    """The signed-in user, or None (also when sign-in is not configured)."""
    if not configured():
        return None
    return identity.from_claims(_claims())


def allowed(user: identity.User) -> bool:
    """Whether this user may use the team workspace (RAADSRADAR_ALLOWED_DOMAINS)."""
    return identity.is_allowed(user, _claims(), identity.allowed_domains())


def render_login() -> None:
    """The sign-in button (key `login`), or why sign-in cannot start."""
    missing = missing_settings()
    if missing:
        st.error(
            "Inloggen is niet volledig ingesteld: in `.streamlit/secrets.toml` ontbreekt "
            + ", ".join(f"`{m}`" for m in missing)
            + ". Vraag de beheerder dit aan te vullen (zie README, Hosting)."
        )
        return
    # No `help=`: with a tooltip Streamlit 1.67 draws the button twice in the page.
    if st.button("Inloggen", key=LOGIN_KEY, type="primary"):
        st.login(provider())


# Streamlit sends the browser to the home page after sign-in. So that a user who signs in on
# /selectie?sel=... comes back there with their basket, the page they were on is remembered in
# the tab's sessionStorage when they press the sign-in button, and opened again once they are
# signed in. Only a path on this origin is ever opened.
_REMEMBER_JS = """
<script>
(() => {
  if (window.__raadsradarLogin) return;
  window.__raadsradarLogin = true;
  document.addEventListener("click", (event) => {
    if (event.target.closest && event.target.closest(".st-key-login button")) {
      sessionStorage.setItem("raadsradar_after_login", location.pathname + location.search);
    }
  }, true);
})();
</script>
"""
_RETURN_JS = """
<script>
(() => {
  const back = sessionStorage.getItem("raadsradar_after_login");
  sessionStorage.removeItem("raadsradar_after_login");
  const here = location.pathname + location.search;
  if (back && back.startsWith("/") && !back.startsWith("//") && back !== here) {
    location.replace(back);
  }
})();
</script>
"""


def scripts_html() -> str:
    """This module's inline scripts (their hashes are in the proxy's CSP: components/csp.py)."""
    return _REMEMBER_JS + _RETURN_JS


def render_sidebar() -> None:
    """Sidebar: the signed-in user's name with sign-out beside it (nothing when sign-in is off)."""
    if not configured():
        return
    user = current_user()
    st.sidebar.html(_RETURN_JS if user else _REMEMBER_JS, unsafe_allow_javascript=True)
    if user is None:
        return
    with st.sidebar.container(key="account"):
        cols = st.columns([3, 2], vertical_alignment="center")
        cols[0].markdown(f"Ingelogd als **{safe.markdown(user.name, 60)}**")
        if cols[1].button("Uitloggen", key="logout"):
            st.logout()
