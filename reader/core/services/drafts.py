"""Unsaved note drafts: kept on disk while a note is being written, offered back next time.

A signal (SIGTERM, SIGHUP), a crash or a closed terminal while a note is open must not
lose what was typed. The editor's text is written here as it changes (atomically, in the
user's state folder); saving or discarding the note removes it; the next session finds
what is left and offers it again.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass

import orjson
import platformdirs

from reader.core.errors import ReaderError
from reader.core.fs import atomic_write_bytes, remove_quietly


@dataclass(frozen=True)
class Draft:
    doc_key: str
    start: int
    end: int
    text: str
    quote: str


def drafts_path(store_path: str) -> str:
    folder = platformdirs.user_state_dir("reader", appauthor=False)
    name = hashlib.sha1(store_path.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return os.path.join(folder, "drafts", f"{name}.json")


class Drafts:
    def __init__(self, store_path: str) -> None:
        self.path = drafts_path(store_path)

    def save(self, draft: Draft) -> bool:
        """Keep the draft; False when it cannot be kept (the caller may say so)."""
        try:
            os.makedirs(os.path.dirname(self.path), mode=0o700, exist_ok=True)
            atomic_write_bytes(self.path, orjson.dumps(draft.__dict__), follow_symlinks=False)
            return True
        except (OSError, ReaderError):
            return False

    def load(self) -> Draft | None:
        try:
            with open(self.path, "rb") as fh:
                data = orjson.loads(fh.read())
            return Draft(str(data["doc_key"]), int(data["start"]), int(data["end"]), str(data["text"]),
                         str(data.get("quote", "")))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def clear(self) -> None:
        remove_quietly(self.path)
