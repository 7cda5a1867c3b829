"""A kiosk wired to a SIP2 server, for the catalog, fault and crash tests:
a small library for the fake ACS, and a config file pointing at a port.

The config is a real TOML file loaded by ``kiosk.config``, so a child
process (the crash test) and the test itself read the same settings.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from kiosk import config
from kiosk.config import Settings

from .sip2_ils import FakeIls

USERNAME, PASSWORD, PIN = "kiosk", "s3cr3t-pw", "8642"


# The library the SIP2 tests lend from: patron or item id -> its attributes.
PATRONS = {
    "P1": {"name": "Siti Rahmawati", "pin": PIN},
    "P2": {"name": "Budi Santoso"},
    "BLOCKED": {"name": "Rina Wulandari", "blocked": True},
    "FINED": {"name": "Agus Pratama", "fines": Decimal("12.50")},
}
ITEMS = {
    "I1": {"title": "Laskar Pelangi"},
    "I2": {"title": "Bumi Manusia"},
    "HOLD": {"title": "Laut Bercerita"},  # waiting for Budi (HOLDS)
    "AWAY": {"title": "Saman", "home_branch": "TMR", "sort_bin": "B7"},  # belongs to another branch
    "REF": {"title": "Kamus Besar", "not_for_loan": True},
    **{f"S{n}": {"title": f"Stack book {n}"} for n in range(10)},
}
HOLDS = {"HOLD": "P2"}


def library(**kwargs) -> FakeIls:
    """A fresh FakeIls holding PATRONS, ITEMS and HOLDS (kwargs: FakeIls options)."""
    ils = FakeIls("MAIN", **kwargs)
    for patron_id, attributes in PATRONS.items():
        ils.add_patron(patron_id, **attributes)
    for item_id, attributes in ITEMS.items():
        ils.add_item(item_id, **attributes)
    for item_id, patron_id in HOLDS.items():
        ils.place_hold(item_id, patron_id)
    return ils


def _toml(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_config(folder: Path, port: int, **catalog) -> Path:
    """A kiosk config (no devices, no PIN) whose catalog is SIP2 on 127.0.0.1:port."""
    sections = {
        "kiosk": {"require_pin": False},
        "catalog": {
            "kind": "sip2",
            "host": "127.0.0.1",
            "port": port,
            "username": USERNAME,
            "password": PASSWORD,
            "institution": "MAIN",
            "location": "MAIN",
            "timeout_s": 2.0,
            "heartbeat_s": 3600.0,
            **catalog,
        },
        "journal": {"path": str(folder / "journal.sqlite3"), "hash_salt": "test"},
        "offline": {"max_items_per_patron": 50},
    }
    text = "".join(
        f"[{name}]\n" + "".join(f"{k} = {_toml(v)}\n" for k, v in keys.items()) + "\n"
        for name, keys in sections.items()
    )
    # The fake library's cards (P1, Q1, ...), the bridge tests' SLiMS (M001) and INLISLite (A001) members and items
    # (I1, ...): offline, a card must fit a patron rule.
    rules = ", ".join(f'{{ name = "{p}", kind = "patron", prefix = "{p}" }}' for p in "PQMA")
    text += f'[barcodes]\nrules = [{rules}, {{ name = "item", kind = "item" }}]\n'
    path = folder / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    return path


def settings_for(folder: Path, port: int, **catalog) -> Settings:
    return config.load(write_config(folder, port, **catalog))
