"""Composition root of the domain: builds journal, catalog, circulation,
syncer and devices from settings. The Qt app (kiosk/ui/app.py) and the
command line both start here, so a technician's ``kiosk diag`` runs the
same code path as the screen.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kiosk.catalog import open_catalog
from kiosk.catalog.base import Catalog
from kiosk.circulation import CirculationService, OfflinePolicy
from kiosk.config import Settings
from kiosk.devices.barcode.rules import RuleSet
from kiosk.devices.barcode.site import rule_set
from kiosk.devices.manager import DeviceManager
from kiosk.journal import Journal
from kiosk.sync import Syncer, SyncWorker

if TYPE_CHECKING:
    from kiosk.metrics import KioskMetrics

log = logging.getLogger(__name__)


@dataclass
class Kiosk:
    settings: Settings
    journal: Journal
    catalog: Catalog
    circulation: CirculationService
    syncer: Syncer
    sync_worker: SyncWorker
    devices: DeviceManager
    barcode_rules: RuleSet
    metrics: KioskMetrics | None = None  # set by serve_metrics()

    def close(self) -> None:
        if self.metrics is not None:
            self.metrics.close()
        self.sync_worker.stop()
        self.devices.close_all()
        self.circulation.close()  # finishes the operations under way before the journal closes
        self.catalog.close()
        self.journal.close()


def build(settings: Settings, *, threaded: bool = True, **device_switches) -> Kiosk:
    """Open everything but the devices and the sync thread (the caller starts
    those, so tests and the command line can leave them off). Raises a
    KnownError subclass with what to do when something cannot be opened.

    ``threaded=False`` (tests) runs operations, sync passes and simulated
    devices inline, so every result is there when the call returns."""
    DeviceManager.check(settings.devices)
    barcode_rules = rule_set(settings.barcodes)  # a bad rule stops start-up with its key named
    journal = Journal.open(settings.resolve(settings.journal.path), salt=settings.journal.hash_salt)
    try:
        catalog = open_catalog(settings)
    except Exception:
        journal.close()
        raise
    circulation = CirculationService(catalog, journal, OfflinePolicy.from_settings(settings.offline), threaded=threaded)
    syncer = Syncer(catalog, journal, worker=circulation.worker, retention_days=settings.journal.retention_days)
    sync_worker = SyncWorker(
        syncer, interval_s=settings.sync.interval_s, max_backoff_s=settings.sync.max_backoff_s, threaded=threaded
    )
    circulation.desk.on_change = sync_worker.wake  # a queued row wakes the syncer, made after it
    recovered = syncer.recover()
    if recovered:
        log.warning("%d transactions left unfinished by the last run will be verified with the catalog", recovered)
    return Kiosk(
        settings,
        journal,
        catalog,
        circulation,
        syncer,
        sync_worker,
        DeviceManager(
            settings.devices, rfid=settings.rfid, barcodes=settings.barcodes, threaded=threaded, **device_switches
        ),
        barcode_rules,
    )


def serve_metrics(kiosk: Kiosk) -> None:
    """Expose /metrics when ``[metrics] listen`` is set (``kiosk run``, ``kiosk sync --forever``).
    A port that cannot be opened is logged, not fatal: the kiosk still lends books."""
    listen = kiosk.settings.metrics.listen
    if not listen:
        return
    from kiosk.errors import KnownError
    from kiosk.metrics import KioskMetrics, kiosk_sources

    metrics = KioskMetrics(kiosk_sources(kiosk))
    try:
        metrics.serve(listen)
    except KnownError as exc:
        log.error("metrics are off: %s (%s)", exc.message, exc.hint)
        return
    kiosk.metrics = metrics
    kiosk.circulation.desk.on_session_end = metrics.session_ended
