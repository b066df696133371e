"""Suggesting links between two articles: shared quotes, and passages that answer each other.

Signals, all generic (nothing here knows the shipped articles):
- lexical similarity: TF-IDF cosine over stemmed content words, where a short or
  anaphoric sentence ("No such policy exists") borrows the words of the sentence before it;
- stance and discourse cues: denial, hedging, support and claim markers, quotation and
  attribution (who is speaking);
- near-verbatim overlap (word 4-gram shingles) for passages both articles quote;
- boilerplate (captions, photo credits, a publisher's shared footer) is recognised and
  never suggested.
Candidates come from an inverted index of rare words, so two 1 MB documents take seconds,
not the hours an all-pairs comparison would. Each passage takes at most ``per_passage``
suggestions.
"""

from __future__ import annotations

import hashlib
import heapq
import math
import re
from collections import defaultdict
from dataclasses import dataclass

from reader.core.document import Document, normalise_for_search
from reader.core.segmenter import CAPTION

_TOKEN = re.compile(r"[a-z0-9][a-z0-9'-]*")
STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had has
have having he her here hers herself him himself his how i if in into is it its itself just me more
most my myself no nor not now of off on once only or other our ours ourselves out over own same she
should so some such than that the their theirs them themselves then there these they this those
through to too under until up very was we were what when where which while who whom why will with
would you your yours yourself yourselves said says say told tells wrote writes write one two
mr mrs ms s t don't didn't won't can't it's that's i'm we're they're he's she's
""".split())

_DENIAL = re.compile(
    r"\b(no such|not true|untrue|false(?:ly)?|inaccurate|incorrect|wrong|den(?:y|ies|ied|ial)|never|"
    r"did not|didn't|does not|doesn't|do not|don't|is not|isn't|was not|wasn't|are not|aren't|"
    r"has not|hasn't|have not|haven't|no evidence|unfounded|baseless|misleading|mischaracteri[sz]\w*|"
    r"reject(?:s|ed)?|rebut(?:s|ted)?|refute[sd]?|dispute[sd]?|contrary|nonsense|fabricat\w*|"
    r"no longer|nothing|unable|could not|couldn't|cannot|can't|exists? only|at no (?:point|time)|no one|nobody|none|"
    r"question(?:s|ed)|doubts?|challeng(?:e|es|ed)|unrelated|no|not|never)\b", re.I)
_CONCEDE = re.compile(
    r"\b(acknowledg\w*|admit(?:s|ted)?|conced\w*|concur\w*|apologi[sz]\w*|regrets?)\b", re.I)
_HEDGE = re.compile(
    r"\b(some|partly|partially|in part|although|though|however|but|while|suggests?|appears?|seems?|"
    r"may|might|except|only if|to some extent|somewhat|not all)\b", re.I)
_SUPPORT = re.compile(
    r"\b(supports?|supported|confirm(?:s|ed)?|corroborat\w*|shows?|showed|evidence|proves?|proved|"
    r"consistent with|backs? up|backed up|verified|verifies)\b", re.I)
_CLAIM = re.compile(
    r"\b(says?|said|claims?|claimed|alleg\w*|accus\w*|according to|letter|charges?|contends?|"
    r"asserts?|argues?|insists?|demand\w*|violat\w*|refus\w*|ignor\w*|fail\w*|ordered|forbid\w*|"
    r"barr\w*|illegal|unlawful|unconstitutional|danger\w*|threat\w*|policy|must|should)\b", re.I)
_ANAPHOR = re.compile(r"^\W*(such|this|that|these|those|it|he|she|they|no such|the same)\b|\bsuch\b", re.I)
_QUOTE = re.compile("[\"\u201c\u201d]")
_SPEAKER = re.compile(
    r"(?:[,\"\u201d]\s*|^)((?:[A-Z][\w.'-]+\s?){1,3}|the \w+|he|she|they)\s+"
    r"(?:says|said|writes|wrote|tells|told|adds|added|argues|argued|pleads|claims|insists)\b")
_PROMO = re.compile(
    r"\b(subscribe|subscription|donate|sign up|newsletter|copyright|all rights reserved|follow us|"
    r"click here|support \w+'?s? journalism|our journalism|advertis\w*)\b|\u00a9", re.I)

REPEATS, REBUTS, SUPPORTS, ANSWERS, QUALIFIES = "repeats", "rebuts", "supports", "answers", "qualifies"


def stem(word: str) -> str:
    word = word.replace("\u2019", "'")
    if word.endswith("'s"):
        word = word[:-2]
    for suffix, repl in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)] + repl
    return word


def content_words(text: str) -> list[str]:
    return [stem(w) for w in _TOKEN.findall(normalise_for_search(text).lower()) if w not in STOPWORDS and len(w) > 1]


@dataclass
class Unit:
    doc: Document
    index: int
    start: int
    end: int
    para: int
    text: str
    words: list[str]
    boilerplate: bool = False
    core: frozenset = frozenset()  # own words, without the attribution ("..., X says")

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end


@dataclass
class Suggestion:
    left: Unit
    right: Unit
    relation: str
    score: float
    reasons: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """Stable identity for remembering a rejection: the two passages' texts."""
        h = hashlib.sha1()
        for u in (self.left, self.right):
            h.update(u.doc.key.encode("utf-8", "replace") + b"\0")
            h.update(" ".join(normalise_for_search(u.text).split()).encode("utf-8", "replace") + b"\0")
        return "sugg:" + h.hexdigest()

    def to_json(self) -> dict:
        return {
            "left": {"start": self.left.start, "end": self.left.end, "text": self.left.text},
            "right": {"start": self.right.start, "end": self.right.end, "text": self.right.text},
            "relation": self.relation,
            "score": round(self.score, 4),
            "reasons": list(self.reasons),
        }


def units_of(doc: Document) -> list[Unit]:
    out = []
    for p, _i, (s, e) in doc.all_sentences():
        text = doc.text[s:e]
        words = content_words(text)
        core = frozenset(content_words(_SPEAKER.sub(" ", text))) or frozenset(words)
        out.append(Unit(doc, len(out), s, e, p, text, words, doc.para_kinds[p] == CAPTION, core))
    return out


def _shingles(words: list[str], n: int = 4) -> set[int]:
    if len(words) < n:
        return {hash(tuple(words))} if len(words) >= 3 else set()
    return {hash(tuple(words[i:i + n])) for i in range(len(words) - n + 1)}


def _near_position_end(u: Unit, total: int) -> bool:
    return u.para >= u.doc.paragraph_count - 2 or u.index >= total - 3


class Suggester:
    """Suggest links between two documents."""

    def __init__(self, left: Document, right: Document, *, per_passage: int = 3, posting_cap: int = 40, candidates: int = 12) -> None:
        self.left, self.right = left, right
        self.per_passage = per_passage
        self.candidates = candidates
        self.posting_cap = posting_cap
        self.lu, self.ru = units_of(left), units_of(right)
        df: dict[str, int] = defaultdict(int)
        for u in self.lu + self.ru:
            for w in set(u.words):
                df[w] += 1
        n = len(self.lu) + len(self.ru)
        self.idf = {w: math.log((n + 1) / (c + 1)) + 1.0 for w, c in df.items()}
        self.df = df

    # --- vectors ---------------------------------------------------------------------------
    def _vector(self, units: list[Unit], i: int) -> dict[str, float]:
        u = units[i]
        vec: dict[str, float] = defaultdict(float)
        for w in u.words:
            vec[w] += self.idf[w]
        # A short or anaphoric sentence borrows the words of the one before it.
        if i > 0 and units[i - 1].para >= u.para - 1 and (len(u.words) < 6 or _ANAPHOR.search(u.text)):
            for w in units[i - 1].words:
                vec[w] += 0.5 * self.idf[w]
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {w: v / norm for w, v in vec.items()}

    # --- shared quotes and boilerplate -------------------------------------------------------
    def _mark_boilerplate(self) -> None:
        """Captions, promotional lines, and paragraphs both articles end with verbatim."""
        for u in self.lu + self.ru:
            if _PROMO.search(u.text):
                u.boilerplate = True

        def norm(u: Unit) -> str:
            return " ".join(_TOKEN.findall(normalise_for_search(u.text).lower()))

        right_tail = {norm(u) for u in self.ru if _near_position_end(u, len(self.ru))}
        for u in self.lu:
            if _near_position_end(u, len(self.lu)) and norm(u) in right_tail and not _QUOTE.search(u.text):
                u.boilerplate = True
                for v in self.ru:
                    if norm(v) == norm(u):
                        v.boilerplate = True

    def _repeats(self) -> list[Suggestion]:
        index: dict[int, list[int]] = defaultdict(list)
        lsh = [_shingles(u.words) for u in self.lu]
        for i, sh in enumerate(lsh):
            for h in sh:
                index[h].append(i)
        out = []
        for j, ru in enumerate(self.ru):
            rsh = _shingles(ru.words)
            if not rsh:
                continue
            counts: dict[int, int] = defaultdict(int)
            for h in rsh:
                post = index.get(h, ())
                if len(post) <= self.posting_cap:
                    for i in post:
                        counts[i] += 1
            for i, c in counts.items():
                overlap = c / max(1, min(len(lsh[i]), len(rsh)))
                if overlap >= 0.6 and min(len(self.lu[i].words), len(ru.words)) >= 3:
                    lu = self.lu[i]
                    if self._is_boilerplate(lu, ru):
                        lu.boilerplate = ru.boilerplate = True
                        continue
                    out.append(Suggestion(lu, ru, REPEATS, 0.5 + 0.5 * overlap, ("shared words",)))
        return out

    def _is_boilerplate(self, lu: Unit, ru: Unit) -> bool:
        if lu.boilerplate or ru.boilerplate:
            return True
        if _PROMO.search(lu.text) or _PROMO.search(ru.text):
            return True
        # Shared text at the very end of both, not a quotation: a publisher's footer.
        at_end = _near_position_end(lu, len(self.lu)) and _near_position_end(ru, len(self.ru))
        return at_end and not _QUOTE.search(lu.text)

    # --- answers -----------------------------------------------------------------------------
    @staticmethod
    def _cues(text: str) -> dict[str, float]:
        return {
            "denial": min(1.0, 0.7 * len(_DENIAL.findall(text))),
            "hedge": min(1.0, 0.5 * len(_HEDGE.findall(text))),
            "support": min(1.0, 0.7 * len(_SUPPORT.findall(text))),
            "concede": min(1.0, 0.7 * len(_CONCEDE.findall(text))),
            "claim": min(1.0, 0.35 * len(_CLAIM.findall(text)) + (0.3 if _QUOTE.search(text) else 0.0)),
            "speaker": 1.0 if _SPEAKER.search(text) else 0.0,
        }

    def _answers(self, exclude: set[tuple[int, int]]) -> list[Suggestion]:
        lvec = [self._vector(self.lu, i) for i in range(len(self.lu))]
        rvec = [self._vector(self.ru, j) for j in range(len(self.ru))]
        lcue = [self._cues(u.text) for u in self.lu]
        rcue = [self._cues(u.text) for u in self.ru]
        postings: dict[str, list[int]] = defaultdict(list)
        for i, vec in enumerate(lvec):
            if not self.lu[i].boilerplate:
                for w in vec:
                    postings[w].append(i)
        out = []
        for j, rv in enumerate(rvec):
            ru = self.ru[j]
            if ru.boilerplate or not ru.words:
                continue
            dots: dict[int, float] = defaultdict(float)
            rare: dict[int, bool] = {}
            for w, weight in rv.items():
                post = postings.get(w)
                if not post or len(post) > self.posting_cap:
                    continue
                for i in post:
                    dots[i] += weight * lvec[i][w]
                    if self.df[w] <= max(3, (len(self.lu) + len(self.ru)) // 8):
                        rare[i] = True
            # Only the lexically closest few can survive the per-passage cap: score just those.
            best = heapq.nlargest(self.candidates, ((lex, i) for i, lex in dots.items() if rare.get(i) and (i, j) not in exclude))
            for lex, i in best:
                lu = self.lu[i]
                s, relation, reasons = self._score(lex, lcue[i], rcue[j])
                s *= 0.4 + 0.6 * self._focus(lu, ru)
                if s > 0.05:
                    out.append(Suggestion(lu, ru, relation, s, reasons))
        return out

    def _focus(self, a: Unit, b: Unit) -> float:
        """How much of the shorter passage's own words (idf-weighted) the other one shares."""
        small, big = (a, b) if len(a.core) <= len(b.core) else (b, a)
        if not small.core:
            return 0.0
        idf = self.idf
        total = sum(idf[w] for w in small.core)
        shared = sum(idf[w] for w in small.core.intersection(big.words))
        return shared / total

    @staticmethod
    def _score(lex: float, lc: dict, rc: dict) -> tuple[float, str, tuple[str, ...]]:
        # Either side may be the claim; the other the response.
        best = (0.0, ANSWERS, ())
        # The second article usually answers the first (the reader's convention: allegation
        # left, answer right), so the other direction needs a little more evidence.
        for claim, resp, direction, prior in ((lc, rc, "right answers left", 1.0), (rc, lc, "left answers right", 0.85)):
            stance = max(resp["denial"], 0.8 * resp["support"], 0.7 * resp["concede"], 0.6 * resp["hedge"])
            claimness = claim["claim"]
            voice = 0.15 * resp["speaker"] + 0.1 * claim["speaker"]
            score = prior * (lex * (1.0 + 2.0 * stance * max(0.3, claimness) + voice) + 0.12 * stance * claimness)
            if score > best[0]:
                if resp["concede"]:
                    rel = QUALIFIES  # partly concedes, even when it denies the rest
                elif resp["denial"]:
                    rel = REBUTS  # evidence offered with a denial ("records show no ...") still rebuts
                elif resp["support"] and resp["hedge"]:
                    rel = QUALIFIES  # "supports some of ..."
                elif resp["support"]:
                    rel = SUPPORTS
                elif resp["hedge"]:
                    rel = QUALIFIES
                else:
                    rel = ANSWERS
                reasons = tuple(r for r, on in (
                    ("denial", resp["denial"]), ("concession", resp["concede"]), ("hedge", resp["hedge"]),
                    ("support", resp["support"]), ("claim", claimness), ("attributed", resp["speaker"]),
                ) if on) + (direction,)
                best = (score, rel, reasons)
        return best

    # --- all together ------------------------------------------------------------------------
    def suggest(self, top: int | None = None, rejected: set[str] = frozenset(), linked: set[tuple[tuple[int, int], tuple[int, int]]] = frozenset()) -> list[Suggestion]:
        self._mark_boilerplate()
        repeats = self._repeats()
        verbatim = {(s.left.index, s.right.index) for s in repeats}
        cands = repeats + self._answers(verbatim)
        cands.sort(key=lambda s: (-s.score, s.left.start, s.right.start))
        taken_l: dict[int, int] = defaultdict(int)
        taken_r: dict[int, int] = defaultdict(int)
        out = []
        for s in cands:
            if taken_l[s.left.index] >= self.per_passage or taken_r[s.right.index] >= self.per_passage:
                continue
            if s.key in rejected or _is_linked(s, linked):
                continue
            taken_l[s.left.index] += 1
            taken_r[s.right.index] += 1
            out.append(s)
            if top is not None and len(out) >= top:
                break
        return out


def _is_linked(s: Suggestion, linked) -> bool:
    for (ls, le), (rs, re_) in linked:
        if ls < s.left.end and le > s.left.start and rs < s.right.end and re_ > s.right.start:
            return True
    return False


def suggest(left: Document, right: Document, top: int | None = None, **kw) -> list[Suggestion]:
    return Suggester(left, right).suggest(top=top, **kw)
