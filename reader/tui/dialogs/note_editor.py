"""The note editor: a multi-line TextArea in a modal. Ctrl+S saves, Esc cancels."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, TextArea


class NoteEditor(ModalScreen[str | None]):
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="note_save", priority=True),
        Binding("escape", "cancel", "Cancel", id="note_cancel", priority=True),
    ]

    def __init__(self, quote: str, note: str) -> None:
        super().__init__()
        self.quote = quote
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label("Note", classes="dialog-title")
            yield Label(self.quote, classes="dialog-quote", markup=False)
            yield TextArea(self.note, id="note-text", soft_wrap=True)
            yield Label("Ctrl+S: save  Esc: cancel  (start with .word to tag it)", classes="dialog-help")

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_save(self) -> None:
        self.dismiss(self.query_one(TextArea).text)

    def action_cancel(self) -> None:
        self.dismiss(None)
