"""Receipts: what one says (model.py, Qt-free), its renderings (paper.py ESC/POS, mail.py email,
calendar.py iCalendar, qr.py the phone's QR code), and the desk that offers and delivers them
(service.py). See /work/brief/receipts-api.md and the README's Receipts section."""
