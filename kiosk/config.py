"""Typed settings read from a TOML file, validated with errors that name
the file, the key and what was expected.

Each section is a frozen dataclass; a key's type is its annotation and its
default and check sit next to it in ``key(...)``, so the loader validates by
walking the fields and there is no second table to keep in step.

:func:`load` is the one validation path: ``kiosk check-config`` and every
command that starts the kiosk call it, and it checks everything start-up
would trip over in the file's content — device drivers and options, barcode
rules, what the chosen catalog kind needs (environment variables, CA file),
the staff PIN hash — so a file that passes check-config starts.
"""

from __future__ import annotations

import os
import re
import tomllib
import typing
from collections.abc import Callable
from dataclasses import MISSING, dataclass, field, fields, replace
from functools import cache
from pathlib import Path
from typing import Any

from kiosk.errors import ConfigError, KnownError

REQUIRED: Any = MISSING  # a key() with no default must be in the file
LANGUAGES = ("id", "en")
HINT = "fix the value in the file (see config/kiosk.example.toml)"
Check = Callable[[Any], "str | None"]  # returns what was expected, or None when the value is fine


def key(default: Any = REQUIRED, check: Check | None = None) -> Any:
    """A config key: its default (or REQUIRED) and an optional check, declared next to the field."""
    if isinstance(default, list):
        default = tuple(default)
    return field(default=default, metadata={"check": check})


def _one_of(*choices: str) -> Check:
    return lambda v: None if v in choices else f"one of {', '.join(map(repr, choices))}"


def _at_least(low: int) -> Check:
    return lambda v: None if v >= low else f"a number >= {low}"


def _positive(v) -> str | None:
    return None if v > 0 else "a positive number"


def _port(v: int) -> str | None:
    return None if 0 < v < 65536 else "a TCP port (1-65535)"


def parse_listen(listen: str) -> tuple[str, int] | None:
    """``host:port`` (IPv6 as ``[::1]:9464``) as (host, port), or None when it is not that form.
    Port 0 (any free port) parses; a config file may not use it (nobody could scrape it)."""
    host, sep, port = listen.rpartition(":")
    host = host.removeprefix("[").removesuffix("]")
    if not sep or not host or not (port.isascii() and port.isdigit()) or not 0 <= int(port) < 65536:
        return None
    return host, int(port)


def _listen(v: str) -> str | None:
    where = parse_listen(v)
    return None if not v or (where and where[1]) else 'host:port, e.g. "127.0.0.1:9464", or "" for none'


def _byte(v: int) -> str | None:
    return None if 0 <= v <= 255 else "a byte value 0-255 (e.g. 0xC2)"


def _at_most_one_char(v: str) -> str | None:
    return None if len(v) <= 1 else 'one character or "" (none)'


def _encoding(v: str) -> str | None:
    import codecs

    try:
        codecs.lookup(v)
    except LookupError:
        return "a text encoding Python knows (utf-8, cp1252, latin-1, …)"
    return None


def _languages(v: tuple) -> str | None:
    bad = [x for x in v if x not in LANGUAGES]
    if bad or not v:
        return f"a non-empty list of languages from {list(LANGUAGES)}"
    return None


PIN_HASH = re.compile(r"pbkdf2_sha256\$[1-9][0-9]*\$(?:[0-9a-f]{2})+\$[0-9a-f]{64}")


def _pin_hash(v: str) -> str | None:
    """A hash `kiosk hash-pin` made (kiosk.pins), or "": anything else never matches a typed PIN."""
    return None if not v or PIN_HASH.fullmatch(v) else 'a hash made by `kiosk hash-pin` (pbkdf2_sha256$…) or ""'


@dataclass(frozen=True, kw_only=True)
class KioskSettings:
    name: str = key("Kiosk")
    library: str = key("Perpustakaan Kota")
    mode: str = key("checkout", _one_of("checkout", "return"))
    languages: tuple[str, ...] = key(["id", "en"], _languages)
    default_language: str = key("id", _one_of(*LANGUAGES))
    require_pin: bool = key(False)
    idle_timeout_s: int = key(60, _at_least(5))
    idle_warning_s: int = key(15, _at_least(1))
    finish_screen_s: int = key(10, _at_least(1))


@dataclass(frozen=True, kw_only=True)
class CatalogSettings:
    kind: str = key(REQUIRED, _one_of("demo", "sip2"))
    # demo
    path: str = key("../var/demo-catalog.sqlite3")
    # every kind: the branch this kiosk stands in (SIP2: AO institution / CP location)
    location: str = key("PUSAT")
    timeout_s: float = key(5.0, _positive)
    # sip2
    host: str = key("")
    port: int = key(6001, _port)
    username: str = key("")
    password: str = key("")
    password_env: str = key("")
    institution: str = key("")
    terminal_password: str = key("")
    tls: bool = key(False)
    ca_file: str = key("")
    encoding: str = key("utf-8", _encoding)
    error_detection: bool = key(True)
    retries: int = key(3, _at_least(0))
    pool_size: int = key(4, _at_least(1))
    heartbeat_s: float = key(60.0, _positive)
    offline_profile: str = key("standard", _one_of("standard", "koha"))


@dataclass(frozen=True, kw_only=True)
class JournalSettings:
    path: str = key("../var/journal.sqlite3")
    retention_days: int = key(7, _at_least(0))
    hash_salt: str = key("change-me-per-site")


@dataclass(frozen=True, kw_only=True)
class OfflineSettings:
    enabled: bool = key(True)
    max_items_per_patron: int = key(5, _at_least(0))
    loan_days: int = key(14, _at_least(1))
    refuse_known_blocked: bool = key(True)
    pin: str = key("accept", _one_of("accept", "refuse"))


@dataclass(frozen=True, kw_only=True)
class SyncSettings:
    interval_s: float = key(30.0, _positive)
    max_backoff_s: float = key(300.0, _positive)


@dataclass(frozen=True, kw_only=True)
class RfidSettings:
    # Tag data model on this site's items; "auto" detects per tag.
    data_model: str = key("auto", _one_of("auto", "iso28560-3", "iso28560-2", "rfid501"))
    # How the gate knows a loan: the tag's AFI byte, or the NXP EAS bit.
    security: str = key("afi", _one_of("afi", "eas"))
    afi_on_loan: int = key(0xC2, _byte)
    afi_in_stock: int = key(0x07, _byte)
    security_retries: int = key(3, _at_least(1))
    # Seconds to wait for the other parts of a multi-part item.
    set_wait_s: float = key(2.0, _positive)
    # Written on tags the kiosk encodes (ISO 3166 country, owner ISIL).
    country: str = key("ID")
    isil: str = key("")


@dataclass(frozen=True, kw_only=True)
class BarcodeSettings:
    # Decoder for camera frames.
    decoder: str = key("zxing", _one_of("zxing", "zbar"))
    # Symbologies the camera looks for (names from kiosk.devices.barcode.rules.SYMBOLOGIES, checked in load()).
    symbologies: tuple[str, ...] = key(["codabar", "code128", "code39", "ean13", "itf"])
    # Rules telling a patron card from an item: a list of tables (see kiosk.example.toml), checked in load().
    rules: tuple[dict, ...] = key([])
    # Keyboard-wedge scanners: a scan is keystrokes at most this far apart…
    wedge_max_gap_ms: int = key(50, _at_least(1))
    # …at least this long, taking at most this long in all.
    wedge_min_length: int = key(4, _at_least(1))
    wedge_max_duration_ms: int = key(1500, _at_least(1))
    # Optional character the scanner is set to send first ("" = none).
    wedge_prefix: str = key("", _at_most_one_char)


@dataclass(frozen=True, kw_only=True)
class StaffSettings:
    pin_hash: str = key("", _pin_hash)
    pin_hash_env: str = key("")


def _percent(v: int) -> str | None:
    return None if 0 <= v <= 100 else "a percentage 0-100"


@dataclass(frozen=True, kw_only=True)
class AudioSettings:
    """Audio cues (kiosk.sounds): short tones for success, refusal and attention."""

    enabled: bool = key(True)
    volume: int = key(70, _percent)
    # "auto" tries pw-play, paplay, then aplay; or name one; "none" is silent.
    player: str = key("auto", _one_of("auto", "aplay", "pw-play", "paplay", "none"))
    # ALSA device for aplay ("" = the default one), e.g. "plughw:0,0".
    device: str = key("")


@dataclass(frozen=True, kw_only=True)
class CallStaffSettings:
    """The call-staff button (kiosk.call_staff)."""

    # A command run when a patron calls staff, e.g. to switch on a light on the kiosk (empty: none).
    light_command: tuple[str, ...] = key([])
    # Play the attention cue as well (through [audio]).
    sound: bool = key(True)


@dataclass(frozen=True, kw_only=True)
class MetricsSettings:
    # Prometheus metrics on http://<listen>/metrics; "" = off (DESIGN.md §15).
    listen: str = key("", _listen)


@dataclass(frozen=True, kw_only=True)
class SurveySettings:
    """The public satisfaction survey (SKM) after a visit; see kiosk/survey/."""

    enabled: bool = key(False)
    # The one-tap "How was our service today?" after a session, and how long it waits for a tap.
    one_tap: bool = key(True)
    one_tap_s: int = key(15, _at_least(3))
    # Every Nth visit gets the full questionnaire (0: only while staff run a survey period).
    full_every_n: int = key(0, _at_least(0))
    # The people the library serves in the survey's period, for the minimum sample (0: not known).
    population: int = key(0, _at_least(0))
    # The service unit named on the report ("": [kiosk] library).
    unit: str = key("")


@dataclass(frozen=True, kw_only=True)
class _DeviceKeys:
    """The keys every [devices.<name>] table has; the rest are the driver's options."""

    kind: str = key(REQUIRED, _one_of("rfid", "barcode"))
    driver: str = key(REQUIRED)
    enabled: bool = key(True)


SECTIONS: dict[str, type] = {
    "kiosk": KioskSettings,
    "catalog": CatalogSettings,
    "journal": JournalSettings,
    "offline": OfflineSettings,
    "sync": SyncSettings,
    "rfid": RfidSettings,
    "barcodes": BarcodeSettings,
    "staff": StaffSettings,
    "metrics": MetricsSettings,
    "survey": SurveySettings,
    "audio": AudioSettings,
    "call_staff": CallStaffSettings,
}


@dataclass(frozen=True)
class DeviceConfig:
    name: str
    kind: str
    driver: str
    enabled: bool = True
    options: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Settings:
    source: Path
    kiosk: KioskSettings
    catalog: CatalogSettings
    journal: JournalSettings
    offline: OfflineSettings
    sync: SyncSettings
    rfid: RfidSettings
    barcodes: BarcodeSettings
    staff: StaffSettings
    metrics: MetricsSettings
    survey: SurveySettings
    devices: tuple[DeviceConfig, ...]
    audio: AudioSettings = AudioSettings()
    call_staff: CallStaffSettings = CallStaffSettings()

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


# -- reading one table into its dataclass ------------------------------------------------

_TYPE_NAMES = {str: "a string", int: "an integer", float: "a number", bool: "true or false"}
_ITEM_NAMES = {str: "a list of strings", dict: "a list of tables"}


@cache
def _spec(cls: type) -> tuple[tuple[str, Any, Any, Check | None], ...]:
    """(name, annotated type, default, check) per field, from the dataclass itself."""
    hints = typing.get_type_hints(cls)
    return tuple((f.name, hints[f.name], f.default, f.metadata.get("check")) for f in fields(cls))


def _expected(hint: Any) -> str:
    if typing.get_origin(hint) is tuple:
        return _ITEM_NAMES[typing.get_args(hint)[0]]
    return _TYPE_NAMES[hint]


def _convert(hint: Any, value: Any) -> tuple[bool, Any]:
    """(fits, value as the field holds it): a TOML list becomes a tuple, an integer a float."""
    if typing.get_origin(hint) is tuple:
        item = typing.get_args(hint)[0]
        fits = isinstance(value, list) and all(isinstance(x, item) and not isinstance(x, bool) for x in value)
        return fits, tuple(value) if fits else value
    if isinstance(value, bool):
        return hint is bool, value
    if hint is float and isinstance(value, int):
        return True, float(value)
    return isinstance(value, hint), value


def _read_table(src: Path, where: str, table: Any, cls: type, *, extra_ok: bool = False) -> tuple[Any, dict]:
    """The dataclass ``cls`` from one TOML table, and (with extra_ok) the keys it does not know."""
    if not isinstance(table, dict):
        raise ConfigError(f"{src}: [{where}]: expected a table, got {table!r}", hint=HINT)
    spec = {name: (hint, default, check) for name, hint, default, check in _spec(cls)}
    values, extra = {}, {}
    for name, value in table.items():
        if name not in spec:
            if extra_ok:
                extra[name] = value
                continue
            raise ConfigError(
                f"{src}: [{where}] {name}: unknown key (known: {', '.join(spec)})",
                hint="remove it or check its spelling",
            )
        hint, _, check = spec[name]
        fits, value = _convert(hint, value)
        if not fits:
            raise ConfigError(f"{src}: [{where}] {name}: expected {_expected(hint)}, got {value!r}", hint=HINT)
        if check and (complaint := check(value)):
            raise ConfigError(f"{src}: [{where}] {name}: expected {complaint}, got {value!r}", hint=HINT)
        values[name] = value
    for name, (hint, default, _) in spec.items():
        if name not in values and default is REQUIRED:
            raise ConfigError(
                f"{src}: [{where}] {name}: missing required value (expected {_expected(hint)})",
                hint=f"add '{name} = ...' under [{where}]",
            )
    return cls(**values), extra


def _as_toml(values: dict[str, Any]) -> dict[str, Any]:
    """Values as a TOML table holds them (tuples as lists), to re-read a section with changes."""
    return {name: list(v) if isinstance(v, tuple) else v for name, v in values.items()}


def parse(data: dict, src: Path) -> Settings:
    """Settings from a parsed TOML document: keys, types and per-key checks (see :func:`validate`)."""
    for name in data:
        if name not in SECTIONS and name != "devices":
            raise ConfigError(
                f"{src}: [{name}]: unknown section (known: {', '.join([*SECTIONS, 'devices'])})",
                hint="remove it or check its spelling",
            )
    sections = {}
    for name, cls in SECTIONS.items():
        if name not in data and any(default is REQUIRED for _, _, default, _ in _spec(cls)):
            raise ConfigError(f"{src}: [{name}]: missing required section", hint=f"add a [{name}] table")
        sections[name], _ = _read_table(src, name, data.get(name, {}), cls)
    devices_table = data.get("devices", {})
    if not isinstance(devices_table, dict):
        raise ConfigError(f"{src}: [devices]: expected tables like [devices.pad], got {devices_table!r}", hint=HINT)
    devices = []
    for dev_name, table in devices_table.items():
        keys, options = _read_table(src, f"devices.{dev_name}", table, _DeviceKeys, extra_ok=True)
        devices.append(DeviceConfig(dev_name, keys.kind, keys.driver, keys.enabled, options))
    return Settings(source=src, devices=tuple(devices), **sections)


# -- what start-up needs of the content, across keys and beyond the file -----------------


def validate(settings: Settings) -> Settings:
    """Every check start-up makes on the file's content, so check-config and start-up agree.

    Beyond single keys: keys that depend on each other, what the catalog kind
    needs (environment variables, the CA file), the staff PIN hash, barcode
    rules and symbologies, device drivers and their options. Not checked:
    whether hardware is plugged in or the ILS answers. Raises ConfigError
    naming the file and the key.
    """
    src = settings.source

    def fail(where: str, problem: str, hint: str = HINT) -> typing.NoReturn:
        raise ConfigError(f"{src}: {where}: {problem}", hint=hint)

    kiosk, catalog, staff = settings.kiosk, settings.catalog, settings.staff
    if kiosk.default_language not in kiosk.languages:
        fail(
            "[kiosk] default_language",
            f"expected one of the configured languages {list(kiosk.languages)}, got {kiosk.default_language!r}",
        )
    if kiosk.idle_warning_s >= kiosk.idle_timeout_s:
        fail(
            "[kiosk] idle_warning_s",
            f"expected fewer seconds than idle_timeout_s ({kiosk.idle_timeout_s}), got {kiosk.idle_warning_s}",
            "the countdown is the last part of the idle time",
        )
    if settings.sync.max_backoff_s < settings.sync.interval_s:
        fail(
            "[sync] max_backoff_s",
            f"expected at least interval_s ({settings.sync.interval_s}), got {settings.sync.max_backoff_s}",
        )
    journal_path = settings.resolve(settings.journal.path)
    if catalog.kind == "demo" and settings.resolve(catalog.path) == journal_path:
        fail(
            "[catalog] path",
            f"the demo catalog and the journal are the same file {journal_path}",
            "give the journal and the demo catalog files of their own",
        )
    if catalog.kind == "sip2":
        _validate_sip2(settings, fail)
    if staff.pin_hash_env:
        stored = os.environ.get(staff.pin_hash_env)
        if stored is None:
            fail(
                "[staff] pin_hash_env",
                f"the environment variable {staff.pin_hash_env} is not set",
                f"export {staff.pin_hash_env}=<output of `kiosk hash-pin`> for the kiosk's service "
                "(check-config must run with the same environment), or use pin_hash",
            )
        if complaint := _pin_hash(stored):
            fail(
                "[staff] pin_hash_env",
                f"the environment variable {staff.pin_hash_env} holds {stored!r}, expected {complaint}",
                "set it to the output of `kiosk hash-pin`",
            )
    _validate_barcodes(settings, fail)
    _validate_devices(settings)
    return settings


def _validate_sip2(settings: Settings, fail: Callable[..., typing.NoReturn]) -> None:
    """What kiosk.catalog.sip2 needs before it can connect (kiosk.catalog.sip2.sip2_config)."""
    catalog = settings.catalog
    if not catalog.host:
        fail(
            "[catalog] host",
            'missing required value for kind = "sip2" (expected a string)',
            'add host = "ils.example.org" under [catalog]',
        )
    if catalog.password_env and os.environ.get(catalog.password_env) is None:
        fail(
            "[catalog] password_env",
            f"the environment variable {catalog.password_env} is not set",
            f"export {catalog.password_env}=... for the kiosk's service (check-config must run with the "
            "same environment), or use password",
        )
    if catalog.ca_file:
        ca_file = settings.resolve(catalog.ca_file)
        if not ca_file.is_file():
            fail(
                "[catalog] ca_file",
                f"no such file {ca_file}",
                "point ca_file to the PEM file of the CA that signed the ILS's certificate",
            )
        if catalog.tls:
            import ssl

            try:
                ssl.create_default_context(cafile=str(ca_file))
            except (ssl.SSLError, OSError, ValueError) as exc:
                fail(
                    "[catalog] ca_file",
                    f"{ca_file} is not a PEM CA certificate ({exc})",
                    "point ca_file to the PEM file of the CA that signed the ILS's certificate",
                )


def _validate_barcodes(settings: Settings, fail: Callable[..., typing.NoReturn]) -> None:
    from kiosk.devices.barcode.rules import ANY_SYMBOLOGY, SYMBOLOGIES
    from kiosk.devices.barcode.site import rule_set

    barcodes = settings.barcodes
    unknown = [s for s in barcodes.symbologies if s.lower() not in (*SYMBOLOGIES, ANY_SYMBOLOGY)]
    if unknown:
        fail(
            "[barcodes] symbologies",
            f"unknown symbology {unknown[0]!r}; known: {', '.join(SYMBOLOGIES)}, or {ANY_SYMBOLOGY!r}",
        )
    try:
        rule_set(barcodes)
    except KnownError as exc:  # "[barcodes] rules: ..." with what to do; add the file
        raise ConfigError(f"{settings.source}: {exc.message}", hint=exc.hint) from exc


def _validate_devices(settings: Settings) -> None:
    """Driver names and each driver's options, as the device manager checks them at start-up."""
    from kiosk.devices.manager import DeviceManager

    try:
        DeviceManager.check(settings.devices)
    except KnownError as exc:  # "[devices.<name>] ..." with what to do; add the file
        raise ConfigError(f"{settings.source}: {exc.message}", hint=exc.hint) from exc


def load(path: str | Path) -> Settings:
    """Read and validate a config file, as check-config and start-up both need; every failure is a
    :class:`ConfigError` naming the file and the key."""
    src = Path(path)
    try:
        raw = src.read_bytes()
    except OSError as exc:
        raise ConfigError(
            f"{src}: cannot read the configuration file ({exc.strerror})", hint="check the path given with --config"
        ) from exc
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{src}: not UTF-8 text (byte {exc.start})", hint="save the file as UTF-8") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{src}: not valid TOML: {exc}", hint="fix the line named above") from exc
    return validate(parse(data, src))


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
    (tests, screenshots and the demo ILS point paths at temporary folders),
    checked as if the file had said so."""
    if section not in SECTIONS:
        raise ValueError(f"no config section {section!r}; known: {', '.join(SECTIONS)}")
    table = _as_toml({**vars(vars(settings)[section]), **values})
    changed, _ = _read_table(settings.source, section, table, SECTIONS[section])
    return validate(replace(settings, **{section: changed}))
