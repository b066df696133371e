"""A write that fails (a full disk) leaves the backups as they were.

An attacker filled a 300 KB disk and ran ``reader import``: it said "nothing was changed"
(74), but the import backup now held the state after the previous import, so ``reader
restore import`` no longer took that import back; and a session's first write had moved
the last session's backup to ``session.1`` (deleting the one before) and left ``session``
without its manifest, so ``reader restore session`` said there was none.
"""

from __future__ import annotations

import errno
import os

import orjson
import pytest

from reader.core.errors import FsError, ReaderError
from reader.core.fs import error_for
from reader.core.store import files
from reader.core.store.backups import Backups
from reader.core.store.store import Store


def target(doc="doc"):
    return {"source": doc, "fingerprint": "", "selector": []}


def tags_in(db: str, kind: str) -> list[list[str]]:
    got = Backups(os.path.realpath(db)).contents(kind)
    raw = got[files.annotation_file("doc")]
    return [] if raw is None else [a["tags"] for a in orjson.loads(raw)["annotations"].values()]


def full_disk(monkeypatch):
    def refuse(*_a, **_k):
        raise FsError("cannot save the store: No space left on device", 74)

    monkeypatch.setattr(files, "commit_files", refuse)


def sessions(db: str, *tags: str) -> None:
    for tag in tags:
        s = Store.open(db)
        s.add_annotation("doc", target(), [tag])
        s.close()


def test_a_failed_session_write_keeps_both_session_backups(db, monkeypatch):
    sessions(db, "one", "two", "three")
    before = (tags_in(db, "session"), tags_in(db, "session.1"))
    assert before == ([["one"], ["two"]], [["one"]])
    s = Store.open(db)
    full_disk(monkeypatch)
    with pytest.raises(FsError):
        s.add_annotation("doc", target(), ["four"])
    monkeypatch.undo()
    s.close()
    assert (tags_in(db, "session"), tags_in(db, "session.1")) == before
    assert not [n for n in os.listdir(os.path.dirname(Backups(os.path.realpath(db)).folder("session")))
                if n.endswith((".new", ".old"))]


def test_a_failed_import_keeps_the_import_backup(db, monkeypatch):
    s = Store.open(db)
    s.add_annotation("doc", target(), ["mine"])
    with s.transaction("import"):
        s.put("annotations", {"id": "imported-1", "doc": "doc", "target": target(), "tags": ["first-import"],
                              "note": "", "created": "", "updated": ""})
    s.close()
    assert tags_in(db, "import") == [["mine"]]  # before the first import
    s = Store.open(db)
    full_disk(monkeypatch)
    with pytest.raises(FsError), s.transaction("import"):
        s.put("annotations", {"id": "imported-2", "doc": "doc", "target": target(), "tags": ["second-import"],
                              "note": "", "created": "", "updated": ""})
    monkeypatch.undo()
    s.close()
    assert tags_in(db, "import") == [["mine"]]  # restore import still takes the first import back


def test_a_backup_that_cannot_be_written_stops_the_write_and_keeps_the_old_ones(db, monkeypatch):
    from reader.core.store import backups as backups_module

    sessions(db, "one", "two")
    before = (tags_in(db, "session"), tags_in(db, "session.1"))
    s = Store.open(db)
    real = backups_module.atomic_write_bytes

    def fail_in_new(path, data, **kw):
        if ".new" in path:  # as atomic_write_bytes reports a full disk
            raise error_for(path, OSError(errno.ENOSPC, "No space left on device"))
        return real(path, data, **kw)

    monkeypatch.setattr(backups_module, "atomic_write_bytes", fail_in_new)
    with pytest.raises(ReaderError) as caught:
        s.add_annotation("doc", target(), ["three"])
    monkeypatch.undo()
    assert caught.value.exit_code == 74
    s.close()
    assert (tags_in(db, "session"), tags_in(db, "session.1")) == before
    s = Store.open(db, mode="read")
    assert sorted(a["tags"][0] for a in s.annotations_of()) == ["one", "two"]  # nothing written
    s.close()
