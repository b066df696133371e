"""Which paragraphs of a plain text keep their line breaks on screen.

In plain text a newline inside a paragraph is usually a soft wrap: prose typed or printed
at some width, to be reflowed at the pane's. But verse, a speech in a play, an address, a
table set with spaces are made of their lines: reflowed, "And all at once, and over all /
The pitying rain began to fall;" read "over all   The pitying rain", with the next line's
indent as a hole in the middle of a row.

A paragraph keeps its lines when they are plainly not wrapped prose:
- every line starts with a capital (or a quotation mark, a bracket before one), as verse and
  drama do, and there are three lines or more, or two short ones; lines longer than
  ``SHORT`` must also differ in length, or most end in punctuation (text in capitals,
  wrapped, fills its lines alike and ends them anywhere);
- or its lines are short and ragged: no line is longer than ``SHORT`` characters and most
  end well before the longest (an address, verse without capitals, a table);
- or every line is an e-mail's quoted line, starting with ">".
Wrapped prose fills its lines to about one width, and its lines start with any letter.
"""

from __future__ import annotations

import re

SHORT = 60
_MARGIN_NUMBER = re.compile(r"\s{4,}\d{1,4}$")
_OPENERS = "\"'\u201c\u2018\u00ab([{\u00bf\u00a1_*-\u2013\u2014"
_LINE_END = ".,;:!?-\u2013\u2014\"'\u201d\u2019)"


def keeps_lines(text: str, start: int, end: int) -> bool:
    """Whether the paragraph text[start:end] is made of its lines (see the module)."""
    if text.find("\n", start, end) == -1:
        return False
    # a play's line numbers in the right margin ("…the territories,            10") are not the line
    bodies = [_MARGIN_NUMBER.sub("", b) if b[-1].isdigit() else b
              for b in (ln.strip() for ln in text[start:end].split("\n")) if b]
    if len(bodies) < 2:
        return False
    # one pass over the lines (a 5.6 MB play has 36,000 paragraphs, read before its first paint)
    longest, quoted, capitals, upper = 0, True, True, False
    for b in bodies:
        if len(b) > longest:
            longest = len(b)
        if quoted and b[0] != ">":
            quoted = False
        if capitals:
            f = b.lstrip(_OPENERS)[:1]
            if f.isupper():
                upper = True
            elif not f.isdigit():
                capitals = False
    if quoted:
        return True  # an e-mail's quoted lines: reflowed, their ">" marks would run inline
    capitals = capitals and upper
    if capitals and (len(bodies) >= 3 or longest <= SHORT) and (
            longest <= SHORT or any(len(b) < 0.8 * longest for b in bodies[:-1])
            or sum(1 for b in bodies[:-1] if b[-1] in _LINE_END) * 2 >= len(bodies) - 1):
        return True
    if longest > SHORT:
        return False
    ragged = sum(1 for b in bodies[:-1] if len(b) < 0.75 * longest)
    return ragged * 2 >= len(bodies) - 1
