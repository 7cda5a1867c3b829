"""The ACS side of SIP2 over TCP: framing, checksums, login, 99/98 status
and 96/97 resends — the protocol half of an ILS.

What a circulation message *means* is a backend's business (the demo ILS in
`kiosk.demo_ils` answers from the demo catalog); this module only makes
sure the bytes on the wire are what a real server sends: answers carry the
request's sequence number and a checksum when the request had one, a frame
that cannot be read is answered with 96 (as Koha does), a 97 gets the last
answer again byte for byte, and a session that has not logged in is hung up
on.
"""

from __future__ import annotations

import logging
import socket
import socketserver
import threading
from dataclasses import dataclass
from datetime import datetime
from typing import Callable, Protocol

from .codec import FrameSplitter, Message, decode, encode, format_date, make, redact_bytes
from .errors import DecodeError

log = logging.getLogger("kiosk.sip2.server")


class Sip2Backend(Protocol):
    """The ILS behind the server: answers every request but 93/99/97."""

    institution_id: str
    library_name: str
    supported: str  # 98 BX: one Y/N per request, in fields.SUPPORTED_MESSAGE_ORDER

    def handle(self, request: Message) -> Message | None:
        """The answer, or None to hang up (a request it does not serve)."""


@dataclass
class _Session:
    logged_in: bool = False
    last_answer: bytes | None = None


class Sip2Server:
    """`Sip2Server(backend, port=6001).start()`; one thread per connection."""

    def __init__(self, backend: Sip2Backend, *, host: str = "127.0.0.1", port: int = 0,
                 username: str | None = None, password: str = "", encoding: str = "utf-8",
                 clock: Callable[[], datetime] = datetime.now) -> None:
        self.backend = backend
        self.username, self.password = username or None, password
        self.encoding = encoding
        self._clock = clock
        self._tcp = _TcpServer((host, port), _Handler)
        self._tcp.sip2 = self
        self._thread: threading.Thread | None = None

    @property
    def address(self) -> tuple[str, int]:
        host, port = self._tcp.server_address[:2]
        return host, port

    @property
    def port(self) -> int:
        return self.address[1]

    def start(self) -> Sip2Server:
        """Serve on a background thread (tests, benchmarks)."""
        self._thread = threading.Thread(target=self._tcp.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="sip2-server", daemon=True)
        self._thread.start()
        return self

    def serve_forever(self) -> None:
        """Serve on this thread until `stop()` (the command line)."""
        self._tcp.serve_forever(poll_interval=0.2)

    def stop(self) -> None:
        if self._thread is not None:  # serve_forever() on the caller's thread has returned already
            self._tcp.shutdown()
            self._thread.join(timeout=5)
            self._thread = None
        self._tcp.server_close()
        self._tcp.close_connections()

    def __enter__(self) -> Sip2Server:
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()

    # ------------------------------------------------------------ answers

    def answer(self, session: _Session, frame: bytes) -> bytes | None:
        """Wire bytes answering one request frame; None means hang up."""
        try:
            request = decode(frame, self.encoding)
        except DecodeError as exc:
            log.warning("SIP2 unreadable request (%s): asking for a resend", exc)
            return encode(Message("96"), None, b"AZ" in frame[-6:], self.encoding)
        log.debug("SIP2 <- %s", redact_bytes(frame, self.encoding))
        if request.code == "97":
            return session.last_answer or self._encode(Message("96"), request)
        if request.code == "93":
            session.logged_in = self.username is None or (
                request.get("CN") == self.username and request.get("CO") == self.password)
            reply: Message | None = make("94", {"ok": "1" if session.logged_in else "0"})
        elif request.code == "99":
            reply = self._acs_status()
        elif self.username is not None and not session.logged_in:
            log.warning("SIP2 %s before a successful login: hanging up", request.name)
            return None
        else:
            reply = self.backend.handle(request)
            if reply is None:
                log.warning("SIP2 %s is not served here: hanging up", request.name)
                return None
        answer = self._encode(reply, request)
        session.last_answer = answer
        return answer

    def _encode(self, reply: Message, request: Message) -> bytes:
        # Error detection only when the request used it, with its sequence number.
        return encode(reply, request.seq, request.checksum is not None, self.encoding)

    def _acs_status(self) -> Message:
        return make(
            "98",
            {"online_status": "Y", "checkin_ok": "Y", "checkout_ok": "Y", "acs_renewal_policy": "Y",
             "status_update_ok": "N", "offline_ok": "N", "timeout_period": "000", "retries_allowed": "003",
             "date_time_sync": format_date(self._clock()), "protocol_version": "2.00"},
            AO=self.backend.institution_id, AM=self.backend.library_name, BX=self.backend.supported,
        )


class _TcpServer(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True
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


class _Handler(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        sock: socket.socket = self.request
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        server: _TcpServer = self.server  # type: ignore[assignment]
        server.track(sock, True)
        session, splitter = _Session(), FrameSplitter()
        try:
            while data := sock.recv(65536):
                try:
                    frames = splitter.feed(data)
                except DecodeError:  # no terminator in sight: the stream is garbage
                    frames = [b"?"]
                for frame in frames:
                    answer = server.sip2.answer(session, frame)
                    if answer is None:
                        return
                    sock.sendall(answer)
        except OSError:
            pass
        finally:
            server.track(sock, False)
