"""Ligatures a PDF's font maps to a lone "f": "fled" where the page says "filed".

Some PDFs (the U.S. Reports' preliminary prints among them) set "fi" and "fl" as one
glyph whose Unicode mapping gives only "f". PDFium then reads "fnal", "offcial" and
"confict", and a search for "filed" finds nothing. The glyph is still as wide as the two
letters it stands for: about 0.55 of the font size where a plain "f" is about 0.33. So an
"f" much wider than the same font's other "f"s is such a glyph, and the letter it lost is
told by the letters after it ("fl" before a vowel other than e and i-less spellings such
as "flect", "flex"; "fi" otherwise, by far the more common).

Nothing changes in a fixed-pitch font (every letter is as wide), in a font with too few
plain "f"s to compare with (a small-caps "f" is wide of itself), or where the "f" and the
next letter share their origin (a ligature mapped right, to "fi").
"""

from __future__ import annotations

import ctypes
import re
from collections.abc import Callable
from dataclasses import dataclass, field

_FIXED_PITCH = 1  # the font descriptor's flag (PDF 32000-1, table 123)
_LOWER_F = re.compile(r"f(?=[a-z\ufffe\x02])")  # (or before the mark of a word broken at the line's end)
_WIDE_EM = 0.45  # an "f" at least this wide (in font sizes) may be a ligature ...
_WIDER = 1.45  # ... when it is also this many times the font's plain "f"
_TRIPLE = 2.2  # "ffi", "ffl"
_MIN_PLAIN = 3  # plain "f"s a font needs before its wide ones are judged
_FL_NEXT = re.compile(r"[aiouy]|e(?:[cxwea]|sh)")  # "flag", "conflict", "reflect", "flee"


@dataclass
class FontWidths:
    """The plain "f" widths seen so far in each font of one document, on the pages that had
    a wide "f" (a page's judgement uses those pages before it, and itself)."""

    plain: dict[str, list[float]] = field(default_factory=dict)

    def median(self, font: str) -> float | None:
        xs = self.plain.get(font)
        if not xs or len(xs) < _MIN_PLAIN:
            return None
        ys = sorted(xs[:64])
        return ys[len(ys) // 2]


def _family(name: str) -> str:
    """A font's family: "ABCDEE+CenturyExpanded-Italic" is "CenturyExpanded"."""
    return name.split("+", 1)[-1].split("-", 1)[0]


def lost_letters(raw, text: str, widths: FontWidths,  # type: ignore[no-untyped-def]
                 size_of: Callable[[object, int], float]) -> dict[int, str]:
    """Index of each "f" of the page's text that stands for a ligature -> what it stands for."""
    import pypdfium2.raw as pdfium_c

    found = [m.start() for m in _LOWER_F.finditer(text)]
    if not found:
        return {}
    x0, y0, x1, y1 = ctypes.c_double(), ctypes.c_double(), ctypes.c_double(), ctypes.c_double()
    ems: list[tuple[int, float]] = []
    for j in found:
        if not (pdfium_c.FPDFText_GetCharOrigin(raw, j, x0, y0) and pdfium_c.FPDFText_GetCharOrigin(raw, j + 1, x1, y1)):
            continue
        if abs(y1.value - y0.value) > 0.5:
            continue
        size = size_of(raw, j)
        if size > 0 and x1.value > x0.value:
            ems.append((j, (x1.value - x0.value) / size))
    if not any(em >= _WIDE_EM for _j, em in ems):
        return {}  # nothing wide here (nearly every page of nearly every PDF): no font is asked for
    name = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    wide: list[tuple[int, str, float]] = []
    for j, em in ems:
        pdfium_c.FPDFText_GetFontInfo(raw, j, name, len(name), ctypes.byref(flags))
        if flags.value & _FIXED_PITCH:
            continue
        font = _family(name.value.decode("latin-1"))
        if em >= _WIDE_EM:
            wide.append((j, font, em))
        else:
            widths.plain.setdefault(font, []).append(em)
    out: dict[int, str] = {}
    for j, font, em in wide:
        plain = widths.median(font)
        if plain is None or em < _WIDER * plain:
            continue
        after = j + 1
        while after < min(len(text), j + 5) and not text[after].isalpha():
            after += 1  # "suff" | "ciently": the letters after the line break tell
        letter = "l" if _FL_NEXT.match(text, after) else "i"
        out[j] = ("ff" if em >= _TRIPLE * plain else "f") + letter
    return out
