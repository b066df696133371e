"""A small prompt for a tag name, with fuzzy completion over known tags.

It says which passage it tags, and its list keeps one height while you type, so nothing
jumps under the cursor.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.fuzzy import Matcher
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from reader.core.store.records import parse_tag
from reader.core.text.safety import plain


class TagPrompt(ModalScreen[str | None]):
    """Type a tag and press Enter; ↑/↓ pick a completion; a new name creates a tag."""

    BINDINGS = [
        Binding("escape", "dismiss_none", "Cancel", id="dialog_cancel"),
        Binding("down", "move(1)", show=False),
        Binding("up", "move(-1)", show=False),
    ]

    def __init__(self, known: list[str], title: str = "Tag", quote: str = "", only_known: bool = False) -> None:
        super().__init__()
        self.known = known
        self.title_text = title
        self.quote = quote
        self.only_known = only_known

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="tag-dialog"):
            yield Label(self.title_text, classes="dialog-title", markup=False)
            if self.quote:
                yield Label(self.quote, classes="dialog-quote", markup=False)
            yield Input(placeholder="tag name", id="tag-input")
            yield OptionList(id="tag-options")
            yield Label("Enter: choose  \u2191\u2193: pick  Esc: cancel", classes="dialog-help", markup=False)

    def on_mount(self) -> None:
        self._refill("")

    def _refill(self, text: str) -> None:
        options = self.query_one("#tag-options", OptionList)
        options.clear_options()
        query = text.strip()
        if query:
            matcher = Matcher(query)
            scored = sorted(((matcher.match(t), t) for t in self.known), key=lambda x: -x[0])
            names = [t for score, t in scored if score > 0]
        else:
            names = list(self.known)
        new = parse_tag(query) if query else None
        opts = [Option(Text(plain(n)), id=f"t:{n}") for n in names]
        if new and new not in self.known and not self.only_known:
            opts.append(Option(Text(plain(f"+ new tag: {new}")), id=f"t:{new}"))
        elif query and not new and not names:
            opts.append(Option(Text("not a tag name: letters, digits and dashes"), id="bad", disabled=True))
        options.add_options(opts)
        if opts and not opts[0].disabled:
            options.highlighted = 0

    def on_input_changed(self, event: Input.Changed) -> None:
        self._refill(event.value)

    def action_move(self, step: int) -> None:
        options = self.query_one("#tag-options", OptionList)
        if options.option_count:
            options.highlighted = ((options.highlighted or 0) + step) % options.option_count

    def on_input_submitted(self, event: Input.Submitted) -> None:
        options = self.query_one("#tag-options", OptionList)
        if options.highlighted is not None and options.option_count:
            option = options.get_option_at_index(options.highlighted)
            if option.id and option.id.startswith("t:"):
                self.dismiss(option.id[2:])
        elif not self.only_known and parse_tag(event.value):
            self.dismiss(parse_tag(event.value))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id and event.option.id.startswith("t:"):
            self.dismiss(event.option.id[2:])

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
