"""SIP2 under fuzz: the codec, the kiosk's reading of answers, the server's of requests.

Whatever bytes arrive, decoding raises a DecodeError or gives a Message; whatever
a decoded answer holds, the kiosk's answer rules give a result (no ValueError,
OverflowError, decimal error...); whatever a request holds, the server's answer
rules give a reply it can encode or refuse it as a BadRequest.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kiosk.catalog import sip2_answers as answers
from kiosk.ils.sip2_answers import BadRequest, Sip2Answers
from kiosk.sip2 import DecodeError, FrameSplitter, Message, decode, encode
from kiosk.sip2.client import AcsStatus
from kiosk.sip2.codec import redact_bytes
from kiosk.sip2.fields import SPECS, TAG_NAMES
from tests.fakes.sip2_kiosk import library
from tests.fuzz.budget import FUZZ, count
from tests.fuzz.strategies import field_text, fixed_text

CODES = sorted(SPECS)
ANSWERS = sorted(code for code, spec in SPECS.items() if spec.response is None and code not in ("96", "97"))
REQUESTS = sorted(code for code, spec in SPECS.items() if spec.response is not None)
TAGS = sorted(TAG_NAMES)


def _message_of(code: str):
    """Messages of one code: fixed fields of the right width, any content; tags of its spec and others."""
    spec = SPECS[code]
    fixed = st.fixed_dictionaries({f.name: fixed_text(f.width) for f in spec.fixed})
    tags = st.sampled_from([t for t in [*spec.tags, *TAGS] if t not in ("AY", "AZ")])
    fields = st.lists(st.tuples(tags, field_text), max_size=12)
    return st.builds(Message, st.just(code), fixed, fields)


_MESSAGES = {code: _message_of(code) for code in CODES}  # built once: a strategy's construction costs more than a draw


def messages(codes=CODES):
    """A message of one of ``codes``."""
    return st.one_of([_MESSAGES[code] for code in codes])


@st.composite
def frames(draw) -> bytes:
    """Valid frames, then maybe mutated: bytes flipped, cut, doubled or glued to garbage."""
    raw = encode(draw(messages()), draw(st.none() | st.integers(0, 9)), draw(st.booleans()))
    for _ in range(draw(st.integers(0, 3))):
        how = draw(st.sampled_from(["flip", "cut", "insert", "dup"]))
        if not raw:
            break
        at = draw(st.integers(0, len(raw) - 1))
        if how == "flip":
            raw = raw[:at] + bytes([draw(st.integers(0, 255))]) + raw[at + 1 :]
        elif how == "cut":
            raw = raw[:at]
        elif how == "insert":
            raw = raw[:at] + draw(st.binary(max_size=8)) + raw[at:]
        else:
            raw = raw[:at] + raw[at:] + raw[at:]
    return raw


def exercise_answer(msg: Message) -> None:
    """Everything the kiosk reads from an answer (client and catalog adapter)."""
    for f in msg.spec.fixed:
        msg.number(f.name)
        msg.flag(f.name)
        msg.date(f.name)
    for tag in ("AH", "CM", "CJ", "BW", "PB"):
        msg.date(tag)
    assert isinstance(msg.ok, bool)
    msg.missing_required()
    msg.named_fields()
    msg.text()
    code = msg.code
    if code == "98":
        status = AcsStatus.from_message(msg)
        assert status.timeout is None or 0 < status.timeout <= 99.9
    elif code in ("64", "24"):
        answers.patron_answer(msg, "CARD", pin_given=True)
        answers.fines(msg.get("BV"), msg.get("BH"))
    elif code in ("12", "30"):
        answers.checkout_result(msg, "ITEM")
    elif code == "10":
        answers.checkin_result(msg, "ITEM", "MAIN")
    elif code == "18":
        answers.item(msg, "ITEM")
        answers.returned(msg, "ITEM", "MAIN")
        answers.is_charged(msg)


@FUZZ
@given(st.binary(max_size=300))
def test_random_bytes_decode_or_raise_a_decode_error(raw):
    count("sip2 decode: random bytes")
    try:
        msg = decode(raw)
    except DecodeError:
        return
    exercise_answer(msg)
    redact_bytes(raw)


@FUZZ
@given(frames(), st.booleans(), st.sampled_from(["utf-8", "cp1252", "latin-1"]))
def test_mutated_frames_decode_or_raise_a_decode_error(raw, verify, encoding):
    count("sip2 decode: mutated frames")
    try:
        msg = decode(raw, encoding, verify=verify)
    except DecodeError:
        return
    exercise_answer(msg)


@FUZZ
@given(st.lists(st.binary(max_size=64), max_size=10), st.integers(16, 256))
def test_the_frame_splitter_never_fails_but_on_a_frame_too_long(chunks, limit):
    count("sip2 frame splitter")
    splitter = FrameSplitter(max_frame=limit)
    for chunk in chunks:
        try:
            for frame in splitter.feed(chunk):
                assert frame and b"\r" not in frame and b"\n" not in frame
        except DecodeError:
            assert not splitter.pending


@FUZZ
@given(messages(ANSWERS))
def test_every_answer_the_kiosk_reads_gives_a_result(msg):
    """The kiosk's answer rules over answers with nonsense in every field (after a round trip on the wire)."""
    count("sip2 answers (kiosk side)")
    exercise_answer(decode(encode(msg, 0)))


SERVER = Sip2Answers(library())


@FUZZ
@given(messages(REQUESTS))
def test_every_request_the_server_reads_gets_a_reply_or_a_bad_request(msg):
    count("sip2 requests (server side)")
    request = decode(encode(msg, 1))
    try:
        reply = SERVER.answer(request)
    except BadRequest:
        return
    if reply is not None:
        encode(reply, request.seq)  # what goes back on the wire must be a valid frame
