"""Catalog interface and adapters (demo now; sip2 and koha_rest slot in here)."""

from __future__ import annotations

from kiosk.catalog.base import Catalog


def open_catalog(settings) -> Catalog:
    """Build the catalog adapter the config's ``[catalog] kind`` names."""
    section = settings.catalog
    if section.kind == "demo":
        from kiosk.catalog.demo import DemoCatalog

        return DemoCatalog(settings.resolve(section.path), location=section.location)
    raise AssertionError(f"config validation let an unknown catalog kind through: {section.kind}")
