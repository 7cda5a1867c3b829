"""``kiosk diag rfid`` and ``kiosk diag tag``: what a technician runs at a pad
that misreads.

* ``diag rfid --config PATH``: each RFID reader of the config - who it is, the
  tags on it now, each with its raw memory, what it decodes to, and its
  security (AFI / EAS), plus the line's error counters. The reader is opened
  by hand (no poll thread); a port has one owner, so beside a running kiosk
  the report says the port is locked - stop the kiosk to inspect its pad.
* ``diag tag HEX``: decode tag memory pasted from a reader log or another
  tool - which data model and byte order, every field, whether the CRC
  checks. Input nothing decodes is exit status 2 with the reasons, and for
  the CRC-protected model, the stored and computed CRC.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict
from pathlib import Path
from typing import Any

from kiosk import config
from kiosk.errors import KnownError

USAGES = {0: "acquisition", 1: "circulating", 2: "not for circulation", 7: "discarded", 8: "patron card"}


def register(commands, diag) -> None:
    from kiosk.devices.rfid.tagdata import MODELS

    rfid = diag.add_parser("rfid", help="RFID readers: identity, tags on the pad decoded, raw memory, AFI/EAS")
    rfid.add_argument("--config", type=Path, required=True)
    rfid.add_argument("--device", help="only the reader of [devices.DEVICE]")
    rfid.add_argument("--json", action="store_true")
    rfid.set_defaults(handler=_rfid)
    tag = diag.add_parser("tag", help="decode raw tag memory given in hex")
    tag.add_argument("hex", nargs="+", help="tag memory in hex (spaces, colons and a 0x prefix are fine)")
    tag.add_argument("--model", choices=["auto", *MODELS], default="auto")
    tag.add_argument("--dsfid", type=lambda v: int(v, 0), help="the tag's DSFID if known (0x3E, 0x06)")
    tag.add_argument("--json", action="store_true")
    tag.set_defaults(handler=_tag)


# -- diag tag -------------------------------------------------------------------------
def parse_hex(text: str) -> bytes:
    cleaned = re.sub(r"0x|[\s:,-]", "", text, flags=re.IGNORECASE)
    try:
        memory = bytes.fromhex(cleaned)
    except ValueError:
        raise KnownError(
            f"not hexadecimal tag memory: {text[:60]!r}", hint="paste the bytes as hex, e.g. 11 01 01 33 39 30 ..."
        ) from None
    if not memory:
        raise KnownError("no tag memory given", hint="paste the bytes as hex, e.g. 11 01 01 33 39 30 ...")
    return memory


def describe_memory(memory: bytes, model: str = "auto", dsfid: int | None = None) -> dict[str, Any]:
    """Every field of decoded tag memory, or why it does not decode."""
    from kiosk.devices.rfid.tagdata import TagDataError, decode_tag

    try:
        tag = decode_tag(memory, model, dsfid=dsfid)
    except TagDataError as exc:
        return {"ok": False, "bytes": len(memory), "error": exc.reason, "crc": _stored_and_computed_crc(memory)}
    fields = {
        name: value
        for name, value in asdict(tag).items()
        if name not in ("model", "byte_order", "crc_ok", "extension_blocks", "extra")
    }
    fields["type_of_usage_name"] = USAGES.get(tag.type_of_usage, "other")
    fields["full_isil"] = tag.full_isil
    fields["extension_blocks"] = [{"id": b.block_id, "payload": b.payload.hex().upper()} for b in tag.extension_blocks]
    fields.update({k: v.hex().upper() if isinstance(v, bytes) else v for k, v in tag.extra})
    crc = "checks" if tag.crc_ok else "this model has no CRC" if tag.crc_ok is None else "fails"
    return {
        "ok": True,
        "bytes": len(memory),
        "model": tag.model,
        "byte_order": tag.byte_order,
        "crc": crc,
        "fields": fields,
    }


def _stored_and_computed_crc(memory: bytes) -> list[dict[str, str]]:
    """The ISO 28560-3 CRC as stored and as computed in both block orders,
    with the item id the bytes would hold, so staff can still find the book."""
    from kiosk.devices.rfid.danish import basic_block_crc, reverse_blocks

    if len(memory) < 21:
        return []
    return [
        {
            "byte_order": order,
            "stored": f"0x{m[19] | m[20] << 8:04X}",
            "computed": f"0x{basic_block_crc(m):04X}",
            "item_id_unchecked": m[3:19].split(b"\0", 1)[0].decode("latin-1"),
        }
        for order, m in (("as-is", memory), ("block-reversed", reverse_blocks(memory)))
    ]


def _tag(args) -> int:
    memory = parse_hex(" ".join(args.hex))
    report = describe_memory(memory, args.model, args.dsfid)
    if args.json:
        print(json.dumps(report, indent=2))
        return 0 if report["ok"] else 2
    if not report["ok"]:
        crcs = "".join(
            f"\n  ISO 28560-3 read {c['byte_order']}: CRC stored {c['stored']}, computed "
            f"{c['computed']}; item id would be {c['item_id_unchecked']!r}"
            for c in report["crc"]
        )
        model = "any known data model" if args.model == "auto" else args.model
        raise KnownError(
            f"{len(memory)} bytes do not decode as {model}: {report['error']}{crcs}",
            hint="check the bytes are the tag's user memory from block 0, or try another --model",
        )
    print(f"model       {report['model']} (byte order {report['byte_order']}), {report['bytes']} bytes")
    print(f"crc         {report['crc']}")
    for name, value in report["fields"].items():
        print(f"{name:<19} {value}")
    return 0


# -- diag rfid ------------------------------------------------------------------------
def collect(settings, only: str | None = None) -> list[dict[str, Any]]:
    devices = [d for d in settings.devices if d.kind == "rfid" and d.enabled and only in (None, d.name)]
    if not devices:
        which = f" named {only!r}" if only else ""
        raise KnownError(
            f"{settings.source}: no enabled RFID device{which}",
            hint='add a [devices.pad] table with kind = "rfid" and driver = "3m810" or "feig"',
        )
    return [_inspect_reader(cfg, settings.rfid) for cfg in devices]


def _inspect_reader(cfg, rfid) -> dict[str, Any]:
    from kiosk.devices.registry import build
    from kiosk.devices.rfid.reader_base import SerialRfidReader
    from kiosk.devices.serial_line import LineError
    from kiosk.devices.site import Site, SiteRfid

    reader = build(cfg, Site(rfid=SiteRfid.of(rfid)))  # DeviceError naming a bad option goes to the caller
    report: dict[str, Any] = {
        "name": cfg.name,
        "driver": cfg.driver,
        "port": cfg.options.get("port", ""),
        "state": "ok",
        "reason": "",
        "identity": "",
        "tags": [],
        "counters": {},
    }
    if not isinstance(reader, SerialRfidReader):
        report["identity"] = f"{cfg.driver} driver: no reader hardware to ask"
        return report
    try:
        reader.connect()
        report["identity"] = reader.identity
        report["tags"] = [_tag_report(reader.inspect(seen), reader.settings.site) for seen in reader.scan()]
    except LineError as exc:
        report.update(state="disconnected", reason=exc.reason)
    finally:
        report["counters"] = reader.counters()
        reader.close()
    return report


def _tag_report(found, site) -> dict[str, Any]:
    afi_meaning = {site.afi_in_stock: "in stock (secured)", site.afi_on_loan: "on loan (unsecured)"}
    return {
        "uid": found.uid,
        "dsfid": None if found.dsfid is None else f"0x{found.dsfid:02X}",
        "afi": None if found.afi is None else f"0x{found.afi:02X}",
        "afi_means": afi_meaning.get(found.afi, "not this site's value") if found.afi is not None else "",
        "eas": found.eas,
        "raw": found.memory.hex(" ").upper() if found.memory is not None else "",
        "decoded": describe_memory(found.memory, site.data_model, found.dsfid) if found.memory else None,
        "problems": list(found.problems),
    }


def _rfid(args) -> int:
    settings = config.load(args.config)
    readers = collect(settings, args.device)
    if args.json:
        print(json.dumps({"config": str(settings.source), "readers": readers}, indent=2))
    else:
        for reader in readers:
            _print_reader(reader)
    return 0 if all(r["state"] == "ok" for r in readers) else 2


def _print_reader(r: dict[str, Any]) -> None:
    where = f" on {r['port']}" if r["port"] else ""
    print(
        f"reader   {r['name']} ({r['driver']}{where}): "
        + (r["identity"] if r["state"] == "ok" else f"{r['state'].upper()} {r['reason']}")
    )
    if r["state"] == "ok" and r["driver"] in ("3m810", "feig"):
        print(f"         {len(r['tags'])} tag(s) on the pad")
    for t in r["tags"]:
        security = f"AFI {t['afi']} {t['afi_means']}" if t["afi"] else "AFI ?"
        eas = {True: "EAS set", False: "EAS clear", None: "EAS ?"}[t["eas"]]
        print(f"tag      {t['uid']}  {security}  {eas}" + (f"  DSFID {t['dsfid']}" if t["dsfid"] else ""))
        decoded = t["decoded"]
        if decoded and decoded["ok"]:
            f = decoded["fields"]
            print(
                f"         {decoded['model']} ({decoded['byte_order']}), CRC {decoded['crc']}: "
                f"item {f['primary_item_id']!r}, part {f['part_number']} of {f['parts_in_set']}, "
                f"{f['type_of_usage_name']}, owner {f['full_isil'] or '-'}"
            )
        elif decoded:
            print(f"         UNREADABLE: {decoded['error']}")
        for problem in t["problems"]:
            print(f"         could not read {problem}")
        print(f"         raw {t['raw']}")
    if r["counters"]:
        print("line     " + " ".join(f"{k}={v}" for k, v in r["counters"].items()))
