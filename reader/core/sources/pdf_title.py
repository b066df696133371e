"""A PDF's title: a title set on two lines read as one, and the Title metadata found on the page.

A title too long for one line is set on two (or three), centred or flush left, the second
line often narrower; the paragraph rules take the narrower line for a new paragraph, and
TraceMonkey's paper was titled "Trace-based Just-in-Time Type Specialization for Dynamic"
with "Languages" a heading of its own. A first paragraph set large on the first page goes
on with the next one when that is set in the same size, right under it (the next baseline
within 1.5 sizes), and on the same axis or at the same left edge.

The first large line of a page is not always the title: a working paper's cover opens with
its series, "Working Papers on Information Systems ISSN 1535-6078", above the paper's title,
which its Title metadata gives. When the metadata's title is written on the first page, as
one heading or as a few headings one after the other, those are the title, whatever came
first; a title in the metadata that the first page does not show is not taken over a title
the page sets large (it may be a template's).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

_LINES = 3  # at most so many lines in a title
_SPACE_BEFORE = re.compile(r"\s+(?=[,.;:!?)])")


class _Line(Protocol):
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    page: int


def goes_on(title: Sequence[_Line], nxt: Sequence[_Line]) -> bool:
    """Whether nxt, a paragraph of one line, is the next line of the title above it."""
    if len(nxt) != 1 or len(title) >= _LINES:
        return False
    a, b = title[-1], nxt[0]
    size = max(a.size, b.size, 1.0)
    if a.page != b.page or abs(a.size - b.size) > 0.05 * size:
        return False
    if not 0 < b.bottom - a.bottom <= 1.5 * size:
        return False
    centred = abs((a.x0 + a.x1) - (b.x0 + b.x1)) / 2 < size and b.x1 - b.x0 <= a.x1 - a.x0 + size
    return centred or abs(a.x0 - b.x0) < 0.5 * size


def _key(text: str) -> str:
    return _SPACE_BEFORE.sub("", " ".join(text.split())).casefold()


def written(title: str, texts: list[str], candidates: list[int]) -> tuple[int, int] | None:
    """(first, end): the run of texts[first:end] that reads as the title, taken among
    candidates (indices of consecutive headings on the first page, in order); None if none."""
    want = _key(title)
    if not want:
        return None
    for n, first in enumerate(candidates):
        joined = ""
        for m in range(n, min(n + _LINES, len(candidates))):
            if m > n and candidates[m] != candidates[m - 1] + 1:
                break
            joined = _key(f"{joined} {texts[candidates[m]]}")
            if joined == want:
                return first, candidates[m] + 1
            if not want.startswith(joined):
                break
    return None
