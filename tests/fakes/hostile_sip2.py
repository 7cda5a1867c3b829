"""A hostile ILS: the kiosk's own SIP2 server over the demo library, whose
answers are rewritten into nonsense on the way out — what a broken or
malicious ACS sends. Real sockets, real bytes, valid frames and checksums:
only the *content* is wrong, so the kiosk's answer handling is what is tested.

    with HostileSip2Server(tmp_path / "ils.sqlite3", "huge") as server:
        ...  # every 12 now says its loan is due 9999-12-31 and fines of 1e999999

Each mischief (``MISCHIEF``) rewrites the answers it names and leaves the
others alone; ``server.mischief`` may change while it serves. The ILS still
*applies* every request (the demo library lends the item), exactly as a real
server whose answer is garbled would, so a test can check that a nonsense
answer neither loses nor doubles a loan.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kiosk.ils.demo import DemoLibrary
from kiosk.ils.sip2_answers import Sip2Answers
from kiosk.sip2.codec import Message, make
from kiosk.sip2.server import Sip2Server

USERNAME, PASSWORD = "kiosk", "demo"
ROOT = Path(__file__).resolve().parents[2]

Rewrite = Callable[[Message], Message]


def _fields(**tags: str) -> Rewrite:
    """Set variable fields (replacing any of the same tag)."""

    def rewrite(msg: Message) -> Message:
        kept = [(tag, value) for tag, value in msg.fields if tag not in tags]
        return Message(msg.code, dict(msg.fixed), kept + list(tags.items()))

    return rewrite


def _fixed(**values: str) -> Rewrite:
    """Set fixed fields that the message has (same width, nonsense content)."""

    def rewrite(msg: Message) -> Message:
        fixed = dict(msg.fixed)
        for name, value in values.items():
            if name in fixed:
                fixed[name] = value
        return Message(msg.code, fixed, list(msg.fields))

    return rewrite


def _both(*rewrites: Rewrite) -> Rewrite:
    def rewrite(msg: Message) -> Message:
        for one in rewrites:
            msg = one(msg)
        return msg

    return rewrite


def _wrong_message(msg: Message) -> Message:
    """A well-formed answer of another kind (an 18 where a 12 was asked for)."""
    return make("18", {"circulation_status": "03"}, AB="WRONG", AJ="Not what you asked")


def foreign_digits(text: str, zero: str = "\u0660") -> str:
    """`text` with its ASCII digits written in another script (Arabic-Indic by
    default; "\uff10" fullwidth): `str.isdigit()` says yes to every one of them."""
    return text.translate({ord("0") + n: ord(zero) + n for n in range(10)})


_HUGE_DATE = "99991231   Z235959"
_UNICODE_DATE = foreign_digits("20261231    235959")
_COUNTS = ("hold_items_count", "overdue_items_count", "charged_items_count", "fine_items_count")

# mischief name -> {answer code -> rewrite}; "98" is the ACS status.
MISCHIEF: dict[str, dict[str, Rewrite]] = {
    "unicode_digits": {
        "98": _fixed(timeout_period="0²0", retries_allowed="¹²³"),
        "64": _both(
            _fixed(**dict.fromkeys(_COUNTS, foreign_digits("0001", "\uff10"))),
            _fields(BV=foreign_digits("12"), CC=foreign_digits("10", "\uff10")),
        ),
        "24": _fields(BV=foreign_digits("12")),
        "12": _fields(AH=_UNICODE_DATE),
        "30": _fields(AH=_UNICODE_DATE),
        "18": _both(_fixed(circulation_status="\u0660\u0664"), _fields(AH=_UNICODE_DATE, CF="²")),
    },
    "huge": {
        "98": _fixed(timeout_period="999", retries_allowed="998"),
        "64": _both(_fixed(**dict.fromkeys(_COUNTS, "9999")), _fields(BV="1e999999", CC="9" * 400)),
        "24": _fields(BV="1e999999"),
        "12": _fields(AH=_HUGE_DATE, BV="1e999999"),
        "30": _fields(AH=_HUGE_DATE),
        "18": _fields(AH=_HUGE_DATE, BV="-1e999999", CF="9" * 400),
        "10": _fields(CL="x" * 5000, AQ="\ufffd" * 100),
    },
    "nan": {
        "64": _fields(BV="NaN"),
        "24": _fields(BV="sNaN"),
        "12": _fields(BV="NaN", AH="NaN"),
        "18": _fields(BV="Infinity", AH="-Infinity"),
    },
    "wrong_types": {
        "98": _fixed(online_status="?", timeout_period="abc", retries_allowed="-1-"),
        "64": _both(_fixed(patron_status="X" * 14, language="xyz"), _fields(BL="maybe", AE="")),
        "12": _both(_fixed(ok="Y", transaction_date="tomorrow, morning!"), _fields(AH="next tuesday")),
        "30": _fixed(ok="?"),
        "10": _both(_fixed(ok="Y", alert="?"), _fields(CV="ZZ", CT="")),
        "18": _fixed(circulation_status="XX", transaction_date="x" * 18),
        "36": _fixed(end_session="?"),
    },
    "wrong_message": dict.fromkeys(("64", "24", "12", "10", "30", "36"), _wrong_message),
    "empty_fields": {
        code: (lambda msg: Message(msg.code, dict(msg.fixed), [])) for code in ("64", "24", "12", "10", "18", "30")
    },
}


class HostileAnswers(Sip2Answers):
    """The demo library's true answers, then the server's current mischief applied."""

    def __init__(self, backend, server: HostileSip2Server) -> None:
        super().__init__(backend)
        self.server = server

    def answer(self, request: Message) -> Message | None:
        reply = super().answer(request)
        return None if reply is None else self.server.spoil(reply)


class HostileSip2Server(Sip2Server):
    """``HostileSip2Server(db, mischief)``: the demo library at ``db`` (made from
    the demo data when new) on an ephemeral port, answering with ``mischief``."""

    def __init__(self, db: str | Path, mischief: str | None = None, **kwargs) -> None:
        kwargs.setdefault("username", USERNAME)
        kwargs.setdefault("password", PASSWORD)
        super().__init__(DemoLibrary(db), **kwargs)
        self.answers = HostileAnswers(self.backend, self)
        self.mischief = mischief

    def spoil(self, reply: Message) -> Message:
        rewrite = MISCHIEF[self.mischief].get(reply.code) if self.mischief else None
        return reply if rewrite is None else rewrite(reply)

    def _acs_status(self) -> Message:
        return self.spoil(super()._acs_status())

    def stop(self) -> None:
        super().stop()
        self.backend.close()


def kiosk_config(folder: Path, port: int) -> Path:
    """config/demo-sip2.toml on this ILS, no PIN, a short timeout (a wrong-message answer is waited out)."""
    text = (ROOT / "config" / "demo-sip2.toml").read_text(encoding="utf-8")
    for old, new in (
        ("port = 6001", f"port = {port}"),
        ('path = "../var/demo-sip2-journal.sqlite3"', f'path = "{folder / "journal.sqlite3"}"'),
        ("require_pin = true", "require_pin = false"),
        ("timeout_s = 3.0", "timeout_s = 0.5"),
    ):
        assert old in text, old
        text = text.replace(old, new)
    path = folder / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    return path
