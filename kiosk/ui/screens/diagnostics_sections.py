"""The sections of the diagnostics screen: Devices, Catalog, Sync queue,
Alerts, Logs. Each redraws from the view model (kiosk/ui/diagnostics_vm.py)
and words the outcome of its buttons in the screen's language."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.diagnostics import ActionResult
from kiosk.models import Reason
from kiosk.ui.texts import reason_text
from kiosk.ui.widgets import button, label, set_text

translate = QCoreApplication.translate
LEFT = Qt.AlignLeft | Qt.AlignTop


def tr(text: str) -> str:
    return translate("Diagnostics", text)


def age_text(seconds: int) -> str:
    if seconds < 120:
        return translate("Diagnostics", "%1 s ago").replace("%1", str(seconds))
    if seconds < 2 * 3600:
        return translate("Diagnostics", "%1 min ago").replace("%1", str(seconds // 60))
    if seconds < 2 * 86400:
        return translate("Diagnostics", "%1 h ago").replace("%1", str(seconds // 3600))
    return translate("Diagnostics", "%1 days ago").replace("%1", str(seconds // 86400))


def state_text(state: str) -> str:
    return {
        "ok": translate("Diagnostics", "working"),
        "degraded": translate("Diagnostics", "degraded"),
        "disconnected": translate("Diagnostics", "disconnected"),
        "error": translate("Diagnostics", "error"),
        "closed": translate("Diagnostics", "closed"),
    }.get(state, state)


def reason_words(code: str) -> str:
    """A refusal's reason code as patrons read it, in the screen's language (the code if unknown)."""
    try:
        return reason_text(Reason(code))
    except ValueError:
        return code


def due_back(due) -> str:
    return translate("Diagnostics", "due back %1").replace("%1", due.isoformat())


def said(reason: str, detail: str) -> str:
    """What the ILS said: its reason in words, and its own message when that says more."""
    words = reason_words(reason)
    return f"{words} ({detail})" if detail and detail not in (reason, words) else words


def alert_kind_text(kind: str) -> str:
    return {
        "staff_call": translate("Diagnostics", "Patron asks for staff"),
        "security": translate("Diagnostics", "Security tag not switched"),
        "paper_out": translate("Diagnostics", "Printer out of paper"),
        "sync_conflict": translate("Diagnostics", "Sync conflict"),
        "device": translate("Diagnostics", "Device in error"),
    }.get(kind, kind)


def mark(widget: QLabel, ok: bool) -> None:
    """Good news in ink, trouble in red and bold (both over 7:1 on the paper colour)."""
    widget.setProperty("diag", "ok" if ok else "bad")
    widget.style().unpolish(widget)
    widget.style().polish(widget)


class Section(QWidget):
    """A section: a title, a result line for its buttons, and rows in a scroll area."""

    name = ""

    def __init__(self, vm) -> None:
        super().__init__()
        self.vm = vm
        self.setObjectName(f"diag{self.name}Section")
        self.heading = label(f"diag{self.name}Heading", align=LEFT)
        self.heading.setProperty("role", "heading")
        self.outcome = label(f"diag{self.name}Result", align=LEFT)
        self.outcome.setVisible(False)
        self.rows_widget = QWidget()
        self.rows = QVBoxLayout(self.rows_widget)
        self.rows.setAlignment(Qt.AlignTop)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.NoFrame)
        scroll.setWidget(self.rows_widget)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.addWidget(self.heading)
        self.top = QHBoxLayout()
        self.layout_.addLayout(self.top)
        self.layout_.addWidget(self.outcome)
        self.layout_.addWidget(scroll, 1)
        self._last: ActionResult | None = None

    def clear_rows(self) -> None:
        while self.rows.count():
            item = self.rows.takeAt(0)
            if (w := item.widget()) is not None:
                w.setParent(None)  # out of the widget tree now: findChild never sees a stale row
                w.deleteLater()

    def row(self, object_name: str, lines: list[str], buttons: list[QPushButton], *, bad: bool = False) -> QFrame:
        frame = QFrame()
        frame.setObjectName(object_name)
        frame.setProperty("diagRow", True)
        box = QHBoxLayout(frame)
        text = label(f"{object_name}Text", align=LEFT)
        text.setTextInteractionFlags(Qt.TextSelectableByMouse)
        text.setText("\n".join(lines))
        mark(text, not bad)
        box.addWidget(text, 1)
        for b in buttons:
            box.addWidget(b, 0, Qt.AlignVCenter)
        self.rows.addWidget(frame)
        frame.show()  # a layout shows a late child only on the next event loop turn
        return frame

    def empty(self, text: str) -> None:
        note = label(f"diag{self.name}Empty", align=LEFT)
        note.setText(text)
        self.rows.addWidget(note)
        note.show()

    def show_result(self, result: ActionResult) -> None:
        self._last = result
        self._word_result()

    def _word_result(self) -> None:
        result = self._last
        if result is None:
            return
        text = self.word(result)
        self.outcome.setVisible(bool(text))
        self.outcome.setText(("✓ " if result.ok else "✗ ") + text)
        mark(self.outcome, result.ok)

    def word(self, result: ActionResult) -> str:
        return ""

    def redraw(self) -> None:
        raise NotImplementedError

    def retranslate(self) -> None:
        self.redraw()
        self._word_result()


# -- Devices ---------------------------------------------------------------------------


class DevicesSection(Section):
    name = "Devices"

    def redraw(self) -> None:
        self.heading.setText(translate("Diagnostics", "Devices"))
        self.clear_rows()
        if not self.vm.devices:
            self.empty(translate("Diagnostics", "No devices configured."))
        for report in self.vm.devices:
            s = report.status
            lines = [
                f"{s.name} — {s.kind} / {s.driver}",
                translate("Diagnostics", "State: %1").replace("%1", state_text(s.state.value))
                + (f" — {s.reason}" if s.reason else ""),
            ]
            if report.last_read is not None:
                read = report.last_read
                lines.append(
                    translate("Diagnostics", "Last read at %1: %2")
                    .replace("%1", f"{read.at:%H:%M:%S}")
                    .replace("%2", read.decoded)
                )
                lines.append(translate("Diagnostics", "Raw bytes: %1").replace("%1", read.raw_hex or "—"))
            else:
                lines.append(translate("Diagnostics", "Nothing read yet."))
            if report.counters:
                lines.append(
                    translate("Diagnostics", "Counters: %1").replace(
                        "%1", ", ".join(f"{k} {v}" for k, v in report.counters)
                    )
                )
            reconnect = button(f"diagReconnect_{s.name}", secondary=True)
            set_text(
                reconnect,
                translate("Diagnostics", "Reconnect"),
                translate("Diagnostics", "Reconnect %1").replace("%1", s.name),
            )
            reconnect.setEnabled(not self.vm.busy(f"reconnect:{s.name}"))
            reconnect.clicked.connect(lambda _=False, n=s.name: self.vm.reconnect(n))
            buttons = [reconnect]
            if report.has_self_test:
                test = button(f"diagSelfTest_{s.name}", secondary=True)
                words = (
                    translate("Diagnostics", "Test print")
                    if s.kind == "printer"
                    else translate("Diagnostics", "Self test")
                )
                set_text(test, words, f"{words} {s.name}")
                test.setEnabled(not self.vm.busy(f"self_test:{s.name}"))
                test.clicked.connect(lambda _=False, n=s.name: self.vm.self_test(n))
                buttons.append(test)
            self.row(f"diagDevice_{s.name}", lines, buttons, bad=s.state.value in ("error", "disconnected"))

    def word(self, result: ActionResult) -> str:
        device = result.facts.get("device", "")
        if result.action == "reconnect":
            if result.ok:
                return translate("Diagnostics", "%1 reconnected.").replace("%1", device)
            return (
                translate("Diagnostics", "%1 is still not working: %2")
                .replace("%1", device)
                .replace("%2", result.error or "—")
            )
        if result.action == "self_test":
            printer = result.facts.get("kind") == "printer"
            if result.ok:
                return (
                    translate("Diagnostics", "Test page printed on %1.")
                    if printer
                    else translate("Diagnostics", "Self test of %1 passed.")
                ).replace("%1", device)
            failed = (
                translate("Diagnostics", "Test print on %1 failed: %2")
                if printer
                else translate("Diagnostics", "Self test of %1 failed: %2")
            )
            return failed.replace("%1", device).replace("%2", result.error)
        return ""


# -- Catalog ---------------------------------------------------------------------------


class CatalogSection(Section):
    name = "Catalog"

    def __init__(self, vm) -> None:
        super().__init__(vm)
        self.state = label("diagCatalogState", align=LEFT)
        self.layout_.insertWidget(1, self.state)
        self.ping = button("diagPingButton", secondary=True)
        self.ping.clicked.connect(vm.ping)
        self.test = button("diagTestTxButton", secondary=True)
        self.test.clicked.connect(vm.test_transaction)
        self.top.addWidget(self.ping)
        self.top.addWidget(self.test)
        self.top.addStretch(1)

    def redraw(self) -> None:
        self.heading.setText(translate("Diagnostics", "Catalog"))
        sync = self.vm.sync
        lines = [self.vm.catalog_name]
        if sync is None or sync.online:
            line = translate("Diagnostics", "Reachable")
            if sync is not None and sync.rtt_ms is not None:
                line += " — " + translate("Diagnostics", "round trip %1 ms").replace("%1", f"{sync.rtt_ms:.1f}")
            lines.append(line)
        else:
            lines.append(translate("Diagnostics", "NOT reachable: working offline"))
            lines.append(translate("Diagnostics", "Last error: %1").replace("%1", sync.last_error or "—"))
        if sync is not None and sync.last_sync is not None:
            lines.append(translate("Diagnostics", "Last sync: %1").replace("%1", f"{sync.last_sync:%Y-%m-%d %H:%M:%S}"))
        self.state.setText("\n".join(lines))
        mark(self.state, sync is None or sync.online)
        set_text(self.ping, translate("Diagnostics", "Test connection"))
        self.ping.setEnabled(not self.vm.busy("ping"))
        set_text(self.test, translate("Diagnostics", "Test loan of %1").replace("%1", self.vm.test_item))
        self.test.setVisible(bool(self.vm.test_item))  # not set up: the note below says how
        self.test.setEnabled(not self.vm.busy("test"))
        self.clear_rows()
        if not self.vm.test_item:
            self.empty(
                translate(
                    "Diagnostics", "Set [diagnostics] test_patron and test_item in the config to test a loan from here."
                )
            )

    def word(self, result: ActionResult) -> str:
        if result.action == "ping":
            if result.ok:
                return translate("Diagnostics", "The catalog answered in %1 ms.").replace(
                    "%1", f"{result.facts['ms']:.1f}"
                )
            return translate("Diagnostics", "The catalog does not answer: %1").replace("%1", result.error)
        if result.action == "test":
            words = {"checkout": translate("Diagnostics", "Check out"), "checkin": translate("Diagnostics", "Check in")}
            parts = [
                f"{words[s['what']]}: "
                + (translate("Diagnostics", "OK") if s["ok"] else translate("Diagnostics", "FAILED"))
                + f" ({s['ms']:.1f} ms)"
                + (
                    " — " + translate("Diagnostics", "due back %1").replace("%1", s["due"].isoformat())
                    if s["due"]
                    else ""
                )
                + (f" — {s['detail']}" if s["detail"] else "")
                for s in result.facts.get("steps", [])
            ]
            head = (
                translate("Diagnostics", "Test loan passed.")
                if result.ok
                else translate("Diagnostics", "Test loan failed.")
            )
            return "\n".join([head, *parts, result.error] if result.error else [head, *parts])
        return ""


# -- Sync queue ------------------------------------------------------------------------

QUICK_NOTES = (
    QT_TRANSLATE_NOOP("Diagnostics", "Entered by hand at the ILS"),
    QT_TRANSLATE_NOOP("Diagnostics", "Item found on the shelf"),
    QT_TRANSLATE_NOOP("Diagnostics", "Patron contacted"),
)


class SyncSection(Section):
    name = "Sync"

    def __init__(self, vm) -> None:
        super().__init__(vm)
        self.counts = label("diagSyncCounts", align=LEFT)
        self.layout_.insertWidget(1, self.counts)
        self.sync = button("diagSyncButton", secondary=True)
        self.sync.clicked.connect(vm.sync_now)
        self.top.addWidget(self.sync)
        self.top.addStretch(1)
        self.resolving = ""  # the conflict whose note is being written
        self.note = QLineEdit()
        self.note.setObjectName("diagResolveNote")
        self.note.setMaxLength(200)

    def redraw(self) -> None:
        self.heading.setText(translate("Diagnostics", "Sync queue"))
        set_text(self.sync, translate("Diagnostics", "Sync now"))
        self.sync.setEnabled(not self.vm.busy("sync"))
        view = self.vm.view
        self.note.setParent(None)
        self.clear_rows()
        if view is None:
            self.counts.setText("")
            return
        c = view.counts
        self.counts.setText(
            translate("Diagnostics", "Queued %1 · syncing %2 · conflicts %3 · done %4")
            .replace("%1", str(c.get("queued", 0)))
            .replace("%2", str(c.get("syncing", 0)))
            .replace("%3", str(c.get("conflict", 0)))
            .replace("%4", str(c.get("done", 0)))
            + "\n"
            + translate("Diagnostics", "Journal: %1").replace("%1", view.path)
        )
        if not view.queue and not view.conflicts:
            self.empty(translate("Diagnostics", "Nothing waiting: every transaction is at the catalog."))
        for i, row in enumerate(view.queue):
            state = translate("Diagnostics", "queued") if row.state == "queued" else translate("Diagnostics", "syncing")
            lines = [
                f"{self._kind(row.kind)} — {row.item_id}",
                f"{state}, {age_text(row.age_s)}"
                + (
                    ", " + translate("Diagnostics", "attempts %1").replace("%1", str(row.attempts))
                    if row.attempts
                    else ""
                ),
            ]
            if row.detail:
                lines.append(row.detail)
            self.row(f"diagQueue_{i}", lines, [])
        for conflict in view.conflicts:
            short = conflict.uuid[:8]
            lines = [
                translate("Diagnostics", "CONFLICT: %1 — %2")
                .replace("%1", self._kind(conflict.kind))
                .replace("%2", conflict.item_id),
                translate("Diagnostics", "from %1; the catalog said: %2")
                .replace("%1", f"{conflict.created_at:%Y-%m-%d %H:%M}")
                .replace("%2", said(conflict.reason, conflict.detail)),
                translate("Diagnostics", "id %1").replace("%1", short),
            ]
            resolve = button(f"diagResolve_{short}", secondary=True)
            set_text(
                resolve,
                translate("Diagnostics", "Resolve"),
                translate("Diagnostics", "Resolve %1").replace("%1", short),
            )
            resolve.clicked.connect(lambda _=False, u=conflict.uuid: self._start_resolving(u))
            self.row(f"diagConflict_{short}", lines, [resolve], bad=True)
            if self.resolving == conflict.uuid:
                self._note_panel(short)

    @staticmethod
    def _kind(kind: str) -> str:
        return {
            "checkout": translate("Diagnostics", "Loan"),
            "checkin": translate("Diagnostics", "Return"),
            "renew": translate("Diagnostics", "Renewal"),
        }.get(kind, kind)

    def _start_resolving(self, tx_uuid: str) -> None:
        self.resolving = tx_uuid
        self.note.clear()
        self.redraw()

    def _note_panel(self, short: str) -> None:
        panel = QFrame()
        panel.setObjectName("diagResolvePanel")
        box = QVBoxLayout(panel)
        ask = label("diagResolveAsk", align=LEFT)
        ask.setText(translate("Diagnostics", "What was done at the ILS? Pick a note or type one:"))
        box.addWidget(ask)
        quick = QHBoxLayout()
        for i, note in enumerate(QUICK_NOTES):
            b = button(f"diagNote_{i}", secondary=True)
            set_text(b, tr(note))
            b.clicked.connect(lambda _=False, n=note: self.note.setText(tr(n)))
            quick.addWidget(b)
        box.addLayout(quick)
        box.addWidget(self.note)
        actions = QHBoxLayout()
        save = button("diagResolveSave")
        set_text(save, translate("Diagnostics", "Save and resolve"))
        save.clicked.connect(self._save)
        cancel = button("diagResolveCancel", secondary=True)
        set_text(cancel, translate("Diagnostics", "Cancel"))
        cancel.clicked.connect(self._cancel)
        actions.addWidget(save)
        actions.addWidget(cancel)
        actions.addStretch(1)
        box.addLayout(actions)
        self.rows.addWidget(panel)
        panel.show()

    def _save(self) -> None:
        tx_uuid, note = self.resolving, self.note.text()
        if not note.strip():
            self.show_result(ActionResult("resolve", False, error="note"))
            return
        self.resolving = ""
        self.vm.resolve(tx_uuid, note)

    def _cancel(self) -> None:
        self.resolving = ""
        self.redraw()

    def word(self, result: ActionResult) -> str:
        if result.action == "sync":
            f = result.facts
            done = (
                translate("Diagnostics", "Synced %1, conflicts %2, still queued %3.")
                .replace("%1", str(f.get("synced", 0)))
                .replace("%2", str(f.get("conflicts", 0)))
                .replace("%3", str(f.get("still_queued", 0)))
            )
            return (
                done
                if result.ok
                else done
                + " "
                + translate("Diagnostics", "The catalog does not answer: %1").replace("%1", result.error)
            )
        if result.action == "resolve":
            if result.ok:
                return translate("Diagnostics", "Conflict for %1 resolved; the note is kept in the journal.").replace(
                    "%1", result.facts["item"]
                )
            if result.error == "note":
                return translate("Diagnostics", "Write a note first: what was done at the ILS.")
            return translate("Diagnostics", "Not resolved: %1").replace("%1", result.error)
        return ""


# -- Alerts ----------------------------------------------------------------------------


class AlertsSection(Section):
    name = "Alerts"

    def redraw(self) -> None:
        self.heading.setText(translate("Diagnostics", "Alerts"))
        self.clear_rows()
        view = self.vm.view
        alerts = view.alerts if view else ()
        if not alerts:
            self.empty(translate("Diagnostics", "No open alerts."))
        for alert in alerts:
            lines = [
                f"{alert_kind_text(alert['kind'])} — {alert['created_at'][:16].replace('T', ' ')}",
                (f"{alert['item_id']}: " if alert["item_id"] and alert["item_id"] not in alert["message"] else "")
                + alert["message"],
            ]
            ack = button(f"diagAck_{alert['id']}", secondary=True)
            set_text(
                ack,
                translate("Diagnostics", "Acknowledge"),
                translate("Diagnostics", "Acknowledge alert %1").replace("%1", str(alert["id"])),
            )
            ack.clicked.connect(lambda _=False, i=alert["id"]: self.vm.acknowledge(i))
            self.row(f"diagAlert_{alert['id']}", lines, [ack], bad=True)

    def word(self, result: ActionResult) -> str:
        if result.action == "acknowledge":
            return (
                translate("Diagnostics", "Alert acknowledged.")
                if result.ok
                else translate("Diagnostics", "That alert was already acknowledged.")
            )
        return ""


# -- Logs ------------------------------------------------------------------------------


class LogsSection(Section):
    name = "Logs"

    def __init__(self, vm) -> None:
        super().__init__(vm)
        self.text = QPlainTextEdit()
        self.text.setObjectName("diagLogText")
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.WidgetWidth)  # no sideways scrolling on a touchscreen
        self.rows.addWidget(self.text)
        self.export = button("diagExportButton", secondary=True)
        self.export.clicked.connect(vm.export)
        self.reload = button("diagLogReload", secondary=True)
        self.reload.clicked.connect(self.redraw)
        self.top.addWidget(self.export)
        self.top.addWidget(self.reload)
        self.top.addStretch(1)

    def redraw(self) -> None:
        self.heading.setText(translate("Diagnostics", "Logs"))
        set_text(self.export, translate("Diagnostics", "Export to USB stick"))
        set_text(self.reload, translate("Diagnostics", "Show newest"))
        self.export.setEnabled(not self.vm.busy("export"))
        lines = self.vm.log_lines()
        self.text.setPlainText("\n".join(lines) if lines else translate("Diagnostics", "Nothing logged yet."))
        self.text.verticalScrollBar().setValue(self.text.verticalScrollBar().maximum())

    def word(self, result: ActionResult) -> str:
        if result.action == "export":
            if result.ok:
                return translate("Diagnostics", "Saved %1. You can take the stick out now.").replace(
                    "%1", result.facts["path"]
                )
            return translate("Diagnostics", "Not saved: %1").replace("%1", result.error)
        return ""


SECTIONS = (DevicesSection, CatalogSection, SyncSection, AlertsSection, LogsSection)
__all__ = ["SECTIONS", "Section"]
