"""3M 810 / "Model 210" library pad protocol: request builders, frame
parser and typed reply decoders (pure bytes, no serial port).

Wire format (19200 8N1), requests and replies alike::

    D6 | LEN_hi LEN_lo | CMD | data ... | CRC_hi CRC_lo

``LEN`` counts every byte after itself, CRC included; the CRC is
CRC-16/GENIBUS over ``LEN .. data``. Replies repeat ``CMD`` and put a status
byte (0 = success) right after it. The reader also answers its power-on
version probe with the same framing under start byte ``D5``, which the
parser accepts too.

Layouts follow the 3M "RFID Reader Model 210 Protocol Specification" v1.0.0
as mirrored by public client code, and were checked byte-exact against the
frames Dobrica Pavlinusic captured from a real 810 with Portmon for
Biblio::RFID (see tests/unit/rfid/test_rfid_proto_3m.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from .crc import crc16_genibus
from .framing import FrameError, Probe, StreamParser, byte_args, require_uid, uid_hex

__all__ = [
    "BAUDRATE",
    "CMD_CHECK_EAS",
    "CMD_EAS_CONTROL",
    "CMD_GET_AFI",
    "CMD_INVENTORY",
    "CMD_READER_VERSION",
    "CMD_READ_BLOCKS",
    "CMD_WRITE_AFI",
    "CMD_WRITE_BLOCKS",
    "DEFAULT_INVENTORY_OPTIONS",
    "OPT_DSFID",
    "OPT_UID",
    "START",
    "START_PROBE",
    "STYLE_NEW",
    "STYLE_NEW_LOCK",
    "STYLE_OLD",
    "EasResult",
    "Frame",
    "FrameParser",
    "Inventory",
    "ReadBlocks",
    "ReaderVersion",
    "TagAfi",
    "TagBlock",
    "WriteResult",
    "check_eas",
    "decode_check_eas",
    "decode_get_afi",
    "decode_inventory",
    "decode_read_blocks",
    "decode_reader_version",
    "decode_write",
    "encode_command",
    "get_afi",
    "inventory",
    "read_blocks",
    "reader_version",
    "set_eas",
    "version_probe",
    "write_afi",
    "write_blocks",
]

BAUDRATE = 19200  # 8 data bits, no parity, 1 stop bit

START = 0xD6  # every command and reply
START_PROBE = 0xD5  # the reader's hardware-version probe and its answer
_STARTS = (START, START_PROBE)

CMD_INVENTORY = 0xFE  # "Read Block UID"
CMD_READER_VERSION = 0x11
CMD_READ_BLOCKS = 0x02  # "Read Multiblock"
CMD_WRITE_BLOCKS = 0x04  # "Write Multiblock"
CMD_GET_AFI = 0x0A
CMD_WRITE_AFI = 0x09
CMD_CHECK_EAS = 0x03
CMD_EAS_CONTROL = 0x0C

# Inventory response options: which per-tag fields the reply carries.
OPT_UID = 0x01
OPT_DSFID = 0x02
DEFAULT_INVENTORY_OPTIONS = 0x05  # what 3M's own software sends (captured)

# Read-multiblock reply layouts (the reply does not say which one it is).
STYLE_OLD = "old"  # count, then (block no, lock, 4 data) per block
STYLE_NEW = "new"  # first, count, then 4 data per block
STYLE_NEW_LOCK = "new+lock"  # first, count, then (lock, 4 data) per block
_STYLES = (STYLE_OLD, STYLE_NEW, STYLE_NEW_LOCK)

_MIN_LEN = 3  # CMD + CRC
_MAX_LEN = 4096  # far above the largest multiblock reply


@dataclass(frozen=True, slots=True)
class Frame:
    """One CRC-valid frame: the command byte and everything up to the CRC."""

    cmd: int
    data: bytes
    start: int = START

    @property
    def status(self) -> int:
        """Reply status byte (0 = success); only meaningful for replies."""
        return self.data[0] if self.data else -1


def encode_command(cmd: int, data: bytes = b"", start: int = START) -> bytes:
    """Frame *cmd* + *data*: start byte, big-endian length, GENIBUS CRC."""
    body = bytes((cmd,)) + bytes(data)
    length = len(body) + 2
    head = length.to_bytes(2, "big") + body
    return bytes((start,)) + head + crc16_genibus(head).to_bytes(2, "big")


class FrameParser(StreamParser[Frame]):
    """Streaming parser: feed chunks, get :class:`Frame` objects back."""

    def _next_candidate(self, buf: bytearray, pos: int) -> int:
        end = len(buf)
        best = end
        for start in _STARTS:
            idx = buf.find(start, pos, best)
            if idx != -1:
                best = idx
        return best

    def _probe(self, buf: bytearray, pos: int) -> tuple[Probe, int]:
        if buf[pos] not in _STARTS:
            return Probe.NOT_A_FRAME, 1
        if len(buf) - pos < 3:
            return Probe.INCOMPLETE, 0
        length = (buf[pos + 1] << 8) | buf[pos + 2]
        if not _MIN_LEN <= length <= _MAX_LEN:
            return Probe.NOT_A_FRAME, 1
        total = 3 + length
        if len(buf) - pos < total:
            return Probe.INCOMPLETE, total
        crc = (buf[pos + total - 2] << 8) | buf[pos + total - 1]
        if crc16_genibus(bytes(buf[pos + 1 : pos + total - 2])) != crc:
            return Probe.BAD_CRC, total
        return Probe.OK, total

    def _build(self, raw: bytes) -> Frame:
        return Frame(cmd=raw[3], data=raw[4:-2], start=raw[0])


# ---------------------------------------------------------------- requests


def inventory(afi: int = 0, options: int = DEFAULT_INVENTORY_OPTIONS) -> bytes:
    """Read Block UID: list the tags in the field (AFI 0 = every tag)."""
    return encode_command(CMD_INVENTORY, byte_args(afi=afi, options=options))


def reader_version() -> bytes:
    """Ask for vendor id and firmware version."""
    return encode_command(CMD_READER_VERSION)


def version_probe() -> bytes:
    """The ``D5`` hardware-version probe 3M's software sends first on connect."""
    return encode_command(0x04, b"\x00\x11", start=START_PROBE)


def read_blocks(uid: bytes, first: int, count: int, options: int | None = None) -> bytes:
    """Read Multiblock. Without *options* the reader answers in the old style."""
    data = require_uid(uid) + byte_args(first=first, count=count)
    if options is not None:
        data += byte_args(options=options)
    return encode_command(CMD_READ_BLOCKS, data)


def write_blocks(uid: bytes, first: int, data: bytes, block_size: int = 4) -> bytes:
    """Write Multiblock: *data* must be whole blocks (pad before calling)."""
    data = bytes(data)
    if not data or len(data) % block_size:
        raise ValueError(f"data must be a non-empty multiple of {block_size} bytes")
    count = len(data) // block_size
    head = require_uid(uid) + byte_args(first=first, count=count, flags=0)
    return encode_command(CMD_WRITE_BLOCKS, head + data)


def get_afi(uid: bytes) -> bytes:
    """Read the tag's AFI (the library security byte)."""
    return encode_command(CMD_GET_AFI, require_uid(uid))


def write_afi(uid: bytes, afi: int) -> bytes:
    """Write the tag's AFI (e.g. 0x07 on loan / 0xC2 secured, per profile)."""
    return encode_command(CMD_WRITE_AFI, require_uid(uid) + byte_args(afi=afi))


def check_eas(uid: bytes) -> bytes:
    """Ask whether the tag's EAS bit is set."""
    return encode_command(CMD_CHECK_EAS, require_uid(uid))


def set_eas(uid: bytes, enabled: bool) -> bytes:
    """EAS Control: set (alarm at the gate) or clear the EAS bit."""
    return encode_command(CMD_EAS_CONTROL, require_uid(uid) + (b"\x01" if enabled else b"\x00"))


# ----------------------------------------------------------------- replies
@dataclass(frozen=True, slots=True)
class Inventory:
    status: int
    afi: int
    options: int
    uids: tuple[bytes, ...]
    dsfids: tuple[int, ...] = ()

    @property
    def ok(self) -> bool:
        return self.status == 0

    @property
    def uid_strings(self) -> tuple[str, ...]:
        return tuple(uid_hex(uid) for uid in self.uids)


@dataclass(frozen=True, slots=True)
class TagBlock:
    number: int
    data: bytes
    lock: int = 0


@dataclass(frozen=True, slots=True)
class ReadBlocks:
    status: int
    uid: bytes
    blocks: tuple[TagBlock, ...] = ()

    @property
    def ok(self) -> bool:
        return self.status == 0

    @property
    def memory(self) -> bytes:
        """Block data concatenated in block-number order."""
        return b"".join(b.data for b in sorted(self.blocks, key=lambda b: b.number))


@dataclass(frozen=True, slots=True)
class WriteResult:
    """Reply to write-blocks, write-AFI and EAS-control commands."""

    status: int
    uid: bytes
    block: int | None = None  # write-blocks: first failed / next block

    @property
    def ok(self) -> bool:
        return self.status == 0


@dataclass(frozen=True, slots=True)
class TagAfi:
    status: int
    uid: bytes
    afi: int | None

    @property
    def ok(self) -> bool:
        return self.status == 0


@dataclass(frozen=True, slots=True)
class EasResult:
    status: int
    uid: bytes
    eas: bool | None

    @property
    def ok(self) -> bool:
        return self.status == 0


@dataclass(frozen=True, slots=True)
class ReaderVersion:
    status: int
    vendor: int
    major: int
    minor: int
    build: int

    @property
    def ok(self) -> bool:
        return self.status == 0


def _expect(frame: Frame, cmd: int, minimum: int) -> bytes:
    if frame.cmd != cmd:
        raise FrameError(f"expected reply to 0x{cmd:02X}, got 0x{frame.cmd:02X}")
    if len(frame.data) < 1:
        raise FrameError("reply has no status byte")
    if frame.data[0] == 0 and len(frame.data) < minimum:
        raise FrameError(f"reply to 0x{cmd:02X} too short: {frame.data.hex()}")
    return frame.data


def _uid_if(data: bytes, offset: int) -> bytes:
    return data[offset : offset + 8] if len(data) >= offset + 8 else b""


def decode_inventory(frame: Frame) -> Inventory:
    data = _expect(frame, CMD_INVENTORY, 4)
    if data[0] != 0:
        return Inventory(status=data[0], afi=0, options=0, uids=())
    afi, options, count = data[1], data[2], data[3]
    with_dsfid, with_uid = bool(options & OPT_DSFID), bool(options & OPT_UID)
    per_tag = (1 if with_dsfid else 0) + (8 if with_uid else 0)
    body = data[4:]
    if len(body) != count * per_tag:
        raise FrameError(f"inventory says {count} tags but carries {len(body)} bytes")
    uids, dsfids = [], []
    for offset in range(0, len(body), per_tag or 1):
        if with_dsfid:
            dsfids.append(body[offset])
            offset += 1
        if with_uid:
            uids.append(body[offset : offset + 8])
    return Inventory(status=0, afi=afi, options=options, uids=tuple(uids), dsfids=tuple(dsfids))


def decode_read_blocks(frame: Frame, style: str = STYLE_OLD, block_size: int = 4) -> ReadBlocks:
    """Decode Read Multiblock; *style* must match the request's options."""
    if style not in _STYLES:
        raise ValueError(f"style must be one of {_STYLES}")
    data = _expect(frame, CMD_READ_BLOCKS, 11)
    uid = _uid_if(data, 1)
    if data[0] != 0:
        return ReadBlocks(status=data[0], uid=uid)
    body = data[9:]
    blocks: list[TagBlock] = []
    if style == STYLE_OLD:
        count, step = body[0], 2 + block_size
        if len(body) != 1 + count * step:
            raise FrameError(f"read reply says {count} blocks, carries {len(body) - 1} bytes")
        for off in range(1, len(body), step):
            blocks.append(TagBlock(number=body[off], lock=body[off + 1], data=body[off + 2 : off + step]))
    else:
        if len(body) < 2:
            raise FrameError("read reply lacks first-block and count")
        first, count = body[0], body[1]
        step = block_size + (1 if style == STYLE_NEW_LOCK else 0)
        if len(body) != 2 + count * step:
            raise FrameError(f"read reply says {count} blocks, carries {len(body) - 2} bytes")
        for index, off in enumerate(range(2, len(body), step)):
            lock = body[off] if style == STYLE_NEW_LOCK else 0
            blocks.append(TagBlock(number=first + index, lock=lock, data=body[off + step - block_size : off + step]))
    return ReadBlocks(status=0, uid=uid, blocks=tuple(blocks))


def decode_write(frame: Frame) -> WriteResult:
    """Decode the reply to write-blocks (0x04), write-AFI (0x09) or EAS control (0x0C)."""
    if frame.cmd not in (CMD_WRITE_BLOCKS, CMD_WRITE_AFI, CMD_EAS_CONTROL):
        raise FrameError(f"0x{frame.cmd:02X} is not a write reply")
    data = _expect(frame, frame.cmd, 9)
    block = data[9] if frame.cmd == CMD_WRITE_BLOCKS and len(data) > 9 else None
    return WriteResult(status=data[0], uid=_uid_if(data, 1), block=block)


def decode_get_afi(frame: Frame) -> TagAfi:
    data = _expect(frame, CMD_GET_AFI, 10)
    afi = data[9] if data[0] == 0 else None
    return TagAfi(status=data[0], uid=_uid_if(data, 1), afi=afi)


def decode_check_eas(frame: Frame) -> EasResult:
    data = _expect(frame, CMD_CHECK_EAS, 10)
    eas = bool(data[9]) if data[0] == 0 else None
    return EasResult(status=data[0], uid=_uid_if(data, 1), eas=eas)


def decode_reader_version(frame: Frame) -> ReaderVersion:
    """Decode 0x11 replies and the ``D5 .. 04 00 11`` power-on probe answer."""
    if frame.start == START_PROBE:
        # Probe answer ``D5 00 09 | 04 00 11 | vendor major minor build``.
        payload = frame.data[2:]
        if frame.cmd != 0x04 or frame.data[:2] != b"\x00\x11" or len(payload) < 4:
            raise FrameError(f"not a version probe answer: {frame.data.hex()}")
        return ReaderVersion(0, payload[0], payload[1], payload[2], payload[3])
    data = _expect(frame, CMD_READER_VERSION, 5)
    if data[0] != 0:
        return ReaderVersion(data[0], 0, 0, 0, 0)
    return ReaderVersion(0, data[1], data[2], data[3], data[4])
