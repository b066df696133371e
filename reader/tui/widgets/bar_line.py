"""A one-row bar drawn with the Line API: the status line and the key bar.

A bar says what it shows as pieces of plain text, each with a component class (or none),
and is drawn straight into segments. Going through a Rich ``Text`` and Textual's content
pipeline, and looking component styles up on each draw, cost a millisecond a row; the
bars are drawn again on nearly every key, so this is what a key costs, not what they do.
Text is never parsed as markup: a ``[calls]`` in a note or a name stays as typed.
"""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

from reader.tui.widgets.direct_lines import direct_lines

Piece = tuple[str, str]  # (plain text, component class name or "" for the bar's own style)


def fit(text: str, cells: int) -> str:
    """``text`` cut to ``cells`` columns, with an ellipsis where it was cut."""
    if cells <= 0:
        return ""
    if cell_len(text) <= cells:
        return text
    return set_cell_size(text, cells - 1) + "\u2026"


def width_of(pieces: list[Piece]) -> int:
    return sum(cell_len(text) for text, _ in pieces)


class BarLine(Widget):
    """Subclasses return their row as pieces from ``pieces(width)``."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._styles: dict[str, Style] = {}

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()

    def style_of(self, name: str) -> Style:
        """A component class's style over the bar's own (looked up once per style change)."""
        style = self._styles.get(name)
        if style is None:
            base = self._styles.get("")
            if base is None:
                base = self._styles[""] = self.rich_style
            style = base if not name else base + self.get_component_rich_style(name)
            self._styles[name] = style
        return style

    def pieces(self, width: int) -> list[Piece]:
        raise NotImplementedError

    def render(self) -> Text:
        """The row as plain text with its styles (what ``render_line`` draws; for tools and tests)."""
        out = Text(no_wrap=True)
        for text, name in self.pieces(self.size.width):
            out.append(text, self.style_of(name))
        return out

    def render_lines(self, crop: Region) -> list[Strip]:
        lines = direct_lines(self, crop)  # see direct_lines.py: plain boxes skip the styles cache
        return lines if lines is not None else super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.style_of("")
        if y or width <= 0:
            return Strip.blank(width, base)
        segments = [Segment(text, self.style_of(name)) for text, name in self.pieces(width) if text]
        return Strip(segments).crop_extend(0, width, base)
