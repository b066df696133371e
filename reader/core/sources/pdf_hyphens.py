"""Whether a hyphen PDFium took off at a line end belongs to the word, in a PDF.

PDFium marks every line that ends in a hyphen (U+FFFE) and takes the hyphen off, whether
it broke a word into syllables ("com-" | "pile") or was the word's own ("stop-the-" |
"world"). ``hyphens.keeps_hyphen`` tells them apart by the document's own words; a PDF
gives two more signs, read first:

- a word that already holds a hyphen on either side of the break, where the two halves
  are words the document writes elsewhere (not only as halves of a broken word), is a
  compound broken at one of its hyphens: "stop-the-" | "world", "interpreter-" |
  "to-trace", "out-of-" | "state". The TraceMonkey paper read "stop-theworld" and
  "interpreterto-trace". A syllable break inside a compound stays one: "cross-refer-" |
  "ence" is "cross-reference", "Martinez-Vil-" | "lareal" "Martinez-Villareal";
- a capitalised second half keeps the hyphen ("Anglo-" | "Saxon") unless the document
  writes the two halves as one word elsewhere and never with a hyphen: "Trace-" | "Monkey"
  is "TraceMonkey", as the paper writes it 41 times (it read "Trace-Monkey" 4 times).

(Two plain words joined at a hyphen no other line shows, "mixed-" | "mode", cannot be told
from a closed compound broken by the typesetter, "over-" | "come", by the words alone:
those are left to ``keeps_hyphen``, which joins them.)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Protocol

from reader.core.text.hyphens import halves, keeps_hyphen, wanted_words

_LAST_TOKEN = re.compile(r"(\S+)$")
_FIRST_TOKEN = re.compile(r"\S+")
_INNER_HYPHEN = re.compile(r"[^\W\d_]-[^\W\d_]")
_LETTERS = re.compile(r"[^\W\d_]+")


class _Line(Protocol):
    text: str
    hyphen: bool


def plain_words(paras: Iterable[Sequence[_Line]]) -> frozenset[str]:
    """The words (runs of letters, lowercased) the document writes, leaving out the two
    halves of each word broken at a line end: "presump-" | "tion" gives neither "presump"
    nor "tion"."""
    kept: list[str] = []
    for para in paras:
        broken = False
        for ln in para:
            text = ln.text
            if broken:
                text = text.lstrip().partition(" ")[2]
            broken = ln.hyphen or ln.text.endswith("-")
            if broken:
                text = text.rstrip().rpartition(" ")[0]
            kept.append(text)
    return frozenset(_LETTERS.findall("\n".join(kept).lower()))


def keeps(before: str, after: str, words: frozenset[str], plain: frozenset[str]) -> bool:
    """Whether the hyphen between before (the text up to the break) and after (the next
    line) belongs to the word; words: the document's (``hyphens.vocabulary``), plain: its
    words outside broken ones (``plain_words``)."""
    if not before or not after:
        return False
    a, b = halves(before, after)
    if a and b:
        last = _LAST_TOKEN.search(before)
        first = _FIRST_TOKEN.match(after)
        inner = bool(last and _INNER_HYPHEN.search(last.group(1))) or bool(first and _INNER_HYPHEN.search(first.group(0)))
        if inner and a in plain and b in plain:
            return True
        hyphenated, whole = wanted_words(a, b)
        if after[0].isupper() and not before[-1].isdigit() and whole in words and hyphenated not in words:
            return False  # "Trace-" | "Monkey": written whole elsewhere
    return keeps_hyphen(before, after, words)
