"""The [barcodes] settings the tests use: the demo library's rules (patron
cards 14 digits from 2, items 14 digits from 3, both Luhn, Codabar) in the
very TOML proposed for config/demo.toml, and a way to write a whole
config file around it."""

import json
import tomllib
from pathlib import Path

from kiosk.catalog.demo_data import item_barcode, patron_card

BARCODES_TOML = """\
[barcodes]
# Camera decoder: "zxing" (default) or "zbar".
decoder = "zxing"
# What the camera looks for. Only the library's own label symbologies plus
# EAN-13, so a book's retail barcode gets "not a library label", not silence.
symbologies = ["codabar", "code128", "ean13"]
# What a code means: the first rule it satisfies decides; a code no rule
# accepts is refused with a message and never sent to the catalog.
# Demo cards and labels: Codabar, 14 digits with a Luhn (mod-10) check digit,
# patron cards starting with 2 and items with 3.
rules = [
  { name = "patron-card", kind = "patron", symbologies = ["codabar"], prefix = "2", length = 14, check = "luhn" },
  { name = "item-label", kind = "item", symbologies = ["codabar"], prefix = "3", length = 14, check = "luhn" },
]
"""
DEMO_BARCODES = tomllib.loads(BARCODES_TOML)["barcodes"]
DEMO_RULES = DEMO_BARCODES["rules"]

CARD = patron_card(1)
BOOK = item_barcode(1)


def write_config(folder: Path, devices: dict[str, dict] | None = None) -> Path:
    """A kiosk config with the demo catalog, these [barcodes] settings and `devices`."""
    lines = [
        "[kiosk]",
        'library = "Test Library"',
        "[catalog]",
        'kind = "demo"',
        'path = "catalog.sqlite3"',
        "[journal]",
        'path = "journal.sqlite3"',
        BARCODES_TOML,
    ]
    for name, table in (devices or {}).items():
        lines.append(f"[devices.{name}]")
        lines += [f"{key} = {json.dumps(value)}" for key, value in table.items()]  # JSON scalars are TOML
    path = folder / "kiosk.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
