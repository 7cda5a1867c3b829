"""Switches the interface language through Qt's translation system.

Every visible string is an English source passed through ``tr`` /
``QCoreApplication.translate``; ``translations/kiosk_<lang>.qm`` (compiled
from the ``.ts`` files with ``pyside6-lrelease``) supplies the wording.
Installing a translator makes Qt send LanguageChange to every widget,
and each screen re-renders its text.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QLocale, QTranslator

log = logging.getLogger(__name__)
TRANSLATIONS = Path(__file__).resolve().parent / "translations"
LOCALES = {"id": "id_ID", "en": "en_GB"}
LANGUAGE_NAMES = {"id": "Bahasa Indonesia", "en": "English"}  # each in its own language, never translated


class Languages:
    def __init__(self, app: QCoreApplication, available: list[str]) -> None:
        self._app = app
        self.available = available
        self.current = ""
        self._translator: QTranslator | None = None

    def switch(self, lang: str) -> None:
        if lang == self.current or lang not in self.available:
            return
        translator = QTranslator(self._app)
        if not translator.load(str(TRANSLATIONS / f"kiosk_{lang}.qm")):
            log.error("translation kiosk_%s.qm missing in %s; run `make translations`", lang, TRANSLATIONS)
        if self._translator is not None:
            self._app.removeTranslator(self._translator)
        self._translator = translator
        self.current = lang
        self._app.installTranslator(translator)
        # Qt posts LanguageChange to every widget; deliver it now, so the whole
        # screen is in the new language when this returns (no half-translated frame).
        QCoreApplication.sendPostedEvents(None, QEvent.LanguageChange)

    def uninstall(self) -> None:
        if self._translator is not None:
            self._app.removeTranslator(self._translator)
            self._translator, self.current = None, ""

    def locale(self) -> QLocale:
        return QLocale(LOCALES.get(self.current, "en_GB"))

    def format_date(self, value) -> str:
        """A due date as a patron reads it: "7 Desember 2026" / "7 December 2026"."""
        return self.locale().toString(QDate(value.year, value.month, value.day), "d MMMM yyyy")
