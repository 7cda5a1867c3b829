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
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import metadata

from prometheus_client import CollectorRegistry, Histogram, start_http_server
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, InfoMetricFamily, Metric

from kiosk.config import parse_listen
from kiosk.devices.base import DeviceState, DeviceStatus
from kiosk.errors import ConfigError, KnownError
from kiosk.journal import Journal
from kiosk.models import TxState

log = logging.getLogger(__name__)

WAITING = (TxState.PENDING, TxState.QUEUED, TxState.SYNCING)
SETTLED = (TxState.DONE, TxState.REFUSED, TxState.CONFLICT)
PAPER_STATES = ("ok", "low", "out", "unknown")
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
    round_trip_s: Callable[[], float | None]  # None: the catalog did not answer
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


class KioskMetrics:
    """The registry one kiosk (or one ``kiosk sync`` daemon) exposes."""

    def __init__(self, sources: Sources) -> None:
        self.registry = CollectorRegistry()
        self.registry.register(KioskCollector(sources))
        self.sessions = Histogram(
            "kiosk_session_duration_seconds",
            "How long patrons stay signed in, from sign-in to the end of the session",
            buckets=SESSION_BUCKETS,
            registry=self.registry,
        )
        self._server = None
        self._thread = None

    def session_ended(self, seconds: float) -> None:
        self.sessions.observe(seconds)

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
        round_trip_s=RoundTrip(kiosk.catalog.ping),
        journal=lambda: kiosk.circulation.run(OnJournal(journal_facts)),
        online=lambda: kiosk.syncer.status().online,
        last_sync=last_sync,
        devices=kiosk.devices.statuses,
    )


class RoundTrip:
    """How long the catalog takes to answer a status request, measured at
    most once a minute (a scrape every 15 s must not become load on the ILS)."""

    def __init__(self, ping: Callable[[], bool], every_s: float = 60.0, clock=time.monotonic) -> None:
        self._ping, self._every_s, self._clock = ping, every_s, clock
        self._at: float | None = None
        self._value: float | None = None

    def __call__(self) -> float | None:
        start = self._clock()
        if self._at is None or start - self._at >= self._every_s:
            self._at = start
            try:
                answered = self._ping()
            except KnownError as exc:
                log.info("metrics: catalog did not answer: %s", exc.message)
                answered = False
            self._value = self._clock() - start if answered else None
        return self._value


def _version() -> str:
    try:
        return metadata.version("kiosk")
    except metadata.PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown"
