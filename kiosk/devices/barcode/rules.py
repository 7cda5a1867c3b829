"""What a scanned code means: a patron card, an item, or something to refuse.

The library configures an ordered list of rules; the first rule a code fully
satisfies decides its kind.  Everything here is pure and table-driven so the
same rules serve the camera, a keyboard-wedge scanner and manual entry.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

KINDS = ("patron", "item")

#: Canonical symbology names; decoders translate their own names to these.
SYMBOLOGIES = (
    "codabar",
    "code128",
    "code39",
    "code93",
    "ean13",
    "ean8",
    "upca",
    "upce",
    "itf",
    "qrcode",
    "datamatrix",
    "pdf417",
)
ANY_SYMBOLOGY = "any"

#: Rejection reasons.  "symbology": no rule reads this kind of barcode at all.
#: The others are ordered from "no rule is about this code" to "a rule fits
#: except for its check digit"; see RuleSet.classify.
REASONS = ("symbology", "no_rule", "length", "check_digit")

# Codabar framing: start and stop characters A-D around the data characters.
_CODABAR_FRAMED = re.compile(r"[A-Da-d]([0-9$:/.+\-]*)[A-Da-d]")
_CODE39_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-. $/+%"


# --- check-digit schemes -------------------------------------------------


def luhn_valid(code: str) -> bool:
    """Mod-10 (Luhn), as used on 14-digit library Codabar cards."""
    if not code.isascii() or not code.isdigit() or len(code) < 2:
        return False
    total = 0
    for position, char in enumerate(reversed(code)):
        digit = int(char)
        if position % 2:
            digit = digit * 2 - 9 if digit > 4 else digit * 2
        total += digit
    return total % 10 == 0


def ean13_valid(code: str) -> bool:
    """EAN-13 / ISBN-13: weights 1,3,1,3... over the first 12 digits."""
    if len(code) != 13 or not code.isascii() or not code.isdigit():
        return False
    total = sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(code[:12]))
    return (10 - total % 10) % 10 == int(code[12])


def isbn10_valid(code: str) -> bool:
    """ISBN-10: weights 10..1 summing to 0 mod 11, final 'X' meaning 10."""
    if len(code) != 10 or not code[:9].isascii() or not code[:9].isdigit():
        return False
    last = code[9].upper()
    if last != "X" and not last.isdigit():
        return False
    values = [int(c) for c in code[:9]] + [10 if last == "X" else int(last)]
    return sum(v * w for v, w in zip(values, range(10, 0, -1))) % 11 == 0


def code39_mod43_valid(code: str) -> bool:
    """Code 39 with its optional mod-43 check character appended."""
    if len(code) < 2 or any(c not in _CODE39_CHARS for c in code):
        return False
    total = sum(_CODE39_CHARS.index(c) for c in code[:-1])
    return _CODE39_CHARS[total % 43] == code[-1]


CHECKS: dict[str, Callable[[str], bool]] = {
    "none": lambda code: True,
    "luhn": luhn_valid,
    "ean13": ean13_valid,
    "isbn10": isbn10_valid,
    "code39_mod43": code39_mod43_valid,
}


# --- rules -----------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    """One configured kind of code, e.g. "patron cards: Codabar, 14 digits, Luhn"."""

    name: str
    kind: str
    prefix: str = ""
    min_length: int | None = None
    max_length: int | None = None
    symbologies: frozenset[str] | None = None  # None means any symbology
    check: str = "none"

    _KEYS = frozenset({"name", "kind", "prefix", "length", "min_length", "max_length", "symbologies", "check"})

    @classmethod
    def from_mapping(cls, raw: Mapping[str, object]) -> Rule:
        """Build a rule from config, refusing typos and impossible values loudly.

        A misspelt key silently ignored would accept codes the library never
        meant to accept, so every problem raises ValueError naming the key.
        """
        if not isinstance(raw, Mapping):
            raise ValueError(f"barcode rule must be a mapping, got {type(raw).__name__}")
        unknown = sorted(set(raw) - cls._KEYS)
        if unknown:
            raise ValueError(f"barcode rule: unknown key {unknown[0]!r}")
        name = raw.get("name")
        if not isinstance(name, str) or not name.strip():
            raise ValueError("barcode rule: 'name' must be a non-empty string")
        where = f"barcode rule {name!r}"
        kind = raw.get("kind")
        if not isinstance(kind, str) or kind not in KINDS:
            raise ValueError(f"{where}: 'kind' must be one of {KINDS}, got {kind!r}")
        prefix = raw.get("prefix", "")
        if not isinstance(prefix, str):
            raise ValueError(f"{where}: 'prefix' must be a string, got {prefix!r}")
        check = raw.get("check", "none")
        if not isinstance(check, str) or check not in CHECKS:
            raise ValueError(f"{where}: 'check' must be one of {sorted(CHECKS)}, got {check!r}")

        lengths = {key: _length(raw, key, where) for key in ("length", "min_length", "max_length")}
        if lengths["length"] is not None:
            if lengths["min_length"] is not None or lengths["max_length"] is not None:
                raise ValueError(f"{where}: 'length' cannot be combined with 'min_length'/'max_length'")
            lengths["min_length"] = lengths["max_length"] = lengths["length"]
        low, high = lengths["min_length"], lengths["max_length"]
        if low is not None and high is not None and low > high:
            raise ValueError(f"{where}: 'min_length' ({low}) is greater than 'max_length' ({high})")

        return cls(
            name=name.strip(),
            kind=kind,
            prefix=prefix,
            min_length=low,
            max_length=high,
            symbologies=_symbologies(raw.get("symbologies", ANY_SYMBOLOGY), where),
            check=check,
        )

    def allows(self, symbology: str | None) -> bool:
        """An unknown symbology (keyboard wedge, manual entry) is never held against a code."""
        return self.symbologies is None or symbology is None or symbology in self.symbologies

    def normalise(self, code: str, symbology: str | None) -> str:
        """Strip Codabar start/stop characters, which are framing, not data.

        Only for codes known to be Codabar, or keyed in for a Codabar-only
        rule, so a Code 39 item such as "A123B" keeps its letters.
        """
        codabar = symbology == "codabar" or (
            symbology is None and self.symbologies is not None and "codabar" in self.symbologies
        )
        framed = _CODABAR_FRAMED.fullmatch(code) if codabar else None
        if framed and framed.group(1):
            code = framed.group(1)
        return code.upper() if self.check == "isbn10" else code

    def failure(self, code: str, symbology: str | None) -> str | None:
        """The first reason this rule refuses an already-normalised code, or None."""
        if not self.allows(symbology):
            return "symbology"
        if not code or not code.startswith(self.prefix):
            return "no_rule"
        if (self.min_length is not None and len(code) < self.min_length) or (
            self.max_length is not None and len(code) > self.max_length
        ):
            return "length"
        if not CHECKS[self.check](code):
            return "check_digit"
        return None


def _length(raw: Mapping[str, object], key: str, where: str) -> int | None:
    value = raw.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"{where}: {key!r} must be a positive integer, got {value!r}")
    return value


def _symbologies(value: object, where: str) -> frozenset[str] | None:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, Iterable) or isinstance(value, Mapping):
        raise ValueError(f"{where}: 'symbologies' must be a list of names or 'any', got {value!r}")
    names = [str(v).strip().lower() for v in value]
    if not names:
        raise ValueError(f"{where}: 'symbologies' is empty; use 'any' to allow every symbology")
    if ANY_SYMBOLOGY in names:
        return None
    unknown = [n for n in names if n not in SYMBOLOGIES]
    if unknown:
        raise ValueError(f"{where}: 'symbologies' has unknown name {unknown[0]!r}; known: {', '.join(SYMBOLOGIES)}")
    return frozenset(names)


# --- classification ----------------------------------------------------------


@dataclass(frozen=True)
class Classification:
    """The verdict on one scan; `message_key` is what the UI translates and shows."""

    code: str
    kind: str | None = None
    rule: str | None = None
    normalized: str | None = None
    reason: str | None = None
    message_key: str = ""

    @property
    def accepted(self) -> bool:
        return self.reason is None


class RuleSet:
    """An ordered list of rules; the first rule a code satisfies wins."""

    def __init__(self, rules: Sequence[Rule]):
        names = [r.name for r in rules]
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            raise ValueError(f"barcode rules: duplicate rule name {duplicates[0]!r}")
        self.rules = tuple(rules)

    @classmethod
    def from_config(cls, entries: Iterable[Mapping[str, object]]) -> RuleSet:
        return cls([Rule.from_mapping(entry) for entry in entries])

    def classify(self, code: str, symbology: str | None = None) -> Classification:
        """Accept with the first satisfied rule, else explain the nearest miss.

        A barcode type no rule reads is refused as "symbology" (a DVD's retail
        EAN on a kiosk that only knows Codabar).  Otherwise the reason comes
        from the rule the code got furthest through (see REASONS): a patron
        card with a bad check digit says "check digit", not "unknown code".
        Control characters (a wedge scanner's CR/LF) are dropped; spaces are
        kept, as Code 39 data and check characters can be spaces.
        """
        cleaned = "".join(ch for ch in code if ch.isprintable())
        symbology = symbology.lower() if symbology else None
        readable = not self.rules or any(rule.allows(symbology) for rule in self.rules)
        nearest: tuple[int, Rule | None, str] = (REASONS.index("no_rule") if readable else 0, None, cleaned)
        for rule in self.rules:
            normal = rule.normalise(cleaned, symbology)
            reason = rule.failure(normal, symbology)
            if reason is None:
                return Classification(
                    code=code,
                    kind=rule.kind,
                    rule=rule.name,
                    normalized=normal,
                    message_key=f"barcode.accepted.{rule.kind}",
                )
            rank = REASONS.index(reason)
            if rank > nearest[0]:
                nearest = (rank, rule, normal)
        rank, rule, normal = nearest
        return Classification(
            code=code,
            rule=rule.name if rule else None,
            normalized=normal,
            reason=REASONS[rank],
            message_key=f"barcode.rejected.{REASONS[rank]}",
        )
