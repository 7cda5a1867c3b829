"""The simulator panel of ``kiosk demo``: a separate window where a person
places tagged items on the (simulated) pad, scans cards and barcodes,
pulls the network cable or the reader's plug, and resets the demo data.

It drives the simulated devices through their public methods, so the
kiosk window reacts exactly as it would to real hardware.
"""

from __future__ import annotations

import hashlib

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.app import Kiosk
from kiosk.catalog import demo_data
from kiosk.catalog.demo import DemoCatalog
from kiosk.devices.base import TagRead
from kiosk.devices.rfid.danish import reverse_blocks
from kiosk.devices.rfid.reading import to_tag_read
from kiosk.devices.rfid.tagdata import MODEL_ISO28560_3, USAGE_CIRCULATING, USAGE_PATRON_CARD, TagData, encode_tag
from kiosk.devices.simulated import SimulatedBarcodeScanner, SimulatedRfidReader

DEMO_ISIL = "DEMO"  # the demo library's ISIL suffix (country ID)
PANEL_WIDTH = 620  # beside a 1280 px kiosk window on a 1920 px screen
LIST_ROWS = {"simPatrons": 6, "simItems": 10}  # rows each list shows without scrolling

# The panel is a desktop tool beside the kiosk: compact type instead of the kiosk's touch sizes, and a
# selected row that reads clearly (white on the library blue, 8:1).
PANEL_STYLE = """
#simulatorPanel, #simulatorPanel QWidget { font-size: 15px; }
#simulatorPanel QPushButton { padding: 6px 10px; min-height: 22px; min-width: 0px; border-radius: 6px; }
#simulatorPanel QListWidget::item { padding: 3px 6px; border-bottom: 1px solid #d0ccc2; color: #1b1b1b; }
#simulatorPanel QListWidget::item:selected { background: #00557f; color: white; }
#simulatorPanel QLabel#simStatus { color: #a4161a; font-weight: 600; }
#simulatorPanel QLineEdit { font-size: 15px; padding: 4px; }
"""


def simulated_uid(code: str) -> str:
    """A stable ISO 15693-looking UID (E0 04 01 ...) for a demo tag."""
    return "E00401" + hashlib.sha1(code.encode()).hexdigest()[:10].upper()


def demo_tag_memories(code: str, *, patron: bool = False, vendor: str = "plain") -> list[tuple[str, bytes]]:
    """(uid, ISO 28560-3 tag memory) for each tag a demo item or card carries.
    ``vendor="block-reversed"`` writes each 4-byte block reversed, as some
    vendors do; ``"damaged"`` corrupts the data so no CRC checks."""
    parts = next((p for n, *_rest, p, _part in demo_data.ITEMS if demo_data.item_barcode(n) == code), 1)
    tags = []
    for part in range(1, parts + 1):
        data = TagData(
            MODEL_ISO28560_3,
            code,
            USAGE_PATRON_CARD if patron else USAGE_CIRCULATING,
            parts_in_set=parts,
            part_number=part,
            country="ID",
            isil=DEMO_ISIL,
        )
        memory = encode_tag(data)
        if vendor == "block-reversed":
            memory = reverse_blocks(memory)
        elif vendor == "damaged":
            memory = memory[:5] + bytes(b ^ 0x5A for b in memory[5:12]) + memory[12:]
        tags.append((simulated_uid(code if parts == 1 else f"{code}/{part}"), memory))
    return tags


def demo_tags(code: str, *, patron: bool = False) -> list[TagRead]:
    """The demo tags as a reader decodes them (what tests place on the pad)."""
    return [to_tag_read(uid, memory) for uid, memory in demo_tag_memories(code, patron=patron)]


def demo_tag(code: str, *, patron: bool = False) -> TagRead:
    return demo_tags(code, patron=patron)[0]


class SimulatorPanel(QWidget):
    """Buttons are in English only: the panel is a technician's and trainer's
    tool, not part of the patron's kiosk."""

    def __init__(self, kiosk: Kiosk) -> None:
        super().__init__()
        self.setObjectName("simulatorPanel")
        self.setWindowTitle("Kiosk simulator")
        self.kiosk = kiosk
        self.pad = next((d for d in kiosk.devices.devices.values() if isinstance(d, SimulatedRfidReader)), None)
        self.scanner = next((d for d in kiosk.devices.devices.values() if isinstance(d, SimulatedBarcodeScanner)), None)
        self.setStyleSheet(PANEL_STYLE)
        self.status = QLabel()
        self.status.setObjectName("simStatus")
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self._patrons())
        layout.addWidget(self._items(), 1)
        layout.addWidget(self._free_code())
        layout.addWidget(self._faults())
        self._size_lists()
        self.resize(PANEL_WIDTH, self.sizeHint().height())

    def _button(self, name: str, text: str, slot, enabled: bool = True) -> QPushButton:
        b = QPushButton(text)
        b.setObjectName(name)
        b.setAccessibleName(text)
        b.setFocusPolicy(Qt.NoFocus)
        b.setEnabled(enabled)
        b.clicked.connect(slot)
        return b

    def _list(self, name: str, rows: list[tuple[str, str]], multi: bool) -> QListWidget:
        lst = QListWidget()
        lst.setObjectName(name)
        lst.setAccessibleName(name)
        lst.setSelectionMode(QListWidget.ExtendedSelection if multi else QListWidget.SingleSelection)
        for text, code in rows:
            item = QListWidgetItem(text)
            item.setData(Qt.UserRole, code)
            lst.addItem(item)
        lst.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        lst.setTextElideMode(Qt.ElideMiddle)
        lst.itemSelectionChanged.connect(lambda: self.status.setText(""))
        return lst

    def _size_lists(self, fewer: int = 0) -> None:
        """Each list tall enough for LIST_ROWS rows (less ``fewer``, at least 3) in the panel's font."""
        for lst in (self.patron_list, self.item_list):
            lst.ensurePolished()
            row_height = lst.sizeHintForRow(0) if lst.count() else lst.fontMetrics().height() + 8
            rows = max(3, LIST_ROWS[lst.objectName()] - fewer)
            lst.setMinimumHeight(rows * row_height + 2 * lst.frameWidth() + 12)

    def fit_height(self, height: int) -> None:
        """On a short screen, lists of fewer rows rather than buttons squeezed out of sight."""
        fewer = 0
        while self.minimumSizeHint().height() > height and fewer < max(LIST_ROWS.values()):
            fewer += 1
            self._size_lists(fewer)
            for box in self.findChildren(QGroupBox):  # the layouts cache each box's minimum until told
                box.layout().invalidate()
                box.updateGeometry()
            self.layout().invalidate()

    def _patrons(self) -> QGroupBox:
        box = QGroupBox("Patron cards")
        rows = [
            (f"{name} — {card}" + (f" ({blocked})" if blocked else "") + (f" fines Rp{fines:,}" if fines else ""), card)
            for card, name, _pin, _cat, blocked, fines, _exp, _lang in demo_data.PATRONS
        ]
        self.patron_list = self._list("simPatrons", rows, multi=False)
        row = QHBoxLayout()
        row.addWidget(self._button("simScanCard", "Scan card barcode", self.scan_card, self.scanner is not None))
        row.addWidget(self._button("simTapCard", "Tap RFID card", self.tap_card, self.pad is not None))
        layout = QVBoxLayout(box)
        layout.addWidget(self.patron_list)
        layout.addLayout(row)
        return box

    def _items(self) -> QGroupBox:
        box = QGroupBox("Items (demo PINs: 1234; staff PIN: 2468)")
        rows = [
            (
                f"{title} — {demo_data.item_barcode(n)}" + (f" ({parts} parts)" if parts > 1 else ""),
                demo_data.item_barcode(n),
            )
            for n, title, _a, _t, _h, _nfl, _s, parts, part in demo_data.ITEMS
        ]
        self.item_list = self._list("simItems", rows, multi=True)
        row = QHBoxLayout()
        row.addWidget(self._button("simScanItem", "Scan barcode", self.scan_items, self.scanner is not None))
        row.addWidget(self._button("simPlaceItems", "Place on pad", self.place_items, self.pad is not None))
        row.addWidget(self._button("simClearPad", "Clear pad", lambda: self.pad.clear(), self.pad is not None))
        vendor_row = QHBoxLayout()
        vendor_row.addWidget(
            self._button(
                "simReversedTag",
                "Place as block-reversing vendor",
                lambda: self.place_items(vendor="block-reversed"),
                self.pad is not None,
            )
        )
        vendor_row.addWidget(
            self._button("simDamagedTag", "Place damaged tag", self.place_damaged, self.pad is not None)
        )
        self.first_part_only = QCheckBox("Of a set, place only part 1 (the CD is missing)")
        self.first_part_only.setObjectName("simFirstPartOnly")
        layout = QVBoxLayout(box)
        layout.addWidget(self.item_list)
        layout.addLayout(row)
        layout.addLayout(vendor_row)
        layout.addWidget(self.first_part_only)
        return box

    def _free_code(self) -> QGroupBox:
        box = QGroupBox("Any code")
        self.code_field = QLineEdit()
        self.code_field.setObjectName("simCode")
        self.code_field.setAccessibleName("code to scan")
        self.code_field.returnPressed.connect(self.scan_typed)
        row = QHBoxLayout(box)
        row.addWidget(self.code_field, 1)
        row.addWidget(self._button("simScanTyped", "Scan", self.scan_typed, self.scanner is not None))
        return box

    def _faults(self) -> QGroupBox:
        box = QGroupBox("Faults and data")
        layout = QVBoxLayout(box)
        self.network = QCheckBox("Catalog reachable (network cable in)")
        self.network.setObjectName("simNetwork")
        self.network.setChecked(True)
        is_demo = isinstance(self.kiosk.catalog, DemoCatalog)
        self.network.setEnabled(is_demo)
        self.network.toggled.connect(self.set_network)
        layout.addWidget(self.network)
        self.reader_plug = QCheckBox("RFID reader plugged in")
        self.reader_plug.setObjectName("simReaderPlug")
        self.reader_plug.setChecked(True)
        self.reader_plug.setEnabled(self.pad is not None)
        self.reader_plug.toggled.connect(lambda on: self.pad.replug() if on else self.pad.unplug())
        layout.addWidget(self.reader_plug)
        layout.addWidget(self._button("simReset", "Reset demo data", self.reset, is_demo))
        return box

    # -- actions ---------------------------------------------------------------
    def _selected(self, lst: QListWidget) -> list[str]:
        """The codes picked in a list; with none picked, the panel says what to pick."""
        codes = [i.data(Qt.UserRole) for i in lst.selectedItems()]
        if not codes:
            what = "a patron card" if lst is self.patron_list else "one or more items"
            self.status.setText(f"Pick {what} in the list first, then press the button again.")
        else:
            self.status.setText("")
        return codes

    def scan_card(self) -> None:
        for card in self._selected(self.patron_list):
            self.scanner.scan(card, "codabar")

    def tap_card(self) -> None:
        for card in self._selected(self.patron_list):
            for uid, memory in demo_tag_memories(card, patron=True):
                self.pad.place_memory(uid, memory)
                self.pad.remove(uid)

    def scan_items(self) -> None:
        for code in self._selected(self.item_list):
            self.scanner.scan(code, "codabar")

    def place_items(self, vendor: str = "plain") -> None:
        for code in self._selected(self.item_list):
            tags = demo_tag_memories(code, vendor=vendor)
            for uid, memory in tags[:1] if self.first_part_only.isChecked() else tags:
                self.pad.place_memory(uid, memory)

    def place_damaged(self) -> None:
        self.place_items(vendor="damaged")

    def scan_typed(self) -> None:
        code = self.code_field.text().strip()
        if code and self.scanner is not None:
            self.scanner.scan(code)
        self.code_field.clear()

    def set_network(self, on: bool) -> None:
        self.kiosk.catalog.reachable = on
        if on:
            self.kiosk.sync_worker.wake()

    def reset(self) -> None:
        self.kiosk.catalog.reset()
