"""A frozen copy of what exports read from a workspace: safe to hand to a worker thread.

Records are never changed in place, so a snapshot needs only new containers: copying
the lists and dicts that hold them costs microseconds per thousand annotations, and the
worker can then render for as long as it takes while the reader goes on changing the
store.
"""

from __future__ import annotations

from typing import Protocol

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


class WorkspaceSnapshot:
    def __init__(self, ws: Workspace) -> None:
        store = ws.store
        self.docs = list(ws.docs)
        self._by_key = ws.documents_by_key()
        self._order = {d.key: ws.annotations_in_order(d) for d in self.docs}
        ids = {h.id for hls, _o in self._order.values() for h in hls} | {
            a["id"] for _h, orphans in self._order.values() for a in orphans}
        links = {}
        by_ann: dict[str, tuple[str, ...]] = {}
        for ann_id in ids:
            own = store.links_of(ann_id)
            by_ann[ann_id] = tuple(lk["id"] for lk in own)
            for lk in own:
                links[lk["id"]] = lk
        anns: dict[str, Annotation] = {}
        for lk in links.values():
            for end in (lk["source"], lk["target"]):
                a = store.annotation(end)
                if a is not None:
                    anns[end] = a
                    by_ann.setdefault(end, tuple(x["id"] for x in store.links_of(end) if x["id"] in links))
        for hls, orphans in self._order.values():
            for h in hls:
                anns[h.id] = h.ann
            for a in orphans:
                anns[a["id"]] = a
        self._anchors = {a: ws.anchor_of(a) for a in anns}
        self._store = StoreSnapshot(anns, links, by_ann)

    @property
    def store(self) -> StoreSnapshot:
        return self._store

    def doc(self, key: str) -> Document | None:
        return self._by_key.get(key)

    def annotations_in_order(self, doc: Document) -> tuple[list[Highlight], list[Annotation]]:
        return self._order.get(doc.key, ([], []))

    def anchor_of(self, ann_id: str) -> Anchor:
        return self._anchors.get(ann_id, ORPHAN_ANCHOR)

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
    return WorkspaceSnapshot(ws)
