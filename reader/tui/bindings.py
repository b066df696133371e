"""Every key binding of the reader, each with an id so a user can remap it.

Remap in the config file's ``[keys]`` table: ``binding id = "comma,separated,keys"``.
"""

from __future__ import annotations

from textual.binding import Binding

B = Binding

READER_BINDINGS = [
    # reading
    B("j,down", "next_sentence", "Next sentence", id="next_sentence", show=False),
    B("k,up", "prev_sentence", "Previous sentence", id="prev_sentence", show=False),
    B("J,right_curly_bracket", "next_paragraph", "Next paragraph", id="next_paragraph", show=False),
    B("K,left_curly_bracket", "prev_paragraph", "Previous paragraph", id="prev_paragraph", show=False),
    B("g,home", "top", "Top", id="top", show=False),
    B("G,end", "bottom", "Bottom", id="bottom", show=False),
    B("pagedown", "page(1)", "Page down", id="page_down", show=False),
    B("pageup", "page(-1)", "Page up", id="page_up", show=False),
    B("tab", "other_pane", "Other pane", id="other_pane", priority=True),
    B("slash", "search", "Search", id="search"),
    B("n", "next_match(1)", "Next match", id="next_match", show=False),
    B("N", "next_match(-1)", "Previous match", id="prev_match", show=False),
    # annotating
    B("v", "select", "Select", id="select"),
    B("w", "word(1)", "Extend by word", id="word_forward", show=False),
    B("b", "word(-1)", "Shrink by word", id="word_back", show=False),
    B("escape", "cancel", "Cancel", id="cancel", show=False),
    B("h", "highlight", "Highlight", id="highlight"),
    B("t", "tag", "Tag", id="tag"),
    B("T", "untag", "Remove tag", id="untag", show=False),
    B("n", "note", "Note", id="note"),
    B("a", "annotations", "Annotations", id="annotations"),
    B("u", "undo", "Undo", id="undo", show=False),
    B("ctrl+r", "redo", "Redo", id="redo", show=False),
    # linking
    B("l", "link", "Link", id="link"),
    B("L", "unlink", "Remove a link", id="unlink", show=False),
    B("enter", "jump_partner", "Go to partner", id="jump_partner", show=False),
    B("right_square_bracket", "next_link(1)", "Next linked passage", id="next_link", show=False),
    B("left_square_bracket", "next_link(-1)", "Previous linked passage", id="prev_link", show=False),
    B("f", "toggle_follow", "Follow links on/off", id="follow", show=False),
    B("D", "dispute", "Dispute map", id="dispute"),
    B("S", "suggestions", "Suggestions", id="suggestions"),
    # leaving
    B("e", "export", "Export", id="export"),
    B("y", "copy", "Copy", id="copy", show=False),
    B("question_mark,f1", "help", "Help", id="help"),
    B("q", "quit", "Quit", id="quit"),
]


def key_label(keys: str) -> str:
    names = {"slash": "/", "question_mark": "?", "right_curly_bracket": "}", "left_curly_bracket": "{",
             "right_square_bracket": "]", "left_square_bracket": "[", "pagedown": "PgDn", "pageup": "PgUp"}
    return " ".join(names.get(k.strip(), k.strip()) for k in keys.split(","))
