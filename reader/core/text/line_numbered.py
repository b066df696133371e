"""A transcript printed on numbered lines (a hearing, a legislature's floor record, a court
reporter's or a deposition's transcript), as its plain-text copy keeps it.

Such a file numbers every printed line 1 to 25 (or 28) down each page, double-spaces them, and
puts the page's number alone on a line:

        4             SENATOR MURPHY:  Thank you, Mayor.

        5             [ Applause ]

        6             Thank you so much, Mayor, and thank you

        7      everybody for coming out here to tonight's hearing

Read as it is, each printed line was a paragraph with its number inside its text (2,982 of
3,437 paragraphs of a 143-page New York Senate hearing), and a sentence as the witness spoke it
could not be quoted. Here the numbers, the page numbers and the double spacing go, and the
lines are joined into paragraphs again: a line set further in than the text's usual margin
(a speaker's turn, "[ Applause ]", a centred heading) starts one; a line at the margin goes on
with the one before, across a page break too. The document's text is this rebuilt text;
annotations anchor to it.

A file is read so only when most of its lines carry a number and the numbers run on (each the
one before plus one, or a page's first).
"""

from __future__ import annotations

import re
from collections import Counter

_NUMBERED = re.compile(r"[ \t]{0,12}(\d{1,2})(?=[ \t]|$)[ \t]*")
_PAGE_NUMBER = re.compile(r"[ \t]{12,}\d{1,5}[ \t]*")
_MAX_LINE_NUMBER = 30
_MIN_NUMBERED = 40  # numbered lines, at least
_MIN_SHARE = 0.6  # of the lines with anything on them
_LOOK_FIRST = 300  # lines with words read before giving up on a text whose lines are not numbered
_MIN_RUNNING = 0.8  # of the numbered lines: the one before plus one, or 1


def _is_transcript(lines: list[str]) -> bool:
    filled = numbered = running = 0
    last = 0
    for line in lines:
        if not line.strip() or line.lstrip(" \t").startswith("\f") or _PAGE_NUMBER.fullmatch(line):
            continue
        filled += 1
        if filled == _LOOK_FIRST and numbered < _MIN_SHARE * filled:
            return False  # not numbered from its start: no transcript (0.11 s saved on a 5.6 MB play)
        m = _NUMBERED.match(line)
        if m is None or not 1 <= int(m.group(1)) <= _MAX_LINE_NUMBER:
            continue
        numbered += 1
        n = int(m.group(1))
        running += n == last + 1 or n == 1
        last = n
    return numbered >= _MIN_NUMBERED and numbered >= _MIN_SHARE * filled and running >= _MIN_RUNNING * numbered


def unnumbered(text: str) -> str | None:
    """The transcript's text without its line and page numbers, in paragraphs; None when the
    text is not printed on numbered lines."""
    lines = text.replace("\r\n", "\n").split("\n")
    if not _is_transcript(lines):
        return None
    rows: list[tuple[int, str]] = []  # (column the words start at, the words)
    for raw in lines:
        line = raw.replace("\f", "").expandtabs(8)
        if not line.strip() or _PAGE_NUMBER.fullmatch(line):
            continue
        m = _NUMBERED.match(line)
        if m is not None and 1 <= int(m.group(1)) <= _MAX_LINE_NUMBER:
            words = line[m.end():]
            if not words.strip():
                continue  # a numbered line left blank
            rows.append((m.end(), words.rstrip()))
        else:
            stripped = line.lstrip()
            rows.append((len(line) - len(stripped), stripped.rstrip()))
    if not rows:
        return None
    margin = Counter(col for col, _w in rows).most_common(1)[0][0]
    paragraphs: list[list[str]] = []
    for col, words in rows:
        if col > margin + 1 or not paragraphs:
            paragraphs.append([words])
        else:
            paragraphs[-1].append(words)
    return "\n\n".join(_joined(p) for p in paragraphs) + "\n"


def _joined(lines: list[str]) -> str:
    """A paragraph's printed lines as one line: their breaks are the page's, never the
    speaker's (kept, they read as verse: "County" | "Legislator Testa" were two sentences).
    A word broken with a hyphen keeps its line break, for ``print_breaks`` to mend."""
    out = lines[0]
    for line in lines[1:]:
        out += ("\n" if _BROKEN.search(out) else " ") + line
    return out


_BROKEN = re.compile(r"[^\W\d_]-$")
