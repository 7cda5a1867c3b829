"""`kiosk labels`: the sheet prints every demo code in a symbology the rules
accept, and our own decoder reads every one of them back from the file."""

import shutil
import subprocess

import cv2
import pytest

from kiosk.catalog import demo_data
from kiosk.cli import main
from kiosk.devices.barcode import site
from kiosk.devices.barcode.labels import bar_pattern, demo_labels
from kiosk.devices.barcode.rules import RuleSet
from kiosk.devices.site import SiteBarcodes
from kiosk.errors import KnownError
from tests.unit.barcode.site_rules import DEMO_BARCODES, DEMO_RULES, write_config

RULES = RuleSet.from_config(DEMO_RULES)
PATRONS = {card for card, *_ in demo_data.PATRONS}
ITEMS = {demo_data.item_barcode(n) for n, *_ in demo_data.ITEMS}


def _read_back(paths) -> dict[str, str]:
    """normalised code -> kind, for every code decoded from the page images."""
    decoder = site.decoder(
        SiteBarcodes(**{**DEMO_BARCODES, "symbologies": ["codabar", "code128", "ean13", "code39", "itf"]})
    )
    found = {}
    for path in paths:
        for read in decoder.decode(cv2.imread(str(path), cv2.IMREAD_GRAYSCALE)):
            verdict = RULES.classify(read.text, read.symbology)
            assert verdict.accepted, (read, verdict)
            found[verdict.normalized] = verdict.kind
    return found


@pytest.fixture(scope="module")
def png_sheet(tmp_path_factory):
    folder = tmp_path_factory.mktemp("labels")
    assert main(["labels", "--config", str(write_config(folder)), "--out", str(folder / "sheet.png")]) == 0
    return sorted(folder.glob("sheet*.png"))


def test_demo_labels_are_codabar_with_start_and_stop_characters():
    labels = demo_labels(RULES, searched=DEMO_BARCODES["symbologies"])
    assert [spec.code for spec in labels if spec.kind == "patron"] == [c for c, *_ in demo_data.PATRONS]
    assert {spec.code for spec in labels if spec.kind == "item"} == ITEMS
    assert {spec.symbology for spec in labels} == {"codabar"}
    assert labels[0].data == f"A{labels[0].code}B" and "demo PIN 1234" in labels[0].note


def test_every_code_on_the_png_sheet_reads_back_as_its_kind(png_sheet):
    assert [p.name for p in png_sheet] == ["sheet-2.png", "sheet.png"]
    found = _read_back(png_sheet)
    assert found == {**dict.fromkeys(PATRONS, "patron"), **dict.fromkeys(ITEMS, "item")}


def test_the_pdf_is_a4_pages_whose_codes_read_back(tmp_path, capsys):
    out = tmp_path / "sheet.pdf"
    assert main(["labels", "--config", str(write_config(tmp_path)), "--out", str(out)]) == 0
    assert capsys.readouterr().out.strip() == str(out)
    pdf = out.read_bytes()
    assert pdf.startswith(b"%PDF") and pdf.count(b"/MediaBox [0 0 595") == 2  # two A4 pages
    gs = shutil.which("gs")
    # No skip: a skipped read-back would let a PDF with unreadable bars pass unnoticed.
    assert gs is not None, "Ghostscript (gs) is missing: `make test` installs it (apt-get install ghostscript)"
    subprocess.run(
        [
            gs,
            "-q",
            "-dNOPAUSE",
            "-dBATCH",
            "-sDEVICE=pnggray",
            "-r300",
            f"-sOutputFile={tmp_path}/page%d.png",
            str(out),
        ],
        check=True,
    )
    assert set(_read_back(sorted(tmp_path.glob("page*.png")))) == PATRONS | ITEMS


def test_without_rules_a_forced_symbology_is_printed_as_asked():
    labels = demo_labels(RuleSet([]), "code128")
    assert {spec.symbology for spec in labels} == {"code128"} and labels[0].data == labels[0].code


def test_codes_the_rules_would_refuse_are_not_printed():
    strict = RuleSet.from_config([{**DEMO_RULES[0], "prefix": "9"}, DEMO_RULES[1]])
    with pytest.raises(KnownError) as err:
        demo_labels(strict)
    assert "patron code 29001000000013" in err.value.message
    with pytest.raises(KnownError):
        demo_labels(RULES, "ean13")  # 14 digits do not fit EAN-13


def test_unknown_output_type_is_refused(tmp_path):
    assert main(["labels", "--config", str(write_config(tmp_path)), "--out", str(tmp_path / "x.svg")]) == 2


def test_bar_patterns_know_python_barcodes_two_module_narrow_bars():
    assert bar_pattern("codabar", "A29001000000013B")[1] == 2
    assert bar_pattern("itf", "29001000000013")[1] == 2
    modules, narrow = bar_pattern("code128", "29001000000013")
    assert narrow == 1 and set(modules) == {"0", "1"}
