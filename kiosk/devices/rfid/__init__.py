"""Pure RFID codecs: library tag data models and reader wire protocols.

Bytes in, bytes out - no serial ports, no Qt, no threads - so the transport
(written separately) and the tests can drive them directly.

* :mod:`.tagdata`  - :class:`TagData`, :func:`decode_tag`, :func:`encode_tag`
* :mod:`.danish`, :mod:`.iso28560_2`, :mod:`.rfid501` - the data models
* :mod:`.proto_3m`, :mod:`.proto_feig` - reader request/reply framing
* :mod:`.crc`, :mod:`.framing`, :mod:`.iso15962` - shared building blocks
"""

from .tagdata import (
    ExtensionBlock,
    TagData,
    TagDataError,
    decode_tag,
    encode_tag,
)

__all__ = ["ExtensionBlock", "TagData", "TagDataError", "decode_tag", "encode_tag"]
