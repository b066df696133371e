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

NARROW = 50  # a panel narrower than this (the side panel at 80 columns is 33) shows shorter rows


def wording_differs(s: Any) -> bool:
    return bool(s.relation == REPEATS and any(k != "same" for k, _w in word_diff(s.left.text, s.right.text)))


def suggestion_row(s: Any, names: tuple[str, str], narrow: bool = False, differs: bool | None = None,
                   asked: str | None = None) -> Text:
    """How a suggestion reads: the relation in words, in the link's direction, and why. The
    reason every row shares (which article reads as the reply) is said once, in the panel's
    help, and so is what the wording diff's marks mean; a narrow panel quotes fewer words
    (at 80 columns one suggestion filled the panel, a new user found)."""
    answer, claim = s.source, s.target
    a_name, c_name = (names[1], names[0]) if s.answer_side == "right" else (names[0], names[1])
    words = 8 if narrow else 14
    row = Text()
    row.append(f"{s.score:.2f} ", style="dim")
    row.append(plain(f"{a_name} {s.relation} {c_name}"), style="bold")
    reasons = [r for r in s.reasons if not r.endswith(" reads as the reply")]
    if reasons:
        row.append(plain(f"  ({', '.join(reasons)})"), style="dim")
    # in "what answers this?", the passage asked about is in the title: each row quotes only
    # the candidate (a user saw the same sentence repeated in all eight rows)
    lines = [(side, name, passage) for side, name, passage in
             ((s.answer_side, a_name, answer), ("left" if s.answer_side == "right" else "right", c_name, claim))
             if side != asked]
    for _side, name, passage in lines:
        row.append("\n" + plain(f"{name}: {short(passage.text, words)}"))
    if wording_differs(s) if differs is None else differs:
        row.append("\nwording differs: ")
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
        yield Label(self._keys_help(), id=f"{self.id}-help", classes="dialog-help", markup=False)

    def _keys_help(self) -> str:
        return "y link \u00b7 c link as\u2026 \u00b7 \u2191\u2193 preview \u00b7 Enter go there \u00b7 Esc back" \
            if self.answers else \
            "y accept \u00b7 c accept as\u2026 \u00b7 x reject \u00b7 \u2191\u2193 preview \u00b7 Enter go there \u00b7 Esc back"

    def _help(self, differs: bool) -> str:
        """The keys; then what every row shares, said once."""
        lines = [self._keys_help()]
        replies = {s.source.doc.name for s in self.suggestions}
        if len(replies) == 1:
            lines.append(f"{next(iter(replies))} reads as the reply")
        if differs:
            lines.append(f"wording: [-only {self.names[0]}-] {{+only {self.names[1]}+}}")
        return "\n".join(plain(x) for x in lines)

    def load(self, suggestions: list[Any], title: str = "", asked: str | None = None) -> None:
        """Show these suggestions; ``asked``: the side of the passage asked about ("what
        answers this?"), quoted once in the title and not in every row."""
        self.suggestions = list(suggestions)
        lst = self.query_one(SuggestionList)
        keep = lst.highlighted
        lst.clear_options()
        narrow = self.app.size.width * 0.42 < NARROW  # the side panel's share of the screen (app.tcss)
        differs = [wording_differs(s) for s in self.suggestions]  # each diff worked out once
        lst.add_options([Option(suggestion_row(s, self.names, narrow, differs[i], asked), id=str(i))
                         for i, s in enumerate(self.suggestions)])
        self.query_one(f"#{self.id}-help", Label).update(self._help(any(differs)))
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
