"""What an upload leaves in the session (issue 16, item 5): bytes only while they are needed."""

from __future__ import annotations

import re
import tomllib

from streamlit.testing.v1 import AppTest

from components import imported
from core import paths
from core.ingest import limits
from tests.core import xlsx_bombs

APP = str(paths.REPO_ROOT / "dashboard.py")
CSV = b"Gemeente;Waarde\nAmsterdam;1\nRotterdam;2\n"
OTHER = b"Gemeente;Score\nUtrecht;3\n"


def _page() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    at.switch_page("pages/data.py")
    return at.run()


def _upload(at: AppTest, name: str, data: bytes) -> AppTest:
    return at.file_uploader(key="upload").set_value((name, data, "text/csv")).run()


def _errors(at: AppTest) -> list[str]:
    """Error texts as the browser shows them (untrusted text arrives markdown-escaped)."""
    return [re.sub(r"\\(.)", r"\1", e.value) for e in at.error]


def _files(at: AppTest) -> dict[str, dict]:
    return {f["name"]: f for f in at.session_state["imported_files"].values()}


def test_streamlit_refuses_uploads_above_the_apps_own_limit() -> None:
    with (paths.REPO_ROOT / ".streamlit" / "config.toml").open("rb") as handle:
        config = tomllib.load(handle)
    assert config["server"]["maxUploadSize"] * 1024 * 1024 == limits.MAX_BYTES


def test_a_refused_file_keeps_its_report_but_not_its_bytes() -> None:
    at = _upload(_page(), "bom.xlsx", xlsx_bombs.dimension_bomb())
    assert not at.exception, at.exception
    assert any("geweigerd" in e and "16.384 kolommen" in e for e in _errors(at))
    stored = _files(at)["bom.xlsx"]
    assert stored["data"] is None and stored["size"] == len(xlsx_bombs.dimension_bomb())
    # Changing a reading setting does not read it again (no setting makes it readable).
    file_id = at.session_state["imported_current"]
    at.selectbox(key=f"upload_encoding_{file_id}").set_value("latin-1").run()
    assert not at.exception
    assert any("16.384 kolommen" in e for e in _errors(at))


def test_only_the_current_file_keeps_its_bytes() -> None:
    at = _upload(_page(), "eerste.csv", CSV)
    assert _files(at)["eerste.csv"]["data"] == CSV  # kept for re-reading and "origineel bestand"
    first_id = at.session_state["imported_current"]
    at = _upload(at, "tweede.csv", OTHER)
    assert not at.exception, at.exception
    files = _files(at)
    assert files["eerste.csv"]["data"] is None and files["tweede.csv"]["data"] == OTHER
    assert first_id not in at.session_state["imported_reports"]


def test_a_large_file_lets_go_of_its_bytes_once_read(monkeypatch) -> None:
    monkeypatch.setattr(imported, "KEEP_BYTES", 20)
    at = _upload(_page(), "groot.csv", CSV)
    assert not at.exception, at.exception
    assert _files(at)["groot.csv"]["data"] is None
    # The uploader still holds the file: another reading setting still reads it.
    file_id = at.session_state["imported_current"]
    at.selectbox(key=f"upload_delimiter_{file_id}").set_value("komma ,").run()
    assert not at.exception, at.exception
    report = at.session_state["imported_reports"][file_id][1]
    assert report.table is not None and list(report.table.frame.columns) == ["Gemeente;Waarde"]
    assert _files(at)["groot.csv"]["data"] is None
