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
        title = plain(doc.title) if own_title else ""
        rest = [plain(b) for b in (doc.meta.get("author", ""), doc.meta.get("outlet", "")) if b]
        date = plain(doc.date_shown) if doc.date_shown else ""
        room = self.size.width - out.cell_len if self.size.width else 10_000

        def line(title: str, rest: list[str]) -> str:
            return "".join(f" \u00b7 {b}" for b in (title, *rest, date) if b)

        # A narrow pane gives up the title first, then the outlet and the author: the date
        # matters most to a fact-checker, and was the first thing cut ("Brutus · 178…").
        dropped = False
        while len(line(title, rest)) > room and (title or rest):
            over = len(line(title, rest)) - room
            if title and len(title) - over >= 12:
                title = title[:len(title) - over - 1].rstrip() + "\u2026"
            elif title:
                title, dropped = "", True
            elif not date and len(rest[-1]) - over >= 6:  # the last piece, nothing after it: cut, not dropped
                rest = [*rest[:-1], rest[-1][:len(rest[-1]) - over - 1].rstrip() + "\u2026"]
            else:
                rest, dropped = rest[:-1], True
        out.append(line(title, rest) + (" \u2026" if dropped else ""))  # said to be cut, as before
        return out
