"""Backups per change set: copies of store files as they were before a session or an import.

Nothing is copied by merely opening the reader. Before a session first changes a file, the
file as it was is copied into ``PATH.d/backups/session/`` (the previous session's copies
move to ``session.1``); before an import changes files, they are copied into
``backups/import/``. Each folder has a ``manifest.json`` naming every file it covers, and
which did not exist yet, so ``reader restore KIND`` brings back exactly that state.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass

import orjson

from reader.core.errors import EX_NOINPUT, FsError, ReaderError, StoreError
from reader.core.fs import atomic_write_bytes, error_for, read_regular
from reader.core.store import files
from reader.core.store.files import MAX_FILE as BACKUP_FILE_CAP

SESSION, PREVIOUS, IMPORT, BEFORE_RESTORE, BEFORE_MIGRATION = (
    "session", "session.1", "import", "before-restore", "before-migration")
BEFORE_RESTORE_PREVIOUS = "before-restore.1"  # the state before the restore before the last
KINDS = (SESSION, PREVIOUS, IMPORT, BEFORE_RESTORE, BEFORE_RESTORE_PREVIOUS, BEFORE_MIGRATION)
MANIFEST = "manifest.json"


def _name(rel: str) -> str:
    return "root.json" if rel == files.ROOT else rel


def _store_file(rel: object) -> bool:
    """Whether rel names a file of a store: its root ("") or a plain ``.json`` name of its folder."""
    return isinstance(rel, str) and (rel == files.ROOT or (
        rel.endswith(".json") and not rel.startswith(".") and "/" not in rel and os.sep not in rel
        and "\0" not in rel and rel != files.JOURNAL))


@dataclass(frozen=True)
class BackupInfo:
    kind: str
    folder: str
    created: float
    files: int


class Backups:
    def __init__(self, root: str) -> None:
        self.root = root
        self._session_started = False
        self._saved: set[str] = set()
        self._staged: list[tuple[str, list[str]]] = []  # written aside until the write succeeds

    def folder(self, kind: str) -> str:
        return os.path.join(files.shard_folder(self.root), files.BACKUPS, kind)

    # --- taking -----------------------------------------------------------------------------
    def before_write(self, rels: list[str], *, imports: bool = False, upkeep_only: bool = False) -> None:
        """Called before files are written: copy what this session has not copied yet.

        Upkeep alone (articles seen, re-anchorings) starts no new session backup, so merely
        opening the reader never replaces the copies of the last session's state.

        A new import backup, and a session's first backup (which moves the last session's
        to ``session.1``), are written aside (``KIND.new``) and take their place only once
        the write they precede has succeeded (``after_write``). On a full disk an import
        that "changed nothing" had replaced the import backup, and a session's had lost
        both its own manifest and the session before it.
        """
        self._staged = []
        if imports:
            self._write(IMPORT + ".new", rels, fresh=True)
            self._staged.append((IMPORT, []))
        if upkeep_only:
            return
        todo = [r for r in rels if r not in self._saved]
        if not todo:
            return
        if not self._session_started:
            self._write(SESSION + ".new", todo, fresh=True)
            self._staged.append((SESSION, todo))
            return
        self.snapshot(SESSION, todo, fresh=False)
        self._saved.update(todo)

    def after_write(self, ok: bool) -> None:
        """The write is done (ok) or failed: put the staged backups in place, or drop them.
        Never raises: the store's files are already written."""
        staged, self._staged = self._staged, []
        for kind, todo in staged:
            new = self.folder(kind + ".new")
            if not ok:
                shutil.rmtree(new, ignore_errors=True)
                continue
            try:
                if kind == SESSION:
                    self._rotate()
                    os.replace(new, self.folder(SESSION))
                    self._session_started = True
                    self._saved.update(todo)
                else:
                    self._swap_in(kind)
            except (OSError, ReaderError):
                shutil.rmtree(new, ignore_errors=True)  # the old backup stays as it was

    def _swap_in(self, kind: str) -> None:
        folder, new, old = self.folder(kind), self.folder(kind + ".new"), self.folder(kind + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if os.path.isdir(folder):
            os.replace(folder, old)
        os.replace(new, folder)
        shutil.rmtree(old, ignore_errors=True)

    def keep_previous_restore(self) -> None:
        """Move ``before-restore`` to ``before-restore.1`` before a restore writes a new one: a
        second restore had replaced the only copy of what the first one took away."""
        self._shift(BEFORE_RESTORE, BEFORE_RESTORE_PREVIOUS)

    def _rotate(self) -> None:
        self._shift(SESSION, PREVIOUS)

    def _shift(self, kind: str, to: str) -> None:
        """Move the backup ``kind`` to ``to``, replacing what was there."""
        current, previous = self.folder(kind), self.folder(to)
        try:
            if os.path.isdir(current):
                shutil.rmtree(previous, ignore_errors=True)
                os.replace(current, previous)
        except OSError as exc:
            raise error_for(current, exc, "back up") from None

    def snapshot(self, kind: str, rels: list[str], fresh: bool) -> None:
        """Copy these files, as they are on disk now, into backups/<kind>/ (a fresh one is
        written aside and put in place whole, so a full disk never leaves half of one)."""
        if not fresh:
            self._write(kind, rels, fresh=False)
            return
        try:
            self._write(kind + ".new", rels, fresh=True)
            self._swap_in(kind)
        except OSError as exc:
            shutil.rmtree(self.folder(kind + ".new"), ignore_errors=True)
            raise error_for(self.folder(kind), exc, "back up") from None
        except ReaderError:
            shutil.rmtree(self.folder(kind + ".new"), ignore_errors=True)
            raise

    def _write(self, kind: str, rels: list[str], fresh: bool) -> None:
        folder = self.folder(kind)
        if fresh:
            shutil.rmtree(folder, ignore_errors=True)
        for level in (files.shard_folder(self.root), os.path.dirname(folder), folder):
            files.ensure_folder(level)
        manifest = self._manifest(folder)
        for rel in rels:
            if rel in manifest:
                continue  # the first state of a session is the one to keep
            src = files.absolute(self.root, rel)
            try:
                data = read_regular(src, BACKUP_FILE_CAP)
            except FileNotFoundError:
                manifest[rel] = None
                continue
            except OSError as exc:
                raise error_for(src, exc, "back up") from None
            atomic_write_bytes(os.path.join(folder, _name(rel)), data, follow_symlinks=False)
            manifest[rel] = _name(rel)
        atomic_write_bytes(os.path.join(folder, MANIFEST), orjson.dumps(manifest), follow_symlinks=False)

    def keep_original(self, kind: str) -> None:
        """Copy the root file as it is (before a migration) into backups/<kind>/."""
        self.snapshot(kind, [files.ROOT], fresh=True)

    @staticmethod
    def _manifest(folder: str) -> dict[str, str | None]:
        try:
            data = orjson.loads(read_regular(os.path.join(folder, MANIFEST), 16 << 20))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict):
            return {}
        # Only what a backup of this store writes: the root file or a store file of its folder,
        # each kept under its own name. An attacker's manifest naming "/home/…/thesis.txt" made
        # a restore overwrite that file, and one naming any readable file copied it in.
        return {k: v for k, v in data.items() if _store_file(k) and (v is None or v == _name(k))}

    # --- listing and restoring ----------------------------------------------------------------
    def available(self) -> list[BackupInfo]:
        out = []
        for kind in KINDS:
            folder = self.folder(kind)
            manifest = self._manifest(folder)
            if manifest:
                created = os.stat(os.path.join(folder, MANIFEST)).st_mtime
                out.append(BackupInfo(kind, folder, created, len(manifest)))
        return out

    def contents(self, kind: str) -> dict[str, bytes | None]:
        """rel -> the file's bytes in the backup (None: the file did not exist then)."""
        if kind not in KINDS:
            raise StoreError(f"no such backup {kind!r}; choose one of {', '.join(KINDS)}", EX_NOINPUT)
        folder = self.folder(kind)
        manifest = self._manifest(folder)
        if not manifest:
            raise StoreError(f"there is no {kind} backup of {self.root}", EX_NOINPUT)
        out: dict[str, bytes | None] = {}
        for rel, name in manifest.items():
            if name is None:
                out[rel] = None
                continue
            try:
                out[rel] = read_regular(os.path.join(folder, name), BACKUP_FILE_CAP)
            except OSError as exc:
                why = exc.strerror or "not a regular file"
                raise FsError(f"the {kind} backup is incomplete ({name}: {why}); nothing was restored") from None
        return out


def record_counts(contents: dict[str, bytes | None]) -> tuple[int, int]:
    """(annotations, links) these store files hold; an unreadable file holds none."""
    annotations = links = 0
    for data in contents.values():
        if not data:
            continue
        try:
            tables = orjson.loads(data)
        except orjson.JSONDecodeError:
            continue
        if isinstance(tables, dict):
            for name, table in tables.items():
                if isinstance(table, dict):
                    annotations += len(table) if name == "annotations" else 0
                    links += len(table) if name == "links" else 0
    return annotations, links



def held_parts(rels: Iterable[str], annotations: int, links: int) -> tuple[str, str, str]:
    """(which files, what they hold, what they leave untouched) of a backup's files:
    ("1 file (the links of 1 pair)", "13 links", "annotations untouched")."""
    rels = list(rels)
    articles = sum(1 for r in rels if r.startswith("a-"))
    pairs = sum(1 for r in rels if r.startswith("l-"))
    parts = (["the root"] if "" in rels else []) + \
        ([f"the annotations of {articles} article{'s' if articles != 1 else ''}"] if articles else []) + \
        ([f"the links of {pairs} pair{'s' if pairs != 1 else ''}"] if pairs else [])
    what = (", ".join(parts[:-1]) + " and " + parts[-1]) if len(parts) > 1 else (parts[0] if parts else "no files")
    counts = ([f"{annotations:,} annotation{'s' if annotations != 1 else ''}"] if articles else []) + \
        ([f"{links:,} link{'s' if links != 1 else ''}"] if pairs else [])
    untouched = ([] if articles else ["annotations"]) + ([] if pairs else ["links"])
    n = len(rels)
    return (f"{n} file{'s' if n != 1 else ''} ({what})", ", ".join(counts) or "no annotations or links",
            f"{' and '.join(untouched)} untouched" if untouched else "")


def held(rels: Iterable[str], annotations: int, links: int) -> str:
    """What a backup's files hold, said so that a backup of some files is not read as an empty
    store: "1 file (the links of 1 pair): 13 links; annotations untouched". A user read
    "0 annotations, 13 links" as a backup that would empty their store."""
    which, counts, untouched = held_parts(rels, annotations, links)
    return f"{which}: {counts}" + (f"; {untouched}" if untouched else "")
