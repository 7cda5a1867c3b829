"""My account: loans with due dates (overdue marked), holds ready to
collect and where, fines in rupiah; renew one or all; offline, plainly
what cannot be shown and why renewal is refused."""

from PySide6.QtWidgets import QLabel

from kiosk.catalog import demo_data as d

SITI, JOKO, AGUS = d.patron_card(1), d.patron_card(6), d.patron_card(4)


def sign_in(ui, card):
    ui.scanner.scan(card)
    ui.type_on_keypad("pin", "1234")
    assert ui.screen() == "session"


def account_text(ui) -> str:
    return "\n".join(w.text() for w in ui.window.screens["account"].findChildren(QLabel) if w.isVisible())


def test_loans_overdue_holds_and_fines_are_shown(kiosk_ui):
    sign_in(kiosk_ui, JOKO)
    kiosk_ui.press("accountButton")
    assert kiosk_ui.screen() == "account"
    text = account_text(kiosk_ui)
    assert "Pulang" in text and "Dilan 1990" in text
    assert "⚠ Terlambat" in text  # Dilan 1990 is three days late
    assert "Ada orang lain yang menunggu" in text  # Siti waits for Pulang
    assert "Denda Anda Rp 2.000." in text
    assert d.item_barcode(10) not in text  # no raw identifier on screen
    kiosk_ui.press("language_en")
    assert "⚠ Overdue" in account_text(kiosk_ui) and "You owe Rp 2.000." in account_text(kiosk_ui)


def test_a_hold_waiting_on_the_shelf_says_where(kiosk_ui):
    sign_in(kiosk_ui, SITI)
    kiosk_ui.press("accountButton")
    text = account_text(kiosk_ui)
    assert "Laut Bercerita" in text and "Siap diambil di Perpustakaan Pusat" in text
    assert "Belum tersedia" in text  # Pulang is still on loan to Joko


def test_renew_one_shows_the_new_due_date_and_a_refusal_says_why(kiosk_ui):
    sign_in(kiosk_ui, JOKO)
    kiosk_ui.press("accountButton")
    titles = [loan.title for loan in kiosk_ui.gui.flow.account.loans()]
    kiosk_ui.press(f"renewButton{titles.index('Dilan 1990')}")
    text = account_text(kiosk_ui)
    due = kiosk_ui.gui.languages.format_date(
        kiosk_ui.gui.kiosk.catalog.library.item_information(d.item_barcode(23)).due
    )
    assert f"✓ Diperpanjang: kembalikan paling lambat {due}" in text
    kiosk_ui.press(f"renewButton{titles.index('Pulang')}")
    assert "✗ Tidak diperpanjang: Item ini dipesan untuk orang lain" in account_text(kiosk_ui)


def test_renew_all_gives_each_loan_its_result(kiosk_ui):
    sign_in(kiosk_ui, JOKO)
    kiosk_ui.press("accountButton")
    kiosk_ui.press("renewAllButton")
    text = account_text(kiosk_ui)
    assert text.count("✓ Diperpanjang") == 1 and text.count("✗ Tidak diperpanjang") == 1
    renewals = kiosk_ui.gui.kiosk.journal.in_state  # every renewal is journalled
    from kiosk.models import TxState

    rows = [t for t in renewals(TxState.DONE, TxState.REFUSED) if t.kind.value == "renew" and t.item_id != "*"]
    assert {t.item_id for t in rows} == {d.item_barcode(10), d.item_barcode(23)}


def test_offline_the_account_says_what_it_cannot_show_and_renewal_is_refused(kiosk_ui):
    sign_in(kiosk_ui, JOKO)
    kiosk_ui.press("accountButton")
    kiosk_ui.gui.kiosk.catalog.reachable = False
    kiosk_ui.press("renewButton0")
    assert "Kios sedang luring dan tidak dapat memperpanjang" in account_text(kiosk_ui)
    kiosk_ui.press("accountBackButton")
    kiosk_ui.press("accountButton")
    text = account_text(kiosk_ui)
    assert "tidak dapat ditampilkan sekarang" in text and "Pulang" not in text
    assert not kiosk_ui.window.findChild(type(kiosk_ui.window.staff_button), "renewAllButton").isVisible()


def test_a_refusal_for_fines_says_how_much(kiosk_ui):
    kiosk_ui.scanner.scan(AGUS)
    kiosk_ui.type_on_keypad("pin", "1234")
    assert kiosk_ui.screen() == "welcome"
    assert "Denda Anda Rp 25.000." in kiosk_ui.visible_text()


def test_the_account_leaves_with_the_patron(kiosk_ui):
    sign_in(kiosk_ui, JOKO)
    kiosk_ui.press("accountButton")
    kiosk_ui.press("accountBackButton")
    kiosk_ui.press("signOutButton")
    assert kiosk_ui.screen() == "welcome"
    assert kiosk_ui.gui.flow.account.view is None
    assert "Pulang" not in account_text(kiosk_ui) or not kiosk_ui.window.screens["account"].isVisible()
