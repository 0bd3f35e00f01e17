"""What the workspace's pieces share: the database engine (one per server process), messages
kept across a callback, and the escaping of typed text for markdown."""

from __future__ import annotations

import time

import streamlit as st
from sqlalchemy import Engine

from core import safe
from core.workspace import database, lists

CURRENT = "team_current_list"  # the chosen list's id (plain state: survives a failed load)
MESSAGES = "team_messages"  # area -> (kind, markdown text), shown once where the action was
DOWN_UNTIL = "team_db_down_until"  # after a failure, wait this long before trying again
PREVIOUS_BASKET = "team_previous_basket"  # the basket before a list was loaded (undo)
RETRY_S = 10.0


@st.cache_resource(show_spinner=False)
def _engine(url: str) -> Engine:
    """One engine per server process; the migrations run when it is made (a failure is not
    cached, so the next use tries again)."""
    return database.open_database(url)


def engine() -> Engine:
    """The workspace's engine; Unavailable while the database is away (retried after RETRY_S)."""
    state = st.session_state
    if time.monotonic() < state.get(DOWN_UNTIL, 0.0):
        raise database.Unavailable(database.UNAVAILABLE)
    try:
        return _engine(database.database_url())
    except database.Unavailable:
        went_down()
        raise


def went_down() -> None:
    st.session_state[DOWN_UNTIL] = time.monotonic() + RETRY_S


def say(area: str, kind: str, text: str) -> None:
    """Keep a message for the next run (callbacks cannot draw); `text` is markdown, escaped."""
    st.session_state.setdefault(MESSAGES, {})[area] = (kind, text)


def show(area: str) -> None:
    kind, text = st.session_state.get(MESSAGES, {}).pop(area, (None, None))
    if kind:
        getattr(st, kind)(text)


def failed(area: str, error: Exception) -> None:
    """A change that was not made: the reason, in Dutch, where the user acted."""
    if isinstance(error, database.Unavailable):
        went_down()
    say(area, "warning" if isinstance(error, lists.Stale) else "error", safe.markdown(str(error)))
