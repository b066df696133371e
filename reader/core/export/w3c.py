"""W3C Web Annotation export (and the reading of W3C or Hypothesis JSON, for imports).

Export: a JSON array of ``Annotation`` objects. Each passage is a SpecificResource with a
TextQuoteSelector and a TextPositionSelector; its ``source`` is the article's original
URL when it came from the web (so the annotations can be taken to Hypothesis, which
anchors by URL and quote), else a percent-encoded ``file:`` URI, else a ``urn`` for a
shipped article. Tags and notes are TextualBody bodies; links are ``linking``
annotations whose targets are the source passage then the target passage, with the
relation as a ``classifying`` body.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import orjson

from reader.core.anchors.selectors import position_selector, quote_selector
from reader.core.errors import EX_DATAERR, ReaderError
from reader.core.services.snapshot import WorkspaceView
from reader.core.store.records import Annotation
from reader.core.text.document import Document
from reader.core.text.safety import json_inert

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
URN_PREFIX = "urn:reader:article:"


def source_uri(doc_key: str, doc: Document | None = None) -> str:
    """Where a passage's article is, as a URI: its web address, a file URI or a urn."""
    if doc is not None and doc.meta.get("url"):
        return doc.meta["url"]
    if os.path.isabs(doc_key):
        return Path(doc_key).as_uri()
    return URN_PREFIX + doc_key


def key_from_source(src: str) -> str:
    if src.startswith(URN_PREFIX):
        return src[len(URN_PREFIX):]
    if src.startswith("file:"):
        return unquote(urlsplit(src).path)
    return src


def _target(ann: Annotation, workspace: WorkspaceView) -> dict[str, Any]:
    t = ann["target"]
    sels: list[dict[str, Any]] = []
    q = quote_selector(t)
    if q:
        sels.append(dict(q))
    a = workspace.anchor_of(ann["id"])
    doc = workspace.doc(ann["doc"])
    now = doc.text[a.start:a.end] if doc is not None and not a.is_orphan else None
    if now is not None and (not q or " ".join(now.split()) == " ".join(q["exact"].split())):
        sels.append({"type": "TextPositionSelector", "start": a.start, "end": a.end})
    else:
        # an orphan, or found again in other words (the article changed): the position it was
        # annotated at, so that both selectors describe the same words
        p = position_selector(t)
        if p:
            sels.append(dict(p))
    # The passage, named after its annotation but not the annotation itself (one IRI for two
    # resources, a third user noticed); a link's targets name the passages it joins.
    return {"id": f"urn:uuid:{ann['id']}#passage", "type": "SpecificResource",
            "source": source_uri(ann["doc"], workspace.doc(ann["doc"])), "selector": sels}


def export_w3c(workspace: WorkspaceView) -> list[dict[str, Any]]:
    out = []
    for doc in workspace.docs:
        hls, orphans = workspace.annotations_in_order(doc)
        for ann in [h.ann for h in hls] + orphans:
            body: list[dict[str, Any]] = []
            if ann.get("note"):
                body.append({"type": "TextualBody", "value": ann["note"], "purpose": "commenting", "format": "text/plain"})
            body += [{"type": "TextualBody", "value": t, "purpose": "tagging"} for t in ann.get("tags", [])]
            motivation = "commenting" if ann.get("note") else ("tagging" if ann.get("tags") else "highlighting")
            item: dict[str, Any] = {
                "@context": CONTEXT, "id": f"urn:uuid:{ann['id']}", "type": "Annotation",
                "motivation": motivation, "created": ann.get("created", ""), "modified": ann.get("updated", ""),
                "target": _target(ann, workspace),
            }
            if body:
                item["body"] = body
            out.append(item)
    links = {}
    for doc in workspace.docs:
        hls, orphans = workspace.annotations_in_order(doc)
        for ann in [h.ann for h in hls] + orphans:
            for lk in workspace.store.links_of(ann["id"]):
                links[lk["id"]] = lk
    for link in sorted(links.values(), key=lambda lk: (lk.get("created", ""), lk["id"])):
        src, dst = workspace.store.annotation(link["source"]), workspace.store.annotation(link["target"])
        if not src or not dst:
            continue
        lbody: list[dict[str, Any]] = [{"type": "TextualBody", "value": link["relation"], "purpose": "classifying"}]
        if link.get("note"):
            lbody.append({"type": "TextualBody", "value": link["note"], "purpose": "commenting", "format": "text/plain"})
        out.append({
            "@context": CONTEXT, "id": f"urn:uuid:{link['id']}", "type": "Annotation", "motivation": "linking",
            "created": link.get("created", ""), "body": lbody, "target": [_target(src, workspace), _target(dst, workspace)],
        })
    return out


def dumps(items: list[dict[str, Any]]) -> str:
    return json_inert(orjson.dumps(items, option=orjson.OPT_INDENT_2).decode()) + "\n"


# --- reading W3C or Hypothesis JSON (imports) -------------------------------------------------
def plain_id(value: object) -> str | None:
    """Our UUID from a ``urn:uuid:`` id (a target's, ``urn:uuid:…#passage``, too), else None."""
    if isinstance(value, str) and value.startswith("urn:uuid:"):
        try:
            return str(uuid.UUID(value[9:].split("#", 1)[0]))  # "#passage": a target's id
        except ValueError:
            return None
    return None


def parse(raw: bytes) -> tuple[list[Any], str]:
    """The items of a W3C Annotation array, page or single annotation, or of Hypothesis
    API JSON (``rows``), and which of the two it is."""
    try:
        data = orjson.loads(raw.removeprefix(b"\xef\xbb\xbf"))  # a UTF-8 byte-order mark, as Windows tools write
    except orjson.JSONDecodeError as exc:
        raise ReaderError(f"not JSON: {exc}", EX_DATAERR) from None
    if isinstance(data, dict) and isinstance(data.get("rows"), list):
        return data["rows"], "hypothesis"
    if isinstance(data, dict) and data.get("type") == "Annotation":
        return [data], "w3c"
    if isinstance(data, dict) and isinstance(data.get("items"), list):  # AnnotationPage
        return data["items"], "w3c"
    if isinstance(data, list):
        return data, "w3c"
    raise ReaderError("not annotations: expected a W3C Annotation array or Hypothesis API JSON (rows)", EX_DATAERR)


def targets_of(item: dict[str, Any]) -> list[dict[str, Any]]:
    t = item.get("target")
    if isinstance(t, dict):
        return [t]
    if isinstance(t, list):
        return [x for x in t if isinstance(x, dict)]
    return []


def bodies_of(item: dict[str, Any]) -> list[dict[str, Any]]:
    b = item.get("body")
    if isinstance(b, dict):
        return [b]
    if isinstance(b, list):
        return [x for x in b if isinstance(x, dict)]
    return []
