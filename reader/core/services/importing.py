"""Importing W3C Web Annotation or Hypothesis JSON: parse, plan, apply; and undo.

- ``parse`` (in ``export.w3c``) reads the file into items;
- ``plan`` decides, without changing anything, what each item becomes: a new annotation
  anchored against the local articles (an orphan when it cannot be placed, kept all the
  same), a new link, a duplicate of what the store holds, or an item not understood;
- ``apply`` writes the plan as one undoable change, remembered as an import, so that
  ``reader import --undo`` removes exactly what it added (and the store keeps a backup of
  every file as it was before the import).

Ids round-trip through ``urn:uuid:``; items without one are matched on article, quote,
position, tags and note, or on their Hypothesis id.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass, field
from typing import Any, NamedTuple, cast

import orjson

from reader.core.anchors.anchoring import anchor
from reader.core.anchors.selectors import position_selector, quote_selector, selectors_of
from reader.core.errors import NotFound
from reader.core.export.w3c import bodies_of, key_from_source, parse, plain_id, targets_of
from reader.core.store.history import Record
from reader.core.store.records import Annotation, ImportRecord, Link, Selector, Target, clean_tag, now
from reader.core.store.relations import RELATIONS
from reader.core.store.store import Store
from reader.core.text.document import Document, normalise_for_search


@dataclass
class ImportPlan:
    annotations: list[Annotation] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    duplicates: int = 0
    orphans: int = 0
    skipped: list[str] = field(default_factory=list)
    retagged: list[tuple[str, str]] = field(default_factory=list)  # (tag as written, as kept; "" dropped)


@dataclass(frozen=True)
class ImportReport:
    added: int
    links: int
    duplicates: int
    orphans: int
    skipped: list[str]
    import_id: str = ""
    retagged: tuple[tuple[str, str], ...] = ()  # tags not kept as written: (written, kept or "")


def _identity(doc_key: str, sels: list[Selector], tags: list[str], note: str) -> tuple[Any, ...]:
    pos = position_selector({"selector": sels})
    quote = quote_selector({"selector": sels})
    return doc_key, quote["exact"] if quote else "", (pos["start"], pos["end"]) if pos else None, tuple(tags), note


def _tags_and_note(item: dict[str, Any], kind: str, retagged: list[tuple[str, str]]) -> tuple[list[str], str]:
    """The item's tags as the reader keeps them, and its note; a tag that could not be kept
    as written (beyond case) goes into retagged: "a b" is kept as "a-b", "[bold]b[/]" as
    "bold", an escape sequence not at all. They were dropped without a word."""

    def keep(written: str) -> str | None:
        tag = clean_tag(written)
        if tag != written.strip().lstrip("#.").strip().lower():
            retagged.append((written, tag or ""))
        return tag

    if kind == "hypothesis":
        raw = item.get("tags")
        raw_tags: list[Any] = raw if isinstance(raw, list) else []
        tags = [t for t in (keep(x) for x in raw_tags if isinstance(x, str)) if t]
        note = item.get("text") if isinstance(item.get("text"), str) else ""
        return list(dict.fromkeys(tags)), cast(str, note)
    found: dict[str, None] = {}  # a dict, not a list: 40,000 tags on one item took 10 s to check one by one
    note = ""
    for b in bodies_of(item):
        value = b.get("value")
        if not isinstance(value, str):
            continue
        if b.get("purpose") == "tagging":
            t = keep(value)
            if t:
                found[t] = None
        elif not note:
            note = value
    return list(found), note


def placed(key: str, candidates: dict[str, Document]) -> bool:
    """Whether a source is one of candidates, by key or address (else its passages are
    looked for in every candidate)."""
    return key in candidates or any(doc.meta.get("url") and doc.meta["url"] == key for doc in candidates.values())


def _choose_doc(key: str, sels: list[Selector], candidates: dict[str, Document]) -> tuple[str, Document | None]:
    """The local article an imported passage belongs to: by source, else where it anchors."""
    if key in candidates:
        return key, candidates[key]
    for k, doc in candidates.items():
        if doc.meta.get("url") and doc.meta["url"] == key:
            return k, doc
    # A source the store does not know: the article holding the quote word for word (a
    # fuzzy search of every article for every item took 15 minutes for 100,000 items).
    quote = quote_selector({"selector": sels})
    exact = normalise_for_search(quote["exact"]) if quote else ""
    target = {"selector": sels}
    for k, doc in candidates.items():
        if exact.strip() and exact in doc.search_text and anchor(doc, target).status == "anchored":
            return k, doc
    return key, None


def sources_of(raw: bytes) -> list[str]:
    """The article keys an import file's items name (to load them before planning); "" for
    an item that names none."""
    items, _kind = parse(raw)
    keys: dict[str, None] = {}
    for item in items:
        if not isinstance(item, dict) or item.get("motivation") == "linking":
            continue
        targets = targets_of(item)
        if targets:
            src = targets[0].get("source") or item.get("uri") or ""
            keys[key_from_source(str(src))] = None
    return list(keys)


@dataclass
class _Item:
    """One annotation item, read and placed before the store is asked about it."""
    doc_key: str
    doc: Document | None
    sels: list[Selector]
    ann_id: str | None
    source_id: str | None
    tags: list[str]
    note: str
    item: dict[str, Any]


def plan(store: Store, raw: bytes, candidates: dict[str, Document]) -> ImportPlan:
    """What importing raw would add to store: nothing is changed.

    Only the store files that can matter are read: those holding an id the file names (an
    annotation, a link, a Hypothesis id) and the articles the items belong to, since a
    duplicate without an id is one of the same article. A library of 100,000 annotations
    was read whole for an import of 300."""
    items, kind = parse(raw)
    out = ImportPlan()
    link_items: list[dict[str, Any]] = []
    read: list[_Item] = []
    for n, item in enumerate(items):
        if not isinstance(item, dict):
            out.skipped.append(f"item {n}: not an object")
            continue
        if item.get("motivation") == "linking":
            link_items.append(item)
            continue
        targets = targets_of(item)
        if not targets:
            out.skipped.append(f"item {n}: no target")
            continue
        sels = selectors_of(targets[0])
        quote = quote_selector({"selector": sels})
        if quote is None or not quote["exact"].strip():
            out.skipped.append(f"item {n}: no TextQuoteSelector with text")
            continue
        src = targets[0].get("source") or item.get("uri") or ""
        doc_key, doc = _choose_doc(key_from_source(str(src)), sels, candidates)
        ann_id = plain_id(item.get("id")) or plain_id(targets[0].get("id"))
        source_id = item.get("id") if isinstance(item.get("id"), str) and not ann_id else None
        tags, note = _tags_and_note(item, kind, out.retagged)
        read.append(_Item(doc_key, doc, sels, ann_id, source_id, tags, note, item))
    named = {x.ann_id or x.source_id for x in read} | {plain_id(lk.get("id")) for lk in link_items}
    named |= {plain_id(t.get("id")) for lk in link_items for t in targets_of(lk)}
    store.load_holding(x for x in named if x)
    link_ids = {lid for lk in link_items if (lid := plain_id(lk.get("id")))}
    store.load_articles({x.doc_key for x in read})
    existing: dict[str, set[tuple[Any, ...]]] = {}
    source_ids = {a["source_id"] for a in store.loaded_annotations() if isinstance(a.get("source_id"), str)}
    id_map: dict[str, str] = {}
    in_file: dict[str, tuple[Any, ...]] = {}  # an id of this file: what the first item of that id holds
    for x in read:
        ident = _identity(x.doc_key, x.sels, x.tags, x.note)
        if x.doc_key not in existing:
            existing[x.doc_key] = {_identity(a["doc"], selectors_of(a["target"]), a.get("tags", []), a.get("note", ""))
                                   for a in store.annotations_of(x.doc_key)}
        # two different annotations under one id in one file: the second was dropped as a
        # "duplicate"; it is judged by what it holds and, if new, gets an id of its own
        clash = x.ann_id is not None and x.ann_id in in_file and in_file[x.ann_id] != ident
        if x.ann_id and not clash:
            seen = store.annotation(x.ann_id) is not None or x.ann_id in id_map
        elif x.source_id:
            seen = x.source_id in source_ids
        else:
            seen = ident in existing[x.doc_key]
        if seen:
            out.duplicates += 1
            if x.ann_id and not clash:
                id_map.setdefault(x.ann_id, x.ann_id)
                in_file.setdefault(x.ann_id, ident)
            continue
        target: Target = {"source": x.doc_key, "fingerprint": "", "selector": x.sels}
        item = x.item
        # an id the store gives a link already: the annotation gets its own (an export had
        # held two resources of one id); the file's links to it follow through id_map
        taken = x.ann_id is not None and (x.ann_id in store.records["links"] or x.ann_id in link_ids)
        rec: Annotation = {
            "id": str(uuid.uuid4()) if taken or clash or not x.ann_id else x.ann_id,
            "doc": x.doc_key, "target": target, "tags": x.tags, "note": x.note,
            "created": str(item.get("created", "")),
            "updated": str(item.get("modified", item.get("updated", item.get("created", "")))),
        }
        if x.source_id:
            rec["source_id"] = x.source_id  # e.g. Hypothesis's id: a second import skips it
            source_ids.add(x.source_id)
        if x.doc is None or anchor(x.doc, target).is_orphan:
            out.orphans += 1
        out.annotations.append(rec)
        existing[x.doc_key].add(ident)
        if x.ann_id and not clash:  # the file's links by that id go to the first item of it
            id_map[x.ann_id] = rec["id"]
            in_file[x.ann_id] = ident
    ann_ids = {a["id"] for a in out.annotations}
    known = set(store.records["annotations"]) | ann_ids
    pairs = {(frozenset((lk["source"], lk["target"])), lk["relation"]) for lk in store.loaded_links()}
    for item in link_items:
        ends = [plain_id(t.get("id")) for t in targets_of(item)]
        bodies = bodies_of(item)
        relation = next((b.get("value") for b in bodies if b.get("purpose") == "classifying"), None)
        note = next((b.get("value", "") for b in bodies if b.get("purpose") == "commenting"), "")
        if len(ends) != 2 or ends[0] is None or ends[1] is None or not isinstance(relation, str) \
                or relation not in RELATIONS:  # a list as the relation raised TypeError (exit 70)
            out.skipped.append("a link without two known passages or a known relation")
            continue
        src_id, dst_id = id_map.get(ends[0], ends[0]), id_map.get(ends[1], ends[1])
        lid = plain_id(item.get("id"))
        if lid and (lid in store.records["annotations"] or lid in ann_ids):
            lid = None  # an annotation's id: the link gets its own
        if src_id not in known or dst_id not in known:
            out.skipped.append(f"link {item.get('id')}: points at a missing annotation")
            continue
        pair = (frozenset((src_id, dst_id)), relation)
        if (lid and lid in store.records["links"]) or pair in pairs or src_id == dst_id:
            out.duplicates += 1
            continue
        out.links.append({"id": lid or str(uuid.uuid4()), "source": src_id, "target": dst_id,
                          "relation": relation, "note": note if isinstance(note, str) else "",
                          "created": str(item.get("created", ""))})
        pairs.add(pair)
    return out


def apply(store: Store, p: ImportPlan, file: str) -> ImportReport:
    """Write a plan as one undoable change, remembered so ``undo_last`` can remove it."""
    import_id = str(uuid.uuid4())
    if p.annotations or p.links or p.duplicates or p.orphans:
        # An import that adds nothing (the same file twice) is remembered too: "--undo" after
        # it had taken back the import before it, which the user meant to keep.
        record: ImportRecord = {"id": import_id, "file": file, "created": now(),
                                "annotations": [a["id"] for a in p.annotations], "links": [lk["id"] for lk in p.links],
                                "seq": 1 + max((_seq(r) for r in store.records["imports"].values()), default=0)}
        with store.transaction("import"):
            # each with its digest as imported, in its own record (the root file, read by every
            # command, would have held 100,000 of them)
            store.insert_many("annotations", [cast(Record, {**a, "import_id": import_id, "imported_as": as_imported(a)})
                                              for a in p.annotations])
            store.insert_many("links", [cast(Record, {**lk, "import_id": import_id}) for lk in p.links])
            store.put("imports", cast(Record, record))
    return ImportReport(len(p.annotations), len(p.links), p.duplicates, p.orphans, p.skipped,
                        import_id if (p.annotations or p.links) else "", tuple(p.retagged))


def import_file(store: Store, raw: bytes, candidates: dict[str, Document], file: str = "") -> ImportReport:
    return apply(store, plan(store, raw, candidates), file)


def _seq(record: Any) -> int:
    """An import's place in the order of imports (0 for one recorded before they were numbered)."""
    seq = record.get("seq", 0)
    return seq if isinstance(seq, int) and not isinstance(seq, bool) else 0


def as_imported(ann: Annotation | Record) -> str:
    """A short digest of what an import wrote of an annotation (tags, note, passage): a
    later undo knows the user changed it since."""
    body = orjson.dumps([ann.get("tags", []), ann.get("note", ""), ann.get("target")], option=orjson.OPT_SORT_KEYS)
    return hashlib.blake2b(body, digest_size=8).hexdigest()


class Undone(NamedTuple):
    record: ImportRecord
    annotations: int  # removed
    links: int  # removed
    kept: int  # imported annotations kept: the user linked or changed them since


def undo_last(store: Store) -> Undone:
    """Remove what the last import added (what is still there). The last import may have
    added nothing: then nothing is removed but its record, and the next undo takes back the
    import before it.

    An imported annotation the user has built on since is kept, with what they added: one
    they linked to a passage of their own, or whose tags, note or passage they changed (an
    attacker's undo took away a user's link, "hours of work", and the note they had added,
    and said "removed 1 annotations and 0 links")."""
    imports = sorted(store.records["imports"].values(), key=lambda r: (_seq(r), r.get("created", ""), r["id"]))
    if not imports:
        raise NotFound("no import to undo in this store")
    last = cast(ImportRecord, imports[-1])
    store.load_holding([*last.get("annotations", []), *last.get("links", [])])
    anns = [a for a in last.get("annotations", []) if store.annotation(a) is not None]
    links = [lk for lk in last.get("links", []) if lk in store.records["links"]]
    ours = set(links)

    def changed(aid: str) -> bool:  # its digest as imported, when it has one (imports before had none)
        ann = cast(Annotation, store.annotation(aid))
        return "imported_as" in ann and ann["imported_as"] != as_imported(ann)

    kept = [a for a in anns if any(lk["id"] not in ours for lk in store.links_of(a)) or changed(a)]
    gone = [a for a in anns if a not in set(kept)]
    with store.transaction("undo import"):
        for lid in links:
            store.put("links", None, lid)
        for aid in gone:
            for lk in store.links_of(aid):
                store.put("links", None, lk["id"])
            store.put("anchors", None, aid)
            store.put("annotations", None, aid)
        for aid in kept:  # the user's now: no longer of an import
            ann = cast(Record, dict(cast(Annotation, store.annotation(aid))))
            ann.pop("import_id", None)
            ann.pop("imported_as", None)
            store.put("annotations", ann)
        store.put("imports", None, last["id"])
    return Undone(last, len(gone), len(links), len(kept))
