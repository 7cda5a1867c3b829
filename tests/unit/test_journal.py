"""The journal: durable before the patron sees a result, migrates forward,
refuses damaged files loudly, and forgets personal data on time."""

import os
import signal
import sqlite3
import subprocess
import sys
from contextlib import closing
from datetime import UTC, datetime, timedelta

import pytest

from kiosk.errors import JournalError
from kiosk.journal import MIGRATIONS, SCHEMA_VERSION, Journal
from kiosk.models import Reason, TxKind, TxState


def test_rows_move_through_the_design_states(tmp_path):
    j = Journal.open(tmp_path / "j.sqlite3", salt="s")
    tx = j.begin(TxKind.CHECKOUT, "ITEM1", "CARD1")
    assert tx.state is TxState.PENDING
    j.finish(tx.uuid, TxState.QUEUED, offline=True)
    j.finish(tx.uuid, TxState.SYNCING)
    j.finish(tx.uuid, TxState.DONE)
    done = j.get(tx.uuid)
    assert done.state is TxState.DONE and done.offline
    assert j.counts()["done"] == 1
    assert [t.uuid for t in j.in_state(TxState.DONE)] == [tx.uuid]
    j.close()


def test_the_figures_kept_by_triggers_match_the_rows_themselves(tmp_path):
    """Metrics and the sync queue read counts the triggers keep, not years of rows:
    after loans, returns, offline rows, state changes and a deletion they still agree."""
    j = Journal.open(tmp_path / "j.sqlite3", salt="s")
    made = [j.begin(kind, f"ITEM{n}", "CARD1") for n in range(6) for kind in (TxKind.CHECKOUT, TxKind.CHECKIN)]
    for tx, state in zip(made, [TxState.DONE, TxState.QUEUED, TxState.CONFLICT, TxState.REFUSED] * 3, strict=True):
        j.finish(tx.uuid, state, offline=state is TxState.QUEUED)
    j.finish(made[1].uuid, TxState.DONE)  # a queued row settles
    j._write("DELETE FROM transactions WHERE uuid = ?", (made[2].uuid,))
    truth = j._read("SELECT kind, state, offline, COUNT(*) FROM transactions GROUP BY kind, state, offline")
    assert j.tally() == [(kind, state, bool(offline), n) for kind, state, offline, n in sorted(truth)]
    by_state = dict(j._read("SELECT state, COUNT(*) FROM transactions GROUP BY state"))
    assert {s: n for s, n in j.counts().items() if n} == by_state
    assert j.count(TxState.QUEUED, TxState.CONFLICT) == by_state.get("queued", 0) + by_state.get("conflict", 0)
    j.close()


def test_wal_and_full_sync_are_on(tmp_path):
    path = tmp_path / "j.sqlite3"
    Journal.open(path).close()
    with closing(sqlite3.connect(path)) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


CHILD = """
import sys
from kiosk.journal import Journal
from kiosk.models import TxKind
j = Journal.open(sys.argv[1])
tx = j.begin(TxKind.CHECKOUT, "ITEM-KILLED", "CARD")
print(tx.uuid, flush=True)
sys.stdin.read()  # wait to be killed
"""


def test_a_committed_row_survives_sigkill(tmp_path):
    path = tmp_path / "j.sqlite3"
    # `with` closes the pipes once the child is dead.
    with subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path)],
        stdout=subprocess.PIPE,
        stdin=subprocess.PIPE,
        text=True,
        cwd=os.getcwd(),
    ) as child:
        tx_uuid = child.stdout.readline().strip()
        child.send_signal(signal.SIGKILL)
        child.wait()
    assert child.returncode == -signal.SIGKILL
    j = Journal.open(path)
    assert j.get(tx_uuid).item_id == "ITEM-KILLED"
    j.close()


def test_migrates_a_version_1_journal_without_losing_rows(tmp_path):
    path = tmp_path / "old.sqlite3"
    db = sqlite3.connect(path)
    db.executescript(MIGRATIONS[0])
    db.execute(
        "INSERT INTO transactions (uuid, kind, state, item_id, patron_card, created_at, updated_at, offline)"
        " VALUES ('u1', 'checkout', 'queued', 'ITEM', 'CARD', '2026-01-02T10:00:00+07:00',"
        " '2026-01-02T10:00:00+07:00', 1)"
    )
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()
    j = Journal.open(path)
    tx = j.get("u1")
    assert tx.state is TxState.QUEUED and tx.offline and tx.extra == {}
    j.remember_patron("CARD", blocked=True)  # a table version 2 added
    assert j.known_block("CARD") is Reason.PATRON_BLOCKED
    j.close()


def test_a_newer_journal_is_refused(tmp_path):
    path = tmp_path / "new.sqlite3"
    with closing(sqlite3.connect(path)) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(JournalError, match="newer"):
        Journal.open(path)


def test_a_damaged_journal_is_refused_and_kept(tmp_path):
    path = tmp_path / "j.sqlite3"
    path.write_bytes(b"this is not a database, it is a photo of a cat" * 100)
    with pytest.raises(JournalError) as err:
        Journal.open(path)
    assert "damaged" in err.value.message and "move" in err.value.hint
    assert path.read_bytes().startswith(b"this is not a database")  # never overwritten


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere")
def test_an_unwritable_folder_is_a_clear_error(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    with pytest.raises(JournalError, match="cannot"):
        Journal.open(locked / "sub" / "j.sqlite3")


def test_a_journal_path_that_is_a_folder_is_a_clear_error(tmp_path):
    (tmp_path / "j.sqlite3").mkdir()
    with pytest.raises(JournalError, match="cannot be opened"):
        Journal.open(tmp_path / "j.sqlite3")


def test_personal_data_is_erased_after_retention(tmp_path):
    now = [datetime(2026, 11, 1, 10, tzinfo=UTC)]
    j = Journal.open(tmp_path / "j.sqlite3", clock=lambda: now[0])
    synced = j.begin(TxKind.CHECKOUT, "A", "CARD")
    j.finish(synced.uuid, TxState.DONE)
    waiting = j.begin(TxKind.CHECKOUT, "B", "CARD")
    j.finish(waiting.uuid, TxState.QUEUED)
    conflict = j.begin(TxKind.CHECKOUT, "C", "CARD")
    j.finish(conflict.uuid, TxState.CONFLICT)
    now[0] += timedelta(days=6)
    assert j.purge_personal_data(7) == 0
    now[0] += timedelta(days=2)
    assert j.purge_personal_data(7) == 1
    assert j.get(synced.uuid).patron_card is None
    assert j.get(waiting.uuid).patron_card == "CARD"  # not synced yet: still needed
    assert j.get(conflict.uuid).patron_card == "CARD"  # staff still need it
    j.close()


def test_patron_cache_holds_no_card_numbers(tmp_path):
    path = tmp_path / "j.sqlite3"
    j = Journal.open(path, salt="site-secret")
    j.remember_patron("29001000000039", blocked=True, reason=Reason.PATRON_FINES)
    assert j.known_block("29001000000039") is Reason.PATRON_FINES
    assert j.known_block("29001000000013") is None
    j.close()
    stored = b"".join(f.read_bytes() for f in tmp_path.glob("j.sqlite3*"))
    assert b"29001000000039" not in stored


def test_the_journal_writes_through_to_disk_before_it_answers(tmp_path):
    """WAL with synchronous=FULL is what makes a committed row survive a power
    cut (a SIGKILL alone would not show OFF); the journal's own connection says so."""
    j = Journal.open(tmp_path / "j.sqlite3")
    try:
        assert j.durability() == ("wal", "full")
    finally:
        j.close()
