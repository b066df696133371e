"""Units: the sentences of a document, with their words, and which of them are no passage at all.

A unit is one sentence as ``Document`` segments it. Some units are not passages anyone would
link: captions, promotional lines, a footer both articles end with, and fragments left by the
segmenter (a citation's "Ct. Rep. 427." or a list number "3."). Those are ``boilerplate``:
never suggested, never offered as an answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reader.core.text.document import Document, normalise_for_search
from reader.core.text.segmenter import CAPTION, HEADING, TITLE

from reader.core.suggest.words import TOKEN, normal

# Quotation marks; not an apostrophe ("Week\u2019s", "don't").
_QUOTE = re.compile("[\"\u201c\u201d\u2018\u00ab\u00bb]|(?:^|[\\s(\\[])'")
_PROMO = re.compile(
    r"\b(subscribe|subscription|donate|sign up|newsletter|copyright|all rights reserved|follow us|"
    r"click here|support \w+'?s? journalism|our journalism|advertis\w*)\b|\u00a9", re.I)


@dataclass(eq=False)
class Unit:
    doc: Document
    index: int
    start: int
    end: int
    para: int
    text: str
    words: list[str]                 # content words, normalised (stems, numbers in figures)
    toks: list[str] = field(default_factory=list, repr=False)  # every token, lower-cased
    boilerplate: bool = False
    kind: str = "body"               # the paragraph's kind: title, heading, caption, body...
    quoted: bool = False             # holds quotation marks
    borrowed: list = field(default_factory=list, repr=False)  # words of the passage it points back to

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end


_WORDISH = re.compile(r"[^\W_]+")
_ROMAN = re.compile(r"^[ivxlcdm]+$")
# Words of a legal citation, not of a sentence ("42 L. ed. 780, 18 Sup. Ct. Rep. 383").
_CITATION_WORDS = frozenset("v vs ed ct sup rep p pp id ibid supra infra cf seq et al n no s u".split())


def is_fragment(text: str) -> bool:
    """A segmenter's leftover rather than a sentence: a citation piece ("Ct. Rep. 427."), a list
    number, a signature or a date line: no lower-case word, or more figures than words."""
    lower = numbers = 0
    for w in _WORDISH.findall(text):
        if w.isdigit():
            numbers += 1
        elif w.islower() and w not in _CITATION_WORDS and not _ROMAN.match(w):
            lower += 1
    if lower == 0 or numbers >= 2 * lower:
        return True
    return bool(re.search(r"\sv\.\s*$", text))  # a case name cut in two: "Holden v."


_NEG_PREFIX = re.compile(r"^(?:un|non|in|im|il|ir|dis)(?=[a-z]{5})")


def root(word: str) -> str | None:
    """A word's rough root: its first five letters, a negating prefix taken off ("unhealthy",
    "healthful" and "health" share "healt"), or None when that is the stem itself."""
    if word.startswith("#") or len(word) < 6:
        return None
    r = "~" + _NEG_PREFIX.sub("", word)[:5]
    return r if r[1:] != word else None


ROOTS = False  # measured: see bench/quality.py --ablate


def units_of(doc: Document) -> list[Unit]:
    out: list[Unit] = []
    for p, _i, (s, e) in doc.all_sentences():
        text = doc.text[s:e]
        toks = TOKEN.findall(normalise_for_search(text).lower())
        words = [n for n in map(normal, toks) if n is not None]
        if ROOTS:
            words += [r for r in map(root, words) if r]
        kind = doc.para_kinds[p]
        u = Unit(doc, len(out), s, e, p, text, words, toks, kind=kind, quoted=bool(_QUOTE.search(text)))
        if kind == CAPTION or _PROMO.search(text) or (kind != TITLE and is_fragment(text)):
            u.boilerplate = True
        out.append(u)
    return out


def mark_shared_footer(left: list[Unit], right: list[Unit]) -> None:
    """Paragraphs both articles end with, word for word and unquoted: a publisher's footer."""
    def near_end(u: Unit, units: list[Unit]) -> bool:
        return u.para >= u.doc.paragraph_count - 2 or u.index >= len(units) - 3

    def norm(u: Unit) -> str:
        return " ".join(u.toks)

    tail = {}
    for u in right:
        if near_end(u, right):
            tail.setdefault(norm(u), []).append(u)
    for u in left:
        if near_end(u, left) and not u.quoted and norm(u) in tail:
            u.boilerplate = True
            for v in tail[norm(u)]:
                v.boilerplate = True


def is_heading(u: Unit) -> bool:
    return u.kind in (TITLE, HEADING)
