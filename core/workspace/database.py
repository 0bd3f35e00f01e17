"""Where the workspace's database is, how to connect, and its migrations.

RAADSRADAR_DATABASE_URL is a SQLAlchemy URL (hosted: postgresql+psycopg://user:pw@host/db).
Unset, the workspace uses a SQLite file in a state folder made on first use:
RAADSRADAR_STATE_DIR, else $XDG_STATE_HOME/raadsradar, else ~/.local/state/raadsradar.

Migrations (Alembic, in migrations/ beside this file) run when the app opens the database and
in the container's entrypoint (`python -m core.workspace migrate`). Replicas that start together
take turns: on PostgreSQL an advisory lock inside the upgrade's transaction, on SQLite (one
machine) a lock file next to the database.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, exc, make_url, text

URL_ENV = "RAADSRADAR_DATABASE_URL"
STATE_ENV = "RAADSRADAR_STATE_DIR"
SQLITE_FILE = "werkruimte.sqlite3"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# Any fixed 64-bit number; it names the lock that replicas take turns on while migrating.
LOCK_KEY = 7_342_026_001
CONNECT_TIMEOUT_S = 3


class Unavailable(RuntimeError):
    """The database cannot be reached or read; the message says so in Dutch."""


UNAVAILABLE = (
    "De teamwerkruimte kan de database nu niet bereiken. De rest van Raadsradar werkt gewoon; "
    "probeer het over een minuut opnieuw."
)


def state_dir() -> Path:
    """The folder for the embedded database (not created here)."""
    if os.environ.get(STATE_ENV):
        return Path(os.environ[STATE_ENV])
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "raadsradar"


def database_url() -> str:
    """The configured URL, or the embedded SQLite file's (its folder is made on first use)."""
    configured = os.environ.get(URL_ENV, "").strip()
    if configured:
        return configured
    return f"sqlite:///{state_dir() / SQLITE_FILE}"


def describe(url: str) -> str:
    """The URL without its password, for messages and logs."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except exc.ArgumentError:
        return "(ongeldige RAADSRADAR_DATABASE_URL)"


def create(url: str | None = None) -> Engine:
    """An engine that fails fast when the database is away (a page must not hang on it)."""
    url = url or database_url()
    try:
        parsed = make_url(url)
    except exc.ArgumentError as error:
        raise Unavailable(
            f"RAADSRADAR_DATABASE_URL is geen geldige database-URL ({error})."
        ) from None
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 5})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    connect_args: dict[str, object] = {}
    if parsed.get_backend_name() == "postgresql":
        # A stopped server answers at once; an unreachable host would hang without a timeout.
        connect_args = {
            "connect_timeout": CONNECT_TIMEOUT_S,
            "options": "-c statement_timeout=10000 -c lock_timeout=5000",
        }
    return create_engine(
        url,
        pool_pre_ping=True,  # a connection that died with the server is replaced, not used
        pool_size=5,
        max_overflow=5,
        pool_timeout=5,
        connect_args=connect_args,
    )


def _sqlite_pragmas(dbapi_connection: object, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")  # ON DELETE CASCADE for a list's entries
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head() -> str:
    """The newest migration's revision id."""
    return ScriptDirectory.from_config(_config()).get_current_head()


def current(engine: Engine) -> str | None:
    with unavailable_on_failure(), engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


@contextlib.contextmanager
def _sqlite_file_lock(engine: Engine) -> Iterator[None]:
    database = engine.url.database
    if not database or database == ":memory:":
        yield
        return
    with open(f"{database}.migrate-lock", "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def migrate(engine: Engine) -> None:
    """Bring the database to the newest schema; safe when several processes do it at once."""
    config = _config()
    with unavailable_on_failure():
        if engine.dialect.name == "sqlite":
            with _sqlite_file_lock(engine), engine.begin() as conn:
                config.attributes["connection"] = conn
                command.upgrade(config, "head")
            return
        with engine.begin() as conn:
            if engine.dialect.name == "postgresql":
                # Held until this transaction ends: the next replica reads the version table
                # only after this one's upgrade is committed, and finds nothing left to do.
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOCK_KEY})
            config.attributes["connection"] = conn
            command.upgrade(config, "head")


def open_database(url: str | None = None) -> Engine:
    """Engine + migrations: what the app calls once per process."""
    with unavailable_on_failure():
        engine = create(url)
    try:
        migrate(engine)
    except BaseException:
        engine.dispose()
        raise
    return engine


# Failures that mean "the database is not there or not usable now", as opposed to a bug.
_DOWN = (exc.OperationalError, exc.InterfaceError, exc.InternalError, exc.TimeoutError)


def is_down(error: BaseException) -> bool:
    if isinstance(error, _DOWN):
        return True
    if isinstance(error, exc.DBAPIError) and error.connection_invalidated:
        return True
    # sqlite3's "file is not a database" and similar arrive as the plain DatabaseError.
    return type(error) is exc.DatabaseError


@contextlib.contextmanager
def unavailable_on_failure() -> Iterator[None]:
    """Turn a database that is away into Unavailable (with a Dutch message); bugs pass through."""
    try:
        yield
    except OSError as error:  # the SQLite folder cannot be made or locked
        raise Unavailable(UNAVAILABLE) from error
    except exc.SQLAlchemyError as error:
        if is_down(error):
            raise Unavailable(UNAVAILABLE) from error
        raise
