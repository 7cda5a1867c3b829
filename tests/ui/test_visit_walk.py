"""The whole visit, as the issue's proof asks: sign in, look at the account,
renew one, borrow two (one refused), finish, print. The printed bytes
(ESC/POS from python-escpos, through the simulated printer device) show
both titles, the due dates, the refusal and the cut."""

from datetime import date, timedelta

from kiosk.catalog import demo_data as d
from kiosk.receipts.texts import long_date
from kiosk.ui.simulator import demo_tag

JOKO = d.patron_card(6)
GS_V = b"\x1dV"  # ESC/POS "select cut mode and cut paper"


def test_sign_in_account_renew_borrow_refused_finish_print(kiosk_ui):
    ui = kiosk_ui
    printer = ui.gui.kiosk.devices.first("printer")
    ui.press("language_en")
    ui.scanner.scan(JOKO)
    ui.type_on_keypad("pin", "1234")
    assert ui.screen() == "session"
    ui.press("accountButton")
    titles = [loan.title for loan in ui.gui.flow.account.loans()]
    ui.press(f"renewButton{titles.index('Dilan 1990')}")
    assert "✓ Renewed" in ui.visible_text()
    ui.press("accountBackButton")
    ui.pad.place(demo_tag(d.item_barcode(1)), demo_tag(d.item_barcode(3)))  # Bumi Manusia waits for Budi
    ui.press("finishButton")
    assert ui.screen() == "finish"
    text = ui.visible_text()
    assert "Laskar Pelangi" in text and "Bumi Manusia" in text and "reserved for someone else" in text
    assert "Renewed: due back" in text
    ui.press("receiptPrintButton")
    assert "Please take your receipt" in ui.visible_text()
    assert len(printer.printed) == 1
    job = printer.printed[0]
    paper = job.decode("cp437", errors="replace")
    loan_due = long_date(date.today() + timedelta(days=14), "en")
    assert "Laskar Pelangi" in paper and "Bumi Manusia" in paper and "Dilan 1990" in paper
    assert loan_due in paper  # the loan's and the renewal's due date (both 14 days on)
    assert "reserved for someone else" in paper  # the refusal, with what to do
    assert GS_V in job[-8:]  # ends with the cut
    ui.press("doneButton")
    assert ui.screen() == "welcome" and "Joko" not in ui.visible_text()


def test_paper_out_is_said_before_the_patron_chooses(kiosk_ui):
    from kiosk.devices.base import PrinterCondition

    ui = kiosk_ui
    ui.gui.kiosk.devices.first("printer").set_condition(PrinterCondition.PAPER_OUT)
    ui.press("language_en")
    ui.scanner.scan(JOKO)
    ui.type_on_keypad("pin", "1234")
    ui.scanner.scan(d.item_barcode(1))
    ui.press("finishButton")
    assert not ui.window.findChild(type(ui.window.staff_button), "receiptPrintButton").isVisible()
    assert "out of paper" in ui.visible_text()
    assert ui.window.findChild(type(ui.window.staff_button), "receiptPhoneButton").isVisible()


def test_the_phone_receipt_is_a_code_on_screen(kiosk_ui):
    ui = kiosk_ui
    ui.scanner.scan(JOKO)
    ui.type_on_keypad("pin", "1234")
    ui.scanner.scan(d.item_barcode(1))
    ui.press("finishButton")
    ui.press("receiptPhoneButton")
    qr = ui.window.findChild(type(ui.window.screens["finish"].qr), "receiptQr")
    assert qr.isVisible() and not qr.pixmap().isNull()
    assert ui.gui.flow.finishing.delivery.qr.text.startswith("BEGIN:VCALENDAR")


def test_cancel_after_a_loan_shows_the_due_dates_first(kiosk_ui):
    ui = kiosk_ui
    ui.scanner.scan(JOKO)
    ui.type_on_keypad("pin", "1234")
    ui.scanner.scan(d.item_barcode(1))
    ui.press("signOutButton")
    assert ui.screen() == "finish" and "Kembalikan paling lambat" in ui.visible_text()


def test_walking_away_from_the_choice_delivers_the_default_then_clears(kiosk_ui):
    ui = kiosk_ui
    printer = ui.gui.kiosk.devices.first("printer")
    ui.scanner.scan(JOKO)
    ui.type_on_keypad("pin", "1234")
    ui.scanner.scan(d.item_barcode(1))
    ui.press("finishButton")
    countdown = ui.window.findChild(type(ui.window.countdown), "countdown")
    ui.vm.tick()
    assert countdown.isVisible()  # the choice is inside the visible countdown
    for _ in range(ui.gui.kiosk.settings.kiosk.idle_timeout_s):
        ui.vm.tick()
    assert ui.screen() == "welcome"
    assert len(printer.printed) == 1  # the demo library's default is "print"
