"""ArticleView: one article, rendered line by line through Textual's Line API.

Only visible rows are rendered, and each from offsets, so a keystroke costs the same on a
5 MB article as on a 5 KB one. Every style (cursor, highlight, selection, search, link
marks) is a component class, so themes and user CSS can restyle them.
"""

from __future__ import annotations

from rich.color import Color, ColorParseError
from rich.segment import Segment
from rich.style import Style
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.core.document import Document
from reader.core.layout import Layout, char_cells
from reader.core.records import RELATION_SYMBOLS
from reader.core.segmenter import CAPTION, HEADING, SUBTITLE, TITLE
from reader.core.selection import Selection
from reader.core.textsafety import inert
from reader.tui.messages import CursorMoved

GUTTER = 2  # cells: tag marker, link marker


class ArticleView(ScrollView, can_focus=True, inherit_bindings=False):
    ALLOW_SELECT = False  # selection is ours: by keyboard (v) or by dragging the mouse
    COMPONENT_CLASSES = {
        "article--title", "article--subtitle", "article--caption", "article--cursor",
        "article--cursor-dim", "article--selection", "article--highlight", "article--search",
        "article--search-current", "article--pending", "article--partner", "article--gutter",
        "article--link-mark",
    }
    DEFAULT_CSS = """
    ArticleView { background: $surface; }
    ArticleView > .article--title { text-style: bold; color: $text; }
    ArticleView > .article--subtitle { text-style: italic; }
    ArticleView > .article--caption { color: $text-muted; text-style: italic; }
    ArticleView > .article--cursor { text-style: reverse; }
    ArticleView > .article--cursor-dim { text-style: bold underline; }
    ArticleView > .article--selection { background: $accent 60%; text-style: bold; }
    ArticleView > .article--highlight { text-style: underline; }
    ArticleView > .article--search { background: $warning 50%; }
    ArticleView > .article--search-current { background: $warning; color: black; text-style: bold; }
    ArticleView > .article--pending { background: $secondary 70%; text-style: bold italic; }
    ArticleView > .article--partner { background: $success 45%; text-style: bold; }
    ArticleView > .article--gutter { color: $text-muted; }
    ArticleView > .article--link-mark { color: $accent; text-style: bold; }
    """

    def __init__(self, doc: Document, workspace, config, gutter_side: str = "right", **kwargs) -> None:
        super().__init__(**kwargs)
        self.doc = doc
        self.workspace = workspace
        self.config = config
        self.gutter_side = gutter_side
        self.layout_: Layout | None = None
        first = doc.sentences(0)[0] if doc.paragraph_count else (0, 0)
        self.cursor: tuple[int, int] = first
        self.selection: Selection | None = None
        self.matches: list[tuple[int, int]] = []
        self.match_index = -1
        self.query = ""
        self.pending: tuple[int, int] | None = None
        self.partners: list[tuple[int, int]] = []
        self._styles: dict[str, Style] = {}
        self._cache: dict[int, Strip] = {}
        self._link_rel: dict[str, str] = {}

    # --- layout ---------------------------------------------------------------------------
    @property
    def text_width(self) -> int:
        return max(4, self.scrollable_content_region.width - GUTTER - 1)

    def _relayout(self) -> None:
        width = self.text_width
        if self.layout_ is not None and self.layout_.width == width:
            return
        self.layout_ = Layout(self.doc, width)
        self.virtual_size = Size(width + GUTTER + 1, len(self.layout_))
        self._cache.clear()

    def on_resize(self) -> None:
        self._relayout()
        self.call_after_refresh(self.show_cursor, True)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._cache.clear()

    def invalidate(self) -> None:
        """Annotations or links changed: re-render visible rows."""
        self._link_rel = {}
        self._cache.clear()
        self.refresh()

    # --- styles ------------------------------------------------------------------------------
    def _style(self, name: str) -> Style:
        st = self._styles.get(name)
        if st is None:
            st = self._styles[name] = self.get_component_rich_style(name, partial=True)
        return st

    def _tag_style(self, tag: str | None) -> Style:
        key = f"tag:{tag}"
        st = self._styles.get(key)
        if st is None:
            base = self._style("article--highlight")
            try:
                bg = Color.parse(self.config.colour_of(tag))
            except ColorParseError:
                bg = Color.parse("white")
            r, g, b = bg.get_truecolor()
            light = (0.299 * r + 0.587 * g + 0.114 * b) > 140  # readable text on the tag's colour
            st = self._styles[key] = base + Style(bgcolor=bg, color="black" if light else "white")
        return st

    def _relation_of(self, ann_id: str) -> str | None:
        if ann_id not in self._link_rel:
            links = self.workspace.store.links_of(ann_id)
            self._link_rel[ann_id] = links[0]["relation"] if links else ""
        return self._link_rel[ann_id] or None

    # --- rendering -------------------------------------------------------------------------
    @property
    def base_style(self) -> Style:
        """The widget's own style (``rich_style`` walks the DOM: computed once per style change)."""
        st = self._styles.get("__base__")
        if st is None:
            st = self._styles["__base__"] = self.rich_style
        return st

    def render_line(self, y: int) -> Strip:
        self._relayout()
        scroll_x, scroll_y = self.scroll_offset
        row = scroll_y + y
        width = self.scrollable_content_region.width
        strip = self._cache.get(row)
        if strip is None:
            strip = self._render_row(row)
            if len(self._cache) > 2000:
                self._cache.clear()
            self._cache[row] = strip
        return strip.crop_extend(scroll_x, scroll_x + width, self.base_style)

    def _render_row(self, row: int) -> Strip:
        lay = self.layout_
        if lay is None or row >= len(lay):
            return Strip.blank(self.virtual_size.width, self.base_style)
        s, e, p = lay.starts[row], lay.ends[row], lay.paras[row]
        text = self.doc.text
        base = self.base_style
        kind = self.doc.para_kinds[p] if p >= 0 else None
        if kind == TITLE or kind == HEADING:
            base = base + self._style("article--title")
        elif kind == SUBTITLE:
            base = base + self._style("article--subtitle")
        elif kind == CAPTION:
            base = base + self._style("article--caption")

        # Overlays, lowest first: (start, end, style)
        overlays: list[tuple[int, int, Style]] = []
        hls = self.workspace.highlights_between(self.doc, s, max(e, s + 1))
        tag_mark, link_mark = " ", " "
        mark_style = self._style("article--gutter")
        for h in hls:
            tags = h.ann.get("tags") or []
            overlays.append((h.start, h.end, self._tag_style(tags[0] if tags else None)))
            if p >= 0:
                tag_mark = "\u2261" if len(tags) > 1 else "\u258c"
                mark_style = self._style("article--gutter") + Style(color=self.config.colour_of(tags[0] if tags else None))
                rel = self._relation_of(h.ann["id"])
                if rel:
                    link_mark = RELATION_SYMBOLS.get(rel, "*")
        for ps in self.partners:
            overlays.append((ps[0], ps[1], self._style("article--partner")))
        if self.pending:
            overlays.append((self.pending[0], self.pending[1], self._style("article--pending")))
        if self.matches:
            for i, (ms, me) in enumerate(self._matches_near(s, e)):
                cur = self.matches[self.match_index] == (ms, me) if self.match_index >= 0 else False
                overlays.append((ms, me, self._style("article--search-current" if cur else "article--search")))
        if self.selection is not None:
            ss, se = self.selection.span
            overlays.append((ss, se, self._style("article--selection")))
        else:
            cs, ce = self.cursor
            overlays.append((cs, ce, self._style("article--cursor" if self.has_focus else "article--cursor-dim")))

        cuts = {s, e}
        for os_, oe, _ in overlays:
            if os_ < e and oe > s:
                cuts.add(max(s, os_)); cuts.add(min(e, oe))
        points = sorted(cuts)
        segments = []
        for a, b in zip(points, points[1:]):
            if a >= b:
                continue
            style = base
            for os_, oe, ost in overlays:
                if os_ <= a and oe >= b:
                    style = style + ost
            segments.append(Segment(inert(text[a:b]), style))
        line_cells = sum(seg.cell_length for seg in segments)
        pad = max(0, self.layout_.width - line_cells)
        body = segments + [Segment(" " * pad, base if p >= 0 else self.base_style)]
        gutter = [Segment(tag_mark, mark_style), Segment(link_mark, self._style("article--link-mark"))]
        if self.gutter_side == "left":
            parts = gutter + [Segment(" ", self.base_style)] + body
        else:
            parts = body + [Segment(" ", self.base_style)] + gutter
        return Strip(parts)

    def _matches_near(self, s: int, e: int):
        from bisect import bisect_left
        i = bisect_left(self.matches, (s - 500, 0))
        while i < len(self.matches) and self.matches[i][0] < e:
            if self.matches[i][1] > s:
                yield self.matches[i]
            i += 1

    # --- cursor and scrolling ------------------------------------------------------------------
    def watch_has_focus(self, _focused: bool) -> None:
        self._styles.clear()
        self._cache.clear()
        self.refresh()

    def _changed(self) -> None:
        self._cache.clear()
        self.refresh()
        self.post_message(CursorMoved(self))

    def move_to(self, span: tuple[int, int], centre: bool = False) -> None:
        self.cursor = span
        self.show_cursor(centre)
        self._changed()

    @property
    def focus_point(self) -> tuple[int, int]:
        """The passage that commands act on: the selection, else the cursor's sentence."""
        if self.selection is not None:
            return self.selection.span
        return self.cursor

    def show_span(self, span: tuple[int, int], centre: bool = False) -> None:
        self._relayout()
        if self.layout_ is None or not len(self.layout_):
            return
        top, bottom = self.layout_.rows_of(*span)
        height = max(1, self.scrollable_content_region.height)
        y = self.scroll_offset.y
        margin = min(2, height // 4)
        if centre:
            target = max(0, top - height // 3)
        elif top < y + margin:
            target = max(0, top - margin)
        elif bottom >= y + height - margin:
            target = min(top, bottom - height + 1 + margin)
            target = max(0, target)
        else:
            return
        self.scroll_to(y=target, animate=False, immediate=True)

    def show_cursor(self, centre: bool = False) -> None:
        head = self.selection.head if self.selection else None
        if head is not None:
            self.show_span((max(0, head - 1), head), centre)
        else:
            self.show_span(self.cursor, centre)

    def step_sentence(self, step: int) -> None:
        if self.selection is not None:
            self.selection.extend_sentence(step)
            self.show_cursor()
            self._changed()
            return
        anchor = self.cursor[1] - 1 if step > 0 else self.cursor[0]
        self.move_to(self.doc.next_sentence(max(anchor, self.cursor[0]), step))

    def step_paragraph(self, step: int) -> None:
        if self.selection is not None:
            for _ in range(len(self.doc.sentences(self.doc.paragraph_at(self.selection.head)))):
                self.selection.extend_sentence(step)
            self.show_cursor()
            self._changed()
            return
        self.move_to(self.doc.next_paragraph(self.cursor[0], step))

    def step_word(self, step: int) -> None:
        if self.selection is None:
            self.start_selection()
        self.selection.extend_word(step)
        self.show_cursor()
        self._changed()

    def go_top(self) -> None:
        self.selection = None
        self.move_to(self.doc.sentences(0)[0])

    def go_bottom(self) -> None:
        self.selection = None
        last = self.doc.paragraph_count - 1
        self.move_to(self.doc.sentences(last)[-1])

    def page(self, step: int) -> None:
        self._relayout()
        height = max(1, self.scrollable_content_region.height - 2)
        row = self.layout_.row_of(self.cursor[0]) + step * height
        row = min(max(0, row), len(self.layout_) - 1)
        while 0 < row and self.layout_.paras[row] < 0:
            row -= 1
        self.scroll_to(y=max(0, self.scroll_offset.y + step * height), animate=False, immediate=True)
        p, i, span = self.doc.sentence_at(self.layout_.starts[row])
        self.cursor = span
        self.show_cursor()
        self._changed()

    # --- selection -----------------------------------------------------------------------------
    def start_selection(self) -> None:
        self.selection = Selection.at(self.doc, self.cursor)
        self._changed()

    def clear_selection(self) -> bool:
        if self.selection is None:
            return False
        head = self.selection.head
        self.selection = None
        self.cursor = self.doc.sentence_at(max(0, head - 1))[2]
        self._changed()
        return True

    # --- search ---------------------------------------------------------------------------------
    def search(self, query: str) -> int:
        self.query = query
        self.matches = self.doc.find_all(query)
        self.match_index = -1
        if self.matches:
            self.next_match(1, from_cursor=True)
        else:
            self._changed()
        return len(self.matches)

    def next_match(self, step: int, from_cursor: bool = False) -> None:
        if not self.matches:
            return
        if from_cursor or self.match_index < 0:
            from bisect import bisect_left
            i = bisect_left(self.matches, (self.cursor[0], 0))
            self.match_index = (i if step > 0 else i - 1) % len(self.matches)
        else:
            self.match_index = (self.match_index + step) % len(self.matches)
        ms, _me = self.matches[self.match_index]
        self.cursor = self.doc.sentence_at(ms)[2]
        self.show_span(self.matches[self.match_index])
        self._changed()

    def clear_search(self) -> bool:
        if not self.matches and not self.query:
            return False
        self.matches, self.match_index, self.query = [], -1, ""
        self._changed()
        return True

    # --- mouse: click to move, drag to select -----------------------------------------------
    def _offset_at(self, event) -> int | None:
        """The text offset under the mouse, by cells (wide characters count two)."""
        self._relayout()
        offset = event.get_content_offset(self)
        if offset is None or self.layout_ is None:
            return None
        row = min(max(0, self.scroll_offset.y + offset.y), len(self.layout_) - 1)
        col = offset.x - (GUTTER + 1 if self.gutter_side == "left" else 0)
        pos, end = self.layout_.starts[row], self.layout_.ends[row]
        cells = 0
        while pos < end and cells + char_cells(self.doc.text[pos]) <= max(0, col):
            cells += char_cells(self.doc.text[pos])
            pos += 1
        return pos

    def on_mouse_down(self, event) -> None:
        self._press = self._offset_at(event)
        self._dragged = False
        if self._press is not None:
            self.focus()
            self.capture_mouse()

    def on_mouse_move(self, event) -> None:
        press = getattr(self, "_press", None)
        if press is None or not event.button:
            return
        pos = self._offset_at(event)
        if pos is None or (pos == press and not self._dragged):
            return
        self._dragged = True
        self.selection = Selection(self.doc, press, press, pos)
        self.show_cursor()
        self._changed()

    def on_mouse_up(self, event) -> None:
        press = getattr(self, "_press", None)
        self._press = None
        self.release_mouse()
        if press is None or self._dragged:
            return
        self.selection = None
        self.move_to(self.doc.sentence_at(press)[2])
