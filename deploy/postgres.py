"""A throwaway PostgreSQL server for the local cluster (`python -m deploy.local --postgres`) and
the tests: initdb in a folder, pg_ctl on a free loopback port, trust authentication on
127.0.0.1 only. Debian's `postgresql` package provides the programs (/usr/lib/postgresql/N/bin).

PostgreSQL refuses to run as root; when we are root (CI, containers) every server program runs
as the `postgres` system user that Debian's package creates, and the folder is handed to it.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

DATABASE = "raadsradar"
START_TIMEOUT_S = 60


class PostgresError(RuntimeError):
    """PostgreSQL could not be found, initialised or started; the message says what to do."""


def bindir() -> Path:
    """The folder with initdb and pg_ctl: $RAADSRADAR_PG_BINDIR, else the newest Debian one."""
    if os.environ.get("RAADSRADAR_PG_BINDIR"):
        return Path(os.environ["RAADSRADAR_PG_BINDIR"])
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: int(Path(p).parents[1].name) if Path(p).parents[1].name.isdigit() else 0,
    )
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("initdb")
    if on_path:
        return Path(on_path).parent
    raise PostgresError(
        "PostgreSQL not found: install Debian's postgresql package (apt-get install postgresql) "
        "or set RAADSRADAR_PG_BINDIR to the folder holding initdb and pg_ctl"
    )


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Postgres:
    """One server in `folder` (made when None and removed by `cleanup`); start/stop at will.

    As root, the folder and every folder above it must be open to the postgres user (a
    private folder such as pytest's tmp_path is not); the default under /tmp is.
    """

    def __init__(self, folder: Path | None = None, port: int | None = None) -> None:
        self.own_folder = folder is None
        self.folder = Path(folder or tempfile.mkdtemp(prefix="raadsradar-pg-"))
        self.data = self.folder / "data"
        self.port = port or free_port()
        self.bin = bindir()
        self.user = "postgres" if os.geteuid() == 0 else None

    @property
    def url(self) -> str:
        """The SQLAlchemy URL of the app's database on this server."""
        return self.url_of(DATABASE)

    def url_of(self, database: str) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        """A new empty database (name: letters, digits, underscores); returns its URL."""
        if not name.replace("_", "").isalnum():
            raise ValueError(f"not a plain database name: {name!r}")
        self._psql(f"CREATE DATABASE {name}")
        return self.url_of(name)

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        command = [str(self.bin / args[0]), *args[1:]]
        if self.user:
            command = ["runuser", "-u", self.user, "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, cwd=self.folder)
        if check and result.returncode != 0:
            raise PostgresError(f"{args[0]} failed:\n{result.stdout}{result.stderr}")
        return result

    def _hand_over(self) -> None:
        if self.user:
            entry = pwd.getpwnam(self.user)
            for path in [self.folder, *self.folder.rglob("*")]:
                os.chown(path, entry.pw_uid, entry.pw_gid)

    def init(self) -> None:
        if (self.data / "PG_VERSION").exists():
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        self._hand_over()
        self._run(
            "initdb",
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )

    def start(self) -> None:
        """Start (initialising the folder the first time) and make sure the database exists."""
        self.init()
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.folder} "
            "-c fsync=off -c max_connections=100"
        )
        self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-o",
            options,
            "-l",
            str(self.folder / "server.log"),
            "-w",
            "-t",
            str(START_TIMEOUT_S),
            "start",
        )
        # DATABASE is a constant of this module, not input.
        exists = self._psql(f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE}'")  # noqa: S608
        if exists.strip() != "1":
            self._psql(f"CREATE DATABASE {DATABASE}")

    def _psql(self, sql: str) -> str:
        return self._run(
            "psql",
            "-h",
            "127.0.0.1",
            "-p",
            str(self.port),
            "-U",
            "postgres",
            "-d",
            "postgres",
            "-tA",
            "-c",
            sql,
        ).stdout

    def running(self) -> bool:
        return self._run("pg_ctl", "-D", str(self.data), "status", check=False).returncode == 0

    def stop(self) -> None:
        if self.data.exists() and self.running():
            self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop", check=False)

    def log_tail(self, limit: int = 3000) -> str:
        with contextlib.suppress(OSError):
            return (self.folder / "server.log").read_text(errors="replace")[-limit:]
        return "<no log>"

    def cleanup(self) -> None:
        """Stop the server; remove the folder when this object made it."""
        self.stop()
        if self.own_folder:
            shutil.rmtree(self.folder, ignore_errors=True)


@contextlib.contextmanager
def running(folder: Path | None = None) -> Iterator[Postgres]:
    server = Postgres(folder)
    try:
        server.start()
        yield server
    finally:
        server.cleanup()
