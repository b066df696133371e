"""Messages the reader's widgets post to the app."""

from __future__ import annotations

from textual.message import Message


class CursorMoved(Message):
    """The sentence cursor of an article view moved."""

    def __init__(self, view) -> None:
        super().__init__()
        self.view = view
