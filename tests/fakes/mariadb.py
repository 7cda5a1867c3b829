"""A throwaway MariaDB server for the bridge tests: Debian's own `mariadbd` on a
temporary data directory, reachable only through a Unix socket in that
directory (`--skip-networking`), so parallel test sessions never meet.

`MariaDb.start()` runs `mariadb-install-db` and `mariadbd`, waits until the
socket answers, and `stop()` shuts it down and removes the folder. Each test
gets its own database (`fresh_database`) built from the ILS's table layout in
`tests/fakes/schema/` (and the bridge's own table), so tests never see each
other's loans.
"""

from __future__ import annotations

import itertools
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pymysql

SCHEMA_DIR = Path(__file__).resolve().parent / "schema"
BINARIES = ("mariadb-install-db", "mariadbd")
START_TIMEOUT_S = 60.0


def missing_binaries() -> list[str]:
    """Which of the server's programs are not installed (`make test` installs mariadb-server)."""
    path = os.environ.get("PATH", "") + os.pathsep + "/usr/sbin" + os.pathsep + "/usr/bin"
    return [name for name in BINARIES if shutil.which(name, path=path) is None]


def _binary(name: str) -> str:
    path = os.environ.get("PATH", "") + os.pathsep + "/usr/sbin" + os.pathsep + "/usr/bin"
    found = shutil.which(name, path=path)
    assert found, f"{name} is not installed"
    return found


class MariaDb:
    """One `mariadbd` process on a temporary folder; root logs in over the socket without a password."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="kiosk-mariadb-"))
        self.datadir = self.folder / "data"
        self.socket = str(self.folder / "sock")
        self._process: subprocess.Popen | None = None
        self._names = itertools.count(1)

    def start(self) -> MariaDb:
        as_root = ["--user=root"] if os.geteuid() == 0 else []
        install = subprocess.run(
            [
                _binary("mariadb-install-db"),
                "--no-defaults",
                f"--datadir={self.datadir}",
                "--auth-root-authentication-method=normal",
                "--skip-test-db",
                *as_root,
            ],
            capture_output=True,
            text=True,
        )
        if install.returncode != 0:
            raise RuntimeError(f"mariadb-install-db failed: {install.stdout}{install.stderr}")
        self._log = open(self.folder / "server.log", "wb")  # noqa: SIM115 - closed in stop()
        self._process = subprocess.Popen(
            [
                _binary("mariadbd"),
                "--no-defaults",
                f"--datadir={self.datadir}",
                f"--socket={self.socket}",
                f"--pid-file={self.folder / 'mariadbd.pid'}",
                "--skip-networking",
                "--skip-log-bin",
                "--innodb-buffer-pool-size=32M",
                "--max-connections=200",
                *as_root,
            ],
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            try:
                # A bare socket first: a PyMySQL connect that fails leaves its socket to the garbage collector.
                with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
                    probe.connect(self.socket)
                self.connect().close()
                return self
            except (OSError, pymysql.err.OperationalError):
                if self._process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"mariadbd did not start; see {self.folder / 'server.log'}") from None
                time.sleep(0.05)  # waiting for a server to come up, not a test timing

    def connect(self, database: str | None = None, user: str = "root", password: str = "") -> pymysql.Connection:
        return pymysql.connect(
            unix_socket=self.socket,
            user=user,
            password=password,
            database=database,
            autocommit=True,
            charset="utf8mb4",
            ssl_disabled=True,  # a local socket; PyMySQL would otherwise load the CA store on every connect
        )

    def execute_script(self, database: str, sql: str) -> None:
        """Statements separated by `;` at line ends (the schema files' form)."""
        with self.connect(database) as db, db.cursor() as cursor:
            for statement in _statements(sql):
                cursor.execute(statement)

    def fresh_database(self, *schema_files: str) -> str:
        """A new empty database with the given files of `tests/fakes/schema/` applied; returns its name."""
        name = f"lib{next(self._names)}"
        with self.connect() as db, db.cursor() as cursor:
            cursor.execute(f"CREATE DATABASE {name} CHARACTER SET utf8 COLLATE utf8_unicode_ci")
        for file in schema_files:
            self.execute_script(name, (SCHEMA_DIR / file).read_text(encoding="utf-8"))
        return name

    def stop(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        self._process = None
        if getattr(self, "_log", None) is not None:
            self._log.close()
            self._log = None
        shutil.rmtree(self.folder, ignore_errors=True)


def _statements(sql: str) -> list[str]:
    lines = [line for line in sql.splitlines() if not line.lstrip().startswith("--")]
    parts = (part.strip().rstrip(";").strip() for part in "\n".join(lines).split(";\n"))
    return [part for part in parts if part]


def mariadb_session():
    """The session fixture's body: one server for the whole run, skipped only when not installed."""
    import pytest

    missing = missing_binaries()
    if missing:
        pytest.skip(f"MariaDB server not installed ({', '.join(missing)}); `make test` installs mariadb-server")
    server = MariaDb().start()
    try:
        yield server
    finally:
        server.stop()
