"""The config loader under fuzz: ``kiosk.config.load`` on generated TOML files
(the demo config with values swapped for wrong types, huge or non-finite
numbers, NUL characters, deep nesting, unknown and missing keys, and raw bytes
spliced into the text) raises a KnownError (ConfigError) naming the problem,
or gives settings; never anything else."""

from __future__ import annotations

import math
import tempfile
import tomllib
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from kiosk import config
from kiosk.errors import KnownError
from tests.fuzz.budget import count, fuzz

BASE = tomllib.loads(config.demo_config_path().read_text(encoding="utf-8"))
FOLDER = Path(tempfile.mkdtemp(prefix="kiosk-fuzz-config-"))


def _paths(table: dict, prefix: tuple = ()) -> list[tuple]:
    out = []
    for key, value in table.items():
        out.append((*prefix, key))
        if isinstance(value, dict):
            out += _paths(value, (*prefix, key))
    return out


PATHS = _paths(BASE)
RULE = BASE["barcodes"]["rules"][0]

values = st.recursive(
    st.one_of(
        st.text(max_size=12),
        st.sampled_from(["\x00", "luhn", "sip2", "demo", "simulated", "3m", "feig", "/dev/ttyS99", "utf-8\x00"]),
        st.integers(min_value=-(2**63), max_value=2**63 - 1),
        st.floats(allow_nan=True, allow_infinity=True),
        st.booleans(),
    ),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text("abcdefgh_", min_size=1, max_size=6), inner, max_size=3)
    ),
    max_leaves=6,
)


def toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf") if math.isinf(value) else repr(value)
    if isinstance(value, str):
        return '"' + "".join(c if c.isprintable() and c not in '"\\' else f"\\u{ord(c):04x}" for c in value) + '"'
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return "{" + ", ".join(f'"{k}" = {toml_value(v)}' for k, v in value.items()) + "}"


def toml_text(table: dict, prefix: str = "") -> str:
    scalars = "".join(f'"{k}" = {toml_value(v)}\n' for k, v in table.items() if not isinstance(v, dict))
    tables = "".join(
        f"[{prefix}{k}]\n" + toml_text(v, f"{prefix}{k}.") for k, v in table.items() if isinstance(v, dict)
    )
    return scalars + tables


def _set(table: dict, path: tuple, value) -> None:
    for key in path[:-1]:
        table = table.setdefault(key, {}) if isinstance(table.get(key, {}), dict) else {}
    if value is _DELETE:
        table.pop(path[-1], None)
    else:
        table[path[-1]] = value


_DELETE = object()


def _copy(table):
    return {k: _copy(v) if isinstance(v, dict) else v for k, v in table.items()}


@st.composite
def config_files(draw) -> bytes:
    table = _copy(BASE)
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(PATHS) | st.tuples(st.sampled_from(sorted(BASE)), st.text("abcxyz_", min_size=1)))
        _set(table, path, draw(values | st.just(_DELETE)))
    if draw(st.booleans()):  # a rule table entry with a key of the wrong type or name
        rule = dict(RULE)
        rule[draw(st.sampled_from([*RULE, "lenght", "min_length", "max_length"]))] = draw(values)
        if not isinstance(table.get("barcodes"), dict):
            table["barcodes"] = {}
        table["barcodes"]["rules"] = [rule]
    text = toml_text(table).encode("utf-8")
    if draw(st.integers(0, 4)) == 0:  # raw damage: bytes spliced into the text, or deep nesting
        at = draw(st.integers(0, len(text)))
        junk = draw(st.binary(max_size=6) | st.sampled_from([b"[" * 500, b"\x00", b"\xff\xfe", b"= =", b"\n[x\n"]))
        text = text[:at] + junk + text[at:]
    return text


@fuzz(slow=4)
@given(config_files())
def test_any_config_file_loads_or_raises_a_config_error(text):
    count("config loader (kiosk.config.load)")
    path = FOLDER / "kiosk.toml"
    path.write_bytes(text)
    try:
        config.load(path)
    except KnownError:
        pass
