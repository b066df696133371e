"""A frozen copy of what exports read from a workspace: safe to hand to a worker thread.

Records are never changed in place, so a snapshot needs only new containers: copying
the lists and dicts that hold them costs microseconds per thousand annotations, and the
worker can then render for as long as it takes while the reader goes on changing the
store.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from reader.core.anchors.anchoring import ORPHAN_ANCHOR, Anchor
from reader.core.anchors.selectors import quote_of
from reader.core.services.highlight_index import Highlight
from reader.core.services.workspace import Partner, Workspace
from reader.core.store.records import Annotation, Link
from reader.core.text.document import Document


class StoreView(Protocol):
    def links(self) -> list[Link]: ...
    def links_of(self, ann_id: str) -> list[Link]: ...
    def link_count(self, ann_id: str) -> int: ...
    def annotation(self, ann_id: str) -> Annotation | None: ...


class WorkspaceView(Protocol):
    """What the exports and the dispute map read: a live Workspace or a snapshot."""

    docs: list[Document]

    @property
    def store(self) -> StoreView: ...
    def doc(self, key: str) -> Document | None: ...
    def annotations_in_order(self, doc: Document) -> tuple[list[Highlight], list[Annotation]]: ...
    def anchor_of(self, ann_id: str) -> Anchor: ...
    def quote(self, ann: Annotation) -> str: ...
    def location(self, ann: Annotation) -> tuple[int, int] | None: ...
    def partners(self, ann_id: str) -> list[Partner]: ...


class StoreSnapshot:
    def __init__(self, annotations: dict[str, Annotation], links: dict[str, Link],
                 links_by_ann: dict[str, tuple[str, ...]]) -> None:
        self._annotations = annotations
        self._links = links
        self._by_ann = links_by_ann

    def links(self) -> list[Link]:
        return list(self._links.values())

    def links_of(self, ann_id: str) -> list[Link]:
        return [self._links[r] for r in self._by_ann.get(ann_id, ())]

    def link_count(self, ann_id: str) -> int:
        return len(self._by_ann.get(ann_id, ()))

    def annotation(self, ann_id: str) -> Annotation | None:
        return self._annotations.get(ann_id)


@dataclass(frozen=True)
class Capture:
    """The workspace's containers, copied whole: one C-level copy each, so taking it costs the
    UI thread a few milliseconds at 100,000 annotations (walking them took 0.4 s); a worker
    builds the ``WorkspaceSnapshot`` from it."""

    docs: tuple[Document, ...]
    by_key: dict[str, Document]
    order: dict[str, tuple[list[Highlight], list[Annotation]]]
    links: dict[str, Link]
    annotations: dict[str, Annotation]
    anchors: dict[str, tuple[Any, Anchor]]  # (the target placed, where)


def capture(ws: Workspace) -> Capture:
    store = ws.store
    return Capture(tuple(ws.docs), ws.documents_by_key(), {d.key: ws.annotations_in_order(d) for d in ws.docs},
                   dict(store.records["links"]), dict(store.records["annotations"]),  # type: ignore[arg-type]
                   ws.anchors_copy())


class WorkspaceSnapshot:
    def __init__(self, taken: Capture | Workspace) -> None:
        cap = taken if isinstance(taken, Capture) else capture(taken)
        self.docs = list(cap.docs)
        self._by_key = cap.by_key
        self._order = cap.order
        ids = {h.id for hls, _o in self._order.values() for h in hls} | {
            a["id"] for _h, orphans in self._order.values() for a in orphans}
        # The links of these annotations, from the links read (a few thousand), not by asking
        # for each of 100,000 annotations.
        links = {lid: lk for lid, lk in cap.links.items() if lk["source"] in ids or lk["target"] in ids}
        ends: dict[str, list[str]] = {}
        for lid in sorted(links):
            lk = links[lid]
            for end in (lk["source"], lk["target"]):
                ends.setdefault(end, []).append(lid)
        by_ann = {a: tuple(lids) for a, lids in ends.items()}
        anns: dict[str, Annotation] = {}
        for end in ends:
            a = cap.annotations.get(end)
            if a is not None:
                anns[end] = a
        for hls, orphans in self._order.values():
            for h in hls:
                anns[h.id] = h.ann
            for a in orphans:
                anns[a["id"]] = a
        # not placed (an article not open, or still being placed by a worker): an orphan here
        self._anchors = cap.anchors
        self._store = StoreSnapshot(anns, links, by_ann)

    @property
    def store(self) -> StoreSnapshot:
        return self._store

    def doc(self, key: str) -> Document | None:
        return self._by_key.get(key)

    def annotations_in_order(self, doc: Document) -> tuple[list[Highlight], list[Annotation]]:
        return self._order.get(doc.key, ([], []))

    def anchor_of(self, ann_id: str) -> Anchor:
        placed = self._anchors.get(ann_id)
        return placed[1] if placed is not None else ORPHAN_ANCHOR

    def quote(self, ann: Annotation) -> str:
        a = self.anchor_of(ann["id"])
        doc = self.doc(ann["doc"])
        if doc is not None and not a.is_orphan:
            return doc.text[a.start:a.end]
        return quote_of(ann["target"])

    def location(self, ann: Annotation) -> tuple[int, int] | None:
        a = self.anchor_of(ann["id"])
        doc = self.doc(ann["doc"])
        return doc.location(a.start) if doc is not None and not a.is_orphan else None

    def partners(self, ann_id: str) -> list[Partner]:
        out = []
        for link in self._store.links_of(ann_id):
            outgoing = link["source"] == ann_id
            other = self._store.annotation(link["target"] if outgoing else link["source"])
            if other is not None:
                out.append(Partner(link, other, self.anchor_of(other["id"]), outgoing))
        return out


def freeze(ws: Workspace) -> WorkspaceSnapshot:
    """A snapshot at once (tests, the command line); the TUI takes a ``capture`` on its
    thread and builds the snapshot in a worker."""
    return WorkspaceSnapshot(capture(ws))
