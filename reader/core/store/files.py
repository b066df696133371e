"""The store's files on disk: where each record lives, reading them, writing them together.

Layout (``PATH`` is the store as given by ``--db``, ``READER_DB`` or the default):

    PATH                      the root: schema version, articles seen, rejections, imports
    PATH.d/a-<id>.json        one article's annotations (and remembered re-anchorings)
    PATH.d/l-<id>-<id>.json   the links between two articles (one id twice: inside one)
    PATH.d/journal.json       only while a change spanning several files is being saved
    PATH.d/backups/           copies of files as they were before a session or an import
    PATH.lock                 the write lock

Every file is a TinyDB database (TinyDB's JSON layout: ``{table: {doc_id: record}}``),
written by ``commit_files``: temp files fsynced, then, when more than one file changes,
a journal naming the renames, then the renames. A crash before the journal leaves the
old files; after it, the next writer finishes the renames. So a change is all or nothing
on disk, however many articles it touches.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
from typing import Any

import orjson

from reader.core.errors import EX_IOERR, EX_NOINPUT, StoreError
from reader.core.fs import TMP_MARK, clean_temp_files, error_for, fsync_dir, read_regular, remove_quietly, write_temp

ROOT = ""  # the root file's relative name in changes
JOURNAL = "journal.json"
BACKUPS = "backups"
MAX_FILE = 1 << 30  # a store file over 1 GB is not ours
SHARD_NAME = re.compile(r"[al]-[0-9a-f]{16}(-[0-9a-f]{16})?\.json")

Tables = dict[str, dict[str, Any]]


def shard_folder(root: str) -> str:
    return root + ".d"


def doc_id_of(key: str) -> str:
    return hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def annotation_file(doc_key: str) -> str:
    return f"a-{doc_id_of(doc_key)}.json"


def link_file(doc_a: str, doc_b: str) -> str:
    a, b = sorted((doc_id_of(doc_a), doc_id_of(doc_b)))
    return f"l-{a}-{b}.json"


def link_file_ids(name: str) -> tuple[str, str] | None:
    """The two article ids a link file joins, or None if name is not a link file."""
    if not (name.startswith("l-") and name.endswith(".json")):
        return None
    parts = name[2:-5].split("-")
    return (parts[0], parts[1]) if len(parts) == 2 else None


def absolute(root: str, rel: str) -> str:
    return root if rel == ROOT else os.path.join(shard_folder(root), rel)


def read_tables(path: str, shown: str | None = None) -> Tables | None:
    """Parse one store file: None if it does not exist; StoreError if it cannot be trusted."""
    shown = shown or path
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise StoreError(f"cannot read store {shown}: {exc.strerror}", EX_NOINPUT) from None
    if stat.S_ISDIR(st.st_mode):
        raise StoreError(f"store {shown} is a directory, not a store file", EX_NOINPUT)
    if not stat.S_ISREG(st.st_mode):
        raise StoreError(f"store {shown} is not a regular file (a device, pipe or socket)", EX_NOINPUT)
    if st.st_size > MAX_FILE:
        raise StoreError(f"store {shown} is {st.st_size >> 20} MB, too large to be a reader store; it was left untouched")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        try:
            with os.fdopen(fd, "rb", closefd=False) as fh:
                raw = fh.read(MAX_FILE + 1)
        finally:
            os.close(fd)
    except PermissionError:
        raise StoreError(f"cannot read store {shown}: permission denied", EX_NOINPUT) from None
    except OSError as exc:
        raise StoreError(f"cannot read store {shown}: {exc.strerror}", EX_IOERR) from None
    return parse_tables(raw, shown)


def parse_tables(raw: bytes, shown: str) -> Tables:
    if not raw.strip():
        raise StoreError(f"store {shown} is empty but should hold data; refusing to overwrite it")
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise StoreError(f"store {shown} is corrupt (not valid JSON); it was left untouched") from None
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise StoreError(f"store {shown} is not a reader store (unexpected layout); it was left untouched")
    for name, table in data.items():
        for key, record in table.items():
            if not key.isdigit() or not isinstance(record, dict):
                raise StoreError(f"store {shown} has an unreadable record ({name} {key!r}); it was left untouched")
    return data


def commit_files(root: str, files: dict[str, bytes], mode: int) -> None:
    """Write several store files as one: all of them land, or none does (see module doc)."""
    if not files:
        return
    folder = shard_folder(root)
    if any(rel != ROOT for rel in files):
        ensure_folder(folder)
    temps: list[tuple[str, str]] = []
    try:
        for rel, data in files.items():
            final = absolute(root, rel)
            d, name = os.path.split(final)
            temps.append((write_temp(d, name, data, mode), final))
    except BaseException:
        for tmp, _ in temps:
            remove_quietly(tmp)
        raise
    journal = os.path.join(folder, JOURNAL)
    if len(temps) > 1:
        base = os.path.dirname(root)
        plan = [[os.path.relpath(t, base), os.path.relpath(f, base)] for t, f in temps]
        try:
            jtmp = write_temp(folder, JOURNAL, orjson.dumps({"renames": plan}), 0o600)
            os.replace(jtmp, journal)
            fsync_dir(folder)
        except (OSError, StoreError) as exc:
            for tmp, _ in temps:
                remove_quietly(tmp)
            raise _as_store_error(root, exc) from None
    try:
        for tmp, final in temps:
            os.replace(tmp, final)
    except OSError as exc:
        if len(temps) == 1:
            remove_quietly(temps[0][0])
            raise error_for(root, exc) from None
        # The journal stands: the next writer finishes these renames.
        raise StoreError(f"cannot save {root}: {exc.strerror}; the change will be completed when the store "
                         "is next opened", EX_IOERR) from None
    for d in {os.path.dirname(f) for _, f in temps}:
        fsync_dir(d)
    if len(temps) > 1:
        remove_quietly(journal)
        fsync_dir(folder)


def _as_store_error(root: str, exc: Exception) -> Exception:
    if isinstance(exc, OSError):
        return error_for(root, exc)
    return exc


def ensure_folder(folder: str, parents: bool = False) -> None:
    """Make folder if missing. Without ``parents``, a missing parent is an error: the store's
    own folder moved or deleted under a session is never silently made again elsewhere."""
    try:
        if parents:
            os.makedirs(folder, mode=0o700, exist_ok=True)
        elif not os.path.isdir(folder):
            os.mkdir(folder, 0o700)
    except FileExistsError:
        pass
    except OSError as exc:
        raise error_for(folder, exc) from None
    if not os.path.isdir(folder) or os.path.islink(folder):
        raise StoreError(f"the store's folder {folder} is not a plain folder; refusing to write into it", EX_IOERR)


def pending_renames(root: str) -> list[tuple[str, str]]:
    """The renames a journal left by an interrupted save still asks for (tmp, final)."""
    journal = os.path.join(shard_folder(root), JOURNAL)
    try:
        plan = orjson.loads(read_regular(journal, 64 << 20))["renames"]
    except FileNotFoundError:
        return []
    except (OSError, ValueError, KeyError, TypeError):
        return []  # a journal is written atomically; one we cannot read was never complete
    base = os.path.dirname(root)
    out = []
    if not isinstance(plan, list):
        return []
    for pair in plan:
        if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(p, str) for p in pair)):
            return []
        tmp, final = (os.path.normpath(os.path.join(base, p)) for p in pair)
        if not _ours(root, tmp, final):
            # Not a journal this program wrote: its renames could name any file of the
            # user's ("../victim/thesis.txt"), and obeying them would move it. None is done.
            return []
        out.append((tmp, final))
    return out


def _ours(root: str, tmp: str, final: str) -> bool:
    """Whether a rename is one a save of this store makes: the root file or a store file in
    its folder, from a temp file beside it named after it."""
    folder = shard_folder(root)
    name = os.path.basename(final)
    in_folder = os.path.dirname(final) == os.path.normpath(folder) and name.endswith(".json") \
        and not name.startswith(".") and name != JOURNAL
    if final != os.path.normpath(root) and not in_folder:
        return False
    return os.path.dirname(tmp) == os.path.dirname(final) and os.path.basename(tmp).startswith(f".{name}{TMP_MARK}")


def recover(root: str) -> int:
    """Finish an interrupted save and remove stray temp files. Call only holding the lock."""
    done = 0
    for tmp, final in pending_renames(root):
        if os.path.exists(tmp):
            try:
                os.replace(tmp, final)
                done += 1
            except OSError as exc:
                if exc.errno != errno.ENOENT:
                    raise StoreError(f"cannot finish an interrupted save of {root}: {exc.strerror}", EX_IOERR) from None
    folder = shard_folder(root)
    if done:
        fsync_dir(folder)
        fsync_dir(os.path.dirname(root))
    remove_quietly(os.path.join(folder, JOURNAL))
    clean_temp_files(os.path.dirname(root), os.path.basename(root))
    if os.path.isdir(folder):
        clean_temp_files(folder)
    return done


def journal_view(root: str) -> dict[str, str]:
    """For a reader without the lock: final path -> the temp holding its newer content."""
    return {final: tmp for tmp, final in pending_renames(root) if os.path.exists(tmp) and TMP_MARK in tmp}
