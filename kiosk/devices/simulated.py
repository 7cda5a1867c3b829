"""Simulated devices: what ``kiosk demo`` and the tests drive.

They behave like real ones from the outside — events arrive on their own
thread, tags stay on the pad until removed, a security write can fail —
so the code above them cannot tell the difference.
"""

from __future__ import annotations

import threading

from kiosk.devices.base import BarcodeRead, BarcodeSource, DeviceState, RfidReader, TagRead, TagsSeen


class _Simulated:
    """What both simulated devices share: no options (the base's ``NoOptions``),
    always opens, and events delivered from a fresh thread like a real read
    loop (or inline when the site says ``threaded=False``, for tests)."""

    def open(self) -> None:
        self._set_state(DeviceState.OK)

    def close(self) -> None:
        self._set_state(DeviceState.CLOSED)

    def _send(self, event) -> None:
        if self.site.threaded:
            threading.Thread(target=self._emit, args=(event,), daemon=True).start()
        else:
            self._emit(event)


class SimulatedRfidReader(_Simulated, RfidReader):
    driver = "simulated"

    def __init__(self, name: str, options=None, site=None) -> None:
        super().__init__(name, options, site)
        self._tags: dict[str, TagRead] = {}
        self.secured: dict[str, bool] = {}
        self.fail_security: set[str] = set()  # uids whose security write "does not take"

    def place(self, *tags: TagRead, secured: bool = True) -> None:
        new = [t for t in tags if t.uid not in self._tags]
        for tag in new:
            self._tags[tag.uid] = tag
            self.secured.setdefault(tag.uid, secured)
        if new:
            self._send(TagsSeen(self.name, arrived=tuple(new)))

    def place_memory(self, uid: str, memory: bytes, *, model: str = "auto") -> TagRead:
        """Put a tag with this raw memory on the pad: it is decoded by the same
        codecs a real reader uses (a damaged tag arrives with ``error`` set)."""
        from kiosk.devices.rfid.reading import to_tag_read

        tag = to_tag_read(uid, memory, model=model)
        self.note_raw(memory)
        self.place(tag)
        return tag

    def remove(self, *uids: str) -> None:
        gone = [u for u in uids if self._tags.pop(u, None) is not None]
        if gone:
            self._send(TagsSeen(self.name, left=tuple(gone)))

    def clear(self) -> None:
        self.remove(*list(self._tags))

    def tags(self) -> list[TagRead]:
        return list(self._tags.values())

    def set_secured(self, uid: str, secured: bool) -> bool:
        if uid not in self._tags or uid in self.fail_security:
            return False
        self.secured[uid] = secured
        return True

    def unplug(self, reason: str = "cable unplugged (simulated)") -> None:
        self._set_state(DeviceState.DISCONNECTED, reason)

    def replug(self) -> None:
        """Back at once: a simulated cable needs no reconnecting."""
        self._set_state(DeviceState.OK)


class SimulatedBarcodeScanner(_Simulated, BarcodeSource):
    driver = "simulated"

    def scan(self, code: str, symbology: str | None = None) -> None:
        self._send(BarcodeRead(self.name, code, symbology))
