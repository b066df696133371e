"""Bringing a store back to one of its backups, as one all-or-nothing write.

The state being replaced is first copied into the ``before-restore`` backup (the one before
it moving to ``before-restore.1``), so a restore can itself be taken back (``reader restore
before-restore``), and so can the one before it.
"""

from __future__ import annotations

from dataclasses import dataclass

import orjson

from reader.core.errors import ReadOnlyStore
from reader.core.fs import read_regular
from reader.core.store import backups, files
from reader.core.store.migrations import SCHEMA_VERSION
from reader.core.store.store import Store

_EMPTY = orjson.dumps({"meta": {"1": {"schema_version": SCHEMA_VERSION}}})


@dataclass(frozen=True)
class Restored:
    files: int
    rels: tuple[str, ...]  # which files (the root "", an article's "a-…", a pair's links "l-…")
    before: tuple[int, int]  # (annotations, links) in those files before the restore
    after: tuple[int, int]  # and after it
    changed: bool = True  # False: the store held that state already, and nothing was written


def restore(store: Store, kind: str) -> Restored:
    """Replace the files a backup covers with their backed-up state.

    What is replaced is kept as ``before-restore``, and the one before it as
    ``before-restore.1``: a scale trial, told by a damaged file's error to see the backups,
    restored an empty session backup over 80,000 intact records, then a second restore
    replaced ``before-restore``, their only copy. The counts of what was there and what is
    now (``Restored``) are said, so such a restore is seen at once and taken back."""
    if store.read_only:
        raise ReadOnlyStore(store.read_only_reason or f"store {store.shown} is open read-only")
    store.flush()
    wanted = store.backups.contents(kind)
    now = {rel: _current(store, rel) for rel in wanted}
    before, after = backups.record_counts(now), backups.record_counts(wanted)
    if all((now[rel] or _EMPTY) == (data or _EMPTY) for rel, data in wanted.items()):
        return Restored(len(wanted), tuple(wanted), before, after, changed=False)  # no backup moves
    if kind != backups.BEFORE_RESTORE:
        # Restoring before-restore makes its state live again: the one in before-restore.1
        # stays. (It had been moved there, over the only copy of the newest state: a user
        # stepping back with restore session, session.1, then forward with before-restore,
        # lost the state they started from.)
        store.backups.keep_previous_restore()
    store.backups.snapshot(backups.BEFORE_RESTORE, list(wanted), fresh=True)
    payload = {rel: data if data is not None else _EMPTY for rel, data in wanted.items()}
    files.commit_files(store.path, payload, 0o600)
    return Restored(len(payload), tuple(payload), before, after)


def _current(store: Store, rel: str) -> bytes | None:
    try:
        return read_regular(files.absolute(store.path, rel), files.MAX_FILE)
    except OSError:
        return None  # missing or unreadable: it holds nothing that a restore could lose
