"""The "to my phone" receipt: a QR code of the due-date calendar, for the screen.

Made with the ``qrcode`` package (python-escpos uses it too, so it is one
library for paper and screen). The screen draws ``matrix`` itself (crisp at
any size, no image decoding on the GUI thread) or shows ``png``.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from kiosk.receipts.calendar import calendar_for_qr
from kiosk.receipts.model import Receipt


@dataclass(frozen=True)
class PhoneQr:
    text: str  # what the code carries: the VCALENDAR ("" when nothing is due: no code)
    matrix: tuple[tuple[bool, ...], ...]  # True = dark module, quiet zone included

    @property
    def size(self) -> int:
        return len(self.matrix)

    def png(self, scale: int = 8) -> bytes:
        """The code as a black-on-white PNG, ``scale`` pixels per module."""
        from PIL import Image

        n = self.size
        image = Image.new("1", (n, n), 1)
        image.putdata([0 if dark else 1 for row in self.matrix for dark in row])
        out = io.BytesIO()
        image.resize((n * scale, n * scale), Image.NEAREST).save(out, format="PNG")
        return out.getvalue()


def qr_matrix(payload: str, *, border: int = 4) -> tuple[tuple[bool, ...], ...]:
    import qrcode

    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=border)
    code.add_data(payload.encode("utf-8"))
    code.make(fit=True)
    return tuple(tuple(bool(m) for m in row) for row in code.get_matrix())


def phone_qr(receipt: Receipt) -> PhoneQr:
    payload = calendar_for_qr(receipt)
    return PhoneQr(payload, qr_matrix(payload) if payload else ())
