"""W3C selectors: describing a passage, and reading selectors back from any record."""

from __future__ import annotations

import hashlib
from typing import Any, cast

import orjson

from reader.core.store.records import Selector, Target, TextPositionSelector, TextQuoteSelector
from reader.core.text.document import Document

CONTEXT = 32  # characters of prefix and suffix, as Hypothesis keeps


def describe(doc: Document, start: int, end: int) -> Target:
    """The W3C target of doc.text[start:end]."""
    text = doc.text
    return {
        "source": doc.key,
        "fingerprint": doc.fingerprint,
        "selector": [
            {"type": "TextQuoteSelector", "exact": text[start:end],
             "prefix": text[max(0, start - CONTEXT):start], "suffix": text[end:end + CONTEXT]},
            {"type": "TextPositionSelector", "start": start, "end": end},
        ],
    }


def selectors_of(target: Any) -> list[Selector]:
    """The usable selectors of a target from anywhere (a store, an import), cleaned.

    The one reader of selectors: a quote selector needs a string ``exact``; a position
    selector needs integers with 0 <= start <= end. Anything else is left out.
    """
    sels = target.get("selector", ()) if isinstance(target, dict) else ()
    if isinstance(sels, dict):
        sels = [sels]
    if not isinstance(sels, list):
        return []
    out: list[Selector] = []
    for sel in sels:
        if not isinstance(sel, dict):
            continue
        if sel.get("type") == "TextQuoteSelector" and isinstance(sel.get("exact"), str):
            out.append(cast(TextQuoteSelector, {
                "type": "TextQuoteSelector", "exact": sel["exact"],
                "prefix": sel["prefix"] if isinstance(sel.get("prefix"), str) else "",
                "suffix": sel["suffix"] if isinstance(sel.get("suffix"), str) else "",
            }))
        elif sel.get("type") == "TextPositionSelector":
            s, e = sel.get("start"), sel.get("end")
            if isinstance(s, int) and isinstance(e, int) and not isinstance(s, bool) and not isinstance(e, bool) \
                    and 0 <= s <= e:
                out.append(cast(TextPositionSelector, {"type": "TextPositionSelector", "start": s, "end": e}))
    return out


def _well_formed(sels: list[Any]) -> bool:
    """The reader's own two selectors, exactly as it writes them: no cleaning needed."""
    if len(sels) != 2:
        return False
    q, p = sels
    return (type(q) is dict and type(p) is dict and q.get("type") == "TextQuoteSelector"
            and type(q.get("exact")) is str and type(q.get("prefix")) is str and type(q.get("suffix")) is str
            and p.get("type") == "TextPositionSelector" and type(p.get("start")) is int
            and type(p.get("end")) is int and 0 <= p["start"] <= p["end"])


def quote_and_position(target: Any) -> tuple[TextQuoteSelector | None, TextPositionSelector | None]:
    """A target's first quote selector and first position selector, read in one pass."""
    sels = target.get("selector") if type(target) is dict else None
    if type(sels) is list and _well_formed(sels):  # the common case, without copies (100,000 at start)
        return cast(TextQuoteSelector, sels[0]), cast(TextPositionSelector, sels[1])
    quote: TextQuoteSelector | None = None
    position: TextPositionSelector | None = None
    for sel in selectors_of(target):
        if sel["type"] == "TextQuoteSelector":
            quote = quote or sel
        else:
            position = position or sel
    return quote, position


def quote_selector(target: Any) -> TextQuoteSelector | None:
    for sel in selectors_of(target):
        if sel["type"] == "TextQuoteSelector":
            return sel
    return None


def position_selector(target: Any) -> TextPositionSelector | None:
    for sel in selectors_of(target):
        if sel["type"] == "TextPositionSelector":
            return sel
    return None


def quote_of(target: Any) -> str:
    q = quote_selector(target)
    return q["exact"] if q else ""


def target_hash(target: Any) -> str:
    """A short, stable hash of a target, to tell whether a remembered anchoring still applies."""
    return hashlib.sha1(orjson.dumps(target, option=orjson.OPT_SORT_KEYS)).hexdigest()[:16]
