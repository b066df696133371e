"""Suggestion quality against hand-drawn link sets: precision of the top 10, recall of the top 20.

A suggestion hits a gold link when its left sentence contains the gold left fragment's
start and its right sentence the right fragment's start (relation not required).
"""

from __future__ import annotations

import json
from pathlib import Path

from reader.core.articles import load_document
from reader.core.document import Document
from reader.core.suggest import Suggester, content_words

ROOT = Path(__file__).resolve().parent.parent
PAIRS = ROOT / "tests" / "pairs"


def load_pairs():
    out = [("shipped", load_document("ice-union-allegation"), load_document("mayor-rebuttal"),
            json.loads((PAIRS / "shipped-gold.json").read_text(encoding="utf-8")))]
    for folder in sorted(p for p in PAIRS.iterdir() if p.is_dir()):
        left = Document(key=f"{folder.name}-left", text=(folder / "left.txt").read_text(encoding="utf-8"))
        right = Document(key=f"{folder.name}-right", text=(folder / "right.txt").read_text(encoding="utf-8"))
        out.append((folder.name, left, right, json.loads((folder / "gold.json").read_text(encoding="utf-8"))))
    return out


def _span(doc, fragment):
    i = doc.search_text.find(" ".join(fragment.replace("\u201c", '"').replace("\u201d", '"').split()))
    if i < 0:
        raise ValueError(f"gold fragment not in {doc.key}: {fragment!r}")
    return i


def hits(suggestions, gold, left, right, relations=None):
    """Which suggestions hit a gold link; optionally collect (suggested, gold) relations of hits."""
    gold_pos = [(_span(left, g[0]), _span(right, g[1])) for g in gold]
    flags = []
    found = set()
    for s in suggestions:
        hit = None
        for k, (lp, rp) in enumerate(gold_pos):
            if s.left.start <= lp < s.left.end and s.right.start <= rp < s.right.end:
                hit = k
                break
        flags.append(hit is not None)
        if hit is not None:
            found.add(hit)
            if relations is not None:
                relations.append((s.relation, gold[hit][2]))
    return flags, found


def tfidf_rank(left, right, fragment_l, fragment_r):
    """Rank of a pair under plain TF-IDF cosine (the baseline the issue cites)."""
    import math
    from collections import Counter

    lu = [(s, e, Counter(content_words(left.text[s:e]))) for _p, _i, (s, e) in left.all_sentences()]
    ru = [(s, e, Counter(content_words(right.text[s:e]))) for _p, _i, (s, e) in right.all_sentences()]
    df = Counter()
    for *_x, c in lu + ru:
        df.update(set(c))
    n = len(lu) + len(ru)
    idf = {w: math.log((n + 1) / (d + 1)) + 1 for w, d in df.items()}

    def vec(c):
        v = {w: tf * idf[w] for w, tf in c.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1
        return {w: x / norm for w, x in v.items()}

    lv = [vec(c) for *_x, c in lu]
    rv = [vec(c) for *_x, c in ru]
    scored = []
    for i, a in enumerate(lv):
        for j, b in enumerate(rv):
            scored.append((sum(x * b.get(w, 0) for w, x in a.items()), i, j))
    scored.sort(reverse=True)
    lp, rp = _span(left, fragment_l), _span(right, fragment_r)
    for rank, (_score, i, j) in enumerate(scored, 1):
        if lu[i][0] <= lp < lu[i][1] and ru[j][0] <= rp < ru[j][1]:
            return rank
    return None


def evaluate():
    rows = []
    for name, left, right, gold in load_pairs():
        sugg = Suggester(left, right).suggest()
        flags10, _ = hits(sugg[:10], gold, left, right)
        rels: list = []
        _f, found20 = hits(sugg[:20], gold, left, right, rels)
        rows.append({
            "pair": name, "suggestions": len(sugg), "gold": len(gold),
            "precision@10": sum(flags10) / max(1, min(10, len(sugg))),
            "recall@20": len(found20) / len(gold),
            "relation agreement": sum(a == b for a, b in rels) / max(1, len(rels)),
        })
    return rows


if __name__ == "__main__":
    for row in evaluate():
        print(row)
    L, R = load_document("ice-union-allegation"), load_document("mayor-rebuttal")
    print("plain TF-IDF rank of the key pair:", tfidf_rank(L, R, "Your current policy forbidding", "No such policy exists"))
