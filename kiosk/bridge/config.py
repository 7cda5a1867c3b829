"""`bridge.toml`: the settings of `kiosk ils-bridge`, read and checked the
way `kiosk.config` reads a kiosk's (same key rules, same error wording),
and by the same `kiosk check-config`, which tells the two files apart by
their sections: a bridge file has [sip2_server] and [backend].

    [sip2_server]
    host = "127.0.0.1"          # loopback by default
    port = 6001
    institution = "PUSAT"       # SIP2 AO of every answer
    library_name = "Perpustakaan Kota"
    logins = [{ username = "kiosk1", password_hash = "pbkdf2_sha256$..." }]  # `kiosk hash-pin`
    require_patron_password = false
    encoding = "utf-8"
    tls_cert = ""               # PEM files; both or neither
    tls_key = ""
    [backend]
    kind = "slims"              # "slims" | "inlislite" | "demo"
    host = "127.0.0.1"          # or socket = "/run/mysqld/mysqld.sock"
    port = 3306
    socket = ""
    user = "kiosk_bridge"
    password_env = "KIOSK_BRIDGE_DB_PASSWORD"   # or password_file
    password_file = ""
    database = "slims"
    loan_user = "kiosk"         # the ILS user kiosk loans are recorded under (SLiMS loan.uid)
    timezone = "Asia/Jakarta"   # the library's clock
    language = "id"             # screen messages: "id" or "en"
    currency = "IDR"
    lock_timeout_s = 5.0        # how long a kiosk waits for another holding the same item
    pool_size = 8
    ignore_holidays_fine_calc = false   # SLiMS's setting of the same name
    location_library_id = 0     # INLISLite: collectionloans.LocationLibrary_id (0: the lowest location_library.ID)
    late_violation_type = 0     # INLISLite: jenis_pelanggaran.ID of a late return (0: the lowest, the desk's default)
    late_fine_type = 0          # INLISLite: jenis_denda.ID of a late return (0: the lowest, the desk's default)
    demo_path = "var/bridge-demo.sqlite3"   # kind = "demo" only
    [metrics]                   # optional: Prometheus metrics of the bridge ("" = off)
    listen = "127.0.0.1:9465"
"""

from __future__ import annotations

import os
import ssl
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from kiosk.config import (
    PIN_HASH,
    REQUIRED,
    MetricsSettings,
    _one_of,
    _port,
    _positive,
    _read_table,
    key,
    read_document,
)
from kiosk.errors import ConfigError

SECTION_NAMES = ("sip2_server", "backend")  # required: they tell a bridge file from a kiosk's
OPTIONAL_SECTIONS = ("metrics",)
BACKENDS = ("slims", "inlislite", "demo")
HINT = "fix the value in the file (see config/bridge.example.toml)"


def _timezone(v: str) -> str | None:
    try:
        ZoneInfo(v)
    except (ZoneInfoNotFoundError, ValueError):
        return 'an IANA time zone such as "Asia/Jakarta", "Asia/Makassar" or "Asia/Jayapura"'
    return None


def _positive_int(v: int) -> str | None:
    return None if v >= 1 else "a number >= 1"


def _not_negative(v: int) -> str | None:
    return None if v >= 0 else "an ID >= 0 (0: the lowest ID of the table)"


@dataclass(frozen=True, kw_only=True)
class Sip2ServerSettings:
    host: str = key("127.0.0.1")
    port: int = key(6001, _port)
    institution: str = key("PUSAT")
    library_name: str = key("Perpustakaan")
    logins: tuple[dict, ...] = key(REQUIRED)
    require_patron_password: bool = key(False)
    encoding: str = key("utf-8")
    tls_cert: str = key("")
    tls_key: str = key("")


@dataclass(frozen=True, kw_only=True)
class BackendSettings:
    kind: str = key(REQUIRED, _one_of(*BACKENDS))
    host: str = key("127.0.0.1")
    port: int = key(3306, _port)
    socket: str = key("")
    user: str = key("")
    password_env: str = key("")
    password_file: str = key("")
    database: str = key("")
    loan_user: str = key("kiosk")
    timezone: str = key("Asia/Jakarta", _timezone)
    language: str = key("id", _one_of("id", "en"))
    currency: str = key("IDR")
    lock_timeout_s: float = key(5.0, _positive)
    pool_size: int = key(8, _positive_int)
    ignore_holidays_fine_calc: bool = key(False)
    location_library_id: int = key(0, _not_negative)
    late_violation_type: int = key(0, _not_negative)
    late_fine_type: int = key(0, _not_negative)
    demo_path: str = key("../var/bridge-demo.sqlite3")


@dataclass(frozen=True)
class BridgeSettings:
    source: Path
    sip2_server: Sip2ServerSettings
    backend: BackendSettings
    metrics: MetricsSettings

    def resolve(self, path: str) -> Path:
        p = Path(os.path.expanduser(path))
        return p if p.is_absolute() else (self.source.parent / p).resolve()

    @property
    def logins(self) -> dict[str, str]:
        """username -> password hash."""
        return {login["username"]: login["password_hash"] for login in self.sip2_server.logins}

    def database_password(self) -> str:
        backend = self.backend
        if backend.password_env:
            return os.environ[backend.password_env]
        if backend.password_file:
            return self.resolve(backend.password_file).read_text(encoding="utf-8").strip()
        return ""

    def ssl_context(self) -> ssl.SSLContext | None:
        server = self.sip2_server
        if not server.tls_cert:
            return None
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.minimum_version = ssl.TLSVersion.TLSv1_2
        context.load_cert_chain(self.resolve(server.tls_cert), self.resolve(server.tls_key))
        return context

    def summary(self) -> str:
        b, s = self.backend, self.sip2_server
        tls = ", TLS" if s.tls_cert else ""
        where = "" if b.kind == "demo" else f" database {b.database} at {b.socket or f'{b.host}:{b.port}'} as {b.user},"
        return (
            f"{self.source}: OK — ILS bridge: SIP2 on {s.host}:{s.port}{tls} for {len(s.logins)} login(s), "
            f"backend {b.kind},{where} time zone {b.timezone}"
        )


def is_bridge_document(data: dict) -> bool:
    """A parsed TOML file is a bridge.toml when it has a bridge section (a kiosk file has none)."""
    return any(name in data for name in SECTION_NAMES)


def parse(data: dict, src: Path) -> BridgeSettings:
    for name in data:
        if name not in SECTION_NAMES + OPTIONAL_SECTIONS:
            raise ConfigError(
                f"{src}: [{name}]: unknown section in a bridge file "
                f"(known: {', '.join(SECTION_NAMES + OPTIONAL_SECTIONS)})",
                hint="remove it or check its spelling",
            )
    for name in SECTION_NAMES:
        if name not in data:
            raise ConfigError(f"{src}: [{name}]: missing required section", hint=f"add a [{name}] table")
    server, _ = _read_table(src, "sip2_server", data["sip2_server"], Sip2ServerSettings)
    backend, _ = _read_table(src, "backend", data["backend"], BackendSettings)
    metrics, _ = _read_table(src, "metrics", data.get("metrics", {}), MetricsSettings)
    return BridgeSettings(src, server, backend, metrics)


def validate(settings: BridgeSettings) -> BridgeSettings:
    """What start-up needs beyond single keys, so `check-config` and `ils-bridge` agree."""
    src, server, backend = settings.source, settings.sip2_server, settings.backend

    def fail(where: str, problem: str, hint: str = HINT):
        raise ConfigError(f"{src}: {where}: {problem}", hint=hint)

    if not server.logins:
        fail("[sip2_server] logins", "no login: every kiosk needs its own", 'add { username = "kiosk1", ... }')
    seen = set()
    for n, login in enumerate(server.logins, 1):
        where = f"[sip2_server] logins #{n}"
        if set(login) != {"username", "password_hash"}:
            fail(where, f"expected exactly username and password_hash, got {sorted(login)}")
        name, hashed = login["username"], login["password_hash"]
        if not isinstance(name, str) or not name or "|" in name:
            fail(where, f"username: expected a non-empty name without '|', got {name!r}")
        if name in seen:
            fail(where, f"username {name!r} twice", "give each kiosk its own login")
        seen.add(name)
        if not isinstance(hashed, str) or not PIN_HASH.fullmatch(hashed):
            fail(
                where,
                "password_hash: expected a hash made by `kiosk hash-pin` (pbkdf2_sha256$…)",
                "run `kiosk hash-pin`, type the kiosk's SIP2 password, paste the hash here",
            )
    if bool(server.tls_cert) != bool(server.tls_key):
        fail("[sip2_server] tls_cert/tls_key", "give both or neither")
    for name in ("tls_cert", "tls_key"):
        path = getattr(server, name)
        if path and not settings.resolve(path).is_file():
            fail(f"[sip2_server] {name}", f"no such file {settings.resolve(path)}", "point it to a PEM file")
    try:
        "".encode(server.encoding)
    except LookupError:
        fail("[sip2_server] encoding", f"unknown text encoding {server.encoding!r}")
    if backend.kind != "demo":
        for name in ("user", "database"):
            if not getattr(backend, name):
                fail(f"[backend] {name}", f"missing: the {backend.kind} backend needs it")
        if backend.password_env and backend.password_file:
            fail("[backend] password_env/password_file", "give one of them, not both")
        if backend.password_env and backend.password_env not in os.environ:
            fail(
                "[backend] password_env",
                f"the environment variable {backend.password_env} is not set",
                f"set {backend.password_env} for the bridge's service (systemd: EnvironmentFile=)",
            )
        if backend.password_file:
            path = settings.resolve(backend.password_file)
            if not path.is_file() or not os.access(path, os.R_OK):
                fail("[backend] password_file", f"cannot read {path}", "check the path and its permissions")
        if backend.socket and not Path(backend.socket).is_absolute():
            fail("[backend] socket", "expected an absolute path such as /run/mysqld/mysqld.sock")
    return settings


def load(path: str | Path) -> BridgeSettings:
    src = Path(path)
    return validate(parse(read_document(src), src))
