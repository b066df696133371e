"""Where the highlights of one article are: in reading order, and by position.

Drawing a row asks "which highlights overlap these 80 characters?" for every row on
screen, so that question must not grow with the number of highlights or with the
length of one of them. Highlights are filed in buckets of ``BUCKET`` characters (each in
every bucket it covers); the very long ones, which would fill many buckets, are kept on
a short list checked on every question. Insertion and removal are incremental.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from dataclasses import dataclass, field
from operator import attrgetter

from reader.core.store.records import Annotation

BUCKET = 1024
LONG = 64 * BUCKET  # longer highlights go on the long list


@dataclass(frozen=True, order=True)
class Highlight:
    start: int
    neg_end: int  # orders an outer highlight before the inner ones that start with it
    id: str
    ann: Annotation = field(compare=False)

    @property
    def end(self) -> int:
        return -self.neg_end

    @property
    def tags(self) -> list[str]:
        return self.ann.get("tags") or []


# Highlights' reading order as a plain tuple: sorting and bisecting by it compare in C, where
# the dataclass's own ordering would call Python for every comparison (10,000 highlights
# filed at start made 120,000 such calls).
ORDER = attrgetter("start", "neg_end", "id")


def make_highlight(start: int, end: int, ann: Annotation) -> Highlight:
    return Highlight(start, -end, ann["id"], ann)


class HighlightIndex:
    def __init__(self) -> None:
        self.ordered: list[Highlight] = []
        self._by_id: dict[str, Highlight] = {}
        self._buckets: dict[int, list[Highlight]] = {}
        self._long: list[Highlight] = []

    def __len__(self) -> int:
        return len(self.ordered)

    def get(self, ann_id: str) -> Highlight | None:
        return self._by_id.get(ann_id)

    def add(self, h: Highlight) -> None:
        self.remove(h.id)
        insort(self.ordered, h, key=ORDER)
        self._place(h)

    def _place(self, h: Highlight) -> None:
        """File h by id, and in the buckets of its span (or among the long ones)."""
        self._by_id[h.id] = h
        if h.end - h.start > LONG:
            self._long.append(h)
            return
        for b in range(h.start // BUCKET, max(h.start, h.end - 1) // BUCKET + 1):
            self._buckets.setdefault(b, []).append(h)

    def add_many(self, highlights: list[Highlight]) -> None:
        """File many new highlights at once: one sort, not one insertion each (100,000
        highlights filed one by one moved the list 100,000 times)."""
        seen: dict[str, Highlight] = {}
        for h in highlights:
            if h.id in self._by_id:
                self.add(h)  # already filed: moved, as add() moves it
            else:
                seen[h.id] = h  # the last of one id wins, as add() would leave it
        self.ordered.extend(seen.values())
        self.ordered.sort(key=ORDER)
        for h in seen.values():
            self._place(h)

    def remove(self, ann_id: str) -> Highlight | None:
        h = self._by_id.pop(ann_id, None)
        if h is None:
            return None
        i = bisect_left(self.ordered, ORDER(h), key=ORDER)
        if i < len(self.ordered) and self.ordered[i].id == h.id:
            del self.ordered[i]
        else:  # equal keys cannot happen (ids differ), but never leave a stale entry
            self.ordered = [x for x in self.ordered if x.id != h.id]
        if h.end - h.start > LONG:
            self._long = [x for x in self._long if x.id != h.id]
            return h
        for b in range(h.start // BUCKET, max(h.start, h.end - 1) // BUCKET + 1):
            bucket = self._buckets.get(b)
            if bucket is not None:
                bucket[:] = [x for x in bucket if x.id != h.id]
                if not bucket:
                    del self._buckets[b]
        return h

    def between(self, start: int, end: int) -> list[Highlight]:
        """Highlights overlapping [start, end), outer before inner, in reading order."""
        found: dict[str, Highlight] = {}
        for b in range(start // BUCKET, max(start, end - 1) // BUCKET + 1):
            for h in self._buckets.get(b, ()):
                if h.start < end and h.end > start:
                    found[h.id] = h
        for h in self._long:
            if h.start < end and h.end > start:
                found[h.id] = h
        return sorted(found.values(), key=ORDER)

    def after(self, offset: int) -> list[Highlight]:
        """Highlights starting after offset, in reading order."""
        return self.ordered[bisect_left(self.ordered, offset + 1, key=lambda h: h.start):]

    def before(self, offset: int) -> list[Highlight]:
        """Highlights starting before offset, in reading order."""
        return self.ordered[:bisect_left(self.ordered, offset, key=lambda h: h.start)]
