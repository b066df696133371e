"""A crash-safe TinyDB storage: serialise, write a temp file, fsync, rename.

TinyDB's JSONStorage truncates and rewrites its file in place, so a crash or a full disk
mid-write leaves it corrupt. This storage never touches the live file until a complete
copy is safely on disk. It keeps the last state it read or wrote in memory (the session
holds the write lock, so nobody else changes the file) and can batch several TinyDB
operations into one write.
"""

from __future__ import annotations

import errno
import os
import tempfile
from contextlib import contextmanager

import orjson
from tinydb.storages import Storage

from reader.core.errors import EX_CANTCREAT, EX_IOERR, StoreError

TMP_PREFIX = ".tmp-"


def atomic_write_bytes(path: str, data: bytes, shared: bool = False) -> None:
    """Replace path with data atomically; raise StoreError (and leave path alone) on failure.

    The file is private (0600) unless ``shared``, as an export is: then the umask decides.
    """
    folder = os.path.dirname(os.path.abspath(path))
    name = os.path.basename(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{name}{TMP_PREFIX}", dir=folder)
    except OSError as exc:
        raise _write_error(path, exc) from None
    try:
        try:
            if shared:
                umask = os.umask(0)
                os.umask(umask)
                os.fchmod(fd, 0o666 & ~umask)
            view = memoryview(data)
            while view:
                n = os.write(fd, view)
                view = view[n:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise _write_error(path, exc) from None
    try:  # make the rename itself durable
        dfd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
    except OSError:
        pass


def _write_error(path: str, exc: OSError) -> StoreError:
    if exc.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
        return StoreError(f"cannot save {path}: the disk is full; nothing was changed", EX_IOERR)
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return StoreError(f"cannot save {path}: {exc.strerror} (read-only location?); nothing was changed", EX_CANTCREAT)
    return StoreError(f"cannot save {path}: {exc.strerror}; nothing was changed", EX_IOERR)


def clean_temp_files(path: str) -> int:
    """Remove temp files a killed writer left beside path. Call only while holding the lock."""
    folder = os.path.dirname(os.path.abspath(path)) or "."
    prefix = f".{os.path.basename(path)}{TMP_PREFIX}"
    removed = 0
    try:
        names = os.listdir(folder)
    except OSError:
        return 0
    for entry in names:
        if entry.startswith(prefix):
            try:
                os.unlink(os.path.join(folder, entry))
                removed += 1
            except OSError:
                pass
    return removed


def read_store_file(path: str) -> dict | None:
    """Parse a store file: None if it does not exist; StoreError if it cannot be trusted."""
    backup = f"{path}.bak"
    hint = f"; a backup is at {backup}" if os.path.exists(backup) else ""
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise StoreError(f"store {path} is a directory, not a store file") from None
    except PermissionError:
        raise StoreError(f"cannot read store {path}: permission denied", 66) from None
    except OSError as exc:
        raise StoreError(f"cannot read store {path}: {exc.strerror}", EX_IOERR) from None
    if not raw.strip():
        raise StoreError(f"store {path} is empty but should hold data; refusing to overwrite it{hint}")
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise StoreError(f"store {path} is corrupt (not valid JSON); it was left untouched{hint}") from None
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise StoreError(f"store {path} is not a reader store (unexpected layout); it was left untouched{hint}")
    for name, table in data.items():
        for key, record in table.items():
            if not key.isdigit() or not isinstance(record, dict):
                raise StoreError(f"store {path} has an unreadable record ({name} {key!r}); it was left untouched{hint}")
    return data


class AtomicJSONStorage(Storage):
    """TinyDB storage with atomic, durable writes and an in-memory copy of the state."""

    def __init__(self, path: str, read_only: bool = False) -> None:
        self.path = path
        self.read_only = read_only
        self._data: dict | None = None
        self._loaded = False
        self._batch_depth = 0
        self._dirty = False

    def read(self) -> dict | None:
        if not self._loaded:
            self._data = read_store_file(self.path)
            self._loaded = True
        if self._data is None:
            return None
        return dict(self._data)  # TinyDB replaces whole tables in the copy it gets

    def write(self, data: dict) -> None:
        if self.read_only:
            raise StoreError(f"store {self.path} is open read-only", 75)
        self._data = data
        self._loaded = True
        if self._batch_depth:
            self._dirty = True
        else:
            self._flush()

    def _flush(self) -> None:
        try:
            atomic_write_bytes(self.path, orjson.dumps(self._data))
        except StoreError:
            self._loaded = False  # memory may be ahead of disk: re-read on next use
            raise
        self._dirty = False

    @contextmanager
    def batch(self):
        """Group writes: one durable write at the end, none if the block raises."""
        self._batch_depth += 1
        try:
            yield
        except BaseException:
            self._batch_depth -= 1
            if self._batch_depth == 0 and self._dirty:
                self._dirty = False
                self._loaded = False
            raise
        self._batch_depth -= 1
        if self._batch_depth == 0 and self._dirty:
            self._flush()

    def invalidate(self) -> None:
        self._loaded = False
        self._data = None

    def close(self) -> None:
        pass
