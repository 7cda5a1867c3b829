"""The due dates as iCalendar (RFC 5545), as a phone's calendar reads them."""

from kiosk.circulation import Outcome
from kiosk.models import TxKind
from kiosk.receipts.calendar import calendar, calendar_for_qr, escape, fold

from .conftest import DUE, make_receipt


def unfold(ics: str) -> list[str]:
    """RFC 5545 §3.1: CRLF then a space continues the line."""
    return ics.replace("\r\n ", "").split("\r\n")[:-1]


def events(ics: str) -> list[dict[str, str]]:
    found, current, depth = [], None, 0
    for line in unfold(ics):
        if line == "BEGIN:VEVENT":
            current, depth = {}, 0
        elif line == "END:VEVENT":
            found.append(current)
            current = None
        elif current is not None:
            depth += line == "BEGIN:VALARM"
            name, _, value = line.partition(":")
            current[("ALARM." if depth and line != "BEGIN:VALARM" else "") + name] = value
            depth -= line == "END:VALARM"
    return found


def test_one_all_day_event_per_due_date_each_with_a_reminder_the_day_before(receipt):
    ics = calendar(receipt)
    assert ics.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:") and ics.endswith("END:VCALENDAR\r\n")
    first, second = events(ics)
    assert first["DTSTART;VALUE=DATE"] == "20261215" and first["DTEND;VALUE=DATE"] == "20261216"
    assert first["DESCRIPTION"] == "Laskar Pelangi\\nSang Pemimpi"
    assert first["SUMMARY"] == "Kembalikan buku ke Perpustakaan Umum Kota"
    assert first["ALARM.ACTION"] == "DISPLAY" and first["ALARM.TRIGGER"] == "-PT15H"
    assert second["DTSTART;VALUE=DATE"] == "20261222"
    assert first["UID"] != second["UID"] and first["DTSTAMP"] == "20261201T033000Z"  # 10:30 in UTC+7


def test_lines_are_folded_at_75_octets_without_splitting_a_character():
    long_title = "Supernova: Ksatria, Puteri, dan Bintang Jatuh — édition spéciale " * 3
    receipt = make_receipt("en", outcomes=[Outcome(TxKind.CHECKOUT, "1", True, long_title, DUE)])
    ics = calendar(receipt)
    assert all(len(line.encode()) <= 75 for line in ics.split("\r\n"))
    [event] = events(ics)
    assert event["DESCRIPTION"] == escape(long_title)
    assert "\\," in event["DESCRIPTION"]  # commas escaped (RFC 5545 §3.3.11)
    assert fold("é" * 40).split("\r\n")[0] == "é" * 37  # 74 octets: the 38th would split


def test_nothing_due_means_no_calendar():
    receipt = make_receipt(outcomes=[Outcome(TxKind.CHECKIN, "1", True, "Pulang")])
    assert calendar(receipt) == "" and calendar_for_qr(receipt) == ""


def test_a_long_visit_leaves_the_titles_out_of_the_qr_code_but_keeps_every_date():
    outcomes = [
        Outcome(TxKind.CHECKOUT, str(n), True, f"Judul buku yang cukup panjang nomor {n}", DUE) for n in range(40)
    ]
    receipt = make_receipt(outcomes=outcomes)
    assert len(calendar(receipt).encode()) > 1200
    qr = calendar_for_qr(receipt)
    assert "DESCRIPTION:Judul" not in qr and "DTSTART;VALUE=DATE:20261215" in qr
