"""The 3m810 and feig drivers against reader emulators on a pty: the
production driver, transport, reader loop and codecs, with real bytes.

Every test runs on both readers; waits are on events and conditions.
"""

import pytest

from kiosk.config import DeviceConfig
from kiosk.devices.base import DeviceState, TagsSeen
from kiosk.devices.manager import DeviceManager
from kiosk.devices.registry import driver_class
from kiosk.devices.rfid.reader_3m import Reader3M810
from kiosk.devices.rfid.reader_feig import FeigReader
from kiosk.devices.rfid.rfid501 import encode as encode_rfid501
from kiosk.devices.rfid.tagdata import MODEL_RFID501, USAGE_PATRON_CARD, TagData
from kiosk.devices.site import SiteBarcodes, SiteRfid
from tests.fakes.rfid_3m import Emulated3M
from tests.fakes.rfid_emulator import EmulatedTag
from tests.fakes.rfid_feig import EmulatedFeig
from tests.unit.barcode.recorder import ManualScheduler, Recorder, RecordingScheduler, wait_until

# A pty cannot do parity: Linux refuses PARENB on it, so pyserial's reopening
# of an 8E1 port fails with EINVAL. The Feig line therefore runs 8N1 here.
DRIVERS = {"3m810": (Emulated3M, Reader3M810, {}), "feig": (EmulatedFeig, FeigReader, {"parity": "N"})}
# Fast polling and short timeouts keep the walks quick; no test depends on them for timing.
FAST = {"poll_interval_ms": 5, "reconnect_ms": 20, "timeout_ms": 150, "frame_gap_ms": 20}
BOOK = "39001000000011"
SET = "39001000000029"


class Rig:
    """A reader emulator and the kiosk's device manager opening the driver from config."""

    def __init__(self, driver: str, tmp_path) -> None:
        emulator_cls, self.driver_cls, self.line = DRIVERS[driver]
        self.driver = driver
        self.pad = emulator_cls(tmp_path, "pad").plug()
        self.managers = []
        self.scheduler = RecordingScheduler()

    def open(self, rfid=None, scheduler=None, **options):
        config = DeviceConfig(
            "pad", "rfid", self.driver, options={"port": str(self.pad.path), **FAST, **self.line, **options}
        )
        manager = DeviceManager(
            [config], rfid=SiteRfid(**(rfid or {})), barcodes=SiteBarcodes(), scheduler=scheduler or self.scheduler
        )
        recorder = Recorder()
        manager.open_all(recorder.events.put, recorder.status)
        recorder.device = reader = manager.get("pad")
        assert isinstance(reader, self.driver_cls)
        self.managers.append(manager)
        self.manager = manager
        return reader, recorder

    def close(self) -> None:
        for manager in self.managers:
            manager.close_all()
        self.pad.close()


@pytest.fixture(params=sorted(DRIVERS))
def rig(request, tmp_path):
    rig = Rig(request.param, tmp_path)
    yield rig
    rig.close()


def arrivals(recorder, count: int) -> dict:
    """The next ``count`` tags reported arrived, by uid."""
    tags = {}
    while len(tags) < count:
        event = recorder.next_read()
        assert isinstance(event, TagsSeen) and not event.left, event
        tags.update((t.uid, t) for t in event.arrived)
    return tags


def departure(recorder) -> tuple[str, ...]:
    event = recorder.next_read()
    assert not event.arrived, event
    return event.left


def polls_pass(pad, count: int = 3) -> None:
    """Let the reader loop poll a few more times."""
    done = pad.asked("inventory") + count
    wait_until(lambda: pad.asked("inventory") >= done)


# -- reading ----------------------------------------------------------------------------
def test_registered_under_their_driver_names():
    assert driver_class("rfid", "3m810") is Reader3M810
    assert driver_class("rfid", "feig") is FeigReader


def test_a_stack_arrives_decoded_with_set_parts_vendor_byte_orders_and_patron_cards(rig):
    reader, rec = rig.open()
    assert reader.status.state is DeviceState.OK and reader.identity
    stack = [
        EmulatedTag.item(SET, parts=2, part=1),
        EmulatedTag.item(SET, parts=2, part=2),
        EmulatedTag.item(BOOK, byte_order="block-reversed"),
        EmulatedTag.item("29001000000015", usage=USAGE_PATRON_CARD),
    ]
    rig.pad.place(*stack)
    tags = arrivals(rec, 4)
    first, second, book, card = (tags[t.uid_hex] for t in stack)
    assert (first.item_id, first.part_number, first.parts_in_set) == (SET, 1, 2)
    assert (second.item_id, second.part_number, second.parts_in_set) == (SET, 2, 2)
    assert book.item_id == BOOK and "block-reversed" in book.model
    assert card.is_patron_card and card.item_id == "29001000000015"
    assert not any(t.error for t in tags.values())
    assert sorted(t.uid for t in reader.tags()) == sorted(tags)


def test_a_tag_lying_on_the_pad_is_read_and_reported_once(rig):
    reader, rec = rig.open()
    tag = EmulatedTag.item(BOOK)
    rig.pad.place(tag)
    arrivals(rec, 1)
    polls_pass(rig.pad, 5)
    assert rig.pad.asked("read", tag.uid) == 1
    assert rec.no_more_reads()


def test_a_removed_tag_is_reported_left_once(rig):
    reader, rec = rig.open()
    tag, other = EmulatedTag.item(BOOK), EmulatedTag.item(SET)
    rig.pad.place(tag, other)
    arrivals(rec, 2)
    rig.pad.remove(tag.uid)
    assert departure(rec) == (tag.uid_hex,)
    polls_pass(rig.pad)
    assert rec.no_more_reads()
    assert [t.uid for t in reader.tags()] == [other.uid_hex]


def test_a_corrupt_tag_arrives_with_an_error_and_the_loop_goes_on(rig):
    reader, rec = rig.open()
    damaged = EmulatedTag.item(BOOK)
    damaged.memory[5] ^= 0x5A
    rig.pad.place(damaged)
    (tag,) = arrivals(rec, 1).values()
    assert tag.error and not tag.item_id
    rig.pad.place(EmulatedTag.item(SET))
    assert [t.item_id for t in arrivals(rec, 1).values()] == [SET]


def test_a_small_tag_is_read_whole(rig):
    """An 8-block (32-byte) tag: the 3M pad falls back from 28 blocks, Feig asks its size."""
    reader, rec = rig.open()
    rig.pad.place(EmulatedTag.with_memory(encode_rfid501(TagData(MODEL_RFID501, "1234567")), blocks=8))
    (tag,) = arrivals(rec, 1).values()
    assert (tag.item_id, tag.model, tag.error) == ("1234567", "rfid501 (as-is)", "")


def test_the_site_data_model_is_the_one_decoded(rig):
    reader, rec = rig.open(rfid={"data_model": "rfid501"})
    rig.pad.place(EmulatedTag.item(BOOK))  # an ISO 28560-3 tag on an RFID501 site
    (tag,) = arrivals(rec, 1).values()
    assert tag.error and "RFID501" in tag.error


def test_a_tag_that_never_reads_arrives_with_an_error_after_its_attempts(rig):
    reader, rec = rig.open()
    edge = EmulatedTag.item(BOOK)
    rig.pad.unreadable.add(edge.uid)
    rig.pad.place(edge)
    (tag,) = arrivals(rec, 1).values()
    assert "cannot be read" in tag.error
    assert reader.counters()["tag_read_failures"] >= 3


def test_feig_asks_for_the_rest_when_the_reader_has_more_data(tmp_path):
    rig = Rig("feig", tmp_path)
    try:
        reader, rec = rig.open()
        rig.pad.max_tags_per_reply = 2
        rig.pad.place(*(EmulatedTag.item(f"3900100000{n:04d}") for n in range(5)))
        assert len(arrivals(rec, 5)) == 5
    finally:
        rig.close()


# -- security ---------------------------------------------------------------------------
def test_set_secured_writes_the_site_afi_and_reads_it_back(rig):
    reader, rec = rig.open(rfid={"afi_on_loan": 0xD7, "afi_in_stock": 0xDA})  # a 3M site's values
    tag = EmulatedTag.item(BOOK, afi=0xDA)
    rig.pad.place(tag)
    arrivals(rec, 1)
    assert reader.set_secured(tag.uid_hex, False)
    assert rig.pad.tag(tag.uid).afi == 0xD7
    assert reader.set_secured(tag.uid_hex, True)
    assert rig.pad.tag(tag.uid).afi == 0xDA


def test_eas_sites_switch_the_eas_bit(rig):
    reader, rec = rig.open(rfid={"security": "eas"})
    tag = EmulatedTag.item(BOOK)
    rig.pad.place(tag)
    arrivals(rec, 1)
    assert reader.set_secured(tag.uid_hex, False) and rig.pad.tag(tag.uid).eas is False
    assert reader.set_secured(tag.uid_hex, True) and rig.pad.tag(tag.uid).eas is True
    assert rig.pad.tag(tag.uid).afi == 0x07  # untouched


def test_a_write_that_fails_once_is_retried(rig):
    reader, rec = rig.open()
    tag = EmulatedTag.item(BOOK)
    rig.pad.place(tag)
    rig.pad.failing_writes = 1
    assert reader.set_secured(tag.uid_hex, False)
    assert rig.pad.asked("write", tag.uid) == 2 and rig.pad.tag(tag.uid).afi == 0xC2


def test_a_write_that_keeps_failing_is_false_after_the_configured_retries(rig):
    reader, rec = rig.open(rfid={"security_retries": 4})
    tag = EmulatedTag.item(BOOK)
    rig.pad.place(tag)
    rig.pad.failing_writes = 100
    assert not reader.set_secured(tag.uid_hex, False)
    assert rig.pad.asked("write", tag.uid) == 4 and rig.pad.tag(tag.uid).afi == 0x07
    assert reader.counters()["security_failures"] == 1


def test_a_write_that_does_not_take_is_caught_by_the_read_back(rig):
    reader, rec = rig.open()
    tag = EmulatedTag.item(BOOK)
    rig.pad.place(tag)
    rig.pad.stuck.add(tag.uid)
    assert not reader.set_secured(tag.uid_hex, False)
    assert rig.pad.asked("write", tag.uid) == 3 and rig.pad.tag(tag.uid).afi == 0x07


def test_a_tag_taken_away_mid_write_is_false_without_more_retries(rig):
    reader, rec = rig.open()
    tag = EmulatedTag.item(BOOK)
    rig.pad.place(tag)
    arrivals(rec, 1)
    rig.pad.leave_on_write.add(tag.uid)
    assert not reader.set_secured(tag.uid_hex, False)
    assert rig.pad.asked("write", tag.uid) == 1
    assert departure(rec) == (tag.uid_hex,)


def test_set_secured_on_a_uid_that_is_not_a_uid_is_false(rig):
    reader, _ = rig.open()
    assert not reader.set_secured("not-a-uid", False)


# -- the line ---------------------------------------------------------------------------
def test_noise_wrong_crc_and_truncated_replies_are_counted_and_skipped(rig):
    reader, rec = rig.open()
    rig.pad.noise(b"\xff\x00 line noise \x13\x37")
    polls_pass(rig.pad)
    rig.pad.garbage_before_reply = b"\x00\x01\x02 more noise"
    polls_pass(rig.pad)
    rig.pad.corrupt_replies = 1
    polls_pass(rig.pad)
    rig.pad.truncate_replies = 1
    polls_pass(rig.pad)
    rig.pad.place(EmulatedTag.item(BOOK))
    assert [t.item_id for t in arrivals(rec, 1).values()] == [BOOK]
    counts = reader.counters()
    assert counts["garbage_bytes"] > 0 and counts["crc_errors"] >= 1 and counts["truncated"] >= 1
    assert reader.status.state is DeviceState.OK


def test_a_slow_reader_is_waited_for(rig):
    reader, rec = rig.open()
    rig.pad.reply_delay_s = 0.02
    rig.pad.place(EmulatedTag.item(BOOK))
    assert [t.item_id for t in arrivals(rec, 1).values()] == [BOOK]
    assert reader.counters()["timeouts"] == 0


def test_unplug_is_disconnected_with_the_reason_and_replug_recovers_by_itself(rig):
    reader, rec = rig.open()
    tag = EmulatedTag.item(BOOK)
    rig.pad.place(tag)
    arrivals(rec, 1)
    rig.pad.unplug()
    reason = rec.wait_state(DeviceState.DISCONNECTED)
    assert str(rig.pad.path) in reason and "reconnecting" in reason
    assert not reader.set_secured(tag.uid_hex, False)
    rig.pad.plug()
    rec.wait_state(DeviceState.OK)
    assert max(rig.scheduler.delays) <= FAST["reconnect_ms"] / 1000  # the manager never waited longer
    rig.pad.place(EmulatedTag.item(SET))
    assert [t.item_id for t in arrivals(rec, 1).values()] == [SET]  # the book still lying there is not new
    assert rig.pad.asked("read", tag.uid) == 1
    assert reader.set_secured(tag.uid_hex, False)


def test_the_manager_retries_a_lost_reader_sooner_then_every_half_second_until_it_is_back(rig):
    scheduler = ManualScheduler()  # attempts happen when the test says, so nothing here depends on time
    reader, rec = rig.open(scheduler=scheduler, reconnect_ms=500)
    rig.pad.unplug()
    assert "reconnecting" in rec.wait_state(DeviceState.DISCONNECTED)
    for _ in range(4):
        rig.manager.reconnect_now()  # the port is still gone
    assert scheduler.delays == [0.0625, 0.125, 0.25, 0.5, 0.5]
    assert reader.status.state is DeviceState.DISCONNECTED and "cannot open" in reader.status.reason
    rig.pad.plug()
    rig.manager.reconnect_now()
    assert reader.status.state is DeviceState.OK
    rig.manager.reconnect_now()  # back: nothing more is scheduled
    assert len(scheduler.delays) == 5
    rig.pad.place(EmulatedTag.item(BOOK))
    assert [t.item_id for t in arrivals(rec, 1).values()] == [BOOK]


def test_a_reader_that_drops_out_is_disconnected_until_it_answers_again(rig):
    reader, rec = rig.open()
    rig.pad.mute = True
    assert "does not answer" in rec.wait_state(DeviceState.DISCONNECTED)
    rig.pad.mute = False
    rec.wait_state(DeviceState.OK)
    rig.pad.place(EmulatedTag.item(BOOK))
    assert [t.item_id for t in arrivals(rec, 1).values()] == [BOOK]


def test_a_reader_missing_at_start_is_disconnected_then_found(rig):
    rig.pad.unplug()
    reader, rec = rig.open()
    assert reader.status.state is DeviceState.DISCONNECTED and "cannot open" in reader.status.reason
    rig.pad.plug()
    rec.wait_state(DeviceState.OK)
    rig.pad.place(EmulatedTag.item(BOOK))
    assert [t.item_id for t in arrivals(rec, 1).values()] == [BOOK]


def test_a_bug_in_a_poll_is_shown_as_error_and_the_loop_starts_afresh(rig, caplog):
    reader, rec = rig.open()
    real_scan, failures = reader.scan, [RuntimeError("boom")]

    def scan():
        if failures:
            raise failures.pop()
        return real_scan()

    reader.scan = scan
    wait_until(lambda: DeviceState.ERROR in rec.states)
    rec.wait_state(DeviceState.OK)
    assert "boom" in caplog.text
    rig.pad.place(EmulatedTag.item(BOOK))
    assert [t.item_id for t in arrivals(rec, 1).values()] == [BOOK]


def test_close_stops_the_loop(rig):
    reader, rec = rig.open()
    reader.close()
    assert reader.status.state is DeviceState.CLOSED and not reader.connected
    assert reader._loop._thread is None


def test_the_manager_opens_it_from_config(tmp_path):
    rig = Rig("3m810", tmp_path)
    manager = DeviceManager(
        [
            DeviceConfig("pad", "rfid", "3m810", options={"port": str(rig.pad.path), **FAST}),
            DeviceConfig("spare", "rfid", "feig", options={"prot": "/dev/x"}),
        ],
        rfid=SiteRfid(),
        barcodes=SiteBarcodes(),
        threaded=False,
    )
    try:
        states = {s.name: s for s in manager.open_all(lambda event: None)}
        assert states["pad"].state is DeviceState.OK
        assert states["spare"].state is DeviceState.ERROR and "prot" in states["spare"].reason
    finally:
        manager.close_all()
        rig.close()
