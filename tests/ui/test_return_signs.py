"""The return station's big labels: where each item goes, its sort bin,
and "was not on loan" / "returned late" with the fine instead of a plain "Returned"."""

from datetime import date, timedelta

from kiosk.catalog import demo_data as d


def rows(ui) -> list[str]:
    return list(reversed(ui.window.screens["returns"].texts()))


def test_an_item_not_on_loan_says_so(return_ui):
    return_ui.press("language_en")
    return_ui.scanner.scan(d.item_barcode(7))  # Negeri 5 Menara: on the shelf, never lent
    assert "It was not on loan." in rows(return_ui)[0] and "BACK TO THE SHELF" in rows(return_ui)[0]


def test_a_late_return_says_so_with_the_fine(return_ui):
    library = return_ui.gui.kiosk.catalog.library
    library.lend(d.item_barcode(5), d.patron_card(2), due=date.today() - timedelta(days=3))
    return_ui.press("language_en")
    return_ui.scanner.scan(d.item_barcode(5))
    assert "Returned late. Fine: Rp 1.500" in rows(return_ui)[0]
    assert library.fines(d.patron_card(2)) == 1500


def test_the_sort_bin_is_shown_on_the_label(return_ui):
    library = return_ui.gui.kiosk.catalog.library
    library.update_item(d.item_barcode(11), sort_bin="B7")
    library.lend(d.item_barcode(11), d.patron_card(2))
    return_ui.scanner.scan(d.item_barcode(11))
    assert "KIRIM KE CABANG TIMUR" in rows(return_ui)[0] and "Kotak B7" in rows(return_ui)[0]


def test_the_labels_are_large_and_coloured_apart(return_ui):
    from PySide6.QtWidgets import QLabel

    for n in (10, 11, 4):
        return_ui.scanner.scan(d.item_barcode(n))
    signs = [w for w in return_ui.window.findChildren(QLabel) if w.objectName().startswith("returnSign_")]
    assert {w.objectName() for w in signs} == {"returnSign_hold_shelf", "returnSign_transit", "returnSign_shelf"}
    assert len({w.styleSheet().split(";")[0] for w in signs}) == 3  # three backgrounds
    assert all(w.font().pixelSize() >= 32 or "font-size" in w.styleSheet() for w in signs)


def test_a_hold_and_a_transit_get_their_slips_printed(return_ui):
    printer = return_ui.gui.kiosk.devices.first("printer")
    return_ui.scanner.scan(d.item_barcode(10))  # Pulang: Siti waits for it
    return_ui.scanner.scan(d.item_barcode(11))  # Saman: belongs to Cabang Timur
    return_ui.scanner.scan(d.item_barcode(4))  # back to the shelf: no slip
    assert len(printer.printed) == 2
    hold, transit = (job.decode("cp437", errors="replace") for job in printer.printed)
    assert "Siti R." in hold and "Rahmawati" not in hold and "Perpustakaan Pusat" in hold
    assert "Cabang Timur" in transit
    assert "Slip dicetak" in rows(return_ui)[0]


def test_a_slip_that_cannot_be_printed_is_said_on_the_row(return_ui):
    from kiosk.devices.base import PrinterCondition

    return_ui.gui.kiosk.devices.first("printer").set_condition(PrinterCondition.PAPER_OUT)
    return_ui.scanner.scan(d.item_barcode(11))
    assert "Slip tidak dapat dicetak" in rows(return_ui)[0]
