"""Wrapping a Document into display rows of a given width, as offsets (no Textual here).

A row is ``(start, end, paragraph)`` into the canonical text; a blank row between
paragraphs has paragraph ``-1``. Single-width text (nearly all of it) wraps with
``str.rfind`` at C speed, line by line rather than word by word; text with wide or
zero-width characters (CJK, emoji, combining marks) wraps by cell widths.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right

from rich.cells import get_character_cell_size

from reader.core.text.document import Document
from reader.core.text.safety import INERT_TABLE

# Characters that may not be exactly one cell wide (controls render as one-cell stand-ins).
_NOT_SINGLE = re.compile("[^\x00-\u02ff\u0370-\u052f\u1e00-\u1fff\u2010-\u205e\u20a0-\u20c0\u2100-\u214f\u2190-\u21ff\u2400-\u2426]")


def char_cells(ch: str) -> int:
    if ord(ch) in INERT_TABLE:
        return 1  # shown as a one-cell stand-in
    return get_character_cell_size(ch)


class Layout:
    """Rows of a document wrapped to ``width`` cells."""

    def __init__(self, doc: Document, width: int) -> None:
        self.doc = doc
        self.width = max(4, width)
        self.starts = array("q")
        self.ends = array("q")
        self.paras = array("q")
        self._wrap()

    def __len__(self) -> int:
        return len(self.starts)

    def _wrap(self) -> None:
        text, width = self.doc.text, self.width
        starts, ends, paras = self.starts, self.ends, self.paras
        ps, pe = self.doc.para_starts, self.doc.para_ends
        last = len(ps) - 1
        for p in range(len(ps)):
            s, e = ps[p], pe[p]
            if _NOT_SINGLE.search(text, s, e):
                self._wrap_cells(p, s, e)
            else:
                pos = s
                while pos < e:
                    if e - pos <= width:
                        starts.append(pos); ends.append(e); paras.append(p)
                        break
                    limit = pos + width
                    brk = max(text.rfind(" ", pos, limit + 1), text.rfind("\n", pos, limit + 1))
                    if brk <= pos:
                        starts.append(pos); ends.append(limit); paras.append(p)
                        pos = limit
                    else:
                        starts.append(pos); ends.append(brk); paras.append(p)
                        pos = brk + 1
                        while pos < e and text[pos] in " \n":
                            pos += 1
            if p != last:
                starts.append(e); ends.append(e); paras.append(-1)

    def _wrap_cells(self, p: int, s: int, e: int) -> None:
        text, width = self.doc.text, self.width
        pos = s
        while pos < e:
            cells, i, brk = 0, pos, -1
            while i < e:
                w = char_cells(text[i])
                if cells + w > width:
                    break
                if text[i] in " \n":
                    brk = i
                cells += w
                i += 1
            if i >= e:
                end, nxt = e, e
            elif brk > pos:
                end, nxt = brk, brk + 1
            else:
                end = nxt = max(i, pos + 1)
            self.starts.append(pos); self.ends.append(end); self.paras.append(p)
            pos = nxt
            while pos < e and text[pos] in " \n":
                pos += 1

    def row_of(self, offset: int) -> int:
        """The row holding offset (the row before, for an offset in a gap)."""
        return max(0, bisect_right(self.starts, offset) - 1) if len(self.starts) else 0

    def rows_of(self, start: int, end: int) -> tuple[int, int]:
        """First and last row of a span."""
        return self.row_of(start), self.row_of(max(start, end - 1))
