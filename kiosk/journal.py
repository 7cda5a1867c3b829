"""The write-ahead journal: every transaction is durable here before the
patron sees its result, and it is the outbox the syncer drains.

SQLite in WAL mode with ``synchronous=FULL`` (a committed row survives a
power cut), schema versioned with ``PRAGMA user_version`` and migrated
forward step by step. One connection, used by one thread: the
circulation worker (kiosk/worker.py) runs every read and write, the
syncer's included; tools that run no worker use it from their own thread.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import sqlite3
import uuid as uuidlib
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path

from kiosk.errors import JournalError
from kiosk.models import Reason, Transaction, TxKind, TxState
from kiosk.survey.answers import Answer, to_hour

log = logging.getLogger(__name__)

# Each entry takes the schema from version i to i+1. Never edit a shipped
# step: add a new one, so every kiosk in the field migrates the same way.
MIGRATIONS: list[str] = [
    # 0 -> 1: the transaction log.
    """
    CREATE TABLE transactions (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        uuid        TEXT NOT NULL UNIQUE,
        kind        TEXT NOT NULL,
        state       TEXT NOT NULL,
        item_id     TEXT NOT NULL,
        patron_card TEXT,
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL,
        due         TEXT,
        reason      TEXT,
        detail      TEXT NOT NULL DEFAULT '',
        offline     INTEGER NOT NULL DEFAULT 0,
        attempts    INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX transactions_state ON transactions(state, id);
    """,
    # 1 -> 2: sync bookkeeping, a privacy-preserving patron cache for the
    # offline policy, and staff alerts.
    """
    ALTER TABLE transactions ADD COLUMN synced_at TEXT;
    ALTER TABLE transactions ADD COLUMN extra TEXT NOT NULL DEFAULT '{}';
    UPDATE transactions SET synced_at = updated_at WHERE state IN ('done', 'refused');
    CREATE TABLE patron_cache (
        card_hash TEXT PRIMARY KEY,
        blocked   INTEGER NOT NULL,
        reason    TEXT,
        seen_at   TEXT NOT NULL
    );
    CREATE TABLE alerts (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        created_at TEXT NOT NULL,
        kind       TEXT NOT NULL,
        item_id    TEXT NOT NULL DEFAULT '',
        message    TEXT NOT NULL,
        cleared    INTEGER NOT NULL DEFAULT 0
    );
    """,
    # 2 -> 3: survey answers (anonymous: a random id and the hour, no card, patron or
    # session; WITHOUT ROWID, so not even the storage order follows the sessions'), the
    # survey periods staff start and stop, and each checkout session's length for the
    # usage report (the hour it ended, seconds, items; no card).
    """
    CREATE TABLE survey_answers (
        id      TEXT PRIMARY KEY,
        hour    TEXT,
        kind    TEXT NOT NULL,
        source  TEXT NOT NULL,
        answers TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX survey_answers_hour ON survey_answers(hour);
    CREATE TABLE survey_periods (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        started_at TEXT NOT NULL,
        stopped_at TEXT
    );
    CREATE TABLE visits (
        id      INTEGER PRIMARY KEY AUTOINCREMENT,
        hour    TEXT NOT NULL,
        seconds INTEGER NOT NULL,
        items   INTEGER NOT NULL,
        ended   TEXT NOT NULL
    );
    CREATE INDEX visits_hour ON visits(hour);
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)
FINAL_STATES = (TxState.DONE, TxState.REFUSED)


def _now() -> datetime:
    return datetime.now().astimezone()


class Journal:
    """Durable transaction log plus the caches the offline policy needs."""

    def __init__(
        self, conn: sqlite3.Connection, path: Path, *, salt: str, clock: Callable[[], datetime] = _now
    ) -> None:
        self._conn = conn
        self.path = path
        self._salt = salt.encode()
        self._clock = clock

    # -- opening -----------------------------------------------------------
    @classmethod
    def open(cls, path: str | Path, *, salt: str = "", clock: Callable[[], datetime] = _now) -> Journal:
        """Open (creating and migrating) the journal, or raise a JournalError
        that says what to do. A damaged file is never deleted or rewritten:
        it may hold loans that are not yet in the catalog."""
        path = Path(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise JournalError(
                f"journal folder {path.parent} cannot be created ({exc.strerror})",
                hint="point [journal] path to a writable folder",
            ) from exc
        conn, opened = None, False
        try:
            conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None, timeout=10)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("PRAGMA foreign_keys=ON")
            ok = conn.execute("PRAGMA quick_check").fetchone()[0]
            if ok != "ok":
                raise sqlite3.DatabaseError(ok)
            journal = cls(conn, path, salt=salt, clock=clock)
            journal._migrate()
            # A write proves the file and its folder are writable now, not at the first loan.
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("COMMIT")
            opened = True
        except sqlite3.OperationalError as exc:
            raise JournalError(
                f"journal {path} cannot be opened for writing ({exc})",
                hint="check the file's and folder's permissions and free disk space",
            ) from exc
        except sqlite3.DatabaseError as exc:
            raise JournalError(
                f"journal {path} is damaged ({exc})",
                hint=f"stop the kiosk, move {path.name} aside for the library's "
                "systems staff (it may hold unsynced loans), then start again",
            ) from exc
        finally:
            if not opened and conn is not None:
                conn.close()  # a journal that failed to open must not keep its file open
        return journal

    def _migrate(self) -> None:
        version = self._conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise JournalError(
                f"journal {self.path} has schema version {version}, newer than this kiosk's {SCHEMA_VERSION}",
                hint="run the newer kiosk version, or restore a backup",
            )
        for step in range(version, SCHEMA_VERSION):
            log.info("journal %s: migrating schema %d -> %d", self.path, step, step + 1)
            # One script, one transaction: a crash mid-migration leaves the old version intact.
            try:
                self._conn.executescript(
                    f"BEGIN IMMEDIATE; {MIGRATIONS[step]}; PRAGMA user_version = {step + 1}; COMMIT;"
                )
            except sqlite3.Error:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise

    def close(self) -> None:
        self._conn.close()

    def durability(self) -> tuple[str, str]:
        """(journal mode, synchronous) of this connection: ("wal", "full") is
        what makes a committed row survive a power cut; diagnostics show it."""
        mode = self._conn.execute("PRAGMA journal_mode").fetchone()[0]
        level = self._conn.execute("PRAGMA synchronous").fetchone()[0]
        return mode, {0: "off", 1: "normal", 2: "full", 3: "extra"}.get(level, str(level))

    @contextmanager
    def _tx(self):
        """One write, committed durably on exit (rolled back on error); inside
        :meth:`group` a savepoint, made durable by the group's commit."""
        begin, commit, rollback = (
            ("SAVEPOINT w", "RELEASE w", "ROLLBACK TO w")
            if self._conn.in_transaction
            else ("BEGIN IMMEDIATE", "COMMIT", "ROLLBACK")
        )
        self._conn.execute(begin)
        try:
            yield
        except BaseException:
            self._conn.execute(rollback)
            if begin.startswith("SAVEPOINT"):
                self._conn.execute("RELEASE w")
            raise
        self._conn.execute(commit)

    @contextmanager
    def group(self):
        """Group commit: the writes inside become durable together, in one
        fsync, when the block ends. The circulation worker wraps each batch of
        work in one, and lets no answer out and no request go to the catalog
        before it has ended (kiosk/worker.py), so "durable before shown" and
        "durable before sent" hold for every row of the batch."""
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise JournalError(
                f"journal {self.path}: cannot start writing ({exc})",
                hint="check free disk space and the journal file's permissions",
            ) from exc
        try:
            yield
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        try:
            self._conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise JournalError(
                f"journal {self.path}: write failed ({exc})",
                hint="check free disk space and the journal file's permissions",
            ) from exc

    def _write(self, sql: str, args: Iterable = ()) -> sqlite3.Cursor:
        try:
            with self._tx():
                return self._conn.execute(sql, tuple(args))
        except sqlite3.Error as exc:
            raise JournalError(
                f"journal {self.path}: write failed ({exc})",
                hint="check free disk space and the journal file's permissions",
            ) from exc

    def _read(self, sql: str, args: Iterable = ()) -> list[tuple]:
        return self._conn.execute(sql, tuple(args)).fetchall()

    # -- transactions ------------------------------------------------------
    def begin(self, kind: TxKind, item_id: str, patron_card: str | None, extra: dict | None = None) -> Transaction:
        """Record a request as ``pending``, durably, before the catalog is asked."""
        now = self._clock().isoformat(timespec="seconds")
        tx_uuid = str(uuidlib.uuid4())
        self._write(
            "INSERT INTO transactions (uuid, kind, state, item_id, patron_card, created_at, updated_at, extra)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (tx_uuid, kind.value, TxState.PENDING.value, item_id, patron_card, now, now, json.dumps(extra or {})),
        )
        return self.get(tx_uuid)

    def finish(
        self,
        tx_uuid: str,
        state: TxState,
        *,
        due: date | None = None,
        reason: Reason | str | None = None,
        detail: str = "",
        offline: bool | None = None,
        count_attempt: bool = False,
        extra: dict | None = None,
    ) -> None:
        """Move a row to its next state; ``synced_at`` is stamped when the
        catalog has its final word, which starts the privacy retention clock.
        ``extra`` is merged into the row's extra data."""
        now = self._clock().isoformat(timespec="seconds")
        reason_text = reason.value if isinstance(reason, Reason) else reason
        synced = now if state in FINAL_STATES or state is TxState.CONFLICT else None
        merged = json.dumps({**self.get(tx_uuid).extra, **extra}) if extra else None
        self._write(
            "UPDATE transactions SET state = ?, updated_at = ?, due = COALESCE(?, due), reason = ?, detail = ?,"
            " offline = COALESCE(?, offline), attempts = attempts + ?, synced_at = COALESCE(?, synced_at),"
            " extra = COALESCE(?, extra) WHERE uuid = ?",
            (
                state.value,
                now,
                due.isoformat() if due else None,
                reason_text,
                detail,
                None if offline is None else int(offline),
                int(count_attempt),
                synced,
                merged,
                tx_uuid,
            ),
        )

    def get(self, tx_uuid: str) -> Transaction:
        rows = self._read(f"SELECT {_COLUMNS} FROM transactions WHERE uuid = ?", (tx_uuid,))
        if not rows:
            raise KeyError(tx_uuid)
        return _row(rows[0])

    def in_state(self, *states: TxState) -> list[Transaction]:
        """Rows in any of ``states``, oldest first (the order they must replay in)."""
        marks = ",".join("?" * len(states))
        return [
            _row(r)
            for r in self._read(
                f"SELECT {_COLUMNS} FROM transactions WHERE state IN ({marks}) ORDER BY id", [s.value for s in states]
            )
        ]

    def counts(self) -> dict[str, int]:
        counts = {s.value: 0 for s in TxState}
        counts.update(dict(self._read("SELECT state, COUNT(*) FROM transactions GROUP BY state")))
        return counts

    def offline_count(self, patron_card: str) -> int:
        """Items lent offline to this patron that the catalog has not confirmed yet."""
        return self._read(
            "SELECT COUNT(*) FROM transactions WHERE patron_card = ? AND kind = 'checkout'"
            " AND state IN ('queued', 'syncing')",
            (patron_card,),
        )[0][0]

    def purge_personal_data(self, retention_days: int) -> int:
        """Forget patron identifiers of rows the catalog settled more than
        ``retention_days`` ago; conflicts keep theirs until staff resolve them."""
        cutoff = (self._clock() - timedelta(days=retention_days)).isoformat(timespec="seconds")
        cur = self._write(
            "UPDATE transactions SET patron_card = NULL WHERE patron_card IS NOT NULL"
            " AND state IN ('done', 'refused') AND synced_at IS NOT NULL AND synced_at <= ?",
            (cutoff,),
        )
        return cur.rowcount

    # -- patron cache (hashed: the journal never holds a card list) ---------
    def _card_hash(self, card: str) -> str:
        return hmac.new(self._salt, card.encode(), hashlib.sha256).hexdigest()

    def remember_patron(self, card: str, blocked: bool, reason: Reason | None = None) -> None:
        self._write(
            "INSERT INTO patron_cache (card_hash, blocked, reason, seen_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT(card_hash) DO UPDATE SET blocked = excluded.blocked, reason = excluded.reason,"
            " seen_at = excluded.seen_at",
            (
                self._card_hash(card),
                int(blocked),
                reason.value if reason else None,
                self._clock().isoformat(timespec="seconds"),
            ),
        )

    def known_block(self, card: str) -> Reason | None:
        rows = self._read("SELECT blocked, reason FROM patron_cache WHERE card_hash = ?", (self._card_hash(card),))
        if rows and rows[0][0]:
            return Reason(rows[0][1]) if rows[0][1] else Reason.PATRON_BLOCKED
        return None

    # -- staff alerts --------------------------------------------------------
    def add_alert(self, kind: str, message: str, item_id: str = "") -> None:
        log.warning("staff alert %s %s: %s", kind, item_id, message)
        self._write(
            "INSERT INTO alerts (created_at, kind, item_id, message) VALUES (?, ?, ?, ?)",
            (self._clock().isoformat(timespec="seconds"), kind, item_id, message),
        )

    def open_alerts(self) -> list[dict]:
        rows = self._read("SELECT id, created_at, kind, item_id, message FROM alerts WHERE cleared = 0 ORDER BY id")
        return [dict(zip(("id", "created_at", "kind", "item_id", "message"), r)) for r in rows]

    # -- metrics ------------------------------------------------------------
    def tally(self) -> list[tuple[str, str, bool, int]]:
        """(kind, state, offline, rows) for every combination present: what kiosk/metrics.py exposes."""
        return [
            (kind, state, bool(offline), n)
            for kind, state, offline, n in self._read(
                "SELECT kind, state, offline, COUNT(*) FROM transactions GROUP BY kind, state, offline"
            )
        ]

    def oldest_waiting_age_s(self) -> float:
        """Seconds since the oldest row still waiting for the catalog was made; 0 when none waits."""
        rows = self._read("SELECT MIN(created_at) FROM transactions WHERE state IN ('pending', 'queued', 'syncing')")
        if not rows or rows[0][0] is None:
            return 0.0
        return max(0.0, (self._clock() - datetime.fromisoformat(rows[0][0])).total_seconds())

    # -- survey (SKM) --------------------------------------------------------
    def add_survey_answer(self, answer: Answer) -> None:
        """An answer, durable; the same id again changes nothing."""
        self._write(
            "INSERT OR IGNORE INTO survey_answers (id, hour, kind, source, answers) VALUES (?, ?, ?, ?, ?)",
            (
                answer.id,
                answer.hour.isoformat(timespec="minutes") if answer.hour else None,
                answer.kind,
                answer.source,
                json.dumps(answer.to_json(), ensure_ascii=False),
            ),
        )

    def survey_answers(self, start: datetime | None = None, end: datetime | None = None) -> list[Answer]:
        """Answers given from ``start`` (inclusive) to ``end`` (exclusive), ordered by hour and random id."""
        rows = self._read(
            "SELECT id, hour, source, kind, answers FROM survey_answers WHERE (? IS NULL OR hour >= ?)"
            " AND (? IS NULL OR hour < ?) ORDER BY hour, id",
            [v for t in (start, end) for v in (t and t.isoformat(timespec="minutes"),) * 2],
        )
        return [Answer.from_json(r[0], r[1], r[2], r[3], json.loads(r[4])) for r in rows]

    def start_survey_period(self) -> bool:
        """Staff start a survey period (every patron is asked); False if one is already open."""
        if self.survey_period_open():
            return False
        self._write(
            "INSERT INTO survey_periods (started_at) VALUES (?)", (self._clock().isoformat(timespec="seconds"),)
        )
        return True

    def stop_survey_period(self) -> bool:
        """Close the open period; False if none was open."""
        cur = self._write(
            "UPDATE survey_periods SET stopped_at = ? WHERE stopped_at IS NULL",
            (self._clock().isoformat(timespec="seconds"),),
        )
        return cur.rowcount > 0

    def add_visit(self, seconds: int, items: int, ended: str) -> None:
        """A checkout session's length, for the usage report: ``ended`` "patron", "idle" or "switch"."""
        hour = to_hour(self._clock()).isoformat(timespec="minutes")
        self._write(
            "INSERT INTO visits (hour, seconds, items, ended) VALUES (?, ?, ?, ?)", (hour, seconds, items, ended)
        )

    def visits(self, start: datetime | None = None, end: datetime | None = None) -> list[tuple[str, int, int, str]]:
        """(hour, seconds, items, ended) of the sessions that ended from ``start`` to ``end`` (exclusive)."""
        return self._read(
            "SELECT hour, seconds, items, ended FROM visits WHERE (? IS NULL OR hour >= ?) AND (? IS NULL OR hour < ?)"
            " ORDER BY id",
            [v for t in (start, end) for v in (t and t.isoformat(timespec="minutes"),) * 2],
        )

    def transactions_between(self, start: datetime | None = None, end: datetime | None = None) -> list[Transaction]:
        """Rows created from ``start`` to ``end`` (exclusive, local time), oldest first, for reports."""
        rows = [_row(r) for r in self._read(f"SELECT {_COLUMNS} FROM transactions ORDER BY id")]
        return [
            tx
            for tx in rows
            if (start is None or tx.created_at.replace(tzinfo=None) >= start)
            and (end is None or tx.created_at.replace(tzinfo=None) < end)
        ]

    def survey_period_open(self) -> str | None:
        """When the open survey period started, or None."""
        rows = self._read("SELECT started_at FROM survey_periods WHERE stopped_at IS NULL ORDER BY id DESC LIMIT 1")
        return rows[0][0] if rows else None


_COLUMNS = (
    "uuid, kind, state, item_id, patron_card, created_at, updated_at, offline, due, reason, detail, attempts, extra"
)


def _row(r: tuple) -> Transaction:
    return Transaction(
        uuid=r[0],
        kind=TxKind(r[1]),
        state=TxState(r[2]),
        item_id=r[3],
        patron_card=r[4],
        created_at=datetime.fromisoformat(r[5]),
        updated_at=datetime.fromisoformat(r[6]),
        offline=bool(r[7]),
        due=date.fromisoformat(r[8]) if r[8] else None,
        reason=r[9],
        detail=r[10],
        attempts=r[11],
        extra=json.loads(r[12] or "{}"),
    )
