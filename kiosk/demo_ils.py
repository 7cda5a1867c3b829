"""The demo ILS moved to `kiosk.ils.demo`; this name stays for callers not yet moved
(tests/integration/test_commands.py reaches the library through ``backend.catalog``)."""

from __future__ import annotations

from pathlib import Path

from kiosk.catalog.demo import DemoCatalog
from kiosk.ils import demo
from kiosk.ils.demo import default_db_path

__all__ = ["DemoIlsServer", "default_db_path"]


class _Library(demo.DemoLibrary):
    @property
    def catalog(self) -> DemoCatalog:
        """The embedded catalog's view of this same library."""
        return DemoCatalog(self.path, location=self.location, library=self)


class DemoIlsServer(demo.DemoIlsServer):
    def __init__(self, db: str | Path, *, host: str = "127.0.0.1", port: int = 6001,
                 username: str | None = "kiosk", password: str = "demo") -> None:
        demo.Sip2Server.__init__(self, _Library(db), host=host, port=port, username=username, password=password)
