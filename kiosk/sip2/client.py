"""Blocking SIP2 client (SC side) over TCP, optionally TLS.

One `Sip2Client` is one ACS session: connect -> 93 login (if a username
is configured) -> 99/98 status, then request/response pairs with
sequence numbers 0-9.  Recovery that cannot double a loan is automatic:
a corrupt or unreadable answer is re-requested with 97 (the ACS repeats
its last *answer*, the transaction is not re-sent), and a 96 makes us
repeat the identical bytes.  Recovery that *could* double a loan is left
to the caller: a timeout or dropped connection raises
`Sip2ConnectionError`; `resend_last()` then repeats the exact same frame
(same sequence number, same transaction date) and `reconnect()` opens a
fresh session.  SIP2 has no idempotency key, so the kiosk should, after
a lost checkout answer, look at the patron's charged items (63 with the
"charged" summary) before deciding to resend.
"""

from __future__ import annotations

import codecs
import logging
import socket
import ssl
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from .codec import (
    BLANK_DATE,
    FrameSplitter,
    Message,
    decode,
    encode,
    format_date,
    make,
    redact_bytes,
    summary_field,
)
from .errors import (
    DecodeError,
    EncodeError,
    Sip2ConnectionError,
    Sip2Error,
    Sip2LoginError,
    Sip2ProtocolError,
    Sip2Timeout,
)
from .fields import SPECS, SUPPORTED_MESSAGE_ORDER

log = logging.getLogger("kiosk.sip2")

_HANDSHAKE_CODES = ("93", "99")
# The most 97/96 resends one exchange makes, whatever the 98 asks (up to 998): a server that
# answers garbage at once would otherwise be asked again a thousand times per request.
MAX_ACS_RETRIES = 10


@dataclass(frozen=True)
class Sip2Config:
    """Connection settings of one ACS account.  Secrets stay out of repr."""

    host: str
    port: int
    username: str | None = None
    password: str = field(default="", repr=False)
    location_code: str | None = None
    institution_id: str = ""
    terminal_password: str = field(default="", repr=False)
    encoding: str = "utf-8"
    error_detection: bool = True
    timeout: float = 10.0
    connect_timeout: float | None = None
    retries: int = 3
    honour_acs_timeout: bool = True
    sc_renewal_policy: bool = True
    language: str = "000"
    max_print_width: int = 0
    tls: bool = False
    ca_file: str | None = None
    tls_server_name: str | None = None

    def __post_init__(self) -> None:
        codecs.lookup(self.encoding)  # fail at configuration time, not mid-loan
        if self.timeout <= 0 or self.retries < 0:
            raise ValueError("timeout must be > 0 and retries >= 0")


@dataclass(frozen=True)
class AcsStatus:
    """What the 98 ACS Status said about the ACS and its policies."""

    online: bool
    checkin_ok: bool
    checkout_ok: bool
    renewal_policy: bool
    status_update_ok: bool
    offline_ok: bool
    timeout: float | None  # seconds; None when the ACS sent 000 (no timeout)
    retries: int | None  # None when the ACS sent 999 (unknown)
    protocol_version: str
    institution_id: str
    library_name: str | None
    terminal_location: str | None
    supported: frozenset[str] | None  # request codes; None if BX was absent
    screen_messages: tuple[str, ...]
    message: Message

    @classmethod
    def from_message(cls, msg: Message) -> AcsStatus:
        period = msg.number("timeout_period")
        retries = msg.number("retries_allowed")
        bx = msg.get("BX")
        supported = None
        if bx is not None:
            supported = frozenset(
                code for code, flag in zip(SUPPORTED_MESSAGE_ORDER, bx, strict=False) if flag.upper() == "Y"
            )
        return cls(
            online=bool(msg.flag("online_status")),
            checkin_ok=bool(msg.flag("checkin_ok")),
            checkout_ok=bool(msg.flag("checkout_ok")),
            renewal_policy=bool(msg.flag("acs_renewal_policy")),
            status_update_ok=bool(msg.flag("status_update_ok")),
            offline_ok=bool(msg.flag("offline_ok")),
            timeout=period / 10 if period else None,
            retries=None if retries is None or retries == 999 else min(retries, MAX_ACS_RETRIES),
            protocol_version=msg.fixed.get("protocol_version", ""),
            institution_id=msg.get("AO", "") or "",
            library_name=msg.get("AM"),
            terminal_location=msg.get("AN"),
            supported=supported,
            screen_messages=tuple(msg.screen_messages),
            message=msg,
        )

    def supports(self, code: str) -> bool:
        """True unless the ACS explicitly said N for this request code."""
        return self.supported is None or code in self.supported


@dataclass(frozen=True)
class _Sent:
    frame: bytes
    seq: int | None
    expect: str


class Sip2Client:
    """A single SIP2 session.  Thread-safe: requests are serialised."""

    def __init__(self, config: Sip2Config, *, clock: Callable[[], datetime] = datetime.now):
        self.config = config
        self._clock = clock
        self._sock: socket.socket | None = None
        self._splitter = FrameSplitter()
        self._frames: deque[bytes] = deque()
        self._lock = threading.RLock()
        self._next_seq = 0
        self._last: _Sent | None = None
        self.acs_status: AcsStatus | None = None

    # ------------------------------------------------------------ lifecycle

    def connect(self) -> AcsStatus:
        """Open the connection, log in (if configured) and read the 98."""
        with self._lock:
            self.close()
            self._sock = self._open_socket()
            try:
                if self.config.username:
                    self.login()
                return self.sc_status()
            except BaseException:
                self.close()
                raise

    def reconnect(self) -> AcsStatus:
        """Drop the session and open a new one (sequence numbers continue)."""
        return self.connect()

    def close(self) -> None:
        with self._lock:
            sock, self._sock = self._sock, None
            self._splitter.reset()
            self._frames.clear()
            if sock is not None:
                try:
                    sock.close()
                except OSError:
                    pass

    @property
    def connected(self) -> bool:
        return self._sock is not None

    def __enter__(self) -> Sip2Client:
        self.connect()
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    @property
    def response_timeout(self) -> float:
        """Seconds to wait for an answer: the ACS's 98 value if it gave one."""
        status = self.acs_status
        if self.config.honour_acs_timeout and status is not None and status.timeout:
            return status.timeout
        return self.config.timeout

    @property
    def retries(self) -> int:
        """How many 97/96 resends an exchange may use (98 value, else config)."""
        status = self.acs_status
        if status is not None and status.retries is not None:
            return status.retries
        return self.config.retries

    @property
    def last_request(self) -> bytes | None:
        """Exact bytes `resend_last()` would send (handshakes excluded)."""
        return None if self._last is None else self._last.frame

    # --------------------------------------------------------- exchanges

    def request(self, message: Message) -> Message:
        """Send one request message and return the decoded answer."""
        spec = SPECS.get(message.code)
        if spec is None or spec.response is None:
            raise EncodeError(f"{message.code!r} is not a request the SC can send")
        with self._lock:
            seq = self._take_seq() if self.config.error_detection else None
            frame = encode(message, seq, self.config.error_detection, self.config.encoding)
            sent = _Sent(frame, seq, spec.response)
            if message.code not in _HANDSHAKE_CODES:
                self._last = sent
            return self._exchange(sent, drain=True)

    def resend_last(self, timeout: float | None = None) -> Message:
        """Resend the last request byte for byte (same seq and dates).

        For "the answer was lost" situations.  A late answer to the
        original, if one is already on the wire, is accepted as the answer;
        `timeout` lets the caller wait longer than the usual response time.
        """
        with self._lock:
            if self._last is None:
                raise Sip2Error("nothing to resend")
            return self._exchange(self._last, drain=False, timeout=timeout)

    @contextmanager
    def keeping_last(self) -> Iterator[Sip2Client]:
        """Requests made inside do not become the one `resend_last()` repeats.

        For a lost answer: reconnect, ask (17/63) whether the ACS applied the
        request, and only if it did not, `resend_last()` the original bytes.
        """
        with self._lock:
            saved = self._last
            try:
                yield self
            finally:
                self._last = saved

    def _take_seq(self) -> int:
        seq, self._next_seq = self._next_seq, (self._next_seq + 1) % 10
        return seq

    def _exchange(self, sent: _Sent, *, drain: bool, timeout: float | None = None) -> Message:
        if self._sock is None:
            raise Sip2ConnectionError("not connected", request_sent=False)
        wait = self.response_timeout if timeout is None else timeout
        if drain:
            self._drain()
        self._send(sent.frame)
        deadline = time.monotonic() + wait
        spent = 0
        asked_resend = False
        while True:
            try:
                raw = self._read_frame(deadline)
                reply = decode(raw, self.config.encoding)
            except DecodeError as exc:
                spent = self._spend_retry(spent, str(exc))
                log.warning("SIP2 unusable answer (%s); sending 97", exc)
                self._send(self._resend_request())
                deadline = time.monotonic() + wait
                asked_resend = True
                continue
            if log.isEnabledFor(logging.DEBUG):  # redacting costs as much as decoding
                log.debug("SIP2 <- %s", redact_bytes(raw, self.config.encoding))
            if reply.code == "96":
                spent = self._spend_retry(spent, "ACS asked for a resend (96)")
                self._send(sent.frame)
                deadline = time.monotonic() + wait
                continue
            # After a 97 some ACSs re-stamp the repeated answer (Koha uses
            # AY0), so only the code is checked then; otherwise a different
            # seq means a stale answer to an earlier request.
            stale_seq = not asked_resend and sent.seq is not None and reply.seq is not None and reply.seq != sent.seq
            if reply.code != sent.expect or stale_seq:
                log.warning(
                    "SIP2 discarding unexpected %s (seq %s) while waiting for %s (seq %s)",
                    reply.code,
                    reply.seq,
                    sent.expect,
                    sent.seq,
                )
                continue
            if log.isEnabledFor(logging.DEBUG):
                for tag in reply.missing_required():
                    log.debug("SIP2 %s lacks required field %s", reply.name, tag)
            return reply

    def _spend_retry(self, spent: int, reason: str) -> int:
        if spent >= self.retries:
            raise Sip2ProtocolError(
                f"no usable answer after {spent} resend(s): {reason}; the transaction may have been applied"
            )
        return spent + 1

    def _resend_request(self) -> bytes:
        # 97 never carries a sequence number, only the checksum (spec).
        return encode(Message("97"), None, self.config.error_detection, self.config.encoding)

    # ---------------------------------------------------------- transport

    def _open_socket(self) -> socket.socket:
        cfg = self.config
        timeout = cfg.connect_timeout or cfg.timeout
        try:
            sock = socket.create_connection((cfg.host, cfg.port), timeout=timeout)
        except TimeoutError as exc:
            raise Sip2Timeout(f"connect to {cfg.host}:{cfg.port} timed out") from exc
        except OSError as exc:
            raise Sip2ConnectionError(f"cannot connect to {cfg.host}:{cfg.port}: {exc}") from exc
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        if not cfg.tls:
            return sock
        try:
            context = ssl.create_default_context(cafile=cfg.ca_file)
            return context.wrap_socket(sock, server_hostname=cfg.tls_server_name or cfg.host)
        except (OSError, ssl.SSLError) as exc:
            sock.close()
            raise Sip2ConnectionError(f"TLS handshake with {cfg.host}:{cfg.port} failed: {exc}") from exc

    def _send(self, frame: bytes) -> None:
        assert self._sock is not None
        if log.isEnabledFor(logging.DEBUG):
            log.debug("SIP2 -> %s", redact_bytes(frame, self.config.encoding))
        try:
            self._sock.settimeout(self.response_timeout)
            self._sock.sendall(frame)
        except OSError as exc:
            self.close()
            raise Sip2ConnectionError(f"send failed: {exc}", request_sent=True) from exc

    def _drain(self) -> None:
        """Drop answers nobody waits for any more, and notice a dead peer
        *before* sending, when the request is certainly not applied."""
        assert self._sock is not None
        if self._frames:
            log.warning("SIP2 discarding %d stale frame(s)", len(self._frames))
            self._frames.clear()
        self._sock.setblocking(False)
        try:
            while True:
                data = self._sock.recv(65536)
                if not data:
                    self.close()
                    raise Sip2ConnectionError("connection closed by the ACS", request_sent=False)
                log.warning("SIP2 discarding %d stale byte(s)", len(data))
                self._splitter.feed(data)
        except (BlockingIOError, ssl.SSLWantReadError):
            pass
        except DecodeError:
            self._splitter.reset()
        except OSError as exc:
            self.close()
            raise Sip2ConnectionError(f"connection lost: {exc}", request_sent=False) from exc
        finally:
            if self._sock is not None:
                self._sock.setblocking(True)
        self._frames.clear()

    def _read_frame(self, deadline: float) -> bytes:
        while not self._frames:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise Sip2Timeout("no answer from the ACS in time", request_sent=True)
            assert self._sock is not None
            self._sock.settimeout(remaining)
            try:
                data = self._sock.recv(65536)
            except TimeoutError:
                continue
            except OSError as exc:
                self.close()
                raise Sip2ConnectionError(f"connection lost: {exc}", request_sent=True) from exc
            if not data:
                self.close()
                raise Sip2ConnectionError("connection closed by the ACS before it answered", request_sent=True)
            self._frames.extend(self._splitter.feed(data))
        return self._frames.popleft()

    # ------------------------------------------------------------ messages

    def _now(self, when: datetime | None = None) -> str:
        return format_date(when if when is not None else self._clock())

    def _call(self, code: str, fixed: dict[str, str], **tags) -> Message:
        """Fill the per-account fields (AO institution, AC terminal pwd)."""
        tags_in_spec = SPECS[code].tags
        if "AO" in tags_in_spec:
            tags.setdefault("AO", self.config.institution_id)
        if "AC" in tags_in_spec:
            tags.setdefault("AC", self.config.terminal_password)
        return self.request(make(code, fixed, **tags))

    def login(self) -> Message:
        reply = self._call(
            "93",
            {"uid_algorithm": "0", "pwd_algorithm": "0"},
            CN=self.config.username or "",
            CO=self.config.password,
            CP=self.config.location_code,
        )
        if not reply.ok:
            raise Sip2LoginError("the ACS refused the SIP2 login")
        return reply

    def sc_status(self, status_code: str = "0") -> AcsStatus:
        """99/98: 0 = SC ok, 1 = printer out of paper, 2 = shutting down."""
        reply = self._call(
            "99",
            {
                "status_code": status_code,
                "max_print_width": f"{self.config.max_print_width:03d}",
                "protocol_version": "2.00",
            },
        )
        self.acs_status = AcsStatus.from_message(reply)
        return self.acs_status

    def patron_information(
        self,
        patron: str,
        pin: str | None = None,
        summary: str | None = None,
        start: int = 1,
        end: int = 5,
    ) -> Message:
        """63/64.  `summary` is one of fields.SUMMARY_POSITIONS ("charged"...)."""
        ranged = summary is not None
        return self._call(
            "63",
            {"language": self.config.language, "transaction_date": self._now(), "summary": summary_field(summary)},
            AA=patron,
            AD=pin,
            BP=str(start) if ranged else None,
            BQ=str(end) if ranged else None,
        )

    def patron_status(self, patron: str, pin: str | None = None) -> Message:
        return self._call(
            "23",
            {"language": self.config.language, "transaction_date": self._now()},
            AA=patron,
            AD=pin or "",
        )

    def checkout(
        self,
        patron: str,
        item: str,
        pin: str | None = None,
        no_block: bool = False,
        nb_due_date: datetime | None = None,
        transaction_date: datetime | None = None,
        fee_ack: bool = False,
        cancel: bool = False,
    ) -> Message:
        """11/12.  `cancel=True` undoes a failed checkin (spec BI)."""
        return self._call(
            "11",
            {
                "sc_renewal_policy": _yn(self.config.sc_renewal_policy),
                "no_block": _yn(no_block),
                "transaction_date": self._now(transaction_date),
                "nb_due_date": BLANK_DATE if nb_due_date is None else self._now(nb_due_date),
            },
            AA=patron,
            AB=item,
            AD=pin,
            BO="Y" if fee_ack else None,
            BI="Y" if cancel else None,
        )

    def checkin(
        self,
        item: str,
        return_date: datetime | None = None,
        no_block: bool = False,
        transaction_date: datetime | None = None,
        cancel: bool = False,
        current_location: str | None = None,
    ) -> Message:
        """09/10.  `cancel=True` undoes a failed checkout (spec BI)."""
        now = self._now(transaction_date)
        if current_location is None:
            current_location = self.config.location_code or ""
        return self._call(
            "09",
            {
                "no_block": _yn(no_block),
                "transaction_date": now,
                "return_date": now if return_date is None else self._now(return_date),
            },
            AP=current_location,
            AB=item,
            BI="Y" if cancel else None,
        )

    def item_information(self, item: str) -> Message:
        return self._call("17", {"transaction_date": self._now()}, AB=item)

    def renew(
        self,
        patron: str,
        item: str,
        pin: str | None = None,
        no_block: bool = False,
        nb_due_date: datetime | None = None,
        fee_ack: bool = False,
    ) -> Message:
        return self._call(
            "29",
            {
                "third_party_allowed": "N",
                "no_block": _yn(no_block),
                "transaction_date": self._now(),
                "nb_due_date": BLANK_DATE if nb_due_date is None else self._now(nb_due_date),
            },
            AA=patron,
            AD=pin,
            AB=item,
            BO="Y" if fee_ack else None,
        )

    def renew_all(self, patron: str, pin: str | None = None, fee_ack: bool = False) -> Message:
        return self._call(
            "65",
            {"transaction_date": self._now()},
            AA=patron,
            AD=pin,
            BO="Y" if fee_ack else None,
        )

    def end_patron_session(self, patron: str, pin: str | None = None) -> Message:
        return self._call("35", {"transaction_date": self._now()}, AA=patron, AD=pin)

    def fee_paid(
        self,
        patron: str,
        amount: Decimal | str,
        currency: str,
        pin: str | None = None,
        fee_type: str = "01",
        payment_type: str = "00",
        fee_id: str | None = None,
        transaction_id: str | None = None,
    ) -> Message:
        """37/38.  fee_type 01 = other/unknown; payment_type 00 cash, 01 VISA, 02 credit card."""
        return self._call(
            "37",
            {
                "transaction_date": self._now(),
                "fee_type": fee_type,
                "payment_type": payment_type,
                "currency_type": currency,
            },
            BV=str(amount),
            AA=patron,
            AD=pin,
            CG=fee_id,
            BK=transaction_id,
        )

    def hold(
        self,
        patron: str,
        item: str | None = None,
        mode: str = "+",
        pin: str | None = None,
        title: str | None = None,
        pickup_location: str | None = None,
        expiration: datetime | None = None,
        hold_type: str | None = None,
        fee_ack: bool = False,
    ) -> Message:
        """15/16.  mode: + add, - delete, * change."""
        return self._call(
            "15",
            {"hold_mode": mode, "transaction_date": self._now()},
            BW=None if expiration is None else self._now(expiration),
            BS=pickup_location,
            BY=hold_type,
            AA=patron,
            AD=pin,
            AB=item,
            AJ=title,
            BO="Y" if fee_ack else None,
        )


def _yn(value: bool) -> str:
    return "Y" if value else "N"
