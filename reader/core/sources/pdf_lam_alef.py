"""Arabic lam-alef ligatures that PDFium reads backwards: "اإلنتاجية" where the page says "الإنتاجية".

Arabic never writes lam (ل) and then alef (ا, أ, إ, آ) as two letters: a font joins them into
one glyph, "لا". A PDF made by Word gives that glyph two characters in its text layer, and
PDFium hands them out in the order alef, lam: "المشكالت" for "المشكلات", "األدوات" for
"الأدوات". Every word with the ligature is then misspelt (a trial found 19 of 19 in an
article), and neither search nor a quoted passage finds it.

The two characters of one glyph share everything PDFium knows of their place: the same box
and the same origin, to the hundredth of a point. Two glyphs never do: an alef typed before a
lam ("ال" of the article, separate letters in every font) has a box of its own, to the right
of the lam's. So an alef followed by a lam in the very same box is one lam-alef glyph, and
its letters are put back in the order the word is spelt; nothing else changes.
"""

from __future__ import annotations

import ctypes
import re

_ALEF_LAM = re.compile("[\u0627\u0623\u0625\u0622]\u0644")  # alef (bare, hamza above, below, madda) then lam
_LAM = "\u0644"
_SAME = 0.01  # points: what PDFium gives one glyph's characters differs by nothing


def lam_alef(raw, text: str) -> dict[int, str]:  # type: ignore[no-untyped-def]
    """Index -> the letter that belongs there, for each alef and lam of the page's text that
    PDFium gave backwards from one lam-alef glyph."""
    import pypdfium2.raw as pdfium_c

    out: dict[int, str] = {}
    if _LAM not in text:
        return out  # (nearly every page of nearly every PDF: no Arabic)
    for m in _ALEF_LAM.finditer(text):
        j = m.start()
        if _one_glyph(pdfium_c, raw, j, j + 1):
            out[j], out[j + 1] = _LAM, text[j]
    return out


def _one_glyph(pdfium_c, raw, a: int, b: int) -> bool:  # type: ignore[no-untyped-def]
    """Whether characters a and b have the same box and origin (and a box at all)."""
    boxes = [tuple(ctypes.c_double() for _ in range(4)) for _ in (a, b)]
    origins = [(ctypes.c_double(), ctypes.c_double()) for _ in (a, b)]
    for k, j in enumerate((a, b)):
        if pdfium_c.FPDFText_IsGenerated(raw, j) or not pdfium_c.FPDFText_GetCharBox(raw, j, *boxes[k]) \
                or not pdfium_c.FPDFText_GetCharOrigin(raw, j, *origins[k]):
            return False
    left, right, bottom, top = (v.value for v in boxes[0])
    if right - left <= 0 or top - bottom <= 0:
        return False
    values = [(*(v.value for v in boxes[k]), *(v.value for v in origins[k])) for k in (0, 1)]
    return all(abs(x - y) <= _SAME for x, y in zip(*values, strict=True))
