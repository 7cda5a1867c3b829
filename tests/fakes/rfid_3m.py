"""A 3M 810 / Model 210 pad on a pty (19200 8N1), for the 3m810 driver's tests
and the rfid_stack benchmark. Request and reply layouts are those of
kiosk/devices/rfid/proto_3m.py; see rfid_emulator.py for the fault knobs."""

from __future__ import annotations

from kiosk.devices.rfid import proto_3m as p
from tests.fakes.rfid_emulator import ReaderEmulator

# The only error status seen from a real 810 (on failed reads); used for
# every failure, since the meanings of the others are not published.
STATUS_TAG_ERROR = 0x06


class Emulated3M(ReaderEmulator):
    baudrate = p.BAUDRATE
    version = bytes((0x0A, 5, 0, 2))  # what the captured probe answer carries

    def _parser(self) -> p.FrameParser:
        return p.FrameParser()

    def _answer(self, frame: p.Frame) -> bytes | None:
        if frame.start == p.START_PROBE:
            self._note("probe")
            return p.encode_command(0x04, b"\x00\x11" + self.version, start=p.START_PROBE)
        handler = {
            p.CMD_INVENTORY: self._inventory,
            p.CMD_READER_VERSION: lambda data: b"\x00" + self.version,
            p.CMD_READ_BLOCKS: self._read_blocks,
            p.CMD_WRITE_BLOCKS: self._write_blocks,
            p.CMD_GET_AFI: self._get_afi,
            p.CMD_WRITE_AFI: lambda data: self._written(data, lambda tag: setattr(tag, "afi", data[8])),
            p.CMD_CHECK_EAS: self._check_eas,
            p.CMD_EAS_CONTROL: lambda data: self._written(data, lambda tag: setattr(tag, "eas", bool(data[8]))),
        }.get(frame.cmd)
        if handler is None:
            return None  # a real 810 ignores what it does not know
        return p.encode_command(frame.cmd, handler(frame.data))

    def _inventory(self, data: bytes) -> bytes:
        afi, options = data[0], data[1]
        self._note("inventory")
        tags = [t for t in self.field.values() if afi in (0, t.afi)]
        body = b"".join(
            (bytes((t.dsfid,)) if options & p.OPT_DSFID else b"") + (t.uid if options & p.OPT_UID else b"")
            for t in tags
        )
        return bytes((0, afi, options, len(tags))) + body

    def _read_blocks(self, data: bytes) -> bytes:
        uid, first, count = data[:8], data[8], data[9]
        tag = self._readable(uid)
        blocks = tag.blocks(first, count) if tag else None
        if blocks is None:
            return bytes((STATUS_TAG_ERROR,)) + uid
        body = b"".join(bytes((first + i, 0)) + block for i, block in enumerate(blocks))
        return b"\x00" + uid + bytes((count,)) + body

    def _write_blocks(self, data: bytes) -> bytes:
        first, count = data[8], data[9]
        reply = self._written(data, lambda tag: tag.write(first, data[11:]))
        return reply + bytes((first + count,)) if reply[0] == 0 else reply

    def _get_afi(self, data: bytes) -> bytes:
        uid = data[:8]
        tag = self.field.get(uid)
        return b"\x00" + uid + bytes((tag.afi,)) if tag else bytes((STATUS_TAG_ERROR,)) + uid

    def _check_eas(self, data: bytes) -> bytes:
        uid = data[:8]
        tag = self.field.get(uid)
        return b"\x00" + uid + bytes((tag.eas,)) if tag else bytes((STATUS_TAG_ERROR,)) + uid

    def _written(self, data: bytes, change) -> bytes:
        uid = data[:8]
        return (b"\x00" if self._write(uid, change) else bytes((STATUS_TAG_ERROR,))) + uid
