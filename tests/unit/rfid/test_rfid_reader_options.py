"""Reader options and the site's [rfid] settings reach a driver checked and merged."""

import pytest

from kiosk import config
from kiosk.config import DeviceConfig
from kiosk.devices.manager import DeviceManager
from kiosk.devices.options import parse_options
from kiosk.devices.registry import build
from kiosk.devices.site import Site, SiteRfid
from kiosk.errors import DeviceError


def reader(driver: str, rfid: SiteRfid | None = None, **options):
    return build(DeviceConfig("pad", "rfid", driver, options=options), Site(rfid=rfid or SiteRfid()))


def test_line_defaults_follow_each_vendor():
    m3, feig = reader("3m810", port="/dev/x"), reader("feig", port="/dev/x")
    assert (m3.settings.line.baudrate, m3.settings.line.parity) == (19200, "N")
    assert (feig.settings.line.baudrate, feig.settings.line.parity, feig.options.com_address) == (38400, "E", 0xFF)
    assert m3.reconnect_s <= 0.5  # the manager tries a lost reader at least every half second


def test_the_site_rfid_section_comes_through_and_a_device_may_override_it(demo_settings):
    site = config.override(demo_settings, "rfid", security="eas", afi_on_loan=0xD7, security_retries=5).rfid
    merged = reader("3m810", SiteRfid.of(site), port="/dev/x", afi_in_stock=0xDA)
    assert merged.settings.site == SiteRfid(
        data_model="auto", security="eas", afi_on_loan=0xD7, afi_in_stock=0xDA, security_retries=5
    )
    assert reader("3m810", port="/dev/x").settings.site == SiteRfid()


def test_options_parse_into_the_drivers_typed_options():
    options = parse_options(
        reader("feig", port="/dev/x").Options,
        "pad",
        "feig",
        {"port": "/dev/ttyUSB0", "com_address": 3, "timeout_ms": 300},
    )
    assert (options.port, options.com_address, options.timeout_ms, options.baudrate) == ("/dev/ttyUSB0", 3, 300, 38400)


@pytest.mark.parametrize(
    "driver, options, key",
    [
        ("3m810", {}, "port"),
        ("3m810", {"port": "/dev/x", "baudrate": "fast"}, "baudrate"),
        ("3m810", {"port": "/dev/x", "parity": "X"}, "parity"),
        ("3m810", {"port": "/dev/x", "poll_interval_ms": 0}, "poll_interval_ms"),
        ("3m810", {"port": "/dev/x", "blocks": 0}, "blocks"),
        ("3m810", {"port": "/dev/x", "baud": 19200}, "baud"),
        ("3m810", {"port": "/dev/x", "com_address": 1}, "com_address"),  # a Feig option
        ("3m810", {"port": "/dev/x", "data_model": "danish"}, "data_model"),
        ("3m810", {"port": "/dev/x", "security": "rfid"}, "security"),
        ("3m810", {"port": "/dev/x", "afi_on_loan": 0x1C2}, "afi_on_loan"),
        ("3m810", {"port": "/dev/x", "security_retries": 0}, "security_retries"),
        ("feig", {"port": "/dev/x", "com_address": 256}, "com_address"),
    ],
)
def test_a_bad_option_fails_the_config_check_naming_the_key(driver, options, key):
    """What ``kiosk check-config`` and start-up both run: no device is opened to find out."""
    with pytest.raises(DeviceError) as err:
        DeviceManager.check([DeviceConfig("pad", "rfid", driver, options=options)])
    assert f"[devices.pad] {key}:" in err.value.message


def test_a_port_name_pyserial_cannot_use_is_a_device_error_when_opening():
    with pytest.raises(DeviceError) as err:
        reader("feig", port="nonsense://x").open()
    assert "[devices.pad] port:" in err.value.message
