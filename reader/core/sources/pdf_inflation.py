"""How far a PDF's compressed streams expand, measured before PDFium reads them.

A PDF of 1 MB can hold a page whose contents, compressed with Flate, expand to 1 GB: PDFium
then took 2 GB of memory to read its text, and with less to hand it aborted (SIGABRT) and
the reader died with no word. ``check_inflation`` inflates each Flate stream that PDFium
would read for text (page contents, fonts, object streams; not images, which text never
needs) into nothing, counting, and stops at a bound: ArticleError (65) when one stream or
all of them together expand past it. Nothing is kept, so the check itself needs little
memory; a real document's such streams come to a few MB, and take milliseconds.
"""

from __future__ import annotations

import re
import zlib

from reader.core.errors import EX_DATAERR, ArticleError

STREAM_CAP = 64 << 20  # one stream: a page's contents are never near this
TOTAL_CAP = 256 << 20  # all of them
_CHUNK = 1 << 16
_STREAM = re.compile(rb"stream\r?\n")


def check_inflation(data: bytes, name: str) -> None:
    """ArticleError when the PDF's text-bearing Flate streams expand past the bounds."""
    if b"FlateDecode" not in data:
        return
    total = 0
    for m in _STREAM.finditer(data):
        start = m.end()
        head = data[max(0, m.start() - 2048):m.start()]
        if not head.rstrip().endswith(b">>"):
            continue  # "stream" inside other bytes, not a stream's start
        dictionary = head[head.rfind(b"obj") + 3:] if b"obj" in head else head
        if b"FlateDecode" not in dictionary:
            continue
        if b"/Image" in dictionary:
            continue  # an image: PDFium never inflates it to read text
        size = _inflated_size(data, start, STREAM_CAP + 1)
        total += size
        if size > STREAM_CAP or total > TOTAL_CAP:
            raise ArticleError(f"{name}: the PDF's compressed contents expand to more than "
                               f"{(STREAM_CAP if size > STREAM_CAP else TOTAL_CAP) >> 20} MB "
                               "(a \"zip bomb\"?); it is not read", EX_DATAERR)


def _inflated_size(data: bytes, start: int, cap: int) -> int:
    """How many bytes the zlib stream at ``start`` inflates to, counting no further than cap;
    0 when it is not one (encrypted, or another filter first)."""
    d = zlib.decompressobj()
    size = 0
    pos = start
    try:
        while pos < len(data) and not d.eof and size < cap:
            out = d.decompress(data[pos:pos + _CHUNK], cap - size)
            size += len(out)
            pos += _CHUNK
            while d.unconsumed_tail and size < cap:  # output held back by the max_length
                out = d.decompress(d.unconsumed_tail, cap - size)
                if not out:
                    break
                size += len(out)
    except zlib.error:
        return size
    return size
