"""Pick a link's relation with one key; Tab first to give the link a note."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from reader.core.records import RELATIONS


class RelationPicker(ModalScreen[tuple[str, str] | None]):
    """Returns (relation, note), or None when abandoned."""

    AUTO_FOCUS = ""  # nothing focused: the relation keys work at once; Tab reaches the note

    BINDINGS = [Binding("escape", "pick('')", "Cancel", id="relation_cancel")] + [
        Binding(key, f"pick('{name}')", name, id=f"relation_{name}") for name, (key, _help) in RELATIONS.items()
    ]

    def __init__(self, source: str, target: str) -> None:
        super().__init__()
        self.source, self.target = source, target

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Link: passage 1 … passage 2?", classes="dialog-title")
            yield Label(f"1: {self.source}", classes="dialog-quote", markup=False)
            yield Label(f"2: {self.target}", classes="dialog-quote", markup=False)
            for name, (key, help_) in RELATIONS.items():
                yield Label(f"  [b]{key}[/b]  1 {name} 2  [dim]({help_})[/dim]")
            yield Input(placeholder="note on the link (optional): Tab, type, Enter", id="link-note", compact=True)
            yield Label("Esc: abandon the link", classes="dialog-help")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.set_focus(None)

    def action_pick(self, name: str) -> None:
        if not name:
            self.dismiss(None)
        else:
            self.dismiss((name, self.query_one("#link-note", Input).value.strip()))
