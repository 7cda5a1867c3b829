"""The ILS bridge as a library runs it, for the end-to-end tests and the
benchmark: a real bridge.toml read by `kiosk.bridge.config`, the backend and
SIP2 server `kiosk ils-bridge` builds from it, on the test MariaDB, and the
kiosk's own SIP2 catalog logged in to it."""

from __future__ import annotations

from pathlib import Path

from kiosk.bridge import config, service
from kiosk.catalog.sip2 import Sip2Catalog
from kiosk.pins import hash_pin
from kiosk.sip2 import Sip2Config

from .slims_library import SlimsFixture

LOGINS = {"kiosk1": "s3cr3t-pw", "kiosk2": "other-pw-2"}
# Few iterations: the tests log in often; production hashes come from `kiosk hash-pin`.
_HASHES = {name: hash_pin(password, iterations=1_000) for name, password in LOGINS.items()}


def _toml(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_bridge_toml(
    folder: Path, lib: SlimsFixture, *, port: int = 6001, server: dict | None = None, **backend
) -> Path:
    """A bridge.toml for the test database (root over the socket, no password); `slims` unless `kind=` says."""
    logins = ", ".join(f'{{ username = "{name}", password_hash = "{h}" }}' for name, h in _HASHES.items())
    server_keys = {"host": "127.0.0.1", "port": port, "institution": "PUSAT", **(server or {})}
    backend_keys = {
        "kind": "slims",
        "socket": lib.mariadb.socket,
        "user": "root",
        "database": lib.database,
        "loan_user": "kiosk",
        **backend,
    }
    text = "[sip2_server]\n" + "".join(f"{k} = {_toml(v)}\n" for k, v in server_keys.items())
    text += f"logins = [{logins}]\n\n[backend]\n" + "".join(f"{k} = {_toml(v)}\n" for k, v in backend_keys.items())
    path = folder / "bridge.toml"
    path.write_text(text, encoding="utf-8")
    return path


class Bridge:
    """`kiosk ils-bridge` in this process on a free port, over `lib` (a SLiMS or INLISLite fixture), on its clock."""

    def __init__(self, folder: Path, lib: SlimsFixture, *, on_step=None, **backend) -> None:
        self.lib = lib
        self.settings = config.load(write_bridge_toml(folder, lib, **backend))
        self.backend = service.build_backend(self.settings, clock=lib.clock, on_step=on_step)
        self.server = service.build_server(self.settings, self.backend, port=0).start()
        self.catalogs: list[Sip2Catalog] = []

    @property
    def port(self) -> int:
        return self.server.port

    def catalog(self, username: str = "kiosk1", **options) -> Sip2Catalog:
        """The kiosk's SIP2 catalog, logged in as one of the kiosks."""
        sip2 = Sip2Config(
            host="127.0.0.1",
            port=self.port,
            username=username,
            password=LOGINS[username],
            institution_id="PUSAT",
            location_code="PUSAT",
            timeout=10.0,
        )
        catalog = Sip2Catalog(sip2, heartbeat_s=0, **options)
        self.catalogs.append(catalog)
        return catalog

    def close(self) -> None:
        for catalog in self.catalogs:
            catalog.close()
        self.server.stop()
        self.backend.close()
