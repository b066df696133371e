"""A small prompt for a tag name, with fuzzy completion over known tags."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.fuzzy import Matcher
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from reader.core.records import clean_tag


class TagPrompt(ModalScreen[str | None]):
    """Type a tag and press Enter; ↑/↓ pick a completion; a new name creates a tag."""

    BINDINGS = [
        Binding("escape", "dismiss_none", "Cancel", id="dialog_cancel"),
        Binding("down", "move(1)", show=False),
        Binding("up", "move(-1)", show=False),
    ]

    def __init__(self, known: list[str], title: str = "Tag", only_known: bool = False) -> None:
        super().__init__()
        self.known = known
        self.title_text = title
        self.only_known = only_known

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield Input(placeholder="tag name", id="tag-input")
            yield OptionList(id="tag-options")
            yield Label("Enter: choose  ↑↓: pick  Esc: cancel", classes="dialog-help")

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
        new = clean_tag(query) if query else None
        opts = [Option(n, id=f"t:{n}") for n in names]
        if new and new not in self.known and not self.only_known:
            opts.append(Option(f"+ new tag: {new}", id=f"t:{new}"))
        options.add_options(opts)
        if opts:
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
            self.dismiss(options.get_option_at_index(options.highlighted).id[2:])
        elif not self.only_known and clean_tag(event.value):
            self.dismiss(clean_tag(event.value))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id[2:])

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
