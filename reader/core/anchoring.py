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

from reader.core.document import Document, normalise_for_search

CONTEXT = 32
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


def describe(doc: Document, start: int, end: int) -> dict:
    """The W3C target of doc.text[start:end]."""
    text = doc.text
    return {
        "source": doc.key,
        "fingerprint": doc.fingerprint,
        "selector": [
            {
                "type": "TextQuoteSelector",
                "exact": text[start:end],
                "prefix": text[max(0, start - CONTEXT):start],
                "suffix": text[end:end + CONTEXT],
            },
            {"type": "TextPositionSelector", "start": start, "end": end},
        ],
    }


def selector(target: dict, kind: str) -> dict | None:
    sels = target.get("selector", ()) if isinstance(target, dict) else ()
    if isinstance(sels, dict):
        sels = [sels]
    if not isinstance(sels, list):
        return None
    for sel in sels:
        if isinstance(sel, dict) and sel.get("type") == kind:
            return sel
    return None


def _text_field(sel: dict | None, name: str) -> str:
    value = sel.get(name) if sel else None
    return value if isinstance(value, str) else ""


def quote_of(target: dict) -> str:
    return _text_field(selector(target, "TextQuoteSelector"), "exact")


def _similarity(a: str, b: str) -> float:
    if not a and not b:
        return 1.0
    if not a or not b:
        return 0.0
    from difflib import SequenceMatcher

    return SequenceMatcher(None, a, b, autojunk=False).ratio()


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


def anchor(doc: Document, target: dict) -> Anchor:
    """Find target's passage in doc; an orphan when it cannot be found."""
    qsel = selector(target, "TextQuoteSelector")
    psel = selector(target, "TextPositionSelector")
    text = doc.text
    exact = _text_field(qsel, "exact")
    hint = None
    if psel is not None:
        try:
            ps, pe = int(psel["start"]), int(psel["end"])
        except (KeyError, TypeError, ValueError, OverflowError):
            ps = pe = -1
        if 0 <= ps < pe <= len(text):
            hint = ps
            same_doc = target.get("fingerprint") == doc.fingerprint
            if (same_doc and not exact) or (exact and text[ps:pe] == exact):
                return Anchor(ps, pe, ANCHORED)
    if not exact:
        return Anchor(0, 0, ORPHAN)
    norm = doc.search_text
    quote = normalise_for_search(exact)
    prefix = normalise_for_search(_text_field(qsel, "prefix"))
    suffix = normalise_for_search(_text_field(qsel, "suffix"))

    # 1. Exact matches, ranked by context and nearness to the old position.
    found = []
    i = norm.find(quote)
    while i != -1 and len(found) < _MAX_EXACT:
        found.append(i)
        i = norm.find(quote, i + 1)
    if found:
        if len(found) == 1:
            s = found[0]
        else:
            s = max(found, key=lambda s: _score(norm, s, s + len(quote), 0, quote, prefix, suffix, hint))
        return Anchor(s, s + len(quote), ANCHORED)

    # 2. Approximate matches: near the old position first, then the whole text if small.
    max_errors = max(1, min(64, len(quote) // 4))
    centre = hint if hint is not None else len(norm) // 2
    reach = 4 * len(quote) + 2000
    lo, hi = max(0, centre - reach), min(len(norm), centre + reach)
    cands = _approximate(norm, quote, max_errors, lo, hi)
    if not cands and (lo > 0 or hi < len(norm)) and len(norm) <= _FULL_SCAN_LIMIT:
        cands = _approximate(norm, quote, max_errors, 0, len(norm))
    if not cands:
        return Anchor(0, 0, ORPHAN)
    best = max(cands, key=lambda c: _score(norm, c[0], c[1], c[2], quote, prefix, suffix, hint))
    s, e, err = best
    s, e = _snap_to_words(norm, quote, s, e)
    # Demand context agreement as well as a close quote, so an annotation is never moved
    # silently onto text that merely resembles it.
    if _score(norm, s, e, err, quote, prefix, suffix, hint) < 0.75:
        return Anchor(0, 0, ORPHAN)
    return Anchor(s, e, REANCHORED)
