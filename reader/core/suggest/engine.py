"""The suggestion engine: which passages of one article answer which passages of the other.

``Engine(left, right)`` is built once per document pair (it is immutable afterwards, so a UI
can cache it by the documents' fingerprints and build it in a worker thread). It answers two
questions:

- ``answers_for(side, span, k)``: for one passage, the k best candidates in the other
  article, best first, each with a score, a guessed relation and reasons;
- ``suggest(top, rejected, linked)``: the global list of the links a reader has not drawn.

A candidate's score combines, all generic (nothing here knows any article):
- lexical similarity: TF-IDF cosine over Porter stems, numbers in figures ("fourth" = "4th");
- quotation: a run of words both passages share, or a phrase in quotation marks in one found
  in the other (a quotation is ``repeats``);
- context: an answering sentence inherits part of the score of the passage that introduces
  it: the sentence before it when it starts with "it", "this", "that"... or is short, and a
  one-sentence paragraph that restates the claim before a reply ("Damien was dirty." then
  the answer); and part of the score of its paragraph;
- stance: denial, contrast, concession, rhetorical question, address to the other side;
- order: a reply tends to answer in the original's order; an alignment of the two articles
  from their quotations and clearest matches (``align.py``) says where a passage is likely
  answered, and candidates near that place gain.
Boilerplate (captions, promotional lines, a shared footer, segmenter fragments such as
citation pieces) is never suggested. In the global list, a title or heading (it names a
text) and a line of fewer than four content words (it matches on one word) weigh less;
asked for ("what answers this?"), they still get their candidates.

Building reads every passage of the claiming article once against the other (the "pair
table"): it gives the alignment's anchors, and the global list is ranked from it.
"""

from __future__ import annotations

import hashlib
import heapq
import math
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from reader.core.gc_pause import gc_paused
from reader.core.suggest.align import Alignment, heaviest_chain
from reader.core.suggest.cues import Cues, cues_of
from reader.core.suggest.lexical import LexicalIndex, Vector
from reader.core.suggest.quotes import NONE, Quotation, QuoteIndex, quoted_phrases, stems, trigrams
from reader.core.suggest.relation import REBUTS, REPEATS, guess
from reader.core.suggest.units import Unit, content_of, is_heading, mark_shared_footer, units_of
from reader.core.suggest.words import TOKEN, normal
from reader.core.text.document import Document, normalise_for_search

SIDES = ("left", "right")
Span = tuple[int, int]
# One candidate's figures: (score, own base, context, quotation).
Scored = tuple[float, float, float, Quotation]

_ANAPHOR = re.compile(
    r"\b(?:no such|such a|such an)\b|"
    r"^\W*(?:and |but |yet |so |now )?(such|this|that|these|those|it|he|she|they|him|her|them|the same|"
    r"so|thus|here|there|which)\b|^\W*(?:how|why|what|where|when|who|is|was|does|did|do|can)\b.{0,40}\?",
    re.I)


class _LazyCues:
    """Each unit's cues, read when first asked for (a global list reads few of them)."""

    def __init__(self, units: list[Unit]) -> None:
        self.units = units
        self.cache: list[Cues | None] = [None] * len(units)
        self._stance: list[float | None] = [None] * len(units)

    def __getitem__(self, i: int) -> Cues:
        c = self.cache[i]
        if c is None:
            u = self.units[i]
            c = self.cache[i] = cues_of(u.text, u.quoted)
        return c

    def stance(self, i: int) -> float:
        x = self._stance[i]
        if x is None:
            x = self._stance[i] = self[i].stance()
        return x


class _PerSide:
    """A value per side, made when first asked for (the claims' side of a global list needs fewer)."""

    def __init__(self, make: Callable[[str], dict[int, list[tuple[int, float]]]]) -> None:
        self.make = make
        self.values: dict[str, dict[int, list[tuple[int, float]]]] = {}

    def __getitem__(self, side: str) -> dict[int, list[tuple[int, float]]]:
        v = self.values.get(side)
        if v is None:
            v = self.values[side] = self.make(side)
        return v


def other(side: str) -> str:
    return "right" if side == "left" else "left"


@dataclass(frozen=True)
class Options:
    """The engine's knobs; the defaults are what the measurements support (``python -m
    bench.quality --ablate`` measures each one off and on)."""

    quote: float = 1.0             # weight of quotation strength
    stance: float = 0.6            # how much an answer's stance cues lift it
    focus: float = 0.3             # weight of containment: the answer's words all in the claim
    paragraph: float = 0.3         # weight of the answer's paragraph's similarity to the claim
    paragraphs: int = 6            # best paragraphs whose every unit is a candidate
    paragraph_in_list: bool = False  # paragraph context in the global list too (measured: no better, slower)
    diversity: float = 0.5         # how much a candidate repeating a better one is pushed down
    context: bool = True           # inherit from the introducing sentence or restated claim
    context_claims_alone: bool = True  # ... for answers only: a candidate claim does not inherit
    inherit: float = 1.0           # weight of what is inherited
    query_context: float = 1.0     # an answer asked about: weight of what introduces it (see _with_introducers)
    ctx_alone: float = 0.5         # global list: factor on context for a unit sharing no word
    prev_anaphor: float = 0.7      # weight of the sentence before an anaphoric or short one
    prev_plain: float = 0.25       # ... before any other sentence of the same paragraph
    lead: float = 0.6              # weight of a restated claim (one-sentence paragraph) before it
    lead_reach: int = 3            # paragraphs a restated claim reaches
    block_copy: float = 0.5        # factor for a copy inside a quoted block ("quoting you at large")
    claim_prior: float = 0.4       # global list: how much a claim-like passage comes first
    order: float = 0.5             # order alignment: a candidate at the mapped place scores 1 + order times
    order_width: float = 0.1       # ... falling off over this share of the other article
    anchor_similarity: float = 0.3  # two passages each other's best match at least this similar anchor it
    default_relation: str = REBUTS
    posting_cap_query: int = 4000  # answers_for: words in more units than this are skipped
    posting_cap_global: int = 40   # the pair table and global list: the same, for speed over big documents
    rescore: int = 60              # candidates fully scored per query
    table_width: int = 5           # pair table: best candidates kept per passage


@dataclass(eq=False)
class Suggestion:
    left: Unit
    right: Unit
    relation: str
    score: float
    reasons: tuple[str, ...] = ()
    answer_side: str = "right"

    @property
    def key(self) -> str:
        """Stable identity for remembering a rejection: the two passages' texts."""
        h = hashlib.sha1()
        for u in (self.left, self.right):
            h.update(u.doc.key.encode("utf-8", "replace") + b"\0")
            h.update(" ".join(normalise_for_search(u.text).split()).encode("utf-8", "replace") + b"\0")
        return "sugg:" + h.hexdigest()

    @property
    def source(self) -> Unit:
        """The answering passage: a link's source ("source rebuts target")."""
        return self.right if self.answer_side == "right" else self.left

    @property
    def target(self) -> Unit:
        """The passage answered: a link's target."""
        return self.left if self.answer_side == "right" else self.right

    def to_json(self) -> dict:
        return {
            "left": {"start": self.left.start, "end": self.left.end, "text": self.left.text},
            "right": {"start": self.right.start, "end": self.right.end, "text": self.right.text},
            "relation": self.relation,
            "score": round(self.score, 4),
            "reasons": list(self.reasons),
            "answer_side": self.answer_side,
        }


@dataclass
class _Query:
    side: str
    units: list[int]
    words: list[str]
    stems: list[str]
    grams: set[int]
    phrases: list[list[str]]
    cues_or_source: object  # Cues, or the (LazyCues, index) to read them from when needed
    text: str = ""
    vec: Vector = field(default_factory=dict)
    via: dict[int, float] = field(default_factory=dict)  # what each candidate owes to what introduces the query

    @property
    def cues(self) -> Cues:
        c = self.cues_or_source
        if isinstance(c, tuple):
            c = self.cues_or_source = c[0][c[1]]
        assert isinstance(c, Cues)
        return c


class Engine:
    """Suggestions for one pair of documents. Build once; every query is read-only."""

    def __init__(self, left: Document, right: Document, *, options: Options | None = None,
                 embedder: object = None) -> None:
        # ``embedder`` is accepted for callers of the old signature and ignored: static word
        # embeddings were measured and did not help (see bench/quality.py).
        with gc_paused():
            self._build(left, right, options)

    def _build(self, left: Document, right: Document, options: Options | None) -> None:
        self.options = opt = options or Options()
        self.docs = {"left": left, "right": right}
        self.units = {"left": units_of(left), "right": units_of(right)}
        mark_shared_footer(self.units["left"], self.units["right"])
        self.lex = LexicalIndex(self.units)
        self.quotes = QuoteIndex(self.units)
        self.cues = {s: _LazyCues(us) for s, us in self.units.items()}
        self._starts = {s: [u.start for u in us] for s, us in self.units.items()}
        self.children = _PerSide(lambda side: self._context(self.units[side]) if opt.context else {})
        self.answer_side = self._guess_answer_side()
        self.claim_side = other(self.answer_side)
        self._shared, self.block = self._quotations()
        self._fallback: dict[str, list[int]] = {}
        self._parents_of: dict[str, dict[int, list[tuple[int, float]]]] = {}
        self.table = self._pair_table()
        del self._shared
        self.alignment = self._align()
        self._ranked: dict[int, list[tuple[float, int, int, Scored]]] = {}

    # --- building ----------------------------------------------------------------------------
    def _context(self, units: list[Unit]) -> dict[int, list[tuple[int, float]]]:
        """parent unit -> [(child unit, weight)]: who inherits part of whose score."""
        opt = self.options
        children: dict[int, list[tuple[int, float]]] = {}
        doc = units[0].doc if units else None
        # The one-sentence paragraphs: possible restated claims, each heading a reply.
        para_units: dict[int, list[int]] = {}
        for u in units:
            para_units.setdefault(u.para, []).append(u.index)
        lead_of_para: dict[int, tuple[int, int]] = {}  # para -> (lead unit, distance in paragraphs)
        current: tuple[int, int] | None = None
        if doc is not None:
            for p in range(doc.paragraph_count):
                us = para_units.get(p, [])
                if len(us) == 1 and not units[us[0]].boilerplate and len(units[us[0]].words) <= 25 and p > 0:
                    nxt = para_units.get(p + 1, [])
                    if nxt and sum(len(units[i].words) for i in nxt) > len(units[us[0]].words):
                        current = (us[0], p)
                        continue
                if current is not None and p - current[1] <= opt.lead_reach:
                    lead_of_para[p] = (current[0], p - current[1])
        for u in units:
            if u.boilerplate:
                continue
            j = u.index
            # The sentence before: within the paragraph; across a paragraph break too when this
            # one points back ("No such policy exists." after the paragraph stating the policy).
            k = j - 1
            while k >= 0 and units[k].boilerplate and units[k].para >= u.para - 2:
                k -= 1
            if k >= 0 and not units[k].boilerplate:
                pointing = bool(_ANAPHOR.search(u.text)) or len(u.words) < 5
                if units[k].para == u.para:
                    w = opt.prev_anaphor if pointing else opt.prev_plain
                elif pointing and units[k].para >= u.para - 2:
                    w = 0.8 * opt.prev_anaphor
                else:
                    w = 0.0
                if w > 0:
                    children.setdefault(k, []).append((j, w))
            lead = lead_of_para.get(u.para)
            if lead is not None and opt.lead > 0:
                first = para_units[u.para][0] == j
                w = opt.lead * (0.85 ** (lead[1] - 1)) * (1.0 if first else 0.8)
                children.setdefault(lead[0], []).append((j, w))
        return children

    def _quotations(self) -> tuple[list[dict[int, int]], dict[str, list[bool]]]:
        """One pass over the claims' word trigrams against the answers': for each claim, the
        answers sharing at least two trigrams with it ({unit: how many}), and the units of
        either side that copy a unit of the other inside a paragraph of such copies (a reply
        quoting its original at large: quotations, not answers)."""
        cs, os = self.claim_side, self.answer_side
        grams = {s: self.quotes.grams[s] for s in SIDES}
        copies = {s: [False] * len(self.units[s]) for s in SIDES}
        shared_rows: list[dict[int, int]] = []
        for i, u in enumerate(self.units[cs]):
            g = grams[cs][i]
            if u.boilerplate or not g:
                shared_rows.append({})
                continue
            shared = self.quotes.sharing(os, g)
            if shared:
                if len(g) >= 3 and max(shared.values()) >= 0.6 * len(g):
                    copies[cs][i] = True
                for j, n in shared.items():
                    if n >= 0.6 * len(grams[os][j]) and len(grams[os][j]) >= 3:
                        copies[os][j] = True
            # Kept for the pair table: what may hold a quotation (see _base).
            if self.quotes.phrases[cs][i]:
                shared_rows.append(shared)
            else:
                phrases = self.quotes.phrases[os]
                shared_rows.append({j: n for j, n in shared.items() if n >= 2 or phrases[j]})
        block = {}
        for s in SIDES:
            per_para: dict[int, int] = {}
            units = self.units[s]
            for i, u in enumerate(units):
                if copies[s][i]:
                    per_para[u.para] = per_para.get(u.para, 0) + 1
            block[s] = [copies[s][i] and per_para.get(u.para, 0) >= 2 for i, u in enumerate(units)]
        return shared_rows, block

    def _guess_answer_side(self) -> str:
        """Which article answers the other: the one quoting the other more (ties: the right)."""
        count = {}
        for side in SIDES:
            n = 0
            idx = self.quotes.counts[other(side)]
            for i, _u in enumerate(self.units[side]):
                for ph in self.quotes.phrases[side][i]:
                    g = trigrams(ph)
                    if g and sum(1 for h in g if h in idx) >= max(1, len(g) // 2):
                        n += 1
                        break
            count[side] = n
        if count["left"] >= 3 and count["left"] > 2 * count["right"]:
            return "left"
        return "right"

    def _pair_table(self) -> list[dict[int, tuple[float, float, Quotation]]]:
        """For every passage of the claiming article, its best candidates in the answering one:
        {unit: (own score, similarity, quotation)}, the few most similar and every quotation."""
        opt = self.options
        cs, os = self.claim_side, self.answer_side
        lex = self.lex
        vecs = lex.vectors[cs]
        ovecs = lex.vectors[os]
        cosine = lex.cosine
        width = opt.table_width
        table: list[dict[int, tuple[float, float, Quotation]]] = []
        for i, u in enumerate(self.units[cs]):
            if u.boilerplate or not u.words:
                table.append({})
                continue
            q = self._unit_query(cs, i)
            sims = lex.dots(vecs[i], os, opt.posting_cap_global)
            if len(sims) > width:
                sims = {j: cosine(vecs[i], ovecs[j]) for j in heapq.nlargest(width, sims, key=sims.__getitem__)}
            row = {}
            for j, (own, quote) in self._base(q, sims, self._shared[i]).items():
                row[j] = (own, sims.get(j, 0.0), quote)
            table.append(row)
        return table

    def _align(self) -> Alignment:
        """The order alignment, from the pair table's high-precision anchors: quotations (not
        copies inside a quoted block) and pairs that are each other's best match."""
        opt = self.options
        cs = self.claim_side
        block_c, block_a = self.block[cs], self.block[self.answer_side]
        best_for: dict[int, tuple[float, int]] = {}
        for i, row in enumerate(self.table):
            for j, (_own, sim, _q) in row.items():
                if sim > best_for.get(j, (0.0, -1))[0]:
                    best_for[j] = (sim, i)
        anchors: list[tuple[int, int, float]] = []
        for i, row in enumerate(self.table):
            if not row or block_c[i]:
                continue
            best_j, best_sim = -1, 0.0
            for j, (_own, sim, quote) in row.items():
                if block_a[j]:
                    continue
                if quote.is_repeat:
                    anchors.append((i, j, 1.0))
                elif sim > best_sim:
                    best_j, best_sim = j, sim
            if best_j >= 0 and best_sim >= opt.anchor_similarity and best_for.get(best_j, (0.0, -1))[1] == i:
                anchors.append((i, best_j, min(1.0, best_sim)))
        if cs == "right":
            anchors = [(b, a, w) for a, b, w in anchors]
        return Alignment(heaviest_chain(anchors), len(self.units["left"]), len(self.units["right"]), opt.order_width)

    # --- queries -------------------------------------------------------------------------------
    def units_at(self, side: str, span: Span) -> list[int]:
        """Indices of the units of side overlapping span (at least the one holding its start)."""
        starts, units = self._starts[side], self.units[side]
        if not units:
            return []
        s, e = span
        i = max(0, bisect_right(starts, s) - 1)
        out = [i]
        j = i + 1
        while j < len(units) and units[j].start < e:
            out.append(j)
            j += 1
        return out

    def _unit_query(self, side: str, i: int) -> _Query:
        """One whole unit as a query (its vectors and grams are already in the indexes)."""
        u = self.units[side][i]
        return _Query(side, [i], u.words, self.quotes.stems[side][i], self.quotes.grams[side][i],
                      self.quotes.phrases[side][i], (self.cues[side], i), u.text, self.lex.vectors[side][i])

    def _query(self, side: str, span: Span) -> _Query:
        units = self.units[side]
        idx = self.units_at(side, span)
        if not idx:
            return _Query(side, [], [], [], set(), [], Cues())
        s, e = span
        whole = units[idx[0]].start >= s and units[idx[-1]].end <= e
        if whole and len(idx) == 1 and not units[idx[0]].boilerplate:
            return self._unit_query(side, idx[0])
        # A segmenter's fragment ("Nor does Atkin v.") is read with what follows it in its paragraph.
        while all(units[i].boilerplate for i in idx) and idx[-1] + 1 < len(units) \
                and units[idx[-1] + 1].para == units[idx[0]].para and len(idx) < 8:
            idx.append(idx[-1] + 1)
            whole = True
        if whole or len(idx) > 1:
            text = " ".join(units[i].text for i in idx)
            toks = [t for i in idx for t in units[i].toks]
        else:  # a selection inside one sentence: its own words
            text = self.docs[side].text[max(s, units[idx[0]].start):min(e, units[idx[0]].end)]
            toks = TOKEN.findall(normalise_for_search(text).lower())
        words = content_of(toks)
        st = stems(toks)
        return _Query(side, idx, words, st, trigrams(st), quoted_phrases(text), cues_of(text, '"' in text), text,
                      self.lex.query_vector(words))

    def _base(self, q: _Query, sims: dict[int, float], shared: dict[int, int]) -> dict[int, tuple[float, Quotation]]:
        """{unit of the other side: (own score, quotation)}: similarity lifted by containment,
        plus quotation strength; boilerplate left out, copies in a quoted block discounted."""
        os = other(q.side)
        opt = self.options
        lex = self.lex
        units = self.units[os]
        phrases = self.quotes.phrases[os]
        block = self.block[os]
        out: dict[int, tuple[float, Quotation]] = {}
        for i in set(sims) | {j for j, n in shared.items() if n >= 2 or phrases[j] or q.phrases}:
            if units[i].boilerplate:
                continue
            quote = NONE
            n = shared.get(i, 0)
            if n >= 2 or phrases[i] or q.phrases:
                quote = self.quotes.compare(q.stems, q.phrases, os, i, n)
            own = sims.get(i, 0.0)
            if own and opt.focus:
                own += opt.focus * own * lex.containment(q.vec, os, i)
            own += opt.quote * quote.strength
            if block[i]:
                own *= opt.block_copy
            out[i] = (own, quote)
        return out

    def _candidates(self, q: _Query, cap: int | None, rescore: int) -> dict[int, tuple[float, Quotation]]:
        """{unit of the other side: (own score, quotation)} for the units worth scoring."""
        os = other(q.side)
        lex = self.lex
        sims = lex.dots(q.vec, os, cap)
        if len(sims) > rescore:
            sims = {i: lex.similarity(q.vec, os, i) for i in heapq.nlargest(rescore, sims, key=sims.__getitem__)}
        return self._base(q, sims, self.quotes.sharing(os, q.grams))

    def _scores(self, q: _Query, base: dict[int, tuple[float, Quotation]], cap: int | None,
                strict: bool = False, keep: int | None = None) -> dict[int, Scored]:
        """{unit: (score, own base, context, quotation)} over the other side. With ``keep``, only
        the candidates that may still be among the ``keep`` best once cues and order are read."""
        os = other(q.side)
        opt = self.options
        units = self.units[os]
        block = self.block[os]
        context: dict[int, float] = {}
        # Only an answer inherits from what introduces it (a claim is read on its own).
        children = self.children[os] if os == self.answer_side or not self.options.context_claims_alone else {}
        for p, (b, _quote) in base.items():
            if block[p]:
                continue
            for c, w in children.get(p, ()):
                v = opt.inherit * w * b
                if v > context.get(c, 0.0) and not block[c]:
                    context[c] = v
        if opt.paragraph and not (strict and not opt.paragraph_in_list):
            psims = self.lex.dots(q.vec, os, cap, paragraphs=True)
            para_units = self.lex.para_units[os]
            for p in heapq.nlargest(opt.paragraphs, psims, key=psims.__getitem__):
                v = opt.paragraph * psims[p]
                for c in para_units[p]:
                    if v > context.get(c, 0.0) and not units[c].boilerplate and not block[c]:
                        context[c] = v
        pre = {}
        for i in set(base) | set(context):
            own, quote = base.get(i, (0.0, NONE))
            ctx = context.get(i, 0.0)
            if strict and own == 0.0:
                ctx *= opt.ctx_alone  # context alone, no word in common: not sure enough for the list
            pre[i] = (own + ctx, own, ctx, quote)
        answering = os == self.answer_side
        align = self.alignment if opt.order and self.alignment.usable else None
        # Cues and order lift a score at most ``lift`` times: only the best few can end first.
        lift = (1.0 + (opt.stance if answering else 0.3 * opt.stance)) * (1.0 + (opt.order if align else 0.0))
        if keep is not None and len(pre) > keep:
            floor = heapq.nlargest(keep, (v[0] for v in pre.values()))[-1] / lift
            pre = {i: v for i, v in pre.items() if v[0] >= floor}
        limit = max(3 * opt.rescore, 36)
        if len(pre) > limit:
            pre = dict(heapq.nlargest(limit, pre.items(), key=_first_of_value))
        cues = self.cues[os]
        where = width = 0.0
        if align is not None:
            where = align.mapped(q.side, q.units[len(q.units) // 2] if q.units else 0)
            width = align.width[os]
        out = {}
        for i, (eff, own, ctx, quote) in pre.items():
            if answering:
                eff *= 1.0 + opt.stance * cues.stance(i)
            else:
                eff *= 1.0 + 0.3 * opt.stance * cues[i].claim
            if align is not None:
                eff *= 1.0 + opt.order * math.exp(-abs(i - where) / width)
            out[i] = (eff, own, ctx, quote)
        return out

    def _suggestion(self, q: _Query, i: int, score: float, own: float, inh: float, quote: Quotation) -> Suggestion:
        os = other(q.side)
        u = self.units[os][i]
        qu = self._query_unit(q)
        left, right = (qu, u) if q.side == "left" else (u, qu)
        ans = self.answer_side
        claim_cues = q.cues if q.side != ans else self.cues[os][i]
        answer_cues = self.cues[os][i] if q.side != ans else q.cues
        relation, why = guess(claim_cues, answer_cues, quote, self.options.default_relation)
        reasons = list(why)
        if own > 0 and relation != REPEATS:
            shared = self._shared_words(q, os, i)
            if shared:
                reasons.append("shared words: " + ", ".join(shared))
        if inh > own:
            reasons.append("in a passage on it")
        if q.via.get(i, 0.0) > 0.5 * own:
            reasons.append("read with the sentence before this one")
        reasons.append(f"{self.docs[ans].name} reads as the reply")  # "right answers left" said little
        return Suggestion(left, right, relation, score, tuple(reasons), ans)

    def _query_unit(self, q: _Query) -> Unit:
        units = self.units[q.side]
        if len(q.units) == 1:
            return units[q.units[0]]
        a, b = units[q.units[0]], units[q.units[-1]]
        doc = self.docs[q.side]
        return replace(a, end=b.end, text=doc.text[a.start:b.end], words=q.words)

    def _shared_words(self, q: _Query, side: str, i: int, n: int = 3) -> list[str]:
        mine = set(q.words)
        idf = self.lex.idf
        u = self.units[side][i]
        shared = sorted({w for w in u.words if w in mine}, key=lambda w: -idf.get(w, 0.0))[:n]
        # Show a word as written, not as its stem.
        shown = []
        for w in shared:
            for t in u.toks:
                if normal(t) == w:
                    shown.append(t)
                    break
        return shown

    def answers_for(self, side: str, span: Span, k: int = 5, rejected: Iterable[str] = frozenset(),
                    linked: Iterable[tuple[Span, Span]] = frozenset()) -> list[Suggestion]:
        """The k best candidates in the other article for the passage at span in side, never
        a pair already linked or rejected (as the global list).

        Always k when the other article has k units left (no cut-off), best first."""
        if side not in SIDES:
            raise ValueError(f"side must be 'left' or 'right', not {side!r}")
        q = self._query(side, span)
        if not q.units or k <= 0:
            return []
        rejected = set(rejected)
        linked = list(linked)

        def wanted(sug: Suggestion) -> bool:
            return not ((rejected and sug.key in rejected) or (linked and _is_linked(sug, linked)))

        opt = self.options
        base = self._candidates(q, opt.posting_cap_query, opt.rescore)
        if opt.query_context and side == self.answer_side and opt.context and len(q.units) == 1:
            base = self._with_introducers(q, base)
        scored = self._scores(q, base, opt.posting_cap_query)
        best = self._diverse(other(side), scored, k + min(len(rejected) + len(linked), 64))
        out = [sug for sug in (self._suggestion(q, i, *v) for i, v in best) if wanted(sug)][:k]
        if len(out) < k:
            taken = {i for i, _ in best}
            for i in self._fallback_order(other(side)):
                if len(out) >= k:
                    break
                if i not in taken:
                    sug = self._suggestion(q, i, 0.0, 0.0, 0.0, NONE)
                    if wanted(sug):
                        # no word or context in common: listed to make up the number, and said so
                        sug.reasons = ("nothing in common; it reads as an answer", *sug.reasons)
                        out.append(sug)
        return out

    def _with_introducers(self, q: _Query, base: dict[int, tuple[float, Quotation]]) -> dict[int, tuple[float, Quotation]]:
        """An answer asked about reads with what introduces it: "No such policy exists." says
        which policy only through the sentence before it, and an answer inherits that
        sentence's score when the claim is asked about; here the other way round."""
        parents = self._parents(q.side).get(q.units[0], ())
        if not parents:
            return base
        opt = self.options
        out = dict(base)
        for p, w in parents:
            for i, (own, _quote) in self._candidates(self._unit_query(q.side, p), opt.posting_cap_query,
                                                      opt.rescore).items():
                add = opt.query_context * opt.inherit * w * own
                have, quote = out.get(i, (0.0, NONE))
                out[i] = (have + add, quote)
                q.via[i] = q.via.get(i, 0.0) + add
        return out

    def _parents(self, side: str) -> dict[int, list[tuple[int, float]]]:
        """child unit -> [(parent unit, weight)]: the ``_context`` map read the other way."""
        found = self._parents_of.get(side)
        if found is None:
            found = {}
            for parent, kids in self.children[side].items():
                for kid, w in kids:
                    found.setdefault(kid, []).append((parent, w))
            self._parents_of[side] = found
        return found

    def _fallback_order(self, side: str) -> list[int]:
        """When too few units share a word with a query: the most answer-like first."""
        order = self._fallback.get(side)
        if order is None:
            units, cues = self.units[side], self.cues[side]
            order = self._fallback[side] = sorted(range(len(units)), key=lambda i: (units[i].boilerplate, -cues[i].stance(), i))
        return order

    def _diverse(self, side: str, scored: dict, k: int) -> list:
        """The k best, each one's score lowered by how much it repeats one already taken (two
        copies of the same quotation teach the reader nothing new)."""
        lam = self.options.diversity
        pool = heapq.nlargest(max(k * 4, 12), scored.items(), key=lambda kv: (kv[1][0], -kv[0]))
        if not lam or len(pool) <= 1:
            return pool[:k]
        grams = self.quotes.grams[side]
        # Greedy, lazily: a candidate's lowered score only falls as more are taken, so a
        # stale one is an upper bound, and the best of the heap need be worked out again only
        # against what was taken since. The picks are those of trying every candidate each
        # time (tests/test_suggest.py), which cost the cube of k: on a real pair, 186 ms a
        # query for 200 candidates, now 12 ms; 3.1 ms for 8, now 1.6 ms.
        heap = [(-v[0], i, 0, 0.0) for i, v in pool]  # (-bound, unit, taken seen, its overlap)
        heapq.heapify(heap)
        values = dict(pool)
        taken: list = []
        while heap and len(taken) < k:
            _bound, i, seen, overlap = heapq.heappop(heap)
            g = grams[i]
            for t, _v in taken[seen:]:
                h = grams[t]
                overlap = max(overlap, len(g & h) / max(1, min(len(g), len(h))))
            value = values[i][0] * (1.0 - lam * overlap)
            if heap and (-value, i) > heap[0][:2]:
                heapq.heappush(heap, (-value, i, len(taken), overlap))
                continue
            taken.append((i, (value,) + tuple(values[i][1:])))
        return taken

    def explain(self, left_span: Span, right_span: Span) -> Suggestion:
        """The engine's view of one pair of passages: score, relation, reasons."""
        claim_side = self.claim_side
        q = self._query(claim_side, left_span if claim_side == "left" else right_span)
        target = right_span if claim_side == "left" else left_span
        os = other(claim_side)
        i = self.units_at(os, target)[0]
        scored = self._scores(q, self._candidates(q, None, 10**9), None)
        if i in scored:
            return self._suggestion(q, i, *scored[i])
        quote = self.quotes.compare(q.stems, q.phrases, os, i, 1)
        return self._suggestion(q, i, self.options.quote * quote.strength, 0.0, 0.0, quote)

    # --- the global list -----------------------------------------------------------------------
    def suggest(self, top: int | None = None, rejected: Iterable[str] = frozenset(),
                linked: Iterable[tuple[Span, Span]] = frozenset(), progress: Callable[[int, int], None] | None = None,
                cancelled: Callable[[], bool] | None = None, per_passage: int = 3) -> list[Suggestion]:
        """Links the reader has not drawn, best first; never a linked or rejected pair.

        ``progress(done, total)`` is called now and then; when ``cancelled()`` turns true the
        search stops and returns []. The ranking is made once per engine (and per_passage):
        later calls, with other rejections or links, only filter it."""
        with gc_paused():
            return self._suggest(top, rejected, linked, progress, cancelled, per_passage)

    def _suggest(self, top: int | None, rejected: Iterable[str], linked: Iterable[tuple[Span, Span]],
                 progress: Callable[[int, int], None] | None, cancelled: Callable[[], bool] | None,
                 per_passage: int) -> list[Suggestion]:
        if cancelled is not None and cancelled():
            return []
        rejected = set(rejected)
        linked = list(linked)
        cands = self._ranked.get(per_passage)
        if cands is None:
            found = self._rank(per_passage, progress, cancelled)
            if found is None:
                return []
            cands = self._ranked[per_passage] = found
        elif progress is not None:
            progress(len(self.table), len(self.table))
        claim_side = self.claim_side
        taken: dict[int, int] = {}
        out: list[Suggestion] = []
        for k, (s, qi, i, v) in enumerate(cands):
            if k % 1024 == 1023 and cancelled is not None and cancelled():
                return []
            if taken.get(i, 0) >= per_passage:
                continue
            sug = self._suggestion(self._unit_query(claim_side, qi), i, s, v[1], v[2], v[3])
            if (rejected and sug.key in rejected) or (linked and _is_linked(sug, linked)):
                continue
            taken[i] = taken.get(i, 0) + 1
            out.append(sug)
            if top is not None and len(out) >= top:
                break
        return out

    def _rank(self, per_passage: int, progress: Callable[[int, int], None] | None,
              cancelled: Callable[[], bool] | None) -> list[tuple[float, int, int, Scored]] | None:
        """Every claim's best few answers from the pair table, scored as ``answers_for`` scores
        them (without the paragraph context, which measured no better here), best first."""
        opt = self.options
        cs, os = self.claim_side, self.answer_side
        total = len(self.table)
        children = self.children[os]
        block = self.block[os]
        cues, claim_cues = self.cues[os], self.cues[cs]
        inherit, alone, stance_w = opt.inherit, opt.ctx_alone, opt.stance
        align = self.alignment if opt.order and self.alignment.usable else None
        width = align.width[os] if align is not None else 1.0
        lift = (1.0 + stance_w) * (1.0 + (opt.order if align is not None else 0.0))
        exp = math.exp
        substance_c, substance_a = _substance(self.units[cs]), _substance(self.units[os])
        cands: list[tuple[float, int, int, Scored]] = []
        for n, row in enumerate(self.table):
            if n % 256 == 0:
                if cancelled is not None and cancelled():
                    return None
                if progress is not None:
                    progress(n, total)
            if not row:
                continue
            ctx: dict[int, float] = {}
            for p, (own, _sim, _q) in row.items():
                if block[p]:
                    continue
                for kid, w in children.get(p, ()):
                    v = inherit * w * own
                    if v > ctx.get(kid, 0.0) and not block[kid]:
                        ctx[kid] = v
            pre: list[tuple[float, int, float, float, Quotation]] = []
            for j, (own, _sim, quote) in row.items():
                c = ctx.pop(j, 0.0)
                if own == 0.0:
                    c *= alone
                pre.append((own + c, j, own, c, quote))
            for j, x in ctx.items():
                pre.append((x * alone, j, 0.0, x * alone, NONE))
            if len(pre) > per_passage:
                pre.sort(reverse=True, key=_first)
                floor = pre[per_passage - 1][0] / lift
                pre = [x for x in pre if x[0] >= floor]
            where = align.mapped(cs, n) if align is not None else 0.0
            scored = []
            for eff, j, own, c, quote in pre:
                eff *= 1.0 + stance_w * cues.stance(j)
                if align is not None:
                    eff *= 1.0 + opt.order * exp(-abs(j - where) / width)
                scored.append((eff, j, own, c, quote))
            qc = claim_cues[n]
            prior = (1.0 - opt.claim_prior + opt.claim_prior * max(qc.claim, qc.denial)) * substance_c[n]
            for eff, j, own, c, quote in heapq.nlargest(per_passage, scored, key=_first):
                s = eff * prior * substance_a[j]
                if s > 0.05:
                    cands.append((s, n, j, (eff, own, c, quote)))
        if progress is not None:
            progress(total, total)
        cands.sort(key=lambda c: (-c[0], c[1], c[2]))
        return cands


SHORT_WORDS = 4  # a passage of fewer content words says too little to stand in the global list alone


def _substance(units: list[Unit]) -> list[float]:
    """How much a passage can carry a suggestion of its own in the global list: a title or a
    heading names a text rather than claiming or answering (two titles share their subject's
    words); a line of two or three words ("My countrymen,--") matches on one shared word."""
    out = []
    for u in units:
        x = min(1.0, len(u.words) / SHORT_WORDS)
        out.append(x * (0.3 if is_heading(u) else 1.0))
    return out


def _first(t: tuple) -> float:
    return t[0]


def _first_of_value(kv: tuple[int, Scored]) -> float:
    return kv[1][0]


def _is_linked(s: Suggestion, linked: list[tuple[Span, Span]]) -> bool:
    for (ls, le), (rs, re_) in linked:
        if ls < s.left.end and le > s.left.start and rs < s.right.end and re_ > s.right.start:
            return True
    return False


class Suggester:
    """The old entry point, kept for the CLI and the TUI: ``Suggester(left, right).suggest(...)``."""

    def __init__(self, left: Document, right: Document, *, per_passage: int = 3, **kw: Any) -> None:
        self.engine = Engine(left, right, **kw)
        self.per_passage = per_passage

    def suggest(self, top: int | None = None, rejected: Iterable[str] = frozenset(),
                linked: Iterable[tuple[Span, Span]] = frozenset(), **kw: Any) -> list[Suggestion]:
        return self.engine.suggest(top=top, rejected=rejected, linked=linked, per_passage=self.per_passage, **kw)
