"""Words broken with a hyphen at a line end: "govern-" + "ment", or "Anglo-" + "Saxon"?

Printed text breaks words at line ends; PDFs and plain-text copies of printed pages keep the
break. Whether the hyphen belongs to the word is read from the document's own words: a word
it writes whole elsewhere is joined whole ("ex-" + "cess" is "excess"), a compound it writes
with a hyphen elsewhere keeps it ("ex-" + "wife"), and so do names, numbers and the first
halves that make compounds rather than syllables ("self-", "well-").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Words that make compounds, not syllables: "self-" at a line end is "self-evident", kept.
COMPOUND_FIRST = frozenset((
    "self", "well", "ex", "all", "half", "cross", "long", "short", "full", "so", "twenty", "thirty", "forty",
    "fifty", "sixty", "seventy", "eighty", "ninety", "one", "two", "three", "four", "five", "non", "mid",
))
_LAST_WORD = re.compile(r"([^\W\d_]+)$")
_FIRST_WORD = re.compile(r"[^\W\d_]+")
_COMPOUND = re.compile(r"\b([^\W\d_]+)-([^\W\d_]+)\b")
_WORD = re.compile(r"(?<![-\w])[^\W\d_]{3,}(?![-\w])")


def vocabulary(texts: Iterable[str]) -> frozenset[str]:
    """The words written whole in texts, hyphenated ones ("long-term") and plain ones
    ("excess"), lowercased."""
    found: set[str] = set()
    for text in texts:
        if "-" in text:
            found.update(f"{a}-{b}".lower() for a, b in _COMPOUND.findall(text))
        found.update(w.lower() for w in _WORD.findall(text))
    return frozenset(found)


_FEW = 64  # wanted words past which gathering the whole vocabulary once is quicker


def halves(before: str, after: str) -> tuple[str, str]:
    """The lowercased letters before a line-end hyphen and after it: ("govern", "ment")."""
    m = _LAST_WORD.search(before)
    nxt = _FIRST_WORD.match(after)
    return (m.group(1).lower() if m else ""), (nxt.group(0).lower() if nxt is not None else "")


def wanted_words(first: str, second: str) -> tuple[str, str]:
    """What ``keeps_hyphen`` looks up in the vocabulary for these halves."""
    return f"{first}-{second}", first + second


def vocabulary_of(text: str, wanted: Iterable[str]) -> frozenset[str]:
    """Those of the wanted words (lowercased) that ``vocabulary([text])`` holds, each looked
    for alone when they are few: a 5.6 MB play with five broken words had its 11,908 words
    gathered to join them (0.7 s of every opening)."""
    wanted = {w for w in wanted if w}
    if len(wanted) > _FEW:
        return vocabulary([text]) & wanted
    lowered = text.lower()
    return frozenset(w for w in wanted if _written(lowered, w))


def _written(lowered: str, word: str) -> bool:
    """Whether word stands whole in lowered text, as ``_WORD`` or ``_COMPOUND`` find it: no
    letter, digit or hyphen against it (a hyphenated word no letter or digit)."""
    compound = "-" in word
    if not compound and len(word) < 3:
        return False
    i = lowered.find(word)
    while i != -1:
        before = lowered[i - 1] if i else " "
        after = lowered[i + len(word)] if i + len(word) < len(lowered) else " "
        if compound:
            whole = not (before.isalnum() or before in "_-") and not (after.isalnum() or after == "_")
        else:
            whole = not (before.isalnum() or before in "_-") and not (after.isalnum() or after in "_-")
        if whole:
            return True
        i = lowered.find(word, i + 1)
    return False


def keeps_hyphen(before: str, after: str, words: frozenset[str]) -> bool:
    """Whether a hyphen at a line end, between ``before`` and ``after``, belongs to the word
    ("Anglo-Saxon", "well-known", "1990-1995") rather than to the line break ("govern-ment",
    "ex-cess"); ``words`` is the document's ``vocabulary``."""
    if not after or not before:
        return False
    if after[0].isupper() or after[0].isdigit() or before[-1].isdigit():
        return True
    m = _LAST_WORD.search(before)
    first, second = halves(before, after)
    hyphenated, whole = wanted_words(first, second)
    if hyphenated in words:
        return True
    if whole in words:
        return False  # written whole elsewhere: "excess", "shortages"
    if m is not None and m.group(1)[:1].isupper() and len(first) >= 3 and len(second) >= 6 and second.endswith("ing"):
        return True  # a name and a participle: "Sabbath-breaking", "God-fearing", "English-speaking"
    return first in COMPOUND_FIRST
