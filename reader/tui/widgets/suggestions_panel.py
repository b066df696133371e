"""Suggested links, beside the reader: y accepts, x rejects, moving previews the pair."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from reader.core.quote_diff import differs
from reader.core.snippets import short
from reader.tui.widgets.annotations_panel import diff_text
from reader.core.textsafety import inert


class SuggestionList(OptionList):
    BINDINGS = [
        Binding("j", "cursor_down", show=False),
        Binding("k", "cursor_up", show=False),
        Binding("y", "accept", "Accept", id="suggestion_accept"),
        Binding("x", "reject", "Reject", id="suggestion_reject"),
    ]

    def action_accept(self) -> None:
        self.parent.decide(accept=True)

    def action_reject(self) -> None:
        self.parent.decide(accept=False)


class SuggestionsPanel(Vertical):
    BINDINGS = [Binding("escape", "app.suggestions", "Close panel", id="suggestions_close")]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.suggestions = []

    def compose(self) -> ComposeResult:
        yield Label("Suggestions", id="sugg-title")
        yield SuggestionList(id="sugg-list")
        yield Label("y accept · x reject · Enter go · S close", classes="dialog-help")

    def load(self, suggestions) -> None:
        self.suggestions = list(suggestions)
        lst = self.query_one(SuggestionList)
        lst.clear_options()
        for i, s in enumerate(self.suggestions):
            row = Text()
            row.append(f"{s.relation} ", style="bold")
            row.append(f"{s.score:.2f}\n", style="dim")
            row.append("L: " + inert(short(s.left.text, 12)) + "\n")
            row.append("R: " + inert(short(s.right.text, 12)))
            if s.relation == "repeats" and differs(s.left.text, s.right.text):
                row.append("\nwording differs: ")
                row.append_text(diff_text(s.left.text, s.right.text))
            lst.add_option(Option(row, id=str(i)))
        self.query_one("#sugg-title", Label).update(f"Suggestions · {len(self.suggestions)}")
        if self.suggestions:
            lst.highlighted = 0

    def current(self):
        lst = self.query_one(SuggestionList)
        if lst.highlighted is None or not self.suggestions:
            return None
        return self.suggestions[int(lst.get_option_at_index(lst.highlighted).id)]

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        s = self.current()
        if s is not None:
            self.app.preview_suggestion(s)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        s = self.current()
        if s is not None:
            self.app.preview_suggestion(s)

    def decide(self, accept: bool) -> None:
        s = self.current()
        if s is None:
            return
        lst = self.query_one(SuggestionList)
        index = lst.highlighted
        if self.app.decide_suggestion(s, accept):
            self.suggestions.remove(s)
            self.load(self.suggestions)
            if self.suggestions:
                lst.highlighted = min(index, len(self.suggestions) - 1)
