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
import os
import sqlite3
import uuid as uuidlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from kiosk.errors import JournalError
from kiosk.models import Reason, Transaction, TxKind, TxState
from kiosk.private_files import create_private, site_secret, tighten, unwritable_folder
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
    # 3 -> 4: the outbox of emailed receipts. The address and the message are
    # erased (NULL) once sent or given up; the row stays as a record.
    """
    CREATE TABLE outbox (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        created_at  TEXT NOT NULL,
        channel     TEXT NOT NULL,
        address     TEXT,
        message     BLOB,
        state       TEXT NOT NULL,
        attempts    INTEGER NOT NULL DEFAULT 0,
        last_error  TEXT NOT NULL DEFAULT '',
        finished_at TEXT
    );
    CREATE INDEX outbox_state ON outbox(state, id);
    """,
    # 4 -> 5: how staff settled each sync conflict (diagnostics, `kiosk diag resolve`).
    """
    CREATE TABLE resolutions (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        tx_uuid     TEXT NOT NULL REFERENCES transactions(uuid),
        resolved_at TEXT NOT NULL,
        note        TEXT NOT NULL
    );
    """,
    # 5 -> 6: titles the catalog gave for item ids (no personal data), so a
    # row shown offline or from a damaged tag names its item, never its id.
    """
    CREATE TABLE title_cache (
        item_id TEXT PRIMARY KEY,
        title   TEXT NOT NULL,
        seen_at TEXT NOT NULL
    );
    """,
    # 6 -> 7: wrong-PIN counts per card (the lockout), and the slow PIN hashes of patrons who
    # signed in online recently, for the offline "verify" PIN policy. Cards only as keyed hashes.
    """
    CREATE TABLE pin_attempts (
        card_hash       TEXT PRIMARY KEY,
        failures        INTEGER NOT NULL,
        last_failure_at TEXT NOT NULL,
        locked_until    TEXT
    );
    CREATE TABLE offline_pins (
        card_hash TEXT PRIMARY KEY,
        pin_hash  TEXT NOT NULL,
        seen_at   TEXT NOT NULL
    );
    CREATE INDEX offline_pins_seen ON offline_pins(seen_at);
    """,
    # 7 -> 8: what runs every few seconds never reads years of history. Indexes for an
    # item's rows (a queued loan's later returns) and the rows still holding a card number
    # (the retention purge); row counts per (kind, state, offline) kept by triggers, for
    # the metrics and the sync queue's figures.
    """
    CREATE INDEX transactions_item ON transactions(item_id, id);
    CREATE INDEX transactions_with_card ON transactions(synced_at) WHERE patron_card IS NOT NULL;
    CREATE TABLE tallies (
        kind    TEXT NOT NULL,
        state   TEXT NOT NULL,
        offline INTEGER NOT NULL,
        n       INTEGER NOT NULL,
        PRIMARY KEY (kind, state, offline)
    ) WITHOUT ROWID;
    INSERT INTO tallies SELECT kind, state, offline, COUNT(*) FROM transactions GROUP BY kind, state, offline;
    CREATE TRIGGER tally_insert AFTER INSERT ON transactions BEGIN
        INSERT INTO tallies VALUES (NEW.kind, NEW.state, NEW.offline, 1)
            ON CONFLICT (kind, state, offline) DO UPDATE SET n = n + 1;
    END;
    CREATE TRIGGER tally_update AFTER UPDATE OF kind, state, offline ON transactions
    WHEN OLD.kind IS NOT NEW.kind OR OLD.state IS NOT NEW.state OR OLD.offline IS NOT NEW.offline BEGIN
        UPDATE tallies SET n = n - 1 WHERE kind = OLD.kind AND state = OLD.state AND offline = OLD.offline;
        INSERT INTO tallies VALUES (NEW.kind, NEW.state, NEW.offline, 1)
            ON CONFLICT (kind, state, offline) DO UPDATE SET n = n + 1;
    END;
    CREATE TRIGGER tally_delete AFTER DELETE ON transactions BEGIN
        UPDATE tallies SET n = n - 1 WHERE kind = OLD.kind AND state = OLD.state AND offline = OLD.offline;
    END;
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)
#: The salt every site was once told to change; refused, as it makes card hashes guessable.
OLD_DEFAULT_SALT = "change-me-per-site"
FINAL_STATES = (TxState.DONE, TxState.REFUSED)


def _marks(values: Sequence) -> str:
    """The placeholders of an ``IN (...)`` of these values."""
    return ",".join("?" * len(values))


def _chunks(values: list[str], size: int = 500) -> Iterator[list[str]]:
    """``values`` in runs well under SQLite's limit on bound values."""
    for at in range(0, len(values), size):
        yield values[at : at + size]


def _now() -> datetime:
    return datetime.now().astimezone()


def salt_path(journal_path: Path) -> Path:
    """Where the site's random card-hash salt is kept: beside the journal, as private as it."""
    return journal_path.with_name(journal_path.name + ".salt")


def check_place(path: Path) -> None:
    """What :meth:`Journal.open` will trip over, found without leaving anything behind
    (``kiosk check-config``): a folder the kiosk cannot write, a file that is not a journal,
    is damaged or comes from a newer kiosk. Raises JournalError saying what to do."""
    if (folder := unwritable_folder(path)) is not None:
        raise JournalError(
            f"journal folder {folder} is not a folder this user can write",
            hint="give the kiosk's user write access to it (chown/chmod), or point [journal] path elsewhere",
        )
    if not path.exists():
        return
    if not path.is_file() or not os.access(path, os.R_OK | os.W_OK):
        raise JournalError(
            f"journal {path} is not a file this user can read and write",
            hint="fix its owner and permissions (chown kiosk, chmod 600), or point [journal] path elsewhere",
        )
    ok, version = sqlite_health(path)
    if ok != "ok":
        raise _damaged(path, ok)
    if version > SCHEMA_VERSION:
        raise _too_new(path, version)


def sqlite_health(path: Path) -> tuple[str, int]:
    """("ok", user_version) of an existing SQLite file, or (what is wrong, 0); opened without
    creating anything (``mode=rw``) and closed again."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=rw", uri=True, timeout=10)
        try:
            return conn.execute("PRAGMA quick_check").fetchone()[0], conn.execute("PRAGMA user_version").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return str(exc), 0


def _damaged(path: Path, what: object) -> JournalError:
    return JournalError(
        f"journal {path} is damaged ({what})",
        hint=f"stop the kiosk, move {path.name} aside for the library's systems staff "
        "(it may hold unsynced loans), then start again",
    )


def _too_new(path: Path, version: int) -> JournalError:
    return JournalError(
        f"journal {path} has schema version {version}, newer than this kiosk's {SCHEMA_VERSION}",
        hint="run the newer kiosk version, or restore a backup",
    )


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
        if salt == OLD_DEFAULT_SALT:
            raise JournalError(
                f"journal {path}: the hash salt is the old example value {OLD_DEFAULT_SALT!r}",
                hint="remove hash_salt from [journal] (a random one is made beside the journal), "
                "or set a secret of your own",
            )
        try:
            create_private(path)  # 0600 in a 0700 folder before SQLite makes it (its -wal/-shm follow)
            salt = salt or site_secret(salt_path(path))
        except (OSError, ValueError) as exc:
            raise JournalError(
                f"journal {path} cannot be opened or created ({getattr(exc, 'strerror', None) or exc})",
                hint="point [journal] path to a folder the kiosk's user may write",
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
            tighten(path)  # a journal an older kiosk left readable to all
            opened = True
        except sqlite3.OperationalError as exc:
            raise JournalError(
                f"journal {path} cannot be opened for writing ({exc})",
                hint="check the file's and folder's permissions and free disk space",
            ) from exc
        except sqlite3.DatabaseError as exc:
            raise _damaged(path, exc) from exc
        finally:
            if not opened and conn is not None:
                conn.close()  # a journal that failed to open must not keep its file open
        return journal

    def _migrate(self) -> None:
        version = self._conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise _too_new(self.path, version)
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
        sql = f"SELECT {_COLUMNS} FROM transactions WHERE state IN ({_marks(states)}) ORDER BY id"
        return [_row(r) for r in self._read(sql, [s.value for s in states])]

    def rows_since(self, uuids: Iterable[str]) -> list[Transaction]:
        """The rows of these rows' items, from the oldest of them on, each item's in
        journal order: what a queued loan's replay must know of the returns after it.
        Read by index, so the years of history before them are never loaded."""
        first, items = None, set()
        for chunk in _chunks(sorted(set(uuids))):
            for row_id, item_id in self._read(
                f"SELECT id, item_id FROM transactions WHERE uuid IN ({_marks(chunk)})", chunk
            ):
                first = row_id if first is None else min(first, row_id)
                items.add(item_id)
        rows = []
        for chunk in _chunks(sorted(items)):
            sql = (
                f"SELECT {_COLUMNS} FROM transactions WHERE item_id IN ({_marks(chunk)}) AND id >= ?"
                " ORDER BY item_id, id"
            )
            rows += [_row(r) for r in self._read(sql, [*chunk, first])]
        return rows

    def count(self, *states: TxState) -> int:
        """How many rows are in any of ``states`` (by index: the sync pass asks this every time)."""
        sql = f"SELECT COUNT(*) FROM transactions WHERE state IN ({_marks(states)})"
        return self._read(sql, [s.value for s in states])[0][0]

    def counts(self) -> dict[str, int]:
        counts = {s.value: 0 for s in TxState}
        counts.update(dict(self._read("SELECT state, SUM(n) FROM tallies GROUP BY state")))  # kept by triggers
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
            # By the index of rows still holding a card: the years of erased history are never read.
            "UPDATE transactions INDEXED BY transactions_with_card SET patron_card = NULL WHERE patron_card IS NOT NULL"
            " AND state IN ('done', 'refused', 'resolved') AND synced_at IS NOT NULL AND synced_at <= ?",
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
        rows = self._read("SELECT kind, state, offline, n FROM tallies WHERE n > 0 ORDER BY kind, state, offline")
        return [(kind, state, bool(offline), n) for kind, state, offline, n in rows]

    def oldest_waiting_age_s(self) -> float:
        """Seconds since the oldest row still waiting for the catalog was made; 0 when none waits."""
        rows = self._read("SELECT MIN(created_at) FROM transactions WHERE state IN ('pending', 'queued', 'syncing')")
        if not rows or rows[0][0] is None:
            return 0.0
        return max(0.0, (self._clock() - datetime.fromisoformat(rows[0][0])).total_seconds())

    # -- PIN attempts and offline PINs (kiosk/pins.py decides; cards only as keyed hashes) --
    def pin_locked_until(self, card: str) -> datetime | None:
        """When this card's lockout ends, if it is locked now."""
        rows = self._read("SELECT locked_until FROM pin_attempts WHERE card_hash = ?", (self._card_hash(card),))
        until = datetime.fromisoformat(rows[0][0]) if rows and rows[0][0] else None
        return until if until and until > self._clock() else None

    def pin_failed(self, card: str, max_attempts: int, lockout: timedelta) -> datetime | None:
        """Count a wrong PIN; at ``max_attempts`` in a row the card is locked for ``lockout``
        (returned). A count older than the lockout starts again, as does one past a lockout."""
        now = self._clock()
        card_hash = self._card_hash(card)
        rows = self._read("SELECT failures, last_failure_at FROM pin_attempts WHERE card_hash = ?", (card_hash,))
        fresh = rows and datetime.fromisoformat(rows[0][1]) > now - lockout
        failures = (rows[0][0] if fresh else 0) % max_attempts + 1
        until = (now + lockout).isoformat(timespec="seconds") if failures >= max_attempts else None
        self._write(
            "INSERT INTO pin_attempts (card_hash, failures, last_failure_at, locked_until) VALUES (?, ?, ?, ?)"
            " ON CONFLICT(card_hash) DO UPDATE SET failures = excluded.failures,"
            " last_failure_at = excluded.last_failure_at, locked_until = excluded.locked_until",
            (card_hash, failures, now.isoformat(timespec="seconds"), until),
        )
        return datetime.fromisoformat(until) if until else None

    def pin_succeeded(self, card: str) -> None:
        self._write("DELETE FROM pin_attempts WHERE card_hash = ?", (self._card_hash(card),))

    def keep_offline_pin(self, card: str, pin_hash: str, *, keep_days: int, keep_at_most: int) -> None:
        """Keep a patron's slow PIN hash for offline sign-in; the oldest beyond ``keep_at_most``
        and any older than ``keep_days`` are erased on the way."""
        now = self._clock().isoformat(timespec="seconds")
        self._write(
            "INSERT INTO offline_pins (card_hash, pin_hash, seen_at) VALUES (?, ?, ?)"
            " ON CONFLICT(card_hash) DO UPDATE SET pin_hash = excluded.pin_hash, seen_at = excluded.seen_at",
            (self._card_hash(card), pin_hash, now),
        )
        self._write(
            "DELETE FROM offline_pins WHERE card_hash NOT IN"
            " (SELECT card_hash FROM offline_pins ORDER BY seen_at DESC, rowid DESC LIMIT ?)",
            (keep_at_most,),
        )
        self.forget_offline_pins(keep_days)

    def offline_pin(self, card: str, *, keep_days: int) -> str | None:
        """The kept PIN hash of a card seen online within ``keep_days``, or None."""
        cutoff = (self._clock() - timedelta(days=keep_days)).isoformat(timespec="seconds")
        rows = self._read(
            "SELECT pin_hash FROM offline_pins WHERE card_hash = ? AND seen_at > ?", (self._card_hash(card), cutoff)
        )
        return rows[0][0] if rows else None

    def forget_offline_pin(self, card: str) -> None:
        self._write("DELETE FROM offline_pins WHERE card_hash = ?", (self._card_hash(card),))

    def forget_offline_pins(self, keep_days: int) -> int:
        """Erase the PIN hashes of patrons not seen online for ``keep_days``."""
        cutoff = (self._clock() - timedelta(days=keep_days)).isoformat(timespec="seconds")
        return self._write("DELETE FROM offline_pins WHERE seen_at <= ?", (cutoff,)).rowcount

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

    # -- receipts outbox (kiosk/receipts/outbox.py) --------------------------
    def outbox_add(self, channel: str, address: str, message: bytes) -> int:
        """A message to send, durably, before the patron is told it is on its way."""
        cur = self._write(
            "INSERT INTO outbox (created_at, channel, address, message, state) VALUES (?, ?, ?, ?, 'waiting')",
            (self._clock().isoformat(timespec="seconds"), channel, address, message),
        )
        return cur.lastrowid

    def outbox_waiting(self, channel: str) -> list[OutboxRow]:
        rows = self._read(
            "SELECT id, created_at, address, message, attempts FROM outbox WHERE channel = ? AND state = 'waiting'"
            " ORDER BY id",
            (channel,),
        )
        return [OutboxRow(r[0], datetime.fromisoformat(r[1]), r[2], bytes(r[3]), r[4]) for r in rows]

    def outbox_finish(self, row_id: int, state: str, error: str = "") -> None:
        """``sent``, ``failed`` (refused for good) or ``expired``: the address and the message are erased."""
        self._write(
            "UPDATE outbox SET state = ?, address = NULL, message = NULL, last_error = ?, finished_at = ?,"
            " attempts = attempts + ? WHERE id = ?",
            (state, error, self._clock().isoformat(timespec="seconds"), int(state != "expired"), row_id),
        )

    def outbox_retry(self, row_id: int, error: str) -> None:
        """Not sent this time (the server could not be reached): it waits for the next pass."""
        self._write("UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?", (error, row_id))

    def outbox_expire(self, channel: str, older_than: timedelta) -> int:
        """Give up on messages waiting longer than the retention: erase their addresses."""
        cutoff = (self._clock() - older_than).isoformat(timespec="seconds")
        cur = self._write(
            "UPDATE outbox SET state = 'expired', address = NULL, message = NULL, finished_at = ?"
            " WHERE channel = ? AND state = 'waiting' AND created_at <= ?",
            (self._clock().isoformat(timespec="seconds"), channel, cutoff),
        )
        return cur.rowcount

    def outbox_counts(self) -> dict[str, int]:
        counts = {"waiting": 0, "sent": 0, "failed": 0, "expired": 0}
        counts.update(dict(self._read("SELECT state, COUNT(*) FROM outbox GROUP BY state")))
        return counts

    # -- diagnostics --
    def acknowledge_alert(self, alert_id: int) -> bool:
        """Staff saw it: the alert leaves the open list (it stays in the table). False if unknown or done."""
        return self._write("UPDATE alerts SET cleared = 1 WHERE id = ? AND cleared = 0", (alert_id,)).rowcount == 1

    def find_conflict(self, ref: str) -> Transaction | None:
        """The conflict a technician means by its uuid or a unique start of it (at least 8 characters)."""
        ref = ref.strip().lower()
        if len(ref) < 8:
            return None
        rows = self._read(
            f"SELECT {_COLUMNS} FROM transactions WHERE state = 'conflict' AND uuid LIKE ? ORDER BY id LIMIT 2",
            (ref.replace("%", "").replace("_", "") + "%",),
        )
        return _row(rows[0]) if len(rows) == 1 else None

    def resolve_conflict(self, tx_uuid: str, note: str) -> None:
        """Staff settled a conflict at the ILS: the row becomes ``resolved``, the note is kept,
        and the conflict's open alert is cleared; one transaction, so none is left half done."""
        now = self._clock().isoformat(timespec="seconds")
        try:
            with self._tx():
                cur = self._conn.execute(
                    "UPDATE transactions SET state = 'resolved', updated_at = ?, synced_at = ?"
                    " WHERE uuid = ? AND state = 'conflict'",
                    (now, now, tx_uuid),
                )
                if cur.rowcount != 1:
                    raise KeyError(tx_uuid)
                self._conn.execute(
                    "INSERT INTO resolutions (tx_uuid, resolved_at, note) VALUES (?, ?, ?)", (tx_uuid, now, note)
                )
                item_id = self._conn.execute("SELECT item_id FROM transactions WHERE uuid = ?", (tx_uuid,))
                self._conn.execute(
                    "UPDATE alerts SET cleared = 1 WHERE kind = 'sync_conflict' AND item_id = ? AND cleared = 0",
                    (item_id.fetchone()[0],),
                )
        except sqlite3.Error as exc:
            raise JournalError(
                f"journal {self.path}: write failed ({exc})",
                hint="check free disk space and the journal file's permissions",
            ) from exc
        log.info("conflict %s resolved by staff", tx_uuid)

    def resolution(self, tx_uuid: str) -> tuple[str, str] | None:
        """(resolved at, note) of a resolved conflict."""
        rows = self._read("SELECT resolved_at, note FROM resolutions WHERE tx_uuid = ? ORDER BY id DESC", (tx_uuid,))
        return rows[0] if rows else None

    # -- title cache (patron visit) ------------------------------------------
    def remember_titles(self, titles: dict[str, str]) -> None:
        """Keep the catalog's title of each item id; an empty title never overwrites a known one."""
        now = self._clock().isoformat(timespec="seconds")
        rows = [(item_id, title.strip(), now) for item_id, title in titles.items() if item_id and title.strip()]
        for row in rows:
            self._write(_REMEMBER_TITLE, row)

    def title_of(self, item_id: str) -> str | None:
        rows = self._read("SELECT title FROM title_cache WHERE item_id = ?", (item_id,))
        return rows[0][0] if rows else None


@dataclass(frozen=True)
class OutboxRow:
    id: int
    created_at: datetime
    address: str
    message: bytes
    attempts: int


_REMEMBER_TITLE = (
    "INSERT INTO title_cache (item_id, title, seen_at) VALUES (?, ?, ?)"
    " ON CONFLICT(item_id) DO UPDATE SET title = excluded.title, seen_at = excluded.seen_at"
)
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
