"""The store and anchors: a save into 10,000, opening and anchoring 10,000, re-anchoring."""

from __future__ import annotations

import os
import random
import time
from pathlib import Path

import orjson

from bench.common import filled_store, med, report, tmpdir


def bench_store(runs: int) -> None:
    from tinydb import TinyDB

    from bench.corpus import corpus_text
    from reader.core.anchors.anchoring import anchor
    from reader.core.anchors.selectors import describe
    from reader.core.services.workspace import Workspace
    from reader.core.store import files
    from reader.core.store.store import Store
    from reader.core.text.document import Document

    text, _src = corpus_text()
    doc = Document(key="corpus", text=text)
    path = filled_store(tmpdir(), [doc], 10_000)
    shard = files.absolute(path, files.annotation_file(doc.key))
    records = list(orjson.loads(Path(shard).read_bytes())["annotations"].values())

    # (a) one more annotation into 10,000: ours (atomic, fsynced) vs TinyDB's default JSONStorage
    s = Store.open(path)
    s.load_articles([doc.key])
    sents = [span for _p, _i, span in doc.all_sentences()]
    ours = []
    for i in range(runs * 3):
        t = time.perf_counter()
        s.add_annotation(doc.key, describe(doc, *sents[i * 7 % len(sents)]), ["claim"])
        ours.append((time.perf_counter() - t) * 1000)
    s.close()
    plain = os.path.join(tmpdir(), "plain.json")
    db = TinyDB(plain)
    db.table("annotations").insert_multiple(records)
    theirs = []
    for i in range(runs * 3):
        t = time.perf_counter()
        db.table("annotations").insert(dict(records[i]))
        theirs.append((time.perf_counter() - t) * 1000)
    db.close()
    report("3a save 1 annotation into 10,000 (one article)", med(ours), "ms", med(theirs),
           "TinyDB default storage (no fsync)", "<= 30 ms", "atomic + fsync")

    # (b) open the store and anchor 10,000 annotations
    opens = []
    for _ in range(runs):
        t = time.perf_counter()
        s = Store.open(path, mode="read")
        ws = Workspace(s, [doc])
        opens.append((time.perf_counter() - t) * 1000)
        assert ws.highlight_count(doc) >= 10_000
        s.close()
    parses = []
    for _ in range(runs):
        t = time.perf_counter()
        orjson.loads(Path(shard).read_bytes())
        parses.append((time.perf_counter() - t) * 1000)
    report("3b open store + anchor 10,000", med(opens), "ms", med(parses), "bare JSON parse (read + orjson)",
           "<= 300 ms")

    # (c) re-anchor 1,000 annotations after random edits to the article
    rng = random.Random(1)
    sample = rng.sample(records, 1000)
    edited = text
    for _ in range(200):
        i = rng.randrange(len(edited))
        edited = edited[:i] + rng.choice(["", " inserted words ", "\n\nNew paragraph.\n\n"]) + edited[i + rng.randint(0, 20):]
    edoc = Document(key="corpus", text=edited)
    times, statuses = [], {}
    reps = max(1, runs // 2)
    for _ in range(reps):
        t = time.perf_counter()
        for rec in sample:
            a = anchor(edoc, rec["target"])
            statuses[a.status] = statuses.get(a.status, 0) + 1
        times.append((time.perf_counter() - t) * 1000)
    t = time.perf_counter()
    for rec in sample:
        anchor(doc, rec["target"])
    same = (time.perf_counter() - t) * 1000
    detail = ", ".join(f"{k} {v // reps}" for k, v in sorted(statuses.items()))
    report("3c re-anchor 1,000 after 200 random edits", med(times), "ms", same, "anchoring unchanged text", "", detail)


def bench_export(runs: int) -> None:
    from bench.corpus import corpus_text
    from reader.core.export.formats import render
    from reader.core.services.snapshot import freeze
    from reader.core.services.workspace import Workspace
    from reader.core.store.store import Store
    from reader.core.text.document import Document

    text, _ = corpus_text()
    left = Document(key="left", text=text[:550_000])
    right = Document(key="right", text=text[550_000:])
    db = filled_store(tmpdir(), [left, right], 5000, links=2000)
    s = Store.open(db, mode="read")
    ws = Workspace(s, [left, right])
    times, freezes, argdown = [], [], []
    out = ""
    for _ in range(runs):
        t = time.perf_counter()
        snap = freeze(ws)
        freezes.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        out = render(snap, "md")
        times.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        render(snap, "argdown")
        argdown.append((time.perf_counter() - t) * 1000)
    t = time.perf_counter()
    orjson.dumps(list(s.records["annotations"].values()))
    base = (time.perf_counter() - t) * 1000
    s.close()
    report("5  Markdown export, 10,000 annotations, 2,000 links", med(times), "ms", base, "orjson dump of the records",
           "<= 1000 ms", f"{len(out) / 1e6:.1f} MB; the snapshot a worker renders from: {med(freezes):.0f} ms")
    report("5b Argdown export, 10,000 annotations, 2,000 links", med(argdown), "ms", base, "orjson dump of the records",
           "<= 1000 ms", "(naming each statement counted every title made so far: quadratic)")


def bench_import(runs: int) -> None:
    """Importing 300 annotations (and 60 links) on one article into a library of 100,000 over
    50 articles, and undoing it, against the same import into an empty store: what the
    import costs beyond its own work. Measured through core, as ``reader import`` runs it
    (the store read as the plan needs it, the named article as the candidate)."""
    import shutil
    import uuid

    from bench.corpus import corpus_text
    from reader.core.anchors.selectors import describe
    from reader.core.services import importing
    from reader.core.store.store import Store
    from reader.core.text.document import Document

    text, _src = corpus_text()
    step = len(text) // 50
    docs = [Document(key=f"article-{i:02d}", text=text[i * step:(i + 1) * step]) for i in range(50)]
    library = filled_store(tmpdir(), docs, 2000, links=500)
    empty = filled_store(tmpdir(), docs[:1], 0)
    doc = docs[7]
    sents = [span for _p, _i, span in doc.all_sentences() if span[1] - span[0] > 3]
    rng = random.Random(3)
    ids = [str(uuid.uuid4()) for _ in range(300)]
    items: list[dict] = []
    for aid in ids:
        target = describe(doc, *rng.choice(sents))
        items.append({"type": "Annotation", "id": f"urn:uuid:{aid}",
                      "body": [{"type": "TextualBody", "purpose": "tagging", "value": "claim"}],
                      "target": {"source": doc.key, "selector": target["selector"]}})
    for a, b in zip(ids[0:120:2], ids[1:120:2]):
        items.append({"type": "Annotation", "motivation": "linking", "id": f"urn:uuid:{uuid.uuid4()}",
                      "body": [{"type": "TextualBody", "purpose": "classifying", "value": "supports"}],
                      "target": [{"id": f"urn:uuid:{a}"}, {"id": f"urn:uuid:{b}"}]})
    raw = orjson.dumps(items)

    def once(src: str) -> tuple[float, float]:
        work = os.path.join(tmpdir(), "store.json")
        shutil.copy(src, work)
        shutil.copytree(src + ".d", work + ".d")
        t = time.perf_counter()
        s = Store.open(work)
        report_ = importing.import_file(s, raw, {doc.key: doc}, "bench.json")
        s.close()
        imported = (time.perf_counter() - t) * 1000
        assert report_.added == 300 and report_.links == 60, report_
        t = time.perf_counter()
        s = Store.open(work)
        _last, anns, _links = importing.undo_last(s)
        s.close()
        undone = (time.perf_counter() - t) * 1000
        assert anns == 300
        shutil.rmtree(work + ".d", ignore_errors=True)
        return imported, undone

    big, small = [], []
    for _ in range(max(3, runs // 2)):
        big.append(once(library))
        small.append(once(empty))
    report("3d import 300 annotations into 100,000 (50 articles)", med(b[0] for b in big), "ms",
           med(s[0] for s in small), "the same import into an empty store", "<= 250 ms")
    report("3d undo that import", med(b[1] for b in big), "ms", med(s[1] for s in small),
           "the same undo in an empty store", "<= 250 ms")
