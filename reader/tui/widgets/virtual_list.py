"""A list that draws only the rows on screen (Line API), for lists of any length.

Each item is ``ROW_HEIGHT`` lines, drawn on demand by a function the owner gives; so a
list of 50,000 annotations costs, per key, what a list of ten does. It posts
``Highlighted`` when the cursor moves and ``Selected`` on Enter.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.core.text.safety import plain
from reader.tui.widgets.bar_line import fit
from reader.tui.widgets.direct_lines import direct_lines

ROW_HEIGHT = 2

RowRenderer = Callable[[Any, int], list[Text]]  # (item, width) -> ROW_HEIGHT lines


class VirtualList(ScrollView, can_focus=True):
    BINDINGS = [
        Binding("down,j", "move(1)", show=False),
        Binding("up,k", "move(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("home,g", "first", show=False),  # g and G as in the article: a user found they did nothing here
        Binding("end,G", "last", show=False),
        Binding("enter", "select", show=False),
    ]
    COMPONENT_CLASSES = {"virtual-list--cursor", "virtual-list--empty"}
    DEFAULT_CSS = """
    VirtualList { height: 1fr; background: $surface; overflow-x: hidden; }
    VirtualList > .virtual-list--cursor { background: $primary-darken-1; color: $text; }
    VirtualList:focus > .virtual-list--cursor { background: $primary; color: $text; text-style: bold; }
    VirtualList > .virtual-list--empty { color: $text-muted; text-style: italic; }
    /* NO_COLOR: the cursor's colour is gone, and the annotations panel's list has it while
       the keys are in its filter (d, Delete and ctrl+d delete the current row): reversed,
       as the article's cursor is, and bold as well while the list has the keys. */
    VirtualList:nocolor > .virtual-list--cursor { text-style: reverse; }
    VirtualList:nocolor:focus > .virtual-list--cursor { text-style: bold reverse; }
    """

    highlighted: reactive[int | None] = reactive(None, init=False)

    class Highlighted(Message):
        def __init__(self, vlist: VirtualList, index: int) -> None:
            super().__init__()
            self.vlist = vlist
            self.index = index

        @property
        def control(self) -> VirtualList:
            return self.vlist

    class Selected(Highlighted):
        pass

    def __init__(self, render_row: RowRenderer, empty: str = "Nothing here.", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.render_row = render_row
        self.empty = empty
        self.items: Sequence[Any] = ()
        self._cache: LRUCache[tuple[Any, int], list[Strip]] = LRUCache(512)  # by item (kept across edits) and width
        self._drawn: LRUCache[tuple[Any, int, int, bool, bool], Strip] = LRUCache(512)  # ... and cursor, focus
        self._styles: dict[tuple[str, bool], Style] = {}
        self._generation = 0
        self._frame: tuple[int, int, bool] | None = None  # set while render_lines draws

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._drawn.clear()

    def _style(self, name: str, focus: bool) -> Style:
        """The list's style ("") or a component's over it; by focus too, since ``:focus``
        changes the cursor's colour without restyling the list itself."""
        key = (name, focus)
        style = self._styles.get(key)
        if style is None:
            style = self.rich_style if not name else self._style("", focus) + self.get_component_rich_style(name)
            self._styles[key] = style
        return style

    # --- content ---------------------------------------------------------------------------
    def set_items(self, items: Sequence[Any], keep_at: int | None = None) -> None:
        """Show these items, the cursor at ``keep_at`` (clamped), else on the first."""
        self.items = items
        self._generation += 1
        size = Size(self.size.width, self._height_for(len(items)))
        if size != self.virtual_size:
            self.virtual_size = size
        index = None
        if items:
            index = min(max(0, keep_at or 0), len(items) - 1)
        self.set_reactive(VirtualList.highlighted, index)
        if index is not None:
            self._reveal(index)
        self.refresh()
        if index is not None:
            self.post_message(self.Highlighted(self, index))

    @staticmethod
    def _height_for(count: int) -> int:
        """Rows the list scrolls over, in steps of 32 items, so that deleting or adding one
        does not lay the screen out again (a blank tail of under 32 items is the price)."""
        if count <= 32:
            return max(1, count) * ROW_HEIGHT
        return -(-count // 32) * 32 * ROW_HEIGHT

    def redraw(self) -> None:
        """The items' content changed (not their number): draw them again."""
        self._cache.clear()
        self._drawn.clear()
        self.refresh()

    @property
    def current(self) -> Any | None:
        i = self.highlighted
        return self.items[i] if i is not None and 0 <= i < len(self.items) else None

    # --- drawing ---------------------------------------------------------------------------
    def render_lines(self, crop: Region) -> list[Strip]:
        # what every line needs, worked out once for all of them (each is a walk up the DOM)
        self._frame = (self.scroll_offset.y, self.scrollable_content_region.width, self.has_focus)
        try:
            lines = direct_lines(self, crop)  # see direct_lines.py: plain boxes skip the styles cache
            return lines if lines is not None else super().render_lines(crop)
        finally:
            self._frame = None

    def render_line(self, y: int) -> Strip:
        scroll_y, width, focus = self._frame or (self.scroll_offset.y, self.scrollable_content_region.width,
                                                 self.has_focus)
        line = scroll_y + y
        base = self._style("", focus)
        if not self.items:
            if line == 0:
                # one styled segment: Rich's render leaves some unstyled, and under NO_COLOR
                # Textual's monochrome filter failed on them (a traceback)
                style = self._style("virtual-list--empty", focus)
                return Strip([Segment(fit(plain(self.empty), width), style)]).crop_extend(0, width, style)
            return Strip.blank(width, base)
        index, part = divmod(line, ROW_HEIGHT)
        if index >= len(self.items):
            return Strip.blank(width, base)
        item = self.items[index]
        cursor = index == self.highlighted
        drawn_key = (item, width, part, cursor, focus)
        drawn = self._drawn.get(drawn_key)
        if drawn is not None:
            return drawn
        strips = self._strips(item, width)
        style = self._style("virtual-list--cursor", focus) if cursor else base
        strip = strips[part]
        drawn = Strip([Segment(s.text, style + s.style if s.style else style, s.control) for s in strip]
                      ).crop_extend(0, width, style)
        self._drawn[drawn_key] = drawn
        return drawn

    def _strips(self, item: Any, width: int) -> list[Strip]:
        """The item's rows as the owner draws them, before the cursor's colour."""
        key = (item, width)
        strips = self._cache.get(key)
        if strips is None:
            strips = []
            for text in self.render_row(item, width)[:ROW_HEIGHT]:
                text.no_wrap = True
                text.overflow = "ellipsis"
                text.truncate(width, overflow="ellipsis")
                strips.append(Strip(list(text.render(self.app.console)), text.cell_len))
            while len(strips) < ROW_HEIGHT:
                strips.append(Strip([]))
            self._cache[key] = strips
        return strips

    def watch_highlighted(self, old: int | None, new: int | None) -> None:
        self.refresh()
        if new is not None:
            self._reveal(new)
            self.post_message(self.Highlighted(self, new))

    def _reveal(self, index: int) -> None:
        top = index * ROW_HEIGHT
        height = max(ROW_HEIGHT, self.scrollable_content_region.height)
        y = self.scroll_offset.y
        if top < y:
            self.scroll_to(y=top, animate=False, immediate=True)
        elif top + ROW_HEIGHT > y + height:
            self.scroll_to(y=top + ROW_HEIGHT - height, animate=False, immediate=True)

    # --- keys --------------------------------------------------------------------------------
    def action_move(self, step: int) -> None:
        if not self.items:
            return
        i = self.highlighted if self.highlighted is not None else -step
        self.highlighted = min(max(0, i + step), len(self.items) - 1)

    def action_page(self, step: int) -> None:
        per_page = max(1, self.scrollable_content_region.height // ROW_HEIGHT - 1)
        self.action_move(step * per_page)

    def action_first(self) -> None:
        if self.items:
            self.highlighted = 0

    def action_last(self) -> None:
        if self.items:
            self.highlighted = len(self.items) - 1

    def action_select(self) -> None:
        if self.highlighted is not None and self.items:
            self.post_message(self.Selected(self, self.highlighted))

    def on_click(self, event: Any) -> None:
        offset = event.get_content_offset(self)
        if offset is None or not self.items:
            return
        index = (self.scroll_offset.y + offset.y) // ROW_HEIGHT
        if 0 <= index < len(self.items):
            self.highlighted = index

    def on_resize(self) -> None:
        self._cache.clear()
        self._drawn.clear()
        self.virtual_size = Size(self.size.width, self._height_for(len(self.items)))

