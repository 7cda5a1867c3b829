"""Where the flow failed a patron: items already on the pad, a refusal
left for the next person, the patron's language, raw identifiers on
screen, and multi-part sets."""

from kiosk.catalog import demo_data as d
from kiosk.devices.base import TagRead
from kiosk.flow import MESSAGE_SHOW_S
from kiosk.ui.simulator import demo_tag, demo_tags

SITI, BUDI, JOKO, RINA = d.patron_card(1), d.patron_card(2), d.patron_card(6), d.patron_card(3)


def sign_in(ui, card=SITI):
    ui.scanner.scan(card)
    ui.type_on_keypad("pin", "1234")


def test_items_on_the_pad_before_the_card_are_borrowed_at_sign_in(kiosk_ui):
    kiosk_ui.pad.place(demo_tag(d.item_barcode(1)), demo_tag(d.item_barcode(5)))
    sign_in(kiosk_ui)
    rows = kiosk_ui.rows()
    assert len(rows) == 2 and all("Kembalikan paling lambat" in r for r in rows)
    assert kiosk_ui.pad.secured[demo_tag(d.item_barcode(1)).uid] is False


def test_a_refusal_on_the_welcome_screen_clears_by_itself(kiosk_ui):
    sign_in(kiosk_ui, RINA)
    assert "Akun Anda diblokir" in kiosk_ui.visible_text()
    for _ in range(MESSAGE_SHOW_S - 1):
        kiosk_ui.vm.tick()
    assert "Akun Anda diblokir" in kiosk_ui.visible_text()  # long enough to read
    kiosk_ui.vm.tick()
    assert "Akun Anda diblokir" not in kiosk_ui.visible_text()  # gone before the next person


def test_a_language_the_patron_tapped_wins_over_the_ils(kiosk_ui):
    kiosk_ui.press("language_en")
    sign_in(kiosk_ui)  # Siti's ILS record says Indonesian
    assert kiosk_ui.gui.languages.current == "en" and "Hello, Siti" in kiosk_ui.visible_text()
    kiosk_ui.press("signOutButton")
    assert kiosk_ui.gui.languages.current == "id"  # the next person starts in the library's language
    sign_in(kiosk_ui, BUDI)
    assert kiosk_ui.gui.languages.current == "id"


def test_offline_rows_name_the_item_from_the_title_cache(kiosk_ui):
    sign_in(kiosk_ui, JOKO)
    kiosk_ui.press("accountButton")  # the catalog names Joko's loans: cached, no patron data kept
    kiosk_ui.press("accountBackButton")
    kiosk_ui.press("signOutButton")
    kiosk_ui.gui.kiosk.catalog.reachable = False
    sign_in(kiosk_ui, BUDI)
    kiosk_ui.scanner.scan(d.item_barcode(23))  # Dilan 1990: its title is known
    kiosk_ui.scanner.scan(d.item_barcode(7))  # never seen by this kiosk
    rows = kiosk_ui.rows()
    assert "Dilan 1990" in rows[0]
    assert "Satu item" in rows[1]
    assert d.item_barcode(7) not in "\n".join(rows) and d.item_barcode(23) not in "\n".join(rows)


def test_a_damaged_tag_shows_no_identifier_and_says_what_to_do(kiosk_ui):
    sign_in(kiosk_ui)
    kiosk_ui.pad.place(TagRead(uid="E0040150DEADBEEF", error="CRC mismatch"))
    row = kiosk_ui.rows()[0]
    assert "Satu item" in row and "meja layanan" in row
    assert "DEADBEEF" not in row


def test_a_set_scanned_by_barcode_waits_for_its_parts_like_one_on_the_pad(kiosk_ui):
    sign_in(kiosk_ui)
    book, cd = demo_tags(d.item_barcode(20))
    kiosk_ui.pad.place(book)
    kiosk_ui.scanner.scan(d.item_barcode(20))
    assert "Menunggu bagian 2" in kiosk_ui.rows()[0]
    assert kiosk_ui.gui.kiosk.catalog.history() == []
    kiosk_ui.pad.place(cd)
    assert len(kiosk_ui.rows()) == 1 and "Kembalikan paling lambat" in kiosk_ui.rows()[0]
    assert kiosk_ui.pad.secured[book.uid] is False and kiosk_ui.pad.secured[cd.uid] is False


def test_a_set_scanned_by_barcode_with_a_part_missing_is_not_lent(kiosk_ui):
    sign_in(kiosk_ui)
    kiosk_ui.scanner.scan(d.item_barcode(20))  # nothing on the pad
    assert "Menunggu bagian 1, 2" in kiosk_ui.rows()[0]
    for _ in range(int(kiosk_ui.gui.kiosk.settings.rfid.set_wait_s)):
        kiosk_ui.vm.tick()
    assert "Bagian 1, 2 dari set ini tidak ada" in kiosk_ui.rows()[0]
    assert kiosk_ui.gui.kiosk.catalog.history() == []
