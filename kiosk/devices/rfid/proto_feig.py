"""Feig OBID ISO-Host protocol (CPR / MR / PR readers): request builders,
frame parser and typed reply decoders (pure bytes, no serial port).

Standard frame (38400 8E1 by default), CRC-16/MCRF4XX sent LSB first::

    request: LEN | COM-ADR | CMD | data ...          | CRC_lo CRC_hi
    reply:   LEN | COM-ADR | CMD | STATUS | data ... | CRC_lo CRC_hi

``LEN`` is the whole frame length (5..255). Replies longer than 255 bytes,
and every reply to a request sent that way, use the *advanced* frame::

    0x02 | ALEN_hi ALEN_lo | COM-ADR | CMD | [STATUS] data ... | CRC_lo CRC_hi

where ``ALEN`` again counts the whole frame. A standard frame can never start
with 0x02 (its minimum length is 5), so the parser tells them apart by the
first byte. ISO 15693 commands are tunnelled through CMD 0xB0 (mandatory /
optional commands) and 0xB1 (manufacturer custom commands, e.g. NXP EAS).

The ISO-Host mode sends multi-byte values MSB first: UIDs come as printed
(E0 04 ...), and each *data block* comes highest address byte first. The
block decoders undo that by default so callers get tag-memory order (the
same reversal Biblio::RFID's CPR-M02 driver does).
"""

from __future__ import annotations

from dataclasses import dataclass

from .crc import crc16_mcrf4xx
from .framing import FrameError, Probe, StreamParser, byte_args, require_uid, uid_hex

__all__ = [
    "ADDR_ANY",
    "BAUDRATE",
    "STATUS_NAMES",
    "Frame",
    "FrameParser",
    "Inventory",
    "InventoryTag",
    "ReadBlocks",
    "SoftwareVersion",
    "StatusResult",
    "SystemInfo",
    "TagBlock",
    "decode_eas_alarm",
    "decode_inventory",
    "decode_read_blocks",
    "decode_software_version",
    "decode_status",
    "decode_system_info",
    "eas_alarm",
    "encode_command",
    "get_software_version",
    "get_system_info",
    "inventory",
    "read_blocks",
    "set_eas",
    "write_afi",
    "write_blocks",
]

BAUDRATE = 38400  # 8 data bits, even parity, 1 stop bit (reader default)
ADDR_ANY = 0xFF  # every reader answers COM-ADR 255 on RS-232

STX = 0x02
CMD_SOFTWARE_VERSION = 0x65
CMD_ISO = 0xB0
CMD_ISO_CUSTOM = 0xB1
ISO_INVENTORY = 0x01
ISO_READ_MULTIPLE = 0x23
ISO_WRITE_MULTIPLE = 0x24
ISO_WRITE_AFI = 0x27
ISO_SYSTEM_INFO = 0x2B
MFR_NXP = 0x04
NXP_SET_EAS = 0xA2
NXP_RESET_EAS = 0xA3
NXP_EAS_ALARM = 0xA5

MODE_NON_ADDRESSED = 0x00
MODE_ADDRESSED = 0x01
MODE_INVENTORY_AFI = 0x10  # inventory: an AFI byte follows MODE

STATUS_OK = 0x00
STATUS_NO_TRANSPONDER = 0x01
STATUS_MORE_DATA = 0x94
STATUS_ISO_ERROR = 0x95
# Statuses whose replies still carry data (per the Feig ISO-Host manuals).
_DATA_STATUSES = frozenset({0x00, 0x83, 0x84, 0x93, 0x94, 0x95})

STATUS_NAMES = {
    0x00: "OK",
    0x01: "no transponder",
    0x02: "data false",
    0x03: "write error",
    0x04: "address error",
    0x05: "wrong transponder type",
    0x80: "unknown parameter",
    0x81: "length error",
    0x82: "command not available",
    0x83: "RF communication error",
    0x84: "RF warning",
    0x94: "more data",
    0x95: "ISO 15693 error",
}

TR_TYPE_ISO15693 = 0x03

_MIN_STD = 5  # LEN ADR CMD CRC CRC (a request without data)
_MAX_ADVANCED = 8192  # generous; real replies stay far below


@dataclass(frozen=True, slots=True)
class Frame:
    """One CRC-valid frame. For replies ``data[0]`` is the STATUS byte."""

    com_adr: int
    cmd: int
    data: bytes
    advanced: bool = False

    @property
    def status(self) -> int:
        return self.data[0] if self.data else -1


def encode_command(cmd: int, data: bytes = b"", com_adr: int = ADDR_ANY, advanced: bool | None = None) -> bytes:
    """Frame a request; the advanced frame is used when asked or when needed."""
    data = bytes(data)
    total = 5 + len(data)
    if advanced is None:
        advanced = total > 255
    if advanced:
        total += 2
        head = bytes((STX,)) + total.to_bytes(2, "big") + bytes((com_adr, cmd)) + data
    else:
        head = bytes((total, com_adr, cmd)) + data
    return head + crc16_mcrf4xx(head).to_bytes(2, "little")


class FrameParser(StreamParser[Frame]):
    """Streaming parser for standard and advanced frames.

    ISO-Host frames have no start byte, so a partial frame that follows a
    good one is only given up for a later frame that ends the data or has
    another frame after it (payloads contain byte runs that look like
    frames). Otherwise it fails its CRC once enough bytes arrive, or is
    dropped by :meth:`reset` when the transport's inter-byte timeout (12 ms
    per the manuals) expires.
    """

    lookahead_on_incomplete = False

    def _probe(self, buf: bytearray, pos: int) -> tuple[Probe, int]:
        first = buf[pos]
        if first == STX:
            if len(buf) - pos < 3:
                return Probe.INCOMPLETE, 0
            total = (buf[pos + 1] << 8) | buf[pos + 2]
            if not 7 <= total <= _MAX_ADVANCED:
                return Probe.NOT_A_FRAME, 1
        else:
            total = first
            if total < _MIN_STD:
                return Probe.NOT_A_FRAME, 1
        if len(buf) - pos < total:
            return Probe.INCOMPLETE, total
        crc = buf[pos + total - 2] | (buf[pos + total - 1] << 8)
        if crc16_mcrf4xx(bytes(buf[pos : pos + total - 2])) != crc:
            return Probe.BAD_CRC, total
        return Probe.OK, total

    def _build(self, raw: bytes) -> Frame:
        if raw[0] == STX:
            return Frame(com_adr=raw[3], cmd=raw[4], data=raw[5:-2], advanced=True)
        return Frame(com_adr=raw[1], cmd=raw[2], data=raw[3:-2])


# ---------------------------------------------------------------- requests


def _to_wire(block: bytes, msb_first: bool) -> bytes:
    return block[::-1] if msb_first else block


def inventory(afi: int | None = None, com_adr: int = ADDR_ANY, more: bool = False) -> bytes:
    """[0xB0 0x01] Inventory; *afi* restricts it to one application family;
    *more* asks for the rest after a 0x94 "more data" reply."""
    mode = (MODE_INVENTORY_AFI if afi is not None else 0) | (0x80 if more else 0)
    data = bytes((ISO_INVENTORY, mode))
    if afi is not None:
        data += byte_args(afi=afi)
    return encode_command(CMD_ISO, data, com_adr)


def read_blocks(uid: bytes, first: int, count: int, com_adr: int = ADDR_ANY) -> bytes:
    """[0xB0 0x23] Read Multiple Blocks, addressed."""
    data = bytes((ISO_READ_MULTIPLE, MODE_ADDRESSED)) + require_uid(uid)
    return encode_command(CMD_ISO, data + byte_args(first=first, count=count), com_adr)


def write_blocks(
    uid: bytes, first: int, data: bytes, block_size: int = 4, com_adr: int = ADDR_ANY, msb_first: bool = True
) -> bytes:
    """[0xB0 0x24] Write Multiple Blocks; *data* is in tag-memory order."""
    data = bytes(data)
    if not data or len(data) % block_size:
        raise ValueError(f"data must be a non-empty multiple of {block_size} bytes")
    count = len(data) // block_size
    wire = b"".join(_to_wire(data[i : i + block_size], msb_first) for i in range(0, len(data), block_size))
    head = bytes((ISO_WRITE_MULTIPLE, MODE_ADDRESSED)) + require_uid(uid)
    head += byte_args(first=first, count=count, block_size=block_size)
    return encode_command(CMD_ISO, head + wire, com_adr)


def write_afi(uid: bytes, afi: int, com_adr: int = ADDR_ANY) -> bytes:
    """[0xB0 0x27] Write AFI, addressed."""
    data = bytes((ISO_WRITE_AFI, MODE_ADDRESSED)) + require_uid(uid) + byte_args(afi=afi)
    return encode_command(CMD_ISO, data, com_adr)


def get_system_info(uid: bytes, com_adr: int = ADDR_ANY) -> bytes:
    """[0xB0 0x2B] Get System Information (DSFID, AFI, memory size)."""
    data = bytes((ISO_SYSTEM_INFO, MODE_ADDRESSED)) + require_uid(uid)
    return encode_command(CMD_ISO, data, com_adr)


def set_eas(uid: bytes, enabled: bool, com_adr: int = ADDR_ANY) -> bytes:
    """[0xB1 NXP 0xA2/0xA3] Set or reset the EAS bit of an NXP ICODE SLI tag."""
    sub = NXP_SET_EAS if enabled else NXP_RESET_EAS
    return encode_command(CMD_ISO_CUSTOM, bytes((MFR_NXP, sub, MODE_ADDRESSED)) + require_uid(uid), com_adr)


def eas_alarm(uid: bytes, com_adr: int = ADDR_ANY) -> bytes:
    """[0xB1 NXP 0xA5] EAS Alarm: status 0x00 if the EAS bit is set."""
    return encode_command(CMD_ISO_CUSTOM, bytes((MFR_NXP, NXP_EAS_ALARM, MODE_ADDRESSED)) + require_uid(uid), com_adr)


def get_software_version(com_adr: int = ADDR_ANY) -> bytes:
    """[0x65] Get Software Version: who the reader is (firmware, hardware type)."""
    return encode_command(CMD_SOFTWARE_VERSION, b"", com_adr)


# ----------------------------------------------------------------- replies
@dataclass(frozen=True, slots=True)
class SoftwareVersion:
    """Reply to [0x65]: SW-REV (2), D-REV, HW-TYPE, SW-TYPE, TR-TYPE (2)."""

    status: int
    sw_rev: int = 0
    d_rev: int = 0
    hw_type: int = 0
    sw_type: int = 0
    tr_type: int = 0

    @property
    def ok(self) -> bool:
        return self.status == STATUS_OK

    @property
    def firmware(self) -> str:
        return f"{self.sw_rev >> 8}.{self.sw_rev & 0xFF}.{self.d_rev}"


@dataclass(frozen=True, slots=True)
class StatusResult:
    """Reply that carries only a status (writes, EAS, AFI)."""

    status: int
    iso_error: int | None = None

    @property
    def ok(self) -> bool:
        return self.status == STATUS_OK

    @property
    def message(self) -> str:
        return STATUS_NAMES.get(self.status, f"status 0x{self.status:02X}")


@dataclass(frozen=True, slots=True)
class InventoryTag:
    uid: bytes
    dsfid: int
    tr_type: int = TR_TYPE_ISO15693

    @property
    def uid_string(self) -> str:
        return uid_hex(self.uid)


@dataclass(frozen=True, slots=True)
class Inventory:
    status: int
    tags: tuple[InventoryTag, ...] = ()

    @property
    def ok(self) -> bool:
        """An empty field is not an error: status 0x01 means "no tags"."""
        return self.status in (STATUS_OK, STATUS_NO_TRANSPONDER, STATUS_MORE_DATA)

    @property
    def more(self) -> bool:
        return self.status == STATUS_MORE_DATA

    @property
    def uids(self) -> tuple[bytes, ...]:
        return tuple(tag.uid for tag in self.tags)

    @property
    def uid_strings(self) -> tuple[str, ...]:
        return tuple(tag.uid_string for tag in self.tags)


@dataclass(frozen=True, slots=True)
class TagBlock:
    number: int
    data: bytes
    security: int = 0


@dataclass(frozen=True, slots=True)
class ReadBlocks:
    status: int
    blocks: tuple[TagBlock, ...] = ()
    iso_error: int | None = None

    @property
    def ok(self) -> bool:
        return self.status == STATUS_OK

    @property
    def memory(self) -> bytes:
        return b"".join(b.data for b in self.blocks)


@dataclass(frozen=True, slots=True)
class SystemInfo:
    status: int
    dsfid: int = 0
    uid: bytes = b""
    afi: int = 0
    block_size: int = 0
    block_count: int = 0
    ic_ref: int = 0

    @property
    def ok(self) -> bool:
        return self.status == STATUS_OK


def _expect(frame: Frame, cmd: int) -> bytes:
    if frame.cmd != cmd:
        raise FrameError(f"expected reply to 0x{cmd:02X}, got 0x{frame.cmd:02X}")
    if not frame.data:
        raise FrameError("reply has no status byte")
    return frame.data


def _iso_error(data: bytes) -> int | None:
    return data[1] if data[0] == STATUS_ISO_ERROR and len(data) > 1 else None


def decode_status(frame: Frame) -> StatusResult:
    """Decode any reply whose only payload is STATUS (+ ISO error)."""
    if not frame.data:
        raise FrameError("reply has no status byte")
    return StatusResult(frame.data[0], _iso_error(frame.data))


def decode_eas_alarm(frame: Frame) -> bool:
    """True if the tag answered EAS Alarm (its EAS bit is set)."""
    data = _expect(frame, CMD_ISO_CUSTOM)
    if data[0] in (STATUS_OK, STATUS_NO_TRANSPONDER):
        return data[0] == STATUS_OK
    raise FrameError(f"EAS alarm failed: {STATUS_NAMES.get(data[0], hex(data[0]))}")


def decode_inventory(frame: Frame) -> Inventory:
    data = _expect(frame, CMD_ISO)
    status = data[0]
    if status not in (STATUS_OK, STATUS_MORE_DATA) or len(data) < 2:
        return Inventory(status=status)
    count, body = data[1], data[2:]
    if len(body) != count * 10:
        raise FrameError(f"inventory says {count} tags but carries {len(body)} bytes")
    tags = tuple(
        InventoryTag(tr_type=body[i], dsfid=body[i + 1], uid=body[i + 2 : i + 10]) for i in range(0, len(body), 10)
    )
    return Inventory(status=status, tags=tags)


def decode_read_blocks(frame: Frame, first: int = 0, msb_first: bool = True) -> ReadBlocks:
    """Decode Read Multiple Blocks; *first* is the DB-ADR of the request."""
    data = _expect(frame, CMD_ISO)
    status = data[0]
    if status not in _DATA_STATUSES or status == STATUS_ISO_ERROR or len(data) < 3:
        return ReadBlocks(status=status, iso_error=_iso_error(data))
    count, size, body = data[1], data[2], data[3:]
    if len(body) != count * (size + 1):
        raise FrameError(f"read reply says {count}x{size} bytes, carries {len(body)}")
    blocks = []
    for index, off in enumerate(range(0, len(body), size + 1)):
        raw = body[off + 1 : off + 1 + size]
        blocks.append(TagBlock(number=first + index, security=body[off], data=_to_wire(raw, msb_first)))
    return ReadBlocks(status=status, blocks=tuple(blocks))


def decode_software_version(frame: Frame) -> SoftwareVersion:
    """Decode [0x65]; newer firmware appends buffer sizes, which are ignored."""
    data = _expect(frame, CMD_SOFTWARE_VERSION)
    if data[0] != STATUS_OK:
        return SoftwareVersion(status=data[0])
    if len(data) < 8:
        raise FrameError(f"software version reply too short: {data.hex()}")
    return SoftwareVersion(
        0,
        sw_rev=int.from_bytes(data[1:3], "big"),
        d_rev=data[3],
        hw_type=data[4],
        sw_type=data[5],
        tr_type=int.from_bytes(data[6:8], "big"),
    )


def decode_system_info(frame: Frame) -> SystemInfo:
    """Decode Get System Information: DSFID, UID, AFI, MEM-SIZE, IC-REF."""
    data = _expect(frame, CMD_ISO)
    if data[0] != STATUS_OK:
        return SystemInfo(status=data[0])
    if len(data) < 14:
        raise FrameError(f"system info reply too short: {data.hex()}")
    # MEM-SIZE is sent MSB first: block size - 1, then number of blocks - 1.
    return SystemInfo(
        status=0,
        dsfid=data[1],
        uid=data[2:10],
        afi=data[10],
        block_size=(data[11] & 0x1F) + 1,
        block_count=data[12] + 1,
        ic_ref=data[13],
    )
