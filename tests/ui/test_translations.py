"""Every visible string goes through Qt's translation system, and both
languages are complete: no source text is missing or unfinished."""

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "kiosk" / "ui" / "translations"
BIN = Path(sys.executable).parent


def sources(ts: Path) -> set[tuple[str, str]]:
    root = ET.parse(ts).getroot()
    return {
        (ctx.findtext("name"), msg.findtext("source")) for ctx in root.iter("context") for msg in ctx.iter("message")
    }


@pytest.mark.parametrize("lang", ["id", "en"])
def test_no_translation_is_unfinished(lang):
    root = ET.parse(TRANSLATIONS / f"kiosk_{lang}.ts").getroot()
    for message in root.iter("message"):
        translation = message.find("translation")
        assert translation.get("type") not in ("unfinished", "obsolete", "vanished"), message.findtext("source")
        forms = [f.text for f in translation.findall("numerusform")] or [translation.text]
        assert all(f and f.strip() for f in forms), message.findtext("source")


def test_ts_files_hold_every_string_of_the_code(tmp_path):
    lupdate = shutil.which("pyside6-lupdate", path=str(BIN)) or shutil.which("pyside6-lupdate")
    files = sorted(str(p) for p in (ROOT / "kiosk").rglob("*.py"))
    fresh = tmp_path / "fresh.ts"
    subprocess.run(
        [lupdate, *files, "-no-obsolete", "-locations", "none", "-ts", str(fresh)], check=True, capture_output=True
    )
    committed = sources(TRANSLATIONS / "kiosk_id.ts")
    assert sources(fresh) == committed, "run `make translations` and translate the new strings"
    assert sources(TRANSLATIONS / "kiosk_en.ts") == committed


@pytest.mark.parametrize("lang", ["id", "en"])
def test_compiled_qm_matches_its_ts(tmp_path, lang):
    lrelease = shutil.which("pyside6-lrelease", path=str(BIN)) or shutil.which("pyside6-lrelease")
    out = tmp_path / f"kiosk_{lang}.qm"
    subprocess.run([lrelease, str(TRANSLATIONS / f"kiosk_{lang}.ts"), "-qm", str(out)], check=True, capture_output=True)
    assert out.read_bytes() == (TRANSLATIONS / f"kiosk_{lang}.qm").read_bytes(), "run `make translations`"
