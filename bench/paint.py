"""First paint: the reader against a bare Textual app, a large article, and a large store."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from bench.common import ROOT, filled_store, med, no_bytecode_env, report, tmpdir


def _once(*args: str) -> float:
    t = time.perf_counter()
    subprocess.run([sys.executable, str(ROOT / "bench" / "first_paint.py"), *args], check=True, cwd=str(ROOT),
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=no_bytecode_env())
    return (time.perf_counter() - t) * 1000


def bench_paint(runs: int) -> None:
    from bench.corpus import big_article

    big, source = big_article(5)
    folder = tmpdir()
    path = os.path.join(folder, "big.txt")
    Path(path).write_text(big, encoding="utf-8")
    pair = ("ice-union-allegation", "mayor-rebuttal")
    for warm in (("bare",), ("reader", *pair), ("reader", path, "mayor-rebuttal")):
        _once(*warm)  # file cache and bytecode
    bare, small, large = [], [], []
    for _ in range(runs):  # interleaved, so drift hits all three alike
        bare.append(_once("bare"))
        small.append(_once("reader", *pair))
        large.append(_once("reader", path, "mayor-rebuttal"))
    report("2a first paint, shipped pair", med(small), "ms", med(bare), "bare 2-Static app", "<= 1.15x")
    report("2b first paint, 5.6 MB article + mayor", med(large), "ms", med(bare), "bare app, small pair", "<= 2x",
           f"{len(big) / 1e6:.1f} MB from {source}")


def bench_library(runs: int, articles: int = 500, per_article: int = 200) -> None:
    """12b: 100,000 annotations over 500 articles: opening one pair, and one save."""
    from bench.corpus import generated
    from reader.core.anchors.selectors import describe
    from reader.core.services.workspace import Workspace
    from reader.core.sources.articles import load_document
    from reader.core.store.store import Store

    folder = tmpdir()
    paths = []
    for k in range(articles):
        p = os.path.join(folder, f"article-{k}.txt")
        Path(p).write_text(generated(4000, seed=k), encoding="utf-8")
        paths.append(p)
    docs = [load_document(p) for p in paths]
    db = filled_store(folder, docs, per_article, links=50)
    empty = os.path.join(tmpdir(), "empty.json")
    size = sum(f.stat().st_size for f in Path(db + ".d").iterdir() if f.is_file()) / 1e6
    pair = (paths[0], paths[1])
    _once("reader", *pair, db)
    _once("reader", *pair, empty)
    full, bare = [], []
    for _ in range(runs):
        bare.append(_once("reader", *pair, empty))
        full.append(_once("reader", *pair, db))
    report(f"12b first paint, {articles * per_article:,} annotations / {articles} articles", med(full), "ms",
           med(bare), "same pair, empty store", "<= +300 ms", f"+{med(full) - med(bare):.0f} ms; {size:.0f} MB of shards")

    sents = [span for _p, _i, span in docs[0].all_sentences()]

    def saves(path: str) -> float:
        s = Store.open(path)
        Workspace(s, docs[:2])
        out = []
        for i in range(max(15, runs * 3)):
            t = time.perf_counter()
            s.add_annotation(docs[0].key, describe(docs[0], *sents[i % len(sents)]), ["claim"])
            out.append((time.perf_counter() - t) * 1000)
        s.close()
        return med(out)

    base = saves(os.path.join(tmpdir(), "fresh.json"))
    report("12b save one annotation (fsynced) in that store", saves(db), "ms", base,
           "the same save into an empty store", "<= 15 ms")


def bench_pair_library(runs: int, per_article: int = 50_000) -> None:
    """12c: 100,000 annotations on one pair (an attacker's shape): first paint, and
    ``reader list`` as a table against ``reader list --json`` of the same rows (the
    table once took 75 s and 1.2 GB for this store, measuring every cell first)."""
    from bench.corpus import generated
    from reader.core.sources.articles import load_document

    folder = tmpdir()
    paths = []
    for k in range(2):
        p = os.path.join(folder, f"side-{k}.txt")
        Path(p).write_text(generated(500_000, seed=100 + k), encoding="utf-8")
        paths.append(p)
    docs = [load_document(p) for p in paths]
    db = filled_store(folder, docs, per_article, links=3000)
    empty = os.path.join(tmpdir(), "empty.json")
    _once("reader", *paths, db)
    full, bare = [], []
    for _ in range(runs):
        bare.append(_once("reader", *paths, empty))
        full.append(_once("reader", *paths, db))
    report(f"12c first paint, {2 * per_article:,} annotations on one pair", med(full), "ms", med(bare),
           "same pair, empty store", "", "0.5 MB each side")
    def timed(*args: str, store: str = db) -> float:
        env = {**no_bytecode_env(), "READER_DB": store, "COLUMNS": "120"}
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "reader", *args], check=True, cwd=str(ROOT), env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return (time.perf_counter() - t) * 1000

    table, data = [], []
    for _ in range(max(3, runs // 2)):
        data.append(timed("list", "--json"))
        table.append(timed("list"))
    report(f"12c reader list, {2 * per_article:,} rows as a table", med(table), "ms", med(data),
           "reader list --json, the same rows", "<= 2x")
    # a command on a big store ends as soon as it has printed: Python's collection at exit
    # walked the millions of objects of the records (2.5 s of 9 s at 100,000 annotations)
    sug, sug_bare = [], []
    for _ in range(max(3, runs // 2)):
        sug_bare.append(timed("suggest", *paths, store=empty))
        sug.append(timed("suggest", *paths))
    report(f"12c reader suggest, {2 * per_article:,} annotations on the pair", med(sug), "ms", med(sug_bare),
           "the same pair, empty store", "", "the store read only to leave out linked pairs")
