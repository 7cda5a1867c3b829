"""Learns what one ILS's SIP2 server really does, for commissioning a kiosk
(``kiosk diag probe``): servers differ where the spec leaves room (DESIGN.md
§5-6), and a wrong guess costs a doubled loan or an unreadable title.

Two phases. First raw bytes on a socket of our own, so nothing is hidden by
the client's tolerance: the terminator the server ends frames with (CR, CRLF,
LF), whether its answers carry a valid checksum when asked (error
detection), the 98's supported messages, timeout and retries, round-trip
times, and the bytes of the test item's title (UTF-8 or a single-byte code
page). Then the kiosk's own client, set up as recommended, lends the test
item twice in a row (renewal, refusal or no-op?), returns it, lends it once
more as an offline replay would (no block, a past transaction date, an
``nb due date``) to see whether that date is kept (the ``koha`` offline
profile) or the loan is treated as new (``standard``), and returns it again:
nothing is left on loan.
"""

from __future__ import annotations

import re
import socket
import ssl
import statistics
import time
from dataclasses import asdict, dataclass, field, replace
from datetime import date, datetime, timedelta

from kiosk.catalog import sip2_answers as answers
from kiosk.catalog.sip2 import LIST_PAGE, NB_DUE_TIME
from kiosk.errors import KnownError
from kiosk.sip2 import Message, Sip2Client, Sip2Config, Sip2Error
from kiosk.sip2.client import AcsStatus
from kiosk.sip2.codec import decode, encode, make, verify_checksum
from kiosk.sip2.fields import SPECS, SUPPORTED_MESSAGE_ORDER

PINGS = 5  # 99/98 round trips timed
NB_DAYS = 11  # the probe's replayed loan asks for a due date this far out (no loan rule gives 11 days)
HINT = "check [catalog] host, port, username and password, and that the ILS's SIP2 service runs"


class ProbeError(KnownError):
    """The probe cannot go on (no answer, login refused, test item not lendable)."""


@dataclass
class ProbeReport:
    server: str
    terminator: str = ""
    error_detection: bool = False
    checksum_note: str = ""
    supported: list[str] = field(default_factory=list)
    unsupported: list[str] = field(default_factory=list)
    acs_timeout_s: float | None = None
    acs_retries: int | None = None
    rtt_ms: dict = field(default_factory=dict)  # min, median, max
    encoding: str = ""  # utf-8 | cp1252 | "" (title is plain ASCII: cannot tell)
    title: str = ""
    repeat_checkout: str = ""  # renewal | refusal | no-op
    repeat_detail: str = ""
    offline_profile: str = ""  # koha | standard
    replay_detail: str = ""
    left_on_loan: bool = False
    steps: list[str] = field(default_factory=list)
    recommended: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return asdict(self)


class _Wire:
    """A raw SIP2 connection: bytes out, one frame back with how it was terminated."""

    def __init__(self, config: Sip2Config) -> None:
        self.config = config
        try:
            sock = socket.create_connection((config.host, config.port), timeout=config.timeout)
            if config.tls:
                context = ssl.create_default_context(cafile=config.ca_file)
                sock = context.wrap_socket(sock, server_hostname=config.tls_server_name or config.host)
        except OSError as exc:
            raise ProbeError(f"cannot connect to {config.host}:{config.port} ({exc})", hint=HINT) from exc
        sock.settimeout(config.timeout)
        self.sock = sock
        self.terminators: set[str] = set()
        self._buffer = b""
        self._after_cr = False  # the last frame ended in CR at the end of the data read so far
        self.seq = 0

    def close(self) -> None:
        self.sock.close()

    def request(self, message: Message) -> tuple[bytes, float]:
        """Send with error detection (sequence number and checksum); the raw answer frame and ms."""
        self.seq = (self.seq + 1) % 10
        frame = encode(message, self.seq, True, self.config.encoding)
        started = time.monotonic()
        try:
            self.sock.sendall(frame)
            answer = self._frame()
        except OSError as exc:
            raise ProbeError(
                f"{self.config.host}:{self.config.port} did not answer a {SPECS[message.code].name} "
                f"within {self.config.timeout:g} s ({exc})",
                hint=HINT,
            ) from exc
        return answer, round((time.monotonic() - started) * 1000, 1)

    def _frame(self) -> bytes:
        while True:
            if self._buffer and self._after_cr:
                self._after_cr = False
                if self._buffer.startswith(b"\n"):
                    self.terminators.add("CRLF")
                    self._buffer = self._buffer[1:]
                else:
                    self.terminators.add("CR")
            end = re.search(rb"[\r\n]", self._buffer)
            if end is not None:
                frame, rest = self._buffer[: end.start()], self._buffer[end.end() :]
                if end.group() == b"\n":
                    self.terminators.add("LF")
                elif rest.startswith(b"\n"):
                    self.terminators.add("CRLF")
                    rest = rest[1:]
                elif rest:
                    self.terminators.add("CR")
                else:
                    self._after_cr = True  # the next bytes tell CR from CRLF
                self._buffer = rest
                if frame:
                    return frame
                continue
            data = self.sock.recv(65536)
            if not data:
                raise ConnectionError("the server closed the connection")
            self._buffer += data


def probe(config: Sip2Config, patron: str, item: str, *, pin: str | None = None) -> ProbeReport:
    """Probe the server at ``config``; the test ``item`` is lent to ``patron`` and returned (twice)."""
    report = ProbeReport(f"{config.host}:{config.port}")
    _wire_facts(config, item, report)
    tuned = replace(
        config,
        error_detection=report.error_detection,
        encoding=report.encoding or config.encoding,
        honour_acs_timeout=True,
    )
    _circulation_facts(tuned, patron, item, pin, report)
    report.recommended = _recommend(config, report)
    return report


# -- phase 1: the bytes ------------------------------------------------------------------


def _wire_facts(config: Sip2Config, item: str, report: ProbeReport) -> None:
    wire = _Wire(config)
    try:
        frames: list[bytes] = []
        if config.username:
            login = make(
                "93",
                {"uid_algorithm": "0", "pwd_algorithm": "0"},
                CN=config.username,
                CO=config.password,
                CP=config.location_code,
            )
            frame, _ = wire.request(login)
            frames.append(frame)
            if not _decode(frame, config.encoding).ok:
                raise ProbeError(
                    f"{report.server} refused the SIP2 login of {config.username!r}",
                    hint="check [catalog] username and password (or password_env) and location",
                )
            report.steps.append("login (93/94): accepted")
        times = []
        status = None
        for _ in range(PINGS):
            frame, ms = wire.request(
                make("99", {"status_code": "0", "max_print_width": "000", "protocol_version": "2.00"})
            )
            frames.append(frame)
            times.append(ms)
            status = AcsStatus.from_message(_decode(frame, config.encoding))
        report.rtt_ms = {"min": min(times), "median": statistics.median(times), "max": max(times)}
        report.acs_timeout_s, report.acs_retries = status.timeout, status.retries
        if status.supported is None:
            report.steps.append("status (99/98): no supported-messages field (BX)")
        else:
            report.supported = [SPECS[c].name for c in SUPPORTED_MESSAGE_ORDER if c in status.supported and c in SPECS]
            report.unsupported = [
                SPECS[c].name for c in SUPPORTED_MESSAGE_ORDER if c not in status.supported and c in SPECS
            ]
        report.steps.append(
            f"status (99/98): online {'yes' if status.online else 'NO'}, "
            f"checkout {'yes' if status.checkout_ok else 'NO'}, "
            f"round trip {report.rtt_ms['median']:g} ms (median of {PINGS})"
        )
        frame, _ = wire.request(make("17", {"transaction_date": _sip_now()}, AO=config.institution_id, AB=item))
        frames.append(frame)
        # One more round trip, so the last answer's terminator shows too.
        frames.append(
            wire.request(make("99", {"status_code": "0", "max_print_width": "000", "protocol_version": "2.00"}))[0]
        )
        _title(frame, item, report)
        checked = [verify_checksum(f) for f in frames if b"AZ" in f[-6:]]
        report.error_detection = bool(checked) and all(checked) and len(checked) == len(frames)
        if checked and not all(checked):
            report.checksum_note = "some answers carry a checksum that does not match: error detection off"
        elif not checked:
            report.checksum_note = "answers carry no checksum although the requests had one"
        report.terminator = next((t for t in ("CRLF", "LF", "CR") if t in wire.terminators), "CR")
        report.steps.append(
            f"framing: answers end in {report.terminator}; error detection "
            + ("on (every answer's checksum is right)" if report.error_detection else "off")
        )
    finally:
        wire.close()


def _title(frame: bytes, item: str, report: ProbeReport) -> None:
    raw = next((part[2:] for part in frame[26:].split(b"|") if part.startswith(b"AJ")), b"")
    if not raw:
        report.steps.append(f"item {item} (17/18): no title; the encoding cannot be told")
        return
    if raw.isascii():
        report.title = raw.decode("ascii")
        report.steps.append(f"item {item}: title {report.title!r} is plain ASCII; the encoding cannot be told from it")
        return
    try:
        report.title, report.encoding = raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        report.title, report.encoding = raw.decode("cp1252", errors="replace"), "cp1252"
    report.steps.append(f"item {item}: title {report.title!r} arrives as {report.encoding}")


def _decode(frame: bytes, encoding: str) -> Message:
    try:
        return decode(frame, encoding, verify=False)
    except Sip2Error as exc:
        raise ProbeError(f"the server's answer cannot be read ({exc}): {frame[:60]!r}", hint=HINT) from exc


def _sip_now() -> str:
    return datetime.now().strftime("%Y%m%d    %H%M%S")


# -- phase 2: circulation ------------------------------------------------------------------


def _circulation_facts(config: Sip2Config, patron: str, item: str, pin: str | None, report: ProbeReport) -> None:
    client = Sip2Client(config)
    try:
        client.connect()
        first = client.checkout(patron, item, pin)
        if not first.ok and _lent_to(client, patron, item):
            client.checkin(item)  # left on loan to the test patron by an earlier, interrupted probe
            first = client.checkout(patron, item, pin)
        if not first.ok:
            raise ProbeError(
                f"the test item {item} cannot be lent to the test patron {patron}: "
                f"{answers.screen_text(first) or 'refused'}",
                hint="choose an item that is on the shelf and a patron who may borrow it",
            )
        due = answers.due_date(first)
        report.steps.append(f"checkout (11/12): lent, due {due}")
        try:
            again = client.checkout(patron, item, pin)
            if not again.ok:
                report.repeat_checkout = "refusal"
            elif again.flag("renewal_ok") or answers.due_date(again) != due:
                report.repeat_checkout = "renewal"
            else:
                report.repeat_checkout = "no-op"
            report.repeat_detail = answers.screen_text(again)
            report.steps.append(
                f"the same checkout again: {report.repeat_checkout}"
                + (f" ({report.repeat_detail})" if report.repeat_detail else "")
            )
        finally:
            _return(client, item, report)
        past = datetime.now() - timedelta(days=2)
        asked = date.today() + timedelta(days=NB_DAYS)
        replay = client.checkout(
            patron, item, pin, no_block=True, transaction_date=past, nb_due_date=datetime.combine(asked, NB_DUE_TIME)
        )
        try:
            kept = replay.ok and answers.due_date(replay) == asked
            report.offline_profile = "koha" if kept else "standard"
            report.replay_detail = (
                f"asked due {asked}, got {answers.due_date(replay) if replay.ok else 'a refusal'}"
                + (f" ({answers.screen_text(replay)})" if answers.screen_text(replay) else "")
            )
            report.steps.append(
                "offline replay (no block, dated 2 days ago, nb due date): "
                + ("the dates are kept -> koha profile" if kept else "treated as a new loan -> standard profile")
                + f"; {report.replay_detail}"
            )
        finally:
            if replay.ok:
                _return(client, item, report)
        report.left_on_loan = bool(_charged(client, item))
        report.steps.append(
            f"item {item} is "
            + ("STILL ON LOAN: return it at the desk" if report.left_on_loan else "back on the shelf")
        )
    except Sip2Error as exc:
        raise ProbeError(f"{report.server} stopped answering during the test loans ({exc})", hint=HINT) from exc
    finally:
        client.close()


def _return(client: Sip2Client, item: str, report: ProbeReport) -> None:
    back = client.checkin(item)
    report.steps.append("checkin (09/10): " + ("returned" if back.ok else f"REFUSED {answers.screen_text(back)}"))


def _lent_to(client: Sip2Client, patron: str, item: str) -> bool:
    """Whether the item is among the test patron's charged items (never return someone else's loan)."""
    reply = client.patron_information(patron, summary="charged", start=1, end=LIST_PAGE)
    return answers.in_item_list(reply.get_all("AU"), item)


def _charged(client: Sip2Client, item: str) -> bool | None:
    info = client.item_information(item)
    return None if answers.is_unknown_item(info) else answers.is_charged(info)


def _recommend(config: Sip2Config, report: ProbeReport) -> dict:
    """The [catalog] keys this server wants."""
    timeout = report.acs_timeout_s or max(config.timeout, round(report.rtt_ms.get("max", 0) / 1000 * 10 + 2, 1))
    return {
        "encoding": report.encoding or config.encoding,
        "error_detection": report.error_detection,
        "timeout_s": float(timeout),
        "retries": report.acs_retries if report.acs_retries is not None else config.retries,
        "offline_profile": report.offline_profile,
    }


def toml_lines(recommended: dict) -> list[str]:
    def value(v) -> str:
        if isinstance(v, bool):
            return "true" if v else "false"
        return f'"{v}"' if isinstance(v, str) else str(v)  # a float keeps its ".0": TOML reads it back as one

    return ["[catalog]"] + [f"{k} = {value(v)}" for k, v in recommended.items()]
