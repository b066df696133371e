"""A Workspace: the open articles, the store, and where each annotation sits now.

This is what the TUI and the CLI talk to. It anchors annotations when an article is
opened, keeps the anchors current as the store changes, and offers the operations a
reader performs (highlight, tag, note, link), each as one undoable store change.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from reader.core.anchoring import ORPHAN, REANCHORED, Anchor, anchor, describe, quote_of
from reader.core.document import Document
from reader.core.errors import ReaderError
from reader.core.records import BUILTIN_TAGS, clean_tag, note_tags
from reader.core.store import Store


@dataclass(frozen=True)
class Highlight:
    start: int
    end: int
    ann: dict


@dataclass(frozen=True)
class ArticleChange:
    doc: Document
    reanchored: int
    orphans: int


class Workspace:
    def __init__(self, store: Store, docs: list[Document]) -> None:
        self.store = store
        self.docs = docs
        self._by_key = {d.key: d for d in docs}
        self._anchors: dict[str, tuple[dict, Anchor]] = {}
        self._highlights: dict[str, list[Highlight]] = {}
        self._highlight_starts: dict[str, list[int]] = {}
        self._longest: dict[str, int] = {}
        self.changes: list[ArticleChange] = []
        self._reanchor_all()
        self.changes = self._detect_changes()
        store.listeners.append(self._on_store_change)

    # --- anchoring -----------------------------------------------------------------------
    def doc(self, key: str) -> Document | None:
        return self._by_key.get(key)

    def _reanchor_all(self) -> None:
        for doc in self.docs:
            self._reanchor(doc)

    def _reanchor(self, doc: Document) -> None:
        cache = self._anchors
        hls = []
        for ann in self.store.annotations_of(doc.key):
            cached = cache.get(ann["id"])
            if cached is None or cached[0] != ann["target"]:
                cached = (ann["target"], anchor(doc, ann["target"]))
                cache[ann["id"]] = cached
            a = cached[1]
            if not a.is_orphan:
                hls.append(Highlight(a.start, a.end, ann))
        hls.sort(key=lambda h: (h.start, -h.end))
        self._highlights[doc.key] = hls
        self._highlight_starts[doc.key] = [h.start for h in hls]
        self._longest[doc.key] = max((h.end - h.start for h in hls), default=0)

    def _on_store_change(self) -> None:
        live = self.store.records["annotations"]
        for rid in [r for r in self._anchors if r not in live]:
            del self._anchors[rid]
        self._reanchor_all()

    def _detect_changes(self) -> list[ArticleChange]:
        out = []
        for doc in self.docs:
            info = self.store.document_info(doc.key)
            anns = self.store.annotations_of(doc.key)
            if info and anns and info.get("fingerprint") != doc.fingerprint:
                states = [self.anchor_of(a["id"]).status for a in anns]
                out.append(ArticleChange(doc, states.count(REANCHORED), states.count(ORPHAN)))
        return out

    def remember_documents(self) -> None:
        """Record each article's current text, so a later change is reported once. One write."""
        if not self.store.read_only:
            self.store.remember_documents([(d.key, d.title, d.path, d.fingerprint) for d in self.docs])

    def anchor_of(self, ann_id: str) -> Anchor:
        cached = self._anchors.get(ann_id)
        if cached is None:
            ann = self.store.annotation(ann_id)
            doc = self.doc(ann["doc"]) if ann else None
            if doc is None:
                return Anchor(0, 0, ORPHAN)
            cached = (ann["target"], anchor(doc, ann["target"]))
            self._anchors[ann_id] = cached
        return cached[1]

    # --- reading ----------------------------------------------------------------------------
    def highlights(self, doc: Document) -> list[Highlight]:
        return self._highlights.get(doc.key, [])

    def highlights_between(self, doc: Document, start: int, end: int) -> list[Highlight]:
        """Highlights overlapping [start, end), in start order."""
        hls = self.highlights(doc)
        if not hls:
            return []
        starts = self._highlight_starts[doc.key]
        i = bisect_right(starts, end)
        # Only highlights starting within the longest one's length can reach `start`.
        lo = bisect_right(starts, start - self._longest[doc.key] - 1)
        return [h for h in hls[lo:i] if h.end > start]

    def annotations_in_order(self, doc: Document) -> tuple[list[Highlight], list[dict]]:
        """Anchored highlights in reading order, and the orphans."""
        orphans = [a for a in self.store.annotations_of(doc.key) if self.anchor_of(a["id"]).is_orphan]
        orphans.sort(key=lambda a: a.get("created", ""))
        return list(self.highlights(doc)), orphans

    def highlight_at(self, doc: Document, start: int, end: int | None = None) -> Highlight | None:
        """The highlight with exactly this span, or else the innermost one containing start."""
        best = None
        for h in self.highlights_between(doc, start, (end or start) + 1):
            if end is not None and (h.start, h.end) == (start, end):
                return h
            if h.start <= start < h.end and (best is None or h.end - h.start < best.end - best.start):
                best = h
        return best

    def tags_in_use(self) -> list[str]:
        seen = dict.fromkeys(BUILTIN_TAGS)
        for a in self.store.annotations_of():
            seen.update(dict.fromkeys(a.get("tags", [])))
        return list(seen)

    def quote(self, ann: dict) -> str:
        a = self.anchor_of(ann["id"])
        doc = self.doc(ann["doc"])
        if doc is not None and not a.is_orphan:
            return doc.text[a.start:a.end]
        return quote_of(ann["target"])

    def partners(self, ann_id: str) -> list[tuple[dict, dict]]:
        """(link, other annotation) for every link of ann_id."""
        out = []
        for link in self.store.links_of(ann_id):
            other_id = link["target"] if link["source"] == ann_id else link["source"]
            other = self.store.annotation(other_id)
            if other is not None:
                out.append((link, other))
        return out

    # --- writing ----------------------------------------------------------------------------
    def highlight(self, doc: Document, start: int, end: int, tags=(), note: str = "") -> dict:
        """The annotation on exactly [start, end), created if missing."""
        h = self.highlight_at(doc, start, end)
        if h is not None and (h.start, h.end) == (start, end):
            return self.store.annotation(h.ann["id"])
        if not doc.text[start:end].strip():
            raise ReaderError("nothing to highlight there")
        ann = self.store.add_annotation(doc.key, describe(doc, start, end), tags, note)
        self._reanchor(doc)  # visible at once, even inside a larger transaction
        return ann

    def add_tag(self, doc: Document, span: tuple[int, int], tag: str) -> dict:
        name = clean_tag(tag)
        if not name:
            raise ReaderError(f"{tag!r} is not a usable tag name")
        with self.store.transaction(f"tag {name}"):
            ann = self.highlight(doc, *span)
            if name not in ann["tags"]:
                ann = self.store.update_annotation(ann["id"], tags=ann["tags"] + [name])
        return ann

    def remove_tag(self, ann_id: str, tag: str) -> dict:
        ann = self.store.annotation(ann_id)
        return self.store.update_annotation(ann_id, f"untag {tag}", tags=[t for t in ann["tags"] if t != tag])

    def set_note(self, ann_id: str, note: str) -> dict:
        ann = self.store.annotation(ann_id)
        tags, text = note_tags(note)
        merged = ann["tags"] + [t for t in tags if t not in ann["tags"]]
        return self.store.update_annotation(ann_id, "edit note", note=text.strip("\n"), tags=merged)

    def link(self, a: tuple[Document, tuple[int, int]], b: tuple[Document, tuple[int, int]], relation: str, note: str = "") -> dict:
        """Link two passages, creating their highlights where missing: one undo step."""
        with self.store.transaction(f"link {relation}") as step:
            src = self.highlight(a[0], *a[1])
            dst = self.highlight(b[0], *b[1])
            if src["id"] == dst["id"]:
                raise ReaderError("a passage cannot be linked to itself")
            rec = self.store.add_link(src["id"], dst["id"], relation, note)
            step.label = f"link {relation}"
        return rec
