"""A real SMTP server on loopback (aiosmtpd) that keeps what it receives, for the emailed receipts."""

from __future__ import annotations

from email import message_from_bytes, policy
from email.message import EmailMessage

from aiosmtpd.controller import Controller


class Inbox:
    """aiosmtpd handler: every message accepted, kept with its envelope."""

    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], EmailMessage]] = []
        self.refuse: set[str] = set()  # recipients answered 550

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802 - aiosmtpd's name
        if address in self.refuse:
            return "550 5.1.1 no such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        message = message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"


class LoopbackSmtp(Controller):
    """aiosmtpd's threaded controller on 127.0.0.1 and an ephemeral port (``.port`` once started)."""

    def __init__(self, inbox: Inbox, port: int = 0, **smtp_parameters) -> None:
        """``smtp_parameters``: aiosmtpd's (tls_context, require_starttls, authenticator, ssl_context...)."""
        super().__init__(inbox, hostname="127.0.0.1", port=port, **smtp_parameters)
        self.inbox = inbox

    def _trigger_server(self):
        self.port = self.server.sockets[0].getsockname()[1]  # the port the kernel chose
        super()._trigger_server()
