"""Codec: byte-exact against the spec and published frames, plus edge cases."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from kiosk.sip2.codec import (
    FrameSplitter,
    Message,
    checksum,
    decode,
    encode,
    format_date,
    make,
    parse_date,
    redact,
    redact_bytes,
    summary_field,
    verify_checksum,
)
from kiosk.sip2.errors import (
    ChecksumError,
    EncodeError,
    FrameTooLong,
    MalformedMessage,
    UnknownMessage,
)
from kiosk.sip2.fields import SPECS

# ------------------------------------------------------------ checksums


def test_spec_checksum_example_is_byte_exact():
    # 3M SIP2 spec, "Checksum": the SC Status example 990 402.00AY1AZ -> FCB4.
    assert checksum(b"990 402.00AY1AZ") == "FCB4"
    message = Message("99", {"status_code": "0", "max_print_width": " 40", "protocol_version": "2.00"})
    assert encode(message, seq=1) == b"990 402.00AY1AZFCB4\r"


def test_resend_messages_match_koha_constants():
    # Koha C4/SIP/Sip/Constants.pm: REQUEST_ACS_RESEND_CKSUM => '97AZFEF5',
    # REQUEST_SC_RESEND_CKSUM => '96AZFEF6' (no sequence number, checksum only).
    assert encode(Message("97")) == b"97AZFEF5\r"
    assert encode(Message("96")) == b"96AZFEF6\r"
    assert encode(Message("97"), error_detection=False) == b"97\r"


# Frames published with valid checksums (each verified here byte for byte).
PUBLISHED = [
    # inveniosoftware-contrib/invenio-sip2 tests/fixtures/messages.py
    "9300CNinfo@test.org|COtester|CPselfcheck_location|AY0AZEB8C",
    "9300CNlibrarian@test.com|CO123456|CPselfcheck_location|AY1AZEAEE",
    "9900802.00AY1AZFCA0",
    # ub-library/sip2-ruby test/fixtures/98.sip2, 10.sip2, 18.sip2
    "98YYNNNY00500520230822    1524342.00AO3662|BXYYYNYNYYYYYNNNYY|AMThe Library|ANSomeLocation|AY1AZE3C0",
    "101YNN20230822    152248AO|AB16000000210799|AQSomeLocation|"
    "AJSome example title by Some Author|CL5|CK001|AY1AZDF1B",
    "1804000120230822    110550ABSomeBarcode|AJSome example title by Some Author|"
    "AH2023-08-31 23:59:00 CEST|BGThe Library|BHSEK|CK001|AQSomeOtherLocation|"
    "APSomeLocation|AY1AZCB01",
    # frankdsm/node-sip2 test/responses.js (3M certification-style frames)
    "941AY3AZFDFA",
    "1808000119980723    115615CF00000|ABItemBook|AJTitle For Item Book|CK003|"
    "AQPermanent Location for ItemBook, Language 1|APCurrent Location ItemBook|"
    "CHFree-form text with new item property|AY0AZC05B",
    "101YNN19980821    085721AOCertification Institute ID|ABCheckInBook|"
    "AQPermanent Location for CheckinBook, Language 1|AJTitle For CheckinBook|"
    "AAGoodPatron1|CK001|CHCheckinBook Properties|CLsort bin A1|"
    "AFScreen Message for CheckInBook|AGPrint Line for CheckInBook|AY2AZA3FF",
]


@pytest.mark.parametrize("frame", PUBLISHED)
def test_published_frames_verify_and_reencode_byte_exact(frame):
    raw = frame.encode("ascii")
    assert verify_checksum(raw)
    message = decode(raw + b"\r\n")
    assert encode(message, seq=message.seq) == raw + b"\r"


def test_published_acs_status_fields():
    msg = decode(PUBLISHED[3].encode())
    assert msg.name == "acs_status"
    assert msg.flag("online_status") is True and msg.flag("checkout_ok") is False
    assert msg.number("timeout_period") == 5 and msg.number("retries_allowed") == 5
    assert msg.date("date_time_sync") == datetime(2023, 8, 22, 15, 24, 34)
    assert msg.get("AO") == "3662" and msg.get("AM") == "The Library"
    assert (msg.seq, msg.checksum) == (1, "E3C0")


def test_published_checkin_response_fields():
    msg = decode(PUBLISHED[4].encode())
    assert msg.ok and msg.flag("resensitize") and not msg.flag("alert")
    assert msg.get("AO") == "" and msg.get("AB") == "16000000210799"
    assert msg.get("CL") == "5" and msg.missing_required() == []


def test_published_item_information_with_non_sip_due_date():
    msg = decode(PUBLISHED[5].encode())
    assert msg.fixed["circulation_status"] == "04"
    assert msg.get("AH") == "2023-08-31 23:59:00 CEST"
    assert msg.date("AH") == datetime(2023, 8, 31, 23, 59)


def test_published_login_frame_keeps_secrets_out_of_redacted_text():
    # The checksum goes too: it would reveal the byte sum of the secrets.
    assert redact(PUBLISHED[1]) == "9300CN****|CO****|CPselfcheck_location|AY1AZ****"
    assert redact(PUBLISHED[2]) == PUBLISHED[2]  # nothing secret, nothing masked


# --------------------------------------------------------------- decode


def test_decode_tolerates_unknown_and_repeated_fields_and_empty_segments():
    raw = b"64              00020240506    103000000100000002000000000000AOX||AAP|AEN|AUone|AUtwo|ZZext|AFa|AFb|"
    msg = decode(raw)
    assert msg.get_all("AU") == ["one", "two"]
    assert msg.get("ZZ") == "ext" and msg.screen_messages == ["a", "b"]
    assert msg.number("charged_items_count") == 2 and msg.seq is None


def test_decode_accepts_last_field_without_delimiter_before_trailer():
    body = b"941AFWelcome"
    raw = body + b"AY4AZ" + checksum(body + b"AY4AZ").encode()
    msg = decode(raw)
    assert msg.screen_messages == ["Welcome"] and msg.seq == 4


def test_decode_errors_are_codec_errors():
    with pytest.raises(ChecksumError):
        decode(b"941AY3AZFDFB")
    with pytest.raises(ChecksumError):
        decode(b"941|AY3AZFDXX")
    with pytest.raises(UnknownMessage):
        decode(b"Problems handling the request")
    with pytest.raises(MalformedMessage):
        decode(b"12YNN")  # checkout response needs 22 fixed characters
    with pytest.raises(MalformedMessage):
        decode(b"\r\n")


def test_checksum_is_over_raw_bytes_and_decoding_never_fails():
    body = "18030001" + "20240506    103000" + "ABI1|AJPippi Långstrump|AY0AZ"
    raw = body.encode("cp1252")
    raw += checksum(raw).encode()
    assert decode(raw, encoding="cp1252").get("AJ") == "Pippi Långstrump"
    wrong = decode(raw, encoding="utf-8")  # wrong guess: replacement char, no crash
    assert wrong.get("AJ") == "Pippi L\ufffdngstrump"
    assert verify_checksum(raw)


def test_lowercase_checksum_hex_is_accepted():
    assert decode(b"941AY3AZfdfa").seq == 3


# --------------------------------------------------------------- encode


def test_make_fills_defaults_orders_fields_and_emits_required_empty():
    msg = make("11", {"transaction_date": "20240506    103000"}, AB="I1", AA="P1", AD="9")
    assert msg.fields == [("AO", ""), ("AA", "P1"), ("AB", "I1"), ("AC", ""), ("AD", "9")]
    assert encode(msg, error_detection=False) == (b"11YN20240506    103000                  AO|AAP1|ABI1|AC|AD9|\r")


def test_make_repeats_sequence_values():
    msg = make("66", {"transaction_date": "20240506    103000"}, BM=["a", "b"], AO="M")
    assert msg.get_all("BM") == ["a", "b"]


@pytest.mark.parametrize(
    "build",
    [
        lambda: encode(Message("12", {"ok": "1"})),  # missing fixed fields
        lambda: encode(make("17", AB="a|b")),  # delimiter inside a value
        lambda: encode(make("17", AB="a\rb")),
        lambda: encode(Message("17", {"transaction_date": "2024"})),
        lambda: encode(Message("XX")),
        lambda: encode(make("17"), seq=10),
        lambda: encode(make("17", AB="ø"), encoding="ascii"),
        lambda: make("37", {"transaction_date": "20240506    103000"}),  # currency required
        lambda: make("17", {"nope": "x"}),
        lambda: summary_field("everything"),
    ],
)
def test_encode_refuses_what_would_corrupt_a_frame(build):
    with pytest.raises(EncodeError):
        build()


def test_every_spec_builds_and_round_trips_with_defaults():
    for code in SPECS:
        msg = make(
            code,
            {f.name: "20240506    103000" for f in SPECS[code].fixed if f.kind == "date" and f.default is None}
            | ({"currency_type": "EUR"} if code == "37" else {}),
        )
        again = decode(encode(msg, seq=7))
        assert (again.code, again.fixed, again.fields) == (code, msg.fixed, msg.fields)
        assert again.seq == 7


def test_summary_field_positions():
    assert summary_field(None) == " " * 10
    assert summary_field("charged") == "  Y       "
    assert summary_field("unavailable_holds") == "     Y    "


# ---------------------------------------------------------------- dates


def test_date_formats():
    moment = datetime(2024, 5, 6, 10, 30, 5)
    assert format_date(moment) == "20240506    103005"
    utc = datetime(2024, 5, 6, 8, 30, 5, tzinfo=UTC)
    assert format_date(utc, utc=True) == "20240506   Z083005"
    assert parse_date("20240506    103005") == moment
    assert parse_date("20240506   Z083005") == utc
    assert parse_date("20240506UTC 083005") == utc
    assert parse_date("20240506 EST083005") == datetime(2024, 5, 6, 8, 30, 5)
    for blank in (None, "", " " * 18, "not a date", "20241399    999999"):
        assert parse_date(blank) is None


# -------------------------------------------------------------- framing


def test_splitter_handles_cr_crlf_lf_split_and_merged_reads():
    splitter = FrameSplitter()
    assert splitter.feed(b"941AY0AZ") == []
    assert splitter.feed(b"FDFD\r\n96AZFE") == [b"941AY0AZFDFD"]
    assert splitter.pending == b"96AZFE"
    assert splitter.feed(b"F6\r\n\n941\r941\n") == [b"96AZFEF6", b"941", b"941"]
    assert splitter.pending == b""


def test_splitter_limits_garbage_without_terminator():
    splitter = FrameSplitter(max_frame=16)
    with pytest.raises(FrameTooLong):
        splitter.feed(b"x" * 17)
    assert splitter.feed(b"941\r") == [b"941"]


# ------------------------------------------------------------ redaction


def test_redact_masks_pin_password_login_and_terminal_password():
    text = "11YN20240506    103000                  AOMAIN|AAP1|ABI1|ACterm|AD8642|"
    assert redact(text) == ("11YN20240506    103000                  AOMAIN|AAP1|ABI1|AC****|AD****|")
    assert "8642" not in redact_bytes(b"23000" + b"20240506    103000AOM|AAP|AC|AD8642|")
    # Unparseable text is masked wherever a secret tag could start.
    assert redact("xxADsecret|COpw") == "xxAD****|CO****"
