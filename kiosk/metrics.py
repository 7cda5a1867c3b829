"""Prometheus metrics of one kiosk (DESIGN.md §15): a library network
watches its fleet with Prometheus and Grafana, not a home-made dashboard.

Off unless ``[metrics] listen = "host:port"``. Everything is read at scrape
time from where it already lives — the journal (through the circulation
worker, the only thread that touches it), the syncer and the device
manager — so no counter can drift from what the kiosk really did; sessions
are the one thing observed as they end. The exposition and the alert rules
in deploy/monitoring/ are checked with Prometheus's own ``promtool``.
"""

from __future__ import annotations

import logging
import platform
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import metadata

from prometheus_client import CollectorRegistry, Counter, Histogram, start_http_server
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, InfoMetricFamily, Metric

from kiosk.config import parse_listen
from kiosk.devices.base import DeviceState, DeviceStatus, PrinterCondition, ReceiptPrinter
from kiosk.errors import ConfigError
from kiosk.journal import Journal
from kiosk.models import TxState

log = logging.getLogger(__name__)

WAITING = (TxState.PENDING, TxState.QUEUED, TxState.SYNCING)
SETTLED = (TxState.DONE, TxState.REFUSED, TxState.CONFLICT)
PAPER_STATES = ("ok", "low", "out", "unknown")
REQUEST_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)
SESSION_BUCKETS = (15, 30, 60, 120, 180, 300, 600, 1200)


@dataclass(frozen=True)
class JournalFacts:
    """What the journal says, read in one go on the circulation worker."""

    rows: list[tuple[str, str, bool, int]]  # kind, state, offline, count
    oldest_waiting_age_s: float
    open_alerts: int


def journal_facts(journal: Journal) -> JournalFacts:
    return JournalFacts(journal.tally(), journal.oldest_waiting_age_s(), len(journal.open_alerts()))


@dataclass(frozen=True)
class Sources:
    """Where the numbers come from; app.py wires the kiosk's own."""

    kiosk_name: str
    journal: Callable[[], JournalFacts]
    online: Callable[[], bool]
    last_sync: Callable[[], float | None]  # unix time of the last successful pass
    devices: Callable[[], list[DeviceStatus]]
    round_trip_s: Callable[[], float | None]  # the syncer's last measured round trip; None: not yet
    printers: Callable[[], list[tuple[str, str]]] = list  # (device, paper state: ok, low, out, unknown)


class KioskCollector:
    def __init__(self, sources: Sources) -> None:
        self.sources = sources

    def collect(self) -> Iterator[Metric]:
        info = InfoMetricFamily("kiosk_build", "Version of the kiosk software")
        info.add_metric(
            [], {"version": _version(), "python": platform.python_version(), "kiosk": self.sources.kiosk_name}
        )
        yield info

        facts = self.sources.journal()
        settled = CounterMetricFamily(
            "kiosk_transactions",
            "Transactions the catalog settled, by kind and outcome; offline=1 when lent or returned offline",
            labels=["kind", "outcome", "offline"],
        )
        waiting = 0
        conflicts = 0
        for kind, state, offline, count in facts.rows:
            if state in {s.value for s in SETTLED}:
                settled.add_metric([kind, state, "1" if offline else "0"], count)
            if state in {s.value for s in WAITING}:
                waiting += count
            if state == TxState.CONFLICT.value:
                conflicts += count
        yield settled
        yield GaugeMetricFamily("kiosk_queue_rows", "Transactions waiting to reach the catalog", value=waiting)
        yield GaugeMetricFamily(
            "kiosk_queue_oldest_age_seconds",
            "Age of the oldest transaction waiting to reach the catalog (0 when none waits)",
            value=facts.oldest_waiting_age_s,
        )
        yield GaugeMetricFamily("kiosk_conflicts", "Transactions the catalog refused on replay, for staff", conflicts)
        yield GaugeMetricFamily("kiosk_alerts_open", "Staff alerts not yet acknowledged", value=facts.open_alerts)

        yield GaugeMetricFamily(
            "kiosk_catalog_online", "1 when the catalog answers, 0 when working offline", value=self.sources.online()
        )
        last = self.sources.last_sync()
        if last is not None:
            yield GaugeMetricFamily(
                "kiosk_last_sync_timestamp_seconds", "When a sync pass last reached the catalog", value=last
            )

        rtt = self.sources.round_trip_s()
        if rtt is not None:
            yield GaugeMetricFamily(
                "kiosk_catalog_round_trip_seconds", "Time the catalog took to answer a status request", value=rtt
            )

        states = GaugeMetricFamily(
            "kiosk_device_state",
            "1 for each device's current state (ok, degraded, disconnected, error, closed)",
            labels=["device", "kind", "driver", "state"],
        )
        for status in self.sources.devices():
            for state in DeviceState:
                states.add_metric(
                    [status.name, status.kind, status.driver, state.value], 1.0 if status.state is state else 0.0
                )
        yield states

        paper = GaugeMetricFamily(
            "kiosk_printer_paper", "1 for each receipt printer's paper state", labels=["device", "state"]
        )
        for device, current in self.sources.printers():
            for state in PAPER_STATES:
                paper.add_metric([device, state], 1.0 if state == current else 0.0)
        yield paper


class Exporter:
    """A registry served at http://<listen>/metrics by prometheus_client's own HTTP server."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self._server = None
        self._thread = None

    def serve(self, listen: str) -> None:
        where = parse_listen(listen)
        if where is None:  # config.load() checked it; a caller passing its own string may not have
            raise ConfigError(f"[metrics] listen = {listen!r}: expected host:port", hint='e.g. "127.0.0.1:9464"')
        host, port = where
        try:
            self._server, self._thread = start_http_server(port, addr=host, registry=self.registry)
        except OSError as exc:
            raise ConfigError(
                f"[metrics] listen = {listen!r}: cannot listen there ({exc.strerror})",
                hint="pick a free port, or leave [metrics] listen empty to switch metrics off",
            ) from exc
        log.info("metrics on http://%s:%d/metrics", host, self.port)

    @property
    def port(self) -> int:
        return self._server.server_address[1] if self._server else 0

    def close(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._thread.join(5)
            self._server = None


def kiosk_sources(kiosk) -> Sources:
    """The kiosk's own numbers (``kiosk`` is a kiosk.app.Kiosk)."""
    from kiosk.circulation import OnJournal

    def last_sync() -> float | None:
        at = kiosk.syncer.status().last_sync
        return at.timestamp() if at else None

    return Sources(
        kiosk_name=kiosk.settings.kiosk.name,
        round_trip_s=lambda: _seconds(kiosk.syncer.status().rtt_ms),
        journal=lambda: kiosk.circulation.run(OnJournal(journal_facts)),
        online=lambda: kiosk.syncer.status().online,
        last_sync=last_sync,
        devices=kiosk.devices.statuses,
        printers=lambda: _paper(kiosk.devices),
    )


class KioskMetrics(Exporter):
    """What one kiosk exposes."""

    def __init__(self, sources: Sources) -> None:
        super().__init__()
        self.registry.register(KioskCollector(sources))
        self.sessions = Histogram(
            "kiosk_session_duration_seconds",
            "How long patrons stay signed in, from sign-in to the end of the session",
            buckets=SESSION_BUCKETS,
            registry=self.registry,
        )

    def session_ended(self, seconds: float) -> None:
        self.sessions.observe(seconds)


class _BridgeInfo:
    def __init__(self, backend: str, connections: Callable[[], int]) -> None:
        self.backend, self.connections = backend, connections

    def collect(self) -> Iterator[Metric]:
        info = InfoMetricFamily("kiosk_bridge_build", "Version of the ILS bridge and its backend")
        info.add_metric([], {"version": _version(), "python": platform.python_version(), "backend": self.backend})
        yield info
        yield CounterMetricFamily(
            "kiosk_bridge_connections", "SIP2 connections the bridge accepted", value=self.connections()
        )


class BridgeMetrics(Exporter):
    """What one ``kiosk ils-bridge`` exposes: SIP2 requests by message and outcome, and how long
    the backend took to answer them. ``observe`` is the SIP2 server's observer."""

    def __init__(self, backend: str) -> None:
        super().__init__()
        self.connections: Callable[[], int] = lambda: 0  # the SIP2 server's count, once it is made
        self.registry.register(_BridgeInfo(backend, lambda: self.connections()))
        self.requests = Counter(
            "kiosk_bridge_requests",
            "SIP2 requests answered, by message and outcome (ok, refused, answered, hangup)",
            ["message", "outcome"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "kiosk_bridge_request_duration_seconds",
            "Time from a request to its answer, backend and database included",
            ["message"],
            buckets=REQUEST_BUCKETS,
            registry=self.registry,
        )

    def observe(self, message: str, outcome: str, seconds: float) -> None:
        self.requests.labels(message, outcome).inc()
        self.latency.labels(message).observe(seconds)


_PAPER = {
    PrinterCondition.OK: "ok",
    PrinterCondition.PAPER_LOW: "low",
    PrinterCondition.PAPER_OUT: "out",
}


def _paper(devices) -> list[tuple[str, str]]:
    """(printer, paper state) from each printer's last check: a scrape never waits on a printer."""
    printers = (devices.get(s.name) for s in devices.statuses() if s.kind == ReceiptPrinter.kind)
    return [(p.name, _PAPER.get(p.condition, "unknown")) for p in printers if isinstance(p, ReceiptPrinter)]


def _seconds(ms: float | None) -> float | None:
    return None if ms is None else ms / 1000


def _version() -> str:
    try:
        return metadata.version("kiosk")
    except metadata.PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown"
