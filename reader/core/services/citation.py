"""How a quoted passage is cited when it leaves the reader (``y`` on a selection, exports)."""

from __future__ import annotations

from reader.core.text.document import Document, Span


def source_line(doc: Document) -> str:
    """Title, outlet and date, and where it came from: what a reader needs to find it."""
    parts = [doc.title]
    for value in (doc.meta.get("outlet"), doc.meta.get("author"), doc.date_shown):
        if value:
            parts.append(value)
    where = doc.meta.get("url")
    if where:
        parts.append(where)
    return ", ".join(parts)


def citation(doc: Document, span: Span) -> str:
    """The passage as a quotation with its source and place: one line, ending in a newline."""
    s, e = span
    quote = " ".join(doc.text[s:e].split())
    p, n = doc.location(s)
    return f"\u201c{quote}\u201d \u2014 {source_line(doc)}, paragraph {p}, sentence {n}\n"
