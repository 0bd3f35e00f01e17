"""Shared fixtures: the real raw data (when present) and the shipped bundle."""

from __future__ import annotations

import os
from pathlib import Path

import hypothesis
import pytest
from streamlit import config as st_config

from core import bundle, paths

RAW = Path(os.environ.get("RAADSRADAR_RAW", paths.DEFAULT_RAW_DIR))
# A page that fails shows the app's Dutch message with an error id (components.guards); in the
# tests the exception is raised again after it, so that AppTest's `at.exception` sees it.
os.environ.setdefault("RAADSRADAR_RAISE_ERRORS", "1")
# Visitors get no tracebacks (client.showErrorDetails = "none" in .streamlit/config.toml, which
# AppTest reads too); in AppTest a failing test should show its exception. (Servers started by
# the browser tests read config.toml themselves and run as in production.)
st_config.set_option("client.showErrorDetails", "full")


@pytest.fixture(scope="session")
def raw_dir() -> Path:
    if not RAW.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"raw data not found at {RAW}; CI must have ../shared beside the repo")
        pytest.skip(f"raw data not found at {RAW}")
    return RAW


@pytest.fixture(scope="session")
def built(raw_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The bundle rebuilt from the raw data in a temporary folder (tables + the folder)."""
    from core.build import prepare

    out = tmp_path_factory.mktemp("bundle")
    tables = prepare.build(raw_dir)
    prepare.write(tables, out)
    return {"tables": tables, "out": out}


@pytest.fixture(scope="session")
def shipped() -> dict:
    """The committed bundle's tables."""
    return {name: bundle.load_table(name) for name in (*bundle.TABLES, *bundle.GEO_TABLES)}


# Hypothesis checks correctness here, not speed: its default 200 ms deadline per example fails
# on a loaded 2-core machine (seen with two property tests) without any wrong result.
hypothesis.settings.register_profile("raadsradar", deadline=None)
hypothesis.settings.load_profile("raadsradar")


# The team workspace's database fixtures (SQLite and PostgreSQL), for tests in every folder.
pytest_plugins = ["tests.workspace_db"]
