"""Qt's own messages (its plugins' warnings, e.g. the offscreen platform's "This plugin does not
support propagateSizeHints()") go to the ``qt`` logger instead of straight to stderr, so a
command prints only what it means to say and the log keeps the rest."""

from __future__ import annotations

import logging

from PySide6.QtCore import QtMsgType, qInstallMessageHandler

log = logging.getLogger("qt")

_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.DEBUG,
    QtMsgType.QtWarningMsg: logging.INFO,  # plugin chatter, never the user's business
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _handler(kind: QtMsgType, context, message: str) -> None:
    log.log(_LEVELS.get(kind, logging.INFO), "%s", message)


def route_to_logging() -> None:
    qInstallMessageHandler(_handler)
