"""The receipts desk: what the finish screen, the return station and ``kiosk diag`` use.

It knows which channels the library offers ([receipts] offer) and which
can work right now (the printer asked for its status, the patron's email
address known, email set up), builds receipts and slips, and delivers
them. Nothing here runs on the GUI thread: printing and the printer's
status go to the circulation worker's I/O pool (``Offload``), an email is
one journal write on the worker (``OnJournal``) and is sent by the syncer.

Screens use the ``submit_*`` methods (futures); the command line and tests
the blocking ones, which run the same code.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from typing import TYPE_CHECKING

from kiosk.circulation import CirculationService, OnJournal, Session
from kiosk.config import Settings
from kiosk.devices.base import PrinterCondition, ReceiptPrinter
from kiosk.devices.manager import DeviceManager
from kiosk.errors import DeviceError
from kiosk.models import Destination, Patron
from kiosk.receipts.model import Receipt, Slip, receipt_from, short_name
from kiosk.receipts.paper import receipt_bytes, slip_bytes
from kiosk.receipts.qr import PhoneQr, phone_qr
from kiosk.receipts.texts import text
from kiosk.worker import Offload

if TYPE_CHECKING:
    from kiosk.receipts.outbox import EmailOutbox, OutboxReport

log = logging.getLogger(__name__)


class Channel(str, enum.Enum):
    PRINT = "print"
    EMAIL = "email"
    PHONE = "phone"
    NONE = "none"


class Unavailable(str, enum.Enum):
    """Why a channel the library offers cannot be used now; ``text(language)`` says it to the patron."""

    NO_PRINTER = "no_printer"
    PAPER_OUT = "paper_out"
    COVER_OPEN = "cover_open"
    PRINTER_OFFLINE = "printer_offline"
    EMAIL_NOT_SET_UP = "email_not_set_up"
    NO_ADDRESS = "no_address"
    NOTHING_DUE = "nothing_due"  # phone: no due dates to put in a calendar
    NOT_OFFERED = "not_offered"

    def text(self, language: str) -> str:
        return text(self.value, language)


_PRINTER_TROUBLE = {
    PrinterCondition.PAPER_OUT: Unavailable.PAPER_OUT,
    PrinterCondition.COVER_OPEN: Unavailable.COVER_OPEN,
    PrinterCondition.OFFLINE: Unavailable.PRINTER_OFFLINE,
}


@dataclass(frozen=True)
class Withheld:
    channel: Channel
    why: Unavailable
    detail: str = ""  # for staff and the log (the device's reason), in English


@dataclass(frozen=True)
class Offer:
    """The channels to show, in the library's order, and the one picked if the patron picks none."""

    channels: tuple[Channel, ...]
    default: Channel
    withheld: tuple[Withheld, ...] = ()

    def why_not(self, channel: Channel | str) -> Withheld | None:
        return next((w for w in self.withheld if w.channel == Channel(channel)), None)


@dataclass(frozen=True)
class Delivery:
    channel: Channel
    ok: bool
    why: Unavailable | None = None  # when not ok
    detail: str = ""  # "printed", "queued for sending", or what went wrong (English, for staff)
    qr: PhoneQr | None = None  # the phone channel's code


class ReceiptDesk:
    def __init__(
        self,
        settings: Settings,
        devices: DeviceManager,
        circulation: CirculationService,
        *,
        wake_outbox: Callable[[], None] = lambda: None,
        clock: Callable[[], datetime] = lambda: datetime.now().astimezone(),
    ) -> None:
        self.settings = settings
        self.devices = devices
        self.circulation = circulation
        self.wake_outbox = wake_outbox  # the sync worker's wake(): an email queued goes at once when it can
        self.clock = clock

    @cached_property
    def outbox(self) -> EmailOutbox:
        """Made on first use (the syncer's first pass, the first email): smtplib, ssl and the email
        package stay out of the kiosk's start-up."""
        from kiosk.receipts.outbox import EmailOutbox

        return EmailOutbox(self.settings, lambda fn: self.circulation.run(OnJournal(fn)))

    @property
    def email_set_up(self) -> bool:
        return bool(self.settings.email.host)

    # -- what a receipt says (pure: any thread) ------------------------------------------
    def receipt(self, outcomes: Iterable, *, patron: Patron | None, language: str) -> Receipt:
        k, r = self.settings.kiosk, self.settings.receipts
        return receipt_from(
            outcomes,
            library=k.library,
            kiosk=k.name,
            when=self.clock(),
            language=language,
            patron=patron,
            header=r.header,
            footer=r.footer,
        )

    def receipt_for(self, session: Session, language: str) -> Receipt:
        """The session's receipt; build it before EndSession, which forgets the patron."""
        return self.receipt(list(session.outcomes), patron=session.patron, language=language)

    def phone_qr(self, receipt: Receipt) -> PhoneQr:
        """Pure, but about 150 ms for a long visit (qrcode is pure Python): off the GUI thread,
        or through ``submit_deliver(receipt, Channel.PHONE)``."""
        return phone_qr(receipt)

    def slip(self, outcome, *, hold_patron: str = "", language: str | None = None) -> Slip | None:
        """The slip a returned item needs (hold shelf or transit), or None. ``hold_patron``: the
        name of whom it is held for, when the ILS said (it is shortened here)."""
        if not outcome.ok or outcome.destination not in (Destination.HOLD_SHELF, Destination.TRANSIT):
            return None
        return Slip(
            destination=outcome.destination,
            title=outcome.title,
            item_id=outcome.item_id,
            when=self.clock(),
            language=language or self.settings.kiosk.default_language,
            library=self.settings.kiosk.library,
            place=outcome.destination_detail,
            patron=short_name(hold_patron),
            origin=self.settings.catalog.location,
        )

    # -- the printer -------------------------------------------------------------------
    def printer(self) -> ReceiptPrinter | None:
        name = self.settings.receipts.printer
        device = self.devices.get(name) if name else self.devices.first("printer")
        return device if isinstance(device, ReceiptPrinter) else None

    # -- blocking (command line, tests; never the GUI thread) ----------------------------
    def offered(self, receipt: Receipt) -> Offer:
        return self.submit_offered(receipt).result()

    def deliver(self, receipt: Receipt, channel: Channel | str) -> Delivery:
        return self.submit_deliver(receipt, channel).result()

    def print_slip(self, slip: Slip) -> Delivery:
        return self.submit_print_slip(slip).result()

    def send_emails(self) -> OutboxReport:
        """One pass over the outbox now (the syncer does this every pass)."""
        return self.outbox.send_due()

    # -- for the screens: futures, completed on the circulation worker -------------------
    def submit_offered(self, receipt: Receipt) -> Future[Offer]:
        """Which channels to show; asks the printer for its status (I/O pool)."""
        return self.circulation.submit(Offload(lambda: self._offer(receipt)))

    def submit_deliver(self, receipt: Receipt, channel: Channel | str) -> Future[Delivery]:
        channel = Channel(channel)
        if channel is Channel.PRINT:
            return self.circulation.submit(Offload(lambda: self._print(lambda printer: self.job(printer, receipt))))
        if channel is Channel.EMAIL:
            return self._queue_email(receipt)
        if channel is Channel.PHONE:
            return self.circulation.submit(
                Offload(lambda: Delivery(channel, True, detail="shown", qr=self.phone_qr(receipt)))
            )
        done: Future[Delivery] = Future()
        done.set_result(Delivery(channel, True))
        return done

    def submit_print_slip(self, slip: Slip) -> Future[Delivery]:
        return self.circulation.submit(
            Offload(lambda: self._print(lambda p: slip_bytes(slip, profile=p.profile, columns=p.columns)))
        )

    def job(self, printer: ReceiptPrinter, receipt: Receipt) -> bytes:
        """The ESC/POS job of ``receipt`` for ``printer``'s profile and line width."""
        return receipt_bytes(
            receipt, profile=printer.profile, columns=printer.columns, qr=self.settings.receipts.qr_on_paper
        )

    # -- inside --------------------------------------------------------------------------
    def _offer(self, receipt: Receipt) -> Offer:
        offered, withheld = [], []
        for name in self.settings.receipts.offer:
            channel = Channel(name)
            why = self._why_not(channel, receipt)
            if why is None:
                offered.append(channel)
            else:
                withheld.append(why)
        default = Channel(self.settings.receipts.default)
        if default not in offered:
            default = Channel.NONE if Channel.NONE in offered else (offered[0] if offered else Channel.NONE)
        return Offer(tuple(offered), default, tuple(withheld))

    def _why_not(self, channel: Channel, receipt: Receipt) -> Withheld | None:
        if channel is Channel.PRINT:
            printer = self.printer()
            if printer is None:
                return Withheld(channel, Unavailable.NO_PRINTER, "no printer device is open")
            condition = printer.check()
            if not condition.can_print:
                return Withheld(channel, _PRINTER_TROUBLE[condition], printer.status.reason)
        elif channel is Channel.EMAIL:
            if not self.email_set_up:
                return Withheld(channel, Unavailable.EMAIL_NOT_SET_UP, "[email] host is not set")
            if not receipt.email:
                return Withheld(channel, Unavailable.NO_ADDRESS, "the ILS gave no email address (SIP2 BE)")
        elif channel is Channel.PHONE and not receipt.due_dates():
            return Withheld(channel, Unavailable.NOTHING_DUE, "nothing is due: no calendar to carry")
        return None

    def _print(self, render: Callable[[ReceiptPrinter], bytes]) -> Delivery:
        """On the I/O pool: render for the printer and send it."""
        printer = self.printer()
        if printer is None:
            return Delivery(Channel.PRINT, False, Unavailable.NO_PRINTER, "no printer device is open")
        job = render(printer)
        try:
            printer.print_job(job)
        except DeviceError as exc:
            why = _PRINTER_TROUBLE.get(printer.condition, Unavailable.PRINTER_OFFLINE)
            log.warning("receipt not printed: %s", exc.message)
            return Delivery(Channel.PRINT, False, why, exc.message)
        return Delivery(Channel.PRINT, True, detail=f"printed ({len(job)} bytes)")

    def _queue_email(self, receipt: Receipt) -> Future[Delivery]:
        if not self.email_set_up or not receipt.email:
            done: Future[Delivery] = Future()
            why = Unavailable.NO_ADDRESS if self.email_set_up else Unavailable.EMAIL_NOT_SET_UP
            done.set_result(Delivery(Channel.EMAIL, False, why, "not queued"))
            return done

        def queue(journal) -> Delivery:
            """On the worker: rendered in the patron's language, written, then the syncer woken."""
            from kiosk.receipts.mail import email_message

            message = email_message(receipt, sender=self.settings.email.sender, to=receipt.email).as_bytes()
            row = self.outbox.queue(journal, receipt.email, message)
            self.wake_outbox()
            return Delivery(Channel.EMAIL, True, detail=f"queued for sending (outbox {row})")

        return self.circulation.submit(OnJournal(queue))
