"""Schema versions of the store and the steps between them.

- Version 1 (the first prototype) kept flat annotations: ``article``, ``quote``, ``start``,
  ``end`` and a ``tag`` (or a list of ``tags``).
- Version 2 kept W3C selectors, tag lists, UUID links and rejections, all in one file.
  Links were stored as "first passage marked -> second", the claim first.
- Version 3 (now) shards the store per article (``files``) and stores a link as
  ``answer <relation> claim``: the migration turns version-2 links around.
"""

from __future__ import annotations

from typing import Any

from reader.core.errors import StoreError
from reader.core.store import files
from reader.core.store.files import Tables
from reader.core.store.records import valid_record

SCHEMA_VERSION = 3
LEGACY_FILE = "x-unplaced.json"  # records a migration could not place, kept rather than dropped


def schema_version_of(raw: Tables) -> int:
    for doc in raw.get("meta", {}).values():
        if isinstance(doc, dict) and "schema_version" in doc:
            v = doc["schema_version"]
            if isinstance(v, int) and not isinstance(v, bool) and v >= 1:
                return v
            raise StoreError(f"the store's schema_version is unreadable ({v!r})")
    return 1 if raw.get("annotations") else SCHEMA_VERSION


def _v1_annotation(doc_id: str, a: dict[str, Any]) -> dict[str, Any]:
    if "target" in a:
        return a
    quote = str(a.get("quote", ""))
    start, end = a.get("start"), a.get("end")
    selectors: list[dict[str, Any]] = [{"type": "TextQuoteSelector", "exact": quote, "prefix": "", "suffix": ""}]
    if isinstance(start, int) and isinstance(end, int) and 0 <= start <= end:
        selectors.append({"type": "TextPositionSelector", "start": start, "end": end})
    tags: list[str] = []
    for value in (a.get("tag"), a.get("tags")):
        if isinstance(value, str) and value:
            tags.append(value)
        elif isinstance(value, list):
            tags += [t for t in value if isinstance(t, str) and t]
    return {
        "id": a.get("id") if isinstance(a.get("id"), str) else f"migrated-{doc_id}",
        "doc": str(a.get("article", "")),
        "target": {"source": str(a.get("article", "")), "fingerprint": "", "selector": selectors},
        "tags": list(dict.fromkeys(tags)),
        "note": str(a.get("note", "") or ""),
        "created": str(a.get("created", "")),
        "updated": str(a.get("created", "")),
    }


def _v1_to_v2(data: Tables) -> Tables:
    anns = data.get("annotations", {})
    data["annotations"] = {k: _v1_annotation(k, a) if isinstance(a, dict) else a for k, a in anns.items()}
    data.setdefault("links", {})
    data.setdefault("rejections", {})
    return data


def _put(out: dict[str, Tables], rel: str, table: str, record: Any) -> None:
    tables = out.setdefault(rel, {"meta": {"1": {"schema_version": SCHEMA_VERSION}}})
    rows = tables.setdefault(table, {})
    rows[str(len(rows) + 1)] = record


def split_legacy(raw: Tables, version: int) -> tuple[Tables, dict[str, Tables]]:
    """A version 1 or 2 store as version 3: the root's tables, and each shard's (by file)."""
    data = _v1_to_v2(dict(raw)) if version == 1 else raw
    root: Tables = {"meta": {"1": {"schema_version": SCHEMA_VERSION}}}
    for table in ("documents", "rejections"):
        root[table] = {k: v for k, v in data.get(table, {}).items()}
    shards: dict[str, Tables] = {}
    doc_of: dict[str, str] = {}
    for rec in data.get("annotations", {}).values():
        if valid_record("annotations", rec) and rec["id"] not in doc_of:
            doc_of[rec["id"]] = rec["doc"]
            _put(shards, files.annotation_file(rec["doc"]), "annotations", rec)
        else:
            _put(shards, LEGACY_FILE, "annotations", rec)
    for rec in data.get("links", {}).values():
        if valid_record("links", rec) and rec["source"] in doc_of and rec["target"] in doc_of:
            # Version 2 kept "claim -> answer"; version 3 reads "answer <relation> claim".
            turned = {**rec, "source": rec["target"], "target": rec["source"]}
            _put(shards, files.link_file(doc_of[turned["source"]], doc_of[turned["target"]]), "links", turned)
        else:
            _put(shards, LEGACY_FILE, "links", rec)
    return root, shards
