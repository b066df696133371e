"""A ``<pre>`` that holds prose, read as paragraphs: an Internet-Draft, an RFC, a letter.

Some pages set a whole text in ``<pre>``: the IETF's drafts and RFCs (one ``<pre>`` per printed
page), a plain-text letter or notice posted as it was typed. Read as code, such a page was
one paragraph and one "sentence" per printed page (an Internet-Draft of 43,753 characters
came out as 23), with the pages' running heads and feet ("de Jong … [Page 3]",
"Internet-Draft   remoteStorage   December 2014") inside the text.

``is_prose`` tells such a ``<pre>`` from code by measuring its lines (see there); a
``<pre>`` of code stays code. ``prose_parts`` then drops the page furniture, goes on with a
paragraph over a page break when its sentence does, mends the words broken at line ends
(``print_breaks``), and splits the text at its blank lines:

- a paragraph of prose is one paragraph, its lines joined (soft-wrapped: its sentences are
  found, and it is reflowed to the pane); an item marked ``*``, ``o`` or ``-`` is a list
  item;
- a line of its own set further out than the prose ("Abstract", "4.  Requests") is a heading;
- a paragraph made of its lines (an address; ``kept_lines.keeps_lines``) keeps them;
- anything else (a table of contents, a figure, a request or a listing set among the
  prose) is code, its lines as they were.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise

from reader.core.text.kept_lines import keeps_lines
from reader.core.text.print_breaks import join_broken_words
from reader.core.text.segmenter import BODY, CODE, HEADING, LIST_ITEM

MIN_LINES = 3  # fewer is a snippet: left as code
WORDY_SHARE = 0.5  # at least this share of the lines are lines of words
RUN_ON_SHARE = 0.15  # and this share of them go on with a sentence the line before left open
INDENT_CHANGES = 0.05  # at most this share of a paragraph's lines of words change the indent

# A word as prose writes it: letters, perhaps inside quotes or brackets, perhaps with a stop.
_WORD = re.compile(r"[(\[\"'\u201c\u2018]*[^\W\d_](?:[^\W\d_]|['\u2019.-](?=[^\W\d_]))*[.,;:!?\"'\u201d\u2019)\]]*")
_SYMBOLS = re.compile(r"[{}\[\]<>=;|\\#$@^~`*_+&%]")
_COLUMNS = re.compile(r"\S {4,}\S|\.{4,}|(?:\. ){3,}")  # a gap between columns; a contents' dot leaders
_SENTENCE_END = re.compile(r"[.!?:][\"'\u201d\u2019)\]]*$")
_OPENING = "\"'\u201c\u2018([<"
# An RFC's page foot: "de Jong                Expires 18 June 2015                [Page 3]".
_FOOT = re.compile(r"^\S.*\S[ \t]{2,}\[Page \d+\][ \t]*$")
_BULLET = re.compile(r"[*o\u2022-][ \t]+(?=\S)")
_SECTION_NUMBER = re.compile(r"(?:\d+|[A-Z])(?:\.\d+)*\.?(?=\s)")
HEADING_MAX = 72  # characters: a longer line alone is a sentence, not a heading


def _wordy(line: str) -> bool:
    """A line of words: three or more, most of them words as prose writes them, few symbols."""
    s = line.strip()
    tokens = s.split()
    if len(tokens) < 3 or _COLUMNS.search(s):
        return False
    words = sum(1 for t in tokens if _WORD.fullmatch(t))
    return words >= 0.7 * len(tokens) and len(_SYMBOLS.findall(s)) <= 0.1 * (len(s) - s.count(" "))


def _runs_on(line: str, following: str) -> bool:
    """Whether a sentence goes on from ``line`` (a line of words) to the next: one ends open,
    the next starts in lower case (verse starts its lines with capitals; code with anything
    but a word)."""
    first = following.strip().lstrip(_OPENING)[:1]
    return not _SENTENCE_END.search(line.rstrip()) and first.isalpha() and first.islower()


def drop_page_furniture(text: str) -> str:
    """``text`` without its printed pages' feet ("… [Page 3]") and running heads (a page's
    first line when several pages start with it), each page break left as a form feed."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    out: list[str] = []
    tops: list[int] = []  # indexes in out of each page's first line
    top = True
    for line in lines:
        for k, piece in enumerate(line.split("\f")):
            if k:
                out.append("\f")
                top = True
            if _FOOT.match(piece):
                out.append("\f")
                top = True
            elif top and piece.strip():
                tops.append(len(out))
                out.append(piece)
                top = False
            else:
                out.append(piece)
    seen = Counter(" ".join(out[i].split()) for i in tops)
    for i in tops:
        if seen[" ".join(out[i].split())] >= 2:
            out[i] = ""
    return "\n".join(out)


_PAGE_BREAK = re.compile(r"\n(?:[ \t]*\n)*[ \t]*\f(?:[ \t]*\n)*(?:[ \t]*\f(?:[ \t]*\n)*)*")


def _join_pages(text: str) -> str:
    """Each page break a paragraph break, or, inside a sentence, a line break: the sentence
    goes on when the text before the break ends none or the text after starts in lower case
    (as ``print_breaks.join_page_breaks`` does for a plain-text file, but keeping the next
    line's indent, which tells a reference's hanging lines and a listing's)."""
    def mend(m: re.Match[str]) -> str:
        before = text[max(0, m.start() - 8):m.start()].rstrip()
        after = text[m.end():].lstrip()[:1]
        if before and after and (not _SENTENCE_END.search(before) or after.islower()):
            return "\n"
        return "\n\n"

    return _PAGE_BREAK.sub(mend, text)


def is_prose(text: str) -> bool:
    """Whether a ``<pre>``'s text is prose rather than code, by measuring its lines.

    With the page furniture set aside, of its lines that are not blank (at least
    ``MIN_LINES``):

    - at least ``WORDY_SHARE`` must be lines of words: three words or more, 70% of them
      words as prose writes them, at most 10% of the characters symbols such as
      ``{ } < > = ; # $ * _``, no gap of columns nor a contents' dot leaders. Code fails
      this: its symbols and names are not words;
    - at least ``RUN_ON_SHARE`` must go on with a sentence the line before left open (it ends
      without a stop, and this one starts in lower case): the mark of wrapped prose. Verse
      fails this (its lines start with capitals), and so do a listing and a table;
    - at most ``INDENT_CHANGES`` of the lines of words that follow another inside a
      paragraph (not a list item's) may change the indent: paragraphs set apart by blank
      lines, as an RFC or a letter is typed. A book's passage whose paragraphs are marked by
      indenting their first lines, with a dialogue or a verse in among them, fails this,
      and stays as it was set (the Devil's Dictionary's epitaph "… who shared them." then
      "In the earth we here prepare a / Place to lay our little Clara.").

    An Internet-Draft: 59% lines of words, 36% running on, 1 change of indent in 186.
    """
    lines = drop_page_furniture(text).replace("\f", "\n").split("\n")
    full = [i for i, ln in enumerate(lines) if ln.strip()]
    if len(full) < MIN_LINES:
        return False
    wordy = [_wordy(ln) for ln in lines]
    run_on = sum(1 for i, j in pairwise(full) if wordy[i] and _runs_on(lines[i], lines[j]))
    if sum(wordy) < WORDY_SHARE * len(full) or run_on < max(2, RUN_ON_SHARE * len(full)):
        return False
    inside = [i for i in range(1, len(lines) - 1) if lines[i - 1].strip() and wordy[i] and wordy[i + 1]
              and not _BULLET.match(lines[i].strip()) and not _BULLET.match(lines[i + 1].strip())]
    return sum(1 for i in inside if _indent(lines[i]) != _indent(lines[i + 1])) <= INDENT_CHANGES * len(inside)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _items(block: list[str]) -> list[list[str]]:
    """A block cut before each line that starts an item ("*  GET a folder: …"); a block of
    code (a C comment's " * " lines) is left whole."""
    if not _plain(" ".join(" ".join(block).split())):
        return [block]
    out: list[list[str]] = []
    for line in block:
        if not out or _BULLET.match(line.strip()):
            out.append([line])
        else:
            out[-1].append(line)
    return out


def _plain(text: str) -> bool:
    """Text with few symbols and no columns (a list item, a reference), words or not."""
    return not _COLUMNS.search(text) and len(_SYMBOLS.findall(text)) <= 0.1 * (len(text) - text.count(" "))


def _all_words(text: str) -> bool:
    return all(_WORD.fullmatch(t) for t in text.split())


def _heading(line: str, body: int) -> str | None:
    """A line alone, set further out than the prose, short, in words, ending no sentence."""
    if _indent(line) >= body or len(line.strip()) > HEADING_MAX or _SENTENCE_END.search(line):
        return None
    text = " ".join(line.split())
    number = _SECTION_NUMBER.match(text)
    return text if _all_words(text[number.end():] if number else text) else None


def prose_parts(text: str) -> list[tuple[str, int, str]]:
    """A prose ``<pre>``'s (kind, level, text) paragraphs (see the module)."""
    text = join_broken_words(_join_pages(drop_page_furniture(text.expandtabs())))
    blocks = [[ln.rstrip() for ln in b.split("\n") if ln.strip()]
              for b in re.split(r"\n[ \t]*\n|\f", text)]
    blocks = [b for b in blocks if b]
    indents = Counter(_indent(ln) for b in blocks for ln in b if _wordy(ln))
    body = indents.most_common(1)[0][0] if indents else 0
    out: list[tuple[str, int, str]] = []
    for block in blocks:
        heading = _heading(block[0], body) if len(block) == 1 else None
        if heading is not None:
            number = _SECTION_NUMBER.match(heading)
            out.append((HEADING, min(6, 2 + number.group(0).rstrip(".").count(".") if number else 2), heading))
            continue
        for item in _items(block):
            joined = "\n".join(ln.strip() for ln in item)
            words = " ".join(joined.split())
            bullet = _BULLET.match(words)
            wordy = sum(1 for ln in item if _wordy(ln))
            # a reference's hanging indent: "[WORDS]" then its lines set further in
            hanging = len(item) > 1 and all(_indent(ln) > _indent(item[0]) for ln in item[1:])
            prose = 2 * wordy >= len(item) or _all_words(words) or (wordy > 0 and hanging and _plain(words))
            if bullet and _plain(words[bullet.end():]):
                out.append((LIST_ITEM, 1, "\u2022 " + words[bullet.end():]))
            elif prose:
                kept = not hanging and keeps_lines(joined, 0, len(joined))  # an address, not a reference
                out.append((BODY, 0, joined if kept else words))
            else:
                cut = min(_indent(ln) for ln in item)
                out.append((CODE, 0, "\n".join(ln[cut:] for ln in item)))
    return out
