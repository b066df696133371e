"""``python -m tests.reliability [--long] [AREA...]``: run the suite, print the table for the README."""

import argparse
import sys
import time

from tests.reliability.suite import AREAS


def main() -> int:
    p = argparse.ArgumentParser(prog="python -m tests.reliability")
    p.add_argument("areas", nargs="*", metavar="AREA", help=f"one of {', '.join(AREAS)} (default: all)")
    p.add_argument("--long", action="store_true", help="the long version (hundreds of kills, 100 MB import, 100k annotations)")
    args = p.parse_args()
    unknown = [a for a in args.areas if a not in AREAS]
    if unknown:
        p.error(f"unknown area {unknown[0]!r}; choose from {', '.join(AREAS)}")
    print("| Area | Tried | What happened | OK |")
    print("| --- | --- | --- | --- |")
    failed = 0
    t = time.monotonic()
    for name in args.areas or AREAS:
        for row in AREAS[name](args.long):
            failed += not row.ok
            tried, cell = (text.replace("|", "\\|") for text in (row.tried, row.happened))
            print(f"| {row.area} | {tried} | {cell} | {'yes' if row.ok else '**NO**'} |", flush=True)
    print(f"\n{'long' if args.long else 'short'} run, {time.monotonic() - t:.0f} s; {failed} failed", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
