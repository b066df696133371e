"""A pane's header: which article (its short name, author and source), bright on the focused pane.

The title is the first line of the article itself, so the header does not repeat it;
an article without a title line shows its title here instead.
"""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from reader.core.text.document import Document
from reader.core.text.safety import plain
from reader.core.text.segmenter import TITLE


class PaneHeader(Widget):
    DEFAULT_CSS = """
    PaneHeader { height: 1; background: $panel; color: $text-muted; padding: 0 1;
                 text-wrap: nowrap; text-overflow: ellipsis; }
    PaneHeader.-focused { background: $primary; color: $text; text-style: bold; }
    """

    focused: reactive[bool] = reactive(False)

    def __init__(self, doc: Document, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.doc = doc

    def watch_focused(self, focused: bool) -> None:
        self.set_class(focused, "-focused")

    def render(self) -> Text:
        doc = self.doc
        out = Text(no_wrap=True, overflow="ellipsis")
        out.append("\u25b6 " if self.focused else "  ")
        out.append(plain(doc.name), style="bold")
        has_title_line = bool(doc.para_kinds) and doc.para_kinds[0] == TITLE
        own_title = not has_title_line and doc.title.strip().casefold() != doc.name.strip().casefold()
        bits = ([doc.title] if own_title else []) + [doc.meta.get("author", ""), doc.meta.get("outlet", ""),
                                                     doc.date_shown]
        extra = " \u00b7 ".join(plain(b) for b in bits if b)
        if extra:
            out.append(f" \u00b7 {extra}")
        return out
