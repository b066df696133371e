"""Lines of a plain Line-API widget, taken as the widget drew them.

Textual draws every line of a widget through the widget's styles cache, which works out
borders, padding, outline, tint, opacity and hatching for the line and builds a new strip
for it: about 60 µs a line here, whatever the widget did to draw it. Deleting in the
annotations panel moves every row of its list, and that alone cost 4 ms a key.

The reader's Line-API widgets (the articles, the lists, the bars) keep their own caches of
drawn rows, and by default have none of those decorations. So when a widget's box is
plain, ``direct_lines`` takes each line from ``render_line``, widens it to the widget with
its background, and applies the app's line filters (NO_COLOR's monochrome, for one), as the
styles cache does; a strip keeps its own copies of those, so a row drawn before costs a few
look-ups. When a theme or a tcss file gives the widget a border, padding, an outline, a
tint or an opacity, it returns None and Textual's own path draws it.
"""

from __future__ import annotations

from rich.style import Style
from textual.geometry import Region, Spacing
from textual.strip import Strip
from textual.widget import Widget

NO_SPACE = Spacing(0, 0, 0, 0)


def is_plain(widget: Widget) -> bool:
    """No border, padding, outline, tint, hatching or opacity: lines are drawn as they are."""
    styles = widget.styles
    return (styles.gutter == NO_SPACE
            and not any(kind for kind, _colour in styles.outline)
            and not styles.tint.a
            and styles.text_opacity == 1.0
            and not (styles.has_rule("hatch") and styles.hatch != "none")
            and widget.opacity == 1.0)


def direct_lines(widget: Widget, crop: Region) -> list[Strip] | None:
    """The lines of ``crop`` (relative to the widget) as ``render_line`` drew them, or None
    when the widget's box is not plain."""
    if not is_plain(widget):
        return None
    width, height = widget.size
    base_background, background = widget.background_colors
    inner = Style(bgcolor=(base_background + background).rich_color)
    filters = widget.get_line_filters()
    render_line = widget.render_line
    lines: list[Strip] = []
    for y in crop.line_range:
        strip = render_line(y) if y < height else Strip.blank(width, inner)
        strip = strip.adjust_cell_length(width, inner)
        for line_filter in filters:
            strip = strip.apply_filter(line_filter, background)
        lines.append(strip)
    x1, x2 = crop.column_span
    if (x1, x2) != (0, width):
        lines = [strip.crop(x1, x2) for strip in lines]
    return lines
