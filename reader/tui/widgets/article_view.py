"""ArticleView: one article, rendered line by line through Textual's Line API.

Only visible rows are rendered, each from offsets, so a keystroke costs the same on a
5 MB article as on a 5 KB one. The view owns what it shows and how you move in it:
``cursor``, ``selection`` and ``search`` are its reactives, changed by its own bindings
(moving, selecting, searching); ``pending`` (a link's first passage) and ``partners``
(the other ends of links under the other pane's cursor) are set by the reading screen.
Every change posts ``ViewChanged``; the pane header and the status line follow it.

Rows are cached (an LRU) under a key made of what can differ on them: the annotations'
version, focus, and the cursor, selection, search, pending and partner spans that cross
the row. Moving the cursor re-renders the two rows it leaves and enters, nothing else.
Every style is a component class (cursor, selection, search, link marks) or a tag colour
resolved once per theme (``TagStyles``), so themes and user CSS restyle them.
"""

from __future__ import annotations

import itertools
from bisect import bisect_left
from dataclasses import dataclass
from functools import partial
from typing import Any, ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import on
from textual.binding import BindingType
from textual.cache import LRUCache
from textual.events import MouseDown, MouseMove, MouseUp
from textual.geometry import Region, Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.core.services.workspace import Workspace
from reader.core.store.relations import RELATIONS
from reader.core.text.document import Document, Span
from reader.core.text.safety import inert, plain
from reader.core.text.segmenter import CAPTION, CODE, HEADING, QUOTE, SEPARATOR, SUBTITLE, TITLE
from reader.core.views.layout import Layout, char_cells
from reader.core.views.selection import Selection
from reader.tui.bindings import VIEW_BINDINGS
from reader.tui.messages import LayoutReady, ViewChanged
from reader.tui.widgets.direct_lines import direct_lines
from reader.tui.widgets.tag_styles import TagStyles

GUTTER = 3  # cells: tag mark, note mark, link mark
WRAP_IN_WORKER = 400_000  # characters of an article past which a new width is wrapped in a worker
_KIND_STYLES = {TITLE: "article--title", HEADING: "article--title", SUBTITLE: "article--subtitle",
                CAPTION: "article--caption", QUOTE: "article--quote", CODE: "article--code", SEPARATOR: "article--separator"}
# Without colour, what tells these apart (besides the attributes their CSS already gives).
# Without colour: a highlight is bold underlined text, so the other pane's cursor (bold
# underlined in colour) is faint reverse there, told apart from both a highlight and the
# focused pane's cursor (reverse).
_NO_COLOR_EXTRA = {"article--selection": Style(reverse=True), "article--search-current": Style(reverse=True),
                   "article--pending": Style(underline=True), "article--partner": Style(underline=True),
                   "article--cursor-dim": Style(bold=False, underline=False, reverse=True, dim=True)}
_INLINE_STYLES = {"em": "article--em", "strong": "article--strong", "code": "article--inline-code", "link": "article--link"}
SEVERAL = "*"  # a passage with links of several relations


@dataclass(frozen=True)
class Search:
    query: str = ""
    matches: tuple[Span, ...] = ()
    index: int = -1

    @property
    def active(self) -> bool:
        return bool(self.query)

    @property
    def current(self) -> Span | None:
        return self.matches[self.index] if 0 <= self.index < len(self.matches) else None


class ArticleView(ScrollView, can_focus=True, inherit_bindings=False):
    ALLOW_SELECT = False  # selection is ours: by keyboard (v) or by dragging the mouse
    BINDINGS: ClassVar[list[BindingType]] = [*VIEW_BINDINGS]
    COMPONENT_CLASSES = {
        "article--title", "article--subtitle", "article--caption", "article--cursor",
        "article--cursor-dim", "article--selection", "article--search",
        "article--search-current", "article--pending", "article--partner", "article--gutter",
        "article--link-mark", "article--note-mark", "article--quote", "article--quote-bar", "article--code",
        "article--separator", "article--em", "article--strong", "article--inline-code", "article--link",
    }
    DEFAULT_CSS = """
    ArticleView { background: $surface; }
    ArticleView > .article--title { text-style: bold; color: $text; }
    ArticleView > .article--subtitle { text-style: italic; }
    ArticleView > .article--caption { color: $text-muted; text-style: italic; }
    ArticleView > .article--cursor { text-style: reverse; }
    ArticleView > .article--cursor-dim { text-style: bold underline; }
    ArticleView > .article--selection { background: $primary; text-style: bold; }
    ArticleView > .article--search { background: $secondary-darken-2; text-style: underline; }
    ArticleView > .article--search-current { background: $secondary; text-style: bold underline; }
    ArticleView > .article--pending { background: $accent; text-style: bold italic; }
    ArticleView > .article--partner { text-style: bold italic; }
    ArticleView > .article--gutter { color: $text-muted; }
    ArticleView > .article--link-mark { color: $accent; text-style: bold; }
    ArticleView > .article--note-mark { color: $text-muted; text-style: bold; }
    ArticleView > .article--quote { text-style: italic; }
    ArticleView > .article--quote-bar { color: $text-muted; }
    ArticleView > .article--code { color: $text; background: $boost; }
    ArticleView > .article--separator { color: $text-muted; }
    ArticleView > .article--em { text-style: italic; }
    ArticleView > .article--strong { text-style: bold; }
    ArticleView > .article--inline-code { background: $boost; }
    ArticleView > .article--link { text-style: underline; }
    """

    # The watchers redraw just the rows a change touches (a reactive's own repaint would redraw all).
    cursor: reactive[Span] = reactive((0, 0), init=False, repaint=False)
    selection: reactive[Selection | None] = reactive(None, init=False, repaint=False)
    search: reactive[Search] = reactive(Search(), init=False, repaint=False)
    pending: reactive[Span | None] = reactive(None, init=False, repaint=False)
    partners: reactive[tuple[Span, ...]] = reactive((), init=False, repaint=False)

    def __init__(self, doc: Document, workspace: Workspace, tag_styles: TagStyles, side: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.doc = doc
        self.workspace = workspace
        self.tag_styles = tag_styles
        self.side = side
        self.gutter_side = "right" if side == "left" else "left"
        self.layout_: Layout | None = None
        self._height_seen = 0  # the pane's height before a resize (was the cursor in view?)
        self._last_match: Span | None = None  # where the last search went: v starts there
        self._styles: dict[str, Style] = {}
        self._rows: LRUCache[int, tuple[tuple[Any, ...], Strip]] = LRUCache(2048)
        self._version = 0
        self._marks: dict[str, tuple[str, str]] = {}
        self._press: int | None = None
        self._dragged = False
        self._wrapping: int | None = None  # the width a worker is wrapping the article at
        first = doc.sentences(0)[0] if doc.paragraph_count else (0, 0)
        self.set_reactive(ArticleView.cursor, first)

    # --- layout ---------------------------------------------------------------------------
    @property
    def text_width(self) -> int:
        """The cells a row of text has: the pane less its gutter, and less the scrollbar as soon
        as the rows will overflow the pane, before Textual shows it. A long article was wrapped
        twice as it first showed, once a column wider than the scrollbar then left it (0.2 s
        each for a 5.6 MB play)."""
        region = self.scrollable_content_region
        width = region.width
        if not self.show_vertical_scrollbar and self.styles.overflow_y == "auto":
            height = max(1, region.height)
            layout = self.layout_
            overflows = (len(layout) > height if layout is not None
                         else len(self.doc.text) > 2 * max(1, width) * height)  # surely more rows than the pane
            if overflows:
                width -= self.styles.scrollbar_size_vertical
        return max(4, width - GUTTER - 1)

    def _relayout(self) -> None:
        """Wrap the article again at a new width, keeping the reading place: the text at the
        top row stays at the top. (Whoever asks first, drawing or a resize, wraps it.)

        A long article (``WRAP_IN_WORKER`` characters and more) already on screen is wrapped
        again in a worker: a 5.6 MB play took half a second, which froze the reader each time
        a panel opened or closed. Until the new rows come (``LayoutReady``), the old ones are
        drawn, cut to the pane. The first wrap is made at once: there is nothing to show before it."""
        width = self.text_width
        old = self.layout_
        if old is not None and old.width == width:
            return
        if old is not None and len(self.doc.text) >= WRAP_IN_WORKER:
            if self._wrapping != width:
                self._wrapping = width
                self.run_worker(partial(self._wrap_worker, self.doc, width), thread=True, exclusive=True,
                                group="wrap", exit_on_error=False, description="wrapping the article")
            return
        self._use_layout(Layout(self.doc, width))

    def _wrap_worker(self, doc: Document, width: int) -> None:
        self.post_message(LayoutReady(doc, Layout(doc, width)))

    @on(LayoutReady)
    def _layout_ready(self, event: LayoutReady) -> None:
        event.stop()
        if event.layout.doc is not self.doc or self._wrapping != event.layout.width:
            return  # another article, or another width asked for since
        self._wrapping = None
        if event.layout.width != self.text_width:
            self._relayout()
            return
        seen = self._cursor_in_view()
        self._use_layout(event.layout)
        self.refresh()
        if seen:
            self.call_after_refresh(self.show_cursor)

    def _use_layout(self, layout: Layout) -> None:
        old = self.layout_
        top = old.starts[min(len(old) - 1, max(0, int(self.scroll_offset.y)))] if old is not None and len(old) else None
        seen = top is not None and self._cursor_in_view()
        self.layout_ = layout
        self.virtual_size = Size(layout.width + GUTTER + 1, len(layout))
        self._rows.clear()
        if top is not None and len(layout):
            self.scroll_to(y=layout.row_of(top), animate=False, immediate=True)
            if seen:
                self.show_cursor()

    def on_resize(self) -> None:
        """Keep the reading place (``_relayout``), and the cursor in view if it was. Centring
        on the cursor instead threw a pane that follow mode had scrolled to a partner, its
        cursor still at the top, back to its first line whenever a side panel opened or closed."""
        first = self.layout_ is None or not len(self.layout_)
        seen = not first and self._cursor_in_view()
        self._relayout()
        self._height_seen = self.scrollable_content_region.height
        if first or seen:
            self.call_after_refresh(self.show_cursor, first)

    def reading_place(self) -> tuple[Span, int]:
        """(cursor, the text offset at the pane's top row): where the reader is, whatever the width."""
        top = 0
        if self.layout_ is not None and len(self.layout_):
            top = self.layout_.starts[min(len(self.layout_) - 1, max(0, int(self.scroll_offset.y)))]
        return self.cursor, top

    def go_to_place(self, place: tuple[Span, int], cursor: bool = True) -> None:
        """Back to a reading_place: its cursor (unless cursor=False) and its top row."""
        span, top = place
        if cursor and self.cursor != span:
            self.move_to(span)
        self._relayout()
        if self.layout_ is not None and len(self.layout_):
            self.scroll_to(y=self.layout_.row_of(top), animate=False, immediate=True)

    def cursor_into_view(self) -> None:
        """When the cursor is out of sight: to the partner shown, else the first sentence in view."""
        if self.selection is not None or self.layout_ is None or not len(self.layout_):
            return
        self._height_seen = self.scrollable_content_region.height
        if self._cursor_in_view():
            return
        y = int(self.scroll_offset.y)
        bottom = min(len(self.layout_), y + max(1, self._height_seen)) - 1
        first, last = self.layout_.starts[min(y, len(self.layout_) - 1)], self.layout_.ends[bottom]
        shown = [p for p in self.partners if first <= p[0] < last]
        if shown:
            self.move_to(self.doc.sentence_at(shown[0][0])[2])
            return
        sentence = self.doc.sentence_at(first)[2]
        if sentence[0] < first:  # begun above the pane's top: the next one, if it is in view
            nxt = self.doc.next_sentence(max(sentence[1] - 1, sentence[0]), 1)
            if first <= nxt[0] < last:
                sentence = nxt
        self.move_to(sentence)

    def _cursor_in_view(self) -> bool:
        if self.layout_ is None or not len(self.layout_):
            return False
        top, _bottom = self.layout_.rows_of(*self.cursor)
        y = int(self.scroll_offset.y)
        return y <= top < y + max(1, self._height_seen)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._rows.clear()

    def annotations_changed(self, spans: list[Span] | None = None) -> None:
        """Highlights, tags, notes or links changed: their rows (all, without spans) are drawn again."""
        self._version += 1
        self._marks.clear()
        if spans is None:
            self.refresh()
        else:
            self._refresh_spans(*spans)

    def _refresh_spans(self, *spans: Span | None) -> None:
        """Draw again only the rows these spans cover (the rest come from the row cache)."""
        lay = self.layout_
        if lay is None:
            self.refresh()
            return
        for span in spans:
            if span is not None:
                top, bottom = lay.rows_of(*span)
                self.refresh_lines(top, bottom - top + 1)

    def set_document(self, doc: Document) -> None:
        """Show another version of the article: the cursor stays at about the same place."""
        self.doc = doc
        self.layout_ = None
        self._wrapping = None
        self._rows.clear()
        self._marks.clear()
        self._version += 1
        self.set_reactive(ArticleView.selection, None)
        self.set_reactive(ArticleView.search, Search())
        self.set_reactive(ArticleView.partners, ())
        at = min(self.cursor[0], max(0, len(doc.text) - 1))
        self.set_reactive(ArticleView.cursor, doc.sentence_at(at)[2] if doc.paragraph_count else (0, 0))
        self._relayout()
        self.show_cursor(True)
        self._changed()

    def restyle(self, tag_styles: TagStyles) -> None:
        self.tag_styles = tag_styles
        self._styles.clear()
        self.annotations_changed()

    # --- styles ------------------------------------------------------------------------------
    def _style(self, name: str) -> Style:
        """A component class's style; over a background of its own, black or white text,
        whichever reads better on the colour actually drawn (themes vary too much for one)."""
        st = self._styles.get(name)
        if st is None:
            st = self.get_component_rich_style(name, partial=True)
            if self.tag_styles.no_color:  # attributes only: never grey on grey
                st = Style(bold=st.bold, italic=st.italic, underline=st.underline, reverse=st.reverse) + \
                    _NO_COLOR_EXTRA.get(name, Style())
            elif st.bgcolor is not None:
                st = st + self.tag_styles.text_on(st.bgcolor)
            self._styles[name] = st
        return st

    @property
    def base_style(self) -> Style:
        """The widget's own style (``rich_style`` walks the DOM: computed once per style change)."""
        st = self._styles.get("__base__")
        if st is None:
            st = self._styles["__base__"] = self.rich_style
        return st

    def _row_marks(self, ann_id: str) -> tuple[str, str]:
        """(note mark, link mark) of an annotation: ✎ for a note; a relation's symbol, * for several."""
        marks = self._marks.get(ann_id)
        if marks is None:
            ann = self.workspace.store.annotation(ann_id)
            note = "\u270e" if ann is not None and ann.get("note") else " "
            rels = {lk["relation"] for lk in self.workspace.store.links_of(ann_id)}
            link = RELATIONS[next(iter(rels))].symbol if len(rels) == 1 else (SEVERAL if rels else " ")
            marks = self._marks[ann_id] = (note, link)
        return marks

    # --- rendering -------------------------------------------------------------------------
    def _dynamic(self) -> list[tuple[str, int, int]]:
        """The spans drawn over the annotations, lowest first (later ones paint over)."""
        out = [("partner", s, e) for s, e in self.partners]
        if self.pending:
            out.append(("pending", *self.pending))
        if self.selection is not None:
            out.append(("selection", *self.selection.span))
        else:
            out.append(("cursor" if self.has_focus else "cursor-dim", *self.cursor))
        return out

    def _matches_near(self, s: int, e: int) -> list[tuple[str, int, int]]:
        search = self.search
        if not search.matches:
            return []
        current = search.current
        out = []
        i = bisect_left(search.matches, (s - 500, 0))
        while i < len(search.matches) and search.matches[i][0] < e:
            ms, me = search.matches[i]
            if me > s:
                out.append(("search-current" if (ms, me) == current else "search", ms, me))
            i += 1
        return out

    def render_lines(self, crop: Region) -> list[Strip]:
        lines = direct_lines(self, crop)  # see direct_lines.py: plain boxes skip the styles cache
        return lines if lines is not None else super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        self._relayout()
        scroll_x, scroll_y = self.scroll_offset
        row = scroll_y + y
        width = self.scrollable_content_region.width
        lay = self.layout_
        if lay is None or row >= len(lay):
            return Strip.blank(width, self.base_style)
        s, e = lay.starts[row], lay.ends[row]
        dyn = tuple((k, a, b) for k, a, b in self._dynamic() if a < max(e, s + 1) and b > s) + tuple(self._matches_near(s, e))
        key = (self._version, dyn)
        cached = self._rows.get(row)
        if cached is not None and cached[0] == key:
            strip = cached[1]
        else:
            strip = self._render_row(row, dyn)
            self._rows[row] = (key, strip)
        return strip.crop_extend(scroll_x, scroll_x + width, self.base_style)

    def _base_for(self, p: int) -> Style:
        base = self.base_style
        if p < 0:
            return base
        style = _KIND_STYLES.get(self.doc.para_kinds[p])
        return base + self._style(style) if style else base

    def _render_row(self, row: int, dyn: tuple[tuple[str, int, int], ...]) -> Strip:
        lay = self.layout_
        assert lay is not None
        s, e, p = lay.starts[row], lay.ends[row], lay.paras[row]
        base = self._base_for(p)
        overlays, gutter = self._overlays(s, e, p, dyn)
        body = self._indent(lay.indents[row], p) + self._segments(s, e, base, overlays)
        line_cells = sum(seg.cell_length for seg in body)
        body.append(Segment(" " * max(0, lay.width - line_cells), base if p >= 0 else self.base_style))
        spacer = Segment(" ", self.base_style)
        parts = gutter + [spacer] + body if self.gutter_side == "left" else body + [spacer] + gutter
        return Strip(parts)

    def _indent(self, cells: int, p: int) -> list[Segment]:
        """The row's indent: bars for a block quote, else spaces."""
        if not cells:
            return []
        if p >= 0 and self.doc.para_kinds[p] == QUOTE:
            return [Segment("\u2502 " * (cells // 2) + " " * (cells % 2), self.base_style + self._style("article--quote-bar"))]
        return [Segment(" " * cells, self.base_style)]

    def _overlays(self, s: int, e: int, p: int,
                  dyn: tuple[tuple[str, int, int], ...]) -> tuple[list[tuple[int, int, Style]], list[Segment]]:
        """(start, end, style) drawn over the row's text, lowest first; and its gutter."""
        overlays: list[tuple[int, int, Style]] = [
            (a, b, self._style(_INLINE_STYLES.get(name, "article--em"))) for a, b, name in self.doc.styles_between(s, e)]
        tag_mark, note_mark, link_mark = " ", " ", " "
        mark_style = self._style("article--gutter")
        for h in self.workspace.highlights_between(self.doc, s, max(e, s + 1)):
            tags = h.tags
            first = tags[0] if tags else None
            overlays.append((h.start, h.end, self.tag_styles.highlight(first)))
            if p >= 0:
                tag_mark = "\u2261" if len(tags) > 1 else "\u258c"
                mark_style = self._style("article--gutter") + self.tag_styles.mark(first)
                note, link = self._row_marks(h.id)
                note_mark = note if note != " " else note_mark
                link_mark = link if link_mark == " " else (link_mark if link in (" ", link_mark) else SEVERAL)
        for kind, a, b in dyn:
            overlays.append((a, b, self._style(f"article--{kind}")))
        gutter = [Segment(tag_mark, mark_style), Segment(note_mark, self._style("article--note-mark")),
                  Segment(link_mark, self._style("article--link-mark"))]
        return overlays, gutter

    def _segments(self, s: int, e: int, base: Style, overlays: list[tuple[int, int, Style]]) -> list[Segment]:
        text = self.doc.text
        cuts = {s, e}
        for os_, oe, _ in overlays:
            if os_ < e and oe > s:
                cuts.add(max(s, os_))
                cuts.add(min(e, oe))
        points = sorted(cuts)
        segments = []
        for a, b in itertools.pairwise(points):
            if a >= b:
                continue
            style = base
            for os_, oe, ost in overlays:
                if os_ <= a and oe >= b:
                    style = style + ost
            segments.append(Segment(inert(text[a:b]), style))
        return segments

    # --- state changes ---------------------------------------------------------------------
    def _changed(self, *spans: Span | None) -> None:
        if spans:
            self._refresh_spans(*spans)
        else:
            self.refresh()
        self.post_message(ViewChanged(self))

    def watch_cursor(self, old: Span, new: Span) -> None:
        if self.selection is None:
            self.show_cursor()
        m = self._last_match
        if m is not None and not (new[0] <= m[0] and m[1] <= new[1]):
            self._last_match = None  # moved on: v takes the sentence again
        self._changed(old, new)

    def watch_selection(self, old: Selection | None, new: Selection | None) -> None:
        self.show_cursor()
        self._changed(old.span if old else None, new.span if new else None, self.cursor)

    def watch_search(self) -> None:
        self._changed()

    def watch_pending(self, old: Span | None, new: Span | None) -> None:
        self._refresh_spans(old, new)

    def watch_partners(self, old: tuple[Span, ...], new: tuple[Span, ...]) -> None:
        self._refresh_spans(*old, *new)

    def watch_has_focus(self, _focused: bool) -> None:
        self._refresh_spans(self.focus_point)

    @property
    def focus_point(self) -> Span:
        """The passage that commands act on: the selection, else the cursor's sentence."""
        if self.selection is not None:
            return self.selection.span
        return self.cursor

    def take_focus_point(self) -> Span:
        """The passage to act on; a selection ends, and the cursor goes to where it was."""
        span = self.focus_point
        if self.selection is not None:
            self.selection = None
            self.cursor = span
        return span

    def move_to(self, span: Span, centre: bool = False) -> None:
        self.selection = None
        old = self.cursor
        if old == span:
            self.show_span(span, centre)
            return
        self.set_reactive(ArticleView.cursor, span)
        self.show_span(span, centre)
        self._changed(old, span)

    # --- scrolling -------------------------------------------------------------------------------
    def show_span(self, span: Span, centre: bool = False) -> None:
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
            target = max(0, min(top, bottom - height + 1 + margin))
        else:
            return
        self.scroll_to(y=target, animate=False, immediate=True)

    def show_cursor(self, centre: bool = False) -> None:
        sel = self.selection
        if sel is not None:
            head = sel.head
            self.show_span((max(0, head - 1), head) if head > sel.anchor_start else (head, head + 1), centre)
        else:
            self.show_span(self.cursor, centre)

    # --- actions: moving -------------------------------------------------------------------------
    def action_next_sentence(self) -> None:
        self._step_sentence(1)

    def action_prev_sentence(self) -> None:
        self._step_sentence(-1)

    def _step_sentence(self, step: int) -> None:
        if self.selection is not None:
            self.selection = self.selection.extend_sentence(step)
            return
        anchor = self.cursor[1] - 1 if step > 0 else self.cursor[0]
        self.cursor = self.doc.next_sentence(max(anchor, self.cursor[0]), step)

    def action_next_paragraph(self) -> None:
        self._step_paragraph(1)

    def action_prev_paragraph(self) -> None:
        self._step_paragraph(-1)

    def _step_paragraph(self, step: int) -> None:
        if self.selection is not None:
            sel = self.selection
            for _ in range(len(self.doc.sentences(self.doc.paragraph_at(sel.head)))):
                sel = sel.extend_sentence(step)
            self.selection = sel
            return
        self.cursor = self.doc.next_paragraph(self.cursor[0], step)

    def action_top(self) -> None:
        self.selection = None
        self.cursor = self.doc.sentences(0)[0]
        self.show_cursor()

    def action_bottom(self) -> None:
        self.selection = None
        self.cursor = self.doc.sentences(self.doc.paragraph_count - 1)[-1]
        self.show_cursor()

    def action_page(self, step: int) -> None:
        self._relayout()
        lay = self.layout_
        if lay is None or not len(lay):
            return
        height = max(1, self.scrollable_content_region.height - 2)
        row = min(max(0, lay.row_of(self.cursor[0]) + step * height), len(lay) - 1)
        while row > 0 and lay.paras[row] < 0:
            row -= 1
        self.scroll_to(y=max(0, self.scroll_offset.y + step * height), animate=False, immediate=True)
        self.selection = None
        self.cursor = self.doc.sentence_at(lay.starts[row])[2]

    # --- actions: selecting ---------------------------------------------------------------------
    def action_select(self) -> None:
        if self.selection is None:
            match = self._match_here()
            # after a search, the words found: a quotation from the middle of a sentence
            self.selection = Selection.at(self.doc, match or self._cursor_sentence())
        else:
            self._end_selection()

    def action_word(self, step: int) -> None:
        sel = self.selection or Selection.at(self.doc, self._match_here() or self._cursor_sentence())
        self.selection = sel.extend_word(step)

    def action_start_word(self, step: int) -> None:
        # without v first: from the words a search found, as v begins (not the whole sentence)
        sel = self.selection or Selection.at(self.doc, self._match_here() or self._cursor_sentence())
        self.selection = sel.move_start_word(step)

    def _match_here(self) -> Span | None:
        """The search's match in the cursor's sentence: the current one, or the last one gone
        to when Esc has cleared the search since (and the cursor has not moved)."""
        match = self.search.current if self.search.active else self._last_match
        if match is None:
            return None
        s, e = self._cursor_sentence()
        return match if s <= match[0] and match[1] <= e else None

    def _cursor_sentence(self) -> Span:
        """Where a new selection starts: the cursor's (first) sentence. After h on a part, the
        cursor is that part; v began again from it, not from the sentence (third user)."""
        return self.doc.sentence_at(self.cursor[0])[2]

    def _end_selection(self) -> None:
        sel = self.selection
        if sel is None:
            return
        cursor = sel.cursor_after()
        self.selection = None
        self.cursor = cursor

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next_match":
            return self.search.active  # while a search is on (the key bar says so); otherwise n is the note key
        if action == "cancel":
            return self.selection is not None or self.search.active  # otherwise Esc goes on up
        return True

    def action_cancel(self) -> None:
        """Esc: end the selection, else clear the search."""
        if self.selection is not None:
            self._end_selection()
        elif self.search.active:
            self.search = Search()

    # --- actions: searching ---------------------------------------------------------------------
    def action_search(self) -> None:
        from reader.tui.dialogs.search_prompt import SearchPrompt

        def done(query: str | None) -> None:
            if query is not None:
                self.run_search(query)

        self.app.push_screen(SearchPrompt(self.search.query), done)

    def run_search(self, query: str) -> int:
        if not query.strip():
            self.search = Search()
            return 0
        matches = tuple(self.doc.find_all(query))
        if not matches:
            self.search = Search(query)
            self.app.clear_notifications()  # one search's answer at a time: they piled up over the other pane
            self.notify(f"No match for \u201c{plain(query)}\u201d in this article.", severity="warning", markup=False)
            return 0
        i = bisect_left(matches, (self.cursor[0], 0)) % len(matches)
        self.search = Search(query, matches, i)
        self._go_to_match()
        return len(matches)

    def action_next_match(self, step: int) -> None:
        search = self.search
        if not search.matches:
            # the key bar says "n next match" while a search is on, even one that found nothing:
            # n must not open the note editor then (an attacker's keys went into a hidden note)
            self.app.clear_notifications()
            self.notify(f"No match for \u201c{plain(search.query)}\u201d; Esc clears the search (then n is the note key).",
                        severity="warning", timeout=3, markup=False)
            return
        self.search = Search(search.query, search.matches, (search.index + step) % len(search.matches))
        self._go_to_match()

    def _go_to_match(self) -> None:
        current = self.search.current
        if current is None:
            return
        self.selection = None
        self.cursor = self.doc.sentence_at(current[0])[2]
        self._last_match = current
        self.show_span(current)

    # --- mouse: click to move, drag to select ---------------------------------------------------
    def _offset_at(self, event: MouseDown | MouseMove | MouseUp) -> int | None:
        """The text offset under the mouse, by cells (wide characters count two)."""
        self._relayout()
        offset = event.get_content_offset(self)
        if offset is None or self.layout_ is None or not len(self.layout_):
            return None
        row = min(max(0, self.scroll_offset.y + offset.y), len(self.layout_) - 1)
        col = offset.x - (GUTTER + 1 if self.gutter_side == "left" else 0) - self.layout_.indents[row]
        pos, end = self.layout_.starts[row], self.layout_.ends[row]
        cells = 0
        while pos < end and cells + char_cells(self.doc.text[pos]) <= max(0, col):
            cells += char_cells(self.doc.text[pos])
            pos += 1
        return pos

    def on_mouse_down(self, event: MouseDown) -> None:
        self._press = self._offset_at(event)
        self._dragged = False
        if self._press is not None:
            self.focus()
            self.capture_mouse()

    def on_mouse_move(self, event: MouseMove) -> None:
        press = self._press
        if press is None or not event.button:
            return
        pos = self._offset_at(event)
        if pos is None or (pos == press and not self._dragged):
            return
        self._dragged = True
        self.selection = Selection(self.doc, press, press, pos) if pos > press else Selection(self.doc, pos, press, pos)

    def on_mouse_up(self, event: MouseUp) -> None:
        press, self._press = self._press, None
        self.release_mouse()
        if press is None or self._dragged:
            return
        self.selection = None
        self.cursor = self.doc.sentence_at(press)[2]
