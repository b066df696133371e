"""The reading screen: the two articles side by side, and the controller of the reader.

Who owns what:
- each ``ArticleView`` owns its cursor, selection and search (and the keys that move them);
- this screen owns the link being made (``link_draft``), follow mode, which side panel is
  open, and the status and key-bar contexts derived from all of these;
- the ``Workspace`` (core) owns annotations, links and anchors; the screen changes them
  only through it, and redraws when it says something changed;
- panels and dialogs post messages (``JumpRequested``, ``DeleteRequested``,
  ``SuggestionDecided`` ...) that the handlers below take with ``@on``;
- slow work (suggestions, export, copy, re-anchoring changed articles) runs in workers
  that take immutable inputs and post results as messages; one handler reports failures.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, ClassVar, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.events import DescendantFocus, Key, Paste
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input
from textual.worker import Worker, WorkerState, get_current_worker

from reader.core.config import Config
from reader.core.errors import ReaderError
from reader.core.services.citation import citation
from reader.core.services.drafts import Draft, Drafts
from reader.core.services.workspace import AnchorJob, Partner, Workspace, inner_span, run_anchor_jobs
from reader.core.store.history import REDO, ROLLBACK, UNDO, Step
from reader.core.text.document import Document, Span, short_name
from reader.core.text.safety import plain
from reader.core.text.snippets import short
from reader.tui.bindings import SCREEN_BINDINGS, first_key, keys_of
from reader.tui.dialogs.relation_picker import End, LinkChoice
from reader.tui.messages import (
    AnchorsReady,
    AnswersReady,
    DeleteRequested,
    DisputeReady,
    JumpRequested,
    PanelClosed,
    Progress,
    RefreshReady,
    SuggestionDecided,
    SuggestionPreviewed,
    SuggestionsReady,
    VersionReady,
    VersionsListed,
    ViewChanged,
    WorkDone,
)
from reader.tui.partial_repaint import ClusteredCompositor
from reader.tui.widgets.article_view import ArticleView
from reader.tui.widgets.key_bar import KeyBar
from reader.tui.widgets.pane_header import PaneHeader
from reader.tui.widgets.status_line import StatusInfo, StatusLine
from reader.tui.widgets.tag_entry import TagEntry
from reader.tui.widgets.tag_styles import TagStyles


@dataclass(frozen=True)
class LinkDraft:
    """A link being made: the first passage marked (the claim, unless swapped)."""

    side: str
    span: Span
    swapped: bool = False  # True: the first passage is the source ("first <relation> second")


class ReadingScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [*SCREEN_BINDINGS]

    # State, not drawing: a change repaints only the widgets bound to it, never the whole screen.
    link_draft: reactive[LinkDraft | None] = reactive(None, init=False, repaint=False)
    follow: reactive[bool] = reactive(True, init=False, repaint=False)
    panel: reactive[str] = reactive("", init=False, repaint=False)
    status: reactive[StatusInfo] = reactive(StatusInfo(), init=False, repaint=False)
    context: reactive[str] = reactive("normal", init=False, repaint=False)
    tag_entry: reactive[TagEntry | None] = reactive(None, init=False, repaint=False)
    read_only: reactive[bool] = reactive(False, init=False, repaint=False)  # the store's, for the key bar

    def __init__(self, workspace: Workspace, config: Config, tag_styles: TagStyles, keymap: dict[str, str],
                 export_dir: str) -> None:
        super().__init__()
        self._compositor = ClusteredCompositor()  # see partial_repaint.py: far-apart changes drawn apart
        self.workspace = workspace
        self.config = config
        self.tag_styles = tag_styles
        self.keymap = keymap
        self.export_dir = export_dir
        self.drafts = Drafts(workspace.store.path)
        self._engines: dict[tuple[str, str], Any] = {}
        self._saving = ""
        self._progress = ""
        self._message = ""
        self._reading_at: list[tuple[Document, tuple[Span, int]]] = []  # both articles' places when a preview panel opened
        self._message_at: tuple[str, Span] = ("", (0, 0))
        self._said = False  # anything said this session (the welcome never covers an answer)
        self._last_view: ArticleView | None = None
        self._views: list[ArticleView] = []
        self._headers: dict[str, PaneHeader] = {}  # by side; kept from compose, as the views are
        self._panels: dict[str, Any] = {}  # by name, once mounted
        self._status_due = False
        self._entry_target: tuple[str, Span, str] = ("", (0, 0), "")  # side, passage, annotation (untag)
        self._entry_aimed = True  # False from t or T until their passage is read (_aim)
        self._entry_keys = {k.strip(): action for action in ("tag", "untag")
                            for k in keys_of(action, keymap).split(",") if k.strip()}

    # --- layout ---------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        left, right = self.workspace.docs[0], self.workspace.docs[1]
        self._views = []
        # the side panel sits beside the articles, above the status line (docked to the
        # screen, the status line and key bar covered its last two rows)
        with Horizontal(id="main"):
            with Horizontal(id="panes"):
                for side, doc in (("left", left), ("right", right)):
                    with Vertical(classes="pane", id=f"{side}-pane"):
                        header = self._headers[side] = PaneHeader(doc, id=f"{side}-header")
                        yield header
                        view = ArticleView(doc, self.workspace, self.tag_styles, side, id=side)
                        self._views.append(view)
                        yield view
            yield Vertical(id="side")  # panels are mounted the first time they are opened
        with Vertical(id="bottom"):
            yield StatusLine(id="status").data_bind(ReadingScreen.status)
            yield KeyBar(self.keymap, id="keybar").data_bind(ReadingScreen.context, entry=ReadingScreen.tag_entry,
                                                             read_only=ReadingScreen.read_only)

    def on_mount(self) -> None:
        self.workspace.listeners.append(self._workspace_changed)
        store = self.workspace.store
        store.save_listeners.append(self._saves_changed)
        store.failure_listeners.append(self._save_failed)
        self.views[0].focus()
        self._refresh_status()

    def on_resize(self, event: Any) -> None:
        self.set_class(event.size.width < 100, "-narrow")

    def on_unmount(self) -> None:
        store = self.workspace.store
        if self._workspace_changed in self.workspace.listeners:
            self.workspace.listeners.remove(self._workspace_changed)
        if self._saves_changed in store.save_listeners:
            store.save_listeners.remove(self._saves_changed)
        if self._save_failed in store.failure_listeners:
            store.failure_listeners.remove(self._save_failed)

    # --- helpers ----------------------------------------------------------------------------
    @property
    def views(self) -> list[ArticleView]:
        """The two article views, left then right (made once, in compose: a DOM query on
        each key cost more than the key's own work once a panel was open)."""
        return self._views

    @property
    def view(self) -> ArticleView:
        """The article view in use: the focused one, else the one used last."""
        focused = self.focused
        if isinstance(focused, ArticleView):
            self._last_view = focused
        return self._last_view or self.views[0]

    def other(self, view: ArticleView) -> ArticleView:
        a, b = self.views
        return b if view is a else a

    def view_for(self, doc_key: str) -> ArticleView | None:
        for v in self.views:
            if v.doc.key == doc_key:
                return v
        return None

    def view_on(self, side: str) -> ArticleView:
        return self.query_one(f"#{side}", ArticleView)

    def _guard(self, fn: Callable[..., Any], *args: Any) -> Any:
        """Run a change through core; a ReaderError becomes a notification, never a crash."""
        try:
            return fn(*args)
        except ReaderError as exc:
            self.notify(str(exc), severity="error", timeout=6)
            self.say(str(exc))  # kept in the status line: a toast alone goes (read-only refusals)
            return None

    def _place(self, doc: Document, span: Span) -> str:
        p, s = doc.location(span[0])
        return f"\u00b6{p}.{s}"

    def _quoted_place(self, doc: Document, span: Span) -> str:
        """Where and what, for the tag entry: ``¶5.1 “Members of the union…”``."""
        return f"{self._place(doc, span)} \u201c{short(doc.text[span[0]:span[1]], 12)}\u201d"

    def _end(self, doc: Document, span: Span) -> End:
        return End(doc.name, self._place(doc, span), short(doc.text[span[0]:span[1]], 10))

    # --- status and context -------------------------------------------------------------------
    def _refresh_status(self) -> None:
        """Bring the status line, key bar and pane headers up to date, once for all the
        changes one key makes (a tag alone changed them four times: the action, the change,
        and the save queued and begun)."""
        if not self._status_due:
            self._status_due = True
            self.call_later(self._update_status)

    def _update_status(self) -> None:
        self._status_due = False
        view = self.view
        draft = self.link_draft
        search = view.search
        entry = self.tag_entry
        message = self._message
        if entry is not None:
            mode = entry.mode
            message = f"{'remove a tag from' if entry.only_known else 'tag'} {entry.place}"
        elif draft is not None:
            first = self.view_on(draft.side)
            where = f"{first.doc.name} {self._place(first.doc, draft.span)}"
            mode = f"LINK {where} \u2192 ?" if not draft.swapped else f"LINK ? \u2192 {where}"
        elif view.selection is not None:
            mode = "SELECT"
        elif search.active:
            mode = f"SEARCH {search.index + 1}/{len(search.matches)}" if search.matches else "SEARCH no match"
        else:
            mode = "NORMAL"
        doc = view.doc
        p = doc.paragraph_at(view.cursor[0]) + 1
        lay = view.layout_
        pct = 0
        if lay is not None and len(lay):
            first_row, last_row = lay.rows_of(*view.cursor)
            # on the last row the reader is at the end (the last sentence may start mid-row)
            pct = 100 if last_row >= len(lay) - 1 else int(100 * first_row / max(1, len(lay) - 1))
        self.status = StatusInfo(
            mode=mode, pane=f"{view.side}: {doc.name}", position=f"\u00b6{p}/{doc.paragraph_count} {pct}%",
            marked=self.workspace.highlight_count(doc),
            marked_other=self.workspace.highlight_count(self.other(view).doc), follow=self.follow,
            read_only=self.workspace.store.read_only, saving=self._saving, progress=self._progress,
            message=message,
        )
        self.read_only = self.workspace.store.read_only
        focused = self.focused
        if entry is not None:
            self.context = "tag"
        elif self.is_mounted and not self.is_active:  # under a dialog (see on_screen_suspend)
            self.context = "dialog"
        elif draft is not None and isinstance(focused, ArticleView):
            self.context = "link"
        elif self.panel and not isinstance(focused, ArticleView):
            typing = self.panel == "annotations" and isinstance(focused, Input)
            self.context = "filter" if typing else {"annotations": "panel"}.get(self.panel, self.panel)
        elif view.selection is not None:
            self.context = "select"
        elif search.active:
            self.context = "search"
        else:
            self.context = "normal"
        for v in self.views:
            header = self._headers[v.side]
            header.focused = v is view and isinstance(focused, ArticleView)

    @property
    def said_anything(self) -> bool:
        return self._said

    def say(self, text: str) -> None:
        """A short confirmation in the status line, until the cursor moves on (a toast for each
        key would cover the text)."""
        view = self.view
        self._said = True
        self._message = text
        self._message_at = (view.side, view.focus_point)
        self._refresh_status()

    def _saves_changed(self, pending: int) -> None:
        # Upkeep (noting the articles' state at start) is saved too, but says nothing: a user
        # who has changed nothing should not read "saved". "NOT SAVED" stays until the user's
        # next change is saved.
        mine = self.workspace.store.unsaved_by_user
        if mine:
            self._saving = "saving\u2026"
        elif self._saving != "NOT SAVED":
            self._saving = "saved" if self._saving else ""
        self._refresh_status()

    def _save_failed(self, error: ReaderError, labels: list[str]) -> None:
        if not labels:
            # Only the store's upkeep (what articles were open, where re-anchored passages are):
            # no change of the user's is lost, so no NOT SAVED (a full disk showed it at start-up).
            self.say(f"The store's upkeep could not be written ({error}); no change of yours is affected.")
            return
        what = f"{len(labels)} change{'s' if len(labels) != 1 else ''}"
        self._saving = "NOT SAVED"
        kept = ""
        if "edit note" in labels:
            kept = " A note stays as a draft: n on its passage gets it back."
            if self.drafts.only_in_memory:  # the disk is full: the draft file could not be written either
                kept = (" A note stays as a draft in this session only (its file could not be written): n on its "
                        "passage gets it back; keep the reader open until it is saved.")
        named = f" ({', '.join(labels[:3])})"
        self.notify(f"{error} \u2014 {what} undone on screen to match the file{named}.{kept}",
                    severity="error", timeout=10)
        self.say(f"Not saved: {what} undone{named}.{kept}")

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        if self.tag_entry is not None and isinstance(event.widget, Input):
            self.tag_entry = None  # a field clicked mid-tag takes the keys: the tag is abandoned
        self._refresh_status()

    def on_screen_suspend(self) -> None:
        # A dialog covers the screen but not, on a short terminal, the key bar: the bar must
        # not offer keys that would go into the dialog (j, q typed into a note).
        self.tag_entry = None  # a dialog opened over a tag being typed (ctrl+p) ends it
        self.context = "dialog"

    def on_screen_resume(self) -> None:
        self._refresh_status()

    def watch_follow(self) -> None:
        self._refresh_status()

    def watch_link_draft(self, old: LinkDraft | None, new: LinkDraft | None) -> None:
        for v in self.views:
            v.pending = new.span if new is not None and new.side == v.side else None
        self._refresh_status()

    # --- views and the workspace ---------------------------------------------------------------
    @on(ViewChanged)
    def _view_changed(self, event: ViewChanged) -> None:
        view = cast(ArticleView, event.view)
        previewing = self.panel in ("suggestions", "answers") and not isinstance(self.focused, ArticleView)
        if (view.side, view.focus_point) != self._message_at and not previewing:
            self._message = ""  # a preview moving the articles leaves "Linked: …" to be read
        self._update_partners(view)
        self._refresh_status()

    def _partners_here(self, view: ArticleView) -> list[Partner]:
        found = self.workspace.partners_at(view.doc, view.focus_point, selecting=view.selection is not None)
        return [p for _h, p in found]

    def _update_partners(self, view: ArticleView) -> None:
        other = self.other(view)
        spans = tuple((p.anchor.start, p.anchor.end) for p in self._partners_here(view)
                      if p.other["doc"] == other.doc.key) if self.follow else ()
        other.partners = spans
        if spans and self.follow and view.has_focus:
            other.show_span(spans[0])

    def _workspace_changed(self, step: Step, touched: dict[str, list[Span]]) -> None:
        for v in self.views:
            v.annotations_changed(touched.get(v.doc.key, []))
        if self.panel == "suggestions" and step.kind in (UNDO, REDO, ROLLBACK):
            self._refresh_suggestions()  # an undone link or rejection may bring a suggestion back
        self._update_partners(self.view)
        if self.panel == "annotations":
            self._panel("annotations").apply(step)
        self._refresh_status()

    # --- moving between panes -----------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "jump_partner":
            return isinstance(self.focused, ArticleView)  # in a panel, Enter is the panel's
        if action == "swap_link":
            return self.link_draft is not None
        if action == "abandon_link":  # Esc: a pending link first, else an open side panel
            return self.link_draft is not None or bool(self.panel)
        return True

    def action_other_pane(self) -> None:
        """Tab: the other article; inside a side panel, the panel's next field."""
        if isinstance(self.focused, ArticleView):
            other = self.other(self.view)
            # follow mode scrolled it to a partner, its cursor left at the top: the cursor comes
            # to what is shown (the partner, else the first sentence in view), or j went back up
            other.cursor_into_view()
            self.set_focus(other)
        else:
            self.focus_next()

    # --- annotating -------------------------------------------------------------------------------
    def _passage(self, view: ArticleView, take: bool = False) -> Span:
        """The passage a key acts on: the selection; else the innermost highlight that holds
        the cursor's sentence (tagging or linking a sentence of a longer highlight acts on
        that highlight, not on a new one inside it); else the sentence. ``take`` ends a
        selection, as h, t and l do."""
        selected = view.selection is not None
        span = view.take_focus_point() if take else view.focus_point
        return span if selected else self.workspace.passage_at(view.doc, span)

    def action_highlight(self) -> None:
        view = self.view
        selected = view.selection is not None
        span = self._passage(view, take=True)
        existing = self.workspace.highlight_at(view.doc, *span)
        if existing is not None and (existing.start, existing.end) == span:
            if selected or span == view.cursor:
                self.say("Already highlighted.")
            elif span[0] <= (inner := inner_span(view.doc.text, view.cursor))[0] and inner[1] <= span[1]:
                self.say("Already highlighted: in a longer highlight (v marks a part).")
            else:
                self.say("Already highlighted: a part (v then h marks all of it).")  # whole at 80 columns
            return
        if self._guard(self.workspace.highlight, view.doc, *span) is not None:
            self.say("Highlighted.")

    def _refused_read_only(self, what: str) -> bool:
        """In a read-only session, a change refused as its key is pressed: tagging and linking
        had gone all the way to the typed tag or the relation picker, then failed."""
        store = self.workspace.store
        if not store.read_only:
            return False
        self.notify(f"Read-only: {what} cannot be saved now ({store.read_only_reason}).", severity="warning",
                    timeout=6)
        self.say(f"Read-only: {what} cannot be saved now.")
        return True

    def action_tag(self) -> None:
        if self._refused_read_only("tags"):
            return
        known = list(dict.fromkeys(self.workspace.tags_in_use() + self.config.tags))
        self._start_entry(TagEntry.start(known, "tag"), (self.view.side, self.view.focus_point, ""))
        self._aim(self._aim_tag)

    def _aim(self, aim: Callable[[], None]) -> None:
        """Read the entry's passage once the keys typed before t or T have acted.

        t and T act as they pass here (see on_key), but those keys' bindings run when they
        reach the app, behind: "h j h t" typed in one instant tagged the first passage. The
        app takes its messages in order, so ``aim`` runs after them; keys and pastes that
        reach the entry before then wait behind it too (a T's choices are its passage's tags)."""
        self._entry_aimed = False

        def aimed() -> None:
            self._entry_aimed = True
            aim()

        self.app.call_later(aimed)

    def _aim_tag(self) -> None:
        view = self.view
        span = self._passage(view)
        self._entry_target = (view.side, span, "")
        entry = self.tag_entry
        if entry is not None and entry.purpose == "tag":
            self.tag_entry = replace(entry, place=self._quoted_place(view.doc, span))

    def action_untag(self) -> None:
        if self._refused_read_only("tags"):
            return
        self._start_entry(TagEntry.start([], "untag"), (self.view.side, self.view.focus_point, ""))
        self._aim(self._aim_untag)

    def _aim_untag(self) -> None:
        entry = self.tag_entry
        if entry is None or entry.purpose != "untag":
            return  # left with Esc meanwhile
        view = self.view
        h = self._annotation_here(view)
        if h is not None and not h.tags and view.selection is None:  # a plain highlight inside a tagged one
            h = self.workspace.highlight_covering(view.doc, *view.cursor, tagged=True) or h
        if h is None or not h.tags:
            self.tag_entry = None
            self.say("No tagged highlight here: nothing to remove.")  # in the status line, where T's answer shows
        elif len(h.tags) == 1:  # nothing to choose: removed at once, and no entry
            self.tag_entry = None
            self._finish_untag(h.id, h.tags[0])
        else:
            self._entry_target = (view.side, (h.start, h.end), h.id)
            self.tag_entry = TagEntry.start(list(h.tags), "untag", self._quoted_place(view.doc, (h.start, h.end)))

    def _start_entry(self, entry: TagEntry, target: tuple[str, Span, str]) -> None:
        """Type the tag in the bottom lines; the focus stays where it is (see tag_entry.py)."""
        if isinstance(self.focused, Input):  # the filter would take the letters
            self.set_focus(self.view)
        self._entry_target = target
        self.tag_entry = entry

    def watch_tag_entry(self) -> None:
        self._refresh_status()

    def on_key(self, event: Key) -> None:
        """While a tag is typed, every key goes to it: none reaches the article's bindings.

        The keys that start typing a tag (``t``, ``T``) act here, as they pass, and not as
        bindings: a binding runs once its key has bubbled up to the app, and keys typed in
        the same instant (``t c l a Enter``, or pasted) are on their way up behind it. They
        must reach the entry, not link (``l``) or open a panel (``a``)."""
        entry = self.tag_entry
        if entry is None:
            opens = self._entry_keys.get(event.key)
            if opens is not None and not isinstance(self.focused, Input):
                event.stop()
                event.prevent_default()
                self.action_tag() if opens == "tag" else self.action_untag()
            return
        event.stop()
        event.prevent_default()
        if not self._entry_aimed:
            # the entry's passage is not read yet: this key waits behind it (see _aim)
            self.app.call_later(self._held_key, event.key, event.character)
            return
        self._entry_key(entry, event.key, event.is_printable, event.character)

    def _held_key(self, key: str, character: str | None) -> None:
        """A key typed after t or T, once their passage is read: into the entry, or, when T
        needed none (the passage had one tag, or none), to the article as if typed then."""
        entry = self.tag_entry
        if entry is not None:
            self._entry_key(entry, key, bool(character and character.isprintable()), character)
        else:  # through the app, as the terminal sends keys, so that bindings see it
            self.app.post_message(Key(key, character))

    def _entry_key(self, entry: TagEntry, key: str, printable: bool, character: str | None) -> None:
        if key == "escape":
            self.tag_entry = None
        elif key == "enter":
            tag = entry.choice()
            if tag is not None:  # else "not a tag name": the entry stays, to be corrected
                self.tag_entry = None
                self._finish_entry(entry.purpose, tag)
        elif key in ("tab", "down"):
            self.tag_entry = entry.moved(1)
        elif key in ("shift+tab", "up"):
            self.tag_entry = entry.moved(-1)
        elif key in ("backspace", "ctrl+h"):
            self.tag_entry = entry.erased()
        elif key in ("ctrl+u", "ctrl+w"):
            self.tag_entry = entry.erased(everything=True)
        elif printable and character:
            self.tag_entry = entry.typed(character)

    def on_paste(self, event: Paste) -> None:
        if self.tag_entry is not None:
            event.stop()
            if self._entry_aimed:
                self._paste_into_entry(event.text)
            else:  # behind the entry's passage, as keys are (see _aim)
                self.app.call_later(self._paste_into_entry, event.text)

    def _paste_into_entry(self, text: str) -> None:
        if self.tag_entry is not None:  # else T needed no entry: nothing to paste into
            self.tag_entry = self.tag_entry.typed(text)

    def _finish_entry(self, purpose: str, tag: str) -> None:
        side, span, ann_id = self._entry_target
        if purpose == "untag":
            self._finish_untag(ann_id, tag)
            return
        view = self.view_on(side)
        if view.focus_point == span:
            view.take_focus_point()  # a selection tagged ends, as h ends it
        if self._guard(self.workspace.add_tag, view.doc, span, tag) is not None:
            self.say(f"Tagged #{tag}.")

    def _finish_untag(self, ann_id: str, tag: str) -> None:
        if self._guard(self.workspace.remove_tag, ann_id, tag) is not None:
            self.say(f"Removed #{tag}.")

    def _annotation_here(self, view: ArticleView) -> Any:
        if view.selection is None:
            part = self.workspace.passage_at(view.doc, view.cursor)
            if part != view.cursor:  # a longer highlight, or the one part highlighted in the sentence
                return self.workspace.highlight_at(view.doc, *part)
        s, e = view.focus_point
        return self.workspace.highlight_at(view.doc, s, e if view.selection else None)

    def action_note(self) -> None:
        from reader.tui.dialogs.note_editor import NoteEditor

        if self._refused_read_only("notes"):
            return
        view = self.view
        h = self._annotation_here(view)
        span = view.focus_point if h is None else (h.start, h.end)
        quote = view.doc.text[span[0]:span[1]]
        note = h.ann.get("note", "") if h else ""
        doc_key = view.doc.key
        recovered = self.drafts.load(doc_key, span[0], span[1], text=quote)
        if recovered is not None and (recovered.start, recovered.end) != span:  # its words, moved since: kept here now
            self.drafts.save(Draft(doc_key, span[0], span[1], recovered.text, short(quote, 12), quote))
            self.drafts.clear(doc_key, recovered.start, recovered.end)
        editor = NoteEditor(plain(short(quote, 30)), note, recovered.text if recovered is not None else None)
        editor.keep_draft = keep = lambda text: self.drafts.save(Draft(doc_key, span[0], span[1], text,
                                                                        short(quote, 12), quote))

        def done(text: str | None) -> None:
            if text is None:  # discarded (a changed note is discarded only when the user confirms)
                self.drafts.clear(doc_key, *span)
                return
            ann = h.ann if h else self._guard(self.workspace.highlight, view.doc, *span)
            if ann is not None and text != note:
                keep(text)  # the whole note, until it is on disk
            if ann is not None and self._guard(self.workspace.set_note, ann["id"], text) is not None:
                # The draft goes only once the note is on disk: a save that fails (a full disk)
                # is rolled back, and the draft is what is left of the note.
                self.workspace.store.when_saved(lambda ok: self.drafts.clear(doc_key, *span) if ok else None)
                self.say("Note saved.")
            view.selection = None

        self.app.push_screen(editor, done)

    def action_undo(self) -> None:
        label = self._guard(self.workspace.store.undo)
        self.say(f"Undid: {label}." if label else "Nothing to undo.")

    def action_redo(self) -> None:
        label = self._guard(self.workspace.store.redo)
        self.say(f"Redid: {label}." if label else "Nothing to redo.")

    # --- panels ---------------------------------------------------------------------------------------
    def _panel(self, which: str) -> Any:
        """The side panel ``which``, mounted on first use (keeps start-up light)."""
        panel: Widget | None = self._panels.get(which)
        if panel is not None:
            return panel
        names = (self.workspace.docs[0].name, self.workspace.docs[1].name)
        if which == "annotations":
            from reader.tui.widgets.annotations_panel import AnnotationsPanel

            panel = AnnotationsPanel(self.workspace, self.tag_styles, id=which)
        else:
            from reader.tui.widgets.suggestions_panel import SuggestionsPanel

            panel = SuggestionsPanel(names, answers=(which == "answers"), id=which)
        self.query_one("#side").mount(panel)
        self._panels[which] = panel
        return panel

    def _open_panel(self, which: str) -> Any:
        side = self.query_one("#side")
        panel = self._panel(which)
        if not self.panel:  # the side panel opens where notices show: the panel's rows come first
            self.app.clear_notifications()
        if which in ("suggestions", "answers") and self.panel not in ("suggestions", "answers"):
            # previews move both articles; Esc brings them back to where you were reading
            self._reading_at = [(v.doc, v.reading_place()) for v in self.views]
        for child in side.children:
            child.display = child is panel
        side.add_class("shown")
        self.panel = which
        self._refresh_status()
        return panel

    def _close_panel(self, back: bool = True) -> None:
        """Close the side panel; after previews, ``back`` returns both articles to where you
        were reading when it opened (Esc); Enter on a candidate goes there instead."""
        side = self.query_one("#side")
        reading_at, self._reading_at = self._reading_at, []
        if back and self.panel in ("suggestions", "answers"):
            # by text, not rows: the panes widen as the panel goes
            for v, (doc, place) in zip(self.views, reading_at, strict=False):
                if v.doc is doc:  # (not if the article was replaced meanwhile)
                    v.go_to_place(place)
        if self.panel == "annotations":
            self._panel("annotations").reset()
        side.remove_class("shown")
        for child in side.children:
            child.display = False
        self.panel = ""
        self.set_focus(self.view)
        self._refresh_status()

    @on(PanelClosed)
    def _panel_closed(self) -> None:
        self._close_panel()

    def action_annotations(self) -> None:
        view = self.view
        here = self._annotation_here(view)  # the list opens on it, else on what follows the cursor
        ann_id = here.id if here is not None else None
        if self.panel == "annotations":
            panel = self._panel("annotations")
            if panel.has_focus_within:
                self._close_panel()
            else:  # open beside the article after Enter: a goes back into it, at the cursor's passage
                if panel.doc is view.doc:
                    panel.select_at(view.cursor[0], ann_id)
                panel.query_one("#ann-filter").focus()
            return
        panel = self._open_panel("annotations")

        def ready() -> None:
            panel.show_for(view.doc, view.cursor[0], ann_id)
            panel.query_one("#ann-filter").focus()

        self.call_after_refresh(ready)

    @on(JumpRequested)
    def _jump(self, event: JumpRequested) -> None:
        self.jump_to_annotation(event.ann_id)

    def jump_to_annotation(self, ann_id: str) -> None:
        ann = self.workspace.store.annotation(ann_id)
        if ann is None:
            return
        a = self.workspace.anchor_of(ann_id)
        view = self.view_for(ann["doc"])
        if view is None or a.is_orphan:
            self.notify("That passage is not in the open articles' current text.", severity="warning")
            return
        view.move_to((a.start, a.end), centre=True)
        self.set_focus(view)

    @on(DeleteRequested)
    def _delete(self, event: DeleteRequested) -> None:
        what = self._described(event.ann_id)
        if self._guard(self.workspace.store.delete_annotation, event.ann_id) is not None or \
                self.workspace.store.annotation(event.ann_id) is None:
            undo = first_key('undo', self.keymap)
            # typing in the filter, u is a letter: say how to reach the key that undoes
            self.say(f"Deleted {what} (Esc, then {undo} undoes it)." if isinstance(self.focused, Input)
                     else f"Deleted {what} ({undo} undoes it).")

    def _described(self, ann_id: str) -> str:
        """An annotation as a deletion names it: '#claim ¶4.5 “The principles, therefore …”
        (its note and 1 link)'. A bare "Deleted" hid that another row than meant had gone."""
        ws = self.workspace
        ann = ws.store.annotation(ann_id)
        doc = ws.doc(ann["doc"]) if ann else None
        if ann is None or doc is None:
            return "the annotation"
        a = ws.anchor_of(ann_id)
        tags = " ".join(f"#{t}" for t in ann.get("tags", []))
        place = "(orphan)" if a.is_orphan else "\u00b6{}.{}".format(*doc.location(a.start))
        quote = plain(short(ws.quote(ann), 5))
        links = ws.store.link_count(ann_id)
        held = [x for x in ("its note" if ann.get("note", "").strip() else "",
                            f"{links} link{'s' if links != 1 else ''}" if links else "") if x]
        return " ".join(x for x in (tags, place, f"\u201c{quote}\u201d") if x) + \
            (f" ({' and '.join(held)})" if held else "")

    # --- linking ------------------------------------------------------------------------------------
    def action_link(self) -> None:
        if self._refused_read_only("links"):
            return
        view = self.view
        span = self._passage(view, take=True)
        draft = self.link_draft
        if draft is None:
            self.link_draft = LinkDraft(view.side, span)
            # At once, not deferred as focus() is: keys typed right after l must act on
            # the pane the reader sees as focused (a queued Tab or l raced the move before).
            self.set_focus(self.other(view))
            # the status line's mode already says "LINK name ¶N.S → ?": the message fits beside it at 80 columns
            self.say(f"Now {first_key('link', self.keymap)} on its answer ({first_key('swap_link', self.keymap)} swaps)")
            return
        if draft.side == view.side and draft.span == span:
            self.notify("That is the passage already marked: move to another one.", severity="warning")
            return
        first_view = self.view_on(draft.side)
        first = (first_view.doc, draft.span)
        second = (view.doc, span)
        source, target = (first, second) if draft.swapped else (second, first)

        def done(choice: LinkChoice | None) -> None:
            if choice is None:
                self.notify("Not linked; the first passage stays marked (Esc abandons).", timeout=3)
                return
            src, dst = (target, source) if choice.swapped else (source, target)
            known = self.workspace.is_linked(src, dst, choice.relation)
            was = self.workspace.relations_between(src, dst)
            rec = self._guard(self.workspace.link, src, dst, choice.relation, choice.note)
            if rec is not None:
                self.link_draft = None
                self.say(f"{_linked_word(was, choice.relation, known)}: {src[0].name} {self._place(*src)} "
                         f"{choice.relation} {dst[0].name} {self._place(*dst)}"
                         f"{' (the note is added to it)' if known and choice.note else ''}.")

        from reader.tui.dialogs.relation_picker import RelationPicker

        self.app.push_screen(RelationPicker(self._end(*source), self._end(*target),
                                            current=self.workspace.relations_between(source, target)), done)

    def action_swap_link(self) -> None:
        draft = self.link_draft
        if draft is None:
            return
        self.link_draft = replace(draft, swapped=not draft.swapped)
        first = self.view_on(draft.side)
        where = f"{first.doc.name} {self._place(first.doc, draft.span)}"
        self.notify(f"{where} will be the answer (the link's source)." if not draft.swapped
                    else f"{where} will be the claim (the link's target).", timeout=3)

    def action_abandon_link(self) -> None:
        if self.link_draft is None and self.panel:
            # Esc in an article closes the side panel left beside it; where you moved stays
            self._close_panel(back=False)
            return
        if self.link_draft is not None:
            self.link_draft = None
            self.say(f"Link abandoned ({first_key('link', self.keymap)} on a passage starts one again).")

    def _with_partner(self, question: str, then: Callable[[Partner], None]) -> None:
        """Call ``then(partner)`` for the linked passage here; ask if there are several."""
        partners = self._partners_here(self.view)
        if not partners:
            # in the status line, where the answer to a key is read (a toast went unseen)
            self.say(f"No link on this passage ({first_key('link', self.keymap)} starts one).")
        elif len(partners) == 1:
            then(partners[0])
        else:
            from reader.tui.dialogs.choice_list import ChoiceList

            items = [f"{p.verb}: {short(self.workspace.quote(p.other), 14)}" for p in partners]
            self.app.push_screen(ChoiceList(question, items),
                                 lambda i: None if i is None else then(partners[i]))

    def action_jump_partner(self) -> None:
        view = self.view
        partners = self._partners_here(view)
        h = self._annotation_here(view)

        def go(p: Partner) -> None:
            target = self.view_for(p.other["doc"])
            if target is None or p.anchor.is_orphan:
                self.say(f"That passage is not in the text open here ({short_name(p.other['doc'])}).")
                return
            target.move_to((p.anchor.start, p.anchor.end), centre=True)
            self.set_focus(target)
            # the link as a sentence, as the picker writes it: the status had said only "right: name"
            here = f"{view.doc.name} \u00b6{'{}.{}'.format(*view.doc.location(h.start if h else view.cursor[0]))}"
            there = f"{target.doc.name} \u00b6{'{}.{}'.format(*target.doc.location(p.anchor.start))}"
            rel = p.link["relation"]
            which = f" ({partners.index(p) + 1} of {len(partners)})" if len(partners) > 1 and p in partners else ""
            self.say(plain((f"{here} {rel} {there}" if p.outgoing else f"{there} {rel} {here}") + which))

        self._with_partner("Go to which linked passage?", go)

    def action_unlink(self) -> None:
        def remove(p: Partner) -> None:
            if self._guard(self.workspace.store.delete_link, p.link["id"]) is not None or \
                    p.link["id"] not in self.workspace.store.records["links"]:
                self.say(f"Link removed ({p.link['relation']}); {first_key('undo', self.keymap)} brings it back.")

        self._with_partner("Remove which link?", remove)

    def action_next_link(self, step: int) -> None:
        view = self.view
        store = self.workspace.store
        cs = view.cursor[0]
        hls = self.workspace.highlights(view.doc)
        ahead = (h for h in hls if h.start > cs) if step > 0 else (h for h in reversed(hls) if h.start < cs)
        for h in ahead:
            if store.link_count(h.id):
                view.move_to((h.start, h.end))
                return
        self.say("No more linked passages that way.")

    def action_toggle_follow(self) -> None:
        self.follow = not self.follow
        for v in self.views:  # off: no partner is emphasised either
            v.partners = ()
        self._update_partners(self.view)
        self.say(f"Follow links: {'on' if self.follow else 'off'}.")

    def action_dispute(self) -> None:
        from reader.core.services.snapshot import capture

        self._progress = "building the dispute map\u2026"
        self._refresh_status()
        self._dispute_worker(capture(self.workspace), {d.key: d.name for d in self.workspace.docs})

    @work(thread=True, exclusive=True, exit_on_error=False, group="dispute", description="building the dispute map")
    def _dispute_worker(self, taken: Any, names: dict[str, str]) -> None:
        from reader.core.services.dispute import build_dispute_map
        from reader.core.services.snapshot import WorkspaceSnapshot

        dm = build_dispute_map(WorkspaceSnapshot(taken))
        claims = dm.ordered()  # the rows themselves are drawn as they scroll into view
        if not get_current_worker().is_cancelled:
            self.post_message(DisputeReady(dm, claims))

    @on(DisputeReady)
    def _dispute_ready(self, event: DisputeReady) -> None:
        from reader.tui.screens.dispute import DisputeScreen

        self._progress = ""
        self._refresh_status()
        if self.app.screen is not self or getattr(self.app, "finishing", False):
            return  # another screen opened meanwhile (or the reader is leaving)

        def done(ann_id: str | None) -> None:
            if ann_id:
                self.jump_to_annotation(ann_id)

        names = {d.key: d.name for d in self.workspace.docs}
        self.app.push_screen(DisputeScreen(event.dispute, names, event.claims), done)

    # --- suggestions and answers ---------------------------------------------------------------------
    def _pair_key(self) -> tuple[str, str]:
        left, right = self.workspace.docs[0], self.workspace.docs[1]
        return left.fingerprint, right.fingerprint

    def action_suggestions(self) -> None:
        if self.panel == "suggestions":
            self._close_panel()
            return
        self._open_panel("suggestions")
        self._refresh_suggestions()

    def _refresh_suggestions(self) -> None:
        self._progress = "finding suggestions\u2026"
        self._refresh_status()
        ws = self.workspace
        left, right = ws.docs[0], ws.docs[1]
        self._suggest_worker(left, right, frozenset(ws.store.rejected()), frozenset(ws.linked_pairs(left, right)),
                             self._engines.get(self._pair_key()))

    @work(thread=True, exclusive=True, exit_on_error=False, group="suggest", description="finding suggestions")
    def _suggest_worker(self, left: Document, right: Document, rejected: frozenset[str],
                        linked: frozenset[tuple[Span, Span]], engine: Any) -> None:
        worker = get_current_worker()
        engine = engine or self._build_engine(left, right)

        def progress(done: int, total: int) -> None:
            self.post_message(Progress("finding suggestions", done, total))

        result = engine.suggest(top=60, rejected=set(rejected), linked=set(linked), progress=progress,
                                cancelled=lambda: worker.is_cancelled)
        if not worker.is_cancelled:
            self.post_message(SuggestionsReady(result, (left.fingerprint, right.fingerprint), engine))

    def _build_engine(self, left: Document, right: Document) -> Any:
        """On a worker's thread: the suggestion engine for this pair (immutable once built)."""
        from reader.core.suggest.engine import Engine

        self.post_message(Progress("reading both articles", 0, 1))
        return Engine(left, right)

    @on(SuggestionsReady)
    def _suggestions_ready(self, event: SuggestionsReady) -> None:
        self._progress = ""
        self._engines[event.key] = event.engine
        self._refresh_status()
        if self.panel != "suggestions":
            return
        panel = self._panel("suggestions")
        panel.load(event.suggestions)
        panel.query_one("SuggestionList").focus()
        if not event.suggestions:
            ws = self.workspace
            if ws.linked_pairs(*ws.docs[:2]) or ws.store.rejected():
                self.notify("No suggestions: every likely pair is linked or rejected.", timeout=4)
            else:
                self.notify(f"No suggestions: the two articles share too little. "
                            f"{first_key('answers', self.keymap)} on a passage still lists its closest candidates.",
                            timeout=6)

    def action_answers(self) -> None:
        view = self.view
        span = self._passage(view)  # inside a longer highlight: what answers the highlight
        self._open_panel("answers")
        self._progress = "looking for answers\u2026"
        self._refresh_status()
        ws = self.workspace
        left, right = ws.docs[0], ws.docs[1]
        self._answers_worker(left, right, view.side, span, frozenset(ws.linked_pairs(left, right)),
                             frozenset(ws.store.rejected()), self._engines.get(self._pair_key()))

    @work(thread=True, exclusive=True, exit_on_error=False, group="answers", description="looking for answers")
    def _answers_worker(self, left: Document, right: Document, side: str, span: Span,
                        linked: frozenset[tuple[Span, Span]], rejected: frozenset[str], engine: Any) -> None:
        engine = engine or self._build_engine(left, right)
        found = engine.answers_for(side, span, k=8, rejected=rejected, linked=linked)
        if not get_current_worker().is_cancelled:
            self.post_message(AnswersReady(found, side, span, engine, (left.fingerprint, right.fingerprint)))

    @on(AnswersReady)
    def _answers_ready(self, event: AnswersReady) -> None:
        self._progress = ""
        self._engines[event.key] = event.engine
        self._refresh_status()
        if self.panel != "answers":
            return
        panel = self._panel("answers")
        view = self.view_on(event.side)
        panel.load(event.candidates, title=f"What answers {view.doc.name} {self._place(view.doc, event.span)}?",
                   asked=event.side)
        panel.query_one("SuggestionList").focus()

    @on(SuggestionPreviewed)
    def _preview(self, event: SuggestionPreviewed) -> None:
        s = event.suggestion
        for view, unit in ((self.views[0], s.left), (self.views[1], s.right)):
            view.move_to(unit.span, centre=True)
        if event.go:
            self._close_panel(back=False)

    @on(SuggestionDecided)
    def _decided(self, event: SuggestionDecided) -> None:
        s = event.suggestion
        ws = self.workspace
        panel = self._panel(self.panel) if self.panel in ("suggestions", "answers") else None
        if self._refused_read_only("links" if event.accept else "rejections"):  # before the picker opens
            return
        if event.accept:
            # a suggested sentence inside a highlight already drawn is linked as that highlight
            src = (s.source.doc, ws.passage_at(s.source.doc, s.source.span))
            dst = (s.target.doc, ws.passage_at(s.target.doc, s.target.span))
            if event.choose:  # the relation the reader chooses, the engine's guess offered
                from reader.tui.dialogs.relation_picker import RelationPicker

                def chosen(choice: LinkChoice | None) -> None:
                    if choice is not None:
                        a, b = (dst, src) if choice.swapped else (src, dst)
                        self._link_suggested(s, a, b, choice.relation, choice.note, panel)

                self.app.push_screen(RelationPicker(self._end(*src), self._end(*dst), guess=s.relation,
                                                    current=ws.relations_between(src, dst)), chosen)
                return
            self._link_suggested(s, src, dst, s.relation, "", panel)
            return
        else:
            if self._guard(ws.store.reject, s.key) is None and s.key not in ws.store.rejected():
                return
            self.say("Rejected; it will not be suggested again.")
        if panel is not None:
            panel.drop(s)

    def _link_suggested(self, s: Any, src: tuple[Document, Span], dst: tuple[Document, Span], relation: str,
                        note: str, panel: Any) -> None:
        was = self.workspace.relations_between(src, dst)
        if self._guard(self.workspace.link, src, dst, relation, note) is None:
            return
        self.say(f"{_linked_word(was, relation, False)}: {src[0].name} {self._place(*src)} {relation} "
                 f"{dst[0].name} {self._place(*dst)}.")
        if panel is not None:
            panel.drop(s)

    # --- export and copy ---------------------------------------------------------------------------
    def default_export_path(self) -> str:
        """LEFT--RIGHT.md where the reader started; another name if that file holds the notes
        of another pair named alike (a new user's Lochner notes were replaced by Lincoln's)."""
        from reader.core.export.markdown import articles_id, free_notes_path

        left, right = self.workspace.docs[0], self.workspace.docs[1]
        path = os.path.join(self.export_dir, f"{_file_part(left.name)}--{_file_part(right.name)}.md")
        return free_notes_path(path, articles_id([d.key for d in self.workspace.docs]))

    def action_export(self) -> None:
        from reader.core.export.formats import protected_paths
        from reader.core.export.markdown import articles_id
        from reader.core.services.snapshot import capture
        from reader.tui.dialogs.export_dialog import ExportDialog, ExportRequest

        def done(req: ExportRequest | None) -> None:
            if req is not None:
                # said at once: at 100,000 annotations an export takes seconds (a trial saw
                # nothing for 2.8 s)
                self.say("Copying the notes\u2026" if req.copy else "Exporting\u2026")
                self._export_worker(capture(self.workspace), req, protected_paths(self.workspace),
                                    articles_id([d.key for d in self.workspace.docs]))

        self.app.push_screen(ExportDialog(self.default_export_path()), done)

    @work(thread=True, exclusive=True, exit_on_error=False, group="export", description="exporting")
    def _export_worker(self, taken: Any, req: Any, protected: Any, articles: str) -> None:
        from reader.core.export.formats import render, write_export
        from reader.core.services.snapshot import WorkspaceSnapshot

        exports = cast(Any, self.app).exports
        key = id(get_current_worker())
        exports[key] = "the clipboard" if req.copy else req.path
        try:
            text = render(WorkspaceSnapshot(taken), req.format, tags=req.tags, notes=req.notes, dispute=req.dispute)
            if req.copy:
                self._copy(text)
                return
            from reader.core.export.markdown import made_for_others

            others = req.format == "md" and made_for_others(req.path, articles)
            path = write_export(req.path, text, req.format, protected, articles)
        finally:
            exports.pop(key, None)
        # The file's name, then its folder after a space: a toast folds a long path mid-word.
        folder, name = os.path.split(os.path.abspath(path))
        self.post_message(WorkDone(f"Exported to {name} (in {folder})" + (
            ". It held the notes of other articles: replaced; your own text outside the markers stays."
            if others else "."), timeout=8 if others else 5, status=f"Exported to {name}."))

    def action_copy(self) -> None:
        from reader.core.services.snapshot import capture

        view = self.view
        if view.selection is not None:
            text = citation(view.doc, view.selection.span)
            view.action_cancel()
            self._copy_worker(text)
        else:
            self.say("Copying the notes\u2026")
            self._copy_markdown_worker(capture(self.workspace))

    @work(thread=True, exclusive=True, exit_on_error=False, group="clipboard", description="copying")
    def _copy_worker(self, text: str) -> None:
        self._copy(text)

    @work(thread=True, exclusive=True, exit_on_error=False, group="clipboard", description="copying")
    def _copy_markdown_worker(self, taken: Any) -> None:
        from reader.core.export.formats import render
        from reader.core.services.snapshot import WorkspaceSnapshot

        self._copy(render(WorkspaceSnapshot(taken), "md"))

    def _copy(self, text: str) -> None:
        """On a worker's thread: the one clipboard chain; the terminal's part runs on the loop."""
        from reader.core.services.clipboard import copy

        app = self.app

        def osc52(_sequence: str) -> bool:
            if app.is_headless:
                return False
            app.call_from_thread(app.copy_to_clipboard, text)
            return True

        message = copy(text, osc52).message
        self.post_message(WorkDone(message, timeout=4, status=message.split(". ")[0].rstrip(".") + "."))

    @on(WorkDone)
    def _work_done(self, event: WorkDone) -> None:
        self.notify(event.text, severity=event.severity, timeout=event.timeout)  # type: ignore[arg-type]
        if event.status:
            self.say(event.status)  # the status line keeps it: a user found "Nothing to redo." there

    # --- silent edits: refresh from the source, switch versions ---------------------------------------
    def action_refresh(self) -> None:
        view = self.view
        doc = view.doc
        from reader.core.sources.articles import SHIPPED
        from reader.core.sources.loader import refreshable

        source = doc.meta.get("url") or doc.meta.get("source") or (
            doc.key if doc.key in SHIPPED else doc.path or doc.key)
        if not doc.meta.get("url"):
            try:  # a text file or a shipped article: said by its name, not a path (4 KB read at most)
                refreshable(source)
            except ReaderError as error:
                said = str(error).replace(source, doc.name, 1)
                self.notify(said, severity="warning", timeout=6)  # whole, where the status line is cut
                self.say(said)
                return
        targets = {a["id"]: a["target"] for a in self.workspace.store.annotations_of(doc.key)}
        self._progress = f"refreshing {doc.name}\u2026"
        self._refresh_status()
        self._refresh_worker(view.side, source, doc, targets)

    @work(thread=True, exclusive=True, exit_on_error=False, group="refresh", description="refreshing")
    def _refresh_worker(self, side: str, source: str, shown: Document, targets: dict[str, Any]) -> None:
        from reader.core.sources.refresh import annotation_effects, compare, refresh

        result = refresh(source)
        result.new_doc.prepare_for_view()
        effects: list[Any] = []
        if result.new_doc.fingerprint != shown.fingerprint:
            # Compare with the version on screen, whatever the store kept before it.
            result.old_doc = shown
            result.changes = compare(shown, result.new_doc)
            effects = annotation_effects(shown, result.new_doc, targets, result.changes)
        self.post_message(RefreshReady(side, result, effects))

    @on(RefreshReady)
    def _refreshed(self, event: RefreshReady) -> None:
        from reader.tui.screens.changes import ChangesScreen

        self._progress = ""
        self._refresh_status()
        result = event.result
        view = self.view_on(event.side)
        if result.new_doc.fingerprint == view.doc.fingerprint:
            self.say(f"{view.doc.name}: {result.summary}")
            return

        def done(switch: bool | None) -> None:
            if switch:
                self._show_version(view, result.new_doc)

        self.app.push_screen(ChangesScreen(result, event.effects, view.doc.name), done)

    def action_versions(self) -> None:
        view = self.view
        if not view.doc.meta.get("snapshot"):
            self._versions_listed(VersionsListed(view.side, view.doc.key, []))
            return
        # every kept copy is read and checked: off the event loop (a page's versions run to MBs)
        self._progress = f"reading the versions of {view.doc.name}\u2026"
        self._refresh_status()
        self._versions_worker(view.side, view.doc.key)

    @work(thread=True, exclusive=True, exit_on_error=False, group="versions", description="reading versions")
    def _versions_worker(self, side: str, key: str) -> None:
        from reader.core.sources import snapshots

        self.post_message(VersionsListed(side, key, snapshots.versions(key)))

    @on(VersionsListed)
    def _versions_listed(self, event: VersionsListed) -> None:
        from reader.tui.dialogs.choice_list import ChoiceList

        self._progress = ""
        self._refresh_status()
        view = self.view_on(event.side)
        if view.doc.key != event.key:
            return
        kept = event.versions
        if len(kept) < 2:
            # a text or Markdown file keeps no versions: it is read afresh each time (R would
            # say so too; a user read "R fetches or reads it again" here, then R refused)
            self.say(f"{view.doc.name}: one version only (R fetches or reads it again)" if view.doc.meta.get("snapshot")
                     else f"{view.doc.name}: a text file keeps no versions.")
            return
        current = view.doc.meta.get("version", "")
        items = [f"version {s.version}, {s.fetched}" + (" (shown)" if str(s.version) == current else "") for s in kept]

        def chosen(i: int | None) -> None:
            if i is not None and str(kept[i].version) != current:
                self._progress = f"opening version {kept[i].version}\u2026"
                self._refresh_status()
                self._version_worker(event.side, kept[i])

        self.app.push_screen(ChoiceList(f"Which version of {view.doc.name}?", items), chosen)

    @work(thread=True, exclusive=True, exit_on_error=False, group="versions", description="opening a version")
    def _version_worker(self, side: str, snapshot: Any) -> None:
        doc = snapshot.document()
        doc.prepare_for_view()
        self.post_message(VersionReady(side, doc))

    @on(VersionReady)
    def _version_ready(self, event: VersionReady) -> None:
        self._progress = ""
        self._refresh_status()
        view = self.view_on(event.side)
        if view.doc.key == event.doc.key:
            self._show_version(view, event.doc)

    def _show_version(self, view: ArticleView, doc: Document) -> None:
        self.workspace.swap_document(doc)
        view.set_document(doc)
        self._headers[view.side].doc = doc
        self._headers[view.side].refresh()
        self._engines.clear()
        self.say(f"{doc.name}: showing version {doc.meta.get('version', '?')}")
        self.place_pending()

    # --- re-anchoring changed articles after the first paint ---------------------------------------
    def place_pending(self) -> None:
        jobs = self.workspace.pending_jobs()
        if jobs:
            self._progress = f"re-anchoring 0/{len(jobs)}"
            self._refresh_status()
            self._anchor_worker(jobs)

    @work(thread=True, exclusive=True, exit_on_error=False, group="anchor", description="re-anchoring")
    def _anchor_worker(self, jobs: list[AnchorJob]) -> None:
        worker = get_current_worker()
        def progress(done: int, total: int) -> None:
            self.post_message(Progress("re-anchoring", done, total))

        results = run_anchor_jobs(jobs, progress, lambda: worker.is_cancelled)
        self.post_message(AnchorsReady(results, jobs))

    @on(Progress)
    def _progressed(self, event: Progress) -> None:
        self._progress = f"{event.label} {event.done}/{event.total}" if event.done < event.total else ""
        self._refresh_status()

    @on(AnchorsReady)
    def _anchors_ready(self, event: AnchorsReady) -> None:
        self._progress = ""
        placed = self.workspace.apply_anchors(event.results)
        for v in self.views:
            v.annotations_changed()
        if self.panel == "annotations":
            self._panel("annotations").rebuild()
        from reader.tui.run import change_notice

        for change in self.workspace.changes:
            self.notify(change_notice(change), timeout=8)
        self._refresh_status()
        _ = placed

    # --- one handler for every worker's failure ------------------------------------------------------
    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state != WorkerState.ERROR:
            return
        error = event.worker.error
        what = event.worker.description or event.worker.name or "a task"
        self._progress = ""
        if isinstance(error, ReaderError):
            self.notify(str(error), severity="error", timeout=8)  # as written: it may start with a file name
            said = str(error)
        else:
            self.notify(f"{what} failed: {error!r}", severity="error", timeout=8)
            said = f"{what} failed: {type(error).__name__}"
        # in the status line too: it still said "Exporting…" after the export had failed
        self.say(f"Failed: {said}")
        self._refresh_status()


def _file_part(name: str) -> str:
    """An article's name as part of a file name: no folder separator, not hidden, and short
    enough that two of them fit the 255-byte limit (a 240-character page name made the
    export fail, "File name too long")."""
    name = name.replace("/", "-").replace(os.sep, "-").lstrip(".") or "article"
    while len(name.encode("utf-8", "surrogatepass")) > 100:
        name = name[:-1]
    return name.rstrip(" .-") or "article"


def _linked_word(was: tuple[str, ...], relation: str, known: bool) -> str:
    """How the status line begins after a link: "Linked", "Already linked", or, when the new
    link replaced the pair's other answer, "Relinked (was rebuts)" first, where a narrow
    status line does not cut it off."""
    from reader.core.store.relations import RELATIONS

    if known:
        return "Already linked"
    replaced = next((r for r in was if RELATIONS[r].is_answer and r != relation), "")
    if replaced and RELATIONS[relation].is_answer:
        return f"Relinked (was {replaced})"
    return "Linked"
