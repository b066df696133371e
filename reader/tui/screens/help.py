"""The help screen: every key as bound now (after remapping), and a legend of colours and marks."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from reader.core.store.relations import RELATIONS
from reader.tui.bindings import APP_BINDINGS, SCREEN_BINDINGS, VIEW_BINDINGS, key_label, keys_of
from reader.tui.widgets.tag_styles import TagStyles

PANEL_KEYS = [
    ("Annotations panel (a)", "type", "filter by tag or text"),
    ("", "\u2191 \u2193 / Enter", "move / jump to the annotation"),
    ("", "d (in the list), Delete, ctrl+d", "delete (u undoes)"),
    ("Suggestions (S)", "y / x", "accept (creates the link) / reject (remembered)"),
    ("What answers this? (A)", "\u2191 \u2193 / y", "preview both passages / make the link"),
    ("Link (l \u2026 l)", "r s a q p", "rebuts, supports, answers, qualifies, repeats; x swaps the direction"),
    ("Typing a tag (t, T)", "Enter / Tab \u2191 \u2193 / Esc", "choose / next or previous completion / cancel"),
    ("Note editor (n)", "ctrl+s / Esc", "save / cancel (asks first if you changed it); '.word' at the start tags it"),
    ("Search (/)", "n / N / Esc", "next / previous match / clear"),
    ("Anywhere", "ctrl+p", "the command palette: every action by name"),
]


HELP_KEYS = "Esc (or q, ?) closes \u00b7 \u2191 \u2193 PgUp PgDn scroll"


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark,f1", "close", "Close", id="help_close")]

    def __init__(self, keymap: dict[str, str], tag_styles: TagStyles) -> None:
        super().__init__()
        self.keymap = keymap
        self.tag_styles = tag_styles

    def compose(self) -> ComposeResult:
        table = Table(box=None, show_header=True, header_style="bold", expand=True)
        table.add_column("Key", style="bold", no_wrap=True)
        table.add_column("Does")
        table.add_column("id (to remap)", style="dim")
        for bindings in (VIEW_BINDINGS, SCREEN_BINDINGS, APP_BINDINGS):
            for b in bindings:
                table.add_row(Text(key_label(keys_of(b.id or "", self.keymap))), Text(b.description), Text(b.id or ""))
        more = Table(box=None, show_header=False, expand=True)
        more.add_column(style="bold")
        more.add_column(style="bold")
        more.add_column()
        for row in PANEL_KEYS:
            more.add_row(*(Text(cell) for cell in row))
        # The keys that close it on a line of its own below the scrolling part, as every dialog
        # has: at the end of the help, "Esc closes" was off-screen when it opened (the key bar
        # is empty while a dialog is open), at 80x24 and at 200x60 alike.
        with Vertical(classes="dialog wide", id="help"):
            with VerticalScroll(id="help-body"):
                yield Label("reader \u00b7 keys (remap by id in the config file's [keys] table)",
                            classes="dialog-title", markup=False)
                yield Static(table)
                yield Static(more)
                yield Label("Legend", classes="dialog-title", markup=False)
                yield Static(self._legend())
            yield Label(HELP_KEYS, classes="dialog-help", id="help-keys", markup=False)

    def _legend(self) -> Text:
        ts = self.tag_styles
        out = Text()
        out.append("Tags: ")
        for tag in ts.config.tags:
            out.append(f" {tag} ", style=ts.highlight(tag))
            out.append(" ")
        out.append(" untagged ", style=ts.highlight(None))
        out.append("\nGutter, between the panes: ")
        out.append("\u258c", style=ts.mark("claim"))
        out.append(" a highlight (its tag's colour)   \u2261 several tags   \u270e a note\n")
        out.append("Links: " + "   ".join(f"{r.symbol} {r.name}" for r in RELATIONS.values()) + "   * several")
        out.append("\nThe cursor is reversed text; a selection, search matches and a link's marked passage each "
                   "have their own colour and are bold or underlined as well, so they show without colour.")
        return out

    def action_close(self) -> None:
        self.dismiss(None)
