"""[receipts] and [email] as check-config and start-up read them."""

import os

import pytest

from kiosk import config
from kiosk.errors import ConfigError
from kiosk.receipts.settings import password

BASE = '[catalog]\nkind = "demo"\n'


def write(tmp_path, text: str):
    path = tmp_path / "kiosk.toml"
    path.write_text(BASE + text, encoding="utf-8")
    return path


def test_defaults_offer_every_channel_and_no_email_server(tmp_path):
    settings = config.load(write(tmp_path, ""))
    assert settings.receipts.offer == ("print", "email", "phone", "none") and settings.receipts.default == "none"
    assert settings.email.host == "" and settings.email.security == "starttls"


@pytest.mark.parametrize(
    "text, message",
    [
        ('[receipts]\noffer = ["print", "fax"]\n', "[receipts] offer: expected a non-empty list of distinct channels"),
        ('[receipts]\noffer = ["print"]\n', "[receipts] default: 'none' is not in offer ['print']"),
        ('[receipts]\nprinter = "till"\n', '[receipts] printer: no [devices.till] with kind = "printer"'),
        ('[email]\nhost = "smtp.example.org"\n', "[email] sender: expected the address receipts are sent from"),
        ('[email]\nsecurity = "ssl"\n', "[email] security: expected one of 'starttls', 'tls', 'none'"),
        (
            '[email]\nhost = "h"\nsender = "a@b"\npassword = "x"\npassword_env = "Y"\n',
            "[email] password_env: give the password one way only",
        ),
        (
            '[email]\nhost = "h"\nsender = "a@b"\npassword_env = "KIOSK_TEST_UNSET_SMTP"\n',
            "the environment variable KIOSK_TEST_UNSET_SMTP is not set",
        ),
        ('[devices.p]\nkind = "printer"\ndriver = "escpos-network"\n', "[devices.p] host: missing"),
        (
            '[devices.p]\nkind = "printer"\ndriver = "escpos-usb"\nvendor_id = 0x04b8\nproduct_id = 0\n',
            "[devices.p] product_id: expected the USB product id",
        ),
    ],
)
def test_mistakes_are_named_with_their_key(tmp_path, text, message):
    with pytest.raises(ConfigError) as caught:
        config.load(write(tmp_path, text))
    assert message in caught.value.message and str(tmp_path) in caught.value.message


def test_the_password_comes_from_a_file_only_the_kiosk_can_read(tmp_path):
    secret = tmp_path / "smtp-password"
    secret.write_text("s3cret\n", encoding="utf-8")
    os.chmod(secret, 0o644)
    text = f'[email]\nhost = "h"\nsender = "a@b"\npassword_file = "{secret}"\n'
    with pytest.raises(ConfigError, match="can be read by others"):
        config.load(write(tmp_path, text))
    os.chmod(secret, 0o600)
    assert password(config.load(write(tmp_path, text))) == "s3cret"


def test_the_password_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("KIOSK_TEST_SMTP", "from-env")
    settings = config.load(write(tmp_path, '[email]\nhost = "h"\nsender = "a@b"\npassword_env = "KIOSK_TEST_SMTP"\n'))
    assert password(settings) == "from-env"
