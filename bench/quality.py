"""Suggestion quality against hand-drawn links, the engine against plain TF-IDF in one run.

``python -m bench.quality`` prints, per pair and overall:
- per-passage recall@3: for each drawn link, the engine is asked for the 3 best answers to
  the sentence holding the LEFT fragment; a hit when one of them holds the start of the RIGHT
  fragment (``L>R``); the reverse direction too (``R>L``);
- the ceiling of L>R recall@3 (a sentence with 5 links can hit at most 3 of them);
- global recall@20 and precision@10 of ``suggest()``;
- relation accuracy on the L>R hits; recall@3 on rebuttals and on quotations (``repeats``)
  separately; the share of quotations the engine labels ``repeats`` (asked about the pair);
- boilerplate or citation fragments among the global top 10 (checked by this file's own
  test, not the engine's).
The development set is ``tests/pairs/real`` (links drawn before any tuning); the team-written
pairs and the shipped pair are secondary rows. Hits are judged by offsets, so the figures
hold whatever the segmenter makes of the sentences: a hit is a unit holding a fragment's start.

``--ablate`` also prints the development-set figures with each idea turned off or on.
``--json`` prints the rows as JSON instead.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from reader.core.sources.articles import load_document
from reader.core.text.document import Document
from reader.core.text.segmenter import CAPTION, HEADING, TITLE

ROOT = Path(__file__).resolve().parent.parent
PAIRS = ROOT / "tests" / "pairs"
REAL = PAIRS / "real"


@dataclass
class Link:
    left: str
    right: str
    relation: str


@dataclass
class Pair:
    name: str
    left: Document
    right: Document
    links: list[Link]
    dev: bool = False
    cache: dict = field(default_factory=dict)


def load_dev() -> list[Pair]:
    out = []
    for folder in sorted(p for p in REAL.iterdir() if p.is_dir()):
        # the two texts: left.txt and right.txt, or the names files.json gives (the README's
        # example opens Lochner's as majority.txt and dissent.txt, names a reader can follow)
        names = {"left": "left.txt", "right": "right.txt"}
        if (folder / "files.json").exists():
            names.update(json.loads((folder / "files.json").read_text(encoding="utf-8")))
        left = Document(key=f"{folder.name}/{names['left']}", text=(folder / names["left"]).read_text(encoding="utf-8"))
        right = Document(key=f"{folder.name}/{names['right']}",
                         text=(folder / names["right"]).read_text(encoding="utf-8"))
        links = [Link(x["left"], x["right"], x["relation"])
                 for x in json.loads((folder / "links.json").read_text(encoding="utf-8"))]
        out.append(Pair(folder.name, left, right, links, dev=True))
    return out


def load_secondary() -> list[Pair]:
    gold = json.loads((PAIRS / "shipped-gold.json").read_text(encoding="utf-8"))
    out = [Pair("shipped", load_document("ice-union-allegation"), load_document("mayor-rebuttal"),
                [Link(*g) for g in gold])]
    for folder in sorted(p for p in PAIRS.iterdir() if p.is_dir() and (p / "gold.json").exists()):
        left = Document(key=f"{folder.name}-left", text=(folder / "left.txt").read_text(encoding="utf-8"))
        right = Document(key=f"{folder.name}-right", text=(folder / "right.txt").read_text(encoding="utf-8"))
        gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
        out.append(Pair(folder.name, left, right, [Link(*g) for g in gold]))
    return out


def starts(doc: Document, fragment: str) -> list[int]:
    """Every offset where fragment starts (curly quotes and spacing made plain)."""
    found = [s for s, _e in doc.find_all(fragment)]
    if not found:
        raise ValueError(f"fragment not in {doc.key}: {fragment!r}")
    return found


def holds(span: tuple[int, int], positions: list[int]) -> bool:
    return any(span[0] <= p < span[1] for p in positions)


# --- the baseline: plain TF-IDF cosine over the same sentences, no cues -------------------------
class Tfidf:
    """Cosine of TF-IDF vectors (the same Porter stems) over Document's sentences. Nothing else."""

    name = "tf-idf"

    def __init__(self, left: Document, right: Document) -> None:
        from reader.core.suggest.words import content_words

        self.docs = {"left": left, "right": right}
        self.spans = {s: [sp for _p, _i, sp in d.all_sentences()] for s, d in self.docs.items()}
        counts = {s: [Counter(content_words(self.docs[s].text[a:b])) for a, b in sp] for s, sp in self.spans.items()}
        df: Counter = Counter()
        for cs in counts.values():
            for c in cs:
                df.update(set(c))
        n = sum(len(cs) for cs in counts.values())
        idf = {w: math.log((n + 1) / (d + 1)) + 1 for w, d in df.items()}

        def vec(c):
            v = {w: (1 + math.log(tf)) * idf[w] for w, tf in c.items()}
            norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
            return {w: x / norm for w, x in v.items()}

        self.vecs = {s: [vec(c) for c in cs] for s, cs in counts.items()}
        self.post: dict[str, dict[str, list[tuple[int, float]]]] = {}
        for s, vs in self.vecs.items():
            post: dict[str, list[tuple[int, float]]] = {}
            for i, v in enumerate(vs):
                for w, x in v.items():
                    post.setdefault(w, []).append((i, x))
            self.post[s] = post

    def _dots(self, side: str, i: int) -> dict[int, float]:
        other = "right" if side == "left" else "left"
        out: dict[int, float] = {}
        for w, x in self.vecs[side][i].items():
            for j, y in self.post[other].get(w, ()):
                out[j] = out.get(j, 0.0) + x * y
        return out

    def _index(self, side: str, span) -> int:
        sp = self.spans[side]
        for i, (a, b) in enumerate(sp):
            if a <= span[0] < b:
                return i
        return max(i for i, (a, _b) in enumerate(sp) if a <= span[0])

    def answers_for(self, side: str, span, k: int = 5) -> list[Hit]:
        other = "right" if side == "left" else "left"
        i = self._index(side, span)
        dots = self._dots(side, i)
        ranked = sorted(range(len(self.spans[other])), key=lambda j: (-dots.get(j, 0.0), j))[:k]
        return [Hit(self.spans[other][j], None) if side == "right" else Hit(None, self.spans[other][j]) for j in ranked]

    def suggest(self, top: int) -> list[Hit]:
        scored = []
        for i in range(len(self.spans["left"])):
            for j, x in self._dots("left", i).items():
                scored.append((x, i, j))
        scored.sort(key=lambda t: (-t[0], t[1], t[2]))
        return [Hit(self.spans["left"][i], self.spans["right"][j]) for _x, i, j in scored[:top]]


@dataclass
class Hit:
    """A candidate as the measures see it: left and right spans, and a relation if any."""
    left: tuple[int, int] | None
    right: tuple[int, int] | None
    relation: str | None = None
    left_text: str = ""
    right_text: str = ""


class EngineAdapter:
    name = "reader"

    def __init__(self, left: Document, right: Document, **kw) -> None:
        from reader.core.suggest.engine import Engine

        self.engine = Engine(left, right, **kw)

    def answers_for(self, side: str, span, k: int = 5) -> list[Hit]:
        out = []
        for s in self.engine.answers_for(side, span, k):
            out.append(Hit(s.left.span, s.right.span, s.relation, s.left.text, s.right.text))
        return out

    def suggest(self, top: int) -> list[Hit]:
        return [Hit(s.left.span, s.right.span, s.relation, s.left.text, s.right.text)
                for s in self.engine.suggest(top=top)]

    def relation_of(self, lspan, rspan) -> str:
        return self.engine.explain(lspan, rspan).relation


# --- what counts as boilerplate or a citation fragment (this file's own check) ---------------------
_PROMO = re.compile(r"\b(subscribe|donate|sign up|newsletter|copyright|all rights reserved|follow us|click here|"
                    r"journalism|advertis\w*)\b|\u00a9", re.I)


def junk(doc: Document, span, other: Document) -> bool:
    text = doc.text[span[0]:span[1]]
    p = doc.paragraph_at(span[0])
    if doc.para_kinds[p] == CAPTION or _PROMO.search(text):
        return True
    words = re.findall(r"[A-Za-z]{3,}", text)
    lower = [w for w in words if w.islower() and w not in ("sup", "rep", "ante", "supp")]
    digits = len(re.findall(r"\d+", text))
    headline = doc.para_kinds[p] in (TITLE, HEADING) or sum(w[0].isupper() for w in words) >= 0.6 * max(1, len(words))
    if not headline and (len(lower) < 2 or (digits >= 2 and len(lower) < 4)):
        return True
    if len(words) < 2:
        return True
    # the same unquoted text near the end of both: a shared footer
    norm = " ".join(text.split())
    return p >= doc.paragraph_count - 3 and '"' not in text and norm in other.text[-3000:]


# --- measuring ------------------------------------------------------------------------------------
def measure(pair: Pair, make, k: int = 3) -> dict:
    left, right = pair.left, pair.right
    eng = make(left, right)
    rows = []
    for link in pair.links:
        lp, rp = starts(left, link.left), starts(right, link.right)
        rows.append((link, lp, rp, left.sentence_at(lp[0])[2], right.sentence_at(rp[0])[2]))
    # ceiling: a query sentence with n distinct partners can hit at most k of them
    partners: dict = {}
    for _link, _lp, _rp, ls, rs in rows:
        partners.setdefault(ls, set()).add(rs)
    hits_lr, hits_rl, rel_ok, by_rel = 0, 0, [], {}
    ceiling = 0.0
    cache: dict = {}
    for link, lp, rp, ls, rs in rows:
        if ls not in cache:
            cache[ls] = eng.answers_for("left", ls, k)
        got = next((h for h in cache[ls] if holds(h.right, rp)), None)
        hits_lr += got is not None
        ceiling += min(1.0, k / len(partners[ls]))
        by_rel.setdefault(link.relation, []).append(got is not None)
        if got is not None and got.relation is not None:
            rel_ok.append(got.relation == link.relation)
        rkey = ("r", rs)
        if rkey not in cache:
            cache[rkey] = eng.answers_for("right", rs, k)
        hits_rl += any(holds(h.left, lp) for h in cache[rkey])
    n = len(rows)
    sugg = eng.suggest(20)
    found, flags = set(), []
    for h in sugg:
        hit = [i for i, (link, lp, rp, _ls, _rs) in enumerate(rows) if holds(h.left, lp) and holds(h.right, rp)]
        flags.append(bool(hit))
        found.update(hit)
    junk10 = sum(1 for h in sugg[:10] if junk(left, h.left, right) or junk(right, h.right, left))
    quotes = [r for r in rows if r[0].relation == "repeats"]
    labelled = None
    if hasattr(eng, "relation_of") and quotes:
        labelled = sum(eng.relation_of(ls, rs) == "repeats" for _l, _lp, _rp, ls, rs in quotes) / len(quotes)
    return {
        "pair": pair.name, "links": n, "engine": eng.name,
        "recall@3 L>R": hits_lr / n, "recall@3 R>L": hits_rl / n, "ceiling L>R": ceiling / n,
        "hits": hits_lr, "hits R>L": hits_rl,
        "recall@20": len(found) / n, "precision@10": sum(flags[:10]) / max(1, min(10, len(flags))),
        "relation acc": (sum(rel_ok) / len(rel_ok)) if rel_ok else None, "relation n": len(rel_ok),
        "rebuts recall@3": _share(by_rel.get("rebuts")), "rebuts n": len(by_rel.get("rebuts", [])),
        "repeats recall@3": _share(by_rel.get("repeats")), "repeats n": len(by_rel.get("repeats", [])),
        "quotes labelled repeats": labelled, "junk in top 10": junk10,
        "_rel_ok": rel_ok, "_by_rel": by_rel,
    }


def _share(xs):
    return (sum(xs) / len(xs)) if xs else None


def overall(rows: list[dict], name: str = "overall") -> dict:
    """Micro-averages over every link of the given rows."""
    n = sum(r["links"] for r in rows)
    out = {"pair": name, "links": n, "engine": rows[0]["engine"]}
    for key in ("recall@3 L>R", "recall@3 R>L", "ceiling L>R", "recall@20"):
        out[key] = sum(r[key] * r["links"] for r in rows) / n
    out["hits"] = sum(r["hits"] for r in rows)
    out["precision@10"] = sum(r["precision@10"] for r in rows) / len(rows)
    rel = [x for r in rows for x in r["_rel_ok"]]
    out["relation acc"] = (sum(rel) / len(rel)) if rel else None
    out["relation n"] = len(rel)
    for relname in ("rebuts", "repeats"):
        xs = [x for r in rows for x in r["_by_rel"].get(relname, [])]
        out[f"{relname} recall@3"] = _share(xs)
        out[f"{relname} n"] = len(xs)
    lab = [(r["quotes labelled repeats"], r["repeats n"]) for r in rows if r["quotes labelled repeats"] is not None]
    out["quotes labelled repeats"] = (sum(a * b for a, b in lab) / sum(b for _a, b in lab)) if lab else None
    out["junk in top 10"] = sum(r["junk in top 10"] for r in rows)
    return out


def engine_factory(**kw):
    def make(left, right):
        return EngineAdapter(left, right, **kw)
    return make


def run(pairs: list[Pair], make) -> list[dict]:
    return [measure(p, make) for p in pairs]


# --- what ``python -m bench`` reads (its section 4c) -------------------------------------------------
def load_pairs():
    """(name, left, right, gold) for every pair, old style: gold as [left, right, relation]."""
    return [(p.name, p.left, p.right, [[x.left, x.right, x.relation] for x in p.links])
            for p in load_secondary() + load_dev()]


def evaluate():
    """One row per pair: the global list's precision@10, recall@20 and relation agreement."""
    rows = []
    for pair in load_secondary() + load_dev():
        r = measure(pair, engine_factory())
        rows.append({"pair": pair.name, "gold": r["links"], "precision@10": r["precision@10"],
                     "recall@20": r["recall@20"], "relation agreement": r["relation acc"] or 0.0,
                     "recall@3": r["recall@3 L>R"]})
    return rows


def tfidf_rank(left: Document, right: Document, fragment_l: str, fragment_r: str) -> int | None:
    """Rank of a pair in plain TF-IDF's global list (all pairs), or None."""
    base = Tfidf(left, right)
    lp, rp = starts(left, fragment_l), starts(right, fragment_r)
    for rank, h in enumerate(base.suggest(10**9), 1):
        if holds(h.left, lp) and holds(h.right, rp):
            return rank
    return None


# --- printing -------------------------------------------------------------------------------------
def _f(x, pct=False):
    if x is None:
        return "-"
    if isinstance(x, int):
        return str(x)
    return f"{x:.0%}" if pct else f"{x:.2f}"


def table(title: str, ours: list[dict], base: list[dict]) -> str:
    cols = ["pair", "links", "L>R@3", "TF-IDF", "ratio", "R>L@3", "TF-IDF", "ceiling", "rec@20", "TF-IDF",
            "P@10", "TF-IDF", "rel acc", "rebuts@3", "TF-IDF", "quotes@3", "TF-IDF", "quotes=rep", "junk10"]
    lines = [title, " | ".join(cols), " | ".join("---" for _ in cols)]
    for a, b in zip(ours, base, strict=False):
        ratio = a["recall@3 L>R"] / b["recall@3 L>R"] if b["recall@3 L>R"] else float("inf")
        lines.append(" | ".join([
            a["pair"], str(a["links"]), _f(a["recall@3 L>R"]), _f(b["recall@3 L>R"]), f"{ratio:.2f}x",
            _f(a["recall@3 R>L"]), _f(b["recall@3 R>L"]), _f(a["ceiling L>R"]),
            _f(a["recall@20"]), _f(b["recall@20"]), _f(a["precision@10"]), _f(b["precision@10"]),
            _f(a["relation acc"], True) + (f" of {a['relation n']}" if a["relation acc"] is not None else ""),
            _f(a["rebuts recall@3"]), _f(b["rebuts recall@3"]),
            _f(a["repeats recall@3"]), _f(b["repeats recall@3"]),
            _f(a["quotes labelled repeats"], True), str(a["junk in top 10"]) + f" ({b['junk in top 10']})",
        ]))
    return "\n".join(lines)


ABLATIONS = [
    ("all ideas (default)", {}),
    ("no quotation signal", {"quote": 0.0}),
    ("no containment (focus)", {"focus": 0.0}),
    ("no paragraph context", {"paragraph": 0.0}),
    ("no diversity (copies of one quotation both kept)", {"diversity": 0.0}),
    ("no quoted-block discount", {"block_copy": 1.0}),
    ("no stance cues", {"stance": 0.0}),
    ("no context (anaphora, restated claim)", {"context": False}),
    ("context: no restated-claim lead", {"lead": 0.0}),
    ("context: no previous-sentence", {"prev_anaphor": 0.0, "prev_plain": 0.0}),
    ("context for candidate claims too (R>L queries)", {"context_claims_alone": False}),
    ("no claim prior in the global list", {"claim_prior": 0.0}),
    ("default relation: answers", {"default_relation": "answers"}),
    ("no order alignment", {"order": 0.0}),
    ("order alignment twice as strong", {"order": 1.0}),
    ("order alignment, narrower (5% of the article)", {"order_width": 0.05}),
]


def ablate(pairs: list[Pair]) -> list[str]:
    from reader.core.suggest.engine import Options

    lines = ["variant | L>R@3 | R>L@3 | rec@20 | P@10 | rel acc | rebuts@3 | quotes@3 | quotes=rep | junk10",
             "--- | --- | --- | --- | --- | --- | --- | --- | --- | ---"]
    for name, kw in ABLATIONS:
        o = overall(run(pairs, engine_factory(options=Options(**kw))))
        lines.append(" | ".join([name, _f(o["recall@3 L>R"]), _f(o["recall@3 R>L"]), _f(o["recall@20"]),
                                 _f(o["precision@10"]), _f(o["relation acc"], True), _f(o["rebuts recall@3"]),
                                 _f(o["repeats recall@3"]), _f(o["quotes labelled repeats"], True),
                                 str(o["junk in top 10"])]))
    return lines


def evaluate_all():
    """(dev rows, dev overall, secondary rows, and the same for TF-IDF)."""
    dev, sec = load_dev(), load_secondary()
    ours_dev = run(dev, engine_factory())
    base_dev = run(dev, Tfidf)
    ours_sec = run(sec, engine_factory())
    base_sec = run(sec, Tfidf)
    return ours_dev, base_dev, ours_sec, base_sec


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.quality", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--ablate", action="store_true", help="also measure each idea on and off")
    p.add_argument("--json", action="store_true")
    args = p.parse_args(argv)
    ours_dev, base_dev, ours_sec, base_sec = evaluate_all()
    od, bd = overall(ours_dev), overall(base_dev)
    if args.json:
        clean = lambda rs: [{k: v for k, v in r.items() if not k.startswith("_")} for r in rs]  # noqa: E731
        print(json.dumps({"dev": clean(ours_dev + [od]), "dev_tfidf": clean(base_dev + [bd]),
                          "secondary": clean(ours_sec), "secondary_tfidf": clean(base_sec)}, indent=1))
        return 0
    print("engine: reader against plain TF-IDF\n")
    print(table("Development set (tests/pairs/real)", ours_dev + [od], base_dev + [bd]))
    print()
    print(table("Secondary (team-written pairs, shipped pair)", ours_sec + [overall(ours_sec)],
                base_sec + [overall(base_sec)]))
    ratio = od["recall@3 L>R"] / bd["recall@3 L>R"] if bd["recall@3 L>R"] else float("inf")
    print()
    print("Targets on the development set:")
    checks = [
        ("per-passage recall@3 >= 0.6", od["recall@3 L>R"] >= 0.6, f"{od['recall@3 L>R']:.2f}"),
        ("... and >= 1.5x TF-IDF", ratio >= 1.5, f"{ratio:.2f}x"),
        ("half of the rebuttals in the top 3", (od["rebuts recall@3"] or 0) >= 0.5, f"{od['rebuts recall@3']:.2f}"),
        ("quotations labelled repeats >= 90%", (od["quotes labelled repeats"] or 0) >= 0.9,
         f"{od['quotes labelled repeats']:.0%}"),
        ("no boilerplate or citation fragment in the top 10", od["junk in top 10"] == 0, str(od["junk in top 10"])),
    ]
    for name, ok, val in checks:
        print(f"  [{'x' if ok else ' '}] {name}: {val}")
    if args.ablate:
        print()
        print("Each idea on the development set (overall):")
        print("\n".join(ablate(load_dev())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
