"""The store's write lock: one writer at a time, held for a whole session.

An advisory ``flock`` on ``<real store path>.lock``. The operating system releases it when
the holder exits or is killed, so a crash never leaves a stale lock. The lock file is
opened without following symlinks and is never truncated: a link planted in a shared
folder cannot make the reader write over another file.
"""

from __future__ import annotations

import errno
import os
import stat
import time

from reader.core.errors import EX_CANTCREAT, StoreError, StoreLocked

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]
    import msvcrt

PID_WIDTH = 12


class StoreLock:
    def __init__(self, path: str) -> None:
        self.path = path
        self._fd: int | None = None

    def _try(self, fd: int) -> bool:
        try:
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            else:  # pragma: no cover
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def holder(self) -> str:
        try:
            fd = os.open(self.path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        except OSError:
            return ""
        try:
            pid = os.read(fd, PID_WIDTH).decode("ascii", "replace").strip()
        except OSError:
            pid = ""
        finally:
            os.close(fd)
        return f" (process {pid})" if pid.isdigit() else ""

    def _open(self) -> int:
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        try:
            fd = os.open(self.path, flags, 0o600)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise StoreError(f"the lock file {self.path} is a symbolic link; refusing to follow it "
                                 "(remove it if you did not make it)", EX_CANTCREAT) from None
            raise StoreError(f"cannot create lock file {self.path}: {exc.strerror}", EX_CANTCREAT) from None
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_nlink > 1:
            os.close(fd)
            kind = "is not a regular file" if not stat.S_ISREG(st.st_mode) else "has other hard links"
            raise StoreError(f"the lock file {self.path} {kind}; refusing to use it (remove it if you did not "
                             "make it)", EX_CANTCREAT)
        os.set_blocking(fd, True)
        return fd

    def acquire(self, wait: float = 0.0) -> None:
        """Take the lock, waiting up to ``wait`` seconds; StoreLocked if another holds it."""
        fd = self._open()
        deadline = time.monotonic() + wait
        while not self._try(fd):
            if time.monotonic() >= deadline:
                os.close(fd)
                raise StoreLocked(
                    f"the store is in use by another reader{self.holder()}: {self.path[:-5]}; "
                    "close it or try again"
                )
            time.sleep(0.05)
        try:  # the pid, for messages: written over the start, padded, never truncating
            os.pwrite(fd, str(os.getpid()).ljust(PID_WIDTH).encode("ascii"), 0)
        except OSError:
            pass
        self._fd = fd

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        if self._fd is not None:
            try:
                if fcntl is not None:
                    fcntl.flock(self._fd, fcntl.LOCK_UN)
            finally:
                os.close(self._fd)
                self._fd = None
