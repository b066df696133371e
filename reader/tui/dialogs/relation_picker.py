"""Pick a link's relation with one key."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label

from reader.core.records import RELATIONS


class RelationPicker(ModalScreen[str | None]):
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
            yield Label("Esc: abandon the link", classes="dialog-help")

    def action_pick(self, name: str) -> None:
        self.dismiss(name or None)
