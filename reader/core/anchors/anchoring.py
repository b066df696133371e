"""Anchors in the manner of Hypothesis: describe a passage with W3C selectors, find it again.

A target holds a TextQuoteSelector (exact text with 32 characters of prefix and suffix),
a TextPositionSelector (code-point offsets into the canonical text) and the article's
fingerprint. Anchoring tries, in order: the stored position when the article is
unchanged; exact matches of the quote, ranked by context and nearness; approximate
matches (Myers' bit-parallel search) scored as Hypothesis's ``matchQuote`` scores them.
What cannot be found is an orphan: kept, listed, exported, never deleted.
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.core.anchors.selectors import quote_and_position
from reader.core.text.document import Document, normalise_for_search

ANCHORED, REANCHORED, ORPHAN = "anchored", "reanchored", "orphan"

# Weights of Hypothesis's matchQuote.
_W_QUOTE, _W_PREFIX, _W_SUFFIX, _W_POS = 50.0, 20.0, 20.0, 2.0
_MAX_EXACT = 2000
_FULL_SCAN_LIMIT = 400_000  # characters an approximate search may scan outside the window


@dataclass(frozen=True)
class Anchor:
    start: int
    end: int
    status: str  # anchored, reanchored or orphan

    @property
    def is_orphan(self) -> bool:
        return self.status == ORPHAN


def _similarity(a: str, b: str) -> float:
    if not a and not b:
        return 1.0
    if not a or not b:
        return 0.0
    from difflib import SequenceMatcher

    return SequenceMatcher(None, a, b, autojunk=False).ratio()


_RESCORED = 8  # exact matches scored in full, of those whose context agrees best


def _context_agreement(norm: str, start: int, end: int, prefix: str, suffix: str) -> int:
    """How many characters of the stored prefix and suffix still sit beside this match."""
    if prefix and norm.endswith(prefix, 0, start):
        before = len(prefix)
    else:
        before = 0
        for a, b in zip(reversed(prefix), reversed(norm[max(0, start - len(prefix)):start]), strict=False):
            if a != b:
                break
            before += 1
    if suffix and norm.startswith(suffix, end):
        after = len(suffix)
    else:
        after = 0
        for a, b in zip(suffix, norm[end:end + len(suffix)], strict=False):
            if a != b:
                break
            after += 1
    return before + after


def _score(norm: str, start: int, end: int, errors: int, quote: str, prefix: str, suffix: str, hint: int | None) -> float:
    q = 1.0 - errors / max(1, len(quote))
    p = _similarity(prefix, norm[max(0, start - len(prefix)):start]) if prefix else 1.0
    s = _similarity(suffix, norm[end:end + len(suffix)]) if suffix else 1.0
    pos = 1.0 - abs(start - hint) / max(1, len(norm)) if hint is not None else 1.0
    return (_W_QUOTE * q + _W_PREFIX * p + _W_SUFFIX * s + _W_POS * pos) / (_W_QUOTE + _W_PREFIX + _W_SUFFIX + _W_POS)


def _myers(pattern: str, text: str, max_errors: int, offset: int = 0) -> list[tuple[int, int]]:
    """(end, errors) for each text position where pattern matches with <= max_errors edits."""
    m = len(pattern)
    peq: dict[str, int] = {}
    for i, c in enumerate(pattern):
        peq[c] = peq.get(c, 0) | (1 << i)
    mask = (1 << m) - 1
    high = 1 << (m - 1)
    pv, mv, score = mask, 0, m
    out = []
    for j, c in enumerate(text):
        eq = peq.get(c, 0)
        xv = eq | mv
        xh = (((eq & pv) + pv) ^ pv) | eq
        ph = (mv | ~(xh | pv)) & mask
        mh = pv & xh
        if ph & high:
            score += 1
        elif mh & high:
            score -= 1
        ph = (ph << 1) & mask
        mh = (mh << 1) & mask
        pv = (mh | ~(xv | ph)) & mask
        mv = ph & xv
        if score <= max_errors:
            out.append((offset + j + 1, score))
    return out


def _approximate(norm: str, quote: str, max_errors: int, lo: int, hi: int) -> list[tuple[int, int, int]]:
    """Candidate (start, end, errors) of approximate matches of quote within norm[lo:hi]."""
    ends = _myers(quote, norm[lo:hi], max_errors, lo)
    if not ends:
        return []
    # Keep local minima of the error count, best first, at most a few.
    best: list[tuple[int, int]] = []
    for i, (end, err) in enumerate(ends):
        prev_err = ends[i - 1][1] if i and ends[i - 1][0] == end - 1 else max_errors + 1
        next_err = ends[i + 1][1] if i + 1 < len(ends) and ends[i + 1][0] == end + 1 else max_errors + 1
        if err <= prev_err and err <= next_err:
            best.append((err, end))
    best.sort()
    rq = quote[::-1]
    out = []
    for err, end in best[:12]:
        start_lo = max(0, end - len(quote) - max_errors)
        window = norm[start_lo:end][::-1]
        rev = _myers(rq, window, max_errors)
        if not rev:
            continue
        rend, rerr = min(rev, key=lambda t: (t[1], -t[0]))
        out.append((end - rend, end, max(err, rerr)))
    return out


def _snap_to_words(norm: str, quote: str, s: int, e: int) -> tuple[int, int]:
    """Widen an approximate match to whole words where the quote itself ends on words."""
    if quote[:1].isalnum():
        while s > 0 and norm[s - 1].isalnum():
            s -= 1
    if quote[-1:].isalnum():
        while e < len(norm) and norm[e].isalnum():
            e += 1
    return s, e


def _whole_words(norm: str, s: int, e: int) -> tuple[int, int]:
    """A match found again never starts or ends inside a word, whatever the quote ends on:
    "Tuesday." found again in "Tuesday's session." ended at "Tuesday'" (an attacker's)."""
    while 0 < e < len(norm) and norm[e].isalnum() and (norm[e - 1].isalnum() or norm[e - 1] in "'\u2019"):
        e += 1
    while 0 < s < len(norm) and norm[s - 1].isalnum() and norm[s].isalnum():
        s -= 1
    return s, e


ORPHAN_ANCHOR = Anchor(0, 0, ORPHAN)
_LONG_QUOTE = 512  # longer quotes are found by voting chunks, not by Myers' search
_CHUNK = 32


def anchor_fast(doc: Document, target: object) -> Anchor | None:
    """The answer when it costs nothing: the stored position still holds the quote (or the
    text is unchanged), or there is no quote to look for. None: a search is needed."""
    qsel, psel = quote_and_position(target)
    text = doc.text
    exact = qsel["exact"] if qsel else ""
    if psel is not None:
        ps, pe = psel["start"], psel["end"]
        if 0 <= ps < pe <= len(text):
            same_doc = isinstance(target, dict) and target.get("fingerprint") == doc.fingerprint
            if (same_doc and not exact) or (exact and text[ps:pe] == exact):
                return Anchor(ps, pe, ANCHORED)
    if not exact.strip() or len(exact) > len(text):
        return ORPHAN_ANCHOR
    return None


class Drift:
    """How far an edited article's passages moved, learned while anchoring them.

    An edit shifts every passage after it by the same amount: a word mended two characters
    shorter near the start of a 1 MB article moved 33,000 annotations, and each was searched
    for again (4.4 s for ``reader list``). After one is found by search, the others are first
    looked for at their stored position plus the shifts seen so far, and taken there when the
    quote and all of its stored context (prefix and suffix) are there too: what a search
    would find first. Anything else is searched for as before."""

    KEEP = 8  # the most recent distinct shifts tried

    def __init__(self) -> None:
        self.shifts: list[int] = []

    def anchor(self, doc: Document, target: object) -> Anchor:
        """``anchor(doc, target)``, trying the shifts seen first."""
        qsel, psel = quote_and_position(target)
        exact = qsel["exact"] if qsel else ""
        if qsel is not None and psel is not None and exact and self.shifts:
            text, ps, pe = doc.text, psel["start"], psel["end"]
            prefix, suffix = qsel["prefix"], qsel["suffix"]
            for d in self.shifts:
                s, e = ps + d, pe + d
                if 0 <= s < e <= len(text) and text[s:e] == exact \
                        and text[max(0, s - len(prefix)):s] == prefix and text[e:e + len(suffix)] == suffix:
                    self._saw(d)
                    return Anchor(s, e, ANCHORED)
        a = anchor(doc, target)
        if psel is not None and not a.is_orphan and a.start != psel["start"]:
            self._saw(a.start - psel["start"])
        return a

    def _saw(self, d: int) -> None:
        if self.shifts and self.shifts[0] == d:
            return
        if d in self.shifts:
            self.shifts.remove(d)
        self.shifts.insert(0, d)
        del self.shifts[self.KEEP:]


def anchor(doc: Document, target: object) -> Anchor:
    """Find target's passage in doc; an orphan when it cannot be found."""
    fast = anchor_fast(doc, target)
    if fast is not None:
        return fast
    qsel, psel = quote_and_position(target)
    exact = qsel["exact"] if qsel else ""
    hint = psel["start"] if psel is not None and psel["start"] < len(doc.text) else None
    norm = doc.search_text
    quote = normalise_for_search(exact)
    prefix = normalise_for_search(qsel["prefix"]) if qsel else ""
    suffix = normalise_for_search(qsel["suffix"]) if qsel else ""

    # 1. Exact matches, ranked by context and nearness to the old position. The quote with
    # all of its context still around it wins at once (the nearest such, if several).
    if prefix or suffix:
        whole = prefix + quote + suffix
        spots: list[int] = []
        i = norm.find(whole)
        while i != -1 and len(spots) < _MAX_EXACT:
            spots.append(i + len(prefix))
            i = norm.find(whole, i + 1)
        if spots:
            near = hint if hint is not None else spots[0]
            s = min(spots, key=lambda s: abs(s - near))
            return Anchor(s, s + len(quote), ANCHORED)
    found: list[int] = []
    i = norm.find(quote)
    while i != -1 and len(found) < _MAX_EXACT:
        found.append(i)
        i = norm.find(quote, i + 1)
    if found:
        if len(found) == 1:
            s = found[0]
        else:
            n = len(quote)
            # A quote that occurs many times (a speaker's name, a refrain): rank by how much
            # of the context agrees, character by character (cheap), and score only the
            # few best with the full measure.
            few = sorted(found, key=lambda s: (-_context_agreement(norm, s, s + n, prefix, suffix),
                                               abs(s - hint) if hint is not None else 0))[:_RESCORED]
            s = max(few, key=lambda s: _score(norm, s, s + n, 0, quote, prefix, suffix, hint))
        return Anchor(s, s + len(quote), ANCHORED)

    # 2. Approximate matches: near the old position first, then the whole text if small.
    if len(quote) > _LONG_QUOTE:
        cands = _long_candidates(norm, quote, hint)
    else:
        max_errors = max(1, min(64, len(quote) // 4))
        centre = hint if hint is not None else len(norm) // 2
        reach = 4 * len(quote) + 2000
        lo, hi = max(0, centre - reach), min(len(norm), centre + reach)
        cands = _approximate(norm, quote, max_errors, lo, hi)
        if not cands and (lo > 0 or hi < len(norm)) and len(norm) <= _FULL_SCAN_LIMIT:
            cands = _approximate(norm, quote, max_errors, 0, len(norm))
    if not cands:
        return ORPHAN_ANCHOR
    best = max(cands, key=lambda c: _score(norm, c[0], c[1], c[2], quote, prefix, suffix, hint))
    s, e, err = best
    s, e = _snap_to_words(norm, quote, s, e)
    # Demand context agreement as well as a close quote, so an annotation is never moved
    # silently onto text that merely resembles it.
    if _score(norm, s, e, err, quote, prefix, suffix, hint) < 0.75:
        return ORPHAN_ANCHOR
    s, e = _whole_words(norm, s, e)
    return Anchor(s, e, REANCHORED)


def _long_candidates(norm: str, quote: str, hint: int | None) -> list[tuple[int, int, int]]:
    """A long quote, found by where its chunks still occur: linear, at C speed.

    Each of 24 chunks spread over the quote votes for the quote's start (where it is found,
    minus where it sits in the quote). The best-supported start, and the end voted by the
    chunks after it, make the candidate; unfound chunks estimate the errors.
    """
    n = len(quote)
    step = max(_CHUNK, (n - _CHUNK) // 23)
    offsets = list(range(0, n - _CHUNK + 1, step))[:24]
    if offsets[-1] != n - _CHUNK:
        offsets.append(n - _CHUNK)
    centre = hint if hint is not None else len(norm) // 2
    votes: dict[int, int] = {}
    hits: list[tuple[int, int]] = []  # (chunk offset in quote, position in text)
    for off in offsets:
        chunk = quote[off:off + _CHUNK]
        if not chunk.strip():
            continue
        positions: list[int] = []
        i = norm.find(chunk)
        while i != -1 and len(positions) < 50:
            positions.append(i)
            i = norm.find(chunk, i + 1)
        if not positions:
            continue
        pos = min(positions, key=lambda p: abs((p - off) - centre))
        hits.append((off, pos))
        start = pos - off
        bucket = start // 64
        votes[bucket] = votes.get(bucket, 0) + 1
    if not votes or max(votes.values()) * 2 < len(offsets):
        return []  # fewer than half the chunks agree: not this passage any more
    best = max(votes, key=lambda b: votes[b])
    agree = [(off, pos) for off, pos in hits if abs((pos - off) // 64 - best) <= 1]
    first_off, first_pos = min(agree)
    last_off, last_pos = max(agree)
    start = max(0, first_pos - first_off)
    end = min(len(norm), last_pos + (n - last_off))
    errors = (len(offsets) - len(agree)) * n // max(1, 4 * len(offsets))
    return [(start, end, errors)] if end > start else []
