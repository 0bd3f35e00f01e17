"""Issue 23, items 4 and 7: the legacy-mode switch is guarded, and a failing page shows the
app's own Dutch message with an error id that is logged (never a traceback)."""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
import tomllib

import pytest
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from components import guards
from core import paths


def test_streamlit_still_has_the_private_flag_the_frame_switches() -> None:
    # components.frame relies on it (deep links on a fresh server): an upgrade that renames it
    # must fail here, not loop in production.
    assert guards.LEGACY_FLAG in vars(PagesManager)
    assert "bool" in str(PagesManager.__annotations__[guards.LEGACY_FLAG])


def _outside_the_frame() -> None:
    import streamlit as st

    from components import frame

    st.session_state["runs"] = st.session_state.get("runs", 0) + 1
    frame.ensure_frame()  # never in the frame here: it reruns, but only so often
    st.write("pagina")


def test_a_page_that_never_reaches_the_frame_stops_with_a_message(caplog) -> None:
    at = AppTest.from_function(_outside_the_frame, default_timeout=30)
    with caplog.at_level(logging.ERROR, logger="raadsradar"):
        at.run()
    assert not at.exception
    assert at.session_state["runs"] == guards.MAX_FRAME_RERUNS + 1
    assert len(at.error) == 1 and "Foutcode" in at.error[0].value
    error_id = re.search(r"\*\*([A-Z0-9]{8})\*\*", at.error[0].value).group(1)
    assert any(error_id in r.getMessage() for r in caplog.records)
    assert not [m for m in at.markdown if m.value == "pagina"]  # the page itself did not run


def test_a_renamed_flag_is_reported_and_still_cannot_loop(monkeypatch, caplog) -> None:
    monkeypatch.setattr(guards, "LEGACY_FLAG", "renamed_in_a_future_streamlit")
    at = AppTest.from_function(_outside_the_frame, default_timeout=30)
    with caplog.at_level(logging.ERROR, logger="raadsradar"):
        at.run()
    assert at.session_state["runs"] == guards.MAX_FRAME_RERUNS + 1
    assert any("has no attribute" in r.getMessage() for r in caplog.records)


def _failing_page() -> None:
    from components import frame

    class Page:
        url_path = "kapot"

        def run(self) -> None:
            raise ZeroDivisionError("/srv/app/core/geheim.py: interne fout")

    frame.run_page(Page())


def test_a_failing_page_shows_the_dutch_message_with_a_logged_id(monkeypatch, caplog) -> None:
    monkeypatch.delenv(guards.RAISE_ENV, raising=False)
    at = AppTest.from_function(_failing_page, default_timeout=30)
    with caplog.at_level(logging.ERROR, logger="raadsradar"):
        at.run()
    assert not at.exception  # no traceback element on the page
    message = at.error[0].value
    assert "Er ging iets mis" in message and "geheim.py" not in message
    error_id = re.search(r"\*\*([A-Z0-9]{8})\*\*", message).group(1)
    logged = [r for r in caplog.records if error_id in r.getMessage()]
    assert logged and logged[0].exc_info[0] is ZeroDivisionError  # the traceback is in the log


def test_in_the_test_suite_the_failure_still_reaches_apptest() -> None:
    assert guards.RAISE_ENV in os.environ
    at = AppTest.from_function(_failing_page, default_timeout=30)
    at.run()
    assert at.exception and "interne fout" in at.exception[0].value
    assert "Foutcode" in at.error[0].value


def test_visitors_never_see_tracebacks() -> None:
    config = tomllib.loads((paths.REPO_ROOT / ".streamlit" / "config.toml").read_text())
    assert config["client"]["showErrorDetails"] == "none"
    entrypoint = (paths.REPO_ROOT / "deploy" / "entrypoint.sh").read_text()
    assert re.search(r"--client\.showErrorDetails\s+none\b", entrypoint)
    shown = subprocess.run(
        [sys.executable, "-m", "streamlit", "config", "show"],
        cwd=paths.REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    assert re.search(r'^showErrorDetails = "none"$', shown, re.MULTILINE), "streamlit config show"


@pytest.mark.parametrize("value", ["none"])
def test_the_value_is_one_streamlit_knows(value: str) -> None:
    from streamlit import config

    option = config._config_options_template["client.showErrorDetails"]
    assert value in option.description
