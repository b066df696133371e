"""The note editor: a multi-line TextArea in a modal. Ctrl+S saves, Esc asks before discarding.

While it is open, the text typed so far is kept as a draft (``Drafts``), so a signal or a
crash does not lose it: the next session offers it back.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, TextArea

from reader.tui.dialogs.confirm import Confirm

DRAFT_EVERY = 0.3  # seconds between looks at whether the note changed (and its draft with it)


class NoteEditor(ModalScreen[str | None]):
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="note_save", priority=True),
        Binding("escape,ctrl+q", "cancel", "Cancel", id="note_cancel", priority=True),
    ]

    def __init__(self, quote: str, note: str, draft: str | None = None) -> None:
        super().__init__()
        self.quote = quote
        self.note = note
        self.draft = draft
        self.keep_draft: Callable[[str], bool] | None = None  # set by the screen that opens it
        self._kept = ""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label("Note on:", classes="dialog-title")
            yield Label(self.quote, classes="dialog-quote", markup=False)
            yield TextArea(self.draft if self.draft is not None else self.note, id="note-text", soft_wrap=True)
            help_ = "Ctrl+S: save  Esc: cancel  (start with .word to tag it)"
            if self.draft is not None:
                help_ = "Recovered from an unsaved draft. " + help_
            yield Label(help_, classes="dialog-help", markup=False)

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)
        # Often enough that a kill loses a moment of typing at most (every 1.5 s lost up to
        # 1.5 s of a note, a scale trial found); a draft is written only when the text changed.
        self.set_interval(DRAFT_EVERY, self.save_draft)

    def save_draft(self) -> None:
        """Keep what is typed so far (on a timer, and when a signal ends the session)."""
        text = self.text
        if self.keep_draft is not None and self.changed and text != self._kept and self.keep_draft(text):
            self._kept = text

    @property
    def text(self) -> str:
        return self.query_one(TextArea).text

    @property
    def changed(self) -> bool:
        return self.text != self.note

    def action_save(self) -> None:
        self.dismiss(self.text)

    def action_cancel(self) -> None:
        if not self.changed:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(Confirm("Discard the changes to this note?", "y: discard", "n / Esc: keep editing"),
                             answered)
