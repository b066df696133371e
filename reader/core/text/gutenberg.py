"""A Project Gutenberg e-book's own text, without the header and licence around it.

Every Gutenberg file, plain text or HTML, wraps the work in a header (a banner, "Title:",
"Author:", "Release date:") up to a line "*** START OF THE PROJECT GUTENBERG EBOOK … ***",
and a licence of some 3,000 words after "*** END OF THE PROJECT GUTENBERG EBOOK … ***".
Read as the article, the banner was its title, the licence a quarter of Thoreau's essay,
and suggestions and searches ran over it. ``work_of`` gives where the work starts and ends,
and the header's title and author.

Dropped with the frame: the producers' credit that opens the work ("Produced by …") and
the closing line "End of the Project Gutenberg EBook of …". Only a file with both the
banner's words and a START line is touched; nothing else is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_START = re.compile(
    r"^[ \t]*\*{3}[ \t]*START OF (?:THE|THIS) PROJECT GUTENBERG E-?BOOK\b[^\n]*$|"
    r"^[ \t]*\*END\*THE SMALL PRINT![^\n]*$", re.I | re.M)
_END = re.compile(r"^[ \t]*\*{3}[ \t]*END OF (?:THE|THIS) PROJECT GUTENBERG E-?BOOK\b[^\n]*$", re.I | re.M)
_CLOSING = re.compile(r"\n[ \t]*End of (?:the |this )?Project Gutenberg(?:'s|\u2019s)?\b[^\n]*\s*$", re.I)
_CREDIT = re.compile(r"\s*(?:Produced by|E-?text prepared by|This e-?(?:book|text) was produced by|"
                     r"Transcribed from)\b[^\n]*(?:\n[^\n]*\S[^\n]*)*", re.I)
_FIELD = re.compile(r"^[ \t]*(Title|Author|Translator|Editor):[ \t]*(\S[^\n]*(?:\n[ \t]+\S[^\n]*)*)", re.I | re.M)
_HEADER_WINDOW = 20_000  # the header is short; a START line far into a file is a quotation of one


@dataclass
class Work:
    start: int  # where the work starts in the text
    end: int  # ... and ends
    meta: dict[str, str] = field(default_factory=dict)  # "title", "author" from the header


def is_framed(page: str) -> bool:
    """Whether a page's source (HTML as it came) holds a Gutenberg frame's START line."""
    return "gutenberg" in page[:_HEADER_WINDOW * 10].casefold() and _START.search(page, 0, _HEADER_WINDOW * 10) is not None


def work_of(text: str) -> Work | None:
    """The work inside a Gutenberg file's frame, or None when the text has no such frame."""
    start = _START.search(text, 0, _HEADER_WINDOW + 200)
    if start is None or "gutenberg" not in text[:start.start()].casefold() + start.group().casefold():
        return None
    begin = start.end()
    end_m = _END.search(text, begin)
    end = end_m.start() if end_m else len(text)
    credit = _CREDIT.match(text, begin, end)
    if credit is not None:
        begin = credit.end()
    closing = _CLOSING.search(text, begin, end)
    if closing is not None:
        end = closing.start()
    if not text[begin:end].strip():
        return None
    while text[begin] in "\r\n":
        begin += 1
    while text[end - 1].isspace():
        end -= 1
    return Work(begin, end, _header_meta(text[:start.start()]))


def _header_meta(header: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    for m in _FIELD.finditer(header):
        name = m.group(1).lower()
        if name not in fields:
            fields[name] = " ".join(m.group(2).split())
    meta = {}
    if fields.get("title"):
        meta["title"] = fields["title"][:300]
    author = fields.get("author")
    if author and author.casefold() not in ("anonymous", "unknown", "various"):
        meta["author"] = author[:300]
    return meta


def work_paragraphs(paragraphs: list[str]) -> tuple[list[tuple[int, str]], dict[str, str]] | None:
    """The same for a page read as paragraphs: (index, text) of each paragraph the work
    holds (a paragraph holding the START line keeps what follows it), and the header's
    title and author; None when there is no frame."""
    joined = "\n\n".join(paragraphs)
    work = work_of(joined)
    if work is None:
        return None
    out: list[tuple[int, str]] = []
    at = 0
    for i, p in enumerate(paragraphs):
        a, b = max(at, work.start), min(at + len(p), work.end)
        if b > a and joined[a:b].strip():
            out.append((i, joined[a:b].strip() if (a, b) != (at, at + len(p)) else p))
        at += len(p) + 2
    return out, work.meta
