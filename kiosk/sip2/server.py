"""The ACS side of SIP2 over TCP: framing, checksums, login, 99/98 status
and 96/97 resends — the protocol half of an ILS, over any `IlsBackend`.

What a circulation message *means* is the backend's business (the demo
library, `kiosk.ils.demo`; SLiMS and INLISLite next), and turning requests
into backend calls is `kiosk.ils.sip2_answers`'s; this module only makes sure
the bytes on the wire are what a real server sends: answers carry the
request's sequence number and a checksum when the request had one, a frame
that cannot be read is answered with 96 (as Koha does), a 97 gets the last
answer again byte for byte, and a session that has not logged in is hung up
on. A request it cannot answer costs the connection and one log line.

Tests pass `FaultHooks` to misbehave the way real networks and servers do;
production passes none and takes a path with no fault checks at all.
"""

from __future__ import annotations

import logging
import socket
import socketserver
import ssl
import sys
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

from kiosk.ils.base import IlsBackend
from kiosk.ils.sip2_answers import Sip2Answers

from .codec import FrameSplitter, Message, decode, encode, format_date, make, redact_bytes
from .errors import DecodeError
from .fields import SUCCESS_FIELDS

log = logging.getLogger("kiosk.sip2.server")

FAULTS = frozenset({"drop_before", "drop_after", "garbage", "bad_checksum", "request_resend", "merge", "delay"})
GARBAGE = b"\x00\xffProblems handling the request\x93"


@dataclass
class _Fault:
    kind: str
    code: str | None
    remaining: int
    seconds: float


@dataclass
class FaultHooks:
    """How a test server misbehaves; every knob may change while it serves.

    Persistent: `latency` (seconds before every answer), `terminator`
    (b"\\r" or b"\\r\\n"), `split_writes` (answers one byte per TCP write),
    `dedupe_same_seq` with `dedupe_scope` ("connection" as FOLIO edge-sip2
    keeps it, or "server": across reconnects), `on_request(request, phase)`
    called at "received" (before any fault or rule), "applied" (the backend
    has answered) and "answered" (the answer went out). One-shot faults come
    from `inject()`. `received` and `connections_accepted` count what arrived.
    """

    latency: float = 0.0
    terminator: bytes = b"\r"
    split_writes: bool = False
    dedupe_same_seq: bool = False
    dedupe_scope: str = "connection"
    on_request: Callable[[Message, str], None] | None = None
    received: list[bytes] = field(default_factory=list)  # every request frame, in arrival order
    _faults: list[_Fault] = field(default_factory=list)
    _answered: OrderedDict = field(default_factory=OrderedDict)  # dedupe_scope="server": frame -> answer
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def inject(self, kind: str, *, code: str | None = None, times: int = 1, seconds: float = 0.0) -> None:
        """The next `times` requests with this code (any but 97 when None) take the fault:

        drop_before (hang up, nothing applied), drop_after (apply, then hang up),
        garbage / bad_checksum (a broken answer; the real one is kept for 97),
        request_resend (96 instead of applying), merge (the previous answer glued
        in front of this one in one write), delay (sleep `seconds` first).
        """
        if kind not in FAULTS:
            raise ValueError(f"unknown fault {kind!r}; choose from {sorted(FAULTS)}")
        with self._lock:
            self._faults.append(_Fault(kind, code, times, seconds))

    @property
    def pending(self) -> list[str]:
        with self._lock:
            return [f.kind for f in self._faults]

    def take(self, code: str) -> _Fault | None:
        with self._lock:
            for fault in self._faults:
                if fault.code == code or (fault.code is None and code != "97"):
                    fault.remaining -= 1
                    if fault.remaining <= 0:
                        self._faults.remove(fault)
                    return fault
        return None

    def dedupe_store(self, session: _Session) -> OrderedDict:
        return self._answered if self.dedupe_scope == "server" else session.answered

    def write(self, sock: socket.socket, payload: bytes) -> None:
        if self.split_writes:
            for i in range(len(payload)):
                sock.sendall(payload[i : i + 1])
        else:
            sock.sendall(payload)


@dataclass
class _Session:
    logged_in: bool = False
    last_answer: bytes | None = None  # exact bytes, terminator included
    answered: OrderedDict = field(default_factory=OrderedDict)  # dedupe per connection: frame -> answer


class Sip2Server:
    """`Sip2Server(backend, port=6001).start()`; one thread per connection.

    The 98 it announces: `online`, `checkin_ok`, `checkout_ok`,
    `timeout_period` and `retries_allowed` (attributes, may change any time).
    """

    def __init__(
        self,
        backend: IlsBackend,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        username: str | None = None,
        password: str = "",
        encoding: str = "utf-8",
        ssl_context: ssl.SSLContext | None = None,
        faults: FaultHooks | None = None,
        authenticate: Callable[[str, str], bool] | None = None,
        observer: Callable[[str, str, float], None] | None = None,
        timeout_period: str = "000",
        retries_allowed: str = "003",
    ) -> None:
        self.backend = backend
        self.answers = Sip2Answers(backend)
        self.username, self.password = username or None, password
        # The bridge's many logins (hashed): (CN, CO) -> accepted?; instead of username/password.
        self.authenticate = authenticate
        # Told (request name, outcome, seconds) of every answered request: the bridge's metrics.
        self.observer = observer
        self.encoding = encoding
        self.ssl_context = ssl_context
        self.faults = faults
        self.online = self.checkin_ok = self.checkout_ok = True
        self.timeout_period, self.retries_allowed = timeout_period, retries_allowed
        self.connections_accepted = 0
        self._count_lock = threading.Lock()
        self._serve_frame = self._serve_plain if faults is None else self._serve_faulty
        self._host = host
        self._tcp = self._listen(port)
        self._stopped = False
        self._thread: threading.Thread | None = None

    def _listen(self, port: int) -> _TcpServer:
        tcp = _TcpServer((self._host, port), _Handler)
        tcp.sip2 = self
        return tcp

    @property
    def address(self) -> tuple[str, int]:
        host, port = self._tcp.server_address[:2]
        return host, port

    @property
    def port(self) -> int:
        return self.address[1]

    def start(self) -> Sip2Server:
        """Serve on a background thread (tests, benchmarks); after `stop()`, on the same port again."""
        if self._stopped:
            self._tcp, self._stopped = self._listen(self.port), False
        self._thread = threading.Thread(
            target=self._tcp.serve_forever, kwargs={"poll_interval": 0.05}, name="sip2-server", daemon=True
        )
        self._thread.start()
        return self

    def serve_forever(self) -> None:
        """Serve on this thread until `stop()` (the command line)."""
        self._tcp.serve_forever(poll_interval=0.2)

    def stop(self) -> None:
        """Close the listener and every connection; the backend keeps its state."""
        if self._thread is not None:  # serve_forever() on the caller's thread has returned already
            self._tcp.shutdown()
            self._thread.join(timeout=5)
            self._thread = None
        self._tcp.server_close()
        self._tcp.close_connections()
        self._stopped = True

    def restart(self) -> None:
        """Stop, and serve again on the same port: every session is gone, the ILS state is not."""
        self.stop()
        self.start()

    def __enter__(self) -> Sip2Server:
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()

    # ------------------------------------------------------------ answers

    def _accepted(self) -> None:
        with self._count_lock:
            self.connections_accepted += 1

    def _respond(self, session: _Session, request: Message) -> Message | None:
        """The reply to a decoded request other than 97; None means hang up."""
        if request.code == "93":
            session.logged_in = self._login_ok(request.get("CN") or "", request.get("CO") or "")
            return make("94", {"ok": "1" if session.logged_in else "0"})
        if request.code == "99":
            return self._acs_status()
        if (self.username is not None or self.authenticate is not None) and not session.logged_in:
            log.warning("SIP2 %s before a successful login: hanging up", request.name)
            return None
        try:
            reply = self.answers.answer(request)
        except Exception as exc:
            log.warning("SIP2 %s could not be answered (%s: %s): hanging up", request.name, type(exc).__name__, exc)
            return None
        if reply is None:
            log.warning("SIP2 %s is not served here: hanging up", request.name)
        return reply

    def _login_ok(self, username: str, password: str) -> bool:
        if self.authenticate is not None:
            ok = self.authenticate(username, password)
            if not ok:
                log.warning("SIP2 login refused for %r", username)
            return ok
        return self.username is None or (username == self.username and password == self.password)

    def _encode(self, reply: Message, request: Message) -> bytes:
        # Error detection only when the request used it, with its sequence number.
        return encode(reply, request.seq, request.checksum is not None, self.encoding)

    def _resend_request(self, frame: bytes) -> bytes:
        return encode(Message("96"), None, b"AZ" in frame[-6:], self.encoding)

    def _serve_plain(self, sock: socket.socket, session: _Session, frame: bytes) -> bool:
        """Answer one request frame; False means hang up."""
        try:
            request = decode(frame, self.encoding)
        except DecodeError as exc:
            log.warning("SIP2 unreadable request (%s): asking for a resend", exc)
            sock.sendall(self._resend_request(frame))
            return True
        if log.isEnabledFor(logging.DEBUG):
            log.debug("SIP2 <- %s", redact_bytes(frame, self.encoding))
        if request.code == "97":
            sock.sendall(session.last_answer or self._encode(Message("96"), request))
            return True
        started = time.monotonic()
        reply = self._respond(session, request)
        if self.observer is not None:
            self.observer(request.name, outcome_of(reply), time.monotonic() - started)
        if reply is None:
            return False
        session.last_answer = answer = self._encode(reply, request)
        sock.sendall(answer)
        return True

    def _serve_faulty(self, sock: socket.socket, session: _Session, frame: bytes) -> bool:
        """`_serve_plain` with the test's faults applied at the points real servers fail."""
        hooks = self.faults
        hooks.received.append(frame)
        if hooks.latency:
            time.sleep(hooks.latency)
        terminator = hooks.terminator
        try:
            request = decode(frame, self.encoding)
        except DecodeError:
            hooks.write(sock, self._resend_request(frame)[:-1] + terminator)
            return True
        if hooks.on_request is not None:
            hooks.on_request(request, "received")
        fault = hooks.take(request.code)
        kind = fault.kind if fault else None
        if request.code == "97":
            answer = session.last_answer or self._encode(Message("96"), request)[:-1] + terminator
            return self._send_faulty(sock, session, answer, kind, remember=False)
        store = hooks.dedupe_store(session)
        if hooks.dedupe_same_seq and request.seq is not None and frame in store:
            return self._send_faulty(sock, session, store[frame], kind, remember=False)
        if kind == "request_resend":
            hooks.write(sock, self._encode(Message("96"), request)[:-1] + terminator)
            return True
        if kind == "drop_before":
            return False
        if kind == "delay":
            time.sleep(fault.seconds)
        reply = self._respond(session, request)
        if reply is None:
            return False
        if hooks.on_request is not None:
            hooks.on_request(request, "applied")
        answer = self._encode(reply, request)[:-1] + terminator
        if request.seq is not None:
            store[frame] = answer
            while len(store) > 64:
                store.popitem(last=False)
        if kind == "drop_after":
            session.last_answer = answer
            return False
        sent = self._send_faulty(sock, session, answer, kind)
        if hooks.on_request is not None:
            hooks.on_request(request, "answered")
        return sent

    def _send_faulty(
        self, sock: socket.socket, session: _Session, answer: bytes, kind: str | None, remember: bool = True
    ) -> bool:
        payload = answer
        if kind == "garbage":
            payload = GARBAGE + self.faults.terminator
        elif kind == "bad_checksum":
            body = answer.rstrip(b"\r\n")
            payload = body[:-1] + (b"0" if body[-1:] != b"0" else b"1") + self.faults.terminator
        elif kind == "merge" and session.last_answer is not None:
            payload = session.last_answer + answer
        if remember:
            session.last_answer = answer
        self.faults.write(sock, payload)
        return True

    def _acs_status(self) -> Message:
        branding = self.backend.branding
        yn = lambda value: "Y" if value else "N"  # noqa: E731
        return make(
            "98",
            {
                "online_status": yn(self.online),
                "checkin_ok": yn(self.checkin_ok),
                "checkout_ok": yn(self.checkout_ok),
                "acs_renewal_policy": "Y",
                "status_update_ok": "N",
                "offline_ok": "N",
                "timeout_period": self.timeout_period,
                "retries_allowed": self.retries_allowed,
                "date_time_sync": format_date(self.backend.now()),
                "protocol_version": "2.00",
            },
            AO=branding.institution_id,
            AM=branding.library_name,
            BX=branding.supported,
        )


def outcome_of(reply: Message | None) -> str:
    """What a request came to, for metrics: "ok", "refused" (a reply whose success flag says no),
    "answered" (a reply with no such flag, e.g. item information) or "hangup"."""
    if reply is None:
        return "hangup"
    if any(name in reply.fixed for name in SUCCESS_FIELDS):
        return "ok" if reply.ok else "refused"
    return "answered"


class _TcpServer(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True
    # socketserver's default of 5 makes a burst of kiosks reconnecting at once (after a network
    # blip) wait for SYN retransmits: p50 connect 1.0 s with 16 threads (bench/connect_storm.py).
    request_queue_size = socket.SOMAXCONN
    sip2: Sip2Server

    def __init__(self, address, handler) -> None:
        super().__init__(address, handler)
        self._open: set[socket.socket] = set()
        self._open_lock = threading.Lock()

    def track(self, sock: socket.socket, open_: bool) -> None:
        with self._open_lock:
            (self._open.add if open_ else self._open.discard)(sock)

    def close_connections(self) -> None:
        with self._open_lock:
            socks, self._open = list(self._open), set()
        for sock in socks:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def handle_error(self, request, client_address) -> None:
        """One line, never a traceback: a client must not be able to fill the log."""
        exc = sys.exc_info()[1]
        log.warning("SIP2 connection from %s ended by %s: %s", client_address[0], type(exc).__name__, exc)


class _Handler(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        sock: socket.socket = self.request
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        server: _TcpServer = self.server  # type: ignore[assignment]
        sip2 = server.sip2
        sip2._accepted()
        server.track(sock, True)
        try:
            if sip2.ssl_context is not None:
                sock.settimeout(5)
                tls = sip2.ssl_context.wrap_socket(sock, server_side=True)
                tls.settimeout(None)
                server.track(sock, False)
                server.track(tls, True)
                sock = tls
            session, splitter, serve = _Session(), FrameSplitter(), sip2._serve_frame
            while data := sock.recv(65536):
                try:
                    frames = splitter.feed(data)
                except DecodeError:  # no terminator in sight: the stream is garbage
                    frames = [b"?"]
                for frame in frames:
                    if not serve(sock, session, frame):
                        return
        except OSError:
            pass
        finally:
            server.track(sock, False)
            try:
                sock.close()
            except OSError:
                pass
