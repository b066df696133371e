"""A panel's one-row title, drawn with the Line API (see bar_line.py).

The annotations panel's title holds its count, so it changes on every delete; as a
``Label`` it went through Textual's content pipeline each time (half a millisecond).
The title is plain text: a ``[calls]`` in an article's name stays as it is.
"""

from __future__ import annotations

from reader.tui.widgets.bar_line import BarLine, Piece, fit


class TitleLine(BarLine):
    def __init__(self, title: str = "", **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.title = title

    def update(self, title: str) -> None:
        if title != self.title:
            self.title = title
            self.refresh()

    def pieces(self, width: int) -> list[Piece]:
        return [(fit(self.title, width), "")]
