"""A one-line bar of the main keys (as remapped), lighter to start than Textual's Footer."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from reader.tui.bindings import READER_BINDINGS, key_label


class KeyBar(Static):
    DEFAULT_CSS = """
    KeyBar { dock: bottom; height: 1; background: $panel; color: $text-muted; }
    """

    def __init__(self, keymap: dict[str, str], **kwargs) -> None:
        super().__init__(**kwargs)
        self.keymap = keymap

    def render(self) -> Text:
        bar = Text(no_wrap=True, overflow="ellipsis")
        for b in READER_BINDINGS:
            if not b.show:
                continue
            keys = key_label(self.keymap.get(b.id, b.key)).split()[0]
            bar.append(f" {keys} ", style="bold reverse")
            bar.append(f" {b.description} ")
        bar.append(" ^p ", style="bold reverse")
        bar.append(" palette")
        return bar
