"""3M 810 / "Model 210" library pad (``driver = "3m810"``), 19200 8N1.

Only the vendor hooks live here: each turns one command into a request
frame of :mod:`.proto_3m` and its reply into a value. Polling, tag reading,
security retries and reconnection are :mod:`.reader_base`'s.

The reader cannot tell a tag's memory size, so new tags are read with the
``blocks`` option (default 28, an ICODE SLIX), falling back to 8 blocks for
smaller tags. Identity comes from the ``D5`` hardware-version probe, the
first thing 3M's own software sends (byte-exact against Biblio::RFID).
"""

from __future__ import annotations

from dataclasses import dataclass

from . import proto_3m as p
from .reader_base import SerialRfidReader
from .reader_loop import Seen, TagError
from .reader_options import ReaderOptions, baudrate_option, frame_gap_option, parity_option

__all__ = ["Options3M810", "Reader3M810"]


@dataclass(frozen=True)
class Options3M810(ReaderOptions):
    baudrate: int = baudrate_option(p.BAUDRATE)
    parity: str = parity_option("N")
    # 100 ms: USB adapters deliver bytes in bursts; a 3M reader never pauses mid-frame.
    frame_gap_ms: int = frame_gap_option(100)


class Reader3M810(SerialRfidReader):
    driver = "3m810"
    Options = Options3M810
    parser_class = p.FrameParser

    def _command(self, request: bytes, cmd: int, start: int = p.START) -> p.Frame:
        return self._ask(request, lambda frame: frame.cmd == cmd and frame.start == start)

    def _identify(self) -> str:
        frame = self._command(p.version_probe(), 0x04, start=p.START_PROBE)
        version = p.decode_reader_version(frame)
        return f"3M 810, version {version.major}.{version.minor}.{version.build} (vendor 0x{version.vendor:02X})"

    def _inventory(self) -> list[Seen]:
        inventory = self._require_ok(p.decode_inventory(self._command(p.inventory(), p.CMD_INVENTORY)), "inventory")
        dsfids = inventory.dsfids or (None,) * len(inventory.uids)
        return [Seen(uid, dsfid) for uid, dsfid in zip(inventory.uids, dsfids)]

    def _read_blocks(self, uid: bytes, first: int, count: int) -> bytes:
        frame = self._command(p.read_blocks(uid, first, count), p.CMD_READ_BLOCKS)
        read = self._require_ok(p.decode_read_blocks(frame), "read blocks")
        if len(read.blocks) != count:
            raise TagError(f"read blocks: asked for {count}, got {len(read.blocks)}")
        return read.memory

    def _write_afi(self, uid: bytes, afi: int) -> None:
        self._require_ok(p.decode_write(self._command(p.write_afi(uid, afi), p.CMD_WRITE_AFI)), "write AFI")

    def _read_afi(self, uid: bytes) -> int:
        return self._require_ok(p.decode_get_afi(self._command(p.get_afi(uid), p.CMD_GET_AFI)), "get AFI").afi

    def _write_eas(self, uid: bytes, enabled: bool) -> None:
        self._require_ok(p.decode_write(self._command(p.set_eas(uid, enabled), p.CMD_EAS_CONTROL)), "EAS control")

    def _read_eas(self, uid: bytes) -> bool:
        return self._require_ok(p.decode_check_eas(self._command(p.check_eas(uid), p.CMD_CHECK_EAS)), "check EAS").eas
