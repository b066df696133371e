"""A one-line bar of the keys that matter now, as remapped: it follows the context.

Like posting's and lazygit's footers: in link mode it shows how to confirm, swap and
abandon; in a panel, how to jump and delete. Labels shorten when the terminal is narrow,
and ``? help`` and ``q quit`` always fit.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.reactive import reactive

from reader.core.text.safety import plain
from reader.tui.bindings import first_key
from reader.tui.widgets.bar_line import BarLine, Piece, fit, width_of
from reader.tui.widgets.tag_entry import TagEntry

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
    "suggestions": [("=y", "accept", "accept"), ("=c", "accept as\u2026", "as\u2026"), ("=x", "reject", "reject"),
                    ("=\u2191\u2193", "preview", "move"), ("=Enter", "go there", "go"), ("=Esc", "back", "back")],
    "answers": [("=y", "make the link", "link"), ("=c", "link as\u2026", "as\u2026"), ("=\u2191\u2193", "preview", "move"),
                ("=Enter", "go there", "go"), ("=Esc", "back", "back")],
    # typing in the annotations panel's filter: letters go into the filter, so only keys that
    # act there are offered (d, ? and q would be typed)
    "filter": [("=Enter", "jump", "jump"), ("=ctrl+d", "delete", "delete"), ("=\u2191\u2193", "move", "move"),
               ("other_pane", "next field", "field"), ("=Esc", "close", "close")],
    # a dialog is open over the reading screen: its own help line says what its keys do
    "dialog": [],
    # a tag being typed: the bar shows the completions instead (see _completions)
    "tag": [],
}
TAIL = [("help", "help", "help"), ("quit", "quit", "quit")]
# What a read-only store refuses: not offered while it is read-only (a user read "h mark"
# there, pressed it, and nothing changed)
WRITES = {"highlight", "tag", "note", "link", "=y", "=d", "=ctrl+d", "=x"}
TAILS = {"filter": [("=ctrl+q", "quit", "quit")], "dialog": [], "tag": []}


class KeyBar(BarLine):
    DEFAULT_CSS = """
    KeyBar { height: 1; background: $panel; color: $text-muted; }
    KeyBar > .keybar--key { background: $primary-darken-1; color: $text; text-style: bold; }
    KeyBar > .keybar--choice { background: $accent; color: $text; text-style: bold underline; }
    """
    COMPONENT_CLASSES = {"keybar--key", "keybar--choice"}

    context: reactive[str] = reactive("normal", layout=False)
    entry: reactive[TagEntry | None] = reactive(None, layout=False)
    read_only: reactive[bool] = reactive(False, layout=False)

    def __init__(self, keymap: dict[str, str], **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.keymap = keymap

    def _key(self, ref: str) -> str:
        return ref[1:] if ref.startswith("=") else first_key(ref, self.keymap)

    def _items(self, items: list[tuple[str, str, str]], short: bool) -> list[list[Piece]]:
        return [[(f" {self._key(ref)} ", "keybar--key"), (f" {brief if short else label} ", "")]
                for ref, label, brief in items]

    def pieces(self, width: int) -> list[Piece]:
        if self.entry is not None:
            return self._completions(self.entry, width)
        items = CONTEXTS.get(self.context, CONTEXTS["normal"])
        if self.read_only:
            items = [item for item in items if item[0] not in WRITES]
        for short in (False, True):
            tail = self._items(TAILS.get(self.context, TAIL), short)
            body = self._items(items, short)
            room = width - sum(width_of(t) for t in tail)
            if sum(width_of(t) for t in body) <= room or short:
                break
        out: list[Piece] = []
        used = 0
        for item in body:
            cells = width_of(item)
            if used + cells > room:
                break
            out.extend(item)
            used += cells
        out.append((" " * max(0, room - used), ""))
        for item in tail:
            out.extend(item)
        return out

    def _completions(self, entry: TagEntry, width: int) -> list[Piece]:
        """The completions in a row, the chosen one bright; scrolled so that it shows."""
        tail: list[Piece] = [(" Esc ", "keybar--key"), (" cancel ", "")]
        if entry.choice() is not None:  # nothing to choose ("not a tag name"): Enter and Tab do nothing
            tail = [(" Enter ", "keybar--key"), (" choose ", ""), (" Tab ", "keybar--key"), (" next ", ""), *tail]
        room = width - width_of(tail)
        if room < 12:
            tail, room = [], width
        items: list[Piece] = [(f" {plain(c.label)} ", "keybar--choice" if i == entry.index and c.tag else "")
                              for i, c in enumerate(entry.completions)]
        if not items:
            items = [(" no tags yet: type a name ", "")]  # only with no tags at all and nothing typed
        first = 0
        while first < entry.index and width_of(items[first:entry.index + 1]) > room - 2:
            first += 1  # drop completions on the left until the chosen one fits
        shown: list[Piece] = [(" \u2026", "")] if first else []
        for n, (text, name) in enumerate(items[first:]):
            if n and width_of(shown) + cell_len(text) > room - 2:
                shown.append((" \u2026", ""))
                break
            shown.append((fit(text, room - width_of(shown)), name))  # the chosen one shows, cut if it must
        return [*shown, (" " * max(0, room - width_of(shown)), ""), *tail]
