"""``kiosk demo-ils``: the demo library served over SIP2 on a socket, a
training ILS. Apart from kiosk/ils/demo.py so that the embedded demo
catalog does not load the SIP2 server it never uses."""

from __future__ import annotations

from pathlib import Path

from kiosk.ils.demo import DemoLibrary
from kiosk.sip2.server import Sip2Server


def default_db_path() -> Path:
    """Beside the demo kiosk's files: ``var/demo-ils.sqlite3`` in the repository."""
    return Path(__file__).resolve().parent.parent.parent / "var" / "demo-ils.sqlite3"


class DemoIlsServer(Sip2Server):
    """The demo ILS on a socket (``kiosk demo-ils``): ``DemoIlsServer(db, port=6001).start()`` or
    ``serve_forever()``; the demo library at ``db`` is made from the demo data when new, and
    closed when the server stops."""

    def __init__(
        self,
        db: str | Path,
        *,
        host: str = "127.0.0.1",
        port: int = 6001,
        username: str | None = "kiosk",
        password: str = "demo",
    ) -> None:
        super().__init__(DemoLibrary(db), host=host, port=port, username=username, password=password)

    def stop(self) -> None:
        super().stop()
        self.backend.close()
