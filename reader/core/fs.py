"""Writing files safely: atomic replacement, kept modes and links, and guarded outputs.

Two kinds of writes leave the reader:
- its own files (the store, its shards, the clipboard file) go through
  ``atomic_write_bytes``: a temp file in the same folder, fsync, rename, folder fsync. A
  crash or a full disk never leaves a half-written file, a symlink to the store is
  written through (the link stays) while one planted at a file of the reader's own
  folders (clipboard, drafts, backups) is replaced, an existing file keeps its mode, and
  anything but a regular file with one link is refused;
- exports go through ``write_output``, which also refuses to write over the store, its
  companions or an open article (by resolved path and by inode), writes devices and
  pipes in place (never replacing ``/dev/null`` with a file), and never hangs on a pipe
  that nobody reads.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Callable
from dataclasses import dataclass

from reader.core.errors import EX_CANTCREAT, EX_IOERR, FsError

TMP_MARK = ".tmp-"
PRIVATE = 0o600


def umask_mode() -> int:
    """The mode a new shared file gets under the user's umask."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def error_for(path: str, exc: OSError, what: str = "save") -> FsError:
    """One clear line for an OSError met while writing path."""
    if exc.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
        return FsError(f"cannot {what} {path}: the disk is full; nothing was changed", EX_IOERR)
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return FsError(f"cannot {what} {path}: {exc.strerror} (a read-only location?); nothing was changed", EX_CANTCREAT)
    if exc.errno == errno.ENOENT:
        return FsError(f"cannot {what} {path}: its folder does not exist (any more); nothing was changed", EX_CANTCREAT)
    return FsError(f"cannot {what} {path}: {exc.strerror or exc}; nothing was changed", EX_IOERR)


def fsync_dir(folder: str) -> None:
    """Make a rename in folder durable (best effort: some file systems refuse)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def resolve_regular(path: str) -> tuple[str, os.stat_result | None]:
    """The real path to write for path (symlinks followed) and its stat, or None if new.

    Raises FsError for anything that is not a regular file, or one with several hard
    links (replacing it would silently split them).
    """
    real = os.path.realpath(path)
    try:
        st = os.stat(real)
    except FileNotFoundError:
        return real, None
    except OSError as exc:
        raise error_for(path, exc) from None
    if stat.S_ISDIR(st.st_mode):
        raise FsError(f"cannot save {path}: it is a directory", EX_CANTCREAT)
    if not stat.S_ISREG(st.st_mode):
        raise FsError(f"cannot save {path}: not a regular file (a device, pipe or socket)", EX_CANTCREAT)
    if st.st_nlink > 1:
        raise FsError(
            f"cannot save {path}: it has {st.st_nlink} hard links, and replacing it would split them; "
            "keep one name (copy the file instead of linking it)", EX_CANTCREAT)
    return real, st


class NotRegular(OSError):
    """A file that is not a regular one (a pipe, a device), or one larger than allowed."""


class TooLarge(NotRegular):
    """A regular file larger than the reader of it allows."""


def read_regular(path: str, cap: int) -> bytes:
    """A regular file's bytes, never blocking on a pipe nor reading a device (a draft or a
    snapshot planted as a FIFO hung the reader holding the store's lock; one linked to
    /dev/zero ran the machine out of memory). NotRegular (an OSError) for those and for a
    file over ``cap`` bytes; other OSErrors (missing, no permission) as they are."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(errno.EISDIR, "is a directory", path)
        if not stat.S_ISREG(st.st_mode):
            raise NotRegular(f"{path}: not a regular file")
        if st.st_size > cap:
            raise TooLarge(f"{path}: larger than {cap} bytes")
        with os.fdopen(os.dup(fd), "rb") as fh:
            data = fh.read(cap + 1)
    finally:
        os.close(fd)
    if data is None:  # a "regular" file whose read would wait (/proc/kmsg)
        raise BlockingIOError(errno.EAGAIN, "nothing to read now", path)
    if len(data) > cap:
        raise TooLarge(f"{path}: larger than {cap} bytes")
    return data


def write_temp(folder: str, name: str, data: bytes, mode: int) -> str:
    """Write data to a new fsynced temp file beside ``name`` in folder; return its path."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{name}{TMP_MARK}", dir=folder)
    except OSError as exc:
        raise error_for(os.path.join(folder, name), exc) from None
    try:
        try:
            os.fchmod(fd, mode)
            view = memoryview(data)
            while view:
                n = os.write(fd, view)
                view = view[n:]
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as exc:
        remove_quietly(tmp)
        raise error_for(os.path.join(folder, name), exc) from None
    return tmp


def remove_quietly(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def atomic_write_bytes(path: str, data: bytes, *, private: bool = True, follow_symlinks: bool = True) -> str:
    """Replace path with data atomically; return the real path written.

    A new file is private (0600) or, with ``private=False``, gets the umask's mode; an
    existing file keeps its mode. On failure the file is untouched and FsError says why.
    ``follow_symlinks=False`` (the reader's own files in its cache, state and backup
    folders): a symbolic link at path is replaced, never written through, so a link
    planted there cannot aim the write at the store or an article.
    """
    given = os.path.abspath(os.path.expanduser(path))
    if not follow_symlinks and os.path.islink(given):
        real, st = os.path.join(os.path.realpath(os.path.dirname(given)), os.path.basename(given)), None
    else:
        real, st = resolve_regular(given)
    mode = stat.S_IMODE(st.st_mode) if st is not None else (PRIVATE if private else umask_mode())
    folder, name = os.path.split(real)
    tmp = write_temp(folder, name, data, mode)
    try:
        os.replace(tmp, real)
    except OSError as exc:
        remove_quietly(tmp)
        raise error_for(path, exc) from None
    fsync_dir(folder)
    return real


def clean_temp_files(folder: str, name: str | None = None) -> int:
    """Remove temp files a killed writer left in folder (beside ``name``, or all of ours)."""
    prefix = f".{name}{TMP_MARK}" if name else "."
    removed = 0
    try:
        entries = os.listdir(folder)
    except OSError:
        return 0
    for entry in entries:
        if entry.startswith(prefix) and TMP_MARK in entry:
            try:
                os.unlink(os.path.join(folder, entry))
                removed += 1
            except OSError:
                pass
    return removed


# --- outputs (exports) ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Protected:
    """Paths an export must never write over: the store and its companions, open articles."""

    files: tuple[str, ...] = ()
    folders: tuple[str, ...] = ()  # nothing inside these either (the store's shard folder)

    def reason(self, path: str) -> str | None:
        real = os.path.realpath(path)
        try:
            st = os.stat(path)
            ident = (st.st_dev, st.st_ino)
        except OSError:
            ident = None
        for f in self.files:
            if not f:
                continue
            if os.path.realpath(f) == real:
                return "it is the annotation store, one of its companions or an annotated article"
            if ident is not None:
                try:
                    fs = os.stat(f)
                except OSError:
                    continue
                if (fs.st_dev, fs.st_ino) == ident:
                    return "it is the same file as the annotation store or an annotated article"
        for folder in self.folders:
            root = os.path.realpath(folder)
            if real == root or real.startswith(root + os.sep):
                return "it is inside the annotation store's folder or the snapshots folder"
        return None


def write_output(path: str, data: bytes | Callable[[str | None], bytes], protected: Protected = Protected()) -> str:
    """Write an export to path; return the path written (the real one for a symlink).

    ``data`` may be a function of the existing file's text (None when there is none, or
    when the output is not a regular file): how Markdown keeps the user's own text.
    """
    shown = path
    path = os.path.abspath(os.path.expanduser(path))
    why = protected.reason(path)
    if why:
        raise FsError(f"refusing to write {shown}: {why}", EX_CANTCREAT)
    try:
        st = os.stat(path)  # follows symlinks: the kind of thing we would write into
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise error_for(shown, exc, "write") from None
    if st is not None and not stat.S_ISREG(st.st_mode):
        if stat.S_ISDIR(st.st_mode):
            raise FsError(f"cannot write {shown}: it is a directory", EX_CANTCREAT)
        if stat.S_ISCHR(st.st_mode) or stat.S_ISFIFO(st.st_mode):
            payload = data(None) if callable(data) else data
            _write_in_place(path, shown, payload, fifo=stat.S_ISFIFO(st.st_mode))
            return path
        raise FsError(f"cannot write {shown}: not a regular file (a socket or disk device)", EX_CANTCREAT)
    folder = os.path.dirname(os.path.realpath(path))
    if not os.path.isdir(folder):
        raise FsError(f"cannot write {shown}: the folder {folder} does not exist", EX_CANTCREAT)
    existing = None
    if callable(data) and st is not None:
        existing = _read_text(path, shown)
    payload = data(existing) if callable(data) else data
    try:
        return atomic_write_bytes(path, payload, private=False)
    except FsError as exc:
        raise FsError(str(exc).replace("nothing was changed", "the file was not changed"), exc.exit_code) from None


UPDATE_CAP = 64 * 1024 * 1024  # the largest file updated in place (a notes file exported into again)


def _read_text(path: str, shown: str) -> str:
    try:
        with open(path, "rb") as fh:
            raw = fh.read(UPDATE_CAP + 1)
    except OSError as exc:
        raise FsError(f"cannot read {shown} to update it: {exc.strerror}", EX_CANTCREAT) from None
    if len(raw) > UPDATE_CAP:
        # read whole or not at all: the part past the cap was the user's own text, and was lost
        raise FsError(f"cannot update {shown}: it is larger than {UPDATE_CAP >> 20} MB; "
                      "the file was not changed; choose another file", EX_CANTCREAT)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise FsError(f"cannot update {shown}: it is not UTF-8 text; choose another file", EX_CANTCREAT) from None


def _write_in_place(path: str, shown: str, data: bytes, fifo: bool) -> None:
    """Write to a device or pipe without replacing it; a pipe nobody reads is an error, not a hang."""
    flags = os.O_WRONLY | getattr(os, "O_NOCTTY", 0)
    if fifo:
        flags |= os.O_NONBLOCK
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise FsError(f"cannot write {shown}: no program is reading from that pipe", EX_CANTCREAT) from None
        raise error_for(shown, exc, "write") from None
    try:
        if fifo:
            os.set_blocking(fd, True)
        view = memoryview(data)
        while view:
            n = os.write(fd, view)
            view = view[n:]
    except OSError as exc:
        if exc.errno == errno.EPIPE:
            raise FsError(f"cannot write {shown}: the program reading from it went away", EX_IOERR) from None
        raise error_for(shown, exc, "write") from None
    finally:
        os.close(fd)
