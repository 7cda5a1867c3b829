"""Reader options and the site's [rfid] settings reach a driver checked and merged."""

import pytest

from kiosk import config
from kiosk.devices.rfid.reader_3m import Reader3M810
from kiosk.devices.rfid.reader_feig import FeigReader
from kiosk.devices.rfid.reader_options import SiteRfid, read_settings
from kiosk.errors import DeviceError


def test_line_defaults_follow_each_vendor():
    m3 = read_settings("pad", "3m810", {"port": "/dev/x"}, Reader3M810.OPTIONS)
    feig = read_settings("pad", "feig", {"port": "/dev/x"}, FeigReader.OPTIONS)
    assert (m3.line.baudrate, m3.line.parity) == (19200, "N")
    assert (feig.line.baudrate, feig.line.parity, feig.driver_options) == (38400, "E", {"com_address": 0xFF})
    assert m3.reconnect_s < 2  # a replugged reader is back within 2 s


def test_the_site_rfid_section_comes_through_and_a_device_may_override_it(demo_settings):
    site = config.override(demo_settings, "rfid", security="eas", afi_on_loan=0xD7, security_retries=5).rfid
    merged = read_settings("pad", "3m810", {"port": "/dev/x", "afi_in_stock": 0xDA}, Reader3M810.OPTIONS, site)
    assert merged.site == SiteRfid(data_model="auto", security="eas", afi_on_loan=0xD7, afi_in_stock=0xDA,
                                   security_retries=5)
    assert read_settings("pad", "3m810", {"port": "/dev/x"}, Reader3M810.OPTIONS).site == SiteRfid()


@pytest.mark.parametrize(("cls", "options", "key"), [
    (Reader3M810, {}, "port"),
    (Reader3M810, {"port": "/dev/x", "baudrate": "fast"}, "baudrate"),
    (Reader3M810, {"port": "/dev/x", "parity": "X"}, "parity"),
    (Reader3M810, {"port": "/dev/x", "poll_interval_ms": 0}, "poll_interval_ms"),
    (Reader3M810, {"port": "/dev/x", "blocks": 0}, "blocks"),
    (Reader3M810, {"port": "/dev/x", "baud": 19200}, "baud"),
    (Reader3M810, {"port": "/dev/x", "com_address": 1}, "com_address"),  # a Feig option
    (Reader3M810, {"port": "/dev/x", "data_model": "danish"}, "data_model"),
    (Reader3M810, {"port": "/dev/x", "security": "rfid"}, "security"),
    (Reader3M810, {"port": "/dev/x", "afi_on_loan": 0x1C2}, "afi_on_loan"),
    (Reader3M810, {"port": "/dev/x", "security_retries": 0}, "security_retries"),
    (FeigReader, {"port": "/dev/x", "com_address": 256}, "com_address"),
    (FeigReader, {"port": "nonsense://x"}, "port"),
])
def test_a_bad_option_is_a_device_error_naming_the_key(cls, options, key):
    with pytest.raises(DeviceError) as err:
        cls("pad", options).open()
    assert f"[devices.pad] {key}:" in err.value.message
