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

import difflib
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
from kiosk.pins import OFFLINE_PIN_POLICIES

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


def _between(low: float, high: float) -> Check:
    """Every number has a floor and a ceiling: a value past either (1e309 is inf) would
    crash a timer, a socket or a loop at run time instead of here."""
    return lambda v: None if low <= v <= high else f"a number from {low:g} to {high:g}"


def _seconds(high: float) -> Check:
    """A positive duration in seconds, at most ``high``."""
    return lambda v: None if 0 < v <= high else f"a number of seconds above 0 and at most {high:g}"


# Older names, bounded too (a finite ceiling keeps inf and 1e309 out); prefer _between/_seconds.
CEILING = 10**9


def _at_least(low: int) -> Check:
    return _between(low, CEILING)


def _positive(v) -> str | None:
    return None if 0 < v <= CEILING else f"a positive number at most {CEILING:g}"


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
    except (LookupError, ValueError):
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
    # Wrong PINs in a row on one card before the kiosk locks that card, and for how long.
    pin_max_attempts: int = key(5, _between(1, 20))
    pin_lockout_minutes: int = key(15, _between(1, 1440))
    idle_timeout_s: int = key(60, _between(5, 3600))
    idle_warning_s: int = key(15, _between(1, 3600))
    finish_screen_s: int = key(10, _between(1, 600))
    # A kiosk that cannot start shows why for this many seconds, then exits (status 2) to be restarted.
    startup_failure_s: int = key(60, _between(0, 3600))


@dataclass(frozen=True, kw_only=True)
class CatalogSettings:
    kind: str = key(REQUIRED, _one_of("demo", "sip2"))
    # demo
    path: str = key("../var/demo-catalog.sqlite3")
    # every kind: the branch this kiosk stands in (SIP2: AO institution / CP location)
    location: str = key("PUSAT")
    timeout_s: float = key(5.0, _seconds(300))
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
    retries: int = key(3, _between(0, 10))
    pool_size: int = key(4, _between(1, 32))
    heartbeat_s: float = key(60.0, _seconds(3600))
    offline_profile: str = key("standard", _one_of("standard", "koha"))


@dataclass(frozen=True, kw_only=True)
class JournalSettings:
    path: str = key("../var/journal.sqlite3")
    retention_days: int = key(7, _between(0, 3650))
    # "": a random salt made on first start, kept beside the journal (kiosk/journal.py salt_path).
    hash_salt: str = key("")


@dataclass(frozen=True, kw_only=True)
class OfflineSettings:
    enabled: bool = key(True)
    max_items_per_patron: int = key(5, _between(1, 100))
    loan_days: int = key(14, _between(1, 366))
    refuse_known_blocked: bool = key(True)
    # PINs while the catalog is away: "refuse", "trust" ("accept", its old name), "verify" (kiosk/pins.py).
    pin: str = key("refuse", _one_of(*OFFLINE_PIN_POLICIES))
    pin_keep_days: int = key(7, _between(1, 90))
    pin_keep_max: int = key(2000, _between(1, 100_000))


@dataclass(frozen=True, kw_only=True)
class SyncSettings:
    interval_s: float = key(30.0, _seconds(86400))
    max_backoff_s: float = key(300.0, _seconds(86400))


@dataclass(frozen=True, kw_only=True)
class RfidSettings:
    # Tag data model on this site's items; "auto" detects per tag.
    data_model: str = key("auto", _one_of("auto", "iso28560-3", "iso28560-2", "rfid501"))
    # How the gate knows a loan: the tag's AFI byte, or the NXP EAS bit.
    security: str = key("afi", _one_of("afi", "eas"))
    afi_on_loan: int = key(0xC2, _byte)
    afi_in_stock: int = key(0x07, _byte)
    security_retries: int = key(3, _between(1, 10))
    # Seconds to wait for the other parts of a multi-part item.
    set_wait_s: float = key(2.0, _seconds(60))
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
    wedge_max_gap_ms: int = key(50, _between(1, 1000))
    # …at least this long, taking at most this long in all.
    wedge_min_length: int = key(4, _between(1, 100))
    wedge_max_duration_ms: int = key(1500, _between(1, 60000))
    # Optional character the scanner is set to send first ("" = none).
    wedge_prefix: str = key("", _at_most_one_char)


@dataclass(frozen=True, kw_only=True)
class StaffSettings:
    pin_hash: str = key("", _pin_hash)
    pin_hash_env: str = key("")


#: The channels a patron may take a receipt by, in the order the finish screen shows them.
RECEIPT_CHANNELS = ("print", "email", "phone", "none")


def _channels(v: tuple) -> str | None:
    bad = [x for x in v if x not in RECEIPT_CHANNELS]
    if bad or not v or len(set(v)) != len(v):
        return f"a non-empty list of distinct channels from {list(RECEIPT_CHANNELS)}"
    return None


@dataclass(frozen=True, kw_only=True)
class ReceiptSettings:
    # What the finish screen offers, and what it picks when the patron chooses nothing.
    offer: tuple[str, ...] = key(["print", "email", "phone", "none"], _channels)
    default: str = key("none", _one_of(*RECEIPT_CHANNELS))
    # Printed (and mailed) under the library's name, and at the end.
    header: tuple[str, ...] = key([])
    footer: tuple[str, ...] = key([])
    # The [devices.<name>] that prints receipts; "" = the first printer configured.
    printer: str = key("")
    # A calendar QR code of the due dates on the paper too.
    qr_on_paper: bool = key(True)


@dataclass(frozen=True, kw_only=True)
class EmailSettings:
    # SMTP server for emailed receipts; "" = email is not set up, and not offered.
    host: str = key("")
    port: int = key(587, _port)
    security: str = key("starttls", _one_of("starttls", "tls", "none"))
    username: str = key("")
    # The password: in the file, in an environment variable, or in a file of its own (0600).
    password: str = key("")
    password_env: str = key("")
    password_file: str = key("")
    sender: str = key("")
    # An email not sent by then is dropped and its address erased.
    retention_hours: int = key(72, _at_least(1))


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
class DiagnosticsSettings:
    # The catalog test transaction of diagnostics: a test patron's card and an item kept for
    # testing (checked out and back in at once; both "" = no test transaction offered).
    test_patron: str = key("")
    test_item: str = key("")
    # Where log exports go; "" = the first removable drive mounted (under /media, /run/media).
    export_dir: str = key("")


@dataclass(frozen=True, kw_only=True)
class _DeviceKeys:
    """The keys every [devices.<name>] table has; the rest are the driver's options."""

    kind: str = key(REQUIRED, _one_of("rfid", "barcode", "printer"))
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
    "receipts": ReceiptSettings,
    "email": EmailSettings,
    "diagnostics": DiagnosticsSettings,
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
    receipts: ReceiptSettings
    email: EmailSettings
    diagnostics: DiagnosticsSettings
    audio: AudioSettings
    call_staff: CallStaffSettings
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

    def _offline_summary(self) -> str:
        if not self.offline.enabled:
            return "off"
        if not any(isinstance(r, dict) and r.get("kind") == "patron" for r in self.barcodes.rules):
            return "on (but no patron-card rule in [barcodes] rules: nobody can sign in offline)"
        return "on"

    def summary(self) -> str:
        devices = ", ".join(f"{d.name}={d.kind}/{d.driver}" for d in self.devices) or "no devices"
        return (
            f"{self.source}: OK — mode {self.kiosk.mode}, languages {'/'.join(self.kiosk.languages)}, "
            f"catalog {self.catalog.kind}, journal {self.journal.path}, "
            f"offline {self._offline_summary()}, {devices}"
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
            if typo := difflib.get_close_matches(name, extra, n=1):  # `drvier = ...` is a typo, not a gap
                raise ConfigError(
                    f"{src}: [{where}] {typo[0]}: unknown key (did you mean {name!r}?)",
                    hint=f"write '{name} = ...' under [{where}]",
                )
            raise ConfigError(
                f"{src}: [{where}] {name}: missing required value (expected {_expected(hint)})",
                hint=f"add '{name} = ...' under [{where}]",
            )
    return cls(**values), extra


def _as_toml(values: dict[str, Any]) -> dict[str, Any]:
    """Values as a TOML table holds them (tuples as lists), to re-read a section with changes."""
    return {name: list(v) if isinstance(v, tuple) else v for name, v in values.items()}


def _refuse_nul(value: Any, src: Path, where: str) -> None:
    """A NUL in any string or key, at any depth: no path, encoding or name can hold one, and it
    would surface as a ValueError deep in start-up. (Other control characters are legitimate:
    a serial scanner's terminator is "\\r\\n".)"""
    if isinstance(value, dict):
        for name, item in value.items():
            _refuse_nul(name, src, where)
            _refuse_nul(item, src, f"{where}.{name}" if where else name)
    elif isinstance(value, list):
        for item in value:
            _refuse_nul(item, src, where)
    elif isinstance(value, str) and "\x00" in value:
        section, _, name = where.encode("unicode_escape").decode().rpartition(".")
        label = f"[{section}] {name}" if section else f"[{name}]"
        raise ConfigError(
            f"{src}: {label}: a NUL character (\\u0000) in {value!r}",
            hint="remove it: no value or key in the file may hold one",
        )


def parse(data: dict, src: Path) -> Settings:
    """Settings from a parsed TOML document: keys, types and per-key checks (see :func:`validate`)."""
    _refuse_nul(data, src, "")
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
    journal_path = _resolve(settings, "[journal] path", settings.journal.path, fail)
    if catalog.kind == "demo" and _resolve(settings, "[catalog] path", catalog.path, fail) == journal_path:
        fail(
            "[catalog] path",
            f"the demo catalog and the journal are the same file {journal_path}",
            "give the journal and the demo catalog files of their own",
        )
    _validate_files(settings, journal_path, fail)
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
    _validate_receipts(settings)
    return settings


#: Longest name of one folder or file in a path: file systems allow 255 bytes, and the kiosk adds
#: suffixes of its own beside the journal (-wal, -shm, .salt, .sync-lock).
LONGEST_NAME = 200


def _resolve(settings: Settings, where: str, path: str, fail: Callable[..., typing.NoReturn]) -> Path:
    try:
        resolved = settings.resolve(path)
        if any(len(part.encode()) > LONGEST_NAME for part in resolved.parts):
            fail(where, f"a folder or file name in {path!r} is longer than {LONGEST_NAME} bytes", "shorten it")
        resolved.exists()  # what the file system says of the path: a loop, a name too long
    except (OSError, RuntimeError, ValueError) as exc:
        fail(where, f"cannot use the path {path!r} ({exc})", "give a plain path to a file")
    return resolved


def _validate_files(settings: Settings, journal_path: Path, fail: Callable[..., typing.NoReturn]) -> None:
    """The files start-up opens: the journal (writable, not damaged, not from a newer kiosk), its
    salt, and the demo catalog; found without leaving anything behind."""
    from kiosk.errors import JournalError
    from kiosk.journal import OLD_DEFAULT_SALT, check_place, salt_path, sqlite_health
    from kiosk.private_files import unwritable_folder

    if settings.journal.hash_salt == OLD_DEFAULT_SALT:
        fail(
            "[journal] hash_salt",
            f"{OLD_DEFAULT_SALT!r} is the old example value, the same at every site",
            "delete the hash_salt line: the kiosk then makes a random salt of its own beside the journal",
        )
    try:
        check_place(journal_path)
    except JournalError as exc:
        fail("[journal] path", exc.message, exc.hint)
    salt = salt_path(journal_path)
    if not settings.journal.hash_salt and salt.exists() and not (salt.is_file() and os.access(salt, os.R_OK)):
        fail("[journal] path", f"the salt file {salt} cannot be read", f"give the kiosk's user read access to {salt}")
    if settings.catalog.kind == "demo":
        demo = settings.resolve(settings.catalog.path)
        if demo.is_dir():
            fail("[catalog] path", f"the demo catalog {demo} is a folder", "name a file for the demo catalog")
        if (folder := unwritable_folder(demo)) is not None:
            fail("[catalog] path", f"{folder} is not a folder this user can write", "name a file in a writable folder")
        if demo.is_file() and (problem := sqlite_health(demo)[0]) != "ok":
            fail(
                "[catalog] path",
                f"the demo catalog {demo} is damaged ({problem})",
                "delete that file: the demo catalog is made again from the demo data",
            )


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


def _validate_receipts(settings: Settings) -> None:
    """[receipts] and [email] across keys, the printer device and the password (kiosk.receipts.settings)."""
    from kiosk.receipts.settings import check

    try:
        check(settings)
    except KnownError as exc:  # "[receipts] ..." / "[email] ..." with what to do; add the file
        raise ConfigError(f"{settings.source}: {exc.message}", hint=exc.hint) from exc


def load(path: str | Path) -> Settings:
    """Read and validate a config file, as check-config and start-up both need; every failure is a
    :class:`ConfigError` naming the file and the key."""
    src = Path(path)
    return validate(parse(read_document(src), src))


def read_document(src: Path) -> dict:
    """A TOML file parsed, or a ConfigError saying why not (any config file: a kiosk's, a bridge's)."""
    try:
        raw = src.read_bytes()
    except OSError as exc:
        raise ConfigError(
            f"{src}: cannot read the configuration file ({exc.strerror})",
            hint="check the config file's path and that the kiosk's user may read it",
        ) from exc
    try:
        # A byte-order mark (Notepad writes one) is no part of the TOML: accepted and skipped.
        return tomllib.loads(raw.decode("utf-8").removeprefix("\ufeff"))
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{src}: not UTF-8 text (byte {exc.start})", hint="save the file as UTF-8") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{src}: not valid TOML: {exc}", hint="fix the line named above") from exc
    except RecursionError as exc:  # tomllib recurses once per nested [ or {
        raise ConfigError(
            f"{src}: not valid TOML: arrays or tables nested too deeply", hint="fix the brackets in the file"
        ) from exc


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
