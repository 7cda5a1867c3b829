"""A fake SIP2 ACS on 127.0.0.1 for tests: kiosk's own SIP2 server with
fault hooks, over the demo rule model with test knobs. Real sockets, real bytes.

    ils = FakeIls()
    ils.add_patron("P1", pin="1234")
    ils.add_item("I1", title="Dune")
    with FakeSip2Server(ils) as server:          # ephemeral port
        config = Sip2Config("127.0.0.1", server.port, username="kiosk", password="secret")
        server.inject("drop_after", code="11")   # next checkout: apply, then hang up
        ...
    server.restart()                             # same port, same ILS state

The knobs (`latency`, `terminator`, `split_writes`, `dedupe_same_seq`,
`dedupe_scope`) are `server.faults` (`kiosk.sip2.server.FaultHooks`, which
lists the one-shot faults of `inject()`); `on_request` and `received` are
reachable here too. The 98
fields (`online`, `checkin_ok`, `checkout_ok`, `timeout_period`,
`retries_allowed`) are the server's own. Circulation rules live on
`server.ils` (see sip2_ils.FakeIls).

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

import ssl
import threading
from dataclasses import dataclass
from datetime import datetime

from kiosk.sip2.codec import Message, encode
from kiosk.sip2.server import FaultHooks, Sip2Server

from .sip2_ils import FakeIls


class FakeSip2Server(Sip2Server):
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
        ssl_context: ssl.SSLContext | None = None,
        host: str = "127.0.0.1",
        checksums: bool = True,
    ) -> None:
        self.ils = ils if ils is not None else FakeIls()
        # False: answers never carry AY/AZ, even when the request did (error detection off at the ILS).
        self.checksums = checksums
        hooks = FaultHooks(
            latency=latency,
            terminator=terminator,
            split_writes=split_writes,
            dedupe_same_seq=dedupe_same_seq,
            dedupe_scope=dedupe_scope,
        )
        super().__init__(
            self.ils,
            host=host,
            username=username,
            password=password,
            encoding=encoding,
            ssl_context=ssl_context,
            faults=hooks,
            timeout_period=timeout_period,
            retries_allowed=retries_allowed,
        )
        self.online, self.checkin_ok, self.checkout_ok = online, checkin_ok, checkout_ok

    def _encode(self, reply: Message, request: Message) -> bytes:
        return encode(reply, request.seq, self.checksums and request.checksum is not None, self.encoding)

    def inject(self, kind: str, *, code: str | None = None, times: int = 1, seconds: float = 0.0) -> None:
        self.faults.inject(kind, code=code, times=times, seconds=seconds)

    @property
    def pending_faults(self) -> list[str]:
        return self.faults.pending

    @property
    def received(self) -> list[bytes]:
        """Every request frame, in arrival order."""
        return self.faults.received

    @property
    def on_request(self):
        return self.faults.on_request

    @on_request.setter
    def on_request(self, hook) -> None:
        """hook(request, phase), phase "received", "applied" or "answered": a crash test kills its client there."""
        self.faults.on_request = hook


def meet_side_by_side(
    server: FakeSip2Server, code: str = "11", parties: int = 2, deadlock_s: float = 5.0
) -> list[bool]:
    """Hold the first `parties` requests with `code` at the ILS until all of them are there.

    They can all be there only if the client sent them side by side, on as many
    sessions, so the answer does not depend on how fast anything runs: the list
    returned gets True for each request that met the others, False for one that
    waited `deadlock_s` in vain (the client sent them one after another).
    """
    barrier, lock, seen, met = threading.Barrier(parties, timeout=deadlock_s), threading.Lock(), [0], []
    earlier = server.on_request

    def hook(request, phase):
        if earlier is not None:
            earlier(request, phase)
        if request.code != code or phase != "received":
            return
        with lock:
            seen[0] += 1
            if seen[0] > parties:
                return
        try:
            barrier.wait()
            met.append(True)
        except threading.BrokenBarrierError:
            met.append(False)

    server.on_request = hook
    return met


@dataclass(frozen=True)
class ServerProfile:
    """How one kind of ILS's SIP2 server behaves where servers differ, as a
    FakeSip2Server over a FakeIls: what `kiosk diag probe` must tell apart.

    ``replay``: "koha" keeps an offline loan's dates when it comes with no block
    and an nb due date (newer Koha); "standard" ignores both (older Koha,
    Evergreen's SIPServer, FOLIO edge-sip2, invenio-sip2; DESIGN.md §5).
    ``own_loan``: a checkout of an item already on loan to that patron is a
    "renew"al (Koha's C4/SIP) or "refuse"d (already on loan to you)."""

    name: str
    replay: str
    own_loan: str
    terminator: bytes = b"\r"
    encoding: str = "utf-8"
    checksums: bool = True
    dedupe_same_seq: bool = False
    latency: float = 0.0

    def start(self, title: str = "Cinta di Kota Tua — Édisi ke-2") -> FakeSip2Server:
        """A started server with patron P1 (PIN 1234) and item I1 of this ``title``."""
        # The probe dates its requests by the real clock, so this library keeps the same time.
        ils = FakeIls(no_block_profile=self.replay, own_loan_checkout=self.own_loan, clock=datetime.now)
        ils.add_patron("P1", pin="1234")
        ils.add_item("I1", title=title)
        return FakeSip2Server(
            ils,
            terminator=self.terminator,
            encoding=self.encoding,
            checksums=self.checksums,
            dedupe_same_seq=self.dedupe_same_seq,
            latency=self.latency,
        ).start()


SERVER_PROFILES = (
    ServerProfile("koha", replay="koha", own_loan="renew"),
    ServerProfile("koha-old-latin1", replay="standard", own_loan="renew", encoding="cp1252"),
    ServerProfile(
        "sipserver-crlf-no-checksums", replay="standard", own_loan="renew", terminator=b"\r\n", checksums=False
    ),
    ServerProfile("folio-edge-sip2", replay="standard", own_loan="refuse", dedupe_same_seq=True),
    ServerProfile("slow-lf", replay="koha", own_loan="refuse", terminator=b"\n", latency=0.02),
)
