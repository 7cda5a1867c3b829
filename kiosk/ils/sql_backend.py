"""What the bridge's database backends (SLiMS, INLISLite) share: the library's
clock, screen messages in its language, named locks per item and member,
the intent row around an operation that writes twice, and crash recovery at
start-up. Each backend keeps only its ILS's rules and rows.
"""

from __future__ import annotations

import logging
from abc import abstractmethod
from collections.abc import Callable
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from kiosk.bridge import intents
from kiosk.bridge.db import Database, lock_name, named_locks
from kiosk.models import Reason

from . import messages
from .base import Branding, IlsBackend, PaymentResult

log = logging.getLogger(__name__)

BUSY = "Sedang diproses di tempat lain, coba lagi / Busy, please try again"


class SqlBackend(IlsBackend):
    """An ILS's tables in MariaDB behind the SIP2 server; thread-safe (one pooled connection per call)."""

    def __init__(
        self,
        db: Database,
        *,
        supported: str,
        institution: str = "PUSAT",
        library_name: str = "Perpustakaan",
        timezone: str = "Asia/Jakarta",
        language: str = "id",
        currency: str = "IDR",
        require_patron_password: bool = False,
        clock: Callable[[], datetime] | None = None,
        on_step: Callable[[str], None] | None = None,
    ) -> None:
        self.db = db
        self.zone = ZoneInfo(timezone)
        self.language = language
        self.currency = currency
        self.require_patron_password = require_patron_password
        self._clock = clock or (lambda: datetime.now(self.zone))
        self._on_step = on_step  # tests: called between two writes ("checkin:after_fine"...)
        self._branding = Branding(institution, library_name, supported, currency)

    # -- crash recovery ----------------------------------------------------------------
    @abstractmethod
    def recoveries(self) -> dict[str, Callable[[object, intents.Intent], str]]:
        """op name -> how to finish (or drop) that operation cut short; returns what was done."""

    def recover(self, conn) -> int:
        """Finish or drop every operation a crash left between two writes; returns how many."""
        left = intents.pending(conn)
        table = self.recoveries()
        for intent in left:
            # Under the item's lock: a second bridge on the same database may be in the middle of it.
            with named_locks(conn, self._locks(("item", intent.item_code)), self.db.lock_timeout_s):
                if intent.intent_id not in {i.intent_id for i in intents.pending(conn)}:
                    continue  # that other bridge finished it meanwhile
                recover = table.get(intent.op)
                if recover is None:  # written by a newer bridge: leave it to that one
                    log.error("interrupted operation %r of item %s left for staff", intent.op, intent.item_code)
                    continue
                outcome = recover(conn, intent)
                intents.finish(conn, intent.intent_id)
            log.warning(
                "recovered an interrupted %s of item %s for member %s (started %s): %s",
                intent.op,
                intent.item_code,
                intent.member_id,
                intent.started_at,
                outcome,
            )
        return len(left)

    # -- shared helpers ----------------------------------------------------------------
    def _now(self) -> datetime:
        """The library's wall clock, naive (as PHP's date() writes it into DATETIME columns)."""
        return self._local(self._clock())

    def _local(self, moment: datetime) -> datetime:
        """A moment on the library's wall clock, naive: a kiosk may send a time in UTC
        (SIP2's `Z` zone), and a return at 06:00 in Jakarta is still the same day there."""
        return moment.astimezone(self.zone).replace(tzinfo=None) if moment.tzinfo else moment

    def _today(self) -> date:
        return self._now().date()

    def _locks(self, *pairs: tuple[str, str]) -> list[str]:
        return [lock_name(self.db.config.database, kind, key.upper()) for kind, key in pairs]

    @contextmanager
    def _two_writes(self, conn, needed: bool, op: str, item_code: str, member_id: str, detail: dict, now: datetime):
        """An intent row around an operation that writes twice (a crash between is found at the next
        start); one that writes once cannot be cut in half and needs none."""
        if not needed:
            yield
            return
        intent = intents.begin(conn, op, item_code, member_id, detail, now)
        yield
        intents.finish(conn, intent)

    def _step(self, name: str) -> None:
        if self._on_step is not None:
            self._on_step(name)

    def _refusal(self, reason: Reason) -> str:
        return messages.refusal(reason, self.language)

    # -- IlsBackend: the parts that are the same for every database ILS ----------------
    @property
    def branding(self) -> Branding:
        return self._branding

    def now(self) -> datetime:
        return self._now()

    def close(self) -> None:
        self.db.close()

    def end_session(self, card: str) -> str | None:
        return "Terima kasih! / Thank you!" if self.language == "id" else "Thank you!"

    def fee_paid(
        self, card: str, amount: Decimal | None, fee_id: str | None, transaction_id: str | None
    ) -> PaymentResult:
        english = "Fines are paid at the desk"
        text = f"Denda dibayar di meja layanan / {english}" if self.language == "id" else english
        return PaymentResult(False, message=text)
