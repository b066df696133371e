"""A page's date from its byline, when its metadata gives none.

trafilatura (htmldate) reads a page's date from its metadata and markup; its quick search
knows years of this and the last century only, so an archive's page of 1788 ("By Publius ·
May 28, 1788", in a ``<p class="meta">``) had no date, though the same page dated 2018 had.
Its extensive search reads dates anywhere in the text, which the reader does not want (a
date the article mentions is not the article's). So this looks only where a page says when
it was written: a ``<time datetime=…>``, and an element whose class, id or itemprop names a
byline, dateline or publication date, and reads the first date written there.
"""

from __future__ import annotations

import re
from datetime import date

_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")
_MONTH = r"(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|" \
         r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_WRITTEN = [
    (re.compile(_MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", re.I), (1, 2, 3)),  # May 28, 1788
    (re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r",?\s+(\d{4})\b", re.I), (2, 1, 3)),  # 28 May 1788
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), (0, 0, 0)),  # 1788-05-28
]
_TIME = re.compile(r"<time\b[^>]*\bdatetime=[\"'](\d{4})-(\d{2})-(\d{2})", re.I)
_NAMED = re.compile(r"\b(?:class|id|itemprop)=[\"']([^\"'<>]{0,200})[\"']", re.I)
_BYLINE = re.compile(r"\b(?:byline|dateline|date|datePublished|meta|posted|published|pubdate|timestamp)\b", re.I)
_TAG = re.compile(r"<[^>]*>")
_WINDOW = 300_000  # the head and the top of the body: where a byline is


def byline_date(html: str) -> str:
    """"YYYY-MM-DD" written in the page's byline or <time>, or ""."""
    head = html[:_WINDOW]
    m = _TIME.search(head)
    if m and (found := _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)))):
        return found
    for named in _NAMED.finditer(head):
        value = named.group(1)
        if not _BYLINE.search(value) or "comment" in value.lower():
            continue  # a comment's date is not the article's
        opened = head.find(">", named.end(), named.end() + 2000)
        if opened == -1:
            continue
        text = " ".join(_TAG.sub(" ", head[opened + 1:opened + 401]).split())
        for pattern, order in _WRITTEN:
            d = pattern.search(text)
            if d is None:
                continue
            if order == (0, 0, 0):
                y, mo, dy = int(d.group(1)), int(d.group(2)), int(d.group(3))
            else:
                mo = _month(d.group(order[0]))
                dy, y = int(d.group(order[1])), int(d.group(order[2]))
            if found := _valid(y, mo, dy):
                return found
    return ""


def _month(name: str) -> int:
    key = name.lower().rstrip(".")[:3]
    return next(i for i, m in enumerate(_MONTHS, 1) if m.startswith(key))


def _valid(y: int, mo: int, dy: int) -> str:
    try:
        d = date(y, mo, dy)
    except ValueError:
        return ""
    return d.isoformat() if y >= 1000 and d <= date.today() else ""
