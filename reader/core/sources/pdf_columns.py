"""Columns on a PDF page: where their gutters are, and the page read column by column.

PDFium gives a page's characters in the order of its content stream, and breaks a line
where the text goes back to the left. Most PDFs write a page column by column, and that
order is kept. The IRS's 2007 Instructions for Form 1040NR (three columns on most of its
48 pages) write it row by row across the columns instead: PDFium gives one "line" spanning
all three at a baseline, or several baselines run together ("Section references are to
the Internal use a different address this year. See retirement plan and your 2008
modified"), and the lines of the three columns by turns. Read in that order, no sentence
was a sentence.

So PDFium's lines are cut (``cut_lines``, on the characters' boxes):

- where the text jumps far back to the left onto a line above or below (a line PDFium did
  not break: "…his second.” | 4 In such circumstances" ran two notes of a slip opinion
  together); not at a footnote call set small and raised, which PDFium may give before
  the words it follows or at the end of its line. A note's own number before its first
  line, given after the line ("(Oct. 28, 1998).¹" for "¹ Pub. L. No. 105-304 …"), is cut
  off, and put back in front (``pdf._merge_pieces``);
- where two words on a line lie further apart than a type size (``GAP``; a word space is
  a quarter of one, the IRS's gutters one and a half to three and a half), but only at a
  gutter, and only on a page whose lines, so cut, run across its columns (``interleaved``).
  Anywhere else the line stays whole as it was: a tab after "¶ 16", a table's cells, a
  label and its value, a heading beside a date; and a page written column by column.

A page's gutters (``gutters``) are x-ranges that lines cross over at most ``CROSSING`` of
the text's height (headings over the columns, a title) and that are ``MIN_GUTTER`` type
sizes wide or more, between two columns of text: each ``MIN_LINES`` lines or more, most
of them ``MIN_WIDTH`` type sizes wide, running down ``MIN_HEIGHT`` of the text's height,
and the lines crossing the gutter at most ``ACROSS`` of the text (a form's signature block
beside an address, under a full-width certificate, is no pair of columns). A page with
gutters whose PDFium order runs across them is read band by band from the top (a line
crossing a gutter starts a new band), and in a band column by column, left to right, each
from the top (``column_order``). Pages written column by column (the Federal Register,
whose notes at each column's foot PDFium gives after all the columns' text) keep
PDFium's order.

A page written right to left (``pdf_rtl``) runs leftwards: there a jump to the right is
the one that goes back.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from itertools import pairwise
from typing import NamedTuple, Protocol, TypeVar

from reader.core.sources.pdf_rtl import right_to_left_somewhere, rtl_letter

GAP = 1.0  # type sizes: a gap between two words on one line this wide may be a gutter
MIN_GUTTER = 1.0  # type sizes: the narrowest gutter
MIN_LINES = 5  # lines in a column
MIN_WIDTH = 8.0  # type sizes: a column's median line is at least this wide
MIN_HEIGHT = 0.4  # share of the text's height a column runs down
CROSSING = 0.15  # share of the text's height over which lines may cross a gutter
ACROSS = 0.25  # share of the text (by the area of its lines) that may cross a gutter
INTERLEAVED = 0.5  # share of PDFium's steps from a line to the next that change column, over which it is not kept

Box = tuple[float, float, float, float]  # a character's (left, right, bottom, top), y upwards as in PDF


class Span(Protocol):
    """A line, or a piece of one: its box (top down from the page's top) and type size."""

    @property
    def x0(self) -> float: ...
    @property
    def x1(self) -> float: ...
    @property
    def top(self) -> float: ...
    @property
    def bottom(self) -> float: ...
    @property
    def size(self) -> float: ...


T = TypeVar("T", bound=Span)


def _median(values: list[float]) -> float:
    values = sorted(values)
    return values[len(values) // 2] if values else 0.0


def gutters(spans: Sequence[Span]) -> list[tuple[float, float]]:
    """The page's gutters between columns of text, left to right, as (x0, x1); [] for a page
    in one column (or whose "columns" are a table's or a form's)."""
    spans = [s for s in spans if s.x1 > s.x0 and s.bottom > s.top]
    if len(spans) < 2 * MIN_LINES:
        return []
    size = _median([s.size for s in spans])
    if size <= 0:
        return []
    left = math.floor(min(s.x0 for s in spans))
    width = math.ceil(max(s.x1 for s in spans)) - left
    if width <= 0 or width > 20000:
        return []
    top, bottom = min(s.top for s in spans), max(s.bottom for s in spans)
    height = bottom - top
    if height <= 0:
        return []
    # how much of the text's height crosses each point across the page, a point at a time
    step = [0.0] * (width + 2)
    for s in spans:
        h = min(s.bottom - s.top, 1.5 * size)  # a title in large type counts as one line
        step[max(0, int(s.x0 - left) + 1)] += h  # a point is crossed when the line covers it whole
        step[min(width + 1, math.ceil(s.x1 - left))] -= h
    runs: list[tuple[float, float]] = []
    covered = 0.0
    start = -1
    for x in range(width + 1):
        covered += step[x]
        if covered <= CROSSING * height + 1e-6:
            if start < 0:
                start = x
        elif start >= 0:
            if start > 0 and x - start >= MIN_GUTTER * size:
                runs.append((left + start, left + x))
            start = -1
    area = sum(_area(s) for s in spans)
    crossing = [0.0] * (len(runs) + 1)  # the area of the lines crossing each run
    starts, middles = [a for a, _b in runs], [(a + b) / 2 for a, b in runs]
    for s in spans:
        lo, hi = _crossed(s, runs, starts, middles)
        if lo < hi:
            crossing[lo] += _area(s)
            crossing[hi] -= _area(s)
    total = 0.0
    kept = []
    for run, add in zip(runs, crossing, strict=False):
        total += add
        if total <= ACROSS * area:
            kept.append(run)
    runs = kept
    while runs:
        columns: list[list[Span]] = [[] for _ in range(len(runs) + 1)]
        starts, middles = [a for a, _b in runs], [(a + b) / 2 for a, b in runs]
        for s in spans:
            lo, hi = _crossed(s, runs, starts, middles)
            if lo >= hi:
                columns[lo].append(s)
        odd = next((k for k, column in enumerate(columns) if not _is_text(column, size, height)), -1)
        if odd < 0:
            break
        # a "column" that is no text (a worksheet's line numbers, "1." … "9.", at its right
        # edge) goes with the one on its left: the gutter between them is none
        del runs[max(odd - 1, 0)]
    return runs


def _crossed(span: Span, runs: list[tuple[float, float]], starts: list[float], middles: list[float]
             ) -> tuple[int, int]:
    """The runs (sorted, apart; starts, middles: where each starts, its middle) a line
    crosses, as a range of their indexes [lo, hi); when it crosses none, lo == hi is the
    column it is in (see ``crosses`` and ``_column``)."""
    lo = bisect_right(starts, span.x0 + 1)  # the first run starting right of the line's start
    hi = lo
    while hi < len(runs) and runs[hi][1] < span.x1 - 1:
        hi += 1
    if lo == hi:
        column = bisect_left(middles, (span.x0 + span.x1) / 2)
        return column, column
    return lo, hi


def _area(span: Span) -> float:
    return (span.x1 - span.x0) * (span.bottom - span.top)


def _is_text(column: list[Span], size: float, height: float) -> bool:
    if len(column) < MIN_LINES:
        return False
    if _median([s.x1 - s.x0 for s in column]) < MIN_WIDTH * size:
        return False
    return max(s.bottom for s in column) - min(s.top for s in column) >= MIN_HEIGHT * height


def _column(span: Span, found: list[tuple[float, float]]) -> int:
    """The column a line that crosses no gutter is in, counted from 0 at the left."""
    return bisect_left([(a + b) / 2 for a, b in found], (span.x0 + span.x1) / 2)


def crosses(span: Span, gutter: tuple[float, float]) -> bool:
    """Whether a line runs across a gutter (a heading over the columns, a table's row)."""
    return span.x0 < gutter[0] - 1 and span.x1 > gutter[1] + 1


def interleaved(lines: Sequence[Span], found: list[tuple[float, float]]) -> bool:
    """Whether lines, in PDFium's order, run across the columns rather than down them: from
    one line to the next they change column more often than not (the IRS's instructions:
    161 times in 167 lines on the first page). A page written column by column changes a
    few times (the Federal Register: 6 in 211, its notes at each column's foot coming
    after all the columns' text, as they should); its order is kept."""
    columns = [_column(ln, found) for ln in lines if not any(crosses(ln, g) for g in found)]
    changes = sum(1 for a, b in pairwise(columns) if a != b)
    return changes > INTERLEAVED * max(len(columns) - 1, 1)


def column_order(lines: Sequence[T], found: list[tuple[float, float]]) -> list[T]:
    """The page's lines read band by band from the top, and in a band column by column; a
    line centred under the columns, lower than all of them, after them (the IRS's "Cat. No.
    11368V" under the middle column of the first page, which cut a sentence of the third)."""
    out: list[T] = []
    band: list[list[T]] = [[] for _ in range(len(found) + 1)]
    middle = (min(ln.x0 for ln in lines) + max(ln.x1 for ln in lines)) / 2 if lines else 0.0

    def flush() -> None:
        feet = [ln for column in band for ln in column
                if abs((ln.x0 + ln.x1) / 2 - middle) < 2 * max(ln.size, 1.0)
                and all(other.bottom <= ln.top for c in band for other in c if other is not ln)]
        for column in band:
            out.extend(_top_down([ln for ln in column if ln not in feet]))
            column.clear()
        out.extend(feet)

    for ln in sorted(lines, key=lambda ln: (ln.top, ln.x0)):
        if any(crosses(ln, g) for g in found):
            flush()
            out.append(ln)
            continue
        band[_column(ln, found)].append(ln)
    flush()
    return out


def _top_down(lines: list[T]) -> list[T]:
    """One column's lines from the top, those side by side from the left. Two pieces of one
    line, a bold heading run in ("Telephone excise tax credit.") and the word after it
    ("This"), have boxes of different depths (a "p" reaches lower): they are one row when
    their middles are less than half a line's height apart."""
    out: list[T] = []
    row: list[T] = []
    for ln in sorted(lines, key=lambda ln: ln.top + ln.bottom):
        if row and abs((ln.top + ln.bottom) - (row[0].top + row[0].bottom)) / 2 >= 0.5 * min(
                ln.bottom - ln.top, row[0].bottom - row[0].top):
            out.extend(sorted(row, key=lambda ln: ln.x0))
            row = []
        row.append(ln)
    out.extend(sorted(row, key=lambda ln: ln.x0))
    return out


class _Piece(NamedTuple):
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


def cut_lines(text: str, boxes: Sequence[Box | None], lines: list[tuple[int, int, bool]],
              spaces: list[tuple[int, int]], size: Callable[[int], float], baseline: Callable[[int], float]
              ) -> tuple[list[tuple[int, int, bool]], set[int]]:
    """PDFium's lines of one page, (start, end, ends in a broken word) as indexes into text,
    cut where they run across a gutter or onto another baseline; and the starts of the
    pieces cut at a gutter (to be kept apart from the piece before them). boxes: each
    character's, None for a space; spaces: (k, j) for each space inside a line, k the
    character before it and j the one after; size, baseline: a character's type size and
    the height its baseline is at."""
    starts = [start for start, _end, _hyphen in lines]
    found: list[list[tuple[int, bool]]] = [[] for _ in lines]
    rtl = right_to_left_somewhere(text)
    ems: dict[int, float] = {}  # a line's type size, that of its first character
    for k, j in spaces:
        line = -1
        if not rtl:  # (the first test of _cut, here for speed: most spaces are word spaces)
            box, prev = boxes[j], boxes[k]
            assert box is not None and prev is not None
            gap = box[0] - prev[1]
            if -1 <= gap <= 3 or (gap > 3 and gap <= 0.8 * max(box[3] - box[2], prev[3] - prev[2])):
                continue  # (a glyph is at most about a type size high)
            line = bisect_right(starts, j) - 1
            if gap > 0:
                if line not in ems:
                    ems[line] = size(next((i for i in range(starts[line], j + 1) if boxes[i] is not None), j))
                if gap <= 0.9 * ems[line]:
                    continue  # (a wide word space: asking each character's size costs more)
        if line < 0:
            line = bisect_right(starts, j) - 1
        cut = _cut(text, boxes, k, j, found[line][-1][0] if found[line] else starts[line], size, baseline, rtl)
        if cut is not None:
            found[line].append((j, cut))
    if not any(found):
        return lines, set()
    keep: list[list[int]] = [[j for j, gap in cuts if not gap] for cuts in found]
    apart: set[int] = set()
    if any(gap for cuts in found for _j, gap in cuts):
        pieces: list[_Piece] = []
        for line, ((start, end, _hyphen), cuts) in enumerate(zip(lines, found, strict=True)):
            bounds = [start, *(j for j, _gap in cuts), end]
            first = next((i for i in range(start, end) if boxes[i] is not None), -1)
            if first < 0:
                continue
            em = ems[line] if line in ems else size(first)  # (one size a line: enough to find gutters by)
            pieces.extend(p for a, b in pairwise(bounds) if (p := _piece(boxes, a, b, em)) is not None)
        lanes = gutters(pieces)
        if lanes and not interleaved(pieces, lanes):
            lanes = []  # written column by column: PDFium kept the columns apart, nothing to cut
        for line, cuts in enumerate(found):
            for j, gap in cuts:
                if gap and _on_gutter(boxes, j, lanes):
                    keep[line].append(j)
                    apart.add(j)
            keep[line].sort()
    out: list[tuple[int, int, bool]] = []
    for (start, end, hyphen), kept in zip(lines, keep, strict=True):
        ends = [start, *kept, end]
        out.extend((a, b, hyphen and b == end) for a, b in pairwise(ends))
    return out, apart


def _cut(text: str, boxes: Sequence[Box | None], k: int, j: int, start: int, size: Callable[[int], float],
         baseline: Callable[[int], float], rtl_page: bool) -> bool | None:
    """Whether one of PDFium's lines may be cut at the space between characters k and j:
    True for a gap wider than ``GAP`` type sizes to the right, or back to the left on about
    the same baseline; False for a jump back to the left onto another line, one PDFium did
    not break; None for no cut. start: where the piece the space is in starts."""
    box, prev = boxes[j], boxes[k]
    assert box is not None and prev is not None
    gap = box[0] - prev[1]  # > 0: the word starts right of the one before
    back = prev[0] - box[1]  # > 0: it ends left of the one before (right to left, or a jump back)
    rtl = rtl_page and (rtl_letter(text[k]) or rtl_letter(text[j]))
    if rtl:
        gap, back = back, gap  # Arabic, Hebrew: a line runs leftwards
    if not (gap < -1 or (gap > 3 and gap > 0.8 * max(box[3] - box[2], prev[3] - prev[2]))):
        return None  # (a glyph is at most about a type size high: no narrower gap is asked its size)
    size_j, size_k = size(j), size(k)
    em = max(min(size_j, size_k), 1.0)
    rise = baseline(j) - baseline(k) if gap < -1 else 0.0  # > 0: j sits higher
    raised = rise > 1 and size_j < 0.85 * size_k  # a footnote call, or a note's number
    if back > GAP * em and (
            (raised and not rtl and box[0] <= min(b[0] for b in boxes[start:k + 1] if b is not None) + 1)
            or (abs(rise) > 0.5 * em and not raised and not (rise < -1 and size_k < 0.85 * size_j))):
        # far back, onto a line above or below: the start of another line; or a note's own
        # number set before its first line and given after it (cut off, to be put back in
        # front in ``pdf._merge_pieces``). Not a footnote call set small and raised, given
        # after the line it is in ("…services that 2" for "copying² of") or before the
        # words it follows ("3 Ibid." for "…second.”³ Ibid.")
        return False
    if gap > GAP * em or back > GAP * em:
        # far to the right, or far back on about the same baseline: a gutter; or a table's
        # cells, a label and its value (kept only at a gutter)
        return True
    return None


def _piece(boxes: Sequence[Box | None], start: int, end: int, size: float) -> _Piece | None:
    """A piece's box, from its first and last characters (enough to find gutters by)."""
    first = start
    while first < end and boxes[first] is None:
        first += 1
    last = end - 1
    while last > first and boxes[last] is None:
        last -= 1
    if first >= end:
        return None
    a, b = boxes[first], boxes[last]
    assert a is not None and b is not None
    return _Piece(min(a[0], b[0]), max(a[1], b[1]), -max(a[3], b[3]), -min(a[2], b[2]), size)


def _on_gutter(boxes: Sequence[Box | None], j: int, lanes: list[tuple[float, float]]) -> bool:
    """Whether the gap before character j (the first after a cut) spans the middle of one of
    the gutters (a gutter is found where few lines cross, so it may reach into a line's end)."""
    box = boxes[j]
    k = j - 1
    while k >= 0 and boxes[k] is None:
        k -= 1
    before = boxes[k] if k >= 0 else None
    if box is None or before is None:
        return False
    end, start = (before[1], box[0]) if box[0] >= before[1] else (box[1], before[0])  # the gap's two sides
    return any(end <= (a + b) / 2 <= start for a, b in lanes)
