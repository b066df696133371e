"""Benchmarks: ``python -m bench`` (all) or ``python -m bench SECTION...``; ``--quick`` for fewer runs.

Every figure is a median over repeated runs, with a ratio against a baseline measured in
the same run (these machines are shared and noisy). Targets come from the issues. Large
texts come from ``../shared/corpus/tinyshakespeare.txt``, or generated text of the same
size when it is missing.

Sections:
  paint     first paint: shipped pair, a 5.6 MB article (issue 2)
  library   100,000 annotations over 500 articles: first paint and one save; on one pair:
            first paint and reader list (issue 12)
  cursor    CPU per cursor move on a 5.6 MB article; event-loop time of a panel opening beside it (issue 2)
  keys      event-loop time of h, t, d, u with 10,000 annotations (issue 12)
  tmux      key to repaint in a real terminal, 10,000 annotations against none (issue 12)
  exportkeys  j while an export of 10,000 annotations runs (issue 12)
  store     saves, opening and re-anchoring 10,000 annotations (issue 3)
  import    300 annotations imported into a library of 100,000, and undone, against an empty store
  export    Markdown export of 10,000 annotations (issue 5)
  suggest   the suggestion engine's speed on two 1 MB documents (issue 11)
  quality   suggestion quality on the hand-drawn link sets, against TF-IDF (issue 11)
  segment   sentence segmentation on the hand-marked corpus, against syntok and pysbd (issue 10)
"""

from __future__ import annotations

import argparse
import json
import sys

from bench.common import RESULTS, ROOT


def _paint(runs: int) -> None:
    from bench.paint import bench_paint

    bench_paint(runs)


def _library(runs: int) -> None:
    from bench.paint import bench_library, bench_pair_library

    bench_library(runs)
    bench_pair_library(runs)


def _cursor(runs: int) -> None:
    from bench.keys import bench_cursor

    bench_cursor(runs)


def _keys(runs: int) -> None:
    from bench.keys import bench_keys

    bench_keys(runs)


def _tmux(runs: int) -> None:
    from bench.tmux_keys import bench_tmux_keys

    bench_tmux_keys(runs)


def _exportkeys(runs: int) -> None:
    from bench.keys import bench_export_keys

    bench_export_keys(runs)


def _store(runs: int) -> None:
    from bench.store import bench_store

    bench_store(runs)


def _import(runs: int) -> None:
    from bench.store import bench_import

    bench_import(runs)


def _export(runs: int) -> None:
    from bench.store import bench_export

    bench_export(runs)


def _suggest(runs: int) -> None:
    from bench import suggest_speed

    suggest_speed.main(["--runs", str(max(1, runs // 3))])


def _quality(runs: int) -> None:
    from bench import quality

    quality.main([])


def _segment(runs: int) -> None:
    from bench import segmentation

    segmentation.main(["--runs", str(max(3, runs // 2))])


SECTIONS = {"paint": _paint, "library": _library, "cursor": _cursor, "keys": _keys, "tmux": _tmux,
            "exportkeys": _exportkeys, "store": _store, "import": _import, "export": _export, "suggest": _suggest,
            "quality": _quality, "segment": _segment}


def main() -> None:
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("sections", nargs="*", metavar="SECTION", help=f"one of {', '.join(SECTIONS)} (default: all)")
    p.add_argument("--quick", action="store_true", help="fewer repetitions")
    p.add_argument("--runs", type=int)
    args = p.parse_args()
    unknown = [s for s in args.sections if s not in SECTIONS]
    if unknown:
        p.error(f"unknown section {unknown[0]!r}; choose from {', '.join(SECTIONS)}")
    runs = args.runs or (3 if args.quick else 9)
    print(f"{'benchmark':<56} {'median':>10} {'':<3} {'ratio to baseline':<40} {'target':<14} notes")
    for name in args.sections or SECTIONS:
        SECTIONS[name](runs)
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "latest.json").write_text(json.dumps(RESULTS, indent=2))


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
