"""Fixtures for the team workspace's database: the same tests on SQLite and on a real
PostgreSQL (Debian's postgresql package, started by deploy.postgres; .ci/run installs it)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from deploy import postgres


@pytest.fixture(scope="session")
def pg_server() -> Iterator[postgres.Postgres]:
    """One throwaway PostgreSQL server for the whole test run."""
    try:
        postgres.bindir()
    except postgres.PostgresError as error:
        if os.environ.get("CI"):
            pytest.fail(str(error))
        pytest.skip(str(error))
    server = postgres.Postgres()
    try:
        server.start()
        yield server
    finally:
        server.cleanup()


def fresh_pg_url(server: postgres.Postgres) -> str:
    """A new, empty database on the shared server."""
    return server.create_database(f"t_{uuid.uuid4().hex[:16]}")


@pytest.fixture(params=["sqlite", "postgresql"])
def workspace_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty workspace database, once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'state' / 'werkruimte.sqlite3'}"
    return fresh_pg_url(request.getfixturevalue("pg_server"))
