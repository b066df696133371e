"""A page's date from its byline, when its metadata gives none.

trafilatura (htmldate) reads a page's date from its metadata and markup; its quick search
knows years of this and the last century only, so an archive's page of 1788 ("By Publius ·
May 28, 1788", in a ``<p class="meta">``) had no date, though the same page dated 2018 had.
Its extensive search reads dates anywhere in the text, which the reader does not want (a
date the article mentions is not the article's). So this looks only where a page says when
it was written: a ``<time datetime=…>``, and an element whose class, id or itemprop names a
byline, dateline or publication date, and reads the first date written there; failing that, a
line right under the headline that is only a date. Dates in other languages are read too
("15 августа 2016", "9. November 2021", "10.11.2021").
"""

from __future__ import annotations

import re

from reader.core.text.dates import iso_date, written_date

_TIME = re.compile(r"<time\b[^>]*\bdatetime=[\"'](\d{4})-(\d{2})-(\d{2})", re.I)
_NAMED = re.compile(r"\b(?:class|id|itemprop)=[\"']([^\"'<>]{0,200})[\"']", re.I)
_BYLINE = re.compile(r"\b(?:byline|dateline|date|datePublished|meta|posted|published|pubdate|timestamp)\b", re.I)
_TAG = re.compile(r"<[^>]*>")
_H1_END = re.compile(r"</h1\s*>", re.I)
_FIRST_TEXT = re.compile(r"(?:\s*<[^>]*>)*\s*([^<]{1,80})<")  # the first text after a place, to its next tag
_WINDOW = 300_000  # the head and the top of the body: where a byline is


def byline_date(html: str) -> str:
    """"YYYY-MM-DD" written in the page's byline or <time>, or ""."""
    head = html[:_WINDOW]
    m = _TIME.search(head)
    if m and (found := iso_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))):
        return found
    for named in _NAMED.finditer(head):
        value = named.group(1)
        if not _BYLINE.search(value) or "comment" in value.lower():
            continue  # a comment's date is not the article's
        opened = head.find(">", named.end(), named.end() + 2000)
        if opened == -1:
            continue
        text = " ".join(_TAG.sub(" ", head[opened + 1:opened + 401]).split())
        if found := written_date(text):
            return found
    # a line under the headline that is only a date: a press release's "<h1>…</h1><p><em>10.11.2021</em></p>"
    h1 = _H1_END.search(head)
    if h1 is not None and (line := _FIRST_TEXT.match(head, h1.end())) is not None:
        text = " ".join(line.group(1).split())
        if len(text) <= 40 and (found := written_date(text)):
            return found
    return ""

