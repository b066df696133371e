"""Undo and redo for store changes: each step is a group of (table, id, before, after)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Step:
    label: str
    changes: list[tuple[str, str, dict | None, dict | None]] = field(default_factory=list)


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

    def pop_undo(self) -> Step | None:
        return self._undo.pop() if self._undo else None

    def pop_redo(self) -> Step | None:
        return self._redo.pop() if self._redo else None

    def pushed_back(self, step: Step, undone: bool) -> None:
        """Put a step on the other stack after applying it (or back if applying failed)."""
        (self._redo if undone else self._undo).append(step)
