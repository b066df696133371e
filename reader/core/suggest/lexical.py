"""The lexical index: weighted word vectors for every unit of both documents, and postings.

Two weightings, both over the same normalised content words:
- ``tfidf``: (1 + log tf) * idf, cosine-normalised (the classic);
- ``bm25``: Okapi BM25 (k1 = 1.2, b = 0.75) on the answering side, idf on the query side,
  divided by the query's best possible score so that scores stay in [0, 1].
The inverse document frequency counts units of both documents together.
"""

from __future__ import annotations

import math
from collections import Counter

from reader.core.suggest.units import Unit

Vector = dict[str, float]


class LexicalIndex:
    def __init__(self, sides: dict[str, list[Unit]], scheme: str = "tfidf") -> None:
        self.scheme = scheme
        df: Counter = Counter()
        n = 0
        for units in sides.values():
            for u in units:
                df.update(set(u.words))
                n += 1
        self.n = n
        self.df = df
        self.idf = {w: math.log((n + 1) / (c + 1)) + 1.0 for w, c in df.items()}
        lengths = [len(u.words) for units in sides.values() for u in units]
        self.avglen = (sum(lengths) / len(lengths)) if lengths else 1.0
        self.vectors: dict[str, list[Vector]] = {}
        self.postings: dict[str, dict[str, list[tuple[int, float]]]] = {}
        # Paragraphs too (their units' words together), for context.
        self.para_of: dict[str, list[int]] = {}
        self.para_units: dict[str, list[list[int]]] = {}
        self.para_vectors: dict[str, list[Vector]] = {}
        self.para_postings: dict[str, dict[str, list[tuple[int, float]]]] = {}
        for side, units in sides.items():
            vecs = [self.doc_vector(u.words, borrowed=u.borrowed) for u in units]
            self.vectors[side] = vecs
            self.postings[side] = self._postings(vecs, [u.boilerplate for u in units])
            para_of, groups, last = [], [], None
            for u in units:
                if u.para != last:
                    groups.append([])
                    last = u.para
                groups[-1].append(u.index)
                para_of.append(len(groups) - 1)
            self.para_of[side], self.para_units[side] = para_of, groups
            pvecs = [self.doc_vector([w for i in g if not units[i].boilerplate for w in units[i].words], bm25=False)
                     for g in groups]
            self.para_vectors[side] = pvecs
            self.para_postings[side] = self._postings(pvecs, [False] * len(pvecs))

    @staticmethod
    def _postings(vecs: list[Vector], skip: list[bool]) -> dict[str, list[tuple[int, float]]]:
        post: dict[str, list[tuple[int, float]]] = {}
        for i, v in enumerate(vecs):
            if skip[i]:
                continue
            for w, x in v.items():
                post.setdefault(w, []).append((i, x))
        return post

    # --- vectors -------------------------------------------------------------------------------
    def doc_vector(self, words: list[str], bm25: bool = True, borrowed: list[str] = ()) -> Vector:
        """The vector a unit (or paragraph) has as a candidate answer. ``borrowed`` words (those
        of the sentence a pointing one refers to) count half."""
        tf = Counter(words)
        for w in borrowed:
            tf[w] += 0.5
        idf = self.idf
        if self.scheme == "bm25" and bm25:
            k1, b = 1.2, 0.75
            norm = k1 * (1 - b + b * len(words) / self.avglen)
            return {w: idf.get(w, 1.0) * (c * (k1 + 1)) / (c + norm) for w, c in tf.items()}
        vec = {w: (1.0 + math.log(c) if c >= 1 else c) * idf.get(w, 1.0) for w, c in tf.items()}
        norm = math.sqrt(sum(x * x for x in vec.values())) or 1.0
        return {w: x / norm for w, x in vec.items()}

    def query_vector(self, words: list[str]) -> Vector:
        """The vector a passage has as a query."""
        if self.scheme == "bm25":
            ws = set(words)
            idf = self.idf
            total = sum(idf.get(w, 1.0) * idf.get(w, 1.0) * 2.2 for w in ws) or 1.0
            return {w: idf.get(w, 1.0) / total for w in ws}
        return self.doc_vector(words)

    def cosine(self, a: Vector, b: Vector) -> float:
        if len(a) > len(b):
            a, b = b, a
        return sum(x * b.get(w, 0.0) for w, x in a.items())

    def similarity(self, q: Vector, side: str, i: int) -> float:
        return self.cosine(q, self.vectors[side][i]) if self.scheme != "bm25" else \
            sum(x * self.vectors[side][i].get(w, 0.0) for w, x in q.items())

    # --- retrieval -----------------------------------------------------------------------------
    def containment(self, q: Vector, side: str, i: int) -> float:
        """Share of unit i's word weight (idf) that q holds: 1 when q says all it says."""
        words = self.vectors[side][i]
        idf = self.idf
        total = sum(idf.get(w, 1.0) for w in words)
        return (sum(idf.get(w, 1.0) for w in words if w in q) / total) if total else 0.0

    def dots(self, q: Vector, side: str, cap: int | None = None, paragraphs: bool = False) -> dict[int, float]:
        """Similarity of q to every unit (or paragraph) of side sharing a word with it (words in
        more than cap units are skipped: they cannot lift a unit into the first few)."""
        post = (self.para_postings if paragraphs else self.postings)[side]
        out: dict[int, float] = {}
        get = out.get
        for w, x in q.items():
            plist = post.get(w)
            if not plist or (cap is not None and len(plist) > cap):
                continue
            for i, y in plist:
                out[i] = get(i, 0.0) + x * y
        return out
