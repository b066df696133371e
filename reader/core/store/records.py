"""The shapes of what the store keeps, as TypedDicts, and the constructors of new records.

The file format is plain JSON (TinyDB's layout); these types name its fields so that no
module reads an annotation by guessing at a dict. Records are never changed in place:
a change makes a new record, so a snapshot being saved can never change under the saver.
"""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime
from typing import Literal, NotRequired, TypedDict


class TextQuoteSelector(TypedDict):
    type: Literal["TextQuoteSelector"]
    exact: str
    prefix: str
    suffix: str


class TextPositionSelector(TypedDict):
    type: Literal["TextPositionSelector"]
    start: int
    end: int


Selector = TextQuoteSelector | TextPositionSelector


class Target(TypedDict):
    """Where a passage is: W3C selectors plus the fingerprint of the text they were made on."""

    source: str
    fingerprint: str
    selector: list[Selector]


class Annotation(TypedDict):
    id: str
    doc: str  # the article's key: a shipped name, an absolute path or a snapshot key
    target: Target
    tags: list[str]
    note: str
    created: str
    updated: str
    source_id: NotRequired[str]  # an imported annotation's id elsewhere (Hypothesis's)
    import_id: NotRequired[str]  # the import that brought it, so the import can be undone
    imported_as: NotRequired[str]  # its digest as imported (importing.as_imported): changed since?


class Link(TypedDict):
    """``source`` <relation> ``target``: "the mayor's ¶5 rebuts the union's ¶9"."""

    id: str
    source: str
    target: str
    relation: str
    note: str
    created: str
    import_id: NotRequired[str]


class Rejection(TypedDict):
    id: str
    key: str  # a suggestion's key
    created: str


class DocumentInfo(TypedDict):
    """What an article was when last seen: tells when it changed under its annotations."""

    id: str
    key: str
    title: str
    path: str
    fingerprint: str
    url: NotRequired[str]
    outlet: NotRequired[str]
    date: NotRequired[str]


class AnchorMemo(TypedDict):
    """Where an annotation was re-anchored in a changed article, so it is not searched again."""

    id: str  # the annotation's id
    fingerprint: str  # of the article text this position is for
    target_hash: str  # of the target it was computed from
    start: int
    end: int
    status: str


class ImportRecord(TypedDict):
    id: str
    file: str
    created: str
    annotations: list[str]
    links: list[str]
    seq: NotRequired[int]  # the imports in order: two in one second were ordered by their random ids


BUILTIN_TAGS = ("claim", "evidence", "denial", "quote", "question", "allegation", "source")
CLAIM_TAGS = frozenset({"claim", "allegation"})

_TAG_OK = re.compile(r"[^\W_][\w-]*")
TAG_RULE = "letters, digits and dashes, starting with a letter or digit, at most 40 characters"


def new_id() -> str:
    return str(uuid.uuid4())


def now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def clean_tag(name: str) -> str | None:
    """A tag as stored: lower case, letters, digits, dashes; None if nothing usable is left."""
    name = name.strip().lstrip("#.").strip().lower().replace(" ", "-")
    m = _TAG_OK.match(name)
    return m.group(0)[:40] if m else None


def parse_tag(name: str) -> str | None:
    """A tag typed by a person, only if all of it is usable ("a,b" is not one tag)."""
    tag = clean_tag(name)
    if tag is None or tag != name.strip().lstrip("#.").strip().lower().replace(" ", "-"):
        return None
    return tag


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


def annotation_record(doc_key: str, target: Target, tags: list[str] | tuple[str, ...] = (), note: str = "") -> Annotation:
    stamp = now()
    return {
        "id": new_id(), "doc": doc_key, "target": target,
        "tags": list(dict.fromkeys(tags)), "note": note, "created": stamp, "updated": stamp,
    }


def link_record(source: str, target: str, relation: str, note: str = "") -> Link:
    return {"id": new_id(), "source": source, "target": target, "relation": relation, "note": note, "created": now()}


def _strs(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def valid_record(table: str, rec: object) -> bool:
    """Whether a stored record has the shape the reader relies on."""
    from reader.core.store.relations import RELATIONS

    if not isinstance(rec, dict) or not isinstance(rec.get("id"), str):
        return False
    if table == "annotations":
        return (isinstance(rec.get("doc"), str) and isinstance(rec.get("target"), dict)
                and _strs(rec.get("tags", [])) and isinstance(rec.get("note", ""), str))
    if table == "links":
        return (isinstance(rec.get("source"), str) and isinstance(rec.get("target"), str)
                and isinstance(rec.get("relation"), str) and rec["relation"] in RELATIONS
                and isinstance(rec.get("note", ""), str))
    if table == "anchors":
        return all(isinstance(rec.get(k), int) and not isinstance(rec.get(k), bool) for k in ("start", "end"))
    if table == "imports":
        return _strs(rec.get("annotations", [])) and _strs(rec.get("links", []))
    return isinstance(rec.get("key"), str)  # rejections, documents, shards
