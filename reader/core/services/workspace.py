"""A Workspace: the open articles, the store, and where each annotation sits now.

This is what the TUI and the CLI talk to. It anchors annotations when an article is
opened, keeps the anchors current as the store changes (only the records a change names
are anchored again), and offers the operations a reader performs (highlight, tag, note,
link), each as one undoable store change.

Anchoring an article that changed since it was annotated can be slow (the quotes must be
searched for). ``defer_changed=True`` leaves those annotations out at first and hands
them out as immutable ``AnchorJob``s, for a worker to place after the first paint;
whatever is placed is remembered in the store, so the search happens once per edit.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import cast

from reader.core.anchors.anchoring import ANCHORED, ORPHAN, ORPHAN_ANCHOR, REANCHORED, Anchor, Drift, anchor_fast
from reader.core.anchors.selectors import describe, position_selector, quote_of, target_hash
from reader.core.errors import ReaderError, StoreError
from reader.core.gc_pause import gc_paused
from reader.core.services.highlight_index import Highlight, HighlightIndex, make_highlight
from reader.core.store.history import Record, Step
from reader.core.store.records import (
    BUILTIN_TAGS,
    TAG_RULE,
    AnchorMemo,
    Annotation,
    DocumentInfo,
    Link,
    Target,
    clean_tag,
    note_tags,
)
from reader.core.store.relations import RELATIONS
from reader.core.store.store import Store
from reader.core.text.document import Document, Span, label_apart

_OPENING = "\"'\u201c\u2018\u00ab\u2039([{\u300c\u300e"
_CLOSING = "\"'\u201d\u2019\u00bb\u203a)]}\u300d\u300f"


def inner_span(text: str, span: Span) -> Span:
    """A sentence's span without the quotation marks, brackets and spaces at its ends."""
    s, e = span
    while s < e and (text[s] in _OPENING or text[s].isspace()):
        s += 1
    while e > s and (text[e - 1] in _CLOSING or text[e - 1].isspace()):
        e -= 1
    return (s, e) if s < e else span


@dataclass(frozen=True)
class ArticleChange:
    doc: Document
    reanchored: int
    orphans: int
    pending: int = 0
    unchanged: int = 0  # found where and as they were: the edit was elsewhere


@dataclass(frozen=True)
class MovedArticle:
    """Annotations found by fingerprint: made on ``old_key``, a file that is gone, whose text
    is exactly this article's. ``followed``: re-keyed in the store (else shown, read-only)."""

    doc: Document
    old_key: str
    count: int
    followed: bool

    @property
    def message(self) -> str:
        noun = "annotation" if self.count == 1 else "annotations"
        if self.followed:
            return (f"{self.doc.name}: {self.count} {noun} made when it was at {self.old_key} (the same text) "
                    "now follow it here")
        return (f"{self.doc.name}: {self.count} {noun} made when it was at {self.old_key} (the same text) are "
                "shown here; a session that can write will move them over")


@dataclass(frozen=True)
class Partner:
    """The other end of a link, seen from one passage."""

    link: Link
    other: Annotation
    anchor: Anchor  # where the other passage is now (an orphan if its article is not open)
    outgoing: bool  # this passage is the link's source: "this <relation> other"

    @property
    def verb(self) -> str:
        rel = RELATIONS[self.link["relation"]]
        return rel.name if self.outgoing else rel.passive


@dataclass(frozen=True)
class AnchorJob:
    """An annotation to place in a changed article: immutable, safe to hand to a worker."""

    doc: Document
    ann_id: str
    target: Target


def run_anchor_jobs(jobs: list[AnchorJob], progress: Callable[[int, int], None] | None = None,
                    cancelled: Callable[[], bool] | None = None) -> list[tuple[str, str, Anchor]]:
    """Place each job's passage: (annotation id, target hash, anchor). Pure: for a worker."""
    out = []
    drifts: dict[str, Drift] = {}
    for i, job in enumerate(jobs):
        if cancelled is not None and cancelled():
            break
        drift = drifts.setdefault(job.doc.key, Drift())
        out.append((job.ann_id, target_hash(job.target), drift.anchor(job.doc, job.target)))
        if progress is not None and (i % 20 == 19 or i == len(jobs) - 1):
            progress(i + 1, len(jobs))
    return out


class Workspace:
    def __init__(self, store: Store, docs: list[Document], *, defer_changed: bool = False) -> None:
        self.store = store
        self.docs = docs
        label_apart(docs)  # two articles of one name are told apart in every view and export
        self._filing: dict[str, list[Highlight]] | None = None
        self._by_key = {d.key: d for d in docs}
        self._anchors: dict[str, tuple[Target, Anchor]] = {}
        self._index: dict[str, HighlightIndex] = {d.key: HighlightIndex() for d in docs}
        self._orphans: dict[str, dict[str, Annotation]] = {d.key: {} for d in docs}
        self._jobs: dict[str, AnchorJob] = {}
        self._memos: list[Record] = []
        self._drifts: dict[tuple[str, str], Drift] = {}  # (article, fingerprint) -> shifts seen
        # Told after each change: the step, and per article the spans it touched (to redraw).
        self.listeners: list[Callable[[Step, dict[str, list[Span]]], None]] = []
        self._aliases: dict[str, list[str]] = {d.key: [] for d in docs}  # old keys of moved articles
        self._changed: dict[str, tuple[str, bool]] = {}  # key -> (fingerprint, changed since last seen)
        self._tags: list[str] | None = None  # tags_in_use, until something changes
        with gc_paused():  # thousands of records and highlights made at once, none of them cyclic
            store.load_articles([d.key for d in docs])
            self.moved = self._follow_moved()
            self._filing = {d.key: [] for d in docs}  # highlights filed in one sort each
            for doc in docs:
                for ann in self.annotations_of_doc(doc):
                    self._place(doc, ann, defer=defer_changed)
            filing, self._filing = self._filing, None
            for key, highlights in filing.items():
                self._index[key].add_many(highlights)
        self.changes = self._detect_changes()
        self._save_memos()
        store.listeners.append(self._on_store_change)

    # --- articles that moved ------------------------------------------------------------------
    def _follow_moved(self) -> list[MovedArticle]:
        """Find annotations left under the old path of an article that moved.

        The store remembers each article's fingerprint (``documents``). When an article is
        opened by a path whose own key holds nothing of note, and an old key with the same
        fingerprint names a file that is gone, its annotations are this article's: they are
        re-keyed in the store when it can be written (one backed-up change), and in any case
        found under this article for the session.
        """
        out: list[MovedArticle] = []
        infos = list(self.store.records["documents"].values())
        for doc in self.docs:
            if not os.path.isabs(doc.key) or self.store.count_of(doc.key):
                continue  # its own notes: a copy of a deleted file, not that file moved (a third user)
            olds = [str(i["key"]) for i in infos
                    if i.get("fingerprint") == doc.fingerprint and i.get("key") not in self._by_key
                    and isinstance(i.get("key"), str) and os.path.isabs(i["key"]) and "\ufffd" not in i["key"]
                    and not os.path.lexists(i["key"])]
            if not olds:
                continue
            self.store.load_articles(olds)
            for old in olds:
                count = self.store.count_of(old)
                if not count:
                    continue
                followed = False
                if not self.store.read_only:
                    try:
                        followed = self.store.move_article(old, doc.key) > 0
                    except ReaderError:
                        followed = False  # shown for this session all the same
                self._aliases[doc.key].append(old)
                self._by_key[old] = doc
                out.append(MovedArticle(doc, old, count, followed))
        return out

    def annotations_of_doc(self, doc: Document) -> list[Annotation]:
        """The annotations of an open article, with those found under its old path if it moved."""
        anns = self.store.annotations_of(doc.key)
        for old in self._aliases.get(doc.key, ()):
            anns += self.store.annotations_of(old)
        return anns

    def documents_by_key(self) -> dict[str, Document]:
        """Each open article by key, and by the old key of an article that moved."""
        return dict(self._by_key)

    # --- anchoring -----------------------------------------------------------------------
    def doc(self, key: str) -> Document | None:
        return self._by_key.get(key)

    def _place(self, doc: Document, ann: Annotation, defer: bool = False) -> Anchor | None:
        """Anchor ann in doc and file it; None when left for a worker."""
        target = ann["target"]
        a = anchor_fast(doc, target) or self._remembered(doc, ann)
        if a is None:
            if defer:
                self._jobs[ann["id"]] = AnchorJob(doc, ann["id"], target)
                return None
            a = self._drift(doc).anchor(doc, target)
            self._memo(doc, ann["id"], target, a)
        self._file(doc, ann, a)
        return a

    def _drift(self, doc: Document) -> Drift:
        """How far doc's passages moved since they were annotated (per article and text)."""
        key = (doc.key, doc.fingerprint)
        drift = self._drifts.get(key)
        if drift is None:
            drift = self._drifts[key] = Drift()
        return drift

    def _file(self, doc: Document, ann: Annotation, a: Anchor) -> None:
        self._anchors[ann["id"]] = (ann["target"], a)
        self._jobs.pop(ann["id"], None)
        index, orphans = self._index[doc.key], self._orphans[doc.key]
        if a.is_orphan:
            index.remove(ann["id"])
            orphans[ann["id"]] = ann
        else:
            orphans.pop(ann["id"], None)
            if self._filing is not None and doc.key in self._filing:
                self._filing[doc.key].append(make_highlight(a.start, a.end, ann))
            else:
                index.add(make_highlight(a.start, a.end, ann))

    def _remembered(self, doc: Document, ann: Annotation) -> Anchor | None:
        memo = self.store.records["anchors"].get(ann["id"])
        if memo and memo.get("fingerprint") == doc.fingerprint and memo.get("target_hash") == target_hash(ann["target"]):
            return Anchor(memo["start"], memo["end"], memo.get("status", REANCHORED))
        return None

    def _memo(self, doc: Document, ann_id: str, target: Target, a: Anchor) -> None:
        memo: AnchorMemo = {"id": ann_id, "fingerprint": doc.fingerprint, "target_hash": target_hash(target),
                            "start": a.start, "end": a.end, "status": a.status}
        self._memos.append(cast(Record, memo))

    def _save_memos(self) -> None:
        memos, self._memos = self._memos, []
        if not memos:
            return
        try:
            self.store.maintain("remember re-anchoring", [("anchors", m) for m in memos])
        except ReaderError:
            pass  # only a cache: anchoring will simply be searched again next time

    def pending_jobs(self) -> list[AnchorJob]:
        """Annotations of changed articles still to be placed (see ``run_anchor_jobs``)."""
        return list(self._jobs.values())

    def apply_anchors(self, results: Iterable[tuple[str, str, Anchor]]) -> list[str]:
        """File what a worker placed; skip what changed meanwhile. Returns the ids filed."""
        self._tags = None
        done = []
        for ann_id, thash, a in results:
            job = self._jobs.get(ann_id)
            ann = self.store.annotation(ann_id)
            if job is None or ann is None or target_hash(ann["target"]) != thash:
                continue
            self._memo(job.doc, ann_id, ann["target"], a)
            self._file(job.doc, ann, a)
            done.append(ann_id)
        self._save_memos()
        self.changes = self._detect_changes()
        return done

    def _on_store_change(self, step: Step) -> None:
        """Re-anchor only what the step names; then tell our own listeners what it touched."""
        touched: dict[str, list[Span]] = {}
        self._tags = None

        def touch(ann_id: str) -> None:
            cached = self._anchors.get(ann_id)
            ann = self.store.annotation(ann_id)
            if cached is not None and ann is not None and not cached[1].is_orphan:
                touched.setdefault(ann["doc"], []).append((cached[1].start, cached[1].end))

        for ch in step.changes:
            if ch.table == "links":
                for side in (ch.before, ch.after):
                    if side is not None:
                        touch(side["source"])
                        touch(side["target"])
                continue
            if ch.table != "annotations":
                continue
            old_anchor = self._anchors.get(ch.rid)
            if old_anchor is not None and not old_anchor[1].is_orphan and ch.before is not None:
                touched.setdefault(ch.before["doc"], []).append((old_anchor[1].start, old_anchor[1].end))
            rec = cast("Annotation | None", ch.after)
            old = cast("Annotation | None", ch.before)
            basis = rec or old
            doc = self.doc(basis["doc"]) if basis is not None else None
            if rec is None:
                self._anchors.pop(ch.rid, None)
                self._jobs.pop(ch.rid, None)
                if doc is not None:
                    self._index[doc.key].remove(ch.rid)
                    self._orphans[doc.key].pop(ch.rid, None)
                continue
            if doc is None:
                self._anchors.pop(ch.rid, None)
                continue
            cached = self._anchors.get(ch.rid)
            if cached is not None and cached[0] == rec["target"]:
                self._file(doc, rec, cached[1])
            else:
                self._place(doc, rec)
            touch(ch.rid)
        self._save_memos()
        for fn in list(self.listeners):
            fn(step, touched)

    def _detect_changes(self) -> list[ArticleChange]:
        """The open articles whose text changed since last seen, with what became of their
        annotations. Which ones changed is decided once (and again for a swapped version):
        remembering the new text at start must not hide the re-anchoring still under way."""
        out = []
        for doc in self.docs:
            changed = self._changed.get(doc.key)
            if changed is None or changed[0] != doc.fingerprint:
                info = self.store.document_info(doc.key)
                differs = info is not None and info.get("fingerprint") != doc.fingerprint
                changed = self._changed[doc.key] = (doc.fingerprint, differs)
            anns = self.annotations_of_doc(doc)
            if changed[1] and anns:
                states = [self._anchors[a["id"]][1].status for a in anns if a["id"] in self._anchors]
                pending = sum(1 for a in anns if a["id"] in self._jobs)
                out.append(ArticleChange(doc, states.count(REANCHORED), states.count(ORPHAN), pending,
                                         states.count(ANCHORED)))
        return out

    def remember_documents(self) -> None:
        """Record each article's current text, so a later change is reported once."""
        infos: list[DocumentInfo] = []
        for d in self.docs:
            info: DocumentInfo = {"id": d.key, "key": d.key, "title": d.title, "path": d.path, "fingerprint": d.fingerprint}
            if d.meta.get("url"):
                info["url"] = d.meta["url"]
            if d.meta.get("outlet"):
                info["outlet"] = d.meta["outlet"]
            if d.meta.get("date"):
                info["date"] = d.meta["date"]
            infos.append(info)
        self.store.remember_documents(infos)

    def anchors_copy(self) -> dict[str, tuple[Target, Anchor]]:
        """Where every placed annotation is now, with the target it was placed for: one C-level
        copy (for a snapshot handed to a worker)."""
        return dict(self._anchors)

    def anchor_of(self, ann_id: str) -> Anchor:
        cached = self._anchors.get(ann_id)
        if cached is not None:
            return cached[1]
        ann = self.store.annotation(ann_id)
        doc = self.doc(ann["doc"]) if ann else None
        if ann is None or doc is None or ann_id in self._jobs:
            return ORPHAN_ANCHOR
        return self._place(doc, ann) or ORPHAN_ANCHOR

    def is_pending(self, ann_id: str) -> bool:
        return ann_id in self._jobs

    def swap_document(self, doc: Document) -> None:
        """Show another version of an open article (same key): its annotations are placed again,
        the slow ones left as jobs for a worker (``pending_jobs``)."""
        self._tags = None
        for i, d in enumerate(self.docs):
            if d.key == doc.key:
                self.docs[i] = doc
                break
        else:
            raise ReaderError(f"{doc.name} is not open")
        self._by_key[doc.key] = doc
        self._index[doc.key] = HighlightIndex()
        self._orphans[doc.key] = {}
        for ann in self.store.annotations_of(doc.key):
            self._anchors.pop(ann["id"], None)
            self._jobs.pop(ann["id"], None)
            self._place(doc, ann, defer=True)
        self._save_memos()
        self.changes = self._detect_changes()

    # --- reading ----------------------------------------------------------------------------
    def highlights(self, doc: Document) -> list[Highlight]:
        index = self._index.get(doc.key)
        return index.ordered if index is not None else []

    def highlight_of(self, doc: Document, ann_id: str) -> Highlight | None:
        """Where an annotation is highlighted in doc now (None: an orphan, or another article)."""
        index = self._index.get(doc.key)
        return index.get(ann_id) if index is not None else None

    def highlight_count(self, doc: Document) -> int:
        index = self._index.get(doc.key)
        return len(index) if index is not None else 0

    def highlights_between(self, doc: Document, start: int, end: int) -> list[Highlight]:
        """Highlights overlapping [start, end), outer before inner, in reading order."""
        index = self._index.get(doc.key)
        return index.between(start, end) if index is not None else []

    def annotations_in_order(self, doc: Document) -> tuple[list[Highlight], list[Annotation]]:
        """Anchored highlights in reading order, and the orphans (oldest first)."""
        index = self._index.get(doc.key)
        placed = index.ordered if index is not None else []
        orphans = sorted(self._orphans.get(doc.key, {}).values(), key=lambda a: (a.get("created", ""), a["id"]))
        return list(placed), orphans

    def highlight_at(self, doc: Document, start: int, end: int | None = None) -> Highlight | None:
        """The highlight with exactly this span, or else the innermost one containing start."""
        best = None
        for h in self.highlights_between(doc, start, (end or start) + 1):
            if end is not None and (h.start, h.end) == (start, end):
                return h
            if h.start <= start < h.end and (best is None or h.end - h.start < best.end - best.start):
                best = h
        return best

    def highlight_covering(self, doc: Document, start: int, end: int, tagged: bool = False) -> Highlight | None:
        """The innermost highlight holding all of [start, end) (with a tag, if ``tagged``):
        the passage a key acts on when the cursor is on a sentence inside a longer highlight."""
        best = None
        for h in self.highlights_between(doc, start, end):
            if h.start <= start and end <= h.end and (h.tags or not tagged) and \
                    (best is None or h.end - h.start < best.end - best.start):
                best = h
        return best

    def passage_at(self, doc: Document, span: Span) -> Span:
        """The passage a sentence stands for when it is linked or tagged: the innermost
        highlight holding it whole; else the one highlight inside it, if only one is (a
        part marked with v: linking the sentence made a twin of it); else the sentence
        itself. Never a fragment inside, or a near copy of, a highlight already drawn."""
        cover = self.highlight_covering(doc, *span) or self.highlight_covering(doc, *inner_span(doc.text, span))
        if cover is not None:  # (the sentence without its quotation marks: a highlight begun after its
            return (cover.start, cover.end)  # opening one had been doubled by h on the sentence)
        inside = [h for h in self.highlights_between(doc, *span) if span[0] <= h.start and h.end <= span[1]]
        if len(inside) == 1 and len(self.highlights_between(doc, *span)) == 1:
            return (inside[0].start, inside[0].end)
        return span

    def tags_in_use(self) -> list[str]:
        """The built-in tags, then every tag of a placed highlight, first seen first. Kept
        until the store or the articles change: ``t`` read all 100,000 highlights each time."""
        if self._tags is None:
            seen = dict.fromkeys(BUILTIN_TAGS)
            for doc in self.docs:
                for h in self.highlights(doc):
                    seen.update(dict.fromkeys(h.tags))
            self._tags = list(seen)
        return list(self._tags)

    def quote(self, ann: Annotation) -> str:
        a = self.anchor_of(ann["id"])
        doc = self.doc(ann["doc"])
        if doc is not None and not a.is_orphan:
            return doc.text[a.start:a.end]
        return quote_of(ann["target"])

    def location(self, ann: Annotation) -> tuple[int, int] | None:
        """1-based (paragraph, sentence) of an anchored annotation, else None."""
        a = self.anchor_of(ann["id"])
        doc = self.doc(ann["doc"])
        return doc.location(a.start) if doc is not None and not a.is_orphan else None

    def partners(self, ann_id: str) -> list[Partner]:
        """The other end of every link of ann_id."""
        out = []
        for link in self.store.links_of(ann_id):
            outgoing = link["source"] == ann_id
            other = self.store.annotation(link["target"] if outgoing else link["source"])
            if other is not None:
                out.append(Partner(link, other, self.anchor_of(other["id"]), outgoing))
        return out

    def partners_at(self, doc: Document, span: Span, selecting: bool = False) -> list[tuple[Highlight, Partner]]:
        """Partners of the highlights under a passage: those containing its start, or, for a
        selection, those starting inside it. Only partners placed in an open article."""
        cs, ce = span
        out = []
        for h in self.highlights_between(doc, cs, max(ce, cs + 1)):
            if h.start <= cs < h.end or (selecting and cs <= h.start < ce):
                for p in self.partners(h.id):
                    if not p.anchor.is_orphan and self.doc(p.other["doc"]) is not None:
                        out.append((h, p))
        return out

    def linked_pairs(self, left: Document, right: Document) -> set[tuple[Span, Span]]:
        """(left span, right span) of every link between the two articles: not to suggest again."""
        # From the links (a few thousand), not from every highlight's partners: at 100,000
        # highlights that held S for 0.4 s.
        out = set()
        annotation, doc_of = self.store.annotation, self._by_key.get
        for lk in self.store.loaded_links():
            a, b = annotation(lk["source"]), annotation(lk["target"])
            if a is None or b is None:
                continue
            for x, y in ((a, b), (b, a)):
                if doc_of(x["doc"]) is left and doc_of(y["doc"]) is right:
                    ax, ay = self.anchor_of(x["id"]), self.anchor_of(y["id"])
                    if not ax.is_orphan and not ay.is_orphan:
                        out.add(((ax.start, ax.end), (ay.start, ay.end)))
        return out

    # --- writing ----------------------------------------------------------------------------
    def _made_in_this_change(self, doc: Document, start: int, end: int) -> Annotation | None:
        step = self.store.current_step
        if step is None:
            return None
        for ch in step.changes:
            if ch.table == "annotations" and ch.after is not None and ch.after.get("doc") == doc.key:
                pos = position_selector(ch.after.get("target"))
                if pos is not None and (pos["start"], pos["end"]) == (start, end):
                    return cast(Annotation, self.store.annotation(ch.rid))
        return None

    def highlight(self, doc: Document, start: int, end: int, tags: Iterable[str] = (), note: str = "") -> Annotation:
        """The annotation on exactly [start, end), created if missing."""
        h = self.highlight_at(doc, start, end)
        if h is not None and (h.start, h.end) == (start, end):
            return cast(Annotation, self.store.annotation(h.id))
        fresh = self._made_in_this_change(doc, start, end)
        if fresh is not None:
            return fresh
        if not doc.text[start:end].strip():
            raise ReaderError("nothing to highlight there")
        return self.store.add_annotation(doc.key, describe(doc, start, end), tags, note)

    def add_tag(self, doc: Document, span: Span, tag: str) -> Annotation:
        name = clean_tag(tag)
        if not name:
            raise ReaderError(f"{tag!r} is not a usable tag name ({TAG_RULE})")
        with self.store.transaction(f"tag {name}"):
            ann = self.highlight(doc, *span)
            if name not in ann["tags"]:
                ann = self.store.update_annotation(ann["id"], f"tag {name}", tags=ann["tags"] + [name])
        return ann

    def remove_tag(self, ann_id: str, tag: str) -> Annotation:
        ann = self.store.annotation(ann_id)
        if ann is None:
            raise StoreError(f"no annotation with id {ann_id}")
        return self.store.update_annotation(ann_id, f"untag {tag}", tags=[t for t in ann["tags"] if t != tag])

    def set_note(self, ann_id: str, note: str) -> Annotation:
        ann = self.store.annotation(ann_id)
        if ann is None:
            raise StoreError(f"no annotation with id {ann_id}")
        tags, text = note_tags(note)
        merged = ann["tags"] + [t for t in tags if t not in ann["tags"]]
        return self.store.update_annotation(ann_id, "edit note", note=text.strip("\n"), tags=merged)

    def _exact_pair(self, a: tuple[Document, Span], b: tuple[Document, Span]) -> tuple[str, str] | None:
        """The ids of the two passages' highlights when both are highlighted exactly there."""
        ha = self.highlight_at(a[0], *a[1])
        hb = self.highlight_at(b[0], *b[1])
        if ha is None or hb is None or (ha.start, ha.end) != a[1] or (hb.start, hb.end) != b[1]:
            return None
        return ha.id, hb.id

    def is_linked(self, source: tuple[Document, Span], target: tuple[Document, Span], relation: str) -> bool:
        """Whether the two passages, highlighted exactly there, already have this link."""
        ids = self._exact_pair(source, target)
        return ids is not None and self.store.find_link(*ids, relation) is not None

    def relations_between(self, a: tuple[Document, Span], b: tuple[Document, Span]) -> tuple[str, ...]:
        """Every relation linking the two passages (highlighted exactly there), either way round:
        at most one that answers (another replaces it), and "repeats" beside it."""
        ids = self._exact_pair(a, b)
        if ids is None:
            return ()
        return tuple(sorted({k["relation"] for k in self.store.links_of(ids[0]) if {k["source"], k["target"]} == set(ids)}))

    def link(self, source: tuple[Document, Span], target: tuple[Document, Span], relation: str, note: str = "") -> Link:
        """Link two passages, "source <relation> target", creating highlights where missing.

        One undo step. The source is the passage that answers: "the mayor's ¶5 rebuts the
        union's ¶9" is link(mayor ¶5, union ¶9, "rebuts").
        """
        with self.store.transaction(f"link {relation}"):
            src = self.highlight(source[0], *source[1])
            dst = self.highlight(target[0], *target[1])
            if src["id"] == dst["id"]:
                raise ReaderError("a passage cannot be linked to itself")
            return self.store.add_link(src["id"], dst["id"], relation, note)

