"""The annotations panel: the focused article's annotations in reading order, and orphans."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.events import Key
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from reader.core.snippets import short
from reader.core.quote_diff import ADDED, REMOVED, differs, word_diff
from reader.core.records import RELATION_SYMBOLS
from reader.core.textsafety import inert


def diff_text(a: str, b: str) -> Text:
    """A word diff as styled text: removed words struck through in red, added ones green."""
    out = Text()
    for kind, words in word_diff(a, b):
        style = "strike red" if kind == REMOVED else "bold green" if kind == ADDED else "dim"
        out.append(inert(words) + " ", style=style)
    return out


class AnnotationList(OptionList):
    BINDINGS = [
        Binding("j", "cursor_down", show=False),
        Binding("k", "cursor_up", show=False),
        Binding("d,delete", "delete", "Delete", id="panel_delete"),
    ]

    def action_delete(self) -> None:
        self.parent.delete_highlighted()


class AnnotationsPanel(Vertical):
    """Typing filters by tag or text; ↑↓ move; Enter jumps; Delete/ctrl+d (or d in the list) deletes."""

    BINDINGS = [Binding("escape", "app.annotations", "Close panel", id="panel_close")]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.view = None

    def compose(self) -> ComposeResult:
        yield Label("Annotations", id="ann-title")
        yield Input(placeholder="filter by tag or text", id="ann-filter")
        yield AnnotationList(id="ann-list")

    def show_for(self, view) -> None:
        self.view = view
        self.rebuild()

    def rebuild(self) -> None:
        if self.view is None:
            return
        app = self.app
        ws, doc = app.workspace, self.view.doc
        query = self.query_one("#ann-filter", Input).value.strip().lower()
        hls, orphans = ws.annotations_in_order(doc)
        lst = self.query_one("#ann-list", AnnotationList)
        keep = lst.highlighted_option.id if lst.highlighted_option else None
        lst.clear_options()
        opts = []

        def matches(ann: dict, quote: str) -> bool:
            if not query:
                return True
            hay = " ".join(ann.get("tags", [])) + " " + quote + " " + ann.get("note", "")
            return all(word in hay.lower() for word in query.split())

        for h in hls:
            quote = doc.text[h.start:h.end]
            if matches(h.ann, quote):
                opts.append(Option(self._row(h.ann, quote, doc.location(h.start)), id=f"a:{h.ann['id']}"))
        orphan_opts = [Option(self._row(a, ws.quote(a), None), id=f"o:{a['id']}") for a in orphans if matches(a, ws.quote(a))]
        if orphan_opts:
            opts.append(Option(Text("── Orphans (not found in the current text) ──", style="bold"), id="hdr", disabled=True))
            opts += orphan_opts
        lst.add_options(opts)
        self.query_one("#ann-title", Label).update(
            f"Annotations · {doc.name} · {len(hls)}" + (f" · {len(orphans)} orphans" if orphans else "")
        )
        ids = [o.id for o in opts]
        if keep in ids:
            lst.highlighted = ids.index(keep)
        elif opts and not opts[0].disabled:
            lst.highlighted = 0

    def _row(self, ann: dict, quote: str, loc) -> Text:
        app = self.app
        tags = ann.get("tags", [])
        colour = app.config.colour_of(tags[0] if tags else None)
        row = Text()
        row.append("\u25a0 ", style=colour)
        row.append((" ".join(f"#{t}" for t in tags) or "(highlight)") + " ", style="bold")
        if loc:
            row.append(f"\u00b6{loc[0]}.{loc[1]} ", style="dim")
        row.append(inert(short(quote, 10)))
        if ann.get("note"):
            row.append("\n   \u270e " + inert(short(ann["note"], 10)), style="italic")
        for link, other in app.workspace.partners(ann["id"]):
            other_quote = app.workspace.quote(other)
            row.append(f"\n   {RELATION_SYMBOLS.get(link['relation'], '*')} {link['relation']}: " + inert(short(other_quote, 8)), style="dim")
            if link.get("note"):
                row.append("\n     \u270e " + inert(short(link["note"], 10)), style="italic dim")
            if link["relation"] == "repeats" and differs(quote, other_quote):
                row.append("\n     wording differs: ")
                row.append_text(diff_text(quote, other_quote))
        return row

    def on_input_changed(self, event: Input.Changed) -> None:
        self.rebuild()

    def on_key(self, event: Key) -> None:
        lst = self.query_one("#ann-list", AnnotationList)
        if self.query_one("#ann-filter", Input).has_focus:
            if event.key in ("down", "up") and lst.option_count:
                lst.action_cursor_down() if event.key == "down" else lst.action_cursor_up()
                event.stop()
            elif event.key in ("ctrl+d", "delete"):
                self.delete_highlighted()
                event.stop()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self._jump(self.query_one("#ann-list", AnnotationList).highlighted_option)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self._jump(event.option)

    def _jump(self, option) -> None:
        if option is None or option.id == "hdr":
            return
        kind, ann_id = option.id.split(":", 1)
        if kind == "o":
            self.app.notify("This passage is an orphan: it is not in the article's current text.", severity="warning")
            return
        self.app.jump_to_annotation(ann_id)

    def delete_highlighted(self) -> None:
        option = self.query_one("#ann-list", AnnotationList).highlighted_option
        if option is not None and option.id != "hdr":
            self.app.delete_annotation(option.id.split(":", 1)[1])
