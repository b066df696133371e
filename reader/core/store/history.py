"""Changes to the store, grouped in steps, and the undo and redo stacks."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Record = dict[str, Any]

DO, UNDO, REDO, MAINTAIN, ROLLBACK, FOLLOW = "do", "undo", "redo", "maintain", "rollback", "follow"


@dataclass(frozen=True)
class Change:
    """One record's before and after (None: absent) in one table of one store file."""

    table: str
    rid: str
    before: Record | None
    after: Record | None
    file: str  # the store file holding the record, relative to the store's folder ("" the root)


@dataclass
class Step:
    """What one user action changed: one undo step, one durable write.

    ``kind`` says how it came about: a new action (do), an undo or redo of one, upkeep that
    is not undoable (maintain), a change the reader makes on its own that is not undoable
    but is backed up like a session's (follow: annotations following a moved article), or
    the reversal of changes that could not be saved.
    """

    label: str
    changes: list[Change] = field(default_factory=list)
    kind: str = DO
    origin: Step | None = None  # for an undo or redo: the step it undid or redid

    def ids(self, table: str) -> set[str]:
        return {c.rid for c in self.changes if c.table == table}

    def inverse(self, kind: str) -> Step:
        return Step(self.label, [Change(c.table, c.rid, c.after, c.before, c.file) for c in reversed(self.changes)], kind)


class History:
    def __init__(self, limit: int = 500) -> None:
        self.limit = limit
        self._undo: list[Step] = []
        self._redo: list[Step] = []

    def record(self, step: Step) -> None:
        if not step.changes:
            return
        self._undo.append(step)
        del self._undo[:-self.limit]
        self._redo.clear()

    def peek_undo(self) -> Step | None:
        return self._undo[-1] if self._undo else None

    def peek_redo(self) -> Step | None:
        return self._redo[-1] if self._redo else None

    def moved(self, step: Step, undone: bool) -> None:
        """An undo (undone=True) or redo of ``step`` was applied: move it to the other stack."""
        src, dst = (self._undo, self._redo) if undone else (self._redo, self._undo)
        if src and src[-1] is step:
            src.pop()
        dst.append(step)

    def forget(self, step: Step) -> None:
        """A new step could not be saved and was reversed: it never happened."""
        if self._undo and self._undo[-1] is step:
            self._undo.pop()
