"""The receipt printer end to end: the kiosk's desk, the escpos drivers and python-escpos,
over a real TCP socket to the ESC/POS printer emulator (and pyserial's socket:// for the serial driver)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from kiosk import config
from kiosk.app import build
from kiosk.catalog.demo_data import item_barcode, patron_card
from kiosk.config import DeviceConfig
from kiosk.devices.base import DeviceState, PrinterCondition
from kiosk.receipts.service import Channel, Unavailable
from tests.fakes.escpos_printer import EscposPrinterEmulator
from tests.unit.barcode.recorder import ManualScheduler

SITI, LASKAR, SANG_PEMIMPI, KAMUS = patron_card(1), item_barcode(1), item_barcode(2), item_barcode(18)


@pytest.fixture
def emulator():
    printer = EscposPrinterEmulator()
    yield printer
    printer.close()


def with_printer(settings, driver: str, **options):
    devices = tuple(d for d in settings.devices if d.kind != "printer")
    printer = DeviceConfig("receipt", "printer", driver, True, {"timeout_s": 5.0, **options})
    return config.validate(replace(settings, devices=(*devices, printer)))


@pytest.fixture
def rig(demo_settings, emulator):
    scheduler = ManualScheduler()
    kiosk = build(with_printer(demo_settings, "escpos-network", host="127.0.0.1", port=emulator.port),
                  threaded=False, scheduler=scheduler)  # fmt: skip
    kiosk.devices.open_all(lambda event: None)
    yield kiosk
    kiosk.close()


def visit(kiosk):
    """Siti borrows two books; the dictionary is refused (not for loan)."""
    session = kiosk.circulation.sign_in(SITI, "1234").session
    kiosk.circulation.checkout_stack(session, [(LASKAR, None), (SANG_PEMIMPI, None), (KAMUS, None)])
    receipt = kiosk.receipts.receipt_for(session, "id")
    kiosk.circulation.end_session(session)
    return receipt


def printer_status(kiosk):
    return next(s for s in kiosk.devices.statuses() if s.kind == "printer")


def test_a_printed_receipt_reaches_the_printer_whole_and_is_cut(rig, emulator):
    receipt = visit(rig)
    assert printer_status(rig).state is DeviceState.OK
    offer = rig.receipts.offered(receipt)
    assert Channel.PRINT in offer.channels and offer.default is Channel.PRINT
    delivery = rig.receipts.deliver(receipt, "print")
    assert delivery.ok, delivery
    paper = emulator.wait_for_cuts(1)
    due = receipt.loans[0].due
    text = " ".join(paper.text.split())
    assert "Laskar Pelangi" in text and "Sang Pemimpi" in text
    assert f"Batas kembali {due.day} " in text and str(due.year) in text
    assert "Kamus Besar Bahasa Indonesia" in text and "Item ini tidak untuk dipinjam." in text
    assert paper.qr_codes and "BEGIN:VEVENT" in paper.qr_codes[0]
    assert paper.events[-1] == "cut"
    # The printer was asked DLE EOT 1, 2 and 4 before the job, as a real one is.
    assert {1, 2, 4} <= set(emulator.status_requests)


def test_paper_out_takes_print_off_the_offer_and_says_why_then_a_new_roll_brings_it_back(rig, emulator):
    receipt = visit(rig)
    emulator.paper_out = True
    offer = rig.receipts.offered(receipt)
    assert Channel.PRINT not in offer.channels
    assert offer.channels == (Channel.EMAIL, Channel.PHONE, Channel.NONE)
    assert offer.default is Channel.NONE  # the library's default (print) cannot be had
    withheld = offer.why_not("print")
    assert withheld.why is Unavailable.PAPER_OUT
    assert (
        withheld.why.text("id") == "Kertas printer habis." and withheld.why.text("en") == "The printer is out of paper."
    )
    # Diagnostics see it as the device's state.
    status = printer_status(rig)
    assert status.state is DeviceState.ERROR and "out of paper" in status.reason
    # A new roll: the device manager's next attempt finds it fine, and print is offered again.
    emulator.paper_out = False
    rig.devices.reconnect_now()
    assert printer_status(rig).state is DeviceState.OK
    assert Channel.PRINT in rig.receipts.offered(receipt).channels


@pytest.mark.parametrize(
    "knob, why, condition",
    [
        ("cover_open", Unavailable.COVER_OPEN, PrinterCondition.COVER_OPEN),
        ("offline", Unavailable.PRINTER_OFFLINE, PrinterCondition.OFFLINE),
        ("silent", Unavailable.PRINTER_OFFLINE, PrinterCondition.OFFLINE),
    ],
)
def test_a_printer_in_trouble_is_not_offered(demo_settings, emulator, knob, why, condition):
    settings = with_printer(demo_settings, "escpos-network", host="127.0.0.1", port=emulator.port, timeout_s=0.5)
    kiosk = build(settings, threaded=False, scheduler=ManualScheduler())
    try:
        kiosk.devices.open_all(lambda event: None)
        receipt = visit(kiosk)
        setattr(emulator, knob, True)
        assert kiosk.receipts.offered(receipt).why_not(Channel.PRINT).why is why
        assert kiosk.receipts.printer().condition is condition
        delivery = kiosk.receipts.deliver(receipt, Channel.PRINT)
        assert not delivery.ok and delivery.why is why
        assert emulator.paper.cuts == 0  # nothing was sent to a printer that said it cannot print
    finally:
        kiosk.close()


def test_the_printer_running_out_between_offer_and_print_is_a_refused_delivery(rig, emulator):
    receipt = visit(rig)
    assert Channel.PRINT in rig.receipts.offered(receipt).channels
    emulator.paper_out = True
    delivery = rig.receipts.deliver(receipt, Channel.PRINT)
    assert not delivery.ok and delivery.why is Unavailable.PAPER_OUT
    assert emulator.paper.cuts == 0


def test_a_printer_switched_off_is_offline_and_says_it_cannot_be_reached(rig, emulator):
    receipt = visit(rig)
    emulator.power_off()
    offer = rig.receipts.offered(receipt)
    assert offer.why_not(Channel.PRINT).why is Unavailable.PRINTER_OFFLINE
    status = printer_status(rig)
    assert status.state is DeviceState.DISCONNECTED and "127.0.0.1" in status.reason


def test_the_serial_driver_prints_through_pyserial(demo_settings, emulator):
    kiosk = build(with_printer(demo_settings, "escpos-serial", port=f"socket://127.0.0.1:{emulator.port}"),
                  threaded=False, scheduler=ManualScheduler())  # fmt: skip
    try:
        kiosk.devices.open_all(lambda event: None)
        assert printer_status(kiosk).state is DeviceState.OK
        receipt = visit(kiosk)
        assert kiosk.receipts.deliver(receipt, Channel.PRINT).ok
        assert "Laskar Pelangi" in emulator.wait_for_cuts(1).text
    finally:
        kiosk.close()


def test_a_return_stations_hold_slip_is_printed(rig, emulator):
    from kiosk.circulation import Outcome
    from kiosk.models import Destination, TxKind

    outcome = Outcome(TxKind.CHECKIN, item_barcode(10), True, "Pulang", destination=Destination.HOLD_SHELF,
                      destination_detail="Rak pesanan")  # fmt: skip
    slip = rig.receipts.slip(outcome, hold_patron="Siti Rahmawati")
    assert rig.receipts.print_slip(slip).ok
    paper = emulator.wait_for_cuts(1)
    assert paper.lines[0] == "PESANAN" and "Siti R." in paper.text and "Rak pesanan" in paper.text
    shelf = Outcome(TxKind.CHECKIN, item_barcode(11), True, "Saman", destination=Destination.SHELF)
    assert rig.receipts.slip(shelf) is None
