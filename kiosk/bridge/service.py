"""`kiosk ils-bridge`: the SIP2 server of `kiosk.sip2` over the backend a
bridge.toml names, in the foreground, until SIGTERM (systemd) or Ctrl-C.

Start-up connects to the ILS's database, finds the ILS user kiosk loans are
recorded under, and finishes any operation a crash cut between two writes
(`kiosk.bridge.intents`) before the first kiosk is served. Logs go to
stderr (the journal, under systemd); SIP2 and patron passwords never do.
"""

from __future__ import annotations

import hmac
import logging
import signal
import sys
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal

from kiosk.errors import ConfigError, KnownError
from kiosk.ils.base import IlsBackend
from kiosk.pins import verify_pin
from kiosk.sip2.server import Sip2Server

from .config import BridgeSettings
from .db import Database, DbConfig

log = logging.getLogger("kiosk.bridge")


def database(settings: BridgeSettings) -> Database:
    b = settings.backend
    config = DbConfig(
        database=b.database,
        user=b.user,
        password=settings.database_password(),
        host=b.host,
        port=b.port,
        socket=b.socket,
    )
    return Database(config, size=b.pool_size, lock_timeout_s=b.lock_timeout_s)


def build_backend(
    settings: BridgeSettings,
    *,
    clock: Callable[[], datetime] | None = None,
    on_step: Callable[[str], None] | None = None,
) -> IlsBackend:
    """The backend `[backend] kind` names, opened (database checked, crash recovery done)."""
    b, s = settings.backend, settings.sip2_server
    if b.kind == "demo":
        from kiosk.ils.demo import DemoLibrary

        return DemoLibrary(
            settings.resolve(b.demo_path),
            location=s.institution,
            library_name=s.library_name,
            currency=b.currency,
            fine_limit=Decimal("100000"),
            **({"clock": clock} if clock else {}),
        )
    common = {
        "institution": s.institution,
        "library_name": s.library_name,
        "timezone": b.timezone,
        "language": b.language,
        "currency": b.currency,
        "require_patron_password": s.require_patron_password,
        "clock": clock,
        "on_step": on_step,
    }
    if b.kind == "slims":
        from kiosk.ils.slims import SlimsLibrary

        return SlimsLibrary(
            database(settings), loan_user=b.loan_user, ignore_holidays_fine_calc=b.ignore_holidays_fine_calc, **common
        ).open()
    if b.kind == "inlislite":
        from kiosk.ils.inlislite import InlisliteLibrary

        return InlisliteLibrary(
            database(settings),
            loan_user=b.loan_user,
            location_library_id=b.location_library_id,
            late_violation_type=b.late_violation_type,
            late_fine_type=b.late_fine_type,
            **common,
        ).open()
    raise ConfigError(  # config.validate() refuses it first; kept for a settings object made by hand
        f"{settings.source}: [backend] kind = {b.kind!r}: no such backend",
        hint='use kind = "slims", "inlislite" or "demo"',
    )


def authenticator(logins: dict[str, str]) -> Callable[[str, str], bool]:
    """A SIP2 login check against the hashed passwords of bridge.toml."""

    def authenticate(username: str, password: str) -> bool:
        stored = next((h for name, h in logins.items() if hmac.compare_digest(name, username)), None)
        return stored is not None and verify_pin(password, stored)

    return authenticate


def build_server(settings: BridgeSettings, backend: IlsBackend, *, port: int | None = None, **extra) -> Sip2Server:
    """The SIP2 server of [sip2_server]; `port` 0 (tests, benchmarks) takes any free one."""
    s = settings.sip2_server
    try:
        return Sip2Server(
            backend,
            host=s.host,
            port=s.port if port is None else port,
            encoding=s.encoding,
            ssl_context=settings.ssl_context(),
            authenticate=authenticator(settings.logins),
            **extra,
        )
    except OSError as exc:
        raise KnownError(
            f"cannot listen on {s.host}:{s.port} ({exc.strerror or exc})",
            hint="pick another [sip2_server] port, or stop what is using this one",
        ) from exc


def bridge_metrics(settings: BridgeSettings):
    """The bridge's /metrics when [metrics] listen is set (kiosk.metrics.BridgeMetrics), else None;
    a port that cannot be opened is logged, not fatal: the kiosks still lend books."""
    if not settings.metrics.listen:
        return None
    from kiosk.metrics import BridgeMetrics

    metrics = BridgeMetrics(settings.backend.kind)
    try:
        metrics.serve(settings.metrics.listen)
    except KnownError as exc:
        log.error("metrics are off: %s (%s)", exc.message, exc.hint)
        return None
    return metrics


class _Stop(Exception):
    """SIGTERM arrived: leave serve_forever()."""


def _on_sigterm(signum, frame) -> None:
    raise _Stop


def run(
    settings: BridgeSettings,
    *,
    port: int | None = None,
    clock: Callable[[], datetime] | None = None,
    on_step: Callable[[str], None] | None = None,
) -> int:
    """Serve until SIGTERM or Ctrl-C; exit status 0 after a clean stop.
    (`port`, `clock` and `on_step` are the crash tests' knobs; the command passes none.)"""
    backend = build_backend(settings, clock=clock, on_step=on_step)
    metrics = bridge_metrics(settings)
    server = build_server(settings, backend, port=port, observer=metrics.observe if metrics else None)
    if metrics is not None:
        metrics.connections = lambda: server.connections_accepted
    host, port = server.address
    b = settings.backend
    print(
        f"kiosk ils-bridge: SIP2 on {host}:{port}, backend {b.kind}"
        + ("" if b.kind == "demo" else f" ({b.database}, time zone {b.timezone})")
        + "; SIGTERM or Ctrl-C stops it",
        file=sys.stderr,
        flush=True,
    )
    previous = signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        server.serve_forever()
    except _Stop:
        log.warning("SIGTERM: stopping")
    except KeyboardInterrupt:
        log.warning("interrupted: stopping")
    finally:
        signal.signal(signal.SIGTERM, previous)
        server.stop()
        backend.close()
        if metrics is not None:
            metrics.close()
    print("kiosk ils-bridge: stopped", file=sys.stderr, flush=True)
    return 0
