"""Unsaved note drafts: kept on disk while a note is being written, offered back next time.

A signal (SIGTERM, SIGHUP), a crash or a closed terminal while a note is open must not
lose what was typed. The editor's text is written here as it changes (atomically, in the
user's state folder), one draft per passage; saving or discarding a note removes that
passage's draft only, so a draft left on one passage survives notes written on others; the
next session finds what is left and offers it again.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass

import orjson
import platformdirs

from reader.core.errors import ReaderError
from reader.core.fs import atomic_write_bytes, read_regular, remove_quietly

DRAFTS_CAP = 64 << 20  # the drafts of a session: notes, a few MB at most


@dataclass(frozen=True)
class Draft:
    doc_key: str
    start: int
    end: int
    text: str
    quote: str  # the passage's first words, to name it
    exact: str = ""  # the whole passage: found again where the article changed since (none in old drafts)


def drafts_path(store_path: str) -> str:
    folder = platformdirs.user_state_dir("reader", appauthor=False)
    name = hashlib.sha1(store_path.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return os.path.join(folder, "drafts", f"{name}.json")


def _key(doc_key: str, start: int, end: int) -> str:
    return f"{start}:{end}:{doc_key}"


def _draft(data: object) -> Draft | None:
    if not isinstance(data, dict):
        return None
    try:
        return Draft(str(data["doc_key"]), int(data["start"]), int(data["end"]), str(data["text"]),
                     str(data.get("quote", "")), str(data.get("exact", "")))
    except (ValueError, KeyError, TypeError):
        return None


class Drafts:
    """The drafts of one store, in one small file: ``{"drafts": {passage: draft}}``. (A file
    holding a single draft, as the first version wrote, is read as one.)"""

    def __init__(self, store_path: str) -> None:
        self.path = drafts_path(store_path)
        # This session's drafts, kept in memory too: on a full disk the file cannot be
        # written, and the draft a failed save left was lost (n opened an empty editor).
        self._memory: dict[str, Draft] = {}
        self.only_in_memory: set[str] = set()

    def _read(self) -> dict[str, Draft]:
        try:
            data = orjson.loads(read_regular(self.path, DRAFTS_CAP))
        except (OSError, ValueError):  # missing, unreadable, a pipe, a device, too large: no drafts
            return {}
        if isinstance(data, dict) and "doc_key" in data:  # the single-draft layout
            one = _draft(data)
            return {_key(one.doc_key, one.start, one.end): one} if one else {}
        rows = data.get("drafts") if isinstance(data, dict) else None
        out = {}
        for value in (rows.values() if isinstance(rows, dict) else ()):
            d = _draft(value)
            if d is not None:
                out[_key(d.doc_key, d.start, d.end)] = d
        return out

    def _write(self, drafts: dict[str, Draft]) -> bool:
        try:
            if not drafts:
                remove_quietly(self.path)
                return True
            os.makedirs(os.path.dirname(self.path), mode=0o700, exist_ok=True)
            payload = {"drafts": {k: d.__dict__ for k, d in drafts.items()}}
            atomic_write_bytes(self.path, orjson.dumps(payload), follow_symlinks=False)
            return True
        except (OSError, ReaderError):
            return False

    def save(self, draft: Draft) -> bool:
        """Keep the draft (replacing this passage's earlier one); False when it could not be
        written to its file (it is still kept, in memory, for this session)."""
        key = _key(draft.doc_key, draft.start, draft.end)
        self._memory[key] = draft
        drafts = self._read()
        drafts[key] = draft
        written = self._write(drafts)
        if written:
            self.only_in_memory.discard(key)
        else:
            self.only_in_memory.add(key)
        return written

    def all(self) -> list[Draft]:
        return list({**self._read(), **self._memory}.values())

    def load(self, doc_key: str, start: int, end: int, text: str | None = None) -> Draft | None:
        """The draft left on this passage, if any (this session's first); else, given the
        passage's text, one left on those very words where they were before the article
        changed (a draft was kept by place alone: an edit above it, and no passage offered
        it back, though the start-up notice said to press n on it)."""
        key = _key(doc_key, start, end)
        found = self._memory.get(key) or self._read().get(key)
        if found is None and text:
            found = next((d for d in self.all() if d.doc_key == doc_key and d.exact == text), None)
        return found

    def placed(self, doc_text: str, draft: Draft) -> int | None:
        """Where the draft's passage is in the article's text now: its old place, else the
        occurrence of its words nearest it; None when the words are gone (or not known)."""
        if not draft.exact or doc_text[draft.start:draft.end] == draft.exact:
            return draft.start  # in its place, or an old draft that kept no words: taken at its word
        best, i = None, doc_text.find(draft.exact)
        while i != -1:
            if best is None or abs(i - draft.start) < abs(best - draft.start):
                best = i
            i = doc_text.find(draft.exact, i + 1)
        return best

    def clear(self, doc_key: str, start: int, end: int) -> None:
        """Forget this passage's draft (its note was saved or discarded); the others stay."""
        key = _key(doc_key, start, end)
        self._memory.pop(key, None)
        self.only_in_memory.discard(key)
        drafts = self._read()
        if drafts.pop(key, None) is not None:
            self._write(drafts)
