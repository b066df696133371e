"""Pages written right to left (Arabic, Hebrew), whose lines start at the right margin.

Paragraphs are rebuilt from where lines start and end (``pdf.paragraphs``): a line starting
further in than the one before is indented, one further out goes back to the margin, and a
line that ends short of the right margin with a full stop ends its paragraph. On a page of
Arabic all of that is the other way round: every line starts at the right margin and ends
somewhere on the left, a little further in or out from one line to the next. Read as
left-to-right, those ragged left ends were indents: an Arabic article's 4 paragraphs came
out as 7, three of them broken in the middle of a sentence ("…المحللين والعلماء" | "إجراء
تحليلات…").

A page is read right to left when most of its letters are of a right-to-left script; then
its lines are looked at as in a mirror (``pdf.mirrored``), and every rule about margins and
indents holds as it is. A page of English quoting a line of Arabic is still read left to right.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_LETTER = re.compile(r"[^\W\d_]")
# a letter of Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic, Arabic Extended, or
# their presentation forms
_RTL = re.compile(r"(?=[^\W\d_])[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


def right_to_left(texts: Iterable[str]) -> bool:
    """Whether most of the letters of these lines (one page's) are of a right-to-left script."""
    text = "".join(texts)
    rtl = len(_RTL.findall(text))
    return rtl > 0 and 2 * rtl > len(_LETTER.findall(text))


def rtl_letter(ch: str) -> bool:
    """Whether a character is a letter of a right-to-left script (its line runs leftwards)."""
    return _RTL.match(ch) is not None


def right_to_left_somewhere(text: str) -> bool:
    """Whether a text holds any letter of a right-to-left script."""
    return _RTL.search(text) is not None
