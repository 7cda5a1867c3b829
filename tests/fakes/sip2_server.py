"""A fake SIP2 ACS on 127.0.0.1 for tests: real sockets, real bytes.

    ils = FakeIls()
    ils.add_patron("P1", pin="1234")
    ils.add_item("I1", title="Dune")
    with FakeSip2Server(ils) as server:          # ephemeral port
        config = Sip2Config("127.0.0.1", server.port, username="kiosk", password="secret")
        server.inject("drop_after", code="11")   # next checkout: apply, then hang up
        ...
    server.restart()                             # same port, same ILS state

Persistent knobs (attributes, change any time): `latency` (seconds before
every answer), `terminator` (b"\\r" or b"\\r\\n"), `split_writes` (send
answers one byte per TCP write), `dedupe_same_seq` + `dedupe_scope`,
`encoding`, and the 98 fields (`timeout_period`, `retries_allowed`,
`online`, `checkin_ok`, `checkout_ok`) and `on_request` (a callback at
exact protocol points).  Circulation rules live on
`server.ils` (see sip2_ils.FakeIls): `no_block_profile` ("koha" /
"standard"), `checkin_not_charged_ok`, `loan_days`, `fine_limit`, and the
`transactions` log to assert on.

One-shot faults (`inject(kind, code=None, times=1, seconds=0)`), taken by
the next request(s) whose code matches (any code except 97 when
code=None; 97 is only hit when asked for explicitly):

    drop_before     hang up without applying or answering
    drop_after      apply the transaction, then hang up without answering
    garbage         answer with non-SIP bytes (the real answer is kept for 97)
    bad_checksum    answer with a wrong AZ (the real answer is kept for 97)
    request_resend  answer 96 instead of applying (the SC must resend)
    merge           send the previous answer again, glued in front of this
                    one in a single write (a stale frame + the real one)
    delay           sleep `seconds` before answering this one

Resend behaviour, from what real servers do:
  * 97 is answered with the last answer's exact bytes (FOLIO edge-sip2
    ACSResendHandler; Koha re-stamps it with AY0 instead).
  * dedupe_same_seq=False (default) is Koha/SIPServer: a repeated request
    is simply processed again.  True is FOLIO edge-sip2
    (`MainVerticle.requiredResending`): with error detection on, a request
    whose bytes (checksum and seq) equal an earlier one is answered with
    the stored answer, not applied again.  FOLIO keeps it per session
    (dedupe_scope="connection"); "server" keeps it across reconnects.
"""

from __future__ import annotations

import socket
import ssl
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

from kiosk.sip2.codec import FrameSplitter, Message, decode, encode, format_date, make
from kiosk.sip2.errors import DecodeError

from .sip2_ils import FakeIls

FAULTS = frozenset(
    {"drop_before", "drop_after", "garbage", "bad_checksum", "request_resend", "merge", "delay"}
)
GARBAGE = b"\x00\xffProblems handling the request\x93"


@dataclass
class _Fault:
    kind: str
    code: str | None
    remaining: int
    seconds: float


@dataclass
class _Session:
    id: int
    logged_in: bool = False
    last_answer: bytes | None = None  # exact bytes, terminator included
    answered: OrderedDict = field(default_factory=OrderedDict)  # request frame -> answer


class FakeSip2Server:
    def __init__(
        self,
        ils: FakeIls | None = None,
        *,
        username: str | None = "kiosk",
        password: str = "secret",
        encoding: str = "utf-8",
        terminator: bytes = b"\r",
        split_writes: bool = False,
        latency: float = 0.0,
        dedupe_same_seq: bool = False,
        dedupe_scope: str = "connection",
        timeout_period: str = "000",
        retries_allowed: str = "003",
        online: bool = True,
        checkin_ok: bool = True,
        checkout_ok: bool = True,
        library_name: str = "Fake Library",
        ssl_context: ssl.SSLContext | None = None,
        host: str = "127.0.0.1",
    ) -> None:
        self.ils = ils if ils is not None else FakeIls()
        self.username, self.password = username, password
        self.encoding = encoding
        self.terminator = terminator
        self.split_writes = split_writes
        self.latency = latency
        self.dedupe_same_seq = dedupe_same_seq
        self.dedupe_scope = dedupe_scope
        self.timeout_period, self.retries_allowed = timeout_period, retries_allowed
        self.online, self.checkin_ok, self.checkout_ok = online, checkin_ok, checkout_ok
        self.library_name = library_name
        self.ssl_context = ssl_context
        self.host = host
        self.port = 0
        self.received: list[bytes] = []  # every request frame, in arrival order
        self.connections_accepted = 0
        # Called as on_request(request, phase) with phase "received" (before
        # any fault or rule applies) and "answered" (after the answer went
        # out): a crash test kills its client at exact protocol points.
        self.on_request: Callable[[Message, str], None] | None = None
        self._faults: list[_Fault] = []
        self._server_answered: OrderedDict[bytes, bytes] = OrderedDict()
        self._lock = threading.Lock()
        self._listener: socket.socket | None = None
        self._threads: list[threading.Thread] = []
        self._conns: set[socket.socket] = set()
        self._running = False

    # ------------------------------------------------------------ control

    def start(self) -> FakeSip2Server:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((self.host, self.port))
        listener.listen(16)
        listener.settimeout(0.05)
        self.port = listener.getsockname()[1]
        self._listener, self._running = listener, True
        self._spawn(self._accept_loop)
        return self

    def stop(self) -> None:
        """Close the listener and every client connection; keep the state."""
        self._running = False
        if self._listener is not None:
            self._listener.close()
            self._listener = None
        with self._lock:
            conns, self._conns = list(self._conns), set()
        for conn in conns:
            _hang_up(conn)
        for thread in self._threads:
            if thread is not threading.current_thread():
                thread.join(timeout=5)
        self._threads = []

    def restart(self) -> None:
        """Stop and start on the same port with the same ILS state."""
        self.stop()
        self.start()

    def __enter__(self) -> FakeSip2Server:
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()

    @property
    def address(self) -> tuple[str, int]:
        return self.host, self.port

    def inject(self, kind: str, *, code: str | None = None, times: int = 1,
               seconds: float = 0.0) -> None:
        if kind not in FAULTS:
            raise ValueError(f"unknown fault {kind!r}; choose from {sorted(FAULTS)}")
        with self._lock:
            self._faults.append(_Fault(kind, code, times, seconds))

    @property
    def pending_faults(self) -> list[str]:
        with self._lock:
            return [f.kind for f in self._faults]

    def _take_fault(self, code: str) -> _Fault | None:
        with self._lock:
            for fault in self._faults:
                if fault.code == code or (fault.code is None and code != "97"):
                    fault.remaining -= 1
                    if fault.remaining <= 0:
                        self._faults.remove(fault)
                    return fault
        return None

    # ---------------------------------------------------------- plumbing

    def _spawn(self, target, *args) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True)
        self._threads.append(thread)
        thread.start()

    def _accept_loop(self) -> None:
        listener = self._listener
        while self._running and listener is not None:
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            with self._lock:
                self.connections_accepted += 1
                session = _Session(self.connections_accepted)
                self._conns.add(conn)
            self._spawn(self._serve, conn, session)

    def _serve(self, conn: socket.socket, session: _Session) -> None:
        try:
            if self.ssl_context is not None:
                conn.settimeout(5)
                tls = self.ssl_context.wrap_socket(conn, server_side=True)
                tls.settimeout(None)
                with self._lock:
                    self._conns.discard(conn)
                    self._conns.add(tls)
                conn = tls
            splitter = FrameSplitter()
            while self._running:
                data = conn.recv(65536)
                if not data:
                    break
                for frame in splitter.feed(data):
                    if not self._answer(conn, session, frame):
                        return
        except (OSError, DecodeError):
            pass
        finally:
            with self._lock:
                self._conns.discard(conn)
            _hang_up(conn)

    def _write(self, conn: socket.socket, payload: bytes) -> None:
        if self.split_writes:
            for i in range(len(payload)):
                conn.sendall(payload[i : i + 1])
        else:
            conn.sendall(payload)

    def _frame(self, message: Message, request: Message) -> bytes:
        """Encode an answer like the request: same seq, ED only if it had ED."""
        data = encode(message, request.seq, request.checksum is not None, self.encoding)
        return data[:-1] + self.terminator

    # ------------------------------------------------------------ answers

    def _answer(self, conn: socket.socket, session: _Session, frame: bytes) -> bool:
        """Handle one request frame; False means hang up."""
        self.received.append(frame)
        if self.latency:
            time.sleep(self.latency)
        try:
            request = decode(frame, self.encoding)
        except DecodeError:
            # Koha answers a bad checksum (and what it cannot parse) with 96.
            resend = encode(Message("96"), None, b"AZ" in frame[-6:], self.encoding)
            self._write(conn, resend[:-1] + self.terminator)
            return True
        if self.on_request is not None:
            self.on_request(request, "received")
        fault = self._take_fault(request.code)
        kind = fault.kind if fault else None
        if request.code == "97":
            answer = session.last_answer or self._frame(Message("96"), request)
            return self._send_faulty(conn, session, answer, kind, remember=False)
        store = self._dedupe_store(session)
        if self.dedupe_same_seq and request.seq is not None and frame in store:
            return self._send_faulty(conn, session, store[frame], kind, remember=False)
        if kind == "request_resend":
            self._write(conn, self._frame(Message("96"), request))
            return True
        if kind == "drop_before":
            return False
        if kind == "delay":
            time.sleep(fault.seconds)
        reply = self._respond(session, request)
        if reply is None:
            return False
        answer = self._frame(reply, request)
        if request.seq is not None:
            store[frame] = answer
            while len(store) > 64:
                store.popitem(last=False)
        if kind == "drop_after":
            session.last_answer = answer
            return False
        sent = self._send_faulty(conn, session, answer, kind)
        if self.on_request is not None:
            self.on_request(request, "answered")
        return sent

    def _send_faulty(self, conn, session: _Session, answer: bytes, kind: str | None,
                     remember: bool = True) -> bool:
        payload = answer
        if kind == "garbage":
            payload = GARBAGE + self.terminator
        elif kind == "bad_checksum":
            body = answer.rstrip(b"\r\n")
            last = body[-1:]
            payload = body[:-1] + (b"0" if last != b"0" else b"1") + self.terminator
        elif kind == "merge" and session.last_answer is not None:
            payload = session.last_answer + answer
        if remember:
            session.last_answer = answer
        self._write(conn, payload)
        return True

    def _dedupe_store(self, session: _Session) -> OrderedDict:
        return self._server_answered if self.dedupe_scope == "server" else session.answered

    def _respond(self, session: _Session, request: Message) -> Message | None:
        if request.code == "93":
            session.logged_in = self.username is None or (
                request.get("CN") == self.username and request.get("CO") == self.password
            )
            return make("94", {"ok": "1" if session.logged_in else "0"})
        if request.code == "99":
            return self._acs_status()
        if self.username is not None and not session.logged_in:
            return None  # like Koha's raw transport: no login, no service
        if not self.ils.handles(request.code):
            return None
        return self.ils.handle(request)

    def _acs_status(self) -> Message:
        yn = lambda value: "Y" if value else "N"  # noqa: E731
        return make(
            "98",
            {"online_status": yn(self.online), "checkin_ok": yn(self.checkin_ok),
             "checkout_ok": yn(self.checkout_ok), "acs_renewal_policy": "Y",
             "status_update_ok": "N", "offline_ok": "N",
             "timeout_period": self.timeout_period, "retries_allowed": self.retries_allowed,
             "date_time_sync": format_date(self.ils.clock()), "protocol_version": "2.00"},
            AO=self.ils.institution_id, AM=self.library_name,
            BX="YYYNYYYYYNYNNYYY", AN="fake-acs",
        )


def _hang_up(conn: socket.socket) -> None:
    try:
        conn.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    try:
        conn.close()
    except OSError:
        pass
