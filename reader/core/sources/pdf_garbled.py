"""A page whose text layer is glyph codes, not letters: it has no usable text.

A PDF whose fonts carry no Unicode map (nor standard glyph names) gives PDFium only the
glyphs' codes, which it hands out as characters: the fonts of a typeset paper number their
glyphs from 1 in the order they are first used, so its pages read as C0 control characters
with some punctuation in between ("\\x04\\x05\\x06\\x04\\x07", "!\\" #  !\\"$"). The working
paper TAMReview.pdf read so on 21 of its 23 pages: about 600 paragraphs of codes, without
a word of warning.

A page is garbled when at least 30% of its characters (spaces and PDFium's line breaks and
hyphen marks aside), and 20 of them at least, are control characters (C0 or C1). On that
paper's garbled pages they are 64% to 93%; on 120 other PDFs read (papers, books, court
filings, tax forms and tables, Arabic, Hebrew, Russian, Japanese) never more than 5%, and
that was one control character on a page of 19 characters. Such a page is left out and
named, as a scanned page is; a PDF with no page of usable text is refused.
"""

from __future__ import annotations

import re

SHARE, LEAST = 0.3, 20
_NOT_COUNTED = " \r\n\ufffe\x02"  # spaces, PDFium's line breaks and hyphen marks
_CONTROL = re.compile(r"[\x00\x01\x03-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # (not \x02, \r, \n)


def garbled(text: str) -> bool:
    """Whether a page's text as PDFium gives it is glyph codes rather than letters."""
    controls = len(_CONTROL.findall(text))
    if controls < LEAST:
        return False
    counted = len(text) - sum(text.count(ch) for ch in _NOT_COUNTED)
    return controls >= SHARE * counted
