"""From raw tag memory to what the kiosk acts on: one function every
reader (real or simulated) uses, so a corrupt tag becomes a TagRead with
``error`` set — never an exception in a device thread."""

from __future__ import annotations

from kiosk.devices.base import TagRead
from kiosk.devices.rfid.tagdata import TagDataError, decode_tag


def to_tag_read(uid: str, memory: bytes, *, model: str = "auto", dsfid: int | None = None) -> TagRead:
    try:
        tag = decode_tag(memory, model, dsfid=dsfid)
    except TagDataError as exc:
        return TagRead(uid, error=exc.reason, model=model)
    return TagRead(
        uid,
        tag.primary_item_id,
        parts_in_set=max(tag.parts_in_set, 1),
        part_number=max(tag.part_number, 1),
        is_patron_card=tag.is_patron_card,
        model=f"{tag.model} ({tag.byte_order})",
    )
