"""Issue 23, item 6: the presentation's picture rendering shares no state between sessions.

Each session keeps its own render status; the render lock waits at most RENDER_WAIT_S and then
says, in Dutch, to try again; pictures of figures with imported data are cached per session,
never in the cache shared by all sessions."""

from __future__ import annotations

import threading
import time

import plotly.graph_objects as go
import pytest
from streamlit.testing.v1 import AppTest

from components.presenteren import exports
from core.outputs import images


def _session(script) -> AppTest:
    at = AppTest.from_function(script, default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    return at


@pytest.fixture
def fake_renderer(monkeypatch):
    """A renderer that counts its calls and can be told to fail; a browser is 'there'."""
    calls = {"n": 0, "fail": False}

    def render_png(figures, width=1920, height=1080, scale=1.0, sizes=None):
        calls["n"] += 1
        if calls["fail"]:
            raise images.ImageError("Chromium viel om")
        return [b"png-" + str(calls["n"]).encode() for _ in figures]

    monkeypatch.setattr(images, "render_png", render_png)
    monkeypatch.setattr(images, "browser_path", lambda: "/usr/bin/chromium")
    exports._published_pngs.clear()
    return calls


def _fails_then_asks() -> None:
    import contextlib

    import plotly.graph_objects as go
    import streamlit as st

    from components.presenteren import exports
    from core.outputs import images

    status, _ = exports.session_store()
    if st.session_state.get("fail_here"):
        with contextlib.suppress(images.ImageError):
            exports.pngs([go.Figure()], status)
    st.write(f"probleem: {exports.rendering_problem(status)}")


def test_one_sessions_failure_is_not_shown_to_another(fake_renderer) -> None:
    fake_renderer["fail"] = True
    first = AppTest.from_function(_fails_then_asks, default_timeout=60)
    first.session_state["fail_here"] = True
    first.run()
    assert "Chromium viel om" in first.markdown[0].value
    second = _session(_fails_then_asks)
    assert second.markdown[0].value == "probleem: None"


def test_a_busy_renderer_gives_a_dutch_message_instead_of_waiting_forever(
    fake_renderer, monkeypatch
) -> None:
    monkeypatch.setattr(exports, "RENDER_WAIT_S", 0.5)
    lock = exports._render_lock()
    assert lock.acquire(timeout=5)  # another session's render that hangs
    outcome: dict = {}

    def ask() -> None:
        status: dict = {}
        started = time.monotonic()
        try:
            exports.pngs([go.Figure()], status, {})
        except images.ImageError as error:
            outcome["error"] = str(error)
        outcome["seconds"] = time.monotonic() - started
        outcome["status"] = status

    worker = threading.Thread(target=ask, daemon=True)
    try:
        worker.start()
        worker.join(timeout=10)
        assert not worker.is_alive(), "the render waited for the lock without a timeout"
    finally:
        lock.release()
    assert outcome["error"] == exports.BUSY and "probeer het zo opnieuw" in exports.BUSY.lower()
    assert outcome["seconds"] < 5 and outcome["status"]["error"] == exports.BUSY
    assert fake_renderer["n"] == 0


def test_pictures_of_imported_data_stay_in_their_session(fake_renderer) -> None:
    figure = go.Figure(go.Bar(x=["Moeite (eigen import)"], y=[45.5]))
    status_a: dict = {}
    private_a: dict = {}
    private_b: dict = {}
    first = exports.pngs([figure], status_a, private_a)
    assert exports.pngs([figure], status_a, private_a) == first  # cached for this session
    assert fake_renderer["n"] == 1 and len(private_a) == 1
    # Another session with the same figure renders its own: nothing shared.
    exports.pngs([figure], {}, private_b)
    assert fake_renderer["n"] == 2
    # The shared cache never saw it: a published render of the same figure renders anew.
    exports.pngs([figure], {}, None)
    assert fake_renderer["n"] == 3
    exports.pngs([figure], {}, None)
    assert fake_renderer["n"] == 3  # published figures are shared (and that is fine)


def test_a_session_keeps_a_bounded_number_of_private_pictures(fake_renderer) -> None:
    private: dict = {}
    for n in range(exports.PRIVATE_KEEP + 4):
        exports.pngs([go.Figure(go.Bar(y=[n]))], {}, private)
    assert len(private) == exports.PRIVATE_KEEP


def test_a_slide_with_imported_data_uses_the_private_cache() -> None:
    from core.outputs import slide_model

    published = slide_model.Slide(id="a", kind="map", title="t", made_on=None, kinds=frozenset())
    own = slide_model.Slide(
        id="b", kind="map", title="t", made_on=None, kinds=frozenset({"imported"})
    )
    private: dict = {}
    assert exports._private([published], private) is None
    assert exports._private([published, own], private) is private
