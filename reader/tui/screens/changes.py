"""What changed in an article since the version on screen: paragraph by paragraph, as a
word diff, and which annotations each edit touched. Enter shows the new version; Esc keeps
reading the old one (both are kept: V switches between versions)."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from reader.core.sources.refresh import effect_words
from reader.core.text.safety import plain
from reader.core.text.snippets import short
from reader.tui.widgets.annotations_panel import diff_text

_KIND = {"added": "added", "removed": "removed", "reworded": "reworded", "moved": "moved"}


class ChangesScreen(ModalScreen[bool]):
    BINDINGS = [
        Binding("enter", "answer(True)", "Show the new version", id="changes_show_new"),
        Binding("escape,q", "answer(False)", "Keep the version shown", id="changes_keep"),
    ]

    def __init__(self, result: Any, effects: list[Any], name: str) -> None:
        super().__init__()
        self.result = result
        self.effects = effects
        self.article = name

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide", id="changes"):
            yield Label(plain(f"{self.article}: {self.result.summary}"), classes="dialog-title", markup=False)
            with VerticalScroll(id="changes-list"):
                yield Static(self._body(), markup=False)
            yield Label("Enter: show the new version   Esc: keep reading this one   (V switches versions)",
                        classes="dialog-help", markup=False)

    def _body(self) -> Text:
        out = Text()
        touched: dict[int, list[Any]] = {}
        for e in self.effects:
            if e.change is not None:
                touched.setdefault(e.change, []).append(e)
        for k, c in enumerate(self.result.changes):
            where = f"\u00b6{(c.new if c.new is not None else c.old) + 1}"
            out.append(f"{where} {_KIND.get(c.kind, c.kind)}\n", style="bold")
            if c.kind == "reworded":
                out.append_text(diff_text(c.old_text, c.new_text))
            elif c.kind == "removed":
                out.append("[-" + plain(short(c.old_text, 60)) + "-]", style="strike")
            else:
                out.append("{+" + plain(short(c.new_text, 60)) + "+}", style="bold underline")
            out.append("\n")
            for e in touched.get(k, []):
                quote = short(e.old_quote or e.new_quote, 12)
                out.append(plain(f"   annotation {effect_words(e.status)}: \u201c{quote}\u201d\n"), style="italic")
            out.append("\n")
        if not self.result.changes:
            out.append("Only spacing or punctuation changed.\n")
        return out

    def action_answer(self, show_new: bool) -> None:
        self.dismiss(show_new)
