"""A scrollbar whose thumb is drawn in glyphs, for NO_COLOR.

Textual draws the thumb as blank cells in the bar's colour (reverse video). With no colour at
all, a blank cell is a blank cell: the thumb was invisible, and the place in the article was
told only by the status line. Here the thumb's cells are full blocks ("\u2588") in the terminal's
own foreground; the ends Textual draws as partial blocks stay as they are. The track is a
thin rule: between the two articles it is what shows which article a gutter's marks belong
to (a new user read the right article's link marks as the left one's).
"""

from __future__ import annotations

from rich.color import Color
from rich.segment import Segment, Segments
from rich.style import Style
from textual.scrollbar import ScrollBar, ScrollBarRender

FULL_BLOCK = "\u2588"
TRACK_VERTICAL, TRACK_HORIZONTAL = "\u2502", "\u2500"  # a rule: the panes' divide shows too
_BACK, _BAR = Color.parse("#555555"), Color.parse("bright_magenta")  # Textual's defaults


class GlyphScrollBarRender(ScrollBarRender):
    @classmethod
    def render_bar(cls, size: int = 25, virtual_size: float = 50, window_size: float = 20, position: float = 0,
                   thickness: int = 1, vertical: bool = True, back_color: Color = _BACK,
                   bar_color: Color = _BAR) -> Segments:
        bar = super().render_bar(size, virtual_size, window_size, position, thickness, vertical, back_color,
                                 bar_color)
        track = TRACK_VERTICAL if vertical else TRACK_HORIZONTAL
        segments = []
        for seg in bar.segments:
            if seg.text.strip() or seg.text == "\n":
                segments.append(seg)  # a partial block at the thumb's end, or a line break
            elif seg.style is not None and seg.style.reverse:
                segments.append(Segment(FULL_BLOCK * len(seg.text), seg.style + Style(reverse=False)))
            else:
                segments.append(Segment(track * len(seg.text), seg.style))
        return Segments(segments, new_lines=bar.new_lines)


def use_glyph_scrollbars(no_color: bool) -> None:
    """Every scrollbar drawn from now on: in glyphs when there is no colour, else Textual's."""
    ScrollBar.renderer = GlyphScrollBarRender if no_color else ScrollBarRender
