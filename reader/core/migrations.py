"""Schema versions of the store and the steps between them.

Version 1 (the first prototype's layout) kept flat annotations: ``article``, ``quote``,
``start``, ``end`` and one optional ``tag``. Version 2 keeps W3C selectors, a list of
tags, UUID links and rejected suggestions.
"""

from __future__ import annotations

SCHEMA_VERSION = 2


def _v1_to_v2(data: dict) -> dict:
    anns = data.get("annotations", {})
    out = {}
    for doc_id, a in anns.items():
        if "target" in a:
            out[doc_id] = a
            continue
        quote = str(a.get("quote", ""))
        start = a.get("start")
        end = a.get("end")
        selectors = [{"type": "TextQuoteSelector", "exact": quote, "prefix": "", "suffix": ""}]
        if isinstance(start, int) and isinstance(end, int):
            selectors.append({"type": "TextPositionSelector", "start": start, "end": end})
        tag = a.get("tag")
        out[doc_id] = {
            "id": a.get("id") or f"migrated-{doc_id}",
            "doc": a.get("article", ""),
            "target": {"source": a.get("article", ""), "fingerprint": "", "selector": selectors},
            "tags": [tag] if isinstance(tag, str) and tag else [],
            "note": str(a.get("note", "") or ""),
            "created": a.get("created", ""),
            "updated": a.get("created", ""),
        }
    data["annotations"] = out
    data.setdefault("links", {})
    data.setdefault("rejections", {})
    return data


MIGRATIONS = {1: _v1_to_v2}


def migrate(data: dict, version: int) -> dict:
    """Bring raw store data from ``version`` up to SCHEMA_VERSION."""
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version += 1
    data["meta"] = {"1": {"schema_version": SCHEMA_VERSION}}
    return data
