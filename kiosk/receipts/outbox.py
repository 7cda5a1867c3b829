"""Emailed receipts: written to the journal's outbox first, sent by the syncer.

The finish screen only queues (one journal write on the circulation
worker), so a patron never waits for an SMTP server, and an email written
while the network is down goes when it is back. Each sync pass hands the
waiting messages to the SMTP server; a message sent, refused for good, or
older than ``[email] retention_hours`` has its address and text erased.
"""

from __future__ import annotations

import logging
import smtplib
import ssl
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from email import message_from_bytes, policy
from typing import Any, TypeVar

from kiosk.journal import Journal
from kiosk.receipts.settings import password

log = logging.getLogger(__name__)
T = TypeVar("T")
CHANNEL = "email"
# Seconds an SMTP server may take to answer; the sync thread waits, never the patron.
SMTP_TIMEOUT_S = 20.0
# Server-side trouble worth another try later; anything else a connection failure.
_TRANSIENT = (smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError, smtplib.SMTPHeloError, OSError)


@dataclass
class OutboxReport:
    sent: int = 0
    failed: int = 0
    expired: int = 0
    waiting: int = 0
    error: str = ""
    details: list[str] = field(default_factory=list)


class Mailer:
    """One SMTP conversation per pass, as [email] says: implicit TLS, STARTTLS or plain."""

    def __init__(self, settings) -> None:
        self.email = settings.email
        self._password = password(settings) if self.email.host else ""

    @property
    def configured(self) -> bool:
        return bool(self.email.host)

    def connect(self) -> smtplib.SMTP:
        e = self.email
        context = ssl.create_default_context()
        if e.security == "tls":
            smtp: smtplib.SMTP = smtplib.SMTP_SSL(e.host, e.port, timeout=SMTP_TIMEOUT_S, context=context)
        else:
            smtp = smtplib.SMTP(e.host, e.port, timeout=SMTP_TIMEOUT_S)
        try:
            if e.security == "starttls":
                smtp.starttls(context=context)
            if e.username:
                smtp.login(e.username, self._password)
        except BaseException:
            smtp.close()
            raise
        return smtp


class EmailOutbox:
    """The syncer's email step. ``on_journal`` runs a journal function on the circulation worker."""

    def __init__(self, settings, on_journal: Callable[[Callable[[Journal], Any]], Any]) -> None:
        self.mailer = Mailer(settings)
        self.retention = timedelta(hours=settings.email.retention_hours)
        self._on_journal = on_journal

    def queue(self, journal: Journal, address: str, message: bytes) -> int:
        """On the circulation worker: the message is durable before the patron is told it is on its way."""
        return journal.outbox_add(CHANNEL, address, message)

    def send_due(self) -> OutboxReport:
        """Send what waits (called by each sync pass, on the sync thread); never raises for the network."""
        report = OutboxReport()
        report.expired = self._on_journal(lambda j: j.outbox_expire(CHANNEL, self.retention))
        waiting = self._on_journal(lambda j: j.outbox_waiting(CHANNEL))
        if not waiting or not self.mailer.configured:
            report.waiting = len(waiting)
            return report
        try:
            smtp = self.mailer.connect()
        except (smtplib.SMTPException, *_TRANSIENT) as exc:
            report.error = f"SMTP server {self.mailer.email.host}:{self.mailer.email.port}: {exc}"
            report.waiting = len(waiting)
            log.warning("emailed receipts wait: %s", report.error)
            return report
        try:
            for i, row in enumerate(waiting):
                if not self._send_one(smtp, row, report):
                    report.waiting = len(waiting) - i
                    break
        finally:
            try:
                smtp.quit()
            except (smtplib.SMTPException, OSError):
                smtp.close()
        return report

    def _send_one(self, smtp: smtplib.SMTP, row, report: OutboxReport) -> bool:
        """False when the connection went: the rest waits for the next pass."""
        message = message_from_bytes(row.message, policy=policy.SMTP)
        try:
            smtp.send_message(message, from_addr=self.mailer.email.sender, to_addrs=[row.address])
        except smtplib.SMTPRecipientsRefused as exc:  # this address will never take it
            self._finish(row.id, "failed", _refusal(exc))
            report.failed += 1
            report.details.append(f"email {row.id}: refused by the server")
            return True
        except (smtplib.SMTPDataError, smtplib.SMTPSenderRefused) as exc:
            if 500 <= exc.smtp_code < 600:
                self._finish(row.id, "failed", f"{exc.smtp_code} refused")
                report.failed += 1
                return True
            self._retry(row.id, f"{exc.smtp_code} try later")
            return False
        except _TRANSIENT as exc:
            self._retry(row.id, str(exc))
            report.error = f"SMTP server: {exc}"
            return False
        self._finish(row.id, "sent")
        report.sent += 1
        report.details.append(f"email {row.id}: sent")
        return True

    def _finish(self, row_id: int, state: str, error: str = "") -> None:
        self._on_journal(lambda j: j.outbox_finish(row_id, state, error))

    def _retry(self, row_id: int, error: str) -> None:
        self._on_journal(lambda j: j.outbox_retry(row_id, error))


def _refusal(exc: smtplib.SMTPRecipientsRefused) -> str:
    """The server's code only: its text may repeat the address, which must not outlive the message."""
    codes = sorted({code for code, _ in exc.recipients.values()})
    return "recipient refused " + ",".join(str(c) for c in codes)
