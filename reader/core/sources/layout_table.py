"""A page laid out with a table: its headlines and data tables, put back where they were.

``extract_html`` reads a page whose whole text sits in one big table (LWN's weekly edition,
many pages of the 1990s and 2000s) a second time with ``include_tables=False``: read with
tables, the article was one table row. That second read loses two things the page shows.
Headlines in the layout table's cell: LWN's edition lost its three articles' titles ("A
trademark battle in the Arduino community"). And the data tables set in the text, which
neither read keeps, since trafilatura leaves out a table inside another table: LWN's "The
most active committers are:" ran straight into the next paragraph, without its table.

``restore_layout`` walks the page's own HTML as one stream of text, with each heading
(``<h1>``-``<h6>``) and each data table marked where it stands, and puts each back before
the paragraph that starts with the text that follows it on the page. A data table goes back
only between the two paragraphs that surround it on the page, when they were kept next to
each other (or with the table's own cells between them, which it replaces): menus and
footers laid out as tables around the text do not come back.

A table is a data table when none of its cells holds a heading, a paragraph, a list or a
quotation, nor more than ``CELL_WORDS`` words; anything else is layout, and its cells are
read as part of the page's text. A data table inside a data table (LWN's two lists of
developers side by side under one header) is read in place, row by row.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from reader.core.text.segmenter import HEADING, TABLE

CELL_WORDS = 40  # a cell holding more is the page's text, not a datum
KEY = 48  # characters of text that tell a place on the page from the others
_MIN_KEY = 16  # a shorter agreement is a coincidence, unless it is all there is
_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
_BLOCKS_IN_CELL = _HEADINGS | {"p", "ul", "ol", "dl", "blockquote", "pre"}
_UNSEEN = frozenset(("script", "style", "noscript", "template", "head", "title", "select", "option", "textarea"))


@dataclass
class _Mark:
    """A heading or a data table, and where it stands in the page's text."""

    at: int  # offset in the page's text
    parts: list[tuple[str, int, str]]  # what it puts back: one heading, or a table's rows


def _key(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().casefold()


def _tag(el: Any) -> str:
    return el.tag.lower() if isinstance(el.tag, str) else ""


def _own(el: Any) -> Iterator[Any]:
    """The elements under ``el`` that are not inside a table nested in it."""
    for child in el:
        yield child
        if _tag(child) != "table":
            yield from _own(child)


def _own_rows(table: Any) -> Iterator[Any]:
    return (el for el in _own(table) if _tag(el) == "tr")


def _cells(row: Any) -> list[Any]:
    return [c for c in row if _tag(c) in ("td", "th")]


def _words(el: Any) -> str:
    """The text of an element outside the tables nested in it, spaces made single."""
    out = [el.text or ""]
    for child in el:
        if _tag(child) != "table" and _tag(child) not in _UNSEEN:
            out.append(_words(child))
        out.append(child.tail or "")
    return " ".join("".join(out).split())


def is_data_table(table: Any) -> bool:
    """Whether a ``<table>`` holds data (short cells) rather than a page's layout."""
    for row in _own_rows(table):
        for cell in _cells(row):
            if any(_tag(el) in _BLOCKS_IN_CELL for el in _own(cell)) or len(_words(cell).split()) > CELL_WORDS:
                return False
    return True


def table_rows(table: Any, gap: str) -> list[str]:
    """A data table's rows, cells joined by ``gap``; a table in a cell gives its rows after."""
    rows: list[str] = []
    for row in _own_rows(table):
        cells: list[str] = []
        nested: list[Any] = []
        for cell in _cells(row):
            cells.append(_words(cell))
            nested.extend(el for el in cell.iter("table") if el is not cell
                          and next(el.iterancestors("table"), None) is table)
        if any(cells):
            rows.append(gap.join(c for c in cells if c) if nested else gap.join(cells))
        for inner in nested:
            rows.extend(table_rows(inner, gap))
    return rows


def page_marks(html: str, gap: str) -> tuple[str, list[_Mark]]:
    """The page's text as one stream, and its headings and data tables with their places."""
    import lxml.html

    try:
        root = lxml.html.fromstring(html)
    except (ValueError, TypeError, lxml.etree.ParserError):
        return "", []
    chunks: list[str] = []
    size = 0
    marks: list[_Mark] = []

    def say(text: str | None) -> None:
        nonlocal size
        if text and text.strip():
            chunks.append(" " + text)
            size += len(text) + 1

    def walk(el: Any) -> None:
        tag = _tag(el)
        if tag in _UNSEEN:
            return
        if tag in _HEADINGS:
            text = " ".join(el.text_content().split())
            if text:
                marks.append(_Mark(size, [(HEADING, int(tag[1]), text)]))
            return
        if tag == "table" and is_data_table(el):
            rows = table_rows(el, gap)
            if len(rows) >= 2:
                marks.append(_Mark(size, [(TABLE, 0, row) for row in rows]))
            return
        say(el.text)
        for child in el:
            walk(child)
            say(child.tail)

    walk(root)
    return "".join(chunks), marks


def _agree(a: str, b: str) -> bool:
    """Whether two keys agree as far as the shorter goes, and that is far enough."""
    n = min(len(a), len(b))
    return n >= min(_MIN_KEY, max(len(a), len(b))) and n > 0 and a[:n] == b[:n]


def restore_layout(parts: list[tuple[str, int, str]], html: str, gap: str) -> list[Any]:
    """``parts`` (the page read without tables) with its headings and data tables put back."""
    text, marks = page_marks(html, gap)
    if not marks:
        return parts
    starts = [_key(t)[:KEY] for _k, _l, t in parts]
    ends = [_key(t)[-KEY:] for _k, _l, t in parts]
    before: dict[int, list[tuple[str, int, str]]] = {}
    dropped: set[int] = set()
    at, last_mark = -1, -1  # the paragraph the last mark went before, and that mark's place
    for mark in marks:
        follows = _key(text[mark.at:mark.at + 4 * KEY])[:KEY]
        if not follows:
            continue
        # marks with no text between them go before one paragraph; else each before the next
        first = max(0, at if mark.at == last_mark else at + 1)
        i = next((j for j in range(first, len(parts)) if _agree(starts[j], follows)), None)
        if i is None:
            continue
        kind, _level, shown = mark.parts[0]
        if kind == HEADING:
            put = before.get(i, [])
            if any(_key(t) == _key(shown) for _k, _l, t in put) or \
                    (i > 0 and not put and parts[i - 1][0] == HEADING and _key(parts[i - 1][2]) == _key(shown)):
                at, last_mark = i, mark.at
                continue  # trafilatura kept this one
            if any(k == HEADING and _key(t) == _key(shown) for k, _l, t in parts[max(0, at):i]):
                continue  # kept elsewhere: not this place
        else:
            preceding = _key(text[max(0, mark.at - 4 * KEY):mark.at])[-KEY:]
            rows = {_key(t) for _k, _l, t in mark.parts}
            k = i - 1
            while k >= 0 and parts[k][0] in (TABLE, "quote") and _key(parts[k][2]) in rows:
                k -= 1  # the table kept in part, or flattened: replaced by the whole
            if k < 0 or not _agree(ends[k][::-1], preceding[::-1]):
                continue
            dropped.update(range(k + 1, i))
        before.setdefault(i, []).extend(mark.parts)
        at, last_mark = i, mark.at
    if not before:
        return parts
    out: list[tuple[str, int, str]] = []
    for i, part in enumerate(parts):
        out.extend(before.get(i, ()))
        if i not in dropped:
            out.append(part)
    return out
