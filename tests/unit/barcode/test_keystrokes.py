"""The keyboard-wedge rules on plain timestamps: scanner bursts are scans,
people are never scans, and no key is ever lost, doubled or reordered."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.devices.barcode.keystrokes import KeystrokeBuffer, WedgeSettings

SETTINGS = WedgeSettings(max_gap_ms=50, min_length=4, max_duration_ms=1500)
CODE_CHARS = st.text(st.sampled_from("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-"), min_size=4, max_size=40)


def run(keys, settings=SETTINGS):
    """Feed (text, gap_ms) presses, then let the idle timer fire; return (delivered, scans).

    `delivered` is what reached the widgets in order; each scan appears in it as ("scan", code)
    at the moment it was reported, so order between typing and scans is checked too.
    """
    buffer: KeystrokeBuffer[str] = KeystrokeBuffer(settings)
    delivered, now = [], 0
    for text, gap in keys:
        now += gap
        step = buffer.press(text, now, text)
        delivered += step.replay
        if step.scan is not None:
            delivered.append(("scan", step.scan))
        if not step.swallow:
            delivered.append(text)
    step = buffer.idle()
    delivered += step.replay + ([("scan", step.scan)] if step.scan else [])
    return delivered, [d[1] for d in delivered if isinstance(d, tuple)]


@given(CODE_CHARS, st.lists(st.integers(1, 35), min_size=41, max_size=41), st.sampled_from(["\r", "\t", None]))
def test_any_scanner_burst_is_one_scan_and_nothing_reaches_a_widget(code, gaps, end):
    keys = [(c, g) for c, g in zip(code, gaps)] + ([(end, gaps[-1])] if end else [])
    delivered, scans = run(keys)
    assert scans == [code]
    assert delivered == [("scan", code)]


@given(st.text(st.sampled_from("0123456789"), min_size=1, max_size=12), st.data())
def test_a_person_typing_is_never_a_scan_and_every_key_arrives_in_order(typed, data):
    gaps = data.draw(st.lists(st.integers(60, 600), min_size=len(typed), max_size=len(typed)))
    keys = [(c, g) for c, g in zip(typed, gaps)] + [("\r", data.draw(st.integers(60, 600)))]
    delivered, scans = run(keys)
    assert scans == []
    assert delivered == list(typed) + ["\r"]


@given(st.lists(st.tuples(st.sampled_from(list("0123456789AB\r") + [""]), st.integers(0, 300)), max_size=60))
def test_whatever_arrives_no_key_is_lost_doubled_or_reordered(keys):
    delivered, scans = run(keys)
    rebuilt = []
    for item in delivered:
        rebuilt += list(item[1]) if isinstance(item, tuple) else [item]
    typed = [text for text, _ in keys]
    assert [k for k in rebuilt if k != "\r"] == [k for k in typed if k != "\r"]
    assert all(len(code) >= SETTINGS.min_length for code in scans)


def test_a_short_burst_with_enter_is_typing():
    assert run([("1", 0), ("2", 5), ("\r", 5)]) == (["1", "2", "\r"], [])


def test_a_burst_longer_than_the_maximum_duration_is_typing():
    keys = [(c, 45) for c in "29001000000013"] + [("\r", 45)]
    delivered, scans = run(keys, WedgeSettings(max_gap_ms=50, min_length=4, max_duration_ms=300))
    assert scans == [] and delivered[-1] == "\r"


def test_the_late_enter_of_a_scan_ended_by_its_gap_is_swallowed_but_a_later_one_is_not():
    keys = [(c, 8) for c in "29001000000013"] + [("\r", 200), ("\r", 2000)]
    assert run(keys) == ([("scan", "29001000000013"), "\r"], ["29001000000013"])


def test_with_a_prefix_only_prefixed_bursts_are_held_and_the_prefix_is_not_part_of_the_code():
    settings = WedgeSettings(max_gap_ms=50, min_length=4, max_duration_ms=1500, prefix="~")
    fast_unprefixed = [(c, 5) for c in "1234"] + [("\r", 5)]
    assert run(fast_unprefixed, settings) == (["1", "2", "3", "4", "\r"], [])
    assert run([(c, 5) for c in "~1234"] + [("\r", 5)], settings)[1] == ["1234"]


def test_settings_come_from_the_barcodes_section_and_are_checked():
    settings = WedgeSettings.from_config({"wedge_max_gap_ms": 30, "wedge_prefix": "~"})
    assert (settings.max_gap_ms, settings.min_length, settings.prefix) == (30, 4, "~")
    for bad in ({"wedge_prefix": "ab"}, {"wedge_min_length": 0}):
        with pytest.raises(ValueError, match="wedge"):
            WedgeSettings.from_config(bad)
