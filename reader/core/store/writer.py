"""Saving in order, off the caller's thread: a write-behind queue that coalesces.

The store applies a change in memory at once and hands the step to the writer. In the
TUI the writer is a thread: keys never wait for a disk. It takes every step queued so
far, saves them as one all-or-nothing write, and reports each step's sequence number as
saved only after the fsync ("acknowledged means on disk"). If a save fails, that batch
and every step queued after it fail too (they were built on it), until the store has
rolled its memory back and ``resume``s the writer with a new generation; steps of an
older generation still in the queue are dropped, never written.

A threaded writer starts a save only once the steps have been quiet for ``SETTLE``
seconds (at most ``MAX_WAIT`` after the first): encoding a large article's file holds the
interpreter for milliseconds, and starting it at once would delay the very repaint that
shows the key's effect. So the screen shows the change first, a burst of keys becomes one
write, and the save follows. ``flush`` (quit, signals, tests) skips the wait.

The command line uses the same writer without a thread: ``submit`` saves at once.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from reader.core.errors import EX_SOFTWARE, ReaderError
from reader.core.store.history import Step


@dataclass(frozen=True)
class Commit:
    seq: int
    generation: int
    step: Step


# save(batch) writes the steps; raises ReaderError when it cannot.
SaveFn = Callable[[list[Commit]], None]
# settled(seqs, error): the steps' fate; called on the writer's thread.
SettledFn = Callable[[list[int], ReaderError | None], None]

SETTLE = 0.05  # seconds of quiet before a save starts: the key's repaint goes first
MAX_WAIT = 0.5  # the longest a queued step waits for the quiet


class Writer:
    def __init__(self, save: SaveFn, settled: SettledFn, threaded: bool) -> None:
        self._save = save
        self._settled = settled
        self.threaded = threaded
        self._queue: list[Commit] = []
        self._cond = threading.Condition()
        self._busy = False
        self._closed = False
        self._poisoned: ReaderError | None = None
        self._generation = 0
        self._last_submit = 0.0
        self._flushing = 0  # callers waiting in flush: save at once
        self._thread: threading.Thread | None = None
        if threaded:
            self._thread = threading.Thread(target=self._run, name="reader-store-writer", daemon=True)
            self._thread.start()

    # --- the caller's side ------------------------------------------------------------------
    def submit(self, commit: Commit) -> None:
        if not self.threaded:
            self._write([commit])
            return
        with self._cond:
            if self._closed:
                raise ReaderError("the store is closed")
            self._queue.append(commit)
            self._last_submit = time.monotonic()
            self._cond.notify_all()

    def resume(self, generation: int) -> None:
        """The store rolled back what failed: accept new steps of this generation."""
        with self._cond:
            self._generation = generation
            self._poisoned = None
            self._queue = [c for c in self._queue if c.generation >= generation]

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until everything queued is saved or failed; False on timeout."""
        if not self.threaded:
            return True
        with self._cond:
            self._flushing += 1
            self._cond.notify_all()
            try:
                return self._cond.wait_for(lambda: not self._queue and not self._busy, timeout)
            finally:
                self._flushing -= 1

    @property
    def pending(self) -> int:
        with self._cond:
            return len(self._queue) + (1 if self._busy else 0)

    def close(self, timeout: float | None = None) -> bool:
        done = self.flush(timeout)
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        if self._thread is not None:
            self._thread.join(timeout=1.0)
        return done

    # --- the writer's side --------------------------------------------------------------------
    def _run(self) -> None:
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._queue or self._closed)
                if not self._queue and self._closed:
                    return
                self._settle()
                batch, self._queue = self._queue, []
                batch = [c for c in batch if c.generation >= self._generation]
                self._busy = True
            try:
                if batch:
                    self._write(batch)
            finally:
                with self._cond:
                    self._busy = False
                    self._cond.notify_all()

    def _settle(self) -> None:
        """Wait (holding the condition) until the queue has been quiet for SETTLE, at most
        MAX_WAIT, unless someone is flushing or the writer is closing."""
        deadline = time.monotonic() + MAX_WAIT
        while not self._closed and not self._flushing:
            now = time.monotonic()
            until = min(self._last_submit + SETTLE, deadline)
            if now >= until:
                return
            self._cond.wait(until - now)

    def _write(self, batch: list[Commit]) -> None:
        seqs = [c.seq for c in batch]
        if self._poisoned is not None:
            self._settled(seqs, self._poisoned)
            return
        try:
            self._save(batch)
        except ReaderError as exc:
            if self.threaded:
                self._poisoned = exc
            self._settled(seqs, exc)
            return
        except Exception as exc:  # noqa: BLE001 - a bug must not pass for a save
            err = ReaderError(f"saving failed unexpectedly: {exc!r}", EX_SOFTWARE)
            if self.threaded:
                self._poisoned = err
            self._settled(seqs, err)
            return
        self._settled(seqs, None)
