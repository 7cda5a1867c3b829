"""The SMTP conversation as a library's mail server has it: STARTTLS on 587 or implicit TLS
on 465, with a login, against aiosmtpd holding a certificate made for this test (trusted
through SSL_CERT_FILE, as a site's own CA would be through the system's store)."""

from __future__ import annotations

import os
import ssl
import subprocess

import pytest
from aiosmtpd.smtp import AuthResult

from kiosk import config
from kiosk.app import build
from kiosk.catalog.demo_data import item_barcode, patron_card
from tests.fakes.smtp_server import Inbox, LoopbackSmtp

SENDER = "perpustakaan@example.org"


@pytest.fixture
def certificate(tmp_path, monkeypatch):
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
         "-days", "1", "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"],
        check=True, capture_output=True,
    )  # fmt: skip
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # the kiosk's default context trusts it, as a site's CA
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return context


def only(user: str, password: str):
    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = auth_data.login.decode() == user and auth_data.password.decode() == password
        return AuthResult(success=ok, handled=False)  # not handled: aiosmtpd answers 235 or 535 itself

    return authenticate


def send_one(demo_settings, tmp_path, port: int, security: str):
    """A loan's receipt emailed through [email] with a login; the outbox pass's report."""
    secret = tmp_path / "smtp-password"
    secret.write_text("rahasia\n", encoding="utf-8")
    os.chmod(secret, 0o600)
    settings = config.override(
        demo_settings, "email", host="127.0.0.1", port=port, security=security, sender=SENDER,
        username="kiosk1", password_file=str(secret),
    )  # fmt: skip
    kiosk = build(settings, threaded=False)
    try:
        session = kiosk.circulation.sign_in(patron_card(1), "1234").session
        kiosk.circulation.checkout(session, item_barcode(1))
        assert kiosk.receipts.deliver(kiosk.receipts.receipt_for(session, "id"), "email").ok
        return kiosk.receipts.send_emails()
    finally:
        kiosk.close()


def test_starttls_with_a_login(demo_settings, tmp_path, certificate):
    inbox = Inbox()
    server = LoopbackSmtp(inbox, tls_context=certificate, require_starttls=True, auth_required=True,
                          authenticator=only("kiosk1", "rahasia"))  # fmt: skip
    server.start()
    try:
        report = send_one(demo_settings, tmp_path, server.port, "starttls")
    finally:
        server.stop()
    assert report.error == "" and report.sent == 1
    [(_, to, msg)] = inbox.messages
    assert to == ["siti.rahmawati@example.org"] and "Laskar Pelangi" in msg.get_body(("plain",)).get_content()


# aiosmtpd counts only STARTTLS as TLS for its AUTH rule; on an implicit-TLS port the rule is switched off.
@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning")
def test_implicit_tls_with_a_login(demo_settings, tmp_path, certificate):
    inbox = Inbox()
    server = LoopbackSmtp(inbox, ssl_context=certificate, auth_required=True, auth_require_tls=False,
                          authenticator=only("kiosk1", "rahasia"))  # fmt: skip
    server.start()
    try:
        report = send_one(demo_settings, tmp_path, server.port, "tls")
    finally:
        server.stop()
    assert report.sent == 1 and len(inbox.messages) == 1


def test_a_wrong_password_leaves_the_email_waiting(demo_settings, tmp_path, certificate):
    inbox = Inbox()
    server = LoopbackSmtp(inbox, tls_context=certificate, require_starttls=True, auth_required=True,
                          authenticator=only("kiosk1", "another"))  # fmt: skip
    server.start()
    try:
        report = send_one(demo_settings, tmp_path, server.port, "starttls")
    finally:
        server.stop()
    assert report.sent == 0 and report.waiting == 1 and "535" in report.error  # authentication failed
    assert inbox.messages == []
