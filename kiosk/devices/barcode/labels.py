"""What goes on a sheet of demo cards and labels, and the bars of each one.

Each code is printed in a symbology the site's rules accept for it, and
only if what a decoder would read back (python-barcode's full code, e.g.
Codabar with its start/stop characters) classifies as the same code: a
sheet that prints is a sheet the kiosk reads.  No drawing here; see
label_sheet.py.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import groupby

from kiosk.catalog import demo_data
from kiosk.devices.barcode.rules import RuleSet
from kiosk.errors import KnownError

#: Symbologies a sheet can print, in the order tried when the rules allow several.
PRINTABLE = ("codabar", "code128", "ean13", "code39", "itf")


@dataclass(frozen=True)
class LabelSpec:
    kind: str  # "patron" or "item"
    title: str  # the patron's name or the item's title
    code: str  # the number the catalog knows
    symbology: str
    data: str  # what the bars encode, e.g. "A29001000000013B"
    note: str = ""


def _encoder(symbology: str, data: str):
    """python-barcode's encoder (imported here: the CLI lists PRINTABLE on every start)."""
    import barcode

    options = {"add_checksum": False} if symbology == "code39" else {}
    return barcode.get_barcode_class(symbology)(data, **options)


def _data(symbology: str, code: str) -> str:
    return f"A{code}B" if symbology == "codabar" else code


def bar_pattern(symbology: str, data: str) -> tuple[str, int]:
    """("1" dark / "0" light per module, modules in a narrow bar).

    python-barcode draws Codabar and ITF narrow bars two modules wide.
    """
    modules = _encoder(symbology, data).build()[0]
    narrow = min(len(list(run)) for _, run in groupby(modules))
    return modules, narrow


def readable_as(rules: RuleSet, code: str, kind: str, symbology: str) -> bool:
    """Would the kiosk read `code` printed in `symbology` back as this code and kind?"""
    from barcode.errors import BarcodeError

    try:
        read_back = _encoder(symbology, _data(symbology, code)).get_fullcode()
    except (BarcodeError, ValueError):  # characters or length the symbology cannot carry
        return False
    if not rules.rules:
        return read_back in (code, _data(symbology, code))
    verdict = rules.classify(read_back, symbology)
    return verdict.accepted and verdict.kind == kind and verdict.normalized == code


def label(
    rules: RuleSet, kind: str, title: str, code: str, note: str = "", *, choices: Iterable[str] = PRINTABLE
) -> LabelSpec:
    """The label for one code in the first of `choices` that carries it; KnownError when none does."""
    choices = list(choices)
    for choice in choices:
        if readable_as(rules, code, kind, choice):
            return LabelSpec(kind, title, code, choice, _data(choice, code), note)
    raise KnownError(
        f"[barcodes]: the {kind} code {code} would not be read back in any of {', '.join(choices)}",
        hint="check the rules' prefix, length, check and symbologies, and [barcodes] symbologies "
        "(kiosk diag scan explains a code)",
    )


def demo_labels(rules: RuleSet, symbology: str | None = None, searched: Iterable[str] | None = None) -> list[LabelSpec]:
    """Every demo patron card, then every demo item, as the rules would read them.

    `symbology` forces one; otherwise the first printable one the camera
    searches (`searched`, [barcodes] symbologies) and the rules accept.
    """
    if symbology:
        choices = [symbology]
    else:
        choices = [s for s in PRINTABLE if searched is None or s in searched or "any" in searched]
    cards = [
        label(rules, "patron", name, card, ", ".join(_patron_notes(pin, blocked, fines)), choices=choices)
        for card, name, pin, _category, blocked, fines, *_rest in demo_data.PATRONS
    ]
    items = [
        label(rules, "item", title, demo_data.item_barcode(n), _item_note(not_for_loan, parts, part), choices=choices)
        for n, title, _author, _type, _branch, not_for_loan, _set, parts, part in demo_data.ITEMS
    ]
    return cards + items


def _patron_notes(pin: str, blocked: str | None, fines: int) -> list[str]:
    notes = [f"demo PIN {pin}"]
    if blocked:
        notes.append("blocked")
    if fines:
        notes.append(f"fines Rp {fines:,}".replace(",", "."))
    return notes


def _item_note(not_for_loan: bool, parts: int, part: int) -> str:
    if not_for_loan:
        return "not for loan"
    return f"part {part} of {parts}" if parts > 1 else ""
