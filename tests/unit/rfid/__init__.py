"""Tests for the pure RFID codecs (kiosk.devices.rfid)."""
