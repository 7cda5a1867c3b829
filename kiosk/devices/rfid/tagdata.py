"""The model-neutral view of a library tag, and auto-detection.

Three data models share the kiosk's counter:

* ``iso28560-3`` - ISO 28560-3 fixed-length encoding, the Danish data model
  (DS/INF 163) it grew from; DSFID 0x3E. CRC-protected. :mod:`.danish`
* ``iso28560-2`` - ISO 28560-2 object-identifier encoding with ISO/IEC 15962
  compaction; DSFID 0x06. :mod:`.iso28560_2`
* ``rfid501``   - the older proprietary 3M layout. :mod:`.rfid501`

Callers only see :class:`TagData` and two functions, :func:`decode_tag`
and :func:`encode_tag`. Anything a codec cannot make sense of surfaces as
:class:`TagDataError` (a ``ValueError``) - never an ``IndexError`` or
``UnicodeDecodeError`` from deep inside a decoder.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

__all__ = [
    "BYTE_ORDERS",
    "DSFID_ISO28560_2",
    "DSFID_ISO28560_3",
    "MODELS",
    "MODEL_ISO28560_2",
    "MODEL_ISO28560_3",
    "MODEL_RFID501",
    "USAGE_ACQUISITION",
    "USAGE_CIRCULATING",
    "USAGE_DISCARDED",
    "USAGE_NOT_FOR_CIRCULATION",
    "USAGE_PATRON_CARD",
    "ExtensionBlock",
    "TagData",
    "TagDataError",
    "decode_tag",
    "encode_tag",
]

MODEL_ISO28560_3 = "iso28560-3"
MODEL_ISO28560_2 = "iso28560-2"
MODEL_RFID501 = "rfid501"
MODELS = (MODEL_ISO28560_3, MODEL_ISO28560_2, MODEL_RFID501)

DSFID_ISO28560_2 = 0x06
DSFID_ISO28560_3 = 0x3E

BYTE_ORDER_AS_IS = "as-is"
BYTE_ORDER_BLOCK_REVERSED = "block-reversed"
BYTE_ORDER_NIBBLE_SWAPPED = "nibble-swapped"
BYTE_ORDERS = (BYTE_ORDER_AS_IS, BYTE_ORDER_BLOCK_REVERSED, BYTE_ORDER_NIBBLE_SWAPPED)

# Type of usage (ISO 28560-1 primary codes, the low nibble of 28560-3 byte 0).
USAGE_ACQUISITION = 0
USAGE_CIRCULATING = 1
USAGE_NOT_FOR_CIRCULATION = 2
USAGE_DISCARDED = 7
USAGE_PATRON_CARD = 8


class TagDataError(ValueError):
    """The bytes are not a readable tag of the requested model (or the
    TagData cannot be represented in it). ``reason`` is for the log."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class ExtensionBlock:
    """One ISO 28560-3 extension block: its id and payload, passed through."""

    block_id: int
    payload: bytes


@dataclass(frozen=True, slots=True)
class TagData:
    """What a tag says about its item, whichever model encoded it.

    ``country`` + ``isil`` are the owner library as the tag stores them: the
    28560-3 country and library fields, or an ISIL ``DE-Heu1`` split at its
    first hyphen (:attr:`full_isil` joins them back). ``crc_ok`` is True when
    the model has a CRC and it checked (a failed CRC raises instead), None
    for models without one. ``extra`` carries
    model-specific fields as sorted ``(name, value)`` pairs so the object
    stays hashable and comparable.
    """

    model: str
    primary_item_id: str
    type_of_usage: int = USAGE_CIRCULATING
    parts_in_set: int = 1
    part_number: int = 1
    country: str = ""
    isil: str = ""
    byte_order: str = BYTE_ORDER_AS_IS
    crc_ok: bool | None = None
    version: int = 1
    shelf_location: str = ""
    extension_blocks: tuple[ExtensionBlock, ...] = ()
    extra: tuple[tuple[str, Any], ...] = ()

    @property
    def is_patron_card(self) -> bool:
        return self.type_of_usage == USAGE_PATRON_CARD

    @property
    def full_isil(self) -> str:
        return f"{self.country}-{self.isil}" if self.country else self.isil

    def get_extra(self, name: str, default: Any = None) -> Any:
        for key, value in self.extra:
            if key == name:
                return value
        return default

    def with_extra(self, **fields: Any) -> TagData:
        """Copy with *fields* merged into :attr:`extra` (``None`` removes)."""
        merged = dict(self.extra)
        for key, value in fields.items():
            if value is None:
                merged.pop(key, None)
            else:
                merged[key] = value
        return replace(self, extra=tuple(sorted(merged.items())))


def _codec(model: str):
    # Imported lazily: the codec modules import TagData from here.
    if model == MODEL_ISO28560_3:
        from . import danish as codec
    elif model == MODEL_ISO28560_2:
        from . import iso28560_2 as codec
    elif model == MODEL_RFID501:
        from . import rfid501 as codec
    else:
        raise TagDataError(f"unknown data model {model!r}")
    return codec


def _auto_order(dsfid: int | None) -> tuple[str, ...]:
    if dsfid == DSFID_ISO28560_3:
        return (MODEL_ISO28560_3,)
    if dsfid == DSFID_ISO28560_2:
        return (MODEL_ISO28560_2,)
    # Strongest evidence first: a CRC, then a self-describing structure,
    # then the 3M layout, which has no check value at all.
    return (MODEL_ISO28560_3, MODEL_ISO28560_2, MODEL_RFID501)


def decode_tag(data: bytes, model: str = "auto", dsfid: int | None = None) -> TagData:
    """Decode tag user memory. ``model="auto"`` tries every model (or only
    the one a known *dsfid* names) and reports which one matched."""
    data = bytes(data)
    models = _auto_order(dsfid) if model == "auto" else (model,)
    reasons = []
    fallback: TagData | None = None
    for name in models:
        try:
            tag = _codec(name).decode(data)
        except TagDataError as exc:
            reasons.append(f"{name}: {exc.reason}")
            if name == MODEL_ISO28560_3 and len(models) > 1 and _codec(name).looks_damaged(data):
                # Another model's reading of a damaged 28560-3 tag is nonsense.
                reasons.append("the layout is ISO 28560-3's, so no other model was tried")
                break
            continue
        if _plausible(tag):
            return tag
        # e.g. a chance CRC match: keep looking for a cleaner reading.
        fallback = fallback or tag
    if fallback is not None:
        return fallback
    raise TagDataError("unreadable tag (" + "; ".join(reasons) + ")")


def _plausible(tag: TagData) -> bool:
    texts = (tag.primary_item_id, tag.country, tag.isil)
    return tag.version == 1 and bool(tag.primary_item_id) and all(" " <= ch <= "~" for text in texts for ch in text)


def encode_tag(tag: TagData, model: str | None = None, **options: Any) -> bytes:
    """Encode *tag* in *model* (default: the model it was decoded from).

    Options are model-specific, e.g. ``size=32`` for 32-byte ISO 28560-3
    tags or ``block_size=4`` for ISO 28560-2 padding.
    """
    return _codec(model or tag.model).encode(tag, **options)
