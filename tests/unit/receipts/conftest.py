"""A visit's outcomes as the circulation desk hands them back, and the receipt they make."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from kiosk.circulation import Outcome
from kiosk.models import Destination, Patron, Reason, TxKind
from kiosk.receipts.model import receipt_from

WHEN = datetime(2026, 12, 1, 10, 30, tzinfo=timezone(timedelta(hours=7)))
DUE = date(2026, 12, 15)
RENEWED_DUE = date(2026, 12, 22)

PATRON = Patron(
    card="29001000000013",
    name="Siti Rahayu",
    email="siti.rahayu@example.org",
    print_lines=("Denda Anda: Rp 0",),
)
OUTCOMES = [
    Outcome(TxKind.CHECKOUT, "39001000000011", True, "Laskar Pelangi", DUE, print_lines=("Pinjaman ke-3",)),
    Outcome(TxKind.CHECKOUT, "39001000000029", True, "Sang Pemimpi", DUE),
    Outcome(TxKind.CHECKOUT, "39001000000185", False, "Kamus Besar Bahasa Indonesia", reason=Reason.NOT_FOR_LOAN),
    Outcome(TxKind.RENEW, "39001000000045", True, "Anak Semua Bangsa", RENEWED_DUE),
    Outcome(TxKind.CHECKIN, "39001000000102", True, "Pulang", destination=Destination.SHELF),
]


def make_receipt(language: str = "id", outcomes=OUTCOMES, patron=PATRON, **kw):
    return receipt_from(
        outcomes,
        library="Perpustakaan Umum Kota",
        kiosk="Kiosk 1",
        when=WHEN,
        language=language,
        patron=patron,
        header=("Jl. Merdeka No. 1",),
        footer=("Terima kasih",),
        **kw,
    )


@pytest.fixture
def receipt():
    return make_receipt()
