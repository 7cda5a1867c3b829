"""The account operations on the circulation worker, against the demo
catalog: what the patron is shown, what the journal keeps."""

from datetime import date

import pytest

from kiosk.account import rupiah
from kiosk.account_ops import FetchAccount, RenewAll
from kiosk.catalog import demo_data as d
from kiosk.circulation import CirculationService, OfflinePolicy
from kiosk.journal import SCHEMA_VERSION, Journal
from kiosk.models import Reason, TxKind, TxState

JOKO = d.patron_card(6)


@pytest.fixture
def journal(tmp_path):
    j = Journal.open(tmp_path / "journal.sqlite3", salt="test")
    yield j
    j.close()


@pytest.fixture
def circ(catalog, journal):
    service = CirculationService(catalog, journal, OfflinePolicy())
    yield service
    service.close()


@pytest.mark.parametrize(
    "amount, text", [(0, "Rp 0"), (500, "Rp 500"), (25_000, "Rp 25.000"), (1_250_000, "Rp 1.250.000")]
)
def test_rupiah_uses_dots_for_thousands(amount, text):
    assert rupiah(amount) == text


def test_the_account_names_loans_and_fills_the_title_cache(circ, journal):
    session = circ.sign_in(JOKO, "1234").session
    view = circ.run(FetchAccount(session))
    assert {loan.title for loan in view.account.loans} == {"Pulang", "Dilan 1990"}
    assert [loan.title for loan in view.account.overdue] == ["Dilan 1990"]
    assert view.account.fines == 2_000 and view.account.fine_limit == d.FINE_LIMIT
    assert journal.title_of(d.item_barcode(23)) == "Dilan 1990"


def test_offline_the_account_is_not_guessed(circ, catalog):
    session = circ.sign_in(JOKO, "1234").session
    catalog.reachable = False
    view = circ.run(FetchAccount(session))
    assert view.account is None and view.reason is Reason.OFFLINE_NO_ACCOUNT


def test_renew_all_journals_each_item_and_refuses_offline(circ, catalog, journal):
    session = circ.sign_in(JOKO, "1234").session
    outcomes = {o.item_id: o for o in circ.run(RenewAll(session))}
    assert outcomes[d.item_barcode(23)].ok and outcomes[d.item_barcode(23)].due > date.today()
    assert outcomes[d.item_barcode(10)].reason is Reason.ON_HOLD_FOR_OTHER  # Siti waits for it
    rows = [t for t in journal.in_state(TxState.DONE, TxState.REFUSED) if t.kind is TxKind.RENEW]
    assert {t.item_id for t in rows} == {"*", d.item_barcode(10), d.item_barcode(23)}
    catalog.reachable = False
    refused = circ.run(RenewAll(session, (d.item_barcode(23),)))
    assert [o.reason for o in refused] == [Reason.OFFLINE_NO_RENEWAL]
    assert refused[0].title == "Dilan 1990"  # from the cache, not the catalog


def test_the_title_cache_is_one_migration_holding_no_patron_data(journal):
    columns = [r[1] for r in journal._conn.execute("PRAGMA table_info(title_cache)")]
    assert columns == ["item_id", "title", "seen_at"]
    assert journal._conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    journal.remember_titles({"X1": "Laskar Pelangi", "X2": "  "})
    journal.remember_titles({"X1": "Laskar Pelangi (edisi baru)"})
    assert journal.title_of("X1") == "Laskar Pelangi (edisi baru)" and journal.title_of("X2") is None
