"""Suggested links beside the reader, and the candidates that may answer one passage.

Moving through either list previews both passages; ``y`` (or Enter) makes the link, in
the direction the suggestion gives (the answering passage is the link's source); ``x``
rejects a suggestion for good. Both are messages to the screen.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from reader.core.store.relations import REPEATS
from reader.core.text.quote_diff import word_diff
from reader.core.text.safety import plain
from reader.core.text.snippets import short
from reader.tui.messages import PanelClosed, SuggestionDecided, SuggestionPreviewed
from reader.tui.widgets.annotations_panel import diff_text


def suggestion_row(s: Any, names: tuple[str, str], focus_side: str | None = None) -> Text:
    """How a suggestion reads: the relation in words, in the link's direction, and why."""
    answer, claim = s.source, s.target
    a_name, c_name = (names[1], names[0]) if s.answer_side == "right" else (names[0], names[1])
    row = Text()
    row.append(f"{s.score:.2f} ", style="dim")
    row.append(plain(f"{a_name} {s.relation} {c_name}"), style="bold")
    if s.reasons:
        row.append(plain(f"  ({', '.join(s.reasons)})"), style="dim")
    row.append("\n")
    row.append(plain(f"{a_name}: {short(answer.text, 14)}") + "\n")
    row.append(plain(f"{c_name}: {short(claim.text, 14)}"))
    if s.relation == REPEATS and any(k != "same" for k, _w in word_diff(s.left.text, s.right.text)):
        row.append(plain(f"\nwording differs ([-only {names[0]}-] {{+only {names[1]}+}}): "))
        row.append_text(diff_text(s.left.text, s.right.text))
    return row


class SuggestionList(OptionList):
    BINDINGS = [
        Binding("j", "cursor_down", show=False),
        Binding("k", "cursor_up", show=False),
        Binding("y", "decide(True)", "Accept", id="suggestion_accept"),
        Binding("x", "decide(False)", "Reject", id="suggestion_reject"),
        Binding("c", "decide(True, True)", "Link as…", id="suggestion_choose"),
    ]

    def action_decide(self, accept: bool, choose: bool = False) -> None:
        parent = self.parent
        if isinstance(parent, SuggestionsPanel):
            parent.decide(accept, choose)


class SuggestionsPanel(Vertical):
    """The global suggestions; ``answers=True``: candidates for one passage (no reject)."""

    BINDINGS = [Binding("escape", "close", "Close panel", id="suggestions_close")]

    def __init__(self, names: tuple[str, str], answers: bool = False, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.names = names
        self.answers = answers
        self.suggestions: list[Any] = []
        self.title = ""  # what the list answers; kept when a decided suggestion leaves it

    def compose(self) -> ComposeResult:
        yield Label("What answers this?" if self.answers else "Suggestions", id=f"{self.id}-title", markup=False)
        yield SuggestionList(id=f"{self.id}-list")
        help_ = "y link \u00b7 c link as\u2026 \u00b7 \u2191\u2193 preview \u00b7 Enter go there \u00b7 Esc back" \
            if self.answers else \
            "y accept \u00b7 c accept as\u2026 \u00b7 x reject \u00b7 \u2191\u2193 preview \u00b7 Enter go there \u00b7 Esc back"
        yield Label(help_, classes="dialog-help", markup=False)

    def load(self, suggestions: list[Any], title: str = "") -> None:
        self.suggestions = list(suggestions)
        lst = self.query_one(SuggestionList)
        keep = lst.highlighted
        lst.clear_options()
        lst.add_options([Option(suggestion_row(s, self.names), id=str(i)) for i, s in enumerate(self.suggestions)])
        self.title = title or self.title
        label = self.title or ("What answers this?" if self.answers else "Suggestions")
        self.query_one(f"#{self.id}-title", Label).update(plain(f"{label} \u00b7 {len(self.suggestions)}"))
        if self.suggestions:
            lst.highlighted = min(keep or 0, len(self.suggestions) - 1)

    def current(self) -> Any | None:
        lst = self.query_one(SuggestionList)
        if lst.highlighted is None or not self.suggestions:
            return None
        return self.suggestions[lst.highlighted]

    @on(OptionList.OptionHighlighted)
    def _highlighted(self) -> None:
        s = self.current()
        if s is not None:
            self.post_message(SuggestionPreviewed(s))

    @on(OptionList.OptionSelected)
    def _selected(self) -> None:
        # Enter goes to the pair: the panel closes, both articles stay there (Esc goes back
        # to where you were reading). Only y makes a link (Enter in "what answers this?"
        # used to link silently, which the key bar never said).
        s = self.current()
        if s is not None:
            self.post_message(SuggestionPreviewed(s, go=True))

    def decide(self, accept: bool, choose: bool = False) -> None:
        s = self.current()
        if s is None or (self.answers and not accept):
            return
        self.post_message(SuggestionDecided(s, accept, choose))

    def drop(self, s: Any) -> None:
        """A decided suggestion leaves the list; the count in the title follows."""
        if s in self.suggestions:
            self.suggestions.remove(s)
            self.load(self.suggestions)

    def action_close(self) -> None:
        self.post_message(PanelClosed(self))
