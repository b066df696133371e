"""A keyboard selection over a Document: an anchor sentence and a moving head."""

from __future__ import annotations

from dataclasses import dataclass

from reader.core.document import Document


@dataclass
class Selection:
    """Selects from the anchor passage to the head: ``v`` anchors, j/k and w/b move the head."""

    doc: Document
    anchor_start: int
    anchor_end: int
    head: int

    @classmethod
    def at(cls, doc: Document, span: tuple[int, int]) -> "Selection":
        return cls(doc, span[0], span[1], span[1])

    @property
    def span(self) -> tuple[int, int]:
        s = min(self.anchor_start, self.head)
        e = max(self.anchor_end, self.head)
        text = self.doc.text
        while e > s and text[e - 1].isspace():
            e -= 1
        while s < e and text[s].isspace():
            s += 1
        return s, e

    def extend_sentence(self, step: int) -> None:
        doc = self.doc
        if step > 0:
            if self.head < self.anchor_start:
                nxt = doc.next_sentence(self.head)[0]
                self.head = min(nxt, self.anchor_start) if nxt > self.head else self.anchor_start
            else:
                base = max(self.head, self.anchor_end)
                self.head = max(base, doc.next_sentence(max(base - 1, 0))[1])
        else:
            if self.head > self.anchor_end:
                prev_end = doc.next_sentence(self.head - 1, -1)[1]
                self.head = max(prev_end if prev_end < self.head else self.anchor_end, self.anchor_end)
            else:
                base = min(self.head, self.anchor_start)
                start = doc.next_sentence(base, -1)[0]
                self.head = min(start, base)

    def extend_word(self, step: int) -> None:
        self.anchor_end = self.anchor_start  # word moves work from the anchor's start
        self.head = self.doc.word_step(self.head, step)

    @property
    def text(self) -> str:
        s, e = self.span
        return self.doc.text[s:e]
