"""The bridge's connections to the ILS's MariaDB/MySQL database.

The driver is PyMySQL: pure Python, so the bridge installs with pip on any
library server without a C compiler or the MariaDB client headers
(mysqlclient needs both), and it is maintained (PyMySQL/PyMySQL). Its speed
is not what limits a SIP2 exchange (see `bench/ils_bridge.py`).

SLiMS's tables are MyISAM: no transactions and no row locks. Kiosks are kept
from lending one item twice with MariaDB's *named locks* (`GET_LOCK`), taken
on the connection that then does the writes: `Database.locked(names)` holds
them for one operation; they are released when it ends, or by the server
itself when the bridge dies and its connection drops.
"""

from __future__ import annotations

import hashlib
import logging
import queue
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

import pymysql

from kiosk.errors import KnownError

log = logging.getLogger(__name__)
# A pooled connection idle this long is pinged (and reopened) before use: MariaDB restarts, wait_timeout.
IDLE_PING_S = 30.0


class DatabaseError(KnownError):
    """The ILS's database cannot be reached or refused a statement."""


class LockBusy(Exception):
    """Another kiosk holds the item or the patron for longer than the lock timeout."""


@dataclass(frozen=True)
class DbConfig:
    database: str
    user: str
    password: str = field(default="", repr=False)
    host: str = "127.0.0.1"
    port: int = 3306
    socket: str = ""
    charset: str = "utf8mb4"
    connect_timeout_s: float = 5.0

    def describe(self) -> str:
        where = self.socket or f"{self.host}:{self.port}"
        return f"{self.user}@{where}/{self.database}"


class Database:
    """A small pool of PyMySQL connections (autocommit: MyISAM has no transactions anyway)."""

    def __init__(self, config: DbConfig, *, size: int = 8, lock_timeout_s: float = 5.0) -> None:
        self.config = config
        self.lock_timeout_s = lock_timeout_s
        self._idle: queue.LifoQueue[tuple[pymysql.Connection, float]] = queue.LifoQueue()
        self._slots = threading.BoundedSemaphore(size)
        self._closed = False

    def _open(self) -> pymysql.Connection:
        c = self.config
        # No TLS over a local socket (PyMySQL would load the CA store for each connection).
        where = {"unix_socket": c.socket, "ssl_disabled": True} if c.socket else {"host": c.host, "port": c.port}
        try:
            return pymysql.connect(
                **where,
                user=c.user,
                password=c.password,
                database=c.database,
                charset=c.charset,
                autocommit=True,
                connect_timeout=c.connect_timeout_s,
            )
        except pymysql.MySQLError as exc:
            raise DatabaseError(
                f"cannot connect to the ILS database {c.describe()} ({exc.args[-1] if exc.args else exc})",
                hint="check [backend] host/port or socket, user, password_env/password_file and database",
            ) from exc

    @contextmanager
    def connection(self) -> Iterator[pymysql.Connection]:
        """A connection for one operation; one that failed is dropped, not pooled."""
        self._slots.acquire()
        try:
            try:
                conn, idle_since = self._idle.get_nowait()
                if time.monotonic() - idle_since > IDLE_PING_S:  # the server may have restarted meanwhile
                    conn = self._alive_or_new(conn)
            except queue.Empty:
                conn = self._open()
            try:
                yield conn
            except (pymysql.err.OperationalError, pymysql.err.InterfaceError):
                conn.close()
                raise
            except BaseException:
                self._idle.put((conn, time.monotonic()))
                raise
            if self._closed:
                conn.close()
            else:
                self._idle.put((conn, time.monotonic()))
        finally:
            self._slots.release()

    def _alive_or_new(self, conn: pymysql.Connection) -> pymysql.Connection:
        try:
            conn.ping(reconnect=False)
            return conn
        except pymysql.MySQLError:
            log.info("a pooled database connection had been closed by the server: opening a new one")
            try:
                conn.close()
            except pymysql.MySQLError:
                pass
            return self._open()

    def check(self) -> str:
        """Connect once (start-up, `kiosk diag`): the server's version."""
        with self.connection() as conn, conn.cursor() as cursor:
            cursor.execute("SELECT VERSION()")
            return cursor.fetchone()[0]

    def close(self) -> None:
        self._closed = True
        while True:
            try:
                self._idle.get_nowait()[0].close()
            except queue.Empty:
                return


@contextmanager
def named_locks(conn: pymysql.Connection, names: Sequence[str], timeout_s: float) -> Iterator[None]:
    """Hold MariaDB named locks (GET_LOCK) on `conn` for the block: one round trip to take them
    all, in sorted order, so two operations wanting the same pair can never wait in a circle."""
    wanted = sorted(set(names))
    held: list[str] = []
    try:
        with conn.cursor() as cursor:
            cursor.execute(
                "SELECT " + ", ".join(["GET_LOCK(%s, %s)"] * len(wanted)), [x for n in wanted for x in (n, timeout_s)]
            )
            results = cursor.fetchone()
        held = [name for name, got in zip(wanted, results) if got == 1]
        if len(held) < len(wanted):
            raise LockBusy(next(name for name, got in zip(wanted, results) if got != 1))
        yield
    finally:
        if held:
            try:
                with conn.cursor() as cursor:
                    cursor.execute("SELECT " + ", ".join(["RELEASE_LOCK(%s)"] * len(held)), held)
            except pymysql.MySQLError:  # the connection is gone: the server has released them
                pass


def lock_name(database: str, kind: str, key: str) -> str:
    """A named lock per database, kind and key; MariaDB names are at most 64 characters."""
    name = f"kiosk:{database}:{kind}:{key}"
    if len(name) > 64:
        name = f"kiosk:{kind}:" + hashlib.sha1(f"{database}:{key}".encode()).hexdigest()
    return name


# -- one statement on a connection: what the backends read and write with --
def one(conn, sql: str, *args):
    """The first row, or None."""
    with conn.cursor() as cursor:
        cursor.execute(sql, args)
        return cursor.fetchone()


def all_rows(conn, sql: str, *args) -> list[tuple]:
    with conn.cursor() as cursor:
        cursor.execute(sql, args)
        return list(cursor.fetchall())


def write(conn, sql: str, *args) -> int:
    with conn.cursor() as cursor:
        cursor.execute(sql, args)
        return cursor.lastrowid if sql.lstrip().upper().startswith("INSERT") else cursor.rowcount
