"""Messages the reader's widgets post to the app."""

from __future__ import annotations

from textual.message import Message


class CursorMoved(Message):
    """The sentence cursor of an article view moved."""

    def __init__(self, view) -> None:
        super().__init__()
        self.view = view


class JumpTo(Message):
    """Show a passage: move the view for ``doc_key`` to [start, end)."""

    def __init__(self, doc_key: str, start: int, end: int, focus: bool = True) -> None:
        super().__init__()
        self.doc_key, self.start, self.end, self.focus = doc_key, start, end, focus
