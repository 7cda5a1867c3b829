"""A Feig ISO-Host reader on a pty (38400 8E1), for the feig driver's tests.
Request and reply layouts are those of kiosk/devices/rfid/proto_feig.py
(data blocks travel highest byte first); see rfid_emulator.py for the fault
knobs. ``max_tags_per_reply`` makes it answer "more data" (0x94) like a
reader whose buffer cannot hold the whole stack."""

from __future__ import annotations

from kiosk.devices.rfid import proto_feig as f
from tests.fakes.rfid_emulator import BLOCK_SIZE, EmulatedTag, ReaderEmulator

STATUS_WRITE_ERROR = 0x03
STATUS_NOT_AVAILABLE = 0x82
ISO_ERROR_BLOCK_UNAVAILABLE = 0x10


class EmulatedFeig(ReaderEmulator):
    baudrate = f.BAUDRATE
    com_adr = 0x00
    software = bytes.fromhex("03020171500003")  # SW-REV 3.2, D-REV 1, HW/SW type, TR-TYPE

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.max_tags_per_reply: int | None = None
        self._rest: list[EmulatedTag] = []

    def _parser(self) -> f.FrameParser:
        return f.FrameParser()

    def _answer(self, frame: f.Frame) -> bytes | None:
        if frame.com_adr not in (f.ADDR_ANY, self.com_adr):
            return None  # another reader's address on the bus
        data = frame.data
        if frame.cmd == f.CMD_SOFTWARE_VERSION:
            self._note("version")
            payload = b"\x00" + self.software
        elif frame.cmd == f.CMD_ISO and data[:1] == bytes((f.ISO_INVENTORY,)):
            payload = self._inventory(data[1])
        elif frame.cmd == f.CMD_ISO and len(data) >= 10:
            payload = self._addressed(data[0], data[2:10], data[10:])
        elif frame.cmd == f.CMD_ISO_CUSTOM and len(data) >= 11 and data[0] == f.MFR_NXP:
            payload = self._nxp(data[1], data[3:11])
        else:
            payload = bytes((STATUS_NOT_AVAILABLE,))
        return f.encode_command(frame.cmd, payload, com_adr=self.com_adr)

    def _inventory(self, mode: int) -> bytes:
        self._note("inventory")
        if not mode & 0x80:  # a fresh inventory, not "the rest, please"
            self._rest = list(self.field.values())
        tags, self._rest = (
            self._rest[: self.max_tags_per_reply],
            self._rest[self.max_tags_per_reply or len(self._rest) :],
        )
        if not tags:
            return bytes((f.STATUS_NO_TRANSPONDER,))
        status = f.STATUS_MORE_DATA if self._rest else f.STATUS_OK
        body = b"".join(bytes((f.TR_TYPE_ISO15693, t.dsfid)) + t.uid for t in tags)
        return bytes((status, len(tags))) + body

    def _addressed(self, command: int, uid: bytes, args: bytes) -> bytes:
        tag = self.field.get(uid)
        if command == f.ISO_WRITE_MULTIPLE:
            first, count, size = args[0], args[1], args[2]
            wire = args[3 : 3 + count * size]
            data = b"".join(wire[i : i + size][::-1] for i in range(0, len(wire), size))
            return self._written(uid, lambda t: t.write(first, data))
        if command == f.ISO_WRITE_AFI:
            return self._written(uid, lambda t: setattr(t, "afi", args[0]))
        if tag is None:
            return bytes((f.STATUS_NO_TRANSPONDER,))
        if command == f.ISO_READ_MULTIPLE:
            blocks = tag.blocks(args[0], args[1]) if self._readable(uid) else None
            if blocks is None:
                return bytes((f.STATUS_ISO_ERROR, ISO_ERROR_BLOCK_UNAVAILABLE))
            return bytes((0, len(blocks), BLOCK_SIZE)) + b"".join(b"\x00" + block[::-1] for block in blocks)
        if command == f.ISO_SYSTEM_INFO:
            self._note("info", uid)
            return bytes((0, tag.dsfid)) + uid + bytes((tag.afi, BLOCK_SIZE - 1, tag.block_count - 1, 0x01))
        return bytes((STATUS_NOT_AVAILABLE,))

    def _nxp(self, command: int, uid: bytes) -> bytes:
        if command in (f.NXP_SET_EAS, f.NXP_RESET_EAS):
            return self._written(uid, lambda t: setattr(t, "eas", command == f.NXP_SET_EAS))
        tag = self.field.get(uid)
        if command == f.NXP_EAS_ALARM:  # only a tag with its EAS bit set answers
            return bytes((f.STATUS_OK if tag and tag.eas else f.STATUS_NO_TRANSPONDER,))
        return bytes((STATUS_NOT_AVAILABLE,))

    def _written(self, uid: bytes, change) -> bytes:
        if self._write(uid, change):
            return bytes((f.STATUS_OK,))
        return bytes((STATUS_WRITE_ERROR if uid in self.field else f.STATUS_NO_TRANSPONDER,))
