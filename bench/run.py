"""Run one benchmark and print its figures: ``python bench/run.py NAME [--json]``.

Each benchmark is a module ``bench/NAME.py`` with ``run() -> dict``; the
figures it returns are what the README quotes, with this command. Options
after the name go to a benchmark that takes them, as ``run(argv)``
(``bench/run.py soak --minutes 5``).
``--list`` prints the names (``make bench`` runs each in its own interpreter,
so one benchmark's threads, caches and CPU pinning never colour the next).
"""

from __future__ import annotations

import argparse
import importlib
import json
import pkgutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def available() -> list[str]:
    return sorted(m.name for m in pkgutil.iter_modules([str(ROOT / "bench")]) if m.name != "run")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("name", nargs="?", choices=available())
    parser.add_argument("--json", action="store_true", help="one JSON object on stdout, with the benchmark's name")
    parser.add_argument("--list", action="store_true", help="the benchmarks' names, one a line")
    args, rest = parser.parse_known_args(argv)
    if args.list:
        print("\n".join(available()))
        return 0
    if args.name is None:
        parser.error("a benchmark name is required (or --list)")
    sys.path.insert(0, str(ROOT))
    module = importlib.import_module(f"bench.{args.name}")
    result = module.run(rest) if rest else module.run()
    if args.json:
        # The name first: `make bench` prints one line per benchmark.
        print(json.dumps({"benchmark": args.name, **result}))
    else:
        print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
