"""The shapes of what the store keeps: annotations, links and their vocabularies."""

from __future__ import annotations

import re
from datetime import datetime, timezone

BUILTIN_TAGS = ("claim", "evidence", "denial", "quote", "question", "allegation", "source")
CLAIM_TAGS = frozenset({"claim", "allegation"})

# Typed relations between passages (Argdown/AIF-style), with one key each for the picker.
RELATIONS = {
    "rebuts": ("r", "denies or contradicts"),
    "supports": ("s", "corroborates"),
    "answers": ("a", "responds without judging"),
    "qualifies": ("q", "partly concedes or narrows"),
    "repeats": ("p", "quotes the same words"),
}
# How a link reads from its target's side: "No such policy exists" rebuts the claim,
# so the claim is "rebutted by" it.
PASSIVE = {"rebuts": "rebutted by", "supports": "supported by", "answers": "answered by",
           "qualifies": "qualified by", "repeats": "repeated by"}
RELATION_SYMBOLS = {"rebuts": "\u2715", "supports": "+", "answers": "\u21a9", "qualifies": "~", "repeats": "="}

_TAG_OK = re.compile(r"[^\W_][\w-]*")


def new_id() -> str:
    import uuid

    return str(uuid.uuid4())


def now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def clean_tag(name: str) -> str | None:
    """A tag as stored: lower case, letters, digits, dashes; None if nothing is left."""
    name = name.strip().lstrip("#.").strip().lower().replace(" ", "-")
    m = _TAG_OK.match(name)
    return m.group(0)[:40] if m else None


def note_tags(note: str) -> tuple[list[str], str]:
    """Readwise-style inline tags: a note starting ``.word .other rest`` tags word and other."""
    tags = []
    rest = note.lstrip()
    while rest.startswith("."):
        word, _, tail = rest[1:].partition(" ")
        tag = clean_tag(word.split("\n", 1)[0])
        if not tag:
            break
        tags.append(tag)
        if "\n" in word:
            rest = word.split("\n", 1)[1] + (" " + tail if tail else "")
        else:
            rest = tail.lstrip(" ")
    return tags, (rest if tags else note)


def annotation_record(doc_key: str, target: dict, tags=(), note: str = "") -> dict:
    stamp = now()
    return {
        "id": new_id(), "doc": doc_key, "target": target,
        "tags": list(dict.fromkeys(tags)), "note": note, "created": stamp, "updated": stamp,
    }


def link_record(source: str, target: str, relation: str, note: str = "") -> dict:
    if relation not in RELATIONS:
        raise ValueError(f"unknown relation {relation!r}; choose one of {', '.join(RELATIONS)}")
    return {"id": new_id(), "source": source, "target": target, "relation": relation, "note": note, "created": now()}
