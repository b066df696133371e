"""The lexical index: TF-IDF vectors for every unit (and paragraph) of both documents, and postings.

Weights are (1 + log tf) * idf over the normalised content words, cosine-normalised; the
inverse document frequency counts the units of both documents together. (Okapi BM25 was
measured against this and did no better: ``bench/quality.py``.)
"""

from __future__ import annotations

import math
from collections import Counter

from reader.core.suggest.units import Unit

Vector = dict[str, float]
Postings = dict[str, list[tuple[int, float]]]

_LOG = [0.0] + [1.0 + math.log(c) for c in range(1, 64)]


class LexicalIndex:
    def __init__(self, sides: dict[str, list[Unit]]) -> None:
        df: Counter = Counter()
        n = 0
        for units in sides.values():
            for u in units:
                df.update(set(u.words))
            n += len(units)
        self.n = n
        self.df = df
        self.idf = {w: math.log((n + 1) / (c + 1)) + 1.0 for w, c in df.items()}
        self.vectors: dict[str, list[Vector]] = {}
        self._skip: dict[str, list[bool]] = {}
        self._postings_of: dict[tuple[str, bool], Postings] = {}
        self._idf_totals: dict[str, list[float]] = {}
        # Paragraphs too (their units' words together), for context.
        self.para_of: dict[str, list[int]] = {}
        self.para_units: dict[str, list[list[int]]] = {}
        self._para_vectors: dict[str, list[Vector]] = {}
        self._units = sides
        for side, units in sides.items():
            vecs = [self.doc_vector(u.words) for u in units]
            self.vectors[side] = vecs
            self._skip[side] = [u.boilerplate for u in units]
            para_of: list[int] = []
            groups: list[list[int]] = []
            last = None
            for u in units:
                if u.para != last:
                    groups.append([])
                    last = u.para
                groups[-1].append(u.index)
                para_of.append(len(groups) - 1)
            self.para_of[side], self.para_units[side] = para_of, groups

    def para_vectors(self, side: str) -> list[Vector]:
        """Each paragraph's vector (its units' words together), made when first asked for."""
        pvecs = self._para_vectors.get(side)
        if pvecs is None:
            units = self._units[side]
            pvecs = self._para_vectors[side] = [
                self.doc_vector([w for i in g if not units[i].boilerplate for w in units[i].words])
                for g in self.para_units[side]]
        return pvecs

    def postings(self, side: str, paragraphs: bool = False) -> Postings:
        """word -> [(unit or paragraph, weight)] over side, built when first asked for (a side
        nobody queries against, such as the claims in a global list, never needs them)."""
        post = self._postings_of.get((side, paragraphs))
        if post is None:
            post = self._postings_of[(side, paragraphs)] = self._build_postings(side, paragraphs)
        return post

    def _build_postings(self, side: str, paragraphs: bool) -> Postings:
        vecs = self.para_vectors(side) if paragraphs else self.vectors[side]
        skip = None if paragraphs else self._skip[side]
        post: Postings = {}
        get = post.get
        for i, v in enumerate(vecs):
            if skip is not None and skip[i]:
                continue
            for w, x in v.items():
                lst = get(w)
                if lst is None:
                    post[w] = [(i, x)]
                else:
                    lst.append((i, x))
        return post

    # --- vectors -------------------------------------------------------------------------------
    def doc_vector(self, words: list[str]) -> Vector:
        """A passage's TF-IDF vector, unit length."""
        if not words:
            return {}
        idf = self.idf
        tf = Counter(words)
        vec = {w: (_LOG[c] if c < 64 else 1.0 + math.log(c)) * idf.get(w, 1.0) for w, c in tf.items()}
        norm = math.sqrt(sum(x * x for x in vec.values())) or 1.0
        return {w: x / norm for w, x in vec.items()}

    query_vector = doc_vector

    @staticmethod
    def cosine(a: Vector, b: Vector) -> float:
        if len(a) > len(b):
            a, b = b, a
        get = b.get
        return sum(x * get(w, 0.0) for w, x in a.items())

    def similarity(self, q: Vector, side: str, i: int) -> float:
        return self.cosine(q, self.vectors[side][i])

    # --- retrieval -----------------------------------------------------------------------------
    def containment(self, q: Vector, side: str, i: int) -> float:
        """Share of unit i's word weight (idf) that q holds: 1 when q says all it says."""
        words = self.vectors[side][i]
        idf = self.idf
        totals = self._idf_totals.get(side)
        if totals is None:
            totals = self._idf_totals[side] = [sum(idf.get(w, 1.0) for w in v) for v in self.vectors[side]]
        total = totals[i]
        return (sum(idf.get(w, 1.0) for w in words if w in q) / total) if total else 0.0

    def dots(self, q: Vector, side: str, cap: int | None = None, paragraphs: bool = False) -> dict[int, float]:
        """Similarity of q to every unit (or paragraph) of side sharing a word with it (words in
        more than cap units are skipped: they cannot lift a unit into the first few)."""
        post = self.postings(side, paragraphs)
        out: dict[int, float] = {}
        get = out.get
        for w, x in q.items():
            plist = post.get(w)
            if not plist or (cap is not None and len(plist) > cap):
                continue
            for i, y in plist:
                out[i] = get(i, 0.0) + x * y
        return out
