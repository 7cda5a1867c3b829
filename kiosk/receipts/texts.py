"""What receipts say, in Bahasa Indonesia and English.

Paper and email are rendered without Qt (on the printer's I/O thread, by the
syncer), so receipt wording lives in this table rather than in Qt's tr().
The refusal reasons are the exception: the screen already says them through
the .ts files, and a receipt must say the same words, so they are read from
kiosk/ui/translations/kiosk_<lang>.ts (plain XML; Qt is not imported).
"""

from __future__ import annotations

import logging
import xml.etree.ElementTree as ET
from datetime import date
from functools import cache
from pathlib import Path

from kiosk.models import REASON_TEXT, Reason

log = logging.getLogger(__name__)

LANGUAGES = ("id", "en")
_TRANSLATIONS = Path(__file__).resolve().parent.parent / "ui" / "translations"

TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Loan receipt",
        "title_other": "Receipt",
        "date": "Date",
        "kiosk": "Kiosk",
        "patron": "Borrower",
        "borrowed": "Borrowed",
        "due": "Due",
        "refused": "Not borrowed",
        "renewed": "Renewed",
        "not_renewed": "Not renewed",
        "returned": "Returned",
        "untitled": "An item",
        "item": "Item",
        "offline": "Recorded while the kiosk was offline; the library confirms it later.",
        "count": "{n} items borrowed",
        "count_one": "1 item borrowed",
        "scan_qr": "Scan to put the due dates in your phone's calendar.",
        "event": "Return your library items to {library}",
        "reminder": "Your library items are due tomorrow",
        "subject": "Your receipt from {library}",
        "greeting": "Hello {patron},",
        "closing": "This is the receipt you asked for at the kiosk.",
        "hold": "HOLD",
        "hold_for": "For",
        "pickup": "Pick up at",
        "transit": "TRANSIT",
        "transit_to": "Send to",
        "from": "From",
        "test": "Test receipt",
        "test_ok": "If you can read this, the printer works.",
        # why a channel is not offered now
        "no_printer": "This kiosk has no receipt printer.",
        "paper_out": "The printer is out of paper.",
        "cover_open": "The printer's cover is open.",
        "printer_offline": "The printer is not working right now.",
        "email_not_set_up": "Email receipts are not set up at this kiosk.",
        "no_address": "The library has no email address for you.",
        "nothing_due": "Nothing is due back, so there is nothing to save.",
        "not_offered": "The library does not offer this.",
    },
    "id": {
        "title": "Bukti peminjaman",
        "title_other": "Bukti transaksi",
        "date": "Tanggal",
        "kiosk": "Anjungan",
        "patron": "Peminjam",
        "borrowed": "Dipinjam",
        "due": "Batas kembali",
        "refused": "Tidak dapat dipinjam",
        "renewed": "Diperpanjang",
        "not_renewed": "Tidak dapat diperpanjang",
        "returned": "Dikembalikan",
        "untitled": "Satu buku",
        "item": "Eksemplar",
        "offline": "Dicatat saat anjungan luring; perpustakaan akan mengonfirmasinya nanti.",
        "count": "{n} buku dipinjam",
        "count_one": "1 buku dipinjam",
        "scan_qr": "Pindai agar tanggal kembali tersimpan di kalender ponsel Anda.",
        "event": "Kembalikan buku ke {library}",
        "reminder": "Besok batas waktu pengembalian buku perpustakaan Anda",
        "subject": "Bukti transaksi dari {library}",
        "greeting": "Halo {patron},",
        "closing": "Berikut bukti transaksi yang Anda minta di anjungan.",
        "hold": "PESANAN",
        "hold_for": "Untuk",
        "pickup": "Ambil di",
        "transit": "KIRIM",
        "transit_to": "Kirim ke",
        "from": "Dari",
        "test": "Struk uji coba",
        "test_ok": "Jika tulisan ini terbaca, printer berfungsi.",
        "no_printer": "Anjungan ini tidak memiliki printer struk.",
        "paper_out": "Kertas printer habis.",
        "cover_open": "Penutup printer terbuka.",
        "printer_offline": "Printer sedang tidak berfungsi.",
        "email_not_set_up": "Bukti lewat email belum tersedia di anjungan ini.",
        "no_address": "Perpustakaan tidak memiliki alamat email Anda.",
        "nothing_due": "Tidak ada tanggal kembali yang perlu disimpan.",
        "not_offered": "Perpustakaan tidak menyediakan pilihan ini.",
    },
}

_MONTHS = {
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
    "id": (
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ),
}


def language_of(language: str | None) -> str:
    return language if language in LANGUAGES else "id"


def text(key: str, language: str, **values: object) -> str:
    return TEXTS[language_of(language)][key].format(**values)


def long_date(day: date, language: str) -> str:
    """15 Desember 2026 / 15 December 2026: no number-only dates a patron could misread."""
    return f"{day.day} {_MONTHS[language_of(language)][day.month - 1]} {day.year}"


def reason_text(reason: Reason | None, language: str) -> str:
    """A refusal in the patron's words and language: the screen's own sentence (kiosk_<lang>.ts)."""
    english = REASON_TEXT[reason or Reason.OTHER]
    if language_of(language) == "en":
        return english
    return _translated(language_of(language)).get(english, english)


def refusal_words(reason: Reason | None, message: str, language: str) -> str:
    """What to do about a refused item: our sentence, or the ILS's own words when it gave no reason we know."""
    if message and reason in (None, Reason.OTHER):
        return message
    return reason_text(reason, language)


@cache
def _translated(language: str) -> dict[str, str]:
    """The "Reason" context of kiosk_<language>.ts: English source -> translation."""
    path = _TRANSLATIONS / f"kiosk_{language}.ts"
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as exc:  # a broken install: English beats no receipt
        log.error("receipt texts: %s unreadable (%s); refusals are printed in English", path, exc)
        return {}
    found = {}
    for context in root.iter("context"):
        if context.findtext("name") != "Reason":
            continue
        for message in context.iter("message"):
            source, translation = message.findtext("source"), message.find("translation")
            if source and translation is not None and translation.text and translation.get("type") != "unfinished":
                found[source] = translation.text
    return found
