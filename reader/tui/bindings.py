"""Every key binding of the reader, each with an id so a user can remap it.

Bindings live with the widget that acts on them: the article view owns moving, selecting
and searching; the reading screen owns annotating, linking and leaving; the app owns
help and quit. Remap any of them in the config file's ``[keys]`` table:
``binding id = "comma,separated,keys"``.
"""

from __future__ import annotations

from textual.binding import Binding

B = Binding

# The article view (focused pane): reading and selecting.
VIEW_BINDINGS: list[Binding] = [
    B("j,down", "next_sentence", "Next sentence", id="next_sentence", show=False),
    B("k,up", "prev_sentence", "Previous sentence", id="prev_sentence", show=False),
    B("J,right_curly_bracket", "next_paragraph", "Next paragraph", id="next_paragraph", show=False),
    B("K,left_curly_bracket", "prev_paragraph", "Previous paragraph", id="prev_paragraph", show=False),
    B("g,home", "top", "Top", id="top", show=False),
    B("G,end", "bottom", "Bottom", id="bottom", show=False),
    B("pagedown", "page(1)", "Page down", id="page_down", show=False),
    B("pageup", "page(-1)", "Page up", id="page_up", show=False),
    B("slash", "search", "Search", id="search"),
    B("n", "next_match(1)", "Next match", id="next_match", show=False),
    B("N", "next_match(-1)", "Previous match", id="prev_match", show=False),
    B("v", "select", "Select", id="select"),
    B("w", "word(1)", "Extend by word", id="word_forward", show=False),
    B("b", "word(-1)", "Shrink by word", id="word_back", show=False),
    B("W", "start_word(1)", "Start a word later", id="start_forward", show=False),
    B("B", "start_word(-1)", "Start a word earlier", id="start_back", show=False),
    B("escape", "cancel", "Cancel", id="cancel", show=False),
]

# The reading screen: annotating, linking, reviewing, leaving.
SCREEN_BINDINGS: list[Binding] = [
    B("tab", "other_pane", "Other pane", id="other_pane", show=False),
    B("h", "highlight", "Highlight", id="highlight"),
    B("t", "tag", "Tag", id="tag"),
    B("T", "untag", "Remove tag", id="untag", show=False),
    B("n", "note", "Note", id="note"),
    B("a", "annotations", "Annotations", id="annotations"),
    B("u", "undo", "Undo", id="undo", show=False),
    B("ctrl+r", "redo", "Redo", id="redo", show=False),
    B("l", "link", "Link", id="link"),
    B("x", "swap_link", "Swap link direction", id="swap_link", show=False),
    B("escape", "abandon_link", "Abandon the link", id="abandon_link", show=False),
    B("L", "unlink", "Remove a link", id="unlink", show=False),
    B("enter", "jump_partner", "Go to partner", id="jump_partner", show=False),
    B("right_square_bracket", "next_link(1)", "Next linked passage", id="next_link", show=False),
    B("left_square_bracket", "next_link(-1)", "Previous linked passage", id="prev_link", show=False),
    B("f", "toggle_follow", "Follow links on/off", id="follow", show=False),
    B("A", "answers", "What answers this?", id="answers"),
    B("S", "suggestions", "Suggestions", id="suggestions"),
    B("D", "dispute", "Dispute map", id="dispute"),
    B("R", "refresh", "Refresh from the source (what changed?)", id="refresh", show=False),
    B("V", "versions", "Another version of this article", id="versions", show=False),
    B("e", "export", "Export", id="export"),
    B("y", "copy", "Copy", id="copy", show=False),
]

# The app: everywhere.
APP_BINDINGS: list[Binding] = [
    B("question_mark,f1", "help", "Help", id="help"),
    B("q", "quit", "Quit", id="quit"),
]

ALL_BINDINGS: list[Binding] = VIEW_BINDINGS + SCREEN_BINDINGS + APP_BINDINGS
BINDING_IDS = frozenset(b.id for b in ALL_BINDINGS if b.id)

_NAMES = {"slash": "/", "question_mark": "?", "right_curly_bracket": "}", "left_curly_bracket": "{",
          "right_square_bracket": "]", "left_square_bracket": "[", "pagedown": "PgDn", "pageup": "PgUp",
          "escape": "Esc", "enter": "Enter", "tab": "Tab", "home": "Home", "end": "End", "down": "\u2193",
          "up": "\u2191", "delete": "Del"}


def key_label(keys: str) -> str:
    """How keys read on screen: "slash,question_mark" -> "/ ?"; "ctrl+r" -> "^r"."""
    out = []
    for k in keys.split(","):
        k = k.strip()
        if k.startswith("ctrl+") and len(k) == 6:
            out.append("^" + k[5:])
        else:
            out.append(_NAMES.get(k, k))
    return " ".join(out)


def keys_of(binding_id: str, keymap: dict[str, str]) -> str:
    """The keys bound to an id now (after the user's remapping)."""
    if binding_id in keymap:
        return keymap[binding_id]
    for b in ALL_BINDINGS:
        if b.id == binding_id:
            return b.key
    return ""


def _holders(keymap: dict[str, str]) -> dict[str, list[str]]:
    """key -> the binding ids it is bound to, after the user's remapping."""
    out: dict[str, list[str]] = {}
    for b in ALL_BINDINGS:
        if b.id:
            for k in keys_of(b.id, keymap).split(","):
                if k.strip():
                    out.setdefault(k.strip(), []).append(b.id)
    return out


def clashes(keymap: dict[str, str]) -> list[tuple[str, list[str]]]:
    """Keys the user's remapping gives to two bindings that did not share it before.

    A few keys are shared by design (n: next match after a search, else note; Esc: the
    view's cancel, else abandon a link); a remapped key that lands on another binding's key
    would leave one of the two unreachable."""
    default = {k: set(ids) for k, ids in _holders({}).items()}
    out = []
    for key, ids in _holders(keymap).items():
        new = [i for i in ids if i not in default.get(key, set())]
        if new and len(ids) > 1:
            others = [i for i in ids if i != new[0]]
            out.append((key, [new[0], others[0]]))
    return out


def first_key(binding_id: str, keymap: dict[str, str]) -> str:
    return key_label(keys_of(binding_id, keymap)).split(" ")[0]
