"""`kiosk diag scan`: image files through the camera's decoder and the site's
rules, and live reads from the configured devices (a serial scanner on a pty)."""

import io
import json
import threading

import cv2
import numpy as np
import pytest

from kiosk import config
from kiosk.cli import main
from kiosk.commands.barcodes import watch
from kiosk.errors import KnownError
from tests.fakes.serial_scanner_fake import FakeSerialScanner
from tests.unit.barcode.frames import LABELS, make_label, render_frame
from tests.unit.barcode.recorder import wait_until
from tests.unit.barcode.site_rules import BOOK, CARD, write_config

BAD_CARD = CARD[:-1] + str((int(CARD[-1]) + 1) % 10)


@pytest.fixture
def images(tmp_path):
    def write(name, frame):
        path = tmp_path / name
        cv2.imwrite(str(path), frame)
        return str(path)

    return write


def _scan(capsys, cfg, *args) -> tuple[int, str]:
    status = main(["diag", "scan", "--config", str(cfg), *args])
    return status, capsys.readouterr().out


def test_images_report_symbology_rule_and_kind_as_json(tmp_path, images, capsys):
    card = images("card.png", render_frame(make_label("codabar", f"A{CARD}B"), "rotated_+5"))
    book = images("book.jpg", render_frame(make_label("codabar", f"C{BOOK}D"), "blurred"))
    status, out = _scan(capsys, write_config(tmp_path), "--image", card, book, "--json")
    assert status == 0
    reads = {r["image"]: r["reads"] for r in json.loads(out)}
    assert reads[card] == [
        {
            "code": f"A{CARD}B",
            "symbology": "codabar",
            "accepted": True,
            "kind": "patron",
            "rule": "patron-card",
            "normalized": CARD,
            "reason": None,
            "explanation": f"patron (rule 'patron-card': {CARD})",
        }
    ]
    assert reads[book][0]["kind"] == "item" and reads[book][0]["normalized"] == BOOK


def test_refused_codes_say_why_and_the_exit_status_says_so(tmp_path, images, capsys):
    bad = images("bad.png", render_frame(make_label("codabar", f"A{BAD_CARD}B")))
    isbn = images("isbn.png", render_frame(LABELS["ean13"]))
    empty = images("empty.png", render_frame(None))
    status, out = _scan(capsys, write_config(tmp_path), "--image", bad, "--image", isbn, empty)
    assert status == 1
    lines = out.splitlines()
    assert lines[0].startswith(f"{bad}: NO codabar  A{BAD_CARD}B") and "check digit" in lines[0]
    assert lines[1].startswith(f"{isbn}: NO ean13") and "no rule reads ean13 barcodes" in lines[1]
    assert lines[2] == f"{empty}: no barcode found"


def test_crop_reads_only_the_cameras_guide_box(tmp_path, images, capsys):
    centred = render_frame(make_label("codabar", f"A{CARD}B"))
    path = images("corner.png", np.roll(centred, (-200, -300), axis=(0, 1)))  # the label up and to the left
    cfg = write_config(tmp_path)
    assert _scan(capsys, cfg, "--image", path)[0] == 0
    status, out = _scan(capsys, cfg, "--image", path, "--crop")
    assert status == 1 and "no barcode found" in out


def test_an_unreadable_image_is_a_clear_error(tmp_path, capsys):
    (tmp_path / "notes.png").write_text("not an image")
    status = main(["diag", "scan", "--config", str(write_config(tmp_path)), "--image", str(tmp_path / "notes.png")])
    assert status == 2 and "not an image file" in capsys.readouterr().err


class Output(io.StringIO):
    def text(self) -> str:
        return self.getvalue()


def test_live_reads_from_a_serial_scanner_and_typed_lines_until_stopped(tmp_path):
    scanner = FakeSerialScanner(tmp_path).plug()
    settings = config.load(
        write_config(
            tmp_path,
            {
                "desk": {"kind": "barcode", "driver": "serial", "port": str(scanner.path)},
                "cam": {"kind": "barcode", "driver": "camera", "device": "/nonexistent/video9", "reconnect_s": 60},
                "sim": {"kind": "barcode", "driver": "simulated"},
            },
        )
    )
    out, stop = Output(), threading.Event()
    typed = [f"{BOOK}\n", "\n"]
    thread = threading.Thread(target=watch, args=(settings, out, stop), kwargs={"keyboard": typed})
    thread.start()
    try:
        wait_until(lambda: "reading; stop with Ctrl-C" in out.text())
        scanner.scan(f"A{BAD_CARD}B")
        wait_until(lambda: BAD_CARD in out.text())
    finally:
        stop.set()
        thread.join(timeout=10)
        scanner.close()
    lines = out.text().splitlines()
    assert lines.count("desk         ok") == 1 and lines.count("sim          ok") == 1
    assert any(line.startswith("cam          disconnected cannot open camera") for line in lines)
    assert any(line.startswith("keyboard     OK ?") and f"item (rule 'item-label': {BOOK})" in line for line in lines)
    assert any(line.startswith("desk         NO ?") and "check digit" in line for line in lines)
    assert not thread.is_alive()


def test_a_misspelt_scanner_option_stops_the_config_before_anything_opens(tmp_path):
    with pytest.raises(KnownError, match=r"\[devices.broken\] prot: unknown option for the serial driver"):
        config.load(write_config(tmp_path, {"broken": {"kind": "barcode", "driver": "serial", "prot": "/dev/ttyACM0"}}))


def test_live_scan_needs_a_barcode_device(tmp_path):
    with pytest.raises(KnownError, match="no barcode devices configured"):
        watch(config.load(write_config(tmp_path)), io.StringIO(), threading.Event())
