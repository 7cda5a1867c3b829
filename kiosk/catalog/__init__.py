"""Catalog interface and adapters: demo (embedded) and sip2; koha_rest slots in here."""

from __future__ import annotations

from kiosk.catalog.base import Catalog


def open_catalog(settings) -> Catalog:
    """Build the catalog adapter the config's ``[catalog] kind`` names."""
    section = settings.catalog
    if section.kind == "demo":
        from kiosk.catalog.demo import DemoCatalog

        return DemoCatalog(settings.resolve(section.path), location=section.location)
    if section.kind == "sip2":
        from kiosk.catalog.sip2 import Sip2Catalog

        return Sip2Catalog.from_settings(settings)
    raise AssertionError(f"config validation let an unknown catalog kind through: {section.kind}")
