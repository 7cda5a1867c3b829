"""A patron borrows at the kiosk: what they do, and what the screen says."""

from PySide6.QtWidgets import QLabel

from kiosk.catalog import demo_data as d
from kiosk.ui.simulator import demo_tag

SITI, RINA = d.patron_card(1), d.patron_card(3)


def sign_in(ui, card=SITI, pin="1234"):
    ui.scanner.scan(card)
    assert ui.screen() == "pin"
    ui.type_on_keypad("pin", pin)


def test_a_patron_borrows_a_stack_and_sees_due_dates(kiosk_ui):
    ui = kiosk_ui
    assert ui.screen() == "welcome"
    assert "Selamat datang di perpustakaan" in ui.visible_text()
    sign_in(ui)
    assert ui.screen() == "session"
    assert "Halo, Siti Rahmawati" in ui.visible_text()
    ui.pad.place(demo_tag(d.item_barcode(1)), demo_tag(d.item_barcode(3)))
    rows = ui.rows()
    assert "Laskar Pelangi" in rows[0] and "Kembalikan paling lambat" in rows[0]
    assert "Bumi Manusia" in rows[1] and "dipesan untuk orang lain" in rows[1]
    assert ui.pad.secured[demo_tag(d.item_barcode(1)).uid] is False  # the gate stays quiet for the loan
    assert ui.pad.secured[demo_tag(d.item_barcode(3)).uid] is True  # and sounds for the refused one
    ui.press("language_en")
    rows = ui.rows()
    assert "Due back" in rows[0] and "reserved for someone else" in rows[1]
    assert "Items borrowed: 1" in ui.visible_text()
    ui.press("finishButton")
    assert ui.screen() == "finish"
    assert "Thank you! Items borrowed: 1" in ui.visible_text()
    assert "Laskar Pelangi" in ui.visible_text()
    assert "Bumi Manusia" in ui.visible_text() and "leave it at the desk" in ui.visible_text()  # refused: what to do
    assert "Would you like a receipt?" in ui.visible_text()
    ui.press("receiptNoneButton")  # with a receipt on offer, "No receipt" is the way out
    assert ui.screen() == "welcome"
    assert "Siti" not in ui.visible_text() and "Laskar" not in ui.visible_text()
    assert ui.gui.languages.current == "id"  # the next patron starts in the library's language


def test_the_same_tag_lying_on_the_pad_is_borrowed_once(kiosk_ui):
    sign_in(kiosk_ui)
    tag = demo_tag(d.item_barcode(1))
    kiosk_ui.pad.place(tag)
    kiosk_ui.pad.remove(tag.uid)
    kiosk_ui.pad.place(tag)
    kiosk_ui.scanner.scan(d.item_barcode(1))
    assert len(kiosk_ui.rows()) == 1
    assert len(kiosk_ui.gui.kiosk.catalog.history()) == 1


def test_a_wrong_pin_is_said_and_can_be_retried(kiosk_ui):
    sign_in(kiosk_ui, pin="9999")
    assert kiosk_ui.screen() == "pin"
    assert "PIN salah" in kiosk_ui.visible_text()
    kiosk_ui.type_on_keypad("pin", "1234")
    assert kiosk_ui.screen() == "session"


def test_the_pin_is_not_left_in_the_field(kiosk_ui):
    kiosk_ui.scanner.scan(SITI)
    for digit in "12":
        kiosk_ui.press(f"pinKey{digit}")
    kiosk_ui.press("pinCancel")
    kiosk_ui.scanner.scan(SITI)
    assert kiosk_ui.window.findChild(type(kiosk_ui.window.screens["pin"].keypad.field), "pinField").text() == ""


def test_a_blocked_patron_is_told_why_on_the_first_screen(kiosk_ui):
    sign_in(kiosk_ui, card=RINA)
    assert kiosk_ui.screen() == "welcome"
    assert "Akun Anda diblokir" in kiosk_ui.visible_text()


def test_a_typed_card_number_signs_in(kiosk_ui):
    kiosk_ui.press("typeCardButton")
    assert kiosk_ui.screen() == "card_entry"
    kiosk_ui.type_on_keypad("card_entry", SITI)
    assert kiosk_ui.screen() == "pin"


def test_an_item_before_signing_in_asks_for_the_card(kiosk_ui):
    kiosk_ui.pad.place(demo_tag(d.item_barcode(1)))
    assert kiosk_ui.screen() == "welcome"
    assert "pindai kartu perpustakaan Anda terlebih dahulu" in kiosk_ui.visible_text()


def test_an_rfid_patron_card_signs_in(kiosk_ui):
    kiosk_ui.pad.place(demo_tag(SITI, patron=True))
    assert kiosk_ui.screen() == "pin"


def test_an_unreadable_tag_is_sent_to_the_desk(kiosk_ui):
    from kiosk.devices.base import TagRead

    sign_in(kiosk_ui)
    kiosk_ui.pad.place(TagRead("E0040150DEADBEEF", error="CRC mismatch"))
    assert "Tag ini tidak dapat dibaca" in kiosk_ui.rows()[0]


def test_a_tag_that_stays_secured_sends_the_item_to_the_desk(kiosk_ui):
    sign_in(kiosk_ui)
    tag = demo_tag(d.item_barcode(1))
    kiosk_ui.pad.fail_security.add(tag.uid)
    kiosk_ui.pad.place(tag)
    assert "bawa item ini ke meja layanan" in kiosk_ui.rows()[0]
    assert kiosk_ui.gui.kiosk.journal.open_alerts()[0]["kind"] == "security"


def test_idle_timeout_counts_down_then_clears_the_session(kiosk_ui):
    ui = kiosk_ui
    settings = ui.gui.kiosk.settings.kiosk
    sign_in(ui)
    ui.scanner.scan(d.item_barcode(1))
    countdown = ui.window.findChild(QLabel, "countdownText")
    for _ in range(settings.idle_timeout_s - settings.idle_warning_s):
        ui.vm.tick()
    assert countdown.isVisible() and f"{settings.idle_warning_s} detik" in countdown.text()
    ui.press("stillHereButton")
    assert not countdown.isVisible() and ui.screen() == "session"
    for _ in range(settings.idle_timeout_s):
        ui.vm.tick()
    assert ui.screen() == "welcome"
    assert ui.vm.session is None
    assert "Siti" not in ui.visible_text() and "Laskar" not in ui.visible_text()


def test_offline_loans_say_so_and_still_get_a_due_date(kiosk_ui):
    ui = kiosk_ui
    sign_in(ui)
    ui.gui.kiosk.catalog.reachable = False
    ui.scanner.scan(d.item_barcode(1))
    assert ui.window.findChild(QLabel, "offlineBadge").isVisible()
    assert "Kembalikan paling lambat" in ui.rows()[0] and "kios luring" in ui.rows()[0]
    assert ui.gui.kiosk.journal.counts()["queued"] == 1


def test_a_broken_device_is_shown_for_staff(kiosk_ui):
    alert = kiosk_ui.window.findChild(QLabel, "deviceAlert")
    assert not alert.isVisible()
    kiosk_ui.pad.unplug()
    assert alert.isVisible()
    kiosk_ui.pad.replug()
    assert not alert.isVisible()


def test_a_two_part_set_is_lent_once_with_both_tags_unsecured(kiosk_ui):
    from kiosk.ui.simulator import demo_tags

    sign_in(kiosk_ui)
    book, cd = demo_tags(d.item_barcode(20))
    kiosk_ui.pad.place(book)
    assert "Menunggu bagian 2" in kiosk_ui.rows()[0]  # waiting for the other part, nothing sent yet
    assert kiosk_ui.gui.kiosk.catalog.history() == []
    kiosk_ui.pad.place(cd)
    assert len(kiosk_ui.rows()) == 1 and "Kembalikan paling lambat" in kiosk_ui.rows()[0]
    assert kiosk_ui.pad.secured[book.uid] is False and kiosk_ui.pad.secured[cd.uid] is False
    assert len(kiosk_ui.gui.kiosk.catalog.history()) == 1


def test_an_incomplete_set_says_which_part_is_missing_and_is_not_lent(kiosk_ui):
    from kiosk.ui.simulator import demo_tags

    sign_in(kiosk_ui)
    book, cd = demo_tags(d.item_barcode(20))
    kiosk_ui.pad.place(book)
    for _ in range(int(kiosk_ui.gui.kiosk.settings.rfid.set_wait_s)):
        kiosk_ui.vm.tick()
    assert "Bagian 2 dari set ini tidak ada" in kiosk_ui.rows()[0]
    assert kiosk_ui.gui.kiosk.catalog.history() == []
    kiosk_ui.pad.place(cd)  # the patron finds the CD
    assert len(kiosk_ui.rows()) == 1 and "Kembalikan paling lambat" in kiosk_ui.rows()[0]
    assert len(kiosk_ui.gui.kiosk.catalog.history()) == 1


def test_a_code_that_is_no_library_card_is_explained_not_sent(kiosk_ui):
    kiosk_ui.scanner.scan("9786020332956", "ean13")  # a book's retail ISBN barcode
    assert kiosk_ui.screen() == "welcome"
    assert "Ini bukan kartu atau label perpustakaan" in kiosk_ui.visible_text()


def test_a_misread_check_digit_asks_to_scan_again(kiosk_ui):
    sign_in(kiosk_ui)
    bad = d.item_barcode(1)[:-1] + str((int(d.item_barcode(1)[-1]) + 1) % 10)
    kiosk_ui.scanner.scan(bad, "codabar")
    assert "tidak terbaca dengan benar" in kiosk_ui.rows()[0]
    assert kiosk_ui.gui.kiosk.catalog.history() == []


def test_codabar_start_stop_characters_are_stripped(kiosk_ui):
    kiosk_ui.scanner.scan(f"A{SITI}B", "codabar")
    assert kiosk_ui.screen() == "pin"


def test_another_patron_card_mid_session_asks_before_switching(kiosk_ui):
    sign_in(kiosk_ui)
    kiosk_ui.scanner.scan(d.item_barcode(1), "codabar")
    kiosk_ui.scanner.scan(d.patron_card(2), "codabar")
    assert kiosk_ui.screen() == "session" and "Halo, Siti" in kiosk_ui.visible_text()
    assert "Kartu perpustakaan lain dipindai" in kiosk_ui.visible_text()
    kiosk_ui.press("switchNoButton")
    assert "Kartu perpustakaan lain" not in kiosk_ui.visible_text() and len(kiosk_ui.rows()) == 1
    kiosk_ui.scanner.scan(d.patron_card(2), "codabar")
    kiosk_ui.press("switchYesButton")
    assert kiosk_ui.screen() == "pin"  # Budi's turn; Siti's session is over
    assert "Siti" not in kiosk_ui.visible_text() and "Laskar" not in kiosk_ui.visible_text()
    kiosk_ui.type_on_keypad("pin", "1234")
    assert "Halo, Budi Santoso" in kiosk_ui.visible_text()
