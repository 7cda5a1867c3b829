"""Fuzzing the config loader: generated and mutated config files and barcode rule tables.

Two promises: ``config.load`` (what check-config and start-up run) raises nothing but a
ConfigError, whatever the file holds; and a file it accepts builds a kiosk
(``kiosk.app.build``, everything but the GUI) without an error. Runs at hypothesis's
modest size in ``make test``; ``make fuzz`` runs each at 10^6 (tests/fuzz/budget.py).
"""

from __future__ import annotations

import json
import math
import tempfile
import tomllib
from pathlib import Path

from hypothesis import event, given
from hypothesis import strategies as st

from kiosk import config
from kiosk.app import build
from kiosk.errors import ConfigError
from tests.fuzz.budget import count, fuzz

ROOT = Path(__file__).resolve().parents[2]
DEMO_TEXT = (ROOT / "config" / "demo.toml").read_text(encoding="utf-8")
DEMO = tomllib.loads(DEMO_TEXT)
# Keys the fuzzer leaves alone: where files go (the temporary folder), and the catalog kind
# (a "sip2" catalog would try hosts on the network).
PINNED = {("journal", "path"), ("catalog", "path"), ("catalog", "kind"), ("catalog", "ca_file")}

WORDS = st.sampled_from(
    [
        "", "demo", "sip2", "utf-8", "latin-1", "\x00", "utf\x008", "luhn", "none", "ean13", "any", "codabar",
        "patron", "item", "id", "en", "rfid", "barcode", "simulated", "3m810", "feig", "serial", "camera",
        "refuse", "trust", "verify", "accept", "zbar", "zxing", "N", "/dev/ttyUSB0", "afi", "eas", "\ufeff",
        "change-me-per-site", "2468", "name", "kind", "check", "length", "prefix", "symbologies",
        "pbkdf2_sha256$1$00$" + "0" * 64, "ä", "²", "\u0661",
    ]
)  # fmt: skip
SCALARS = st.one_of(
    WORDS,
    st.text(max_size=12),
    st.booleans(),
    st.integers(min_value=-5, max_value=100),
    st.integers(),
    st.integers(min_value=-(2**80), max_value=2**80),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0, 1, -1, 0.0, 1e309, -1e309, 2**63, 65536, 3600, 86400]),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.one_of(WORDS, st.text(max_size=6)), inner, max_size=3)
    ),
    max_leaves=6,
)


def toml_value(value) -> str:
    """A value as TOML inline text (tomllib reads it back as it was)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf") if math.isinf(value) else repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # JSON escapes are TOML escapes
    if isinstance(value, list | tuple):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return "{" + ", ".join(f"{toml_key(k)} = {toml_value(v)}" for k, v in value.items()) + "}"


def toml_key(key) -> str:
    return json.dumps(str(key), ensure_ascii=False)


def toml_document(data: dict) -> str:
    return "".join(f"{toml_key(k)} = {toml_value(v)}\n" for k, v in data.items())


def site(folder: str) -> dict:
    data = json.loads(json.dumps(DEMO))
    data["journal"]["path"] = f"{folder}/journal.sqlite3"
    data["catalog"]["path"] = f"{folder}/catalog.sqlite3"
    return data


KNOWN_KEYS = sorted(
    {(name, f) for name, cls in config.SECTIONS.items() for f in cls.__dataclass_fields__} - PINNED
)  # fmt: skip


DELETE = object()
DEVICE_KEYS = ["kind", "driver", "drvier", "enabled", "port", "baudrate", "timeout_ms", "reconnect_ms", "device",
               "crop", "absence_s", "terminator", "encoding"]  # fmt: skip


@st.composite
def mutations(draw):
    """A list of edits: (section, key or None, value or DELETE)."""
    edits = []
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        kind = draw(st.sampled_from(["known", "known", "known", "rule", "device", "section", "new"]))
        if kind == "known":
            section, key = draw(st.sampled_from(KNOWN_KEYS))
            edits.append(("set", section, key, draw(VALUES | st.just(DELETE))))
        elif kind == "rule":
            rule_key = draw(st.sampled_from(["name", "kind", "prefix", "length", "min_length", "max_length",
                                             "symbologies", "check", "lenght", "x"]))  # fmt: skip
            edits.append(("rule", draw(st.integers(0, 2)), rule_key, draw(VALUES | st.just(DELETE))))
        elif kind == "device":
            device = draw(st.sampled_from(["pad", "scanner", "new"]))
            dev_key = draw(st.sampled_from(DEVICE_KEYS))
            edits.append(("device", device, dev_key, draw(VALUES | st.just(DELETE))))
        elif kind == "section":
            section = draw(st.sampled_from([*config.SECTIONS, "devices", "nonsense"]))
            if section not in ("journal", "catalog"):
                edits.append(("section", section, None, draw(VALUES | st.just(DELETE))))
        else:
            section = draw(st.sampled_from([*config.SECTIONS]))
            edits.append(("set", section, draw(st.text(max_size=8)), draw(VALUES)))
    return edits


def apply(data: dict, edits) -> dict:
    for op, where, key, value in edits:
        if op == "set":
            table = data.setdefault(where, {})
            if not isinstance(table, dict) or (where, key) in PINNED:
                continue
            if value is DELETE:
                table.pop(key, None)
            else:
                table[key] = value
        elif op == "rule":
            barcodes = data.setdefault("barcodes", {})
            rules = barcodes.setdefault("rules", []) if isinstance(barcodes, dict) else None
            if not isinstance(rules, list):
                continue
            while len(rules) <= where:
                rules.append({})
            if isinstance(rules[where], dict) and value is DELETE:
                rules[where].pop(key, None)
            elif isinstance(rules[where], dict):
                rules[where][key] = value
        elif op == "device":
            devices = data.setdefault("devices", {})
            table = devices.setdefault(where, {}) if isinstance(devices, dict) else None
            if isinstance(table, dict) and value is DELETE:
                table.pop(key, None)
            elif isinstance(table, dict):
                table[key] = value
        elif value is DELETE:
            data.pop(where, None)
        else:
            data[where] = value
    return data


def load_or_refuse(path: Path):
    """check-config's verdict: Settings, or None for a ConfigError; anything else fails the test."""
    try:
        accepted = config.load(path)
    except ConfigError as exc:
        refusal = exc.message
    else:
        event("accepted by config.load")  # --hypothesis-show-statistics counts both outcomes
        return accepted
    event("refused with a ConfigError")
    assert str(path) in refusal, refusal  # every refusal names the file
    return None


def starts(settings_: config.Settings) -> None:
    """Start-up accepts what check-config accepted (the kiosk is built and closed, no GUI)."""
    kiosk = build(settings_, threaded=False)
    kiosk.close()


@fuzz(slow=2)
@given(mutations())
def test_mutated_settings_are_refused_clearly_or_start(edits):
    count("config: mutated settings (load + build)")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "kiosk.toml"
        path.write_text(toml_document(apply(site(folder), edits)), encoding="utf-8")
        accepted = load_or_refuse(path)
        if accepted is not None:
            starts(accepted)


@fuzz(slow=2)
@given(
    st.integers(min_value=0, max_value=len(DEMO_TEXT)),
    st.integers(min_value=0, max_value=40),
    st.one_of(st.binary(max_size=12), st.sampled_from([b"[" * 600, b"{" * 600, b"\xef\xbb\xbf", b"\x00", b"="])),
)
def test_damaged_file_text_is_refused_clearly_or_starts(at, cut, insert):
    """Bytes inserted and cut anywhere in the shipped demo file (its paths kept in the temporary folder)."""
    count("config: damaged file text (load + build)")
    with tempfile.TemporaryDirectory() as folder:
        text = DEMO_TEXT.replace("../var/", f"{folder}/").encode()
        at = min(at, len(text))
        raw = text[:at] + insert + text[at + cut :]
        path = Path(folder) / "kiosk.toml"
        path.write_bytes(raw)
        accepted = load_or_refuse(path)
        if accepted is not None and accepted.catalog.kind == "demo":
            resolved = {accepted.resolve(accepted.journal.path), accepted.resolve(accepted.catalog.path)}
            if all(str(p).startswith(folder) for p in resolved):  # a damaged path may point anywhere
                starts(accepted)
