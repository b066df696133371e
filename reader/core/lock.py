"""The store's write lock: one writer at a time, held for a whole session.

An advisory lock on ``<store>.lock``; the operating system releases it when the holder
exits or is killed, so a crash never leaves a stale lock behind.
"""

from __future__ import annotations

import os
import time

from reader.core.errors import StoreError, StoreLocked

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None
    import msvcrt


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
            with open(self.path, encoding="ascii", errors="replace") as fh:
                pid = fh.read(32).strip()
            return f" (process {pid})" if pid.isdigit() else ""
        except OSError:
            return ""

    def acquire(self, wait: float = 0.0) -> None:
        """Take the lock, waiting up to ``wait`` seconds; StoreLocked if another holds it."""
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            raise StoreError(f"cannot create lock file {self.path}: {exc.strerror}", 73) from None
        deadline = time.monotonic() + wait
        while not self._try(fd):
            if time.monotonic() >= deadline:
                os.close(fd)
                raise StoreLocked(
                    f"the store is in use by another reader{self.holder()}: {self.path[:-5]}; "
                    "close it or try again"
                )
            time.sleep(0.05)
        try:
            os.ftruncate(fd, 0)
            os.write(fd, str(os.getpid()).encode())
        except OSError:
            pass  # the pid is only for messages
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            try:
                if fcntl is not None:
                    fcntl.flock(self._fd, fcntl.LOCK_UN)
            finally:
                os.close(self._fd)
                self._fd = None
