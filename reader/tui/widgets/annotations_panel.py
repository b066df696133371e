"""The annotations panel: the focused article's annotations in reading order, and orphans.

Virtual: the list draws only the rows on screen, two lines each (tags, place and quote;
then the note or the links), and a detail area below shows the highlighted annotation in
full (its note, every link with the other passage, a word diff for repeated quotes).
Typing filters by tag or text: a narrower query filters the last result, and a long list
is filtered by a worker, so a key is echoed at once whatever the store holds.
Enter jumps, ``d`` (or Delete, ctrl+d) deletes; both are messages to the screen.
"""

from __future__ import annotations

from bisect import bisect_left

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.events import Key
from textual.widgets import Input
from textual.worker import get_current_worker

from reader.core.anchors.selectors import quote_of
from reader.core.export.markdown import changed_wording
from reader.core.services.workspace import Workspace
from reader.core.store.history import Step
from reader.core.store.records import Annotation
from reader.core.store.relations import RELATIONS, REPEATS
from reader.core.text.document import Document, short_name
from reader.core.text.quote_diff import ADDED, REMOVED, word_diff
from reader.core.text.safety import plain
from reader.core.text.snippets import short
from reader.tui.messages import DeleteRequested, JumpRequested, PanelClosed
from reader.tui.widgets.tag_styles import TagStyles
from reader.tui.widgets.text_box import TextBox
from reader.tui.widgets.title_line import TitleLine
from reader.tui.widgets.virtual_list import VirtualList

SYNC_FILTER_LIMIT = 2000  # longer lists are filtered off the event loop


class Row:
    """One annotation in the list; what a row shows is worked out only when it is drawn."""

    __slots__ = ("_hay", "ann", "doc", "end", "start")

    def __init__(self, ann: Annotation, doc: Document, span: tuple[int, int] | None) -> None:
        self.ann = ann
        self.doc = doc
        self.start, self.end = span if span is not None else (-1, -1)
        self._hay: str | None = None

    @property
    def placed(self) -> bool:
        return self.start >= 0

    @property
    def quote(self) -> str:
        return self.doc.text[self.start:self.end] if self.placed else quote_of(self.ann["target"])

    @property
    def location(self) -> tuple[int, int] | None:
        """(paragraph, sentence) of an anchored annotation; None for an orphan."""
        return self.doc.location(self.start) if self.placed else None

    @property
    def haystack(self) -> str:
        """Tags, quote and note, lower case: what the filter searches."""
        if self._hay is None:
            ann = self.ann
            # tags as the list shows them (#claim), so "#cla" finds them as "cla" does
            self._hay = (" ".join("#" + t for t in ann.get("tags", [])) + " " + self.quote + " "
                         + ann.get("note", "")).lower()
        return self._hay


def diff_text(a: str, b: str) -> Text:
    """A word diff: removed words struck through, added ones bold (and coloured where colour exists)."""
    out = Text()
    for kind, words in word_diff(a, b):
        if kind == REMOVED:
            out.append("[-" + plain(words) + "-] ", style="strike red")
        elif kind == ADDED:
            out.append("{+" + plain(words) + "+} ", style="bold underline green")
        else:
            out.append(plain(words) + " ", style="dim")
    return out


def _order(row: Row) -> tuple[int, int, str]:
    return row.start, -row.end, row.ann["id"]


def filter_rows(rows: list[Row], query: str) -> list[Row]:
    words = query.lower().split()
    if not words:
        return rows
    return [r for r in rows if all(w in r.haystack for w in words)]


class AnnotationsPanel(Vertical):
    BINDINGS = [
        Binding("escape", "close", "Close panel", id="panel_close"),
        Binding("ctrl+d,delete", "delete", "Delete", id="panel_delete_any"),
    ]

    def __init__(self, workspace: Workspace, tag_styles: TagStyles, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.workspace = workspace
        self.tag_styles = tag_styles
        self.doc: Document | None = None
        self.rows: list[Row] = []
        self._by_id: dict[str, Row] = {}
        self._placed = 0
        self._shown_query = ""
        self._shown: list[Row] = []
        self._detail_of: Row | None = None
        self._wanted: tuple[str | None, int] | None = None  # (annotation, offset) the next rows start on

    def compose(self) -> ComposeResult:
        yield TitleLine("Annotations", id="ann-title")
        yield FilterInput(placeholder="filter by tag or text", id="ann-filter")
        yield AnnotationList(self._render_row, empty="No annotations yet: h highlights, t tags.", id="ann-list")
        yield TextBox("", id="ann-detail")

    # --- content -----------------------------------------------------------------------------
    def show_for(self, doc: Document, at: int | None = None, ann_id: str | None = None) -> None:
        """List doc's annotations, the current row the passage under the reader's cursor
        (``ann_id``), else the first after ``at``: a user's d, pressed in a panel opened on a
        new highlight, deleted the claim the list had last shown, with its note and link."""
        self.doc = doc
        self._wanted = None if at is None else (ann_id, at)
        self.rebuild()

    def select_at(self, at: int, ann_id: str | None = None) -> None:
        """Make the passage under the cursor the current row (the panel already showing)."""
        rows = self._shown
        index = self._row_for(rows, ann_id, at)
        if index is not None:
            self.query_one(AnnotationList).highlighted = index

    @staticmethod
    def _row_for(rows: list[Row], ann_id: str | None, at: int) -> int | None:
        """The row of ann_id, else of the first passage at or after offset at, else the last
        placed one before it."""
        last = None
        for i, row in enumerate(rows):
            if ann_id is not None and row.ann["id"] == ann_id:
                return i
        for i, row in enumerate(rows):
            if row.location is None:
                continue
            if row.location[0] >= at or row.location[0] <= at < row.location[1]:
                return i
            last = i
        return last

    def rebuild(self) -> None:
        """Read the annotations again (another article, or many changes at once)."""
        if self.doc is None:
            return
        ws, doc = self.workspace, self.doc
        hls, orphans = ws.annotations_in_order(doc)
        self.rows = [Row(h.ann, doc, (h.start, h.end)) for h in hls] + [Row(a, doc, None) for a in orphans]
        self._by_id = {r.ann["id"]: r for r in self.rows}
        self._placed = len(hls)
        self._apply(self.query_one("#ann-filter", Input).value, fresh=True)

    def apply(self, step: Step) -> None:
        """A change to the store: move, add or drop just the rows it names."""
        if self.doc is None:
            return
        ids = {ch.rid for ch in step.changes if ch.table == "annotations"}
        if len(ids) > 64:
            self.rebuild()
            return
        doc, ws = self.doc, self.workspace
        for rid in ids:
            old = self._by_id.pop(rid, None)
            if old is not None:
                self.rows.remove(old)
                self._placed -= old.placed
            ann = ws.store.annotation(rid)
            if ann is None or ann["doc"] != doc.key or ws.is_pending(rid):
                continue
            h = ws.highlight_of(doc, rid)
            row = Row(ann, doc, (h.start, h.end) if h is not None else None)
            if h is not None:
                at = bisect_left(self.rows, (h.start, -h.end, rid), hi=self._placed, key=_order)
                self.rows.insert(at, row)
                self._placed += 1
            else:
                self.rows.append(row)
            self._by_id[rid] = row
        if ids or self._shown_query.strip():
            self._apply(self.query_one("#ann-filter", Input).value, fresh=True)
        else:
            self.query_one(AnnotationList).redraw()  # links or notes shown in rows changed
            self._show_detail()

    def _apply(self, query: str, fresh: bool = False) -> None:
        if not query.strip():
            self._show(query, self.rows)
            return
        base = self.rows if fresh or not query.lower().startswith(self._shown_query.lower()) else self._shown
        if len(base) <= SYNC_FILTER_LIMIT:
            self._show(query, filter_rows(base, query))
        else:
            self._filter_worker(base, query)

    @work(thread=True, exclusive=True, exit_on_error=False, group="annotations-filter")
    def _filter_worker(self, rows: list[Row], query: str) -> None:
        out = filter_rows(rows, query)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, query, out)

    def _show(self, query: str, rows: list[Row]) -> None:
        lst = self.query_one(AnnotationList)
        current = lst.current
        keep_at = lst.highlighted
        if self._wanted is not None:
            wanted, self._wanted = self._wanted, None
            keep_at = self._row_for(rows, *wanted)
        elif isinstance(current, Row):
            found = self._by_id.get(current.ann["id"])
            if found is not None:
                try:
                    keep_at = rows.index(found)
                except ValueError:
                    pass
        self._shown_query, self._shown = query, rows
        lst.set_items(rows, keep_at)
        orphans = len(self.rows) - self._placed
        title = f"Annotations \u00b7 {self.doc.name if self.doc else ''} \u00b7 {self._placed}"
        if orphans:
            title += f" \u00b7 {orphans} orphan{'s' if orphans != 1 else ''}"
        if query.strip():
            title += f" \u00b7 {len(rows)} shown"
        self.query_one("#ann-title", TitleLine).update(plain(title))
        if not rows:
            lst.empty = f"Nothing matches \u201c{query}\u201d." if query.strip() else "No annotations yet: h highlights, t tags."
        self._show_detail()

    def _show_detail(self, force: bool = True) -> None:
        """The current row's detail; unless forced, only when the row changed (moving the
        list's cursor asks again for the row a change has just shown)."""
        row = self.query_one(AnnotationList).current
        if not force and row is self._detail_of:
            return
        self._detail_of = row
        self.query_one("#ann-detail", TextBox).update(self._detail(row) if isinstance(row, Row) else "")

    def reset(self) -> None:
        """Closing the panel forgets the filter: it opens clean next time."""
        self.query_one("#ann-filter", Input).value = ""
        self._shown_query = ""

    # --- drawing -----------------------------------------------------------------------------
    def _render_row(self, row: Row, width: int) -> list[Text]:
        ann = row.ann
        tags = ann.get("tags", [])
        first = Text()
        first.append("\u25a0 ", style=self.tag_styles.mark(tags[0] if tags else None))
        first.append(plain(" ".join(f"#{t}" for t in tags) or "(highlight)") + " ", style="bold")
        first.append(f"\u00b6{row.location[0]}.{row.location[1]} " if row.location else "ORPHAN ", style="dim")
        first.append(plain(short(row.quote, 16)))
        second = Text("   ")
        partners = self.workspace.partners(ann["id"])
        if partners:
            # the links first, then the note: a note of twelve words took the row's width, and
            # a user scanning for the claims still open read an answered one as unlinked.
            # As the passage stands in each link ("rebutted by" from the claim), and where
            # the other end is: a row that said only "rebutted by" told nothing of what
            shown = partners[:2]
            for i, p in enumerate(shown):
                other_doc = self.workspace.doc(p.other["doc"])
                name = other_doc.name if other_doc else short_name(p.other["doc"])
                at = other_doc.location(p.anchor.start) if other_doc is not None and not p.anchor.is_orphan else None
                place = f"\u00b6{at[0]}.{at[1]}" if at else "(orphan)"
                second.append(("  " if i else "") + f"{RELATIONS[p.link['relation']].symbol} {p.verb} ", style="dim")
                second.append(plain(f"{name} {place}"), style="dim")
            if len(partners) > len(shown):
                second.append(f"  +{len(partners) - len(shown)} more", style="dim")
        if ann.get("note"):
            second.append(("  " if partners else "") + "\u270e " + plain(short(ann["note"], 12)), style="italic")
        return [first, second]

    def _detail(self, row: Row) -> Text:
        ws = self.workspace
        out = Text()
        out.append(plain(short(row.quote, 40)) + "\n", style="italic")
        changed = changed_wording(ws, row.ann)
        if changed:
            out.append("changed since annotated ([-then-] {+now+}): ", style="bold")
            out.append_text(diff_text(quote_of(row.ann["target"]), row.quote))
            out.append("\n")
        for p in ws.partners(row.ann["id"]):
            other_doc = ws.doc(p.other["doc"])
            name = other_doc.name if other_doc else short_name(p.other["doc"])
            out.append(f"{RELATIONS[p.link['relation']].symbol} {p.verb} ", style="bold")
            out.append(plain(f"{name}: {short(ws.quote(p.other), 14)}") + "\n")
            if p.link.get("note"):
                out.append("   \u270e " + plain(p.link["note"]) + "\n", style="italic")
            if p.link["relation"] == REPEATS:
                a, b = row.quote, ws.quote(p.other)
                if any(k != "same" for k, _w in word_diff(a, b)):
                    out.append("   wording differs ([-here only-] {+there only+}): ")
                    out.append_text(diff_text(a, b))
                    out.append("\n")
        if row.ann.get("note"):  # after the links: a long note had pushed them out of the box
            out.append("\u270e " + plain(row.ann["note"]) + "\n")
        if row.location is None:
            out.append("Not found in the article's current text (an orphan): kept, exported, never deleted.\n",
                       style="dim")
        return out

    # --- events --------------------------------------------------------------------------------
    @on(Input.Changed, "#ann-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self._apply(event.value)

    @on(VirtualList.Highlighted)
    def _highlighted(self, event: VirtualList.Highlighted) -> None:
        self._show_detail(force=False)

    @on(VirtualList.Selected)
    def _selected(self, event: VirtualList.Selected) -> None:
        self._jump()

    @on(Input.Submitted, "#ann-filter")
    def _submitted(self) -> None:
        self._jump()

    def _jump(self) -> None:
        row = self.query_one(AnnotationList).current
        if not isinstance(row, Row):
            return
        if row.location is None:
            self.notify("This passage is an orphan: it is not in the article's current text.", severity="warning",
                        markup=False)
            return
        self.post_message(JumpRequested(row.ann["id"]))

    def on_key(self, event: Key) -> None:
        if not self.query_one("#ann-filter", Input).has_focus:
            return
        if event.key in ("down", "up"):
            self.query_one(AnnotationList).action_move(1 if event.key == "down" else -1)
            event.stop()
        elif event.key in ("ctrl+d", "delete"):  # before the Input's own ctrl+d (delete right)
            self.action_delete()
            event.stop()
            event.prevent_default()

    def action_delete(self) -> None:
        row = self.query_one(AnnotationList).current
        if isinstance(row, Row):
            self.post_message(DeleteRequested(row.ann["id"]))

    def action_close(self) -> None:
        self.post_message(PanelClosed(self))


class FilterInput(Input):
    """The panel's filter. Textual hands each key to the widget focused when the key
    arrives, and a Tab's binding runs only once the Tab has bubbled up to the app: a key
    typed in the same instant as the Tab (or pasted with it) was typed into the filter.
    So Tab and shift+Tab move the focus here, at once, and a key that arrives after the
    focus has moved goes on to where the focus is now."""

    async def _on_key(self, event: Key) -> None:
        focused = self.screen.focused if self.is_attached else None
        if focused is self and event.key in ("tab", "shift+tab"):
            event.stop()
            event.prevent_default()
            self.screen.focus_next() if event.key == "tab" else self.screen.focus_previous()
            return
        if focused is not None and focused is not self:
            event.stop()
            event.prevent_default()
            focused._forward_event(Key(event.key, event.character))
            return
        await super()._on_key(event)


class AnnotationList(VirtualList):
    BINDINGS = [Binding("d", "delete", "Delete", id="panel_delete")]

    def action_delete(self) -> None:
        parent = self.parent
        if isinstance(parent, AnnotationsPanel):
            parent.action_delete()
