"""Typed settings read from a TOML file, validated with errors that name
the file, the key and what was expected.

The schema is a table of sections; each key has a type, a default (or
``REQUIRED``) and an optional check. Device sections are free-form beyond
``kind`` and ``driver``: each driver validates its own options when opened.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from kiosk.errors import ConfigError

REQUIRED = object()
LANGUAGES = ("id", "en")


@dataclass(frozen=True)
class Key:
    type: type | tuple[type, ...]
    default: Any = REQUIRED
    check: Callable[[Any], str | None] | None = None  # returns a complaint or None
    expected: str = ""


def _one_of(*choices: str) -> Callable[[Any], str | None]:
    return lambda v: None if v in choices else f"one of {', '.join(map(repr, choices))}"


def _at_least(low: int) -> Callable[[Any], str | None]:
    return lambda v: None if v >= low else f"a number >= {low}"


def _positive(v) -> str | None:
    return None if v > 0 else "a positive number"


def _port(v: int) -> str | None:
    return None if 0 < v < 65536 else "a TCP port (1-65535)"


def _byte(v: int) -> str | None:
    return None if 0 <= v <= 255 else "a byte value 0-255 (e.g. 0xC2)"


def _encoding(v: str) -> str | None:
    import codecs

    try:
        codecs.lookup(v)
    except LookupError:
        return "a text encoding Python knows (utf-8, cp1252, latin-1, …)"
    return None


def _languages(v: list) -> str | None:
    bad = [x for x in v if x not in LANGUAGES]
    if bad or not v:
        return f"a non-empty list of languages from {list(LANGUAGES)}"
    return None


SCHEMA: dict[str, dict[str, Key]] = {
    "kiosk": {
        "name": Key(str, "Kiosk"),
        "library": Key(str, "Perpustakaan Kota"),
        "mode": Key(str, "checkout", _one_of("checkout", "return")),
        "languages": Key(list, ["id", "en"], _languages),
        "default_language": Key(str, "id", _one_of(*LANGUAGES)),
        "require_pin": Key(bool, False),
        "idle_timeout_s": Key(int, 60, _at_least(5)),
        "idle_warning_s": Key(int, 15, _at_least(1)),
        "finish_screen_s": Key(int, 10, _at_least(1)),
    },
    "catalog": {
        "kind": Key(str, REQUIRED, _one_of("demo", "sip2")),
        # demo
        "path": Key(str, "../var/demo-catalog.sqlite3"),
        # every kind: the branch this kiosk stands in (SIP2: AO institution / CP location)
        "location": Key(str, "PUSAT"),
        "timeout_s": Key((int, float), 5.0, _positive),
        # sip2
        "host": Key(str, ""),
        "port": Key(int, 6001, _port),
        "username": Key(str, ""),
        "password": Key(str, ""),
        "password_env": Key(str, ""),
        "institution": Key(str, ""),
        "terminal_password": Key(str, ""),
        "tls": Key(bool, False),
        "ca_file": Key(str, ""),
        "encoding": Key(str, "utf-8", _encoding),
        "error_detection": Key(bool, True),
        "retries": Key(int, 3, _at_least(0)),
        "pool_size": Key(int, 4, _at_least(1)),
        "heartbeat_s": Key((int, float), 60.0, _positive),
        "offline_profile": Key(str, "standard", _one_of("standard", "koha")),
    },
    "journal": {
        "path": Key(str, "../var/journal.sqlite3"),
        "retention_days": Key(int, 7, _at_least(0)),
        "hash_salt": Key(str, "change-me-per-site"),
    },
    "offline": {
        "enabled": Key(bool, True),
        "max_items_per_patron": Key(int, 5, _at_least(0)),
        "loan_days": Key(int, 14, _at_least(1)),
        "refuse_known_blocked": Key(bool, True),
        "pin": Key(str, "accept", _one_of("accept", "refuse")),
    },
    "sync": {
        "interval_s": Key((int, float), 30.0, _positive),
        "max_backoff_s": Key((int, float), 300.0, _positive),
    },
    "rfid": {
        # Tag data model on this site's items; "auto" detects per tag.
        "data_model": Key(str, "auto", _one_of("auto", "iso28560-3", "iso28560-2", "rfid501")),
        # How the gate knows a loan: the tag's AFI byte, or the NXP EAS bit.
        "security": Key(str, "afi", _one_of("afi", "eas")),
        "afi_on_loan": Key(int, 0xC2, _byte),
        "afi_in_stock": Key(int, 0x07, _byte),
        "security_retries": Key(int, 3, _at_least(1)),
        # Seconds to wait for the other parts of a multi-part item.
        "set_wait_s": Key((int, float), 2.0, _positive),
        # Written on tags the kiosk encodes (ISO 3166 country, owner ISIL).
        "country": Key(str, "ID"),
        "isil": Key(str, ""),
    },
    "barcodes": {
        # Decoder for camera frames.
        "decoder": Key(str, "zxing", _one_of("zxing", "zbar")),
        # Symbologies the camera looks for.
        "symbologies": Key(list, ["codabar", "code128", "code39", "ean13", "itf"]),
        # Rules telling a patron card from an item: a list of tables (see kiosk.example.toml).
        "rules": Key(list, []),
        # Keyboard-wedge scanners: a scan is keystrokes at most this far apart…
        "wedge_max_gap_ms": Key(int, 50, _at_least(1)),
        # …at least this long, taking at most this long in all.
        "wedge_min_length": Key(int, 4, _at_least(1)),
        "wedge_max_duration_ms": Key(int, 1500, _at_least(1)),
        # Optional character the scanner is set to send first ("" = none).
        "wedge_prefix": Key(str, ""),
    },
    "staff": {
        "pin_hash": Key(str, ""),
        "pin_hash_env": Key(str, ""),
    },
}
DEVICE_KEYS = {
    "kind": Key(str, REQUIRED, _one_of("rfid", "barcode")),
    "driver": Key(str, REQUIRED),
    "enabled": Key(bool, True),
}


@dataclass(frozen=True)
class DeviceConfig:
    name: str
    kind: str
    driver: str
    enabled: bool = True
    options: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Section:
    """Read-only attribute view of one validated section."""

    values: dict

    def __getattr__(self, name: str) -> Any:
        try:
            return self.values[name]
        except KeyError:
            raise AttributeError(name) from None


@dataclass(frozen=True)
class Settings:
    source: Path
    kiosk: Section
    catalog: Section
    journal: Section
    offline: Section
    sync: Section
    rfid: Section
    barcodes: Section
    staff: Section
    devices: tuple[DeviceConfig, ...]

    def resolve(self, path: str) -> Path:
        """A relative path in a config file is relative to that file's folder,
        so a site's config works from any working directory."""
        p = Path(os.path.expanduser(path))
        return p if p.is_absolute() else (self.source.parent / p).resolve()

    @property
    def staff_pin_hash(self) -> str:
        env = self.staff.pin_hash_env
        return os.environ.get(env, "") if env else self.staff.pin_hash

    def summary(self) -> str:
        devices = ", ".join(f"{d.name}={d.kind}/{d.driver}" for d in self.devices) or "no devices"
        return (
            f"{self.source}: OK — mode {self.kiosk.mode}, languages {'/'.join(self.kiosk.languages)}, "
            f"catalog {self.catalog.kind}, journal {self.journal.path}, "
            f"offline {'on' if self.offline.enabled else 'off'}, {devices}"
        )


def _type_name(t: type | tuple[type, ...]) -> str:
    names = {str: "a string", int: "an integer", float: "a number", bool: "true or false",
             list: "a list", dict: "a table"}
    if isinstance(t, tuple):
        return "a number" if set(t) == {int, float} else " or ".join(names[x] for x in t)
    return names[t]


def _check_value(src: Path, where: str, key: Key, value: Any) -> Any:
    types = key.type if isinstance(key.type, tuple) else (key.type,)
    if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
        raise ConfigError(f"{src}: {where}: expected {_type_name(key.type)}, got {value!r}",
                          hint="fix the value in the file (see config/kiosk.example.toml)")
    if key.check and (complaint := key.check(value)):
        raise ConfigError(f"{src}: {where}: expected {complaint}, got {value!r}",
                          hint="fix the value in the file (see config/kiosk.example.toml)")
    return value


def _validate_table(src: Path, section: str, table: Any, keys: dict[str, Key], *, extra_ok=False) -> tuple[dict, dict]:
    if not isinstance(table, dict):
        raise ConfigError(f"{src}: [{section}]: expected a table, got {table!r}")
    values, extra = {}, {}
    for name, value in table.items():
        if name not in keys:
            if extra_ok:
                extra[name] = value
                continue
            raise ConfigError(f"{src}: [{section}] {name}: unknown key (known: {', '.join(keys)})",
                              hint="remove it or check its spelling")
        values[name] = _check_value(src, f"[{section}] {name}", keys[name], value)
    for name, key in keys.items():
        if name not in values:
            if key.default is REQUIRED:
                raise ConfigError(f"{src}: [{section}] {name}: missing required value "
                                  f"(expected {_type_name(key.type)})", hint=f"add '{name} = ...' under [{section}]")
            values[name] = list(key.default) if isinstance(key.default, list) else key.default
    return values, extra


def parse(data: dict, src: Path) -> Settings:
    sections: dict[str, Section] = {}
    for name in data:
        if name not in SCHEMA and name != "devices":
            raise ConfigError(f"{src}: [{name}]: unknown section (known: {', '.join([*SCHEMA, 'devices'])})",
                              hint="remove it or check its spelling")
    for name, keys in SCHEMA.items():
        if name not in data and any(k.default is REQUIRED for k in keys.values()):
            raise ConfigError(f"{src}: [{name}]: missing required section", hint=f"add a [{name}] table")
        values, _ = _validate_table(src, name, data.get(name, {}), keys)
        sections[name] = Section(values)
    kiosk = sections["kiosk"]
    if kiosk.default_language not in kiosk.languages:
        raise ConfigError(f"{src}: [kiosk] default_language: expected one of the configured languages "
                          f"{kiosk.languages}, got {kiosk.default_language!r}")
    catalog = sections["catalog"]
    if catalog.kind == "sip2" and not catalog.host:
        raise ConfigError(f"{src}: [catalog] host: missing required value for kind = \"sip2\" (expected a string)",
                          hint="add host = \"ils.example.org\" under [catalog]")
    devices_table = data.get("devices", {})
    if not isinstance(devices_table, dict):
        raise ConfigError(f"{src}: [devices]: expected tables like [devices.pad], got {devices_table!r}")
    devices = []
    for dev_name, table in devices_table.items():
        values, options = _validate_table(src, f"devices.{dev_name}", table, DEVICE_KEYS, extra_ok=True)
        devices.append(DeviceConfig(dev_name, values["kind"], values["driver"], values["enabled"], options))
    return Settings(source=src, devices=tuple(devices), **sections)


def load(path: str | Path) -> Settings:
    """Read and validate a config file; every failure is a :class:`ConfigError`."""
    src = Path(path)
    try:
        raw = src.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{src}: cannot read the configuration file ({exc.strerror})",
                          hint="check the path given with --config") from exc
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{src}: not UTF-8 text (byte {exc.start})", hint="save the file as UTF-8") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{src}: not valid TOML: {exc}", hint="fix the line named above") from exc
    return parse(data, src)


def demo_config_path() -> Path:
    """The embedded defaults, ``kiosk/defaults/demo.toml`` (package data, so a wheel has them).

    Its paths are relative (``../var/...``), so the file handed out must sit
    where ``../var`` is the user's to write: in a clone that is
    ``config/demo.toml`` (a symlink to the packaged file), so the demo's data
    stays in the clone's ``var/`` as before; an installed package is in
    site-packages, often read-only and never a place for data, so the
    packaged file is copied to ``$XDG_STATE_HOME/kiosk/demo/`` (default
    ``~/.local/state``) and its data lands in ``$XDG_STATE_HOME/kiosk/var/``.
    """
    packaged = Path(__file__).resolve().parent / "defaults" / "demo.toml"
    clone = packaged.parent.parent.parent / "config" / "demo.toml"
    if clone.is_file():
        return clone
    state = Path(os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state") / "kiosk"
    copy = state / "demo" / "demo.toml"
    text = packaged.read_bytes()
    if not copy.is_file() or copy.read_bytes() != text:  # a newer kiosk's defaults replace an older copy
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_bytes(text)
    return copy


def override(settings: Settings, section: str, **values: Any) -> Settings:
    """A copy of ``settings`` with some values of one section replaced
    (tests, screenshots and the demo ILS point paths at temporary folders)."""
    from dataclasses import replace

    current = getattr(settings, section)
    return replace(settings, **{section: Section({**current.values, **values})})
