"""The help screen: every key, as currently bound (after the user's remapping)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static
from rich.table import Table

from reader.tui.bindings import READER_BINDINGS, key_label

PANEL_KEYS = [
    ("Annotations panel (a)", "type", "filter by tag or text"),
    ("", "↑ ↓ / Enter", "move / jump to the annotation"),
    ("", "Delete, ctrl+d (or d in the list)", "delete (u undoes)"),
    ("Suggestions (S)", "y / x", "accept (creates the link) / reject (remembered)"),
    ("Link (l … l)", "r s a q p", "rebuts, supports, answers, qualifies, repeats"),
    ("Tag prompt (t)", "Enter / ↑ ↓ / Esc", "choose / pick completion / cancel"),
    ("Note editor (n)", "ctrl+s / Esc", "save / cancel; '.word' at the start tags it"),
    ("Search (/)", "n / N / Esc", "next / previous match / clear"),
]


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark,f1", "close", "Close", id="help_close")]

    def __init__(self, keymap: dict[str, str]) -> None:
        super().__init__()
        self.keymap = keymap

    def compose(self) -> ComposeResult:
        table = Table(box=None, show_header=True, header_style="bold", expand=True)
        table.add_column("Key", style="bold cyan", no_wrap=True)
        table.add_column("Does")
        table.add_column("id", style="dim")
        for b in READER_BINDINGS:
            table.add_row(key_label(self.keymap.get(b.id, b.key)), b.description, b.id)
        more = Table(box=None, show_header=False, expand=True)
        more.add_column(style="bold")
        more.add_column(style="bold cyan")
        more.add_column()
        for row in PANEL_KEYS:
            more.add_row(*row)
        with VerticalScroll(classes="dialog wide", id="help"):
            yield Label("reader · keys (remap by id in the config file's [keys] table)", classes="dialog-title", markup=False)
            yield Static(table)
            yield Static(more)
            yield Label("Esc closes", classes="dialog-help")

    def action_close(self) -> None:
        self.dismiss(None)
