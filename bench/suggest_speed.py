"""Speed of the suggestion engine on two 1 MB documents, against plain TF-IDF in the same run.

``python -m bench.suggest_speed [--runs N] [--queries N]`` prints medians:
- building the engine (once per document pair; the TUI does it in a worker and caches it);
- one ``answers_for`` query (target: 50 ms), against the same query answered by plain TF-IDF
  cosine over the same sentences (postings, no cues);
- the global ``suggest()`` list, and a new engine plus the whole global list in one go
  (target: 5 s), against segmenting both documents.
Wall-clock medians; the CPU time of the whole-list runs is printed too, as it moves less when
other work shares the machine.
The texts: ``../shared/corpus/tinyshakespeare.txt`` (first 1 MB) against a Markov rewrite of it,
or generated text of the same size when the corpus is missing.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time

from bench.corpus import corpus_text, markov
from bench.quality import Tfidf
from reader.core.suggest.engine import Engine
from reader.core.text.document import Document


def ms(t0: float) -> float:
    return (time.perf_counter() - t0) * 1000


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.suggest_speed", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--runs", type=int, default=3, help="builds and global lists to time")
    p.add_argument("--queries", type=int, default=200, help="answers_for queries to time")
    p.add_argument("--size", type=int, default=1_000_000, help="bytes per document")
    args = p.parse_args(argv)

    text, source = corpus_text()
    left = Document(key="a", text=text[:args.size])
    right = Document(key="b", text=markov(text, args.size))
    t = time.perf_counter()
    list(left.all_sentences()), list(right.all_sentences())
    seg = ms(t)
    print(f"texts: {len(left.text) / 1e6:.2f} MB from {source}, {len(right.text) / 1e6:.2f} MB Markov rewrite")

    builds, firsts, engine = [], [], None
    for _ in range(args.runs):
        t = time.perf_counter()
        engine = Engine(left, right)
        builds.append(ms(t))
        t = time.perf_counter()
        engine.suggest(top=60)  # the first list ranks every passage; later ones filter that ranking
        firsts.append(ms(t))
    t = time.perf_counter()
    base = Tfidf(left, right)
    base_build = ms(t)
    n_units = {s: len(u) for s, u in engine.units.items()}

    rng = random.Random(7)
    timed: dict[str, tuple[list[float], list[float]]] = {}
    for side in ("left", "right"):  # the claim's side and the answer's (read with what introduces it)
        spans = [u.span for u in engine.units[side] if not u.boilerplate]
        queries = [rng.choice(spans) for _ in range(args.queries)]
        ours, theirs = [], []
        for sp in queries:  # interleaved, so machine noise hits both alike
            t = time.perf_counter()
            out = engine.answers_for(side, sp, k=5)
            ours.append(ms(t))
            assert len(out) == 5
            t = time.perf_counter()
            base.answers_for(side, sp, k=5)
            theirs.append(ms(t))
        timed[side] = (ours, theirs)
    ours, theirs = timed[engine.claim_side]
    worst = sorted(ours)[int(0.95 * len(ours)) - 1]
    a_ours, a_theirs = timed[engine.answer_side]
    a_worst = sorted(a_ours)[int(0.95 * len(a_ours)) - 1]

    globals_ = []
    for _ in range(args.runs):
        t = time.perf_counter()
        result = engine.suggest(top=60)
        globals_.append(ms(t))

    # A new engine and the whole list, in one go (what ``reader suggest`` does).
    engine = None
    totals, cpu, whole = [], [], []
    for _ in range(args.runs):
        fresh_l, fresh_r = Document(key="a", text=left.text), Document(key="b", text=right.text)
        list(fresh_l.all_sentences()), list(fresh_r.all_sentences())
        t, c = time.perf_counter(), time.process_time()
        whole = Engine(fresh_l, fresh_r).suggest()
        totals.append(ms(t))
        cpu.append((time.process_time() - c) * 1000)

    med = statistics.median
    rows = [
        ("build the engine", med(builds), base_build, "plain TF-IDF index", "(once per pair)"),
        ("answers_for, one query", med(ours), med(theirs), "plain TF-IDF query", "<= 50 ms"),
        ("answers_for, 95th percentile", worst, None, "", "<= 50 ms"),
        ("... from the answer's side", med(a_ours), med(a_theirs), "plain TF-IDF query", "<= 50 ms"),
        ("... its 95th percentile", a_worst, None, "", "<= 50 ms"),
        ("suggest(top=60), first call", med(firsts), seg, "segmenting both", "(ranks every passage)"),
        ("suggest(top=60), later calls", med(globals_), seg, "segmenting both", "(filters that ranking)"),
        ("build + suggest(), every pair", med(totals), seg, "segmenting both", f"<= 5000 ms ({len(whole)} pairs)"),
        ("... its CPU time", med(cpu), None, "", ""),
    ]
    print(f"units: {n_units['left']} left, {n_units['right']} right; {len(queries)} queries, {args.runs} runs\n")
    print(f"{'measure':<32} {'median':>10}   {'baseline':>10}  {'ratio':>7}  {'against':<20} target")
    for name, value, baseline, against, target in rows:
        b = f"{baseline:8.1f} ms" if baseline is not None else " " * 11
        r = f"{value / baseline:6.2f}x" if baseline else " " * 7
        print(f"{name:<32} {value:8.1f} ms   {b}  {r}  {against:<20} {target}")
    print(f"\n{len(result)} suggestions in the global list")
    return 0


if __name__ == "__main__":
    sys.exit(main())
