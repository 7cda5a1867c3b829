"""``kiosk diag rfid`` against the reader emulators, and ``kiosk diag tag``."""

import json

import pytest

from kiosk import config
from kiosk.cli import main
from kiosk.devices.rfid.rfid501 import encode as encode_rfid501
from kiosk.devices.rfid.tagdata import MODEL_RFID501, TagData
from tests.fakes.rfid_3m import Emulated3M
from tests.fakes.rfid_emulator import EmulatedTag
from tests.fakes.rfid_feig import EmulatedFeig

BOOK = "39001000000011"


def write_config(tmp_path, driver: str, port, **rfid) -> str:
    line = 'parity = "N"\n' if driver == "feig" else ""  # a pty cannot do parity (see test_rfid_readers)
    site = "".join(f"{key} = {value}\n" for key, value in rfid.items())
    path = tmp_path / "kiosk.toml"
    path.write_text(
        f'[catalog]\nkind = "demo"\n\n[rfid]\n{site}\n'
        f'[devices.pad]\nkind = "rfid"\ndriver = "{driver}"\nport = "{port}"\ntimeout_ms = 200\n{line}'
    )
    return str(path)


@pytest.fixture(params=[("3m810", Emulated3M), ("feig", EmulatedFeig)], ids=["3m810", "feig"])
def reader(request, tmp_path):
    driver, emulator_cls = request.param
    pad = emulator_cls(tmp_path, "pad").plug()
    yield driver, pad
    pad.close()


def test_json_report_names_the_reader_and_decodes_every_tag_with_raw_memory_and_security(reader, tmp_path, capsys):
    driver, pad = reader
    book, damaged = EmulatedTag.item(BOOK, byte_order="block-reversed"), EmulatedTag.item("39001000000029", afi=0xC2)
    damaged.memory[7] ^= 0x20
    pad.place(book, damaged)
    assert main(["diag", "rfid", "--config", write_config(tmp_path, driver, pad.path), "--json"]) == 0
    (report,) = json.loads(capsys.readouterr().out)["readers"]
    assert report["state"] == "ok" and report["identity"].startswith(("3M 810", "Feig"))
    tags = {t["uid"]: t for t in report["tags"]}
    good, bad = tags[book.uid_hex], tags[damaged.uid_hex]
    assert good["decoded"]["fields"]["primary_item_id"] == BOOK
    assert (good["decoded"]["byte_order"], good["decoded"]["crc"]) == ("block-reversed", "checks")
    assert bytes.fromhex(good["raw"]) == bytes(book.memory)
    assert (good["afi"], good["afi_means"], good["eas"]) == ("0x07", "in stock (secured)", True)
    assert not bad["decoded"]["ok"] and "CRC" in bad["decoded"]["error"]
    assert (bad["afi"], bad["afi_means"]) == ("0xC2", "on loan (unsecured)")
    assert report["counters"]["frames"] > 0


def test_text_report_for_a_technician(reader, tmp_path, capsys):
    driver, pad = reader
    book = EmulatedTag.item(BOOK, parts=2, part=2)
    pad.place(book)
    assert main(["diag", "rfid", "--config", write_config(tmp_path, driver, pad.path, afi_in_stock="0xDA")]) == 0
    out = capsys.readouterr().out
    assert "1 tag(s) on the pad" in out and book.uid_hex in out
    assert "AFI 0x07 not this site's value" in out
    assert f"item '{BOOK}', part 2 of 2" in out and "CRC checks" in out
    assert "raw " + bytes(book.memory).hex(" ").upper()[:20] in out


def test_an_unplugged_reader_is_reported_with_exit_status_2(tmp_path, capsys):
    pad = Emulated3M(tmp_path, "pad")  # never plugged in
    try:
        assert main(["diag", "rfid", "--config", write_config(tmp_path, "3m810", pad.path)]) == 2
    finally:
        pad.close()
    assert "DISCONNECTED cannot open" in capsys.readouterr().out


def test_the_simulated_reader_of_the_demo_has_no_hardware_to_ask(capsys):
    assert main(["diag", "rfid", "--config", str(config.demo_config_path())]) == 0
    assert "no reader hardware" in capsys.readouterr().out


def test_a_config_without_an_rfid_reader_is_a_clear_error(tmp_path, capsys):
    path = tmp_path / "kiosk.toml"
    path.write_text('[catalog]\nkind = "demo"\n')
    assert main(["diag", "rfid", "--config", str(path)]) == 2
    assert "no enabled RFID device" in capsys.readouterr().err
    assert main(["diag", "rfid", "--config", str(config.demo_config_path()), "--device", "door"]) == 2
    assert "no enabled RFID device named 'door'" in capsys.readouterr().err


# -- diag tag -------------------------------------------------------------------------
def test_pasted_memory_decodes_with_model_byte_order_fields_and_crc(capsys):
    memory = bytes(EmulatedTag.item(BOOK, parts=3, part=2, byte_order="block-reversed").memory)
    assert main(["diag", "tag", memory.hex(":")]) == 0
    out = capsys.readouterr().out
    assert "iso28560-3 (byte order block-reversed)" in out and "crc         checks" in out
    assert BOOK in out and "ID-DEMO" in out and "circulating" in out


def test_json_and_a_model_without_a_crc(capsys):
    raw = encode_rfid501(TagData(MODEL_RFID501, "1234567"))
    assert main(["diag", "tag", "0x" + raw.hex(), "--model", "rfid501", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["model"], report["crc"], report["fields"]["primary_item_id"]) == (
        "rfid501",
        "this model has no CRC",
        "1234567",
    )


def test_a_damaged_tag_is_exit_2_with_the_crc_stored_and_computed(capsys):
    memory = bytearray(EmulatedTag.item(BOOK).memory)
    memory[20] ^= 0xFF
    assert main(["diag", "tag", memory.hex()]) == 2
    err = capsys.readouterr().err
    assert "do not decode" in err and "CRC stored" in err and f"item id would be '{BOOK}'" in err


@pytest.mark.parametrize("text", ["zz", "0x", "1 2 3"])
def test_input_that_is_not_hex_is_exit_2(text, capsys):
    assert main(["diag", "tag", text]) == 2
    assert "hex" in capsys.readouterr().err
