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
from reader.core.text.segmenter import CODE, LIST_ITEM, QUOTE

# Characters that may not be exactly one cell wide (controls render as one-cell stand-ins).
_NOT_SINGLE = re.compile(
    "[^\x00-\u02ff\u0370-\u052f\u1e00-\u1fff\u2010-\u205e\u20a0-\u20c0\u2100-\u214f\u2190-\u21ff\u2400-\u2426]")


def char_cells(ch: str) -> int:
    if ord(ch) in INERT_TABLE:
        return 1  # shown as a one-cell stand-in
    return get_character_cell_size(ch)


_MARKER = re.compile(r"\S{1,8} ")  # a list item's marker, shown as text: "• ", "12. "


class Layout:
    """Rows of a document wrapped to ``width`` cells.

    Each row also has an indent (cells of space before its text): list items hang under
    their marker and nest by level, block quotes and code are indented by level. A source
    that knows its structure (Markdown) makes a newline inside a paragraph a hard break,
    and code is never reflowed; in plain text a newline is a soft wrap, except in a
    paragraph made of its lines (verse, an address: ``Document.kept_lines``).
    """

    def __init__(self, doc: Document, width: int) -> None:
        self.doc = doc
        self.width = max(4, width)
        self.starts = array("q")
        self.ends = array("q")
        self.paras = array("q")
        self.indents = array("h")
        self._wrap()

    def __len__(self) -> int:
        return len(self.starts)

    def _shape(self, p: int) -> tuple[int, int, bool]:
        """(first row's indent, later rows' indent, newline breaks) of paragraph p."""
        doc = self.doc
        kind = doc.para_kinds[p]
        hard = doc.structure is not None
        if kind == LIST_ITEM:
            level = max(1, doc.para_levels[p])
            first = 2 * (level - 1)
            m = _MARKER.match(doc.text, doc.para_starts[p], doc.para_ends[p])
            return first, first + (m.end() - m.start() if m else 0), hard
        if kind == QUOTE:
            indent = 2 * max(1, doc.para_levels[p])
            return indent, indent, hard
        if kind == CODE:
            indent = 2 + 2 * doc.para_levels[p]
            return indent, indent, True
        return 0, 0, hard

    def _wrap(self) -> None:
        text = self.doc.text
        starts, ends, paras, indents = self.starts, self.ends, self.paras, self.indents
        ps, pe = self.doc.para_starts, self.doc.para_ends
        structured = self.doc.structure is not None
        kept = self.doc.kept_lines
        last = len(ps) - 1
        for p in range(len(ps)):
            s, e = ps[p], pe[p]
            first, rest, hard = self._shape(p) if structured else (0, 0, p in kept)
            if hard:
                # a line that fits the pane is one row, set down at once: a 5.6 MB play is 150,000
                # such lines, and wrapping each took a fifth of a second of its first paint
                single = _NOT_SINGLE.search(text, s, e) is None
                line = s
                while line <= e:
                    nl = text.find("\n", line, e)
                    stop = e if nl == -1 else nl
                    indent = first if line == s else rest
                    if single and stop - line <= max(4, self.width - indent):
                        starts.append(line); ends.append(stop); paras.append(p); indents.append(indent)
                    else:
                        under = rest
                        if not structured:  # a verse line too long for the pane: its rest set further in
                            lead = 0
                            while line + lead < stop and text[line + lead] == " ":
                                lead += 1
                            under = min(lead + 3, 11, self.width // 3)  # (at its start, it read as the next line)
                        self._wrap_run(p, line, stop, indent, under)
                    if nl == -1:
                        break
                    line = nl + 1
            else:
                self._wrap_run(p, s, e, first, rest)
            if p != last:
                starts.append(e); ends.append(e); paras.append(-1); indents.append(0)

    def _wrap_run(self, p: int, s: int, e: int, first: int, rest: int) -> None:
        """Wrap text[s:e] (no hard breaks inside) into rows."""
        text = self.doc.text
        starts, ends, paras, indents = self.starts, self.ends, self.paras, self.indents
        if s >= e:
            starts.append(s); ends.append(s); paras.append(p); indents.append(first)
            return
        if _NOT_SINGLE.search(text, s, e):
            self._wrap_cells(p, s, e, first, rest)
            return
        pos, indent = s, first
        while pos < e:
            width = max(4, self.width - indent)
            if e - pos <= width:
                starts.append(pos); ends.append(e); paras.append(p); indents.append(indent)
                break
            limit = pos + width
            brk = max(text.rfind(" ", pos, limit + 1), text.rfind("\n", pos, limit + 1))
            if brk <= pos:
                starts.append(pos); ends.append(limit); paras.append(p); indents.append(indent)
                pos = limit
            else:
                starts.append(pos); ends.append(brk); paras.append(p); indents.append(indent)
                pos = brk + 1
                while pos < e and text[pos] in " \n":
                    pos += 1
            indent = rest

    def _wrap_cells(self, p: int, s: int, e: int, first: int, rest: int) -> None:
        text = self.doc.text
        pos, indent = s, first
        while pos < e:
            width = max(4, self.width - indent)
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
            self.starts.append(pos); self.ends.append(end); self.paras.append(p); self.indents.append(indent)
            pos = nxt
            while pos < e and text[pos] in " \n":
                pos += 1
            indent = rest

    def row_of(self, offset: int) -> int:
        """The row holding offset (the row before, for an offset in a gap)."""
        return max(0, bisect_right(self.starts, offset) - 1) if len(self.starts) else 0

    def rows_of(self, start: int, end: int) -> tuple[int, int]:
        """First and last row of a span."""
        return self.row_of(start), self.row_of(max(start, end - 1))
