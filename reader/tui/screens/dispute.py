"""The dispute map: every claim or allegation and what answers it; unanswered first."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from reader.core.services.dispute import DisputeMap
from reader.core.store.relations import RELATIONS
from reader.core.text.safety import plain
from reader.core.text.snippets import short


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def dispute_rows(dm: DisputeMap, names: dict[str, str]) -> list[Option]:
    """The map's rows, unanswered first. Pure: built in a worker, so a store of 100,000
    annotations (19,000 claims) never holds the keys while they are made."""
    opts = []
    for c in dm.ordered():
        row = Text()
        name = names.get(c.doc_key, c.doc_key)
        if not c.answered:
            row.append("UNANSWERED ", style="bold reverse")
        place = f"\u00b6{c.location[0]}.{c.location[1]}" if c.location else "orphan"
        row.append(plain(f"{name} {place} "), style="dim")
        row.append(plain(short(c.quote, 16)))
        for a in c.answers:
            row.append(f"\n   {RELATIONS[a.relation].symbol} {RELATIONS[a.relation].passive}: ", style="bold")
            row.append(plain(f"{names.get(a.doc_key, a.doc_key)}: {short(a.quote, 12)}"))
            if a.orphan:
                row.append(" (orphan: no longer in its article)", style="italic")
        opts.append(Option(row, id=c.ann["id"]))
    return opts


class DisputeScreen(ModalScreen[str | None]):
    """Returns the id of the annotation to jump to, or None."""

    BINDINGS = [Binding("escape,D,q", "close", "Close", id="dispute_close")]

    def __init__(self, dispute: DisputeMap, names: dict[str, str], rows: list[Option] | None = None) -> None:
        super().__init__()
        self.dispute = dispute
        self.names = names
        self.rows = rows

    def compose(self) -> ComposeResult:
        dm = self.dispute
        counts = dm.by_relation()
        rels = ", ".join(f"{counts[r]} {r}" for r in RELATIONS if counts.get(r)) or "no answers yet"
        opts = self.rows if self.rows is not None else dispute_rows(dm, self.names)
        with Vertical(classes="dialog wide", id="dispute"):
            yield Label("Dispute map", classes="dialog-title", markup=False)
            yield Label(
                f"{plural(len(dm.claims), 'claim')} \u00b7 {len(dm.answered)} answered \u00b7 "
                f"{len(dm.unanswered)} unanswered \u00b7 {rels}", id="dispute-counts", markup=False,
            )
            if opts:
                yield OptionList(*opts, id="dispute-list")
            else:
                yield Label("Tag passages #claim or #allegation (t) to see them here.", markup=False)
            yield Label("Enter: go to the passage  Esc: close", classes="dialog-help", markup=False)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_close(self) -> None:
        self.dismiss(None)
