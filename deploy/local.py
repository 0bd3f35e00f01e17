"""A local cluster: N app replicas (each started by deploy/entrypoint.sh, as in the image) on
loopback ports behind HAProxy on 127.0.0.1:PORT.

    python -m deploy.local --replicas 3 --port 8500
    python -m deploy.local --replicas 2 --port 8500 --postgres --secrets .streamlit/secrets.toml

Prints the URL and one line per replica, serves until SIGTERM/SIGINT (Ctrl-C), then stops every
process it started and removes its temporary folder (generated proxy config and logs).

The team workspace's database: every replica gets RAADSRADAR_DATABASE_URL from the environment,
or with --postgres a PostgreSQL server that this command starts for the cluster (Debian's
postgresql package; its data in --postgres-data DIR, kept, or in the temporary folder, removed).
--secrets FILE gives every replica the same [auth] settings (sign-in); its redirect_uri must be
this cluster's address (http://127.0.0.1:PORT/oauth2callback).
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import os
import secrets
import shutil
import signal
import socket
import string
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from pathlib import Path

from components import csp
from deploy import postgres

DEPLOY_DIR = Path(__file__).resolve().parent
REPO_ROOT = DEPLOY_DIR.parent
ENTRYPOINT = DEPLOY_DIR / "entrypoint.sh"
TEMPLATE = DEPLOY_DIR / "haproxy.cfg.template"
START_TIMEOUT_S = 120.0
STOP_TIMEOUT_S = 10.0


class ClusterError(RuntimeError):
    """A replica or the proxy did not start; the message holds the tail of its log."""


@dataclasses.dataclass
class Proc:
    name: str
    url: str
    process: subprocess.Popen[bytes]
    log_path: Path

    def log_tail(self, limit: int = 3000) -> str:
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError as error:
            return f"<no log: {error}>"
        return text[-limit:] if text.strip() else "<printed nothing>"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def haproxy_binary() -> str:
    found = shutil.which("haproxy") or next(
        (p for p in ("/usr/sbin/haproxy", "/usr/local/sbin/haproxy") if Path(p).exists()), None
    )
    if not found:
        raise ClusterError(
            "haproxy not found: install Debian's haproxy package (apt-get install haproxy)"
        )
    return found


def render_config(
    bind: str,
    replicas: Sequence[tuple[str, str]],
    check_inter: str = "2s",
    maxconn: int = 4096,
) -> str:
    """The HAProxy config for `replicas` ((name, "host:port"), ...) with the frontend on `bind`."""
    servers = "\n".join(f"    server {name} {address} cookie {name}" for name, address in replicas)
    return string.Template(TEMPLATE.read_text(encoding="utf-8")).substitute(
        BIND=bind,
        SERVERS=servers,
        CHECK_INTER=check_inter,
        MAXCONN=maxconn,
        CSP=csp.policy(),
    )


def health_ok(url: str, timeout: float = 2.0) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=timeout) as response:  # noqa: S310 - http URL we built
            return response.status == 200 and response.read().decode().strip() == "ok"
    except (urllib.error.URLError, OSError):
        return False


def stop_process(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=STOP_TIMEOUT_S)


class Cluster:
    """Start replicas + proxy; `stop()` ends every process this object started."""

    def __init__(
        self,
        replicas: int,
        port: int,
        check_inter: str = "2s",
        database_url: str | None = None,
        start_postgres: bool = False,
        postgres_data: Path | None = None,
        secrets_file: Path | None = None,
    ) -> None:
        if replicas < 1:
            raise ValueError("--replicas must be at least 1")
        self.n = replicas
        self.database_url = database_url or os.environ.get("RAADSRADAR_DATABASE_URL") or None
        self.start_postgres = start_postgres
        self.postgres_data = postgres_data
        self.postgres: postgres.Postgres | None = None
        self.secrets_file = secrets_file
        self.port = port
        self.check_inter = check_inter
        self.folder = Path(tempfile.mkdtemp(prefix="raadsradar-cluster-"))
        self.replicas: list[Proc] = []
        self.proxy: Proc | None = None
        self.url = f"http://127.0.0.1:{port}"
        # One cookie secret for all replicas: XSRF cookies stay valid after a failover.
        self.secret = os.environ.get("RAADSRADAR_COOKIE_SECRET") or secrets.token_hex(32)

    def _spawn(self, name: str, command: list[str], env: dict[str, str], url: str) -> Proc:
        log_path = self.folder / f"{name}.log"
        with log_path.open("wb") as log:
            process = subprocess.Popen(
                command,
                cwd=REPO_ROOT,
                stdout=log,
                stderr=subprocess.STDOUT,
                env=env,
                start_new_session=True,  # Ctrl-C reaches us only; we stop the children in order
            )
        return Proc(name, url, process, log_path)

    def start(self) -> None:
        try:
            self._start()
        except BaseException:
            self.stop()
            raise

    def _start(self) -> None:
        if self.start_postgres:
            try:
                self.postgres = postgres.Postgres(self.postgres_data)
                self.postgres.start()
            except postgres.PostgresError as error:
                raise ClusterError(f"PostgreSQL for the cluster did not start: {error}") from None
            self.database_url = self.postgres.url
        for i in range(1, self.n + 1):
            port = free_port()
            env = {
                **os.environ,
                "PORT": str(port),
                "ADDRESS": "127.0.0.1",
                "PYTHON": sys.executable,
                "PYTHONUNBUFFERED": "1",
                "RAADSRADAR_COOKIE_SECRET": self.secret,
                # The QR code on the presentation page points at this cluster's proxy.
                "RAADSRADAR_PUBLIC_URL": os.environ.get("RAADSRADAR_PUBLIC_URL") or self.url,
            }
            if self.database_url:
                env["RAADSRADAR_DATABASE_URL"] = self.database_url
            if self.secrets_file:
                env["STREAMLIT_SECRETS_FILES"] = str(self.secrets_file.resolve())
            self.replicas.append(
                self._spawn(f"r{i}", ["sh", str(ENTRYPOINT)], env, f"http://127.0.0.1:{port}")
            )
        deadline = time.monotonic() + START_TIMEOUT_S
        for replica in self.replicas:
            while not health_ok(replica.url):
                if replica.process.poll() is not None or time.monotonic() > deadline:
                    raise ClusterError(
                        f"replica {replica.name} ({replica.url}) did not become healthy:\n"
                        f"{replica.log_tail()}"
                    )
                time.sleep(0.25)
        config = render_config(
            f"127.0.0.1:{self.port}",
            [(r.name, r.url.removeprefix("http://")) for r in self.replicas],
            check_inter=self.check_inter,
        )
        config_path = self.folder / "haproxy.cfg"
        config_path.write_text(config, encoding="utf-8")
        binary = haproxy_binary()
        check = subprocess.run(
            [binary, "-c", "-q", "-f", str(config_path)], capture_output=True, text=True
        )
        if check.returncode != 0:
            raise ClusterError(f"haproxy rejected {config_path}:\n{check.stdout}{check.stderr}")
        self.proxy = self._spawn(
            "haproxy", [binary, "-db", "-f", str(config_path)], dict(os.environ), self.url
        )
        while not health_ok(self.url):
            if self.proxy.process.poll() is not None or time.monotonic() > deadline:
                raise ClusterError(
                    f"haproxy on {self.url} did not answer:\n{self.proxy.log_tail()}"
                )
            time.sleep(0.1)

    def stop(self) -> None:
        """Stop the proxy first (no new requests), then every replica, then the database this
        cluster started; remove the temp folder."""
        for proc in [p for p in [self.proxy, *self.replicas] if p is not None]:
            with contextlib.suppress(Exception):
                stop_process(proc.process)
        if self.postgres is not None:
            with contextlib.suppress(Exception):
                self.postgres.cleanup()
        shutil.rmtree(self.folder, ignore_errors=True)

    def describe(self) -> str:
        lines = [f"Raadsradar: {self.url}"]
        lines += [f"replica {r.name} {r.url} pid {r.process.pid}" for r in self.replicas]
        if self.proxy is not None:
            lines.append(
                f"proxy haproxy {self.url} pid {self.proxy.process.pid} config {self.folder}"
            )
        if self.database_url:
            lines.append(f"database {_hide_password(self.database_url)}")
        return "\n".join(lines)


def _hide_password(url: str) -> str:
    head, at, tail = url.rpartition("@")
    if not at or ":" not in head.split("//", 1)[-1]:
        return url
    scheme, _, credentials = head.partition("//")
    return f"{scheme}//{credentials.split(':', 1)[0]}:***@{tail}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m deploy.local", description=__doc__)
    parser.add_argument("--replicas", type=int, default=2, help="number of app replicas")
    parser.add_argument("--port", type=int, default=8500, help="proxy port on 127.0.0.1")
    parser.add_argument(
        "--check-interval", default="2s", help="HAProxy health check interval (e.g. 2s, 500ms)"
    )
    parser.add_argument(
        "--postgres",
        action="store_true",
        help="start a PostgreSQL server for the team workspace, shared by all replicas",
    )
    parser.add_argument(
        "--postgres-data",
        type=Path,
        help="keep that server's data in this folder (default: removed when the cluster stops); "
        "as root it must be reachable for the postgres user (e.g. under /var/tmp)",
    )
    parser.add_argument(
        "--secrets",
        type=Path,
        help="secrets.toml with the [auth] section (sign-in) for every replica",
    )
    args = parser.parse_args(argv)

    stopping = False

    def on_signal(signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)

    cluster = Cluster(
        args.replicas,
        args.port,
        check_inter=args.check_interval,
        start_postgres=args.postgres,
        postgres_data=args.postgres_data,
        secrets_file=args.secrets,
    )
    try:
        cluster.start()
    except ClusterError as error:
        print(f"deploy.local: {error}", file=sys.stderr)
        return 1
    print(cluster.describe(), flush=True)
    print("Ctrl-C stops the proxy and all replicas.", flush=True)
    status = 0
    try:
        while not stopping:
            assert cluster.proxy is not None
            if cluster.proxy.process.poll() is not None:
                print(f"deploy.local: haproxy exited:\n{cluster.proxy.log_tail()}", file=sys.stderr)
                status = 1
                break
            time.sleep(0.2)
    finally:
        cluster.stop()
        print("deploy.local: stopped", flush=True)
    return status


if __name__ == "__main__":
    raise SystemExit(main())
