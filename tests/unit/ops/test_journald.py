"""Logs under systemd go to its journal with fields a technician filters on."""

from __future__ import annotations

import logging
import socket
import struct

import pytest

from kiosk.journald import JournalHandler


@pytest.fixture
def journal_socket(tmp_path):
    path = tmp_path / "journal.socket"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(str(path))
    yield sock, str(path)
    sock.close()


def parse(datagram: bytes) -> dict[str, str]:
    """The native journal protocol, read back."""
    fields, rest = {}, datagram
    while rest:
        line, _, rest = rest.partition(b"\n")
        if b"=" in line:
            name, _, value = line.partition(b"=")
            fields[name.decode()] = value.decode()
        else:
            (size,) = struct.unpack("<Q", rest[:8])
            fields[line.decode()] = rest[8 : 8 + size].decode()
            rest = rest[8 + size + 1 :]
    return fields


def test_a_device_warning_carries_its_priority_and_device(journal_socket):
    sock, path = journal_socket
    handler = JournalHandler("kiosk-pusat-1", path=path)
    log = logging.getLogger("kiosk.test.journald")
    log.addHandler(handler)
    try:
        log.warning("reader %s unplugged", "pad", extra={"device": "pad"})
        fields = parse(sock.recv(65536))
    finally:
        log.removeHandler(handler)
        handler.close()
    assert fields["MESSAGE"] == "reader pad unplugged"
    assert fields["PRIORITY"] == "4"
    assert fields["KIOSK"] == "kiosk-pusat-1"
    assert fields["KIOSK_DEVICE"] == "pad"
    assert fields["SYSLOG_IDENTIFIER"] == "kiosk"


def test_a_traceback_arrives_whole(journal_socket):
    sock, path = journal_socket
    handler = JournalHandler(path=path)
    handler.setFormatter(logging.Formatter("%(message)s"))
    log = logging.getLogger("kiosk.test.journald2")
    log.addHandler(handler)
    try:
        try:
            raise ValueError("bad byte")
        except ValueError:
            log.exception("sync pass failed")
        fields = parse(sock.recv(65536))
    finally:
        log.removeHandler(handler)
        handler.close()
    assert fields["MESSAGE"].startswith("sync pass failed\nTraceback")
    assert "ValueError: bad byte" in fields["MESSAGE"]
    assert fields["PRIORITY"] == "3"
