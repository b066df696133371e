"""A book's running heads that change with its chapters, told by where they sit.

A book sets its running heads in one spot on every page: "8 FREE CULTURE" on the left-hand
pages, and on the right-hand ones the chapter's name, "INTRODUCTION 9", "“PIRACY” 19",
"PREFACE xv". Those change from chapter to chapter, so none comes back on 40% of the pages
(``pdf.RUNNING_SHARE``); even the book's title on the left-hand pages, missing where a
chapter opens, came back on 137 of Free Culture's 352. They had gone only because a
printer's mark sat beside them (which the CropBox now leaves out, ``pdf_crop``), and came
back into the text mid-sentence: "The battles over copyright and the" | "INTRODUCTION 9" |
"Internet seem remote to most."

So a spot (band, and top within a point) where at least 40% of the pages have a line that
carries a page number at its start or end is where the running heads sit, and such a line
there that comes back on two pages at least (digits masked) is a running head.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable

_FOLIO = re.compile(r"^(?:\d{1,4}|[ivxlc]{1,6})\s+\S|\S\s+(?:\d{1,4}|[ivxlc]{1,6})$")
SHARE = 0.4

Spot = tuple[str, int]  # (band, top rounded to a point)


def spots(pages: Iterable[Iterable[tuple[str, float, str]]], n: int) -> set[Spot]:
    """The spots where running heads sit; pages: (band, top, text) of each page's lines in a
    band; n: the number of pages."""
    count: Counter[Spot] = Counter()
    for lines in pages:
        count.update({(band, round(top)) for band, top, text in lines if _FOLIO.search(text.strip())})
    least = max(3, math.ceil(SHARE * n))
    out: set[Spot] = set()
    for (band, top), c in count.items():
        near = c + count[(band, top - 1)] + count[(band, top + 1)]  # (a point either way)
        if near >= least:
            out.update({(band, top - 1), (band, top), (band, top + 1)})
    return out


def folio_head(text: str, band: str, top: float, at: set[Spot], seen: int) -> bool:
    """Whether a line in a band, seen (digits masked) on so many pages, is a running head."""
    return seen >= 2 and (band, round(top)) in at and bool(_FOLIO.search(text.strip()))
