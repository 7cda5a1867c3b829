"""Client against the fake ACS: handshake, every message, every fault knob.

Latency knobs are used only to *cause* a timeout; nothing asserts on
elapsed wall-clock time.
"""

from __future__ import annotations

import logging
import shutil
import ssl
import subprocess
from datetime import datetime

import pytest

from kiosk.sip2 import (
    Sip2Client,
    Sip2Config,
    Sip2ConnectionError,
    Sip2Error,
    Sip2LoginError,
    Sip2ProtocolError,
    Sip2Timeout,
)
from tests.fakes.sip2_ils import Transaction
from tests.fakes.sip2_server import FakeSip2Server

from .conftest import PASSWORD, PIN, make_ils


def checkouts(ils, item="I1"):
    return [t for t in ils.transactions if t.kind == "checkout" and t.item == item]


# ------------------------------------------------------------ handshake


def test_connect_logs_in_and_reads_acs_status(server, client):
    status = client.acs_status
    assert status.online and status.checkout_ok and status.checkin_ok
    assert status.timeout is None and status.retries == 3  # 000 / 003 from the fake
    assert status.institution_id == "MAIN" and status.library_name == "Fake Library"
    assert status.supports("11") and not status.supports("01")
    assert [f[:2] for f in server.received] == [b"93", b"99"]


def test_no_username_skips_login(ils, client_for):
    with FakeSip2Server(ils, username=None) as srv:
        client = client_for(srv, username=None)
        assert client.checkout("P2", "I2").ok
        assert [f[:2] for f in srv.received] == [b"99", b"11"]


def test_refused_login_raises_and_closes(server, client_for):
    with pytest.raises(Sip2LoginError):
        client_for(server, password="wrong")


def test_connection_refused_is_a_connection_error(config_for, server):
    port = server.port
    server.stop()
    with pytest.raises(Sip2ConnectionError):
        Sip2Client(config_for(server, port=port, timeout=0.5)).connect()


def test_sequence_numbers_cycle_0_to_9(server, client):
    for _ in range(11):
        client.item_information("I1")
    seqs = [int(f[-7:-6]) for f in server.received]  # ...AY<n>AZxxxx
    assert seqs == [n % 10 for n in range(13)]


def test_error_detection_off_sends_and_accepts_plain_frames(server, client_for):
    client = client_for(server, error_detection=False)
    assert client.checkout("P2", "I2").ok
    assert all(b"AZ" not in f for f in server.received)


# ------------------------------------------------------------- messages


def test_checkout_checkin_round_trip(ils, client):
    out = client.checkout("P1", "I1", pin=PIN)
    assert out.ok and out.get("AB") == "I1" and out.get("AJ") == "Pippi Långstrump"
    assert out.date("AH") == datetime(2024, 5, 20, 23, 59, 59)  # 14 days, due at the end of the day
    info = client.item_information("I1")
    assert info.fixed["circulation_status"] == "04" and not info.has("AA")
    back = client.checkin("I1")
    assert back.ok and back.get("AA") == "P1" and not back.flag("alert")
    assert [t.kind for t in ils.transactions] == ["checkout", "checkin"]


def test_checkout_refusals(client):
    assert not client.checkout("P1", "I1", pin="0000").ok  # wrong PIN
    assert not client.checkout("BLOCKED", "I1").ok
    assert client.checkout("FINED", "I1").screen_messages == ["Patron has fines"]
    assert not client.checkout("P2", "REF").ok  # not for loan
    assert client.checkout("NOBODY", "I1").get("BL") == "N"


def test_checkout_of_own_loan_is_a_renewal_not_a_second_loan(ils, client):
    assert client.checkout("P2", "I2").ok
    again = client.checkout("P2", "I2")
    assert again.ok and again.flag("renewal_ok")
    assert ils.loans() == {"I2": "P2"} and len(checkouts(ils, "I2")) == 1


def test_cancel_flags_undo_the_other_direction(ils, server, client):
    # Spec BI: a checkin with cancel=Y undoes a checkout the SC could not
    # finish (e.g. the security tag would not unlock), and vice versa.
    assert client.checkout("P2", "I2").ok
    assert client.checkin("I2", cancel=True).ok and ils.loans() == {}
    assert client.checkout("P2", "I2", cancel=True).ok
    assert client.checkout("P2", "I2", cancel=True).ok  # still one loan, no renewal
    assert [t.detail for t in ils.transactions] == ["", "cancel", "cancel"]
    assert b"BIY|" in server.received[-1]


def test_patron_information_lists_charged_items_with_range(client):
    for item in ("S0", "S1", "S2"):
        client.checkout("P2", item)
    info = client.patron_information("P2", summary="charged", start=2, end=3)
    assert info.number("charged_items_count") == 3
    assert info.get_all("AU") == ["S1", "S2"] and info.get("BL") == "Y"
    assert client.patron_information("P1", pin="bad").get("CQ") == "N"


def test_checkin_of_item_on_hold_alerts_with_hold_patron(ils, client):
    client.checkout("P2", "I2")
    assert client.hold("P1", "I2", pin=PIN).ok
    back = client.checkin("I2")
    assert back.flag("alert") and back.get("CV") == "01" and back.get("CY") == "P1"
    assert not client.checkout("P2", "I2").ok
    assert client.checkout("P1", "I2", pin=PIN).ok


def test_other_messages(ils, client):
    assert client.patron_status("P1", pin=PIN).get("CQ") == "Y"
    client.checkout("P2", "I2")
    assert client.renew("P2", "I2").flag("renewal_ok")
    renew_all = client.renew_all("P2")
    assert renew_all.ok and renew_all.get_all("BM") == ["I2"]
    paid = client.fee_paid("FINED", "12.50", "EUR")
    assert paid.ok and ils.fines("FINED") == 0
    assert client.end_patron_session("P2").ok
    assert not client.checkin("UNKNOWN").ok


# ------------------------------------------------------------- transport


@pytest.mark.parametrize("knob", [{"terminator": b"\r\n"}, {"split_writes": True}, {"latency": 0.01}])
def test_transport_knobs(ils, client_for, knob):
    with FakeSip2Server(ils, password=PASSWORD, **knob) as srv:
        client = client_for(srv)
        assert client.checkout("P2", "I2").ok
        assert client.item_information("I2").fixed["circulation_status"] == "04"


def test_merged_write_with_a_stale_frame_returns_the_right_answer(server, client):
    client.item_information("I1")
    server.inject("merge", code="11")  # previous 18 glued in front of the 12
    answer = client.checkout("P2", "I2")
    assert answer.code == "12" and answer.get("AB") == "I2"


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_server_encoding_is_configurable_and_mismatch_never_crashes(ils, client_for, encoding):
    with FakeSip2Server(ils, password=PASSWORD, encoding=encoding) as srv:
        right = client_for(srv, encoding=encoding)
        assert right.item_information("I1").get("AJ") == "Pippi Långstrump"
        wrong = client_for(srv, encoding="utf-8")
        assert wrong.item_information("I1").get("AJ") == "Pippi L\ufffdngstrump"


# ------------------------------------------------------- resend rules


@pytest.mark.parametrize("fault", ["garbage", "bad_checksum"])
def test_unusable_answer_is_rerequested_with_97_not_resent(ils, server, client, fault):
    server.inject(fault, code="11")
    answer = client.checkout("P2", "I2")
    assert answer.ok and answer.get("AB") == "I2"
    assert server.received[-1] == b"97AZFEF5"
    assert len(checkouts(ils, "I2")) == 1


def test_96_makes_the_client_resend_identical_bytes(ils, server, client):
    server.inject("request_resend", code="11")
    assert client.checkout("P2", "I2").ok
    assert server.received[-1] == server.received[-2] == client.last_request.rstrip(b"\r")
    assert len(checkouts(ils, "I2")) == 1


def test_retries_are_bounded_by_the_acs_retry_count(ils, client_for):
    with FakeSip2Server(ils, password=PASSWORD, retries_allowed="002") as srv:
        client = client_for(srv)
        srv.inject("garbage", code="11")
        srv.inject("garbage", code="97", times=5)
        with pytest.raises(Sip2ProtocolError):
            client.checkout("P2", "I2")
        assert srv.received.count(b"97AZFEF5") == 2


def test_retries_000_means_no_resend_at_all(ils, client_for):
    with FakeSip2Server(ils, password=PASSWORD, retries_allowed="000") as srv:
        client = client_for(srv)
        srv.inject("bad_checksum", code="17")
        with pytest.raises(Sip2ProtocolError):
            client.item_information("I1")
        assert b"97AZFEF5" not in srv.received


# ------------------------------------------- timeouts and lost answers


def test_timeout_raises_and_resend_last_gets_the_late_answer(ils, server, client_for):
    client = client_for(server, timeout=0.3)
    server.inject("delay", code="11", seconds=1.0)
    with pytest.raises(Sip2Timeout) as caught:
        client.checkout("P2", "I2")
    assert caught.value.request_sent
    answer = client.resend_last(timeout=5)
    assert answer.ok and answer.get("AB") == "I2"
    # The duplicate's answer is drained, not mistaken for the next answer
    # (and once that answer is in, the fake has handled the duplicate).
    assert client.item_information("I1").get("AB") == "I1"
    # Koha-style server processed the duplicate again: a renewal, still one loan.
    assert [t.kind for t in ils.transactions] == ["checkout", "renew"]
    assert ils.loans() == {"I2": "P2"}


def test_dedupe_same_seq_answers_a_duplicate_without_applying(ils, client_for):
    with FakeSip2Server(ils, password=PASSWORD, dedupe_same_seq=True) as srv:
        client = client_for(srv, timeout=0.3)
        srv.inject("delay", code="11", seconds=1.0)
        with pytest.raises(Sip2Timeout):
            client.checkout("P2", "I2")
        assert client.resend_last(timeout=5).ok
        client.item_information("I1")  # the duplicate has been handled by now
        assert ils.transactions == [Transaction("checkout", "P2", "I2")]


def test_acs_timeout_from_98_is_honoured(ils, client_for):
    with FakeSip2Server(ils, password=PASSWORD, timeout_period="003") as srv:
        client = client_for(srv, timeout=30)
        assert client.response_timeout == pytest.approx(0.3)
        srv.inject("delay", code="17", seconds=1.0)
        with pytest.raises(Sip2Timeout):
            client.item_information("I1")


def test_drop_before_answer_applies_nothing(ils, server, client):
    server.inject("drop_before", code="11")
    with pytest.raises(Sip2ConnectionError) as caught:
        client.checkout("P2", "I2")
    assert caught.value.request_sent and not client.connected
    assert ils.transactions == []
    client.reconnect()
    assert client.checkout("P2", "I2").ok and len(checkouts(ils, "I2")) == 1


def test_drop_after_apply_is_detectable_before_any_resend(ils, server, client):
    server.inject("drop_after", code="11")
    with pytest.raises(Sip2ConnectionError):
        client.checkout("P2", "I2")
    client.reconnect()
    charged = client.patron_information("P2", summary="charged").get_all("AU")
    assert charged == ["I2"] and len(checkouts(ils, "I2")) == 1


@pytest.mark.parametrize("scope, kinds", [("connection", ["checkout", "renew"]), ("server", ["checkout"])])
def test_resend_last_after_reconnect(ils, client_for, scope, kinds):
    with FakeSip2Server(ils, password=PASSWORD, dedupe_same_seq=True, dedupe_scope=scope) as srv:
        client = client_for(srv)
        srv.inject("drop_after", code="11")
        with pytest.raises(Sip2ConnectionError):
            client.checkout("P2", "I2")
        sent = client.last_request
        client.reconnect()
        assert client.last_request == sent  # handshakes do not replace it
        assert client.resend_last().ok
        assert [t.kind for t in ils.transactions] == kinds and ils.loans() == {"I2": "P2"}


def test_restart_drops_sessions_and_keeps_state(ils, server, client):
    assert client.checkout("P2", "I2").ok
    port = server.port
    server.restart()
    assert server.port == port
    with pytest.raises(Sip2ConnectionError):
        client.item_information("I2")
    client.reconnect()
    assert client.item_information("I2").fixed["circulation_status"] == "04"


def test_resend_last_needs_a_previous_request(server, client):
    with pytest.raises(Sip2Error):
        client.resend_last()


# ------------------------------------------------------------- no block


@pytest.mark.parametrize(
    "profile, nb_due, expected_ok",
    [
        ("koha", datetime(2024, 6, 1, 12, 0), True),
        ("koha", None, False),
        ("standard", datetime(2024, 6, 1, 12, 0), False),
    ],
)
def test_no_block_profiles(client_for, profile, nb_due, expected_ok):
    ils = make_ils()
    ils.no_block_profile = profile
    with FakeSip2Server(ils, password=PASSWORD) as srv:
        answer = client_for(srv).checkout("BLOCKED", "I1", no_block=True, nb_due_date=nb_due)
        assert answer.ok is expected_ok
        if expected_ok:
            assert answer.date("AH").date() == nb_due.date()  # the demo library lends by the day


# ------------------------------------------------------------- security


def test_pin_and_passwords_never_reach_the_log(server, client_for, caplog):
    caplog.set_level(logging.DEBUG, logger="kiosk.sip2")
    client = client_for(server, terminal_password="term-pw-77")
    client.checkout("P1", "I1", pin=PIN)
    client.patron_status("P1", pin=PIN)
    assert "SIP2 -> 11" in caplog.text
    for secret in (PIN, PASSWORD, "term-pw-77"):
        assert secret not in caplog.text
    assert PASSWORD not in repr(client.config)


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl CLI")
def test_tls_with_ca_file(ils, client_for, tmp_path):
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=localhost",
            "-addext",
            "subjectAltName=IP:127.0.0.1,DNS:localhost",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    with FakeSip2Server(ils, password=PASSWORD, ssl_context=context) as srv:
        client = client_for(srv, tls=True, ca_file=str(cert))
        assert client.checkout("P2", "I2").ok
        with pytest.raises(Sip2ConnectionError):
            client_for(srv, tls=True)  # system CAs do not know this certificate


def test_config_validates_encoding():
    with pytest.raises(LookupError):
        Sip2Config("127.0.0.1", 1, encoding="no-such-codec")
