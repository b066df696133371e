"""A one-line bar of the keys that matter now, as remapped: it follows the context.

Like posting's and lazygit's footers: in link mode it shows how to confirm, swap and
abandon; in a panel, how to jump and delete. Labels shorten when the terminal is narrow,
and ``? help`` and ``q quit`` always fit.
"""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from reader.tui.bindings import first_key

# context -> (binding id or literal key, label, short label)
CONTEXTS: dict[str, list[tuple[str, str, str]]] = {
    "normal": [("next_sentence", "sentence", "move"), ("select", "select", "select"), ("highlight", "highlight", "mark"),
               ("tag", "tag", "tag"), ("note", "note", "note"), ("link", "link", "link"),
               ("annotations", "annotations", "list"), ("answers", "what answers?", "answers"),
               ("suggestions", "suggestions", "suggest"), ("dispute", "dispute map", "dispute"),
               ("export", "export", "export"), ("other_pane", "other pane", "pane")],
    "select": [("next_sentence", "extend", "extend"), ("word_forward", "by word", "word"),
               ("highlight", "highlight", "mark"), ("tag", "tag", "tag"), ("note", "note", "note"),
               ("link", "link", "link"), ("copy", "copy quote", "copy"), ("cancel", "cancel", "cancel")],
    "link": [("link", "confirm", "confirm"), ("swap_link", "swap", "swap"), ("abandon_link", "abandon", "abandon"),
             ("other_pane", "other pane", "pane"), ("search", "search", "find")],
    "search": [("next_match", "next match", "next"), ("prev_match", "previous", "prev"), ("cancel", "clear", "clear"),
               ("highlight", "highlight", "mark"), ("tag", "tag", "tag")],
    "panel": [("=Enter", "jump", "jump"), ("=d", "delete", "delete"), ("=\u2191\u2193", "move", "move"),
              ("other_pane", "next field", "field"), ("=Esc", "close", "close")],
    "suggestions": [("=y", "accept", "accept"), ("=x", "reject", "reject"), ("=\u2191\u2193", "preview", "move"),
                    ("=Esc", "close", "close")],
    "answers": [("=y", "make the link", "link"), ("=\u2191\u2193", "preview", "move"), ("=Esc", "close", "close")],
    # typing in the annotations panel's filter: letters go into the filter, so only keys that
    # act there are offered (d, ? and q would be typed)
    "filter": [("=Enter", "jump", "jump"), ("=ctrl+d", "delete", "delete"), ("=\u2191\u2193", "move", "move"),
               ("other_pane", "next field", "field"), ("=Esc", "close", "close")],
    # a dialog is open over the reading screen: its own help line says what its keys do
    "dialog": [],
}
TAIL = [("help", "help", "help"), ("quit", "quit", "quit")]
TAILS = {"filter": [("=ctrl+q", "quit", "quit")], "dialog": []}


class KeyBar(Widget):
    DEFAULT_CSS = """
    KeyBar { height: 1; background: $panel; color: $text-muted; }
    KeyBar > .keybar--key { background: $primary-darken-1; color: $text; text-style: bold; }
    """
    COMPONENT_CLASSES = {"keybar--key"}

    context: reactive[str] = reactive("normal", layout=False)

    def __init__(self, keymap: dict[str, str], **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.keymap = keymap

    def _key(self, ref: str) -> str:
        return ref[1:] if ref.startswith("=") else first_key(ref, self.keymap)

    def _items(self, items: list[tuple[str, str, str]], short: bool) -> list[Text]:
        key_style = self.get_component_rich_style("keybar--key")
        out = []
        for ref, label, brief in items:
            t = Text(no_wrap=True)
            t.append(f" {self._key(ref)} ", style=key_style)
            t.append(f" {brief if short else label} ")
            out.append(t)
        return out

    def render(self) -> Text:
        width = self.size.width
        items = CONTEXTS.get(self.context, CONTEXTS["normal"])
        for short in (False, True):
            tail = self._items(TAILS.get(self.context, TAIL), short)
            body = self._items(items, short)
            room = width - sum(t.cell_len for t in tail)
            if sum(t.cell_len for t in body) <= room or short:
                break
        out = Text(no_wrap=True, overflow="crop")
        used = 0
        for t in body:
            if used + t.cell_len > room:
                break
            out.append_text(t)
            used += t.cell_len
        out.append(" " * max(0, room - used))
        for t in tail:
            out.append_text(t)
        return out
