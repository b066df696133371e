"""Units: the sentences of a document, with their words, and which of them are no passage at all.

A unit is one sentence as ``Document`` segments it. Some units are not passages anyone would
link: captions, promotional lines, a footer both articles end with, the address a letter
opens with ("To the People of the State of New York:"), and fragments left by the segmenter
(a citation's "Ct. Rep. 427." or a list number "3."). Those are ``boilerplate``: never
suggested, never offered as an answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reader.core.suggest.words import TOKEN, normal
from reader.core.text.document import Document, normalise_for_search
from reader.core.text.segmenter import CAPTION, HEADING, TITLE

# Quotation marks; not an apostrophe ("Week\u2019s", "don't").
_QUOTE = re.compile("[\"\u201c\u201d\u2018\u00ab\u00bb]|(?:^|[\\s(\\[])'")
_PROMO = re.compile(
    r"\b(subscribe|subscription|donate|sign up|newsletter|copyright|all rights reserved|follow us|"
    r"click here|support \w+'?s? journalism|our journalism|advertis\w*)\b|\u00a9", re.I)


@dataclass(eq=False, slots=True)
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

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end


_WORDISH = re.compile(r"[^\W_]+")
_ROMAN = re.compile(r"^[ivxlcdm]+$")
# Words of a legal citation, not of a sentence ("42 L. ed. 780, 18 Sup. Ct. Rep. 383").
_PLAIN = re.compile(r"\b(?!(?:supra|infra|ibid|ante|supp)\b)[a-z]{3,}\b")
_DIGIT = re.compile(r"\d")
_CASE_CUT = re.compile(r"\sv\.\s*$")
_CITATION_WORDS = frozenset([
    "v", "vs", "ed", "ct", "sup", "rep", "p", "pp", "id", "ibid", "supra", "infra", "cf", "seq", "et", "al", "n",
    "no", "s", "u",
])


def is_fragment(text: str) -> bool:
    """A segmenter's leftover rather than a sentence: a citation piece ("Ct. Rep. 427."), a list
    number, a signature or a date line: no lower-case word, or more figures than words."""
    if _PLAIN.search(text) and not _DIGIT.search(text) and not _CASE_CUT.search(text):
        return False  # the common case, decided by three quick searches
    lower = numbers = 0
    for w in _WORDISH.findall(text):
        if w.isdigit():
            numbers += 1
        elif w.islower() and w not in _CITATION_WORDS and not _ROMAN.match(w):
            lower += 1
    if lower == 0 or numbers >= 2 * lower:
        return True
    return bool(_CASE_CUT.search(text))  # a case name cut in two: "Holden v."


def content_of(toks: list[str]) -> list[str]:
    """The content words of a list of tokens, normalised (stopwords dropped)."""
    return [n for n in map(normal, toks) if n is not None]


_LIST_NUMBER = re.compile(r"\W{0,2}\d{1,2}[.)]\s")  # "2. ", "(3) ", "\u201c4. "


def units_of(doc: Document) -> list[Unit]:
    out: list[Unit] = []
    text = doc.text
    # One normalisation of the whole text; tokens are then read in place, sentence by sentence
    # (lower() can change a text's length for a few characters: then sentence by sentence).
    low = normalise_for_search(text).lower()
    whole = len(low) == len(text)
    findall = TOKEN.findall
    promo = [m.start() for m in _PROMO.finditer(text)]
    pi = 0
    kinds = doc.para_kinds
    for p, _i, (s, e) in doc.all_sentences():
        t = text[s:e]
        toks = findall(low, s, e) if whole else findall(normalise_for_search(t).lower())
        kind = kinds[p]
        # A list's number is no word of the passage: "2. Marriage is a civil contract" shared
        # only "2" with "Nehemiah the Tirshatha, No. 2" and was suggested as its rebuttal.
        words = content_of(toks[1:] if toks and _LIST_NUMBER.match(t) and toks[0].isdigit() else toks)
        u = Unit(doc, len(out), s, e, p, t, words, toks, kind=kind, quoted=bool(_QUOTE.search(t)))
        while pi < len(promo) and promo[pi] < s:
            pi += 1
        if kind == CAPTION or (pi < len(promo) and promo[pi] < e) or (kind != TITLE and is_fragment(t)):
            u.boilerplate = True
        out.append(u)
    for u in out[:12]:
        if u.para < 5 and _SALUTATION.match(u.text) and len(u.toks) <= 14 and _alone(doc, u):
            u.boilerplate = True
    return out


# The address a letter or a paper opens with: "To the People of the State of New York:",
# "Dear Mayor Wilson,", "Fellow-Citizens:". Every paper of the Federalist and its answers opens
# with one, and a new user's trial found it the top suggestion ("To the Citizens of the State
# of New-York." repeats "To the People of the State of New York:").
_SALUTATION = re.compile(
    r"\W*(?:To\s+(?:the|my|all|our)\s+[A-Z][^.!?]*[:,.!]|"  # "To the People of …:", "To the Citizens …."
    r"(?i:dear\s|my\s+dear\s|(?:my\s+)?fellow[- ]?(?:citizens|countrymen)\b|(?:ladies\s+and\s+)?gentlemen\b|"
    r"sirs?\b|madam\b|(?:my\s+)?countrymen\b|friends\b)[^.!?]*[:,])\W*$")  # "Dear Mayor Wilson,", "Sir:"


def _alone(doc: Document, u: Unit) -> bool:
    """Whether the unit is a paragraph of its own."""
    return doc.para_starts[u.para] == u.start and doc.para_ends[u.para] <= u.end


def mark_shared_footer(left: list[Unit], right: list[Unit]) -> None:
    """Paragraphs both articles end with, word for word and unquoted: a publisher's footer."""
    def near_end(u: Unit, units: list[Unit]) -> bool:
        return u.para >= u.doc.paragraph_count - 2 or u.index >= len(units) - 3

    def norm(u: Unit) -> str:
        return " ".join(u.toks)

    tail: dict[str, list[Unit]] = {}
    for u in reversed(right):
        if not near_end(u, right):
            break
        tail.setdefault(norm(u), []).append(u)
    for u in reversed(left):
        if not near_end(u, left):
            break
        if not u.quoted and norm(u) in tail:
            u.boilerplate = True
            for v in tail[norm(u)]:
                v.boilerplate = True


def is_heading(u: Unit) -> bool:
    return u.kind in (TITLE, HEADING)
