"""The reader's Textual app: two articles side by side, annotated and linked by keyboard."""

from __future__ import annotations

import os
from pathlib import Path

from textual import work
from textual.app import App, ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from reader.core.errors import ReaderError
from reader.core.snippets import short
from reader.core.textsafety import inert
from reader.tui.bindings import READER_BINDINGS
from reader.tui.messages import CursorMoved
from reader.tui.widgets.article_view import ArticleView
from reader.tui.widgets.key_bar import KeyBar

def _reader_commands():
    """The command-palette provider, imported when the palette first opens."""
    from reader.tui.commands import ReaderCommands

    return ReaderCommands


# Actions that only make sense in the main reading screen.
_READING_ACTIONS = {b.action.split("(")[0] for b in READER_BINDINGS} - {"quit", "help"}


class ReaderApp(App):
    TITLE = "reader"
    CSS_PATH = str(Path(__file__).with_name("app.tcss"))
    BINDINGS = READER_BINDINGS
    COMMANDS = App.COMMANDS | {_reader_commands}

    def __init__(self, workspace, config, notices: list[str] | None = None, export_dir: str | None = None) -> None:
        super().__init__()
        self.workspace = workspace
        self.config = config
        self.notices = notices or []
        self.export_dir = export_dir or os.getcwd()
        self.keymap_overrides = dict(config.keys)
        self.pending_link: tuple[ArticleView, tuple[int, int]] | None = None
        self.follow = True
        self._view: ArticleView | None = None

    # --- layout ---------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        left, right = self.workspace.docs[0], self.workspace.docs[1]
        with Horizontal(id="panes"):
            with Vertical(classes="pane", id="left-pane"):
                yield Static(classes="pane-header", id="left-header", markup=False)
                yield ArticleView(left, self.workspace, self.config, gutter_side="right", id="left")
            with Vertical(classes="pane", id="right-pane"):
                yield Static(classes="pane-header", id="right-header", markup=False)
                yield ArticleView(right, self.workspace, self.config, gutter_side="left", id="right")
        yield Vertical(id="side")  # panels are mounted the first time they are opened
        yield KeyBar(self.keymap_overrides)

    def on_mount(self) -> None:
        self.workspace.store.listeners.append(self._store_changed)
        if self.keymap_overrides:
            self.set_keymap(self.keymap_overrides)
        self.query_one("#left", ArticleView).focus()
        self._view = self.query_one("#left", ArticleView)
        for view in self.views:
            self._update_header(view)
        self.call_after_refresh(self._after_first_paint)

    def _after_first_paint(self) -> None:
        """The articles are on screen: now the messages, and note what the articles say."""
        for text in self.notices:
            self.notify(text, timeout=8)
        if not self.workspace.store.annotations_of():
            self.notify("j/k: sentence · v: select · h: highlight · t: tag · l: link · S: suggestions · ?: every key",
                        title="Welcome", timeout=10)
        self._guard(self.workspace.remember_documents)

    def on_unmount(self) -> None:
        if self._store_changed in self.workspace.store.listeners:
            self.workspace.store.listeners.remove(self._store_changed)

    def on_resize(self, event) -> None:
        self.set_class(event.size.width < 100, "-narrow")

    def notify(self, message: str, *, title: str = "", severity="information", timeout: float | None = None, markup: bool = False) -> None:
        """Notifications quote file names, tags and errors: never markup, never control characters."""
        super().notify(inert(message), title=title, severity=severity, timeout=timeout, markup=markup)

    # --- helpers ----------------------------------------------------------------------------
    @property
    def views(self) -> list[ArticleView]:
        return list(self.query(ArticleView))

    @property
    def view(self) -> ArticleView:
        focused = self.focused
        if isinstance(focused, ArticleView):
            self._view = focused
        return self._view or self.views[0]

    def other(self, view: ArticleView) -> ArticleView:
        a, b = self.views
        return b if view is a else a

    def view_for(self, doc_key: str) -> ArticleView | None:
        for v in self.views:
            if v.doc.key == doc_key:
                return v
        return None

    def check_action(self, action: str, parameters) -> bool | None:
        if action in _READING_ACTIONS and self.screen is not self.screen_stack[0]:
            return False  # a dialog is open: let its own keys (tab, enter, ...) work
        if action == "next_match":
            return bool(self.view.matches)
        if action in ("jump_partner", "other_pane") and not isinstance(self.focused, ArticleView):
            return False  # in a side panel Enter and Tab are the panel's own (Tab reaches its list)
        return True

    def _update_header(self, view: ArticleView) -> None:
        """Modes first (they must survive a narrow pane), then the title, then where we are."""
        header = self.query_one(f"#{view.id}-header", Static)
        ws = self.workspace
        parts = []
        if ws.store.read_only:
            parts.append("READ-ONLY")
        if self.pending_link and self.pending_link[0] is view:
            parts.append("LINK FROM HERE")
        if view.selection is not None:
            parts.append("SELECT")
        if view.matches or view.query:
            pos = f"{view.match_index + 1}/{len(view.matches)}" if view.matches else "no match"
            parts.append(f"/{inert(view.query)} {pos}")
        parts.append(inert(view.doc.title))
        count = len(ws.highlights(view.doc))
        if count:
            parts.append(f"{count} marked")
        if view.layout_ is not None and len(view.layout_):
            pct = int(100 * view.layout_.row_of(view.cursor[0]) / max(1, len(view.layout_) - 1))
            parts.append(f"{pct}%")
        header.update(" \u00b7 ".join(parts))

    def _store_changed(self) -> None:
        for view in self.views:
            view.invalidate()
            self._update_header(view)
        panels = self.query("#annotations")
        if panels and panels.first().display:
            panels.first().rebuild()

    def _guard(self, fn, *args):
        """Run a store change; turn a ReaderError into a notification."""
        try:
            return fn(*args)
        except ReaderError as exc:
            self.notify(str(exc), severity="error", timeout=6)
            return None

    # --- cursor follow ----------------------------------------------------------------------
    def on_cursor_moved(self, message: CursorMoved) -> None:
        view = message.view
        self._update_header(view)
        other = self.other(view)
        spans = [(a.start, a.end) for _l, partner, a in self._partners_here(view) if partner["doc"] == other.doc.key]
        if spans != other.partners:
            other.partners = spans
            other.invalidate()
        if spans and self.follow and view.has_focus:
            other.show_span(spans[0])

    # --- reading actions ----------------------------------------------------------------------
    def action_next_sentence(self) -> None:
        self.view.step_sentence(1)

    def action_prev_sentence(self) -> None:
        self.view.step_sentence(-1)

    def action_next_paragraph(self) -> None:
        self.view.step_paragraph(1)

    def action_prev_paragraph(self) -> None:
        self.view.step_paragraph(-1)

    def action_top(self) -> None:
        self.view.go_top()

    def action_bottom(self) -> None:
        self.view.go_bottom()

    def action_page(self, step: int) -> None:
        self.view.page(step)

    def action_other_pane(self) -> None:
        self.other(self.view).focus()

    def action_search(self) -> None:
        from reader.tui.dialogs.search_prompt import SearchPrompt

        view = self.view

        def done(query: str | None) -> None:
            if query is None:
                return
            if not query.strip():
                view.clear_search()
            else:
                n = view.search(query)
                if not n:
                    self.notify(f"No match for {query!r} in this article.", severity="warning")
            self._update_header(view)

        self.push_screen(SearchPrompt(view.query), done)

    def action_next_match(self, step: int) -> None:
        self.view.next_match(step)

    def action_cancel(self) -> None:
        """Esc: drop the selection, else the search, else the pending link."""
        view = self.view
        if view.clear_selection() or view.clear_search():
            return
        if self.pending_link is not None:
            source = self.pending_link[0]
            source.pending = None
            source.invalidate()
            self.pending_link = None
            self.notify("Link abandoned.")
            for v in self.views:
                self._update_header(v)

    def action_help(self) -> None:
        from reader.tui.screens.help import HelpScreen

        self.push_screen(HelpScreen(self.keymap_overrides))

    # --- annotating -------------------------------------------------------------------------------
    def action_select(self) -> None:
        view = self.view
        if view.selection is None:
            view.start_selection()
        else:
            view.clear_selection()

    def action_word(self, step: int) -> None:
        self.view.step_word(step)

    def _take_span(self, view: ArticleView) -> tuple[int, int]:
        span = view.focus_point
        if view.selection is not None:
            view.selection = None
            view.cursor = span
        return span

    def action_highlight(self) -> None:
        view = self.view
        span = self._take_span(view)
        ann = self._guard(self.workspace.highlight, view.doc, *span)
        if ann is not None:
            self.notify("Highlighted.", timeout=2)
        view.move_to(span)

    def _annotation_here(self, view: ArticleView):
        s, e = view.focus_point
        return self.workspace.highlight_at(view.doc, s, e if view.selection else None)

    def action_tag(self) -> None:
        from reader.tui.dialogs.tag_prompt import TagPrompt

        view = self.view
        span = view.focus_point

        def done(tag: str | None) -> None:
            if not tag:
                return
            view.selection = None
            if self._guard(self.workspace.add_tag, view.doc, span, tag) is not None:
                self.notify(f"Tagged #{tag}.", timeout=2)
            view.move_to(span)

        known = list(dict.fromkeys(self.workspace.tags_in_use() + list(self.config.tag_colours)))  # config adds tags
        self.push_screen(TagPrompt(known, "Tag this passage"), done)

    def action_untag(self) -> None:
        from reader.tui.dialogs.tag_prompt import TagPrompt

        view = self.view
        h = self._annotation_here(view)
        if h is None or not h.ann.get("tags"):
            self.notify("No tagged highlight here.", severity="warning")
            return
        tags = h.ann["tags"]
        def done(tag: str | None) -> None:
            if tag and self._guard(self.workspace.remove_tag, h.ann["id"], tag) is not None:
                self.notify(f"Removed #{tag}.", timeout=2)

        if len(tags) == 1:
            done(tags[0])
        else:
            self.push_screen(TagPrompt(tags, "Remove which tag?", only_known=True), done)

    def action_note(self) -> None:
        from reader.tui.dialogs.note_editor import NoteEditor

        view = self.view
        h = self._annotation_here(view)
        span = view.focus_point
        quote = view.doc.text[span[0]:span[1]] if h is None else view.doc.text[h.start:h.end]
        note = h.ann.get("note", "") if h else ""

        def done(text: str | None) -> None:
            if text is None:
                return
            ann = h.ann if h else self._guard(self.workspace.highlight, view.doc, *span)
            if ann is not None and self._guard(self.workspace.set_note, ann["id"], text) is not None:
                self.notify("Note saved.", timeout=2)
            view.selection = None
            view.invalidate()

        self.push_screen(NoteEditor(inert(short(quote, 30)), note), done)

    def action_annotations(self) -> None:
        self._toggle_side("annotations")

    def _panel(self, which: str):
        """The side panel ``which``, mounted on first use (keeps start-up light)."""
        found = self.query(f"#{which}")
        if found:
            return found.first()
        if which == "annotations":
            from reader.tui.widgets.annotations_panel import AnnotationsPanel as cls
        else:
            from reader.tui.widgets.suggestions_panel import SuggestionsPanel as cls
        panel = cls(id=which)
        self.query_one("#side").mount(panel)
        return panel

    def _toggle_side(self, which: str) -> bool:
        side = self.query_one("#side")
        panel = self._panel(which)
        showing = side.has_class("shown") and panel.display
        for child in side.children:
            child.display = False
        if showing:
            side.remove_class("shown")
            self.view.focus()
            return False
        side.add_class("shown")
        panel.display = True
        if which == "annotations":
            view = self.view

            def ready() -> None:
                panel.show_for(view)
                panel.query_one("#ann-filter").focus()

            self.call_after_refresh(ready)
        return True

    def delete_annotation(self, ann_id: str) -> None:
        try:
            self.workspace.store.delete_annotation(ann_id)
        except ReaderError as exc:
            self.notify(str(exc), severity="error", timeout=6)
            return
        self.notify("Deleted (u undoes it).", timeout=3)

    def jump_to_annotation(self, ann_id: str) -> None:
        ann = self.workspace.store.annotation(ann_id)
        if ann is None:
            return
        a = self.workspace.anchor_of(ann_id)
        view = self.view_for(ann["doc"])
        if view is None or a.is_orphan:
            self.notify("That passage is not in the open articles' current text.", severity="warning")
            return
        view.selection = None
        view.move_to((a.start, a.end), centre=True)
        view.focus()

    def action_undo(self) -> None:
        label = self._guard(self.workspace.store.undo)
        self.notify(f"Undid: {label}." if label else "Nothing to undo.", timeout=2)

    def action_redo(self) -> None:
        label = self._guard(self.workspace.store.redo)
        self.notify(f"Redid: {label}." if label else "Nothing to redo.", timeout=2)

    # --- linking ------------------------------------------------------------------------------------
    def action_link(self) -> None:
        view = self.view
        span = self._take_span(view)
        if self.pending_link is None:
            self.pending_link = (view, span)
            view.pending = span
            view.invalidate()
            self._update_header(view)
            other = self.other(view)
            other.focus()
            self.notify("Link source marked. Move to the answering passage and press l (Esc abandons).", timeout=5)
            return
        source_view, source_span = self.pending_link
        if source_view is view and source_span == span:
            self.action_cancel()
            return

        def done(choice: tuple[str, str] | None) -> None:
            if choice is None:
                self.notify("Link not made; the source stays marked (Esc abandons).", timeout=3)
                return
            relation, note = choice
            rec = self._guard(self.workspace.link, (source_view.doc, source_span), (view.doc, span), relation, note)
            if rec is not None:
                source_view.pending = None
                self.pending_link = None
                self.notify(f"Linked: {relation}.", timeout=3)
                view.move_to(span)
                for v in self.views:
                    v.invalidate()
                    self._update_header(v)

        from reader.tui.dialogs.relation_picker import RelationPicker

        src_text = inert(short(source_view.doc.text[source_span[0]:source_span[1]], 14))
        dst_text = inert(short(view.doc.text[span[0]:span[1]], 14))
        self.push_screen(RelationPicker(src_text, dst_text), done)

    def _partners_here(self, view: ArticleView):
        """(link, partner, anchor) for highlights under the cursor, or starting in the selection."""
        ws = self.workspace
        cs, ce = view.focus_point
        out = []
        for h in ws.highlights_between(view.doc, cs, max(ce, cs + 1)):
            if h.start <= cs < h.end or cs <= h.start < ce:
                for link, partner in ws.partners(h.ann["id"]):
                    a = ws.anchor_of(partner["id"])
                    if not a.is_orphan and self.view_for(partner["doc"]) is not None:
                        out.append((link, partner, a))
        return out

    def _with_partner(self, question: str, then) -> None:
        """Call ``then((link, partner, anchor))`` for the linked passage here; ask if several."""
        partners = self._partners_here(self.view)
        if not partners:
            self.notify("No linked passage here.", severity="warning", timeout=2)
        elif len(partners) == 1:
            then(partners[0])
        else:
            from reader.tui.dialogs.choice_list import ChoiceList

            items = [f"{l['relation']}: {inert(short(self.workspace.quote(p), 14))}" for l, p, _a in partners]
            self.push_screen(ChoiceList(question, items), lambda i: None if i is None else then(partners[i]))

    def action_jump_partner(self) -> None:
        def go(choice) -> None:
            _link, partner, a = choice
            target = self.view_for(partner["doc"])
            target.selection = None
            target.move_to((a.start, a.end), centre=True)
            target.focus()

        self._with_partner("Go to which linked passage?", go)

    def action_unlink(self) -> None:
        """L: remove a link of the passage under the cursor (u brings it back)."""
        def remove(choice) -> None:
            link = choice[0]
            try:
                self.workspace.store.delete_link(link["id"])
            except ReaderError as exc:
                self.notify(str(exc), severity="error", timeout=6)
                return
            self.notify(f"Link removed ({link['relation']}); u brings it back.", timeout=3)

        self._with_partner("Remove which link?", remove)

    def action_next_link(self, step: int) -> None:
        view = self.view
        ws = self.workspace
        linked = [h for h in ws.highlights(view.doc) if ws.store.links_of(h.ann["id"])]
        cs = view.cursor[0]
        ahead = [h for h in linked if (h.start > cs if step > 0 else h.start < cs)]
        if not ahead:
            self.notify("No more linked passages that way.", timeout=2)
            return
        h = ahead[0] if step > 0 else ahead[-1]
        view.selection = None
        view.move_to((h.start, h.end))

    def action_toggle_follow(self) -> None:
        self.follow = not self.follow
        self.notify(f"Follow links: {'on' if self.follow else 'off'}.", timeout=2)

    def action_dispute(self) -> None:
        from reader.core.dispute import build_dispute_map
        from reader.tui.screens.dispute import DisputeScreen

        names = {d.key: d.name for d in self.workspace.docs}

        def done(ann_id: str | None) -> None:
            if ann_id:
                self.jump_to_annotation(ann_id)

        self.push_screen(DisputeScreen(build_dispute_map(self.workspace), names), done)

    # --- suggestions ------------------------------------------------------------------------------------
    def action_suggestions(self) -> None:
        if self._toggle_side("suggestions"):
            self.notify("Finding suggestions\u2026", timeout=2)
            self._compute_suggestions()

    @work(thread=True, exclusive=True)
    def _compute_suggestions(self) -> None:
        from reader.core.suggest import Suggester

        ws = self.workspace
        left, right = ws.docs[0], ws.docs[1]
        linked = set()
        for link in ws.store.links():
            a, b = ws.store.annotation(link["source"]), ws.store.annotation(link["target"])
            if not a or not b:
                continue
            if a["doc"] == right.key:
                a, b = b, a
            if a["doc"] == left.key and b["doc"] == right.key:
                sa, sb = ws.anchor_of(a["id"]), ws.anchor_of(b["id"])
                linked.add(((sa.start, sa.end), (sb.start, sb.end)))
        result = Suggester(left, right).suggest(top=60, rejected=ws.store.rejected(), linked=linked)
        self.call_from_thread(self._show_suggestions, result)

    def _show_suggestions(self, result) -> None:
        panel = self._panel("suggestions")
        panel.load(result)
        panel.query_one("#sugg-list").focus()

    def preview_suggestion(self, s) -> None:
        left, right = self.views
        for view, unit in ((left, s.left), (right, s.right)):
            view.selection = None
            view.cursor = unit.span
            view.show_span(unit.span, centre=True)
            view.invalidate()
            self._update_header(view)

    def decide_suggestion(self, s, accept: bool) -> bool:
        ws = self.workspace
        if accept:
            rec = self._guard(ws.link, (s.left.doc, s.left.span), (s.right.doc, s.right.span), s.relation)
            if rec is None:
                return False
            self.notify(f"Linked: {s.relation}.", timeout=2)
        else:
            try:
                ws.store.reject(s.key)
            except ReaderError as exc:
                self.notify(str(exc), severity="error", timeout=6)
                return False
            self.notify("Rejected; it will not be suggested again.", timeout=2)
        return True

    # --- export and copy ---------------------------------------------------------------------------------
    def default_export_path(self) -> str:
        left, right = self.workspace.docs[0], self.workspace.docs[1]
        return os.path.join(self.export_dir, f"{left.name}--{right.name}.md")

    def action_export(self) -> None:
        from reader.tui.dialogs.export_dialog import ExportDialog

        def done(req) -> None:
            if req is not None:
                self.run_export(req)

        self.push_screen(ExportDialog(self.default_export_path()), done)

    def run_export(self, req) -> None:
        from reader.core.exporting import render, write_export

        try:
            text = render(self.workspace, req.format, tags=req.tags, notes=req.notes, dispute=req.dispute)
            if req.copy:
                self.copy_text(text)
                return
            path = write_export(req.path, text, req.format)
        except ReaderError as exc:
            self.notify(str(exc), severity="error", timeout=8)
            return
        self.notify(f"Exported to {path}.", timeout=5)

    def action_copy(self) -> None:
        view = self.view
        if view.selection is not None:
            s, e = view.selection.span
            quote = " ".join(view.doc.text[s:e].split())
            p, n = view.doc.location(s)
            text = f"\u201c{quote}\u201d \u2014 {view.doc.title}, paragraph {p}, sentence {n}\n"
            view.clear_selection()
        else:
            from reader.core.exporting import render

            text = render(self.workspace, "md")
        self.copy_text(text)

    def copy_text(self, text: str) -> None:
        self._copy_worker(text)

    @work(thread=True, exclusive=True, group="clipboard")
    def _copy_worker(self, text: str) -> None:
        from reader.core.clipboard import OSC52, PYPERCLIP, copy_with_pyperclip, forced_route, write_clipboard_file

        route = forced_route()
        detail = ""
        if route in (None, PYPERCLIP):
            ok, detail = copy_with_pyperclip(text)
            if ok:
                self.call_from_thread(self.notify, "Copied to the clipboard (system clipboard via pyperclip).", timeout=3)
                return
        if route in (None, OSC52) and not self.is_headless:
            self.call_from_thread(self.copy_to_clipboard, text)
            self.call_from_thread(self.notify, "Copied through the terminal (OSC 52).", timeout=3)
            return
        try:
            path = write_clipboard_file(text)
        except ReaderError as exc:
            self.call_from_thread(self.notify, f"Copy failed: {exc}", severity="error")
            return
        why = f" ({detail})" if detail else ""
        self.call_from_thread(self.notify, f"No clipboard{why}; saved to {path}.", timeout=6)
