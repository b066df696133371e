"""The dispute map: every claim or allegation and what answers it; unanswered first.

Each claim is two lines of a ``VirtualList`` (the Line API): the claim, then what answers
it. So a map of 19,000 claims (a store of 100,000 annotations) opens as fast as one of ten:
as an ``OptionList`` it took 2.5 s to appear and then held the first key for 0.6 s.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label

from reader.core.services.dispute import Claim, DisputeMap
from reader.core.store.relations import RELATIONS, counted
from reader.core.text.safety import plain
from reader.core.text.snippets import short
from reader.tui.widgets.virtual_list import VirtualList


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def claim_lines(c: Claim, names: dict[str, str]) -> list[Text]:
    """A claim's two lines: where and what; then what answers it (the first answers, and how
    many more), or that nothing does yet."""
    first = Text()
    if not c.answered:
        first.append("UNANSWERED ", style="bold reverse")
    place = f"\u00b6{c.location[0]}.{c.location[1]}" if c.location else "orphan"
    first.append(plain(f"{names.get(c.doc_key, c.doc_key)} {place} "), style="dim")
    first.append(plain(short(c.quote, 16)))
    second = Text("   ")
    if not c.answers:
        second.append("no answer linked yet", style="dim italic")
    for i, a in enumerate(c.answers[:2]):
        rel = RELATIONS[a.relation]
        second.append(("  \u00b7  " if i else "") + f"{rel.symbol} {rel.passive}: ", style="bold")
        at = f" \u00b6{a.location[0]}.{a.location[1]}" if a.location else ""  # where, as the export says
        second.append(plain(f"{names.get(a.doc_key, a.doc_key)}{at}: {short(a.quote, 8)}"))
        if a.orphan:
            second.append(" (orphan: no longer in its article)", style="italic")
    if len(c.answers) > 2:
        second.append(f"  +{len(c.answers) - 2} more", style="dim")
    return [first, second]


class DisputeList(VirtualList):
    """The claims, drawn as they scroll into view."""


class DisputeScreen(ModalScreen[str | None]):
    """Returns the id of the annotation to jump to, or None."""

    BINDINGS = [Binding("escape,D,q", "close", "Close", id="dispute_close")]

    def __init__(self, dispute: DisputeMap, names: dict[str, str], claims: list[Claim] | None = None) -> None:
        super().__init__()
        self.dispute = dispute
        self.names = names
        # ordered in the worker that built the map (unanswered first); by index, since the
        # list's caches key on its items
        self.claims = claims if claims is not None else dispute.ordered()

    def compose(self) -> ComposeResult:
        dm = self.dispute
        counts = dm.by_relation()
        rels = counted(counts) or "no answers yet"
        with Vertical(classes="dialog wide", id="dispute"):
            yield Label("Dispute map", classes="dialog-title", markup=False)
            yield Label(
                f"{plural(len(dm.claims), 'claim')} \u00b7 {len(dm.answered)} answered \u00b7 "
                f"{len(dm.unanswered)} unanswered \u00b7 {rels}", id="dispute-counts", markup=False,
            )
            if self.claims:
                yield DisputeList(lambda i, _width: claim_lines(self.claims[i], self.names), id="dispute-list")
            else:
                yield Label("Tag passages #claim or #allegation (t) to see them here.", markup=False)
            yield Label("Enter: go to the passage  Esc: close", classes="dialog-help", markup=False)

    def on_mount(self) -> None:
        if self.claims:
            lst = self.query_one(DisputeList)
            self._fit()
            lst.set_items(range(len(self.claims)))
            lst.focus()

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        """The list as tall as its claims, up to 30 lines, and never taller than the dialog
        leaves room for (at 80×24 it ran under the screen's edge with the help line)."""
        if not self.claims:
            return
        counts = self.query_one("#dispute-counts", Label)
        inner = max(10, min(100, int(self.app.size.width * 0.95)) - 4)  # the dialog's text width
        lines = -(-len(str(counts.render())) // inner)  # the counts wrap to the dialog's width
        room = int(self.app.size.height * 0.9) - 6 - lines  # the dialog's border, title, counts, help line
        self.query_one(DisputeList).styles.height = max(2, min(30, 2 * len(self.claims), room - room % 2))

    @on(VirtualList.Selected, "#dispute-list")
    def _selected(self, event: VirtualList.Selected) -> None:
        self.dismiss(self.claims[event.index].ann["id"])

    def action_close(self) -> None:
        self.dismiss(None)
