"""The catalog over SIP2: what nearly every ILS offers a self-check.

Requests go out on a small pool of logged-in sessions (a stack of items is
checked out in parallel). How failures surface decides whether the kiosk
goes offline, and whether a loan could be doubled — SIP2 has no
idempotency key:

* the request certainly never left (a pooled connection the ILS had closed)
  -> retried on a fresh session, the patron notices nothing;
* a read (63, 17, 99, 35) whose answer was lost -> asked again;
* a checkout or checkin whose connection dropped after sending -> reconnect,
  ask the ILS whether it applied it (17, then the patron's charged list in
  63), and only if not, resend the very same frame (same sequence number and
  date) with ``resend_last``; a blind second 11 would be a renewal on Koha;
* no answer within the timeout -> ``CatalogUnavailable(maybe_applied=True)``:
  the request may still be in flight, so the kiosk goes offline and the
  syncer verifies it once it cannot be in flight any more
  (``lost_answer_settle_s``);
* a server that keeps answering nonsense after the client's resends ->
  ``CatalogProtocolError``.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from datetime import date, datetime, time
from pathlib import Path
from typing import TypeVar

from kiosk.account import Account
from kiosk.catalog import sip2_answers as answers
from kiosk.catalog.base import Catalog, PatronAnswer, Replay
from kiosk.errors import CatalogProtocolError, CatalogUnavailable, ConfigError
from kiosk.models import CheckinResult, CheckoutResult, Item
from kiosk.sip2 import (
    Message,
    Sip2Client,
    Sip2Config,
    Sip2ConnectionError,
    Sip2Error,
    Sip2LoginError,
    Sip2Pool,
    Sip2PoolError,
    Sip2ProtocolError,
    Sip2Timeout,
)

log = logging.getLogger(__name__)
T = TypeVar("T")

PROFILES = ("standard", "koha")
LIST_PAGE = 50  # 63 charged-items page size when verifying a loan
# Koha gives daily loans a 23:59 due time; an offline due date is sent the same way.
NB_DUE_TIME = time(23, 59)
# A request that timed out is taken to be applied or dropped by the ILS within this many timeouts.
IN_FLIGHT_TIMEOUTS = 6
_UNAVAILABLE_HINT = (
    "check the network and the ILS's SIP2 service; the kiosk keeps lending offline and syncs when it answers again"
)


def sip2_config(settings) -> Sip2Config:
    """The SIP2 session settings of a config's ``[catalog]`` (kind = "sip2")."""
    section = settings.catalog
    password = section.password
    if section.password_env:
        password = os.environ.get(section.password_env)
        if password is None:
            raise ConfigError(
                f"{settings.source}: [catalog] password_env: the environment variable "
                f"{section.password_env} is not set",
                hint=f"export {section.password_env}=... for the kiosk's service, or use password",
            )
    ca_file = None
    if section.ca_file:
        ca_file = Path(settings.resolve(section.ca_file))
        if not ca_file.is_file():
            raise ConfigError(
                f"{settings.source}: [catalog] ca_file: no such file {ca_file}",
                hint="point ca_file to the PEM file of the CA that signed the ILS's certificate",
            )
    return Sip2Config(
        host=section.host,
        port=section.port,
        username=section.username or None,
        password=password,
        location_code=section.location or None,
        institution_id=section.institution or section.location,
        terminal_password=section.terminal_password,
        encoding=section.encoding,
        error_detection=section.error_detection,
        timeout=float(section.timeout_s),
        retries=section.retries,
        tls=section.tls,
        ca_file=str(ca_file) if ca_file else None,
    )


class Sip2Catalog(Catalog):
    kind = "sip2"

    def __init__(
        self,
        config: Sip2Config,
        *,
        pool_size: int = 4,
        offline_profile: str = "standard",
        heartbeat_s: float = 60.0,
        location: str | None = None,
    ) -> None:
        if offline_profile not in PROFILES:
            raise ValueError(f"offline_profile must be one of {PROFILES}")
        self.config = config
        self.offline_profile = offline_profile
        self.location = location or config.location_code or config.institution_id
        self._pool = Sip2Pool(config, size=pool_size, acquire_timeout=2 * config.timeout)
        self._stop = threading.Event()
        self._heartbeat: threading.Thread | None = None
        if heartbeat_s > 0:
            self._heartbeat = threading.Thread(
                target=self._beat, args=(heartbeat_s,), name="kiosk-sip2-heartbeat", daemon=True
            )
            self._heartbeat.start()

    @property
    def sessions(self) -> int:
        """How many requests can be in flight at once (the syncer replays that wide)."""
        return self._pool.size

    @property
    def lost_answer_settle_s(self) -> float:
        """How long a request whose answer timed out may still be applied by
        the ILS; the syncer verifies such a row only after this long."""
        return IN_FLIGHT_TIMEOUTS * self.config.timeout

    @classmethod
    def from_settings(cls, settings) -> Sip2Catalog:
        section = settings.catalog
        return cls(
            sip2_config(settings),
            pool_size=section.pool_size,
            offline_profile=section.offline_profile,
            heartbeat_s=float(section.heartbeat_s),
            location=section.location,
        )

    # -- Catalog ---------------------------------------------------------------------
    def patron(self, card: str, pin: str | None = None) -> PatronAnswer:
        return self._call(
            lambda c: c.patron_information(card, pin, summary="charged", start=1, end=LIST_PAGE),
            lambda m: answers.patron_answer(m, card, pin_given=pin is not None),
            idempotent=True,
        )

    def checkout(self, card: str, item_id: str, *, replay: Replay | None = None) -> CheckoutResult:
        options = self._checkout_options(replay)
        return self._call(
            lambda c: c.checkout(card, item_id, **options),
            lambda m: answers.checkout_result(m, item_id),
            recover=lambda c: self._lent(c, item_id, card),
        )

    def checkin(self, item_id: str, *, replay: Replay | None = None) -> CheckinResult:
        # A replayed return is dated when the item came back (fines are counted to that day).
        options = (
            {}
            if replay is None
            else {"return_date": replay.transaction_date, "transaction_date": replay.transaction_date}
        )
        return self._call(
            lambda c: c.checkin(item_id, **options),
            lambda m: answers.checkin_result(m, item_id, self.location),
            recover=lambda c: self._returned(c, item_id),
        )

    def renew(self, card: str, item_id: str) -> CheckoutResult:
        return self._call(lambda c: c.renew(card, item_id), lambda m: answers.checkout_result(m, item_id))

    def renew_all(self, card: str) -> list[CheckoutResult]:
        """65, then a 17 per item named for its title and new due date (a 66 lists ids only).
        The 65 stands on its own: if the 17s go unanswered the renewals still count, without dates."""
        reply = self._call(lambda c: c.renew_all(card), _same)
        named = answers.item_ids(reply.get_all("BM") + reply.get_all("BN"))
        try:
            items = self._call(lambda c: {i: c.item_information(i) for i in named}, _same, idempotent=True)
        except (CatalogUnavailable, CatalogProtocolError) as exc:
            log.warning("renew all: the items' new due dates could not be asked (%s)", exc.message)
            items = {}
        return answers.renew_all_results(reply, items)

    def account(self, card: str, *, today: date) -> Account:
        """One 63 per item list (charged, overdue, holds ready and not, fines;
        the first page of each), then a 17 per item for its title, due date,
        hold queue and pickup place."""

        def ask(client: Sip2Client) -> tuple[dict[str, Message], dict[str, Message]]:
            pages = {
                kind: client.patron_information(card, summary=kind, start=1, end=LIST_PAGE)
                for kind in answers.ACCOUNT_LISTS
            }
            named = answers.account_item_ids(pages)
            return pages, {item_id: client.item_information(item_id) for item_id in named}

        return self._call(ask, lambda answer: answers.account(*answer, today=today), idempotent=True)

    def item(self, item_id: str) -> Item | None:
        return self._call(lambda c: c.item_information(item_id), lambda m: answers.item(m, item_id), idempotent=True)

    def is_charged_to(self, item_id: str, card: str) -> bool | None:
        return self._call(lambda c: self._charged_to(c, item_id, card)[0], _same, idempotent=True)

    def is_on_loan(self, item_id: str) -> bool | None:
        def on_loan(info: Message) -> bool | None:
            return None if answers.is_unknown_item(info) else answers.is_charged(info)

        return self._call(lambda c: c.item_information(item_id), on_loan, idempotent=True)

    def ping(self) -> bool:
        return self._call(lambda c: c.sc_status(), lambda status: status.online, idempotent=True)

    def end_session(self, card: str) -> None:
        self._call(lambda c: c.end_patron_session(card), _same, idempotent=True)

    def heartbeat(self) -> int:
        """One 99 on every idle session; dead ones are dropped. Returns how many live."""
        return self._pool.probe_idle(lambda c: c.sc_status())

    def close(self) -> None:
        self._stop.set()
        if self._heartbeat is not None:
            self._heartbeat.join(timeout=5)
        self._pool.close()

    def describe(self) -> str:
        tls = ", TLS" if self.config.tls else ""
        return f"SIP2 {self.config.host}:{self.config.port} ({self.offline_profile} replay profile{tls})"

    # -- replay ----------------------------------------------------------------------
    def _checkout_options(self, replay: Replay | None) -> dict:
        """An offline loan keeps its date; on Koha also its due date, through
        no block + nb due date (the only form Koha honours; the others ignore
        no block and apply their rules, so they get a plain checkout)."""
        if replay is None:
            return {}
        options: dict = {"transaction_date": replay.transaction_date}
        if self.offline_profile == "koha" and replay.due is not None:
            options.update(no_block=True, nb_due_date=datetime.combine(replay.due, NB_DUE_TIME))
        return options

    # -- verification of lost answers ------------------------------------------------
    def _charged_to(self, client: Sip2Client, item_id: str, card: str) -> tuple[bool | None, Message]:
        """(on loan to this patron?, the 18). Item information names no
        borrower, so a charged item is looked up in the patron's charged list."""
        info = client.item_information(item_id)
        if answers.is_unknown_item(info):
            return None, info
        if not answers.is_charged(info):
            return False, info
        start, pages_seen = 1, set()
        while True:
            reply = client.patron_information(card, summary="charged", start=start, end=start + LIST_PAGE - 1)
            page = reply.get_all("AU")
            if answers.in_item_list(page, item_id):
                return True, info
            total = reply.number("charged_items_count") or 0
            # Stop at the end, and on servers that ignore BP/BQ and send the same page again.
            if len(page) < LIST_PAGE or start + LIST_PAGE > total or tuple(page) in pages_seen:
                return False, info
            pages_seen.add(tuple(page))
            start += LIST_PAGE

    def _lent(self, client: Sip2Client, item_id: str, card: str) -> CheckoutResult | None:
        charged, info = self._charged_to(client, item_id, card)
        if not charged:
            return None
        return CheckoutResult(True, item_id, info.get("AJ") or "", due=answers.due_date(info))

    def _returned(self, client: Sip2Client, item_id: str) -> CheckinResult | None:
        info = client.item_information(item_id)
        if answers.is_unknown_item(info) or answers.is_charged(info):
            return None
        return answers.returned(info, item_id, self.location)

    # -- plumbing --------------------------------------------------------------------
    def _call(
        self,
        request: Callable[[Sip2Client], object],
        parse: Callable[[object], T],
        *,
        recover: Callable[[Sip2Client], T | None] | None = None,
        idempotent: bool = False,
    ) -> T:
        """One exchange on a pooled session, with the failure rules above."""
        fresh_tries = self._pool.size  # each idle session may be one the ILS closed
        while True:
            started = False
            try:
                with self._pool.connection() as client:
                    started = True
                    try:
                        reply = request(client)
                    except Sip2ConnectionError as exc:
                        if recover is None or not exc.request_sent or isinstance(exc, Sip2Timeout):
                            raise
                        return self._recover(client, recover, parse, exc)
                    return self._parse(parse, reply)
            except Sip2ConnectionError as exc:
                never_applied = not exc.request_sent or idempotent
                if started and never_applied and not isinstance(exc, Sip2Timeout) and fresh_tries > 0:
                    fresh_tries -= 1
                    log.info("SIP2 session lost before the request counted (%s); trying a fresh one", exc)
                    continue
                raise CatalogUnavailable(
                    f"the ILS at {self.config.host}:{self.config.port} does not answer ({exc})",
                    hint=_UNAVAILABLE_HINT,
                    maybe_applied=not never_applied,
                ) from exc
            except Sip2LoginError as exc:
                raise CatalogUnavailable(
                    f"the ILS at {self.config.host}:{self.config.port} refused the SIP2 login",
                    hint="check [catalog] username and password (or password_env), institution and location",
                    maybe_applied=False,
                ) from exc
            except Sip2PoolError as exc:
                raise CatalogUnavailable(
                    f"no SIP2 session free: {exc}", hint=_UNAVAILABLE_HINT, maybe_applied=False
                ) from exc
            except Sip2ProtocolError as exc:
                raise CatalogProtocolError(
                    f"the ILS at {self.config.host}:{self.config.port} answers what the kiosk cannot read ({exc})",
                    hint="check [catalog] encoding and error_detection against the ILS's SIP2 account settings",
                ) from exc

    def _parse(self, parse: Callable[[object], T], reply: object) -> T:
        """What an answer means; an answer the rules cannot read is the ILS's nonsense, not
        the kiosk's end: the request reached the ILS, so it may be applied (verified later)."""
        try:
            return parse(reply)
        except (ValueError, ArithmeticError, LookupError) as exc:
            log.exception("SIP2 answer not understood")  # a gap in the answer rules: worth its traceback
            raise CatalogProtocolError(
                f"the ILS at {self.config.host}:{self.config.port} answered what the kiosk cannot read "
                f"({type(exc).__name__}: {exc})",
                hint="the transaction is verified with the ILS when it syncs; report the ILS's answer (debug log)",
            ) from exc

    def _recover(
        self,
        client: Sip2Client,
        recover: Callable[[Sip2Client], T | None],
        parse: Callable[[object], T],
        lost: Sip2ConnectionError,
    ) -> T:
        """The connection dropped after the request went out: ask before resending."""
        try:
            client.reconnect()
            with client.keeping_last():
                done = recover(client)
            if done is not None:
                log.warning("SIP2 answer lost (%s); the ILS had applied the request: not resent", lost)
                return done
            log.warning("SIP2 answer lost (%s); the ILS had not applied the request: resending it", lost)
            return self._parse(parse, client.resend_last())
        except Sip2Error as exc:
            client.close()
            raise CatalogUnavailable(
                f"the ILS at {self.config.host}:{self.config.port} dropped the connection "
                f"and cannot be asked whether it applied the request ({exc})",
                hint=_UNAVAILABLE_HINT,
                maybe_applied=True,
            ) from exc

    def _beat(self, interval: float) -> None:
        while not self._stop.wait(interval):
            try:
                self.heartbeat()
            except Exception:  # the heartbeat must never die silently, nor take the kiosk down
                log.exception("SIP2 heartbeat failed")


def _same(value):
    return value
