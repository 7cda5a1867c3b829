"""Receipt and slip bytes, rendered with python-escpos and decoded as a printer would."""

from kiosk.models import Destination
from kiosk.receipts.model import Slip
from kiosk.receipts.paper import receipt_bytes, slip_bytes
from tests.fakes.escpos_printer import decode

from .conftest import WHEN, make_receipt


def flat(text: str) -> str:
    """The paper's words with line breaks as spaces: a sentence may wrap."""
    return " ".join(text.split())


def test_the_paper_shows_titles_due_dates_the_refusal_with_what_to_do_and_ends_with_a_cut(receipt):
    paper = decode(receipt_bytes(receipt))
    text = paper.text
    assert "Perpustakaan Umum Kota" in text and "Jl. Merdeka No. 1" in text
    assert "Bukti peminjaman" in text and "Peminjam" in text and "Siti R." in text and "Rahayu" not in text
    assert "Laskar Pelangi" in text and "Sang Pemimpi" in text
    assert text.count("Batas kembali 15 Desember 2026") == 2
    assert "Tidak dapat dipinjam" in text and "Kamus Besar Bahasa Indonesia" in text
    # What to do: the screen's own Indonesian sentence for "not for loan" (kiosk_id.ts).
    assert "Item ini tidak untuk dipinjam. Silakan baca di tempat." in flat(text)
    assert "Diperpanjang" in text and "22 Desember 2026" in text
    assert "Dikembalikan" in text and "Pulang" in text
    assert "Denda Anda: Rp 0" in text and "Terima kasih" in text
    assert paper.cuts == 1 and paper.events[-1] == "cut"


def test_the_paper_carries_the_due_dates_as_a_calendar_qr_code(receipt):
    paper = decode(receipt_bytes(receipt))
    [payload] = paper.qr_codes
    assert payload.startswith("BEGIN:VCALENDAR") and payload.count("BEGIN:VEVENT") == 2
    assert "DTSTART;VALUE=DATE:20261215" in payload
    assert paper.events.index("qr") < paper.events.index("cut")


def test_the_same_receipt_in_english():
    text = decode(receipt_bytes(make_receipt("en"))).text
    assert "Loan receipt" in text and "Borrower" in text
    assert "Due 15 December 2026" in text and "Not borrowed" in text
    assert "This item cannot be borrowed. Please read it in the library." in flat(text)


def test_lines_fit_the_printers_width(receipt):
    for columns in (32, 42, 48):
        lines = decode(receipt_bytes(receipt, columns=columns, qr=False)).lines
        assert max(len(line) for line in lines) <= columns, columns


def test_without_qr_nothing_but_text_and_the_cut(receipt):
    paper = decode(receipt_bytes(receipt, qr=False))
    assert paper.qr_codes == [] and set(paper.events) == {"text", "cut"}


def test_a_hold_slip_names_the_patron_shortly_and_the_pickup_place():
    slip = Slip(
        Destination.HOLD_SHELF, "Pulang", "39001000000102", WHEN, "id", "Perpustakaan Umum Kota",
        place="Rak pesanan B", patron="Siti R.",
    )  # fmt: skip
    paper = decode(slip_bytes(slip))
    assert paper.lines[0] == "PESANAN"
    assert "Siti R." in paper.text and "Rak pesanan B" in paper.text and "Pulang" in paper.text
    assert paper.cuts == 1


def test_a_transit_slip_says_where_the_book_travels():
    slip = Slip(
        Destination.TRANSIT, "Saman", "39001000000110", WHEN, "en", "Perpustakaan Umum Kota",
        place="Cabang Timur", origin="PUSAT",
    )  # fmt: skip
    paper = decode(slip_bytes(slip))
    assert paper.lines[0] == "TRANSIT" and "Send to" in paper.text and "Cabang Timur" in paper.lines
    assert "PUSAT" in paper.text and paper.cuts == 1
