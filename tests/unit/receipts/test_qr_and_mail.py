"""The phone's QR code (decoded back by zxing-cpp) and the email (parsed back by the email package)."""

import io
from email import message_from_bytes, policy

import zxingcpp
from PIL import Image

from kiosk.receipts.calendar import calendar
from kiosk.receipts.mail import email_message
from kiosk.receipts.qr import phone_qr

from .conftest import make_receipt


def test_the_phone_qr_code_reads_back_as_the_calendar(receipt):
    qr = phone_qr(receipt)
    assert qr.text == calendar(receipt)
    image = Image.open(io.BytesIO(qr.png(scale=4)))
    assert image.size == (qr.size * 4, qr.size * 4)
    [found] = zxingcpp.read_barcodes(image)
    assert found.text == qr.text
    # The matrix the screen draws is the same code, quiet zone included.
    assert not any(qr.matrix[0]) and any(qr.matrix[4])


def test_the_email_has_text_html_and_the_calendar_in_the_patrons_language(receipt):
    raw = email_message(receipt, sender="Perpustakaan <perpus@example.org>", to=receipt.email).as_bytes()
    msg = message_from_bytes(raw, policy=policy.default)
    assert msg["To"] == "siti.rahayu@example.org" and msg["Subject"] == "Bukti transaksi dari Perpustakaan Umum Kota"
    assert msg["Content-Language"] == "id"
    assert [p.get_content_type() for p in msg.walk()] == [
        "multipart/mixed", "multipart/alternative", "text/plain", "text/html", "text/calendar",
    ]  # fmt: skip
    plain = msg.get_body(("plain",)).get_content()
    assert "Halo Siti R.," in plain and "Laskar Pelangi: Batas kembali 15 Desember 2026" in plain
    assert "Kamus Besar Bahasa Indonesia: Item ini tidak untuk dipinjam." in plain
    html = msg.get_body(("html",)).get_content()
    assert '<html lang="id">' in html and "Batas kembali 15 Desember 2026" in html
    [ics] = list(msg.iter_attachments())
    assert ics.get_filename() == "due-dates.ics" and ics.get_param("method") == "PUBLISH"
    assert ics.get_content().splitlines() == calendar(receipt).splitlines()  # CRLF on the wire either way


def test_the_english_email_says_it_in_english():
    receipt = make_receipt("en")
    msg = email_message(receipt, sender="perpus@example.org", to=receipt.email)
    assert msg["Subject"] == "Your receipt from Perpustakaan Umum Kota"
    assert "Laskar Pelangi: Due 15 December 2026" in msg.get_body(("plain",)).get_content()
