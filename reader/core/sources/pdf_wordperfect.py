"""WordPerfect's bullets, which PDFium reads as "!": "! Title I, the WIPO …" where the page shows "● Title I".

WordPerfect sets its bullets in a font of its own, WP TypographicSymbols, whose codes are
the places of its "typographic symbols" character set (set 4) counted from 0x21: 0x21 is
4,0, the bullet. PDFs written from WordPerfect (the U.S. Copyright Office's DMCA summary of
1998 among them) give that font no Unicode map, so PDFium hands out the bare codes: each
bullet reads "!", a sentence of its own, and the items of a list run into one paragraph.

Here the set's bullets and boxes, in that font only, read as what they show: the round ones
as "•" and "◦", the square ones as "▪" (the marks the rest of the reader knows as bullets,
each starting its item), the hollow circle and boxes as "○", "□", "▫". (0x24, the small
bullet, only before a space: a font with a Unicode map, which gives the bullets right,
gives this set's dollar sign as "$".) The set's other signs (quotation marks, dashes,
fractions) are left as they come.
"""

from __future__ import annotations

import ctypes
import re

# code in the font -> what it shows (WordPerfect character set 4: 4,0-4,3, 4,37-4,38, 4,44-4,49)
_SHAPES = {
    "!": "\u2022", '"': "\u25e6", "#": "\u25aa", "$": "\u2022",  # bullet, hollow, square, small bullet
    "F": "\u25cb", "G": "\u25a1",  # large hollow circle, hollow square
    "M": "\u2022", "N": "\u25e6", "O": "\u25aa", "P": "\u25aa", "Q": "\u25a1", "R": "\u25ab",
}
# (a letter only standing alone: not a capital of a word, so the fonts of few characters are asked for)
_CODES = re.compile(r"[!\"#]|\$(?=\s)|(?<![^\W\d_])[FGMNOPQR](?![^\W\d_])")
_FONT = "wptypographicsymbols"


def wordperfect_symbols(raw, text: str) -> dict[int, str]:  # type: ignore[no-untyped-def]
    """Index -> what it shows, for each character of the page's text set in WP
    TypographicSymbols that is one of the set's bullets or boxes."""
    import pypdfium2.raw as pdfium_c

    out: dict[int, str] = {}
    name = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    for m in _CODES.finditer(text):
        j = m.start()
        if not pdfium_c.FPDFText_GetFontInfo(raw, j, name, len(name), ctypes.byref(flags)):
            continue
        font = name.value.decode("latin-1").split("+", 1)[-1].replace(" ", "").casefold()
        if font.startswith(_FONT):
            out[j] = _SHAPES[text[j]]
    return out
