"""What keeps a failure small and in Dutch: the legacy-mode switch with a rerun guard, and the
app's own error message with an id that is logged.

Streamlit's legacy pages/ mode (see platform-notes.md and README "Deep links on a fresh
server") is switched off through a private class attribute, `PagesManager.uses_pages_directory`.
If a Streamlit upgrade renamed it, switching it would do nothing and every deep link would rerun
forever; so every rerun made for the frame is counted per session, and past MAX_FRAME_RERUNS the
page stops with a message and a logged error id instead. tests/pages/test_guards.py checks that
the attribute exists in the installed Streamlit.

Visitors never see a traceback: the server runs with client.showErrorDetails = "none"
(.streamlit/config.toml, deploy/entrypoint.sh), and an exception in a page or fragment is shown
as `report_error`'s Dutch message with a short id; the traceback goes to the server log with the
same id, so a user can quote it and the team can find it.
"""

from __future__ import annotations

import logging
import os
import secrets

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

LOG = logging.getLogger("raadsradar")
LEGACY_FLAG = "uses_pages_directory"  # PagesManager's private class attribute (Streamlit 1.67)
MAX_FRAME_RERUNS = 3  # reruns in a row to get a page into the frame before it gives up
RERUNS = "_frame_reruns"  # session_state entry: reruns in a row made for the frame
# Set in the test suite: after the Dutch message, the exception is raised again so that
# AppTest's `at.exception` still sees it (a page that fails must fail its test).
RAISE_ENV = "RAADSRADAR_RAISE_ERRORS"

if not LOG.handlers:
    # The server log (container output): Streamlit configures only its own logger.
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    LOG.addHandler(_handler)
    LOG.setLevel(logging.INFO)


def legacy_mode_on() -> bool:
    """Whether Streamlit runs in its legacy pages/ mode (False when the flag is unknown)."""
    return bool(getattr(PagesManager, LEGACY_FLAG, False))


def leave_legacy_mode() -> None:
    """Switch Streamlit's legacy mode off for the server and rerun this request (counted)."""
    if hasattr(PagesManager, LEGACY_FLAG):
        setattr(PagesManager, LEGACY_FLAG, False)
    else:
        LOG.error(
            "streamlit.runtime.pages_manager.PagesManager has no attribute %r: deep links on a "
            "fresh server may not reach the frame (Streamlit upgraded?)",
            LEGACY_FLAG,
        )
    rerun_for_frame()


def rerun_for_frame() -> None:
    """Rerun so the request goes through dashboard.py; past MAX_FRAME_RERUNS, stop and say so."""
    count = int(st.session_state.get(RERUNS, 0)) + 1
    if count > MAX_FRAME_RERUNS:
        st.session_state[RERUNS] = 0
        error_id = new_error_id()
        LOG.error(
            "error %s: the page ran outside the frame %d times in a row; legacy pages/ mode could "
            "not be switched off (PagesManager.%s)",
            error_id,
            count - 1,
            LEGACY_FLAG,
        )
        st.error(
            "Deze pagina kon niet goed geladen worden. Open de app via het beginadres (zonder "
            "pad achter de naam) en kies de pagina in het menu. Blijft het misgaan, geef dan de "
            f"foutcode door aan het team. Foutcode: **{error_id}**."
        )
        st.stop()
    st.session_state[RERUNS] = count
    st.rerun()


def frame_reached() -> None:
    """The page runs inside the frame: the rerun count starts again."""
    st.session_state[RERUNS] = 0


def new_error_id() -> str:
    """A short id to quote: eight characters, easy to read out (no 0/O or 1/I)."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(8))


def report_error(exc: Exception, where: str) -> str:
    """Log the exception with a new id and show the app's Dutch message with that id."""
    error_id = new_error_id()
    LOG.error("error %s in %s", error_id, where, exc_info=exc)
    st.error(
        "Er ging iets mis op deze pagina; de rest van de app werkt nog. Probeer het opnieuw of "
        "kies een andere pagina. Blijft het misgaan, geef dan de foutcode door aan het team. "
        f"Foutcode: **{error_id}**."
    )
    if os.environ.get(RAISE_ENV):
        raise exc
    return error_id
