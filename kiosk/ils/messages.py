"""Screen messages (SIP2 AF) of the bridge's backends, in the patron's language.

SIP2 carries no reason code, so a kiosk reads *why* from the words: every
refusal keeps the English wording Koha's SIP server uses (`REFUSALS`), which
our kiosk and other self-check machines recognise, and puts the patron's
language in front of it: "Buku ini sudah Anda pinjam / Item already checked
out to this patron". Indonesian is written to be read at a kiosk, not word
for word.
"""

from __future__ import annotations

from decimal import Decimal

from kiosk.models import Reason

from .sip2_answers import FALLBACK, REFUSALS

INDONESIAN: dict[Reason, str] = {
    Reason.UNKNOWN_PATRON: "Kartu anggota tidak dikenal",
    Reason.WRONG_PIN: "Kata sandi anggota salah atau belum diisi",
    Reason.PATRON_BLOCKED: "Keanggotaan Anda sedang ditangguhkan",
    Reason.PATRON_FINES: "Masih ada denda yang harus dibayar",
    Reason.PATRON_EXPIRED: "Masa keanggotaan Anda sudah habis",
    Reason.UNKNOWN_ITEM: "Eksemplar tidak dikenal",
    Reason.ON_HOLD_FOR_OTHER: "Buku ini sudah dipesan anggota lain",
    Reason.NOT_FOR_LOAN: "Buku ini hanya untuk dibaca di tempat",
    Reason.LIMIT_REACHED: "Jumlah pinjaman Anda sudah mencapai batas",
    Reason.ALREADY_ON_LOAN_TO_YOU: "Buku ini sudah Anda pinjam",
    Reason.CHECKED_OUT_TO_OTHER: "Buku ini sedang dipinjam anggota lain",
    Reason.NOT_ON_LOAN: "Buku ini tidak sedang Anda pinjam",
    Reason.RENEWAL_LIMIT: "Buku ini tidak bisa diperpanjang lagi",
}
INDONESIAN_FALLBACK = "Tidak bisa di sini; silakan ke meja layanan"


def refusal(reason: Reason, language: str) -> str:
    """The refusal in the patron's language, with Koha's English wording for machines."""
    english = REFUSALS.get(reason, FALLBACK)
    if language != "id":
        return english
    return f"{INDONESIAN.get(reason, INDONESIAN_FALLBACK)} / {english}"


def renewed_today(language: str) -> str:
    english = "Renewal limit reached: already renewed today"
    return f"Buku ini sudah diperpanjang hari ini / {english}" if language == "id" else english


def money(amount: Decimal | int, currency: str) -> str:
    """1500 IDR -> "Rp 1.500" (Indonesian thousands dot); other currencies as "EUR 1.50"."""
    if currency == "IDR":
        return "Rp " + f"{int(amount):,}".replace(",", ".")
    return f"{currency} {amount}"


def late_return(days: int, fine: Decimal | int, currency: str, language: str) -> str:
    english = f"Returned {days} day(s) late: fine {money(fine, currency)}"
    if language != "id":
        return english
    return f"Terlambat {days} hari, denda {money(fine, currency)} / {english}"


def hold_shelf(language: str) -> str:
    english = "Item is on hold for another patron: put it on the hold shelf"
    return f"Sudah dipesan anggota lain: taruh di rak pesanan / {english}" if language == "id" else english


def password_required(language: str) -> str:
    english = "Patron password required"
    return f"Masukkan kata sandi anggota / {english}" if language == "id" else english


def suspended_until(day, language: str) -> str:
    """A suspension (INLISLite `pelanggaran.JumlahSuspend`) still running."""
    english = f"Borrowing suspended until {day:%d-%m-%Y}"
    return f"Peminjaman ditangguhkan sampai {day:%d-%m-%Y} / {english}" if language == "id" else english


def late_suspension(days: int, language: str) -> str:
    english = f"Borrowing suspended for {days} day(s)"
    return f"Peminjaman ditangguhkan {days} hari / {english}" if language == "id" else english


def overdue_not_renewable(language: str) -> str:
    english = "Renewal limit reached: the item is overdue, return it at the desk"
    return f"Sudah lewat jatuh tempo, tidak bisa diperpanjang / {english}" if language == "id" else english


def holds_in_opac(language: str) -> str:
    english = "Holds are placed in the OPAC"
    return f"Pemesanan buku lewat OPAC / {english}" if language == "id" else english
