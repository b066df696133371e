"""What a printed page leaves in a plain-text copy of it: page breaks inside sentences, and
words broken with a hyphen at a line end.

Court opinions served as plain text (CourtListener's, for one) keep both. The printed page's
break is a form feed between blank lines, wherever the page ended: "once a party's
contractual entitlement\\n\\n\\n\\f\\nto attorney's fees". Read as it is, that is a paragraph
break in the middle of a sentence, so the sentence was two. And "Interna-\\ntional" showed as
"Interna- tional", which no search for "International" found (73 words in one 31 KB opinion).

- A page break where the text before it ends no sentence, or where the text after it goes
  on in lower case, is read as a line break: the paragraph goes on. A page break after a
  sentence's end is left as it is (a new paragraph may start there; the file does not say).
- A word broken at a line end inside a paragraph is joined (the line break moves to after
  it), keeping its hyphen only when it belongs to the word (``hyphens.keeps_hyphen``: "Anglo-Saxon", "fact-finder" when the
  document writes it so elsewhere).

The document's text is the file's text with these breaks mended; annotations anchor to it.
"""

from __future__ import annotations

import re

from reader.core.text.hyphens import halves, keeps_hyphen, vocabulary_of, wanted_words

# A run of white space holding at least one form feed.
_PAGE_BREAK = re.compile(r"[^\S\f]*\f\s*")
# What ends a sentence, with the quotes and brackets that may close after it.
_ENDS = re.compile(r"[.!?:;\u2026][\"'\u201d\u2019)\]]*$")
# A letter or digit, a hyphen, the line's end (spaces before it allowed), and a letter or digit
# on the next line after its indent: "Interna-\n     tional", "at 5-\n6". Not "--" (a dash) and
# not " -" (a spaced one).
_BROKEN_WORD = re.compile(r"-(?<=[^\W_]-)[ \t]*\r?\n[ \t]*(?=[^\W_])")  # "5-\n6" too: a range


def mend_print_breaks(text: str) -> str:
    """text with its page breaks inside sentences and its words broken at line ends mended."""
    return join_broken_words(join_page_breaks(text))


def join_page_breaks(text: str) -> str:
    """text with each page break inside a sentence turned into one line break."""
    if "\f" not in text:
        return text
    out: list[str] = []
    last = 0
    for m in _PAGE_BREAK.finditer(text):
        before = text[max(0, m.start() - 8):m.start()]
        after = text[m.end():m.end() + 1]
        if not before or not after:
            continue  # at the start or end of the file: nothing to join
        if _ENDS.search(before) and not after.islower():
            continue
        out.append(text[last:m.start()])
        out.append("\n")
        last = m.end()
    out.append(text[last:])
    return "".join(out)


def join_broken_words(text: str) -> str:
    """text with each word broken with a hyphen at a line end written whole (or with its
    hyphen, when the hyphen is the word's)."""
    if "-" not in text or _BROKEN_WORD.search(text) is None:
        return text
    breaks = list(_BROKEN_WORD.finditer(text))
    words = vocabulary_of(text, (w for m in breaks for w in wanted_words(
        *halves(text[max(0, m.start() - 40):m.start()], text[m.end():m.end() + 40]))))
    out: list[str] = []
    last = 0
    for m in breaks:
        if m.start() < last:
            continue  # inside the word just joined
        before = text[max(0, m.start() - 40):m.start()]
        after = text[m.end():m.end() + 40]
        out.append(text[last:m.start()])
        out.append("-" if keeps_hyphen(before, after, words) else "")
        # The line break moves to after the word made whole, so lines keep their lengths: a
        # line twice as long as the others made its neighbours read as hard breaks.
        k = m.end()
        while k < len(text) and not text[k].isspace():
            k += 1
        out.append(text[m.end():k])
        if k < len(text) and text[k] in " \t":
            out.append("\n")
            k += 1
        last = k
    out.append(text[last:])
    return "".join(out)
