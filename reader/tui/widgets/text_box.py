"""A few lines of styled text, wrapped to the widget's width and drawn with the Line API.

The annotations panel's detail changes with every move and delete in the list; as a
``Static`` it went through Textual's content pipeline on each draw (a millisecond or more).
Here the text is wrapped once per change and width, and its lines are kept as strips.
Only ``rich.text.Text`` or plain strings are shown, never parsed as markup.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

from reader.tui.widgets.direct_lines import direct_lines


class TextBox(Widget):
    DEFAULT_CSS = "TextBox { height: auto; }"

    def __init__(self, text: Text | str = "", **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._text = Text(text) if isinstance(text, str) else text
        self._lines: list[Strip] | None = None
        self._drawn_for: tuple[int, Style | None] = (-1, None)
        self._base: Style | None = None

    def update(self, text: Text | str) -> None:
        self._text = Text(text) if isinstance(text, str) else text
        self._lines = None
        height = self.styles.height
        self.refresh(layout=height is None or height.is_auto)  # a fixed height needs no new layout

    def render(self) -> Text:
        """The text (what ``render_line`` draws, wrapped; for tools and tests)."""
        return self._text

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._lines = None
        self._base = None

    @property
    def base_style(self) -> Style:
        """The box's own style (looked up once per style change: each look-up walks the DOM)."""
        if self._base is None:
            self._base = self.rich_style
        return self._base

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        return len(self._wrap(width))

    def _wrap(self, width: int) -> list[Strip]:
        base = self.base_style
        if self._lines is None or self._drawn_for != (width, base):
            console = self.app.console
            lines = []
            for line in self._text.wrap(console, max(1, width), overflow="fold"):
                segments = Segment.apply_style(line.render(console), base)
                lines.append(Strip(segments).crop_extend(0, width, base))
            self._lines, self._drawn_for = lines, (width, base)
        return self._lines

    def render_lines(self, crop: Region) -> list[Strip]:
        lines = direct_lines(self, crop)  # see direct_lines.py: plain boxes skip the styles cache
        return lines if lines is not None else super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        lines = self._wrap(width)
        return lines[y] if y < len(lines) else Strip.blank(width, self.base_style)
