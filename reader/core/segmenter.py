"""Splitting canonical text into paragraphs and sentences, as character offsets.

Paragraphs are runs of non-blank lines; a single newline inside a paragraph is a soft
wrap. Sentences are found per paragraph, on demand, so opening a 5 MB article costs one
regular-expression pass and nothing more.
"""

from __future__ import annotations

import re
from array import array

_PARAGRAPH = re.compile(r"(?m)^[ \t\u00a0\u3000]*(\S[^\n]*(?:\n[ \t\u00a0\u3000]*\S[^\n]*)*)")
_MD_HEADING = re.compile(r"#{1,6} ")
_CAPTION = re.compile(r"\((?:photo(?:graph)?(?: by)?:? |credit:? |image:? )?[A-Z][^()\n]{1,60}\)\s*$", re.I)

# Candidate sentence ends: terminal punctuation, closing quotes or brackets, then space.
_END = re.compile(r"(?:[.!?\u2026]+|[\u3002\uff01\uff1f]+)[\"'\u201d\u2019\u00bb)\]]*")
_OPENERS = "\"'\u201c\u2018\u00ab([\u00bf\u00a1"
_TOKEN_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_DOTTED = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]$")

ABBREVIATIONS = frozenset(
    """mr mrs ms mx dr prof sr jr st dept gen gov sen rep lt col sgt capt cmdr adm rev hon
    pres supt det insp inc co corp ltd bros assn univ vs no nos fig figs ft mt ave blvd rd
    jan feb apr jun jul aug sep sept oct nov dec approx est op cf al""".split()
)
# Words that start a new sentence after an abbreviation such as "U.S." or "p.m.".
SENTENCE_STARTERS = frozenset(
    """the a an he she it they we i you this that these those there but and so yet
    his her its their our my in on at after before when while if however meanwhile
    then still also""".split()
)

TITLE, SUBTITLE, CAPTION, HEADING, BODY = "title", "subtitle", "caption", "heading", "body"


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def split_paragraphs(text: str) -> tuple[array, array, list[str]]:
    """Return paragraph starts, ends and kinds (title, subtitle, caption, heading, body)."""
    starts, ends, kinds = array("q"), array("q"), []
    for m in _PARAGRAPH.finditer(text):
        s, e = m.span(1)
        e = _trim_end(text, s, e)
        starts.append(s)
        ends.append(e)
    if not starts:
        return starts, ends, kinds
    # The first line is always the title, even when no blank line follows it.
    first_nl = text.find("\n", starts[0], ends[0])
    if first_nl != -1:
        rest = first_nl + 1
        while rest < ends[0] and text[rest].isspace():
            rest += 1
        starts.insert(1, rest)
        ends.insert(1, ends[0])
        ends[0] = _trim_end(text, starts[0], first_nl)
    kinds = [BODY] * len(starts)
    for i in range(len(starts)):
        s, e = starts[i], ends[i]
        if _MD_HEADING.match(text, s) and text.find("\n", s, e) == -1:
            kinds[i] = HEADING
        elif e - s <= 300 and _CAPTION.search(text, s, e) and text[e - 1] == ")":
            kinds[i] = CAPTION
    kinds[0] = TITLE
    if len(kinds) > 2 and kinds[1] == BODY and ends[1] - starts[1] <= 400 and first_nl == -1:
        kinds[1] = SUBTITLE
    return starts, ends, kinds


def _is_boundary(text: str, start: int, m: re.Match, para_end: int) -> bool:
    after = m.end()
    if after >= para_end:
        return False  # the paragraph's end is a boundary anyway
    punct = text[m.start()]
    if punct in "\u3002\uff01\uff1f":
        return True
    if not text[after].isspace():
        return False
    j = after
    while j < para_end and text[j].isspace():
        j += 1
    while j < para_end and text[j] in _OPENERS:
        j += 1
    if j >= para_end:
        return False
    nxt = text[j]
    if nxt.islower():
        return False
    if punct != "." or text[m.start():m.end()].startswith(".."):
        return True
    tok = _TOKEN_BEFORE.search(text, max(start, m.start() - 24), m.start())
    if tok is None:
        return True
    word = tok.group(1)
    if word.lower() in ABBREVIATIONS:
        return False
    if len(word) == 1 and word.isupper():
        return False  # an initial: "Robert F. Kennedy"
    if _DOTTED.search(word):  # "U.S.", "p.m.": a boundary only before a sentence starter
        k = j
        while k < para_end and text[k].isalpha():
            k += 1
        return text[j:k].lower() in SENTENCE_STARTERS
    return True


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans of the paragraph text[start:end]."""
    spans = []
    s = start
    for m in _END.finditer(text, start, end):
        if m.end() <= s or not _is_boundary(text, start, m, end):
            continue
        e = m.end()
        spans.append((s, e))
        s = e
        while s < end and text[s].isspace():
            s += 1
    if s < end:
        spans.append((s, end))
    return spans
