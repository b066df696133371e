"""W3C Web Annotation export and import (and Hypothesis's API JSON on import).

Export: a JSON array of ``Annotation`` objects. Each passage is a SpecificResource with a
TextQuoteSelector and a TextPositionSelector whose ``source`` names the article; tags and
notes are TextualBody bodies; links are ``linking`` annotations targeting both passages,
with the relation as a ``classifying`` body.

Import anchors each annotation against the local text (orphans are kept), maps
``urn:uuid:`` ids back so a round trip is lossless, and skips what is already there.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

import orjson

from reader.core.anchoring import anchor, selector
from reader.core.errors import EX_DATAERR, ReaderError
from reader.core.records import RELATIONS, clean_tag

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
URN_PREFIX = "urn:reader:article:"


def source_uri(doc_key: str) -> str:
    if doc_key.startswith("/"):
        return "file://" + doc_key
    return URN_PREFIX + doc_key


def key_from_source(src: str) -> str:
    if src.startswith(URN_PREFIX):
        return src[len(URN_PREFIX):]
    if src.startswith("file://"):
        return src[len("file://"):]
    return src


def _target(ann: dict, workspace) -> dict:
    t = ann["target"]
    sels = []
    q = selector(t, "TextQuoteSelector")
    if q:
        sels.append({"type": "TextQuoteSelector", "exact": q.get("exact", ""), "prefix": q.get("prefix", ""), "suffix": q.get("suffix", "")})
    a = workspace.anchor_of(ann["id"])
    if not a.is_orphan:
        sels.append({"type": "TextPositionSelector", "start": a.start, "end": a.end})
    else:
        p = selector(t, "TextPositionSelector")
        if p:
            sels.append({"type": "TextPositionSelector", "start": p.get("start"), "end": p.get("end")})
    return {"id": f"urn:uuid:{ann['id']}", "type": "SpecificResource", "source": source_uri(ann["doc"]), "selector": sels}


def export_w3c(workspace) -> list[dict]:
    out = []
    for doc in workspace.docs:
        hls, orphans = workspace.annotations_in_order(doc)
        for ann in [h.ann for h in hls] + orphans:
            body = []
            if ann.get("note"):
                body.append({"type": "TextualBody", "value": ann["note"], "purpose": "commenting", "format": "text/plain"})
            body += [{"type": "TextualBody", "value": t, "purpose": "tagging"} for t in ann.get("tags", [])]
            motivation = "commenting" if ann.get("note") else ("tagging" if ann.get("tags") else "highlighting")
            item = {
                "@context": CONTEXT, "id": f"urn:uuid:{ann['id']}", "type": "Annotation",
                "motivation": motivation, "created": ann.get("created", ""), "modified": ann.get("updated", ""),
                "target": _target(ann, workspace),
            }
            if body:
                item["body"] = body
            out.append(item)
    keys = {d.key for d in workspace.docs}
    for link in sorted(workspace.store.links(), key=lambda l: (l.get("created", ""), l["id"])):
        src, dst = workspace.store.annotation(link["source"]), workspace.store.annotation(link["target"])
        if not src or not dst or (src["doc"] not in keys and dst["doc"] not in keys):
            continue
        body = [{"type": "TextualBody", "value": link["relation"], "purpose": "classifying"}]
        if link.get("note"):
            body.append({"type": "TextualBody", "value": link["note"], "purpose": "commenting", "format": "text/plain"})
        out.append({
            "@context": CONTEXT, "id": f"urn:uuid:{link['id']}", "type": "Annotation", "motivation": "linking",
            "created": link.get("created", ""), "body": body, "target": [_target(src, workspace), _target(dst, workspace)],
        })
    return out


def dumps(items: list[dict]) -> str:
    return orjson.dumps(items, option=orjson.OPT_INDENT_2).decode() + "\n"


# --- import -----------------------------------------------------------------------------------
@dataclass
class ImportReport:
    added: int = 0
    links: int = 0
    duplicates: int = 0
    orphans: int = 0
    skipped: list[str] = field(default_factory=list)


def _plain_id(value) -> str | None:
    if isinstance(value, str) and value.startswith("urn:uuid:"):
        try:
            return str(uuid.UUID(value[9:]))
        except ValueError:
            return None
    return None


def _items(data) -> tuple[list[dict], str]:
    if isinstance(data, dict) and isinstance(data.get("rows"), list):
        return data["rows"], "hypothesis"
    if isinstance(data, dict) and data.get("type") == "Annotation":
        return [data], "w3c"
    if isinstance(data, dict) and isinstance(data.get("items"), list):  # AnnotationPage
        return data["items"], "w3c"
    if isinstance(data, list):
        return data, "w3c"
    raise ReaderError("not annotations: expected a W3C Annotation array or Hypothesis API JSON (rows)", EX_DATAERR)


def parse(raw: bytes) -> tuple[list[dict], str]:
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise ReaderError(f"not JSON: {exc}", EX_DATAERR) from None
    return _items(data)


def _targets(item: dict) -> list[dict]:
    t = item.get("target")
    if isinstance(t, dict):
        return [t]
    if isinstance(t, list):
        return [x for x in t if isinstance(x, dict)]
    return []


def _clean_selectors(target: dict) -> list[dict]:
    out = []
    for sel in target.get("selector", []) if isinstance(target.get("selector"), list) else [target.get("selector")]:
        if not isinstance(sel, dict):
            continue
        if sel.get("type") == "TextQuoteSelector" and isinstance(sel.get("exact"), str):
            out.append({"type": "TextQuoteSelector", "exact": sel["exact"],
                        "prefix": sel.get("prefix") if isinstance(sel.get("prefix"), str) else "",
                        "suffix": sel.get("suffix") if isinstance(sel.get("suffix"), str) else ""})
        elif sel.get("type") == "TextPositionSelector":
            s, e = sel.get("start"), sel.get("end")
            if isinstance(s, int) and isinstance(e, int) and not isinstance(s, bool) and 0 <= s <= e:
                out.append({"type": "TextPositionSelector", "start": s, "end": e})
    return out


def import_annotations(workspace, raw: bytes, candidates) -> ImportReport:
    """Import into workspace.store. ``candidates`` maps doc key -> Document to anchor against."""
    items, kind = parse(raw)
    store = workspace.store
    report = ImportReport()
    def identity(doc_key: str, sels: list, tags: list, note: str) -> tuple:
        pos = next(((s.get("start"), s.get("end")) for s in sels if s.get("type") == "TextPositionSelector"), None)
        quote = next((s.get("exact") for s in sels if s.get("type") == "TextQuoteSelector"), "")
        return doc_key, quote, pos, tuple(tags), note

    existing = {identity(a["doc"], a["target"].get("selector", []), a.get("tags", []), a.get("note", "")) for a in store.annotations_of()}
    source_ids = {a["source_id"] for a in store.annotations_of() if isinstance(a.get("source_id"), str)}
    id_map: dict[str, str] = {}
    links = []
    new_anns: list[dict] = []
    new_links: list[dict] = []
    link_pairs = {(frozenset((l["source"], l["target"])), l["relation"]) for l in store.links()}
    with store.transaction("import"):
        for n, item in enumerate(items):
            if not isinstance(item, dict):
                report.skipped.append(f"item {n}: not an object")
                continue
            motivation = item.get("motivation")
            if motivation == "linking":
                links.append(item)
                continue
            targets = _targets(item)
            if not targets:
                report.skipped.append(f"item {n}: no target")
                continue
            target = targets[0]
            sels = _clean_selectors(target)
            quote = next((s["exact"] for s in sels if s["type"] == "TextQuoteSelector"), "")
            if not quote:
                report.skipped.append(f"item {n}: no TextQuoteSelector")
                continue
            src = target.get("source") or item.get("uri") or ""
            doc_key, doc = _choose_doc(key_from_source(str(src)), sels, candidates)
            ann_id = _plain_id(item.get("id")) or _plain_id(target.get("id"))
            source_id = item.get("id") if isinstance(item.get("id"), str) and not ann_id else None
            tags, note = _bodies(item, kind)
            ident = identity(doc_key, sels, tags, note)
            if ann_id:
                seen = store.annotation(ann_id) is not None or ann_id in id_map
            elif source_id:
                seen = source_id in source_ids
            else:
                seen = ident in existing
            if seen:
                report.duplicates += 1
                if ann_id:
                    id_map[ann_id] = ann_id
                continue
            rec_target = {"source": doc_key, "fingerprint": "", "selector": sels}
            rec = {
                "id": ann_id or str(uuid.uuid4()), "doc": doc_key, "target": rec_target, "tags": tags, "note": note,
                "created": str(item.get("created", "")), "updated": str(item.get("modified", item.get("updated", item.get("created", "")))),
            }
            if source_id:
                rec["source_id"] = source_id  # e.g. Hypothesis's id: a second import skips it
                source_ids.add(source_id)
            if doc is not None:
                a = anchor(doc, rec_target)
                if a.is_orphan:
                    report.orphans += 1
            else:
                report.orphans += 1
            new_anns.append(rec)
            existing.add(ident)
            if ann_id:
                id_map[ann_id] = rec["id"]
            report.added += 1
        store.insert_many("annotations", new_anns)
        for item in links:
            ends = [_plain_id(t.get("id")) for t in _targets(item)]
            relation = next((b.get("value") for b in _body_list(item) if b.get("purpose") == "classifying"), None)
            note = next((b.get("value", "") for b in _body_list(item) if b.get("purpose") == "commenting"), "")
            if len(ends) != 2 or None in ends or relation not in RELATIONS:
                report.skipped.append("a link without two known passages or a known relation")
                continue
            src, dst = id_map.get(ends[0], ends[0]), id_map.get(ends[1], ends[1])
            lid = _plain_id(item.get("id"))
            if not store.annotation(src) or not store.annotation(dst):
                report.skipped.append(f"link {item.get('id')}: points at a missing annotation")
                continue
            pair = (frozenset((src, dst)), relation)
            if (lid and lid in store.records["links"]) or pair in link_pairs or src == dst:
                report.duplicates += 1
                continue
            rec = {"id": lid or str(uuid.uuid4()), "source": src, "target": dst, "relation": relation,
                   "note": note if isinstance(note, str) else "", "created": str(item.get("created", ""))}
            new_links.append(rec)
            link_pairs.add(pair)
            report.links += 1
        store.insert_many("links", new_links)
    return report


def _body_list(item: dict) -> list[dict]:
    b = item.get("body")
    if isinstance(b, dict):
        return [b]
    if isinstance(b, list):
        return [x for x in b if isinstance(x, dict)]
    return []


def _bodies(item: dict, kind: str) -> tuple[list[str], str]:
    if kind == "hypothesis":
        tags = [clean_tag(t) for t in item.get("tags", []) if isinstance(t, str)]
        note = item.get("text") if isinstance(item.get("text"), str) else ""
        return [t for t in tags if t], note
    tags, note = [], ""
    for b in _body_list(item):
        value = b.get("value")
        if not isinstance(value, str):
            continue
        if b.get("purpose") == "tagging":
            t = clean_tag(value)
            if t and t not in tags:
                tags.append(t)
        elif not note:
            note = value
    return tags, note


def _choose_doc(key: str, sels: list[dict], candidates: dict):
    """The local article an imported passage belongs to: by source, else where it anchors."""
    if key in candidates:
        return key, candidates[key]
    target = {"selector": sels}
    for k, doc in candidates.items():
        if anchor(doc, target).status == "anchored":
            return k, doc
    return key, None
