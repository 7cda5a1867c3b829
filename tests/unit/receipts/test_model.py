from datetime import date

import pytest

from kiosk.circulation import Outcome
from kiosk.models import Reason, TxKind
from kiosk.receipts.model import short_name

from .conftest import DUE, RENEWED_DUE, make_receipt


@pytest.mark.parametrize(
    "name, short",
    [
        ("Siti Rahayu", "Siti R."),
        ("Putu Ayu Lestari", "Putu L."),
        ("Suharto", "Suharto"),
        ("  budi   santoso ", "budi S."),
        ("", ""),
    ],
)
def test_a_receipt_names_the_patron_only_by_first_name_and_initial(name, short):
    assert short_name(name) == short


def test_the_visit_is_sorted_into_loans_refusals_renewals_and_returns(receipt):
    assert receipt.patron == "Siti R." and "Rahayu" not in repr(receipt)
    assert [(x.title, x.due) for x in receipt.loans] == [("Laskar Pelangi", DUE), ("Sang Pemimpi", DUE)]
    assert [(x.title, x.reason) for x in receipt.refused] == [("Kamus Besar Bahasa Indonesia", Reason.NOT_FOR_LOAN)]
    assert [(x.title, x.ok, x.due) for x in receipt.renewals] == [("Anak Semua Bangsa", True, RENEWED_DUE)]
    assert [x.title for x in receipt.returns] == ["Pulang"]
    # The ILS's lines: the patron's first, then each item's, once each.
    assert receipt.ils_lines == ("Denda Anda: Rp 0", "Pinjaman ke-3")
    assert receipt.email == "siti.rahayu@example.org"


def test_due_dates_group_the_titles_due_that_day_earliest_first(receipt):
    assert receipt.due_dates() == {DUE: ["Laskar Pelangi", "Sang Pemimpi"], RENEWED_DUE: ["Anak Semua Bangsa"]}


def test_a_refused_renewal_is_no_due_date_and_an_unsecured_loan_says_take_it_to_the_desk():
    receipt = make_receipt(
        outcomes=[
            Outcome(TxKind.RENEW, "3", False, "Hujan", reason=Reason.RENEWAL_LIMIT),
            Outcome(TxKind.CHECKOUT, "4", True, "Saman", date(2026, 12, 15), security_ok=False),
        ]
    )
    assert receipt.renewals[0].due is None and receipt.renewals[0].reason is Reason.RENEWAL_LIMIT
    assert receipt.loans[0].take_to_desk
    assert list(receipt.due_dates()) == [date(2026, 12, 15)]


def test_an_offline_visit_has_no_patron_and_no_address():
    receipt = make_receipt(patron=None)
    assert receipt.patron == "" and receipt.email == "" and receipt.ils_lines == ("Pinjaman ke-3",)


def test_a_demo_catalog_made_before_email_addresses_gets_them(tmp_path):
    """The demo library's patrons have addresses at example.org, also in a demo file from an older kiosk."""
    import sqlite3

    from kiosk.catalog.demo_data import patron_card
    from kiosk.ils.demo import DemoLibrary

    path = tmp_path / "old-demo.sqlite3"
    DemoLibrary(path).close()
    with sqlite3.connect(path) as db:
        db.execute("ALTER TABLE patrons DROP COLUMN email")
    db.close()
    library = DemoLibrary(path)
    try:
        assert library.patron_information(patron_card(1), None).email == "siti.rahmawati@example.org"
        assert library.patron_information(patron_card(6), None).email == ""  # Joko gave none
    finally:
        library.close()
