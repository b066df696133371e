"""Bringing a store back to one of its backups, as one all-or-nothing write.

The state being replaced is first copied into the ``before-restore`` backup, so a restore
can itself be taken back (``reader restore before-restore``).
"""

from __future__ import annotations

import orjson

from reader.core.errors import ReadOnlyStore
from reader.core.store import backups, files
from reader.core.store.migrations import SCHEMA_VERSION
from reader.core.store.store import Store

_EMPTY = orjson.dumps({"meta": {"1": {"schema_version": SCHEMA_VERSION}}})


def restore(store: Store, kind: str) -> int:
    """Replace the files a backup covers with their backed-up state; return how many."""
    if store.read_only:
        raise ReadOnlyStore(store.read_only_reason or f"store {store.shown} is open read-only")
    store.flush()
    wanted = store.backups.contents(kind)
    if kind != backups.BEFORE_RESTORE:
        store.backups.snapshot(backups.BEFORE_RESTORE, list(wanted), fresh=True)
    payload = {rel: data if data is not None else _EMPTY for rel, data in wanted.items()}
    files.commit_files(store.path, payload, 0o600)
    return len(payload)
