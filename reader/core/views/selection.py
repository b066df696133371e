"""A keyboard selection over a Document: an anchor passage and a moving head. Immutable.

``v`` anchors the selection on the cursor's sentence (or on a search's match there);
``j``/``k`` move the head by sentence, ``w``/``b`` by word, and ``W``/``B`` move its start
by word, so a quotation can begin inside a sentence. The selection always holds at least
its anchor (a sentence, or its first word once moved by word), so it is never empty; a word
move takes in the closing quote, bracket or punctuation that ends the word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from reader.core.text.document import Document, Span

_WORD = re.compile(r"\w[\w'\u2019-]*")
_CLOSERS = "\"'\u201d\u2019\u00bb)]}.,;:!?\u2026"


@dataclass(frozen=True)
class Selection:
    doc: Document
    anchor_start: int
    anchor_end: int
    head: int

    @classmethod
    def at(cls, doc: Document, span: Span) -> Selection:
        return cls(doc, span[0], span[1], span[1])

    @property
    def span(self) -> Span:
        s = min(self.anchor_start, self.head)
        e = max(self.anchor_end, self.head)
        text = self.doc.text
        while e > s and text[e - 1].isspace():
            e -= 1
        while s < e and text[s].isspace():
            s += 1
        return s, e

    def cursor_after(self) -> Span:
        """The sentence the cursor goes to when the selection ends: where the head is."""
        if self.head < self.anchor_start:
            return self.doc.sentence_at(self.head)[2]
        return self.doc.sentence_at(max(0, self.head - 1))[2]

    def extend_sentence(self, step: int) -> Selection:
        doc, head = self.doc, self.head
        if step > 0:
            if head < self.anchor_start:
                nxt = doc.next_sentence(head)[0]
                head = min(nxt, self.anchor_start) if nxt > head else self.anchor_start
            else:
                base = max(head, self.anchor_end)
                own = doc.sentence_at(max(base - 1, 0))[2]
                if own[1] > base and doc.text[base:own[1]].strip():
                    end = own[1]  # inside a sentence (begun on a search's words): to its end first
                else:
                    end = doc.next_sentence(max(base - 1, 0))[1]
                head = max(base, end)
        else:
            if head > self.anchor_end:
                prev_end = doc.next_sentence(head - 1, -1)[1]
                head = max(prev_end if prev_end < head else self.anchor_end, self.anchor_end)
            else:
                base = min(head, self.anchor_start)
                head = min(doc.next_sentence(base, -1)[0], base)
        return replace(self, head=head)

    def extend_word(self, step: int) -> Selection:
        text = self.doc.text
        first = _WORD.search(text, self.anchor_start, max(self.anchor_end, self.anchor_start + 1))
        anchor_end = _with_closers(text, first.end()) if first else self.anchor_end
        anchor_end = min(anchor_end, max(self.anchor_end, self.anchor_start + 1))
        head = max(self.head, anchor_end) if self.head >= self.anchor_start else self.head
        if step > 0:
            m = _WORD.search(text, head)
            head = _with_closers(text, m.end()) if m else len(text)
        elif head > anchor_end:
            last = None
            for m in _WORD.finditer(text, anchor_end, head):
                if _with_closers(text, m.end()) < head:
                    last = m
            head = _with_closers(text, last.end()) if last else anchor_end
        else:
            prev = None
            for m in _WORD.finditer(text, max(0, head - 400), head):
                prev = m
            head = prev.start() if prev else head
        return Selection(self.doc, self.anchor_start, anchor_end, head)


    def move_start_word(self, step: int) -> Selection:
        """The selection with its start one word later (step 1: "W") or earlier (-1: "B"),
        its end where it was; it keeps at least one word."""
        text = self.doc.text
        start, end = self.span
        if step > 0:
            here = _WORD.search(text, start, end)
            nxt = _WORD.search(text, here.end(), end) if here else None
            if nxt is None:
                return self  # one word left: it stays
            start = nxt.start()
        else:
            prev = None
            for m in _WORD.finditer(text, max(0, start - 400), start):
                prev = m
            if prev is None:
                return self
            start = prev.start()
        first = _WORD.search(text, start, max(end, start + 1))
        anchor_end = min(_with_closers(text, first.end()) if first else end, end)
        return Selection(self.doc, start, anchor_end, end)


def _with_closers(text: str, end: int) -> int:
    while end < len(text) and text[end] in _CLOSERS:
        end += 1
    return end
