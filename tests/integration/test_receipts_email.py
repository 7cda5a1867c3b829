"""Emailed receipts end to end: the finish screen's choice queues into the journal's outbox,
the syncer's pass sends to a real SMTP server on loopback (aiosmtpd), the address is erased."""

from __future__ import annotations

import sqlite3
import threading
from datetime import datetime, timedelta

import pytest

from kiosk import config
from kiosk.app import build
from kiosk.catalog.demo_data import item_barcode, patron_card
from kiosk.journal import Journal
from kiosk.receipts.outbox import EmailOutbox
from kiosk.receipts.service import Channel, Unavailable
from kiosk.receipts.texts import long_date
from tests.fakes.smtp_server import Inbox, LoopbackSmtp

SITI, JOKO, LASKAR, KAMUS, CANTIK = patron_card(1), patron_card(6), item_barcode(1), item_barcode(18), item_barcode(5)
SENDER = "Perpustakaan Umum Kota <perpustakaan@example.org>"


@pytest.fixture
def inbox():
    return Inbox()


@pytest.fixture
def smtp(inbox):
    server = LoopbackSmtp(inbox)
    server.start()
    yield server
    server.stop()


def mail_settings(demo_settings, port: int):
    return config.override(demo_settings, "email", host="127.0.0.1", port=port, security="none", sender=SENDER)


def outbox_rows(settings) -> list[tuple]:
    with sqlite3.connect(settings.resolve(settings.journal.path)) as db:
        rows = db.execute("SELECT state, address, message FROM outbox ORDER BY id").fetchall()
    db.close()
    return rows


def borrow(kiosk, card: str, pin: str = "1234", items=(LASKAR, KAMUS), language: str | None = None):
    session = kiosk.circulation.sign_in(card, pin).session
    kiosk.circulation.checkout_stack(session, [(item, None) for item in items])
    receipt = kiosk.receipts.receipt_for(session, language or session.patron.language)
    kiosk.circulation.end_session(session)
    return receipt


def test_an_emailed_receipt_arrives_with_the_due_dates_in_the_patrons_language(demo_settings, smtp, inbox):
    settings = mail_settings(demo_settings, smtp.port)
    kiosk = build(settings, threaded=False)
    try:
        kiosk.catalog.library.add_patron("29001000000999", name="Maria Hutapea", language="en",
                                         email="maria@example.org")  # fmt: skip
        receipt = borrow(kiosk, SITI)
        assert Channel.EMAIL in kiosk.receipts.offered(receipt).channels
        delivery = kiosk.receipts.deliver(receipt, Channel.EMAIL)
        assert delivery.ok and "queued" in delivery.detail
        assert inbox.messages == []  # only queued: the syncer sends
        english = borrow(kiosk, "29001000000999", pin="", items=(CANTIK,))
        kiosk.receipts.deliver(english, Channel.EMAIL)
        report = kiosk.syncer.run_once()
        assert report.error == ""
    finally:
        kiosk.close()
    (sender, to, msg), (_, to_en, msg_en) = inbox.messages
    assert to == ["siti.rahmawati@example.org"] and sender == "perpustakaan@example.org"
    due = receipt.loans[0].due
    plain = msg.get_body(("plain",)).get_content()
    assert msg["Subject"] == "Bukti transaksi dari Perpustakaan Umum Kota (demo)"
    assert f"Laskar Pelangi: Batas kembali {long_date(due, 'id')}" in plain
    assert "Kamus Besar Bahasa Indonesia: Item ini tidak untuk dipinjam." in plain
    assert to_en == ["maria@example.org"]
    assert msg_en["Subject"] == "Your receipt from Perpustakaan Umum Kota (demo)"
    assert f"Cantik Itu Luka: Due {long_date(english.loans[0].due, 'en')}" in msg_en.get_body(("plain",)).get_content()
    # Sent: the journal keeps that it was, not to whom or what.
    assert outbox_rows(settings) == [("sent", None, None), ("sent", None, None)]


def test_offline_the_email_waits_in_the_journal_and_goes_when_the_server_is_back(demo_settings, inbox):
    first = LoopbackSmtp(inbox)
    first.start()
    port = first.port
    first.stop()  # the network is down: nothing listens
    settings = mail_settings(demo_settings, port)
    kiosk = build(settings, threaded=False)
    try:
        receipt = borrow(kiosk, SITI)
        assert kiosk.receipts.deliver(receipt, "email").ok
        report = kiosk.syncer.run_once()
    finally:
        kiosk.close()
    assert [state for state, *_ in outbox_rows(settings)] == ["waiting"]
    # The kiosk restarts (the journal reopened); the network is back.
    back = LoopbackSmtp(inbox, port=port)
    back.start()
    kiosk = build(settings, threaded=False)
    try:
        assert kiosk.receipts.send_emails().sent == 1
    finally:
        kiosk.close()
        back.stop()
    [(_, to, msg)] = inbox.messages
    assert to == ["siti.rahmawati@example.org"] and "Laskar Pelangi" in msg.get_body(("plain",)).get_content()
    assert outbox_rows(settings) == [("sent", None, None)]
    assert report.error == ""  # the catalog's sync was fine; the mail's trouble is the outbox's


def test_an_address_the_server_refuses_is_given_up_and_erased(demo_settings, smtp, inbox):
    inbox.refuse.add("siti.rahmawati@example.org")
    settings = mail_settings(demo_settings, smtp.port)
    kiosk = build(settings, threaded=False)
    try:
        kiosk.receipts.deliver(borrow(kiosk, SITI), "email")
        report = kiosk.receipts.send_emails()
    finally:
        kiosk.close()
    assert report.failed == 1 and inbox.messages == []
    [(state, address, message)] = outbox_rows(settings)
    assert (state, address, message) == ("failed", None, None)


def test_no_address_or_no_server_means_no_email_offered(demo_settings, smtp):
    kiosk = build(mail_settings(demo_settings, smtp.port), threaded=False)
    try:
        offer = kiosk.receipts.offered(borrow(kiosk, JOKO))  # the library has no address for Joko
        assert Channel.EMAIL not in offer.channels and offer.why_not("email").why is Unavailable.NO_ADDRESS
        assert not kiosk.receipts.deliver(borrow(kiosk, JOKO), "email").ok
    finally:
        kiosk.close()
    kiosk = build(config.override(demo_settings, "email", host=""), threaded=False)
    try:
        offer = kiosk.receipts.offered(borrow(kiosk, SITI))
        assert offer.why_not("email").why is Unavailable.EMAIL_NOT_SET_UP
    finally:
        kiosk.close()


def test_an_email_not_sent_within_the_retention_is_dropped_and_its_address_erased(tmp_path, demo_settings):
    now = [datetime(2026, 12, 1, 10, 0).astimezone()]
    journal = Journal.open(tmp_path / "j.sqlite3", clock=lambda: now[0])
    try:
        settings = config.override(demo_settings, "email", host="127.0.0.1", port=9, security="none",
                                   sender=SENDER, retention_hours=24)  # fmt: skip
        outbox = EmailOutbox(settings, lambda fn: fn(journal))
        outbox.queue(journal, "siti@example.org", b"Subject: x\r\n\r\nx\r\n")
        now[0] += timedelta(hours=23)
        assert outbox.send_due().expired == 0 and journal.outbox_counts()["waiting"] == 1
        now[0] += timedelta(hours=1)
        assert outbox.send_due().expired == 1
        assert journal.outbox_counts() == {"waiting": 0, "sent": 0, "failed": 0, "expired": 1}
        assert journal._read("SELECT address, message FROM outbox") == [(None, None)]
    finally:
        journal.close()


def test_on_the_threaded_kiosk_the_screens_futures_complete_and_the_sync_thread_sends(demo_settings, smtp, inbox):
    """As the GUI uses it: nothing blocks the caller; the email goes on the sync thread's pass."""
    kiosk = build(mail_settings(demo_settings, smtp.port))  # threaded, as `kiosk run`
    try:
        kiosk.devices.open_all(lambda event: None)
        receipt = borrow(kiosk, SITI)
        offer = kiosk.receipts.submit_offered(receipt).result(timeout=30)
        assert offer.channels == (Channel.PRINT, Channel.EMAIL, Channel.PHONE, Channel.NONE)
        printed = kiosk.receipts.submit_deliver(receipt, Channel.PRINT).result(timeout=30)
        assert printed.ok and b"Laskar Pelangi" in kiosk.receipts.printer().printed[0]
        qr = kiosk.receipts.submit_deliver(receipt, Channel.PHONE).result(timeout=30).qr
        assert "BEGIN:VEVENT" in qr.text and qr.size > 21
        assert kiosk.receipts.submit_deliver(receipt, Channel.EMAIL).result(timeout=30).ok
        passed = threading.Event()
        kiosk.sync_worker.start()
        kiosk.sync_worker.sync_now(lambda report: passed.set())
        assert passed.wait(timeout=30)  # woken by the pass's end, not by time
        kiosk.sync_worker.stop(timeout=30)
    finally:
        kiosk.close()
    assert len(inbox.messages) == 1 and inbox.messages[0][1] == ["siti.rahmawati@example.org"]
