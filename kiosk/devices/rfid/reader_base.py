"""A library RFID pad on a serial line: what the vendor drivers share.

A vendor module (reader_3m, reader_feig) only declares its options and
turns commands into request frames and replies into values, by implementing
the ``_`` hooks below. This base owns the rest, once: the port
(:class:`Transport`), the reader loop thread, reading a tag's memory,
switching security with read-back and bounded retries while the tag is on
the pad (DESIGN.md section 8), and the one attempt to get a lost reader back
that the device manager asks for.
"""

from __future__ import annotations

import logging
from abc import abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from kiosk.devices.base import DeviceState, RfidReader, TagRead
from kiosk.devices.serial_line import LineError, PortUnusable
from kiosk.devices.site import Site
from kiosk.errors import DeviceError

from .framing import FrameError, StreamParser, uid_from_hex
from .reader_loop import Pad, ReaderLoop, Seen, TagError
from .reader_options import ReaderOptions
from .reading import to_tag_read
from .transport import NoAnswer, Transport

__all__ = ["SerialRfidReader", "TagInfo", "TagReport"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TagInfo:
    """What a reader can ask a tag about itself (ISO 15693 system information)."""

    block_count: int
    dsfid: int | None = None


@dataclass(frozen=True)
class TagReport:
    """One tag as ``kiosk diag rfid`` shows it; a part that could not be read is None."""

    uid: str
    dsfid: int | None
    memory: bytes | None
    afi: int | None
    eas: bool | None
    tag: TagRead
    problems: tuple[str, ...] = ()


class SerialRfidReader(RfidReader):
    """Base of the serial pad drivers; subclasses set the class attributes and hooks."""

    Options: ClassVar[type[ReaderOptions]] = ReaderOptions
    parser_class: ClassVar[type[StreamParser]]
    # Every data model fits in 8 blocks (32 bytes): the fallback read when a
    # tag refuses the configured number of blocks.
    MIN_BLOCKS: ClassVar[int] = 8

    def __init__(self, name: str, options: ReaderOptions, site: Site) -> None:
        super().__init__(name, options, site)
        self.settings = options.settings(site.rfid)
        self.reconnect_s = self.settings.reconnect_s
        self.identity = ""
        self._transport = Transport(self.settings.line, self.parser_class, self.settings.timing)
        self._loop = ReaderLoop(self, self.settings.poll_s, Pad())
        self._counts.update(failed_polls=0, tag_read_failures=0, security_failures=0)

    # -- lifecycle ------------------------------------------------------------------
    def open(self) -> None:
        try:  # at once, so the first status says whether the reader is there
            self.connect()
        except PortUnusable as exc:
            raise DeviceError(
                f"[devices.{self.name}] port: {exc.reason}",
                hint="give a device path or a pyserial URL (socket://, rfc2217://)",
            ) from exc
        except LineError as exc:
            self._set_state(DeviceState.DISCONNECTED, f"{exc.reason}; reconnecting")
            return
        self._set_state(DeviceState.OK)
        self._loop.start()

    def reconnect(self) -> bool:
        """Reopen the port and restart polling; what lay on the pad is kept, so a
        glitch of the USB cable does not make a stack arrive (and be checked out) twice."""
        self._loop.stop()
        try:
            self.connect()
        except LineError as exc:
            self._set_state(DeviceState.DISCONNECTED, f"{exc.reason}; reconnecting")
            return False
        self._set_state(DeviceState.OK)
        self._loop.start()
        return True

    def close(self) -> None:
        self._loop.stop()
        self._transport.close()
        self._set_state(DeviceState.CLOSED)

    @property
    def connected(self) -> bool:
        return self._transport.is_open

    def connect(self) -> None:
        """Open the port and make the reader say who it is; LineError if it cannot."""
        self._transport.open()
        try:
            self.identity = self._identify()
        except FrameError as exc:
            self._transport.close()
            raise NoAnswer(f"reader on {self.settings.line.url} answers, but not as a {self.driver}: {exc}") from exc
        except LineError:
            self._transport.close()
            raise

    def disconnect(self, reason: str, state: DeviceState = DeviceState.DISCONNECTED) -> None:
        """Close the port and say why; the device manager calls :meth:`reconnect` later."""
        self._transport.close()
        self._set_state(state, reason)

    # -- RfidReader -----------------------------------------------------------------
    def tags(self) -> list[TagRead]:
        return self._loop.pad.tags()

    def set_secured(self, uid: str, secured: bool) -> bool:
        """Write AFI or EAS per site, read it back; retry while the tag is on the pad."""
        site = self.settings.site
        try:
            raw = uid_from_hex(uid)
        except ValueError:
            return False
        problem = ""
        for _attempt in range(site.security_retries):
            try:
                self._write_security(raw, secured)
                if self._security_took(raw, secured):
                    return True
                problem = "the tag read back unchanged"
            except TagError as exc:
                problem = str(exc)
                if not self._on_pad(raw):
                    problem += "; the tag is no longer on the pad"
                    break
            except (FrameError, NoAnswer) as exc:
                problem = str(exc)
            except LineError as exc:
                problem = exc.reason
                break
        self.count("security_failures")
        log.warning(
            "rfid %s: could not %s tag %s (%s): %s",
            self.name,
            "secure" if secured else "unsecure",
            uid,
            site.security,
            problem,
        )
        return False

    def _write_security(self, uid: bytes, secured: bool) -> None:
        site = self.settings.site
        if site.security == "eas":
            self._write_eas(uid, secured)
        else:
            self._write_afi(uid, site.afi_in_stock if secured else site.afi_on_loan)

    def _security_took(self, uid: bytes, secured: bool) -> bool:
        site = self.settings.site
        if site.security == "eas":
            return self._read_eas(uid) is secured
        return self._read_afi(uid) == (site.afi_in_stock if secured else site.afi_on_loan)

    def _on_pad(self, uid: bytes) -> bool:
        try:
            return any(s.uid == uid for s in self.scan())
        except (LineError, FrameError, TagError):
            return False

    # -- what the loop and diagnostics use ----------------------------------------------
    def scan(self) -> list[Seen]:
        """One inventory: the tags in the field now."""
        return self._inventory()

    def read_memory(self, seen: Seen) -> tuple[bytes, int | None]:
        """The tag's user memory (and DSFID if known), in tag-memory order."""
        info = self._tag_info(seen.uid)
        dsfid = seen.dsfid if seen.dsfid is not None else (info.dsfid if info else None)
        count = min(info.block_count, self.settings.blocks) if info else self.settings.blocks
        try:
            return self._read_blocks(seen.uid, 0, count), dsfid
        except TagError:
            if info is not None or count <= self.MIN_BLOCKS:
                raise
            # Likely a smaller tag than configured: its first blocks hold the item data.
            return self._read_blocks(seen.uid, 0, self.MIN_BLOCKS), dsfid

    def inspect(self, seen: Seen) -> TagReport:
        """Everything diagnostics show about one tag; a part that fails is noted, not raised."""
        problems, found = [], {}
        for name, read in (("memory", self.read_memory), ("afi", self._read_afi), ("eas", self._read_eas)):
            try:
                found[name] = read(seen if name == "memory" else seen.uid)
            except (TagError, FrameError, NoAnswer) as exc:
                problems.append(f"{name}: {exc}")
        memory, dsfid = found.get("memory", (None, seen.dsfid))
        if memory is None:
            tag = TagRead(seen.uid_hex, error="; ".join(problems))
        else:
            tag = to_tag_read(seen.uid_hex, memory, model=self.settings.site.data_model, dsfid=dsfid)
        return TagReport(seen.uid_hex, dsfid, memory, found.get("afi"), found.get("eas"), tag, tuple(problems))

    def counters(self) -> dict[str, int]:
        """Line counters (frames, garbage bytes, CRC errors, timeouts...) and the driver's own."""
        return {**self._transport.counters(), **super().counters()}

    def _ask(self, request: bytes, accept: Callable[[Any], bool]) -> Any:
        return self._transport.exchange(request, accept)

    def _require_ok(self, result: Any, what: str) -> Any:
        """A decoded reply whose status is not success becomes a TagError."""
        if not result.ok:
            raise TagError(f"{what}: {self._status_text(result.status)}")
        return result

    def _status_text(self, status: int) -> str:
        return f"reader status 0x{status:02X}"

    # -- vendor hooks ---------------------------------------------------------------
    @abstractmethod
    def _identify(self) -> str:
        """Ask the reader who it is (the first exchange after opening the port)."""

    @abstractmethod
    def _inventory(self) -> list[Seen]: ...

    def _tag_info(self, uid: bytes) -> TagInfo | None:
        """Block count and size, if the reader can ask the tag; None otherwise."""
        return None

    @abstractmethod
    def _read_blocks(self, uid: bytes, first: int, count: int) -> bytes: ...

    @abstractmethod
    def _write_afi(self, uid: bytes, afi: int) -> None: ...

    @abstractmethod
    def _read_afi(self, uid: bytes) -> int: ...

    @abstractmethod
    def _write_eas(self, uid: bytes, enabled: bool) -> None: ...

    @abstractmethod
    def _read_eas(self, uid: bytes) -> bool: ...
