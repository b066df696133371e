"""Quotation: one passage repeating another's words, verbatim or nearly.

Words are compared as Porter stems of every token (stopwords included: a quotation keeps
them), so "literature contains the materials which suffice" meets "literature to contain the
materials which suffice". Three signals:
- shared word trigrams (an index finds them fast);
- the longest run of words both passages share;
- a phrase in quotation marks in one passage ("knew the man") found in the other.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from reader.core.suggest.units import Unit
from reader.core.suggest.words import STOPWORDS, TOKEN, porter
from reader.core.text.document import normalise_for_search

_QUOTED = re.compile(
    r"\"([^\"]{2,400})\"|\u2018([^\u2018\u2019]{2,400})\u2019|(?<![\w])'([^']{2,400})'(?![\w])")


_STOP = STOPWORDS | {porter(w) for w in STOPWORDS}


def _is_content(w: str) -> bool:
    return w not in _STOP and len(w) > 2


def _is_citation(run: list[str]) -> bool:
    """A shared run that is a case citation: a "v" between names, and volume and page figures."""
    return "v" in run and sum(w.isdigit() for w in run) >= 2


def stems(toks: list[str]) -> list[str]:
    return list(map(porter, toks))


def trigrams(st: list[str]) -> set[int]:
    return set(map(hash, zip(st, st[1:], st[2:], strict=False)))


def quoted_phrases(text: str) -> list[list[str]]:
    """The stemmed words of every phrase in quotation marks (curly or straight)."""
    out = []
    t = text.replace("\u201c", '"').replace("\u201d", '"')
    for m in _QUOTED.finditer(t):
        phrase = next(g for g in m.groups() if g is not None)
        toks = TOKEN.findall(normalise_for_search(phrase).lower())
        if toks:
            out.append(stems(toks))
    return out


def longest_run(a: list[str], b: list[str]) -> list[str]:
    """The longest run of words a and b share (dynamic programming over matching places only)."""
    where: dict[str, list[int]] = {}
    for j, w in enumerate(b):
        where.setdefault(w, []).append(j)
    best, best_end = 0, 0
    prev: dict[int, int] = {}
    for i, w in enumerate(a):
        cur = {}
        for j in where.get(w, ()):
            v = prev.get(j - 1, 0) + 1
            cur[j] = v
            if v > best:
                best, best_end = v, i + 1
        prev = cur
    return a[best_end - best:best_end]


def _contains(hay: list[str], needle: list[str]) -> bool:
    n = len(needle)
    if n == 0 or n > len(hay):
        return False
    # Stems hold no spaces: a run of words is a run of space-separated text.
    return f" {' '.join(needle)} " in f" {' '.join(hay)} "


@dataclass(frozen=True)
class Quotation:
    run: int            # longest shared run of words
    content: int        # content words in that run
    coverage: float     # run / the shorter passage's length
    marked: int         # words of a phrase in quotation marks, in either passage, found in the other
    rare: int = 0       # word trigrams of the run found in few units: a quotation, not a stock phrase

    @property
    def strength(self) -> float:
        """0 (no quotation) to 1 (one passage quotes the other at length)."""
        s = 0.0
        if self.run >= 4 and (self.content >= 2 or (self.coverage >= 0.5 and self.rare >= 2)):
            s = min(1.0, 0.2 + 0.12 * self.rare + 0.6 * self.coverage)
            if self.coverage < 0.5:
                # a short run of few content words is as likely a stock phrase ("it is easy to
                # see": a third user's top suggestion) as a quotation; measured on the
                # development set, R>L recall@3 0.479 to 0.486, precision@10 0.425 to 0.450
                s *= min(1.0, self.content / 4)
        if self.marked >= 3 or (self.marked == 2 and self.content >= 2):
            s = max(s, min(1.0, 0.45 + 0.1 * self.marked))
        return s

    @property
    def is_repeat(self) -> bool:
        """A quotation, not just a stock phrase both use: a phrase in quotation marks, or a run of
        words found in few other places, or most of the shorter passage."""
        return self.strength >= 0.6 and (self.marked >= 2 or self.rare >= 4 or self.coverage >= 0.5)


NONE = Quotation(0, 0, 0.0, 0)


class QuoteIndex:
    """Word trigrams of every unit on each side, to find the few units sharing a run of words.

    How many units hold each trigram is counted at once; the lists of which units hold it are
    built for a side when first searched (a global list searches only the answering side)."""

    def __init__(self, sides: dict[str, list[Unit]], cap: int = 50) -> None:
        self.cap = cap
        self.units = sides
        self.stems: dict[str, list[list[str]]] = {}
        self.grams: dict[str, list[set[int]]] = {}
        self.phrases: dict[str, list[list[list[str]]]] = {}
        self.counts: dict[str, Counter[int]] = {}
        self._index: dict[str, dict[int, list[int]]] = {}
        for side, units in sides.items():
            st = [stems(u.toks) for u in units]
            grams = [trigrams(s) for s in st]
            counts: Counter[int] = Counter()
            for i, g in enumerate(grams):
                if not units[i].boilerplate:
                    counts.update(g)
            self.stems[side], self.grams[side], self.counts[side] = st, grams, counts
            self.phrases[side] = [quoted_phrases(u.text) if u.quoted else [] for u in units]

    def index(self, side: str) -> dict[int, list[int]]:
        """trigram -> the units of side holding it (boilerplate left out)."""
        idx = self._index.get(side)
        if idx is None:
            idx = {}
            get = idx.get
            units = self.units[side]
            for i, g in enumerate(self.grams[side]):
                if units[i].boilerplate:
                    continue
                for h in g:
                    lst = get(h)
                    if lst is None:
                        idx[h] = [i]
                    else:
                        lst.append(i)
            self._index[side] = idx
        return idx

    def sharing(self, side: str, grams: set[int]) -> dict[int, int]:
        """Units of side sharing word trigrams with grams: {unit: how many}."""
        idx = self.index(side)
        out: dict[int, int] = {}
        get = out.get
        cap = self.cap
        for h in grams:
            post = idx.get(h)
            if post and len(post) <= cap:
                for i in post:
                    out[i] = get(i, 0) + 1
        return out

    def compare(self, a_stems: list[str], a_phrases: list[list[str]], b_side: str, j: int, shared: int) -> Quotation:
        b = self.stems[b_side][j]
        run = content = rare = 0
        if shared >= 2:  # a run of 4 words holds 2 trigrams
            r = longest_run(a_stems, b)
            if not _is_citation(r):  # two passages citing one case ("Knoxville Iron Co. v. Harbison, 183
                run, content = len(r), sum(1 for w in r if _is_content(w))  # U. S. 13") quote nothing
                rare = sum(1 for h in trigrams(r) if self.df(h) <= 4)
        marked = 0
        for phrases, hay in ((self.phrases[b_side][j], a_stems), (a_phrases, b)):
            bag = None
            for ph in phrases:
                words = [w for w in ph if _is_content(w)]
                if len(ph) >= 2 and words and _contains(hay, ph):
                    marked = max(marked, len(ph))
                elif len(words) >= 4:
                    # A quotation cited loosely: nearly all its words, in another order.
                    bag = bag if bag is not None else set(hay)
                    if sum(w in bag for w in words) >= 0.8 * len(words):
                        marked = max(marked, len(words))
        if not run and not marked:
            return NONE
        shorter = max(1, min(len(a_stems), len(b)))
        return Quotation(run, content, run / shorter, marked, rare)

    def df(self, h: int) -> int:
        """How many units of both sides hold the word trigram h."""
        return sum(c[h] for c in self.counts.values())
