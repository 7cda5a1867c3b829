"""Property tests: round trips for every message kind; garbage never escapes
as anything but the codec's own errors."""

from __future__ import annotations

import itertools
import string
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.sip2.codec import FrameSplitter, Message, decode, encode, format_date, verify_checksum
from kiosk.sip2.errors import DecodeError
from kiosk.sip2.fields import SPECS, FixedField

# Local settings only: a profile would leak into every other test module.
sip2_settings = settings(max_examples=200, deadline=None)
round_trip_settings = settings(max_examples=60, deadline=None)  # x 52 kinds/encodings

# Realistic alphabets for the free-text fixed fields (what real ACSs send).
_TEXT_ALPHABETS = {
    "patron_status": "Y ",
    "summary": "Y ",
    "hold_mode": "+-*",
    "currency_type": string.ascii_uppercase,
    "protocol_version": "0123456789.",
}

_dates = st.one_of(
    st.just(" " * 18),
    st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2090, 1, 1)).map(format_date),
    st.datetimes(min_value=datetime(1990, 1, 2), max_value=datetime(2090, 1, 1), timezones=st.just(UTC)).map(
        lambda d: format_date(d, utc=True)
    ),
)


def _fixed_value(f: FixedField) -> st.SearchStrategy[str]:
    if f.kind == "date":
        return _dates
    alphabet = {"flag": "YNU", "bit": "01", "digits": string.digits}.get(
        f.kind, _TEXT_ALPHABETS.get(f.name, string.ascii_letters + string.digits + " ")
    )
    return st.text(alphabet=alphabet, min_size=f.width, max_size=f.width)


_TAG_CHARS = string.ascii_uppercase + string.digits
_tags = st.text(alphabet=_TAG_CHARS, min_size=2, max_size=2).filter(lambda t: t not in ("AY", "AZ"))


def _values(encoding: str) -> st.SearchStrategy[str]:
    if encoding == "latin-1":
        chars = st.characters(min_codepoint=0x20, max_codepoint=0xFF, blacklist_characters="|")
    else:
        chars = st.characters(blacklist_categories=("Cs",), blacklist_characters="|\r\n")
    return st.text(alphabet=chars, max_size=24)


@st.composite
def messages(draw, code: str, encoding: str) -> Message:
    spec = SPECS[code]
    fixed = {f.name: draw(_fixed_value(f)) for f in spec.fixed}
    tag_pool = st.one_of(st.sampled_from(spec.tags), _tags) if spec.tags else _tags
    fields = draw(st.lists(st.tuples(tag_pool, _values(encoding)), max_size=8))
    return Message(code, fixed, fields)


@pytest.mark.parametrize("code", sorted(SPECS))
@pytest.mark.parametrize("encoding", ["utf-8", "latin-1"])
def test_round_trip_every_message_kind(code, encoding):
    @round_trip_settings
    @given(message=messages(code, encoding), seq=st.integers(0, 9), ed=st.booleans())
    def check(message, seq, ed):
        wire = encode(message, seq=seq, error_detection=ed, encoding=encoding)
        assert wire.endswith(b"\r") and wire.count(b"\r") == 1
        again = decode(wire, encoding=encoding)
        assert (again.code, again.fixed, again.fields) == (message.code, message.fixed, message.fields)
        assert again.seq == (seq if ed else None)
        assert verify_checksum(wire) == ed

    check()


@sip2_settings
@given(raw=st.binary(max_size=300), encoding=st.sampled_from(["utf-8", "cp1252", "latin-1"]))
def test_decode_of_arbitrary_bytes_raises_only_codec_errors(raw, encoding):
    try:
        decode(raw, encoding=encoding)
    except DecodeError:
        pass


@sip2_settings
@given(
    prefix=st.sampled_from(sorted(SPECS)),
    raw=st.binary(max_size=120),
)
def test_decode_of_plausible_garbage_raises_only_codec_errors(prefix, raw):
    try:
        decode(prefix.encode() + raw)
    except DecodeError:
        pass


@sip2_settings
@given(message=messages("12", "utf-8"), seq=st.integers(0, 9), data=st.data())
def test_any_single_byte_corruption_is_detected(message, seq, data):
    wire = bytearray(encode(message, seq=seq)[:-1])
    index = data.draw(st.integers(0, len(wire) - 1))
    new = data.draw(st.integers(0, 255).filter(lambda b: b != wire[index] and b not in (10, 13)))
    wire[index] = new
    with pytest.raises(DecodeError):
        decode(bytes(wire))


@sip2_settings
@given(chunks=st.lists(st.binary(max_size=40), max_size=20))
def test_splitter_on_arbitrary_chunks_raises_only_codec_errors(chunks):
    splitter = FrameSplitter(max_frame=64)
    for chunk in chunks:
        try:
            frames = splitter.feed(chunk)
        except DecodeError:
            continue
        assert all(frames) and not any(b"\r" in f or b"\n" in f for f in frames)


@sip2_settings
@given(
    frames=st.lists(st.binary(min_size=1, max_size=30).filter(lambda b: b"\r" not in b and b"\n" not in b), max_size=8),
    terminator=st.sampled_from([b"\r", b"\r\n", b"\n"]),
    cuts=st.lists(st.integers(0, 400), max_size=10),
)
def test_splitter_result_does_not_depend_on_how_tcp_cut_the_stream(frames, terminator, cuts):
    stream = b"".join(f + terminator for f in frames)
    splitter = FrameSplitter()
    got: list[bytes] = []
    bounds = sorted({0, len(stream), *[c for c in cuts if c < len(stream)]})
    for start, end in itertools.pairwise(bounds):
        got += splitter.feed(stream[start:end])
    assert got == frames and splitter.pending == b""
