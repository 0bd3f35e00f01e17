"""The workspace's database: where it is, migrations (also when several replicas start at
once), and a database that goes away and comes back."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from core import paths
from core.workspace import database, lists, schema
from core.workspace.identity import User
from deploy import postgres

ANNA = User("anna@campagne.nl", "Anna", "anna@campagne.nl")


def test_unset_url_means_a_sqlite_file_in_a_state_folder_made_on_first_use(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(database.URL_ENV, raising=False)
    monkeypatch.setenv(database.STATE_ENV, str(tmp_path / "nieuw" / "state"))
    url = database.database_url()
    assert url == f"sqlite:///{tmp_path / 'nieuw' / 'state' / 'werkruimte.sqlite3'}"
    assert not (tmp_path / "nieuw").exists()
    engine = database.open_database()
    engine.dispose()
    assert (tmp_path / "nieuw" / "state" / "werkruimte.sqlite3").is_file()
    monkeypatch.delenv(database.STATE_ENV)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg"))
    assert database.state_dir() == tmp_path / "xdg" / "raadsradar"


def test_the_url_is_shown_without_its_password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(database.URL_ENV, "postgresql+psycopg://app:geheim@db.example/raadsradar")
    assert database.database_url().endswith("@db.example/raadsradar")
    assert "geheim" not in database.describe(database.database_url())
    with pytest.raises(database.Unavailable, match="geen geldige database-URL"):
        database.create("dit is geen url")


def test_migrations_build_exactly_the_declared_schema_and_run_twice(workspace_url: str) -> None:
    engine = database.open_database(workspace_url)
    try:
        assert database.current(engine) == database.head() == "0001"
        assert {"team_lists", "team_list_entries", "alembic_version"} <= set(
            inspect(engine).get_table_names()
        )
        with engine.connect() as conn:
            assert compare_metadata(MigrationContext.configure(conn), schema.Base.metadata) == []
        lists.create(engine, ANNA, "Blijft staan", "", ["GM0363"])
        database.migrate(engine)  # a restart: nothing to do, nothing lost
        assert [s.name for s in lists.all_lists(engine)] == ["Blijft staan"]
    finally:
        engine.dispose()


def _migrate_processes(url: str, n: int) -> list[subprocess.CompletedProcess[str]]:
    env = {**__import__("os").environ, database.URL_ENV: url}
    starts = [
        subprocess.Popen(
            [sys.executable, "-m", "core.workspace", "migrate"],
            cwd=paths.REPO_ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(n)
    ]
    done = []
    for process in starts:
        out, err = process.communicate(timeout=120)
        done.append(subprocess.CompletedProcess(process.args, process.returncode, out, err))
    return done


def test_replicas_starting_together_migrate_once(workspace_url: str) -> None:
    """Four `python -m core.workspace migrate` at once (as four replicas' entrypoints)."""
    done = _migrate_processes(workspace_url, 4)
    assert [p.returncode for p in done] == [0, 0, 0, 0], [p.stderr[-2000:] for p in done]
    assert all("at revision 0001" in p.stdout for p in done)
    engine = database.create(workspace_url)
    try:
        with engine.connect() as conn:
            rows = conn.exec_driver_sql("SELECT version_num FROM alembic_version").all()
        assert rows == [("0001",)]
    finally:
        engine.dispose()


def test_an_unreachable_database_is_reported_not_raised_as_a_crash(tmp_path: Path) -> None:
    port = postgres.free_port()  # nothing listens there
    url = f"postgresql+psycopg://postgres@127.0.0.1:{port}/raadsradar"
    with pytest.raises(database.Unavailable, match="kan de database nu niet bereiken"):
        database.open_database(url)
    done = _migrate_processes(url, 1)[0]
    assert done.returncode == 1 and "kan de database nu niet bereiken" in done.stderr
    # SQLite: the state folder cannot be made (a file is in its place).
    (tmp_path / "bezet").write_text("geen map")
    with pytest.raises(database.Unavailable):
        database.open_database(f"sqlite:///{tmp_path / 'bezet' / 'werkruimte.sqlite3'}")
    # SQLite: the file is not a database.
    (tmp_path / "kapot.sqlite3").write_bytes(b"dit is geen database" * 100)
    with pytest.raises(database.Unavailable):
        database.open_database(f"sqlite:///{tmp_path / 'kapot.sqlite3'}")


def test_postgres_stopped_mid_session_then_back(pg_server: postgres.Postgres) -> None:
    """The server goes away under an open engine: Unavailable, not a crash; back: it works.

    A server of its own (pg_server only proves PostgreSQL is installed): this one is stopped."""
    server = postgres.Postgres()
    try:
        server.start()
        engine = database.open_database(server.url)
        made = lists.create(engine, ANNA, "Voor de storing", "", ["GM0363"])
        server.stop()
        with pytest.raises(database.Unavailable):
            lists.all_lists(engine)
        with pytest.raises(database.Unavailable):
            lists.update_entry(engine, ANNA, made.id, "GM0363", 1, "benaderd", "Niet bewaard")
        server.start()
        assert [s.name for s in lists.all_lists(engine)] == ["Voor de storing"]
        entry = lists.update_entry(engine, ANNA, made.id, "GM0363", 1, "benaderd", "Nu wel")
        assert (entry.note, entry.version) == ("Nu wel", 2)
        engine.dispose()
    finally:
        server.cleanup()
