"""How a quoted passage is cited when it leaves the reader (``y`` on a selection, exports)."""

from __future__ import annotations

from reader.core.text.document import Document, Span
from reader.core.text.safety import inert


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
    p = doc.location(s)[0] - 1
    if doc.structure is None and p in doc.kept_lines:  # verse quoted inline: its lines parted by " / "
        quote = inner_quotes(" / ".join(" ".join(ln.split()) for ln in doc.text[s:e].split("\n") if ln.strip()))
    else:
        quote = inner_quotes(" ".join(doc.text[s:e].split()))
    # inert, as on screen and in the exports: the raw ESC and OSC of an article's text went
    # into tmux's paste buffer and on to the clipboard, to act wherever it is pasted
    return inert(f"\u201c{quote}\u201d \u2014 {source_line(doc)}, {place(doc, span)}") + "\n"


# Quotation marks inside the quoted passage become single ones, as a quotation within a
# quotation is written: “By article 1, section 9, ‘No title …’ Was this omitted?” (a new user
# read “… “No title …” …” as two quotations).
_INNER = str.maketrans({"\u201c": "\u2018", "\u201d": "\u2019", '"': "'"})


def place(doc: Document, span: Span) -> str:
    """Where a passage is, for people: from its first sentence to its last.

    "paragraph 33, sentence 2"; "paragraph 33, sentences 2\u20133"; "paragraph 33, sentence 2
    to paragraph 34, sentence 1". A two-sentence selection was cited by its first alone.
    """
    s, e = span
    text = doc.text[s:e]
    e = s + len(text.rstrip()) if text.strip() else e
    p, n = doc.location(s)
    q, m = doc.location(max(s, e - 1))
    if (p, n) == (q, m):
        return f"paragraph {p}, sentence {n}"
    if p == q:
        return f"paragraph {p}, sentences {n}\u2013{m}"
    return f"paragraph {p}, sentence {n} to paragraph {q}, sentence {m}"


def inner_quotes(text: str) -> str:
    """Text to be set inside quotation marks, its own double ones made single."""
    return text.translate(_INNER)
