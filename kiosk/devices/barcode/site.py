"""A site's ``[barcodes]`` settings turned into working parts: its rules,
its decoder, and the check a camera read must pass before it counts.

The camera driver, ``kiosk diag scan`` and ``kiosk labels`` all start here,
so a label that passes ``diag scan`` is read the same way by the kiosk.
``barcodes`` is anything with the [barcodes] attributes: the config's
section, or :class:`kiosk.devices.site.SiteBarcodes`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kiosk.devices.barcode.rules import RuleSet
from kiosk.errors import ConfigError, DeviceError


def rule_set(barcodes: Any) -> RuleSet:
    try:
        return RuleSet.from_config(barcodes.rules)
    except ValueError as exc:
        raise ConfigError(
            f"[barcodes] rules: {exc}", hint="fix the rule in the config file (see config/kiosk.example.toml)"
        ) from exc


def decoder(barcodes: Any):
    """The configured decoder backend, restricted to the configured symbologies."""
    from kiosk.devices.barcode.decoders import DecoderUnavailable, make_decoder

    try:
        return make_decoder(barcodes.decoder, barcodes.symbologies)
    except DecoderUnavailable as exc:
        raise DeviceError(f"[barcodes] decoder: {exc}", hint="install it, or choose the other decoder") from exc
    except ValueError as exc:
        raise ConfigError(f"[barcodes] decoder/symbologies: {exc}", hint="fix [barcodes] in the config file") from exc


def validator(rules: RuleSet) -> Callable[[Any], bool]:
    """What a camera read (decoders.Read) must pass to be accepted.

    With no rules configured nothing can be classified, so a read is taken
    on the decoder's word (its check digits); with rules, only a code some
    rule accepts counts, which keeps a misread off the screen entirely.
    """
    if not rules.rules:
        return lambda read: True
    return lambda read: rules.classify(read.text, read.symbology).accepted


REJECTIONS = {
    "symbology": "no rule reads {symbology} barcodes",
    "no_rule": "fits no rule: not a library card or item label of this library",
    "length": "wrong length for rule {rule!r}",
    "check_digit": "check digit does not match (rule {rule!r}): a misprint or misread",
}


def describe(rules: RuleSet, code: str, symbology: str | None = None) -> dict:
    """A read and its verdict, for a technician (``kiosk diag scan``) or a log."""
    if not rules.rules:
        return {
            "code": code,
            "symbology": symbology,
            "accepted": True,
            "kind": None,
            "rule": None,
            "normalized": code,
            "reason": None,
            "explanation": "no [barcodes] rules: not classified",
        }
    verdict = rules.classify(code, symbology)
    if verdict.accepted:
        explanation = f"{verdict.kind} (rule {verdict.rule!r}: {verdict.normalized})"
    else:
        explanation = REJECTIONS[verdict.reason].format(symbology=symbology or "these", rule=verdict.rule)
    return {
        "code": code,
        "symbology": symbology,
        "accepted": verdict.accepted,
        "kind": verdict.kind,
        "rule": verdict.rule,
        "normalized": verdict.normalized,
        "reason": verdict.reason,
        "explanation": explanation,
    }
