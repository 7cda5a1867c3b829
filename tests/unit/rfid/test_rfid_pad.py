"""The reader loop's bookkeeping: which tags to read, which have left (pure)."""

from hypothesis import given
from hypothesis import strategies as st

from kiosk.devices.base import TagRead
from kiosk.devices.rfid.reader_loop import Pad


def test_a_new_tag_is_to_be_read_until_it_has_been():
    pad = Pad()
    assert pad.update(["A", "B"]) == (["A", "B"], [])
    pad.add(TagRead("A", "item-a"))
    assert pad.update(["A", "B"]) == (["B"], [])
    pad.add(TagRead("B", "item-b"))
    assert pad.update(["A", "B"]) == ([], [])
    assert [t.item_id for t in pad.tags()] == ["item-a", "item-b"]


def test_a_tag_missing_from_one_inventory_has_not_left_yet():
    pad = Pad(misses_before_left=2)
    pad.update(["A"])
    pad.add(TagRead("A"))
    assert pad.update([]) == ([], [])  # a collision, a shifted book
    assert pad.update(["A"]) == ([], [])  # back: the count starts again
    assert pad.update([]) == ([], [])
    assert pad.update([]) == ([], ["A"])
    assert pad.tags() == []
    assert pad.update([]) == ([], [])  # reported once


def test_a_tag_that_cannot_be_read_gets_its_attempts_then_gives_up():
    pad = Pad(read_attempts=3)
    pad.update(["A"])
    assert [pad.read_failed("A") for _ in range(3)] == [False, False, True]


def test_a_tag_taken_away_before_it_was_read_starts_afresh():
    pad = Pad(read_attempts=2)
    pad.update(["A"])
    assert not pad.read_failed("A")
    assert pad.update([]) == ([], [])  # never reported, so it cannot "leave"
    assert pad.update(["A"]) == (["A"], [])
    assert not pad.read_failed("A")


@given(st.lists(st.sets(st.sampled_from("ABCDE")), max_size=30))
def test_arrivals_and_departures_match_a_reference_model(polls):
    pad = Pad(misses_before_left=2)
    reported, expected = [], []
    on_pad: dict[str, int] = {}  # uid -> polls missed in a row
    for present in polls:
        to_read, gone = pad.update(sorted(present))
        for uid in to_read:
            pad.add(TagRead(uid))
        reported.append((sorted(to_read), sorted(gone)))
        arrive = sorted(present - set(on_pad))
        leave = []
        for uid in sorted(on_pad):
            on_pad[uid] = 0 if uid in present else on_pad[uid] + 1
            if on_pad[uid] >= 2:
                del on_pad[uid]
                leave.append(uid)
        on_pad.update(dict.fromkeys(arrive, 0))
        expected.append((arrive, leave))
        assert present <= {t.uid for t in pad.tags()}  # whatever is in the field has been read
    assert reported == expected
