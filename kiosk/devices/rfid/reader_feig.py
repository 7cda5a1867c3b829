"""Feig OBID ISO-Host readers (CPR, MR, PR; ``driver = "feig"``), 38400 8E1.

Only the vendor hooks live here: each turns one command into a request
frame of :mod:`.proto_feig` and its reply into a value. Polling, tag reading,
security retries and reconnection are :mod:`.reader_base`'s.

Unlike the 3M pad, a Feig reader can ask a tag its size and AFI (ISO 15693
Get System Information), so new tags are read whole and the AFI is read
back from the tag itself. ``com_address`` picks one reader on an RS-485 bus;
255 (the default) reaches whichever reader is on a point-to-point line.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.devices.options import option
from kiosk.devices.site import Site

from . import proto_feig as f
from .reader_base import SerialRfidReader, TagInfo
from .reader_loop import Seen, TagError
from .reader_options import ReaderOptions, baudrate_option, frame_gap_option, parity_option

__all__ = ["FeigOptions", "FeigReader"]

# A reader says "more data" while its reply buffer cannot hold every tag; far
# more rounds than this would be a reader stuck answering 0x94.
_MAX_INVENTORY_ROUNDS = 16


@dataclass(frozen=True)
class FeigOptions(ReaderOptions):
    baudrate: int = baudrate_option(f.BAUDRATE)
    parity: str = parity_option("E")
    # The manuals give 12 ms; USB-serial adapters deliver in bursts up to ~16 ms.
    frame_gap_ms: int = frame_gap_option(50)
    com_address: int = option(
        f.ADDR_ANY, (int,), "a bus address 0-255 (255: the one reader on the line)", lambda v: 0 <= v <= 0xFF
    )


class FeigReader(SerialRfidReader):
    driver = "feig"
    Options = FeigOptions
    parser_class = f.FrameParser

    def __init__(self, name: str, options: FeigOptions, site: Site) -> None:
        super().__init__(name, options, site)
        self._address = options.com_address

    def _status_text(self, status: int) -> str:
        return f.STATUS_NAMES.get(status, super()._status_text(status))

    def _command(self, request: bytes, cmd: int) -> f.Frame:
        address = self._address
        return self._ask(request, lambda frame: frame.cmd == cmd and address in (f.ADDR_ANY, frame.com_adr))

    def _identify(self) -> str:
        version = f.decode_software_version(
            self._command(f.get_software_version(self._address), f.CMD_SOFTWARE_VERSION)
        )
        if not version.ok:  # an old firmware without [0x65] still answers
            return f"Feig ISO-Host reader ({self._status_text(version.status)} to the version request)"
        return (
            f"Feig ISO-Host reader, firmware {version.firmware}, hardware type 0x{version.hw_type:02X}, "
            f"software type 0x{version.sw_type:02X}"
        )

    def _inventory(self) -> list[Seen]:
        seen: list[Seen] = []
        for round_ in range(_MAX_INVENTORY_ROUNDS):
            frame = self._command(f.inventory(com_adr=self._address, more=round_ > 0), f.CMD_ISO)
            inventory = self._require_ok(f.decode_inventory(frame), "inventory")
            seen += [Seen(tag.uid, tag.dsfid) for tag in inventory.tags]
            if not inventory.more:
                break
        return seen

    def _system_info(self, uid: bytes) -> f.SystemInfo:
        return f.decode_system_info(self._command(f.get_system_info(uid, self._address), f.CMD_ISO))

    def _tag_info(self, uid: bytes) -> TagInfo | None:
        info = self._system_info(uid)
        if not info.ok:  # not every tag answers system information: read blindly
            return None
        return TagInfo(block_count=info.block_count, dsfid=info.dsfid)

    def _read_blocks(self, uid: bytes, first: int, count: int) -> bytes:
        frame = self._command(f.read_blocks(uid, first, count, self._address), f.CMD_ISO)
        read = self._require_ok(f.decode_read_blocks(frame, first), "read blocks")
        if len(read.blocks) != count:
            raise TagError(f"read blocks: asked for {count}, got {len(read.blocks)}")
        return read.memory

    def _write_afi(self, uid: bytes, afi: int) -> None:
        self._require_ok(f.decode_status(self._command(f.write_afi(uid, afi, self._address), f.CMD_ISO)), "write AFI")

    def _read_afi(self, uid: bytes) -> int:
        return self._require_ok(self._system_info(uid), "system information").afi

    def _write_eas(self, uid: bytes, enabled: bool) -> None:
        self._require_ok(
            f.decode_status(self._command(f.set_eas(uid, enabled, self._address), f.CMD_ISO_CUSTOM)), "EAS"
        )

    def _read_eas(self, uid: bytes) -> bool:
        if f.decode_eas_alarm(self._command(f.eas_alarm(uid, self._address), f.CMD_ISO_CUSTOM)):
            return True
        # A tag without the EAS bit stays silent, exactly like a tag that has
        # left the field: only a tag that still answers has its bit cleared.
        self._require_ok(self._system_info(uid), "EAS read back")
        return False
