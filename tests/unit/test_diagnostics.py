"""The Qt-free half of diagnostics: USB drives, the export archive, the
status report's exit codes, conflicts resolved in the journal."""

from __future__ import annotations

import tarfile
from datetime import datetime

import pytest

from kiosk.cli import main
from kiosk.diagnostics import (
    EXIT_CATALOG,
    EXIT_CONFLICTS,
    EXIT_DEVICE,
    DiagnosticsError,
    exit_code,
    export_archive,
    removable_drives,
    resolve_conflict,
)
from kiosk.journal import Journal
from kiosk.models import TxKind, TxState


def test_removable_drives_are_found_under_media_or_by_sys_block(tmp_path):
    stick, card, home = tmp_path / "media" / "kiosk" / "STICK", tmp_path / "mnt" / "card", tmp_path / "home"
    for path in (stick, card, home):
        path.mkdir(parents=True)
    sys_block = tmp_path / "sys"
    for disk, removable in (("sda", "0"), ("mmcblk0", "1")):
        (sys_block / disk).mkdir(parents=True)
        (sys_block / disk / "removable").write_text(removable + "\n")
    mounts = tmp_path / "mounts"
    mounts.write_text(
        f"/dev/sda2 {home} ext4 rw 0 0\n"
        f"/dev/sdb1 {stick} vfat rw 0 0\n"
        f"/dev/mmcblk0p1 {card} vfat rw 0 0\n"
        "proc /proc proc rw 0 0\n"
    )
    found = removable_drives(mounts, sys_block, roots=(str(tmp_path / "media"),))
    assert found == [stick, card]
    assert removable_drives(tmp_path / "no-such-file", sys_block) == []


def test_export_archive_holds_the_log_and_the_status_and_nothing_half_written(tmp_path):
    now = datetime(2026, 12, 1, 10, 30, 5).astimezone()
    path = export_archive(tmp_path, ["line one", "line two"], {"ok": True}, kiosk_name="Kiosk Demo 1", now=now)
    assert path.name == "kiosk-diag-Kiosk-Demo-1-20261201-103005.tar.gz"
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no .part left
    with tarfile.open(path) as tar:
        assert tar.extractfile("kiosk.log").read() == b"line one\nline two\n"
        assert tar.extractfile("status.json").read() == b'{\n  "ok": true\n}'
    with pytest.raises(DiagnosticsError, match="not a folder"):
        export_archive(tmp_path / "gone", [], {}, kiosk_name="k", now=now)


def report(answers=True, states=("ok",), conflicts=0) -> dict:
    return {
        "catalog": {"answers": answers},
        "devices": [{"state": s} for s in states],
        "sync": {"conflicts": conflicts},
    }


def test_exit_codes_add_up_one_bit_per_problem():
    assert exit_code(report()) == 0
    assert exit_code(report(answers=False)) == EXIT_CATALOG == 4
    assert exit_code(report(states=("ok", "error"))) == EXIT_DEVICE == 8
    assert exit_code(report(states=("disconnected",))) == EXIT_DEVICE
    assert exit_code(report(states=("degraded", "closed"))) == 0
    assert exit_code(report(conflicts=2)) == EXIT_CONFLICTS == 16
    assert exit_code(report(False, ("error",), 1)) == 28


def test_a_conflict_is_resolved_by_a_unique_id_start_and_a_note(tmp_path):
    journal = Journal.open(tmp_path / "j.sqlite3")
    try:
        tx = journal.begin(TxKind.CHECKOUT, "I1", "P1")
        journal.finish(tx.uuid, TxState.CONFLICT, reason="checked_out_to_other")
        journal.add_alert("sync_conflict", "checkout I1: checked_out_to_other", "I1")
        with pytest.raises(DiagnosticsError, match="needs a note"):
            resolve_conflict(journal, tx.uuid, "  ")
        with pytest.raises(DiagnosticsError, match="no open conflict"):
            resolve_conflict(journal, tx.uuid[:7], "too short an id")
        done = resolve_conflict(journal, tx.uuid[:8].upper(), "lent by hand at the desk")
        assert done.state is TxState.RESOLVED and journal.resolution(tx.uuid)[1] == "lent by hand at the desk"
        assert journal.open_alerts() == [] and journal.counts()["conflict"] == 0
        with pytest.raises(DiagnosticsError, match="no open conflict"):
            resolve_conflict(journal, tx.uuid, "twice")  # resolved once only
    finally:
        journal.close()


def test_diag_status_exits_8_when_a_device_is_in_error_and_documents_the_codes(tmp_path, capsys):
    path = tmp_path / "k.toml"
    path.write_text(
        f'[catalog]\nkind = "demo"\npath = "{tmp_path / "c.sqlite3"}"\n[journal]\npath = "{tmp_path / "j.sqlite3"}"\n'
        f'[devices.pad]\nkind = "rfid"\ndriver = "3m810"\nport = "{tmp_path / "no-such-port"}"\n'
    )
    assert main(["diag", "status", "--config", str(path)]) == EXIT_DEVICE
    out = capsys.readouterr().out
    assert "exit     8 (see kiosk diag status --help)" in out
    with pytest.raises(SystemExit):
        main(["diag", "status", "--help"])
    assert "8  a device is in error or disconnected" in capsys.readouterr().out


def test_a_test_loan_never_returns_an_item_someone_else_has(catalog):
    from kiosk.catalog import demo_data as d
    from kiosk.diagnostics import test_transaction

    lent = next(i.barcode for n in range(1, 30) if (i := catalog.item(d.item_barcode(n))) and i.charged_to)
    borrower = catalog.item(lent).charged_to
    result = test_transaction(catalog, d.patron_card(2), lent)
    assert not result.ok and [s.what for s in result.steps] == ["checkout"]
    assert catalog.item(lent).charged_to == borrower  # still on loan to them
    catalog.checkout(d.patron_card(2), d.item_barcode(6))  # a test cut short: on loan to the test patron
    result = test_transaction(catalog, d.patron_card(2), d.item_barcode(6))
    assert [s.what for s in result.steps] == ["checkout", "checkin"]
    assert catalog.item(d.item_barcode(6)).charged_to is None


def test_the_syncer_holds_the_one_online_state_the_desk_learns(kiosk):
    from kiosk.catalog import demo_data as d

    seen = []
    kiosk.syncer.add_listener(seen.append)
    session = kiosk.circulation.sign_in(d.patron_card(1), "1234").session
    kiosk.catalog.reachable = False
    assert kiosk.circulation.checkout(session, d.item_barcode(1)).offline
    assert not kiosk.syncer.status().online  # at once, with no sync pass
    assert seen[-1].online is False and "switched off" in seen[-1].last_error
    kiosk.catalog.reachable = True
    kiosk.circulation.checkin(d.item_barcode(4))
    assert kiosk.syncer.status().online and seen[-1].online and seen[-1].last_error == ""
    count = len(seen)
    kiosk.circulation.checkin(d.item_barcode(7))
    assert len(seen) == count  # nothing changed: nobody is told again
