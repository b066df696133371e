"""Benchmarks: ``python -m bench`` (all) or ``python -m bench NAME...``; ``--quick`` for fewer runs.

Every figure is a median over repeated runs, with a ratio against a baseline measured in
the same run (these machines are shared and noisy). Targets come from the issues.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS: list[dict] = []


def med(xs):
    return statistics.median(xs)


def report(name: str, value: float, unit: str, baseline: float | None = None, base_name: str = "", target: str = "", extra: str = ""):
    ratio = value / baseline if baseline else None
    RESULTS.append({"name": name, "median": value, "unit": unit, "baseline": baseline, "baseline_name": base_name,
                    "ratio": ratio, "target": target, "extra": extra})
    r = f"{ratio:6.2f}x {base_name}" if ratio is not None else ""
    print(f"{name:<52} {value:10.2f} {unit:<3} {r:<34} {target:<14} {extra}", flush=True)


# --- issue 2: first paint and cursor cost ------------------------------------------------------
def bench_first_paint(runs: int) -> None:
    from bench.corpus import big_article

    big, source = big_article(5)
    path = os.path.join(tempfile.mkdtemp(), "big.txt")
    Path(path).write_text(big, encoding="utf-8")

    # As installed: with bytecode cached (this machine sets PYTHONDONTWRITEBYTECODE, which
    # would make every run recompile reader's sources but not the installed Textual's).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

    def once(*args):
        t = time.perf_counter()
        subprocess.run([sys.executable, str(ROOT / "bench" / "first_paint.py"), *args], check=True,
                       cwd=str(ROOT), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        return (time.perf_counter() - t) * 1000

    for warm in (("bare",), ("reader",), ("big", path)):  # file cache and bytecode
        once(*warm)
    bare, small, large = [], [], []
    for _ in range(runs):  # interleaved, so drift hits all three alike
        bare.append(once("bare"))
        small.append(once("reader"))
        large.append(once("big", path))
    report("2a first paint, shipped pair", med(small), "ms", med(bare), "bare 2-Static app", "<= 1.15x")
    report("2b first paint, 5.5 MB article + mayor", med(large), "ms", med(bare), "bare app, small pair", "<= 2x",
           f"{len(big) / 1e6:.1f} MB from {source}")


def bench_cursor(runs: int) -> None:
    import asyncio

    from bench.corpus import big_article
    from reader.core.sources.articles import load_document
    from reader.core.config import Config
    from reader.core.text.document import Document
    from reader.core.store.store import Store
    from reader.core.services.workspace import Workspace
    from reader.tui.app import ReaderApp

    big, _ = big_article(5)

    async def cost(doc) -> float:
        store = Store.open(os.path.join(tempfile.mkdtemp(), "s.json"))
        app = ReaderApp(Workspace(store, [doc, load_document("mayor-rebuttal")]), Config())
        async with app.run_test(size=(160, 48)) as pilot:
            await pilot.press(*["j"] * 20)
            samples = []
            for _ in range(runs):
                t = time.process_time()
                await pilot.press(*["j"] * 40, *["k"] * 10)
                await pilot.pause()
                samples.append((time.process_time() - t) / 50 * 1000)
        store.close()
        return med(samples)

    small = asyncio.run(cost(load_document("ice-union-allegation")))
    large = asyncio.run(cost(Document(key="big", text=big)))
    report("2c CPU per cursor move, 5.5 MB article", large, "ms", small, "shipped article", "<= 1.2x")


# --- issue 3: the store and anchors ----------------------------------------------------------------
def _filled_store(path: str, n: int, doc) -> list[dict]:
    from reader.core.anchors.anchoring import describe
    from reader.core.store.records import annotation_record
    from reader.core.store.storage import atomic_write_bytes

    import orjson

    rng = random.Random(0)
    sents = [span for _p, _i, span in doc.all_sentences()]
    anns = {}
    for i in range(n):
        s, e = rng.choice(sents)
        rec = annotation_record(doc.key, describe(doc, s, e), [rng.choice(["claim", "evidence", "denial"])], "note " * rng.randint(0, 8))
        anns[str(i + 1)] = rec
    atomic_write_bytes(path, orjson.dumps({"meta": {"1": {"schema_version": 2}}, "annotations": anns}))
    return list(anns.values())


def bench_store(runs: int) -> None:
    from tinydb import TinyDB

    from bench.corpus import corpus_text
    from reader.core.anchors.anchoring import describe
    from reader.core.text.document import Document
    from reader.core.store.store import Store
    from reader.core.services.workspace import Workspace

    text, _src = corpus_text()
    doc = Document(key="corpus", text=text)
    folder = tempfile.mkdtemp()
    path = os.path.join(folder, "s.json")
    records = _filled_store(path, 10_000, doc)

    # (a) one more annotation into 10,000: ours vs TinyDB's default JSONStorage
    s = Store.open(path)
    sents = [span for _p, _i, span in doc.all_sentences()]
    ours = []
    for i in range(runs * 3):
        span = sents[i * 7 % len(sents)]
        t = time.perf_counter()
        s.add_annotation(doc.key, describe(doc, *span), ["claim"])
        ours.append((time.perf_counter() - t) * 1000)
    s.close()
    plain = os.path.join(folder, "plain.json")
    db = TinyDB(plain)
    db.table("annotations").insert_multiple(records)
    theirs = []
    for i in range(runs * 3):
        t = time.perf_counter()
        db.table("annotations").insert(dict(records[i]))
        theirs.append((time.perf_counter() - t) * 1000)
    db.close()
    report("3a save 1 annotation into 10,000", med(ours), "ms", med(theirs), "TinyDB default storage", "<= 30 ms",
           "atomic + fsync")

    # (b) open the store and anchor 10,000 annotations
    opens = []
    for _ in range(runs):
        t = time.perf_counter()
        s = Store.open(path, mode="read")
        ws = Workspace(s, [doc])
        opens.append((time.perf_counter() - t) * 1000)
        assert len(ws.highlights(doc)) >= 10_000
        s.close()
    t = time.perf_counter()
    import orjson
    orjson.loads(Path(path).read_bytes())
    parse = (time.perf_counter() - t) * 1000
    report("3b open store + anchor 10,000", med(opens), "ms", parse, "bare JSON parse", "<= 300 ms")

    # (c) re-anchor 1,000 annotations after random edits to the article
    rng = random.Random(1)
    sample = rng.sample(records, 1000)
    edited = text
    for _ in range(200):
        i = rng.randrange(len(edited))
        edited = edited[:i] + rng.choice(["", " inserted words ", "\n\nNew paragraph.\n\n"]) + edited[i + rng.randint(0, 20):]
    edoc = Document(key="corpus", text=edited)
    from reader.core.anchors.anchoring import anchor

    times, statuses = [], {}
    for _ in range(max(1, runs // 2)):
        t = time.perf_counter()
        for rec in sample:
            a = anchor(edoc, rec["target"])
            statuses[a.status] = statuses.get(a.status, 0) + 1
        times.append((time.perf_counter() - t) * 1000)
    t = time.perf_counter()
    for rec in sample:
        anchor(doc, rec["target"])
    same = (time.perf_counter() - t) * 1000
    runs_c = max(1, runs // 2)
    detail = ", ".join(f"{k} {v // runs_c}" for k, v in sorted(statuses.items()))
    report("3c re-anchor 1,000 after 200 random edits", med(times), "ms", same, "anchoring unchanged text", "", detail)


# --- issue 4: suggestions ------------------------------------------------------------------------------
def bench_suggest(runs: int) -> None:

    from bench.corpus import corpus_text, markov
    from bench.quality import evaluate, tfidf_rank
    from reader.core.sources.articles import load_document
    from reader.core.text.document import Document
    from reader.core.suggest.engine import Suggester

    left, right = load_document("ice-union-allegation"), load_document("mayor-rebuttal")
    times = []
    for _ in range(runs * 3):
        t = time.perf_counter()
        Suggester(left, right).suggest()
        times.append((time.perf_counter() - t) * 1000)
    t = time.perf_counter()
    tfidf_rank(left, right, "Your current policy forbidding", "No such policy exists")
    base = (time.perf_counter() - t) * 1000
    report("4a suggestions, shipped pair", med(times), "ms", base, "plain TF-IDF all pairs", "<= 150 ms")

    text, _src = corpus_text()
    a = Document(key="a", text=text[:1_000_000])
    b = Document(key="b", text=markov(text, 1_000_000))
    code = (
        "import sys, time, resource\nsys.path.insert(0, %r)\n"
        "from reader.core.text.document import Document\nfrom reader.core.suggest.engine import Suggester\n"
        "a = Document(key='a', text=open(sys.argv[1], encoding='utf-8').read())\n"
        "b = Document(key='b', text=open(sys.argv[2], encoding='utf-8').read())\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "t = time.perf_counter(); r = Suggester(a, b).suggest(); dt = time.perf_counter() - t\n"
        "print(dt * 1000, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, len(r))\n"
    ) % str(ROOT)
    folder = tempfile.mkdtemp()
    pa, pb = os.path.join(folder, "a.txt"), os.path.join(folder, "b.txt")
    Path(pa).write_text(a.text, encoding="utf-8")
    Path(pb).write_text(b.text, encoding="utf-8")
    big = []
    for _ in range(max(1, runs // 3)):
        out = subprocess.run([sys.executable, "-c", code, pa, pb], capture_output=True, text=True, check=True).stdout.split()
        big.append((float(out[0]), float(out[1]), int(out[2])))
    t = time.perf_counter()
    list(a.all_sentences()), list(b.all_sentences())
    seg = (time.perf_counter() - t) * 1000
    report("4b suggestions, two 1 MB documents", med(x[0] for x in big), "ms", seg, "segmenting both", "<= 5000 ms",
           f"peak RSS {med(x[1] for x in big):.0f} MB, {big[0][2]} suggestions")
    for row in evaluate():
        print(f"   4c quality {row['pair']:<14} precision@10 {row['precision@10']:.2f}  recall@20 {row['recall@20']:.2f}"
              f"  relation right on {row['relation agreement']:.0%} of hits  ({row['gold']} hand-drawn links)")
        RESULTS.append({"name": f"4c quality {row['pair']}", **row})
    rank = tfidf_rank(left, right, "Your current policy forbidding", "No such policy exists")
    ours = next(i for i, s in enumerate(Suggester(left, right).suggest(), 1)
                if "Your current policy forbidding" in s.left.text and "No such policy exists" in s.right.text)
    print(f"   4c key pair rank: ours {ours}, plain TF-IDF {rank}")


# --- issue 5: export ---------------------------------------------------------------------------------------
def bench_export(runs: int) -> None:
    import orjson

    from bench.corpus import corpus_text
    from reader.core.text.document import Document
    from reader.core.export.formats import render
    from reader.core.store.records import link_record
    from reader.core.store.store import Store
    from reader.core.services.workspace import Workspace

    text, _ = corpus_text()
    left = Document(key="left", text=text[:550_000])
    right = Document(key="right", text=text[550_000:])
    folder = tempfile.mkdtemp()
    path = os.path.join(folder, "s.json")
    la = _filled_store(path, 5000, left)
    s = Store.open(path)
    from reader.core.anchors.anchoring import describe
    from reader.core.store.records import annotation_record

    rng = random.Random(2)
    sents = [span for _p, _i, span in right.all_sentences()]
    with s.transaction("bulk"):
        ra = []
        for _ in range(5000):
            sp = rng.choice(sents)
            rec = annotation_record("right", describe(right, *sp), [rng.choice(["claim", "denial", "quote"])], "a note | with # syntax")
            s.put("annotations", rec)
            ra.append(rec)
        for i in range(2000):
            s.put("links", link_record(ra[i]["id"], la[i]["id"], rng.choice(["rebuts", "supports", "answers"])))
    ws = Workspace(s, [left, right])
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        out = render(ws, "md")
        times.append((time.perf_counter() - t) * 1000)
    t = time.perf_counter()
    orjson.dumps(list(s.records["annotations"].values()))
    base = (time.perf_counter() - t) * 1000
    s.close()
    report("5  Markdown export, 10,000 annotations, 2,000 links", med(times), "ms", base, "orjson dump of the records", "<= 1000 ms",
           f"{len(out) / 1e6:.1f} MB of Markdown")


SECTIONS = {"paint": bench_first_paint, "cursor": bench_cursor, "store": bench_store,
            "suggest": bench_suggest, "export": bench_export}


def main() -> None:
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    p.add_argument("sections", nargs="*", metavar="SECTION", help=f"one of {', '.join(SECTIONS)} (default: all)")
    p.add_argument("--quick", action="store_true", help="fewer repetitions")
    p.add_argument("--runs", type=int)
    args = p.parse_args()
    unknown = [s for s in args.sections if s not in SECTIONS]
    if unknown:
        p.error(f"unknown section {unknown[0]!r}; choose from {', '.join(SECTIONS)}")
    runs = args.runs or (3 if args.quick else 9)
    print(f"{'benchmark':<52} {'median':>10} {'':<3} {'ratio to baseline':<34} {'target':<14} notes")
    for name in args.sections or SECTIONS:
        SECTIONS[name](runs)
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "latest.json").write_text(json.dumps(RESULTS, indent=2))


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
