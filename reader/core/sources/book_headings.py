"""A book page's headings, put back where trafilatura left them out.

trafilatura reads a page's main text well, but on a book laid out as one long body, not an
``<article>`` (every Project Gutenberg HTML book), it drops the headings: the Devil's
Dictionary lost "AUTHOR'S PREFACE" and its 26 letters, Entre nous every chapter's title,
and the chapters ran into each other. ``restore_headings`` finds each ``<h1>``–``<h6>`` of
the page and the first paragraph after it, and puts the heading back before that paragraph
in the paragraphs read; a heading whose paragraph is not among them stays out.
"""

from __future__ import annotations

import re
from typing import Any

from reader.core.text.segmenter import HEADING

_KEY = 48  # characters of a paragraph's start that tell it from the others
_HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_BLOCK_TAGS = {"p", "div", "blockquote", "li", "dd", "td", "pre", "table"}


def _key(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().casefold()[:_KEY]


def page_headings(html: str) -> list[tuple[int, str, str]]:
    """(level, heading, the start of the paragraph after it) for each heading of the page."""
    import lxml.html

    try:
        root = lxml.html.fromstring(html)
    except (ValueError, TypeError):
        return []
    out: list[tuple[int, str, str]] = []
    pending: list[tuple[int, str]] = []
    for el in root.iter():
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _HEADING_TAGS:
            text = " ".join(el.text_content().split())
            if text:
                pending.append((int(tag[1]), text))
        elif tag in _BLOCK_TAGS and pending:
            text = " ".join((el.text or "").split()) or " ".join(el.text_content().split())
            if _key(text):
                out.extend((level, head, _key(text)) for level, head in pending)
                pending = []
    return out


def restore_headings(parts: list[tuple[str, int, str]], headings: list[tuple[int, str, str]]) -> list[Any]:
    """``parts`` with each heading put back before its paragraph, in order."""
    if not headings:
        return parts
    starts = [_key(text) for _kind, _level, text in parts]
    before: dict[int, list[tuple[str, int, str]]] = {}
    at = 0
    for level, head, follows in headings:
        i = next((j for j in range(at, len(starts)) if starts[j] and starts[j].startswith(follows[:_KEY])), None)
        if i is None:
            continue
        at = i
        have = before.get(i, [])
        previous = parts[i - 1] if i > 0 and not have else None
        if previous is not None and previous[0] == HEADING and _key(previous[2]) == _key(head):
            continue  # trafilatura kept this one
        before.setdefault(i, []).append((HEADING, min(level, 6), head))
    if not before:
        return parts
    out: list[tuple[str, int, str]] = []
    for i, part in enumerate(parts):
        out.extend(before.get(i, ()))
        out.append(part)
    return out
