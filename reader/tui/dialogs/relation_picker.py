"""Pick a link's relation with one key, seeing the link in words first; x swaps direction.

The link reads "SOURCE <relation> TARGET": by default the passage marked second (the
answer) is the source and the one marked first (the claim) the target, e.g.
"mayor-rebuttal ¶5 rebuts ice-union-allegation ¶9". Tab reaches the optional note.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from reader.core.store.relations import RELATIONS
from reader.core.text.safety import plain


@dataclass(frozen=True)
class End:
    """One end of the link: its article's short name, its place and a short quote."""

    name: str
    place: str
    quote: str

    @property
    def label(self) -> str:
        return f"{self.name} {self.place}"


@dataclass(frozen=True)
class LinkChoice:
    relation: str
    note: str
    swapped: bool


class RelationPicker(ModalScreen[LinkChoice | None]):
    """Returns the relation, the note and whether the direction was swapped; None: not now."""

    AUTO_FOCUS = ""  # nothing focused: the relation keys work at once; Tab reaches the note

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "pick('')", "Cancel", id="relation_cancel"),
        Binding("x", "swap", "Swap direction", id="relation_swap"),
        Binding("enter", "pick_guess", "The guess", id="relation_guess", show=False),
        *(Binding(rel.key, f"pick('{name}')", name, id=f"relation_{name}") for name, rel in RELATIONS.items()),
    ]

    def __init__(self, source: End, target: End, swapped: bool = False, guess: str = "",
                 current: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.source, self.target = source, target
        self.swapped = swapped
        self.guess = guess if guess in RELATIONS else ""  # a suggestion's: Enter takes it
        self.current = tuple(r for r in current if r in RELATIONS)  # the pair's links now

    def _ends(self) -> tuple[End, End]:
        return (self.target, self.source) if self.swapped else (self.source, self.target)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="relation-dialog"):
            answer = next((r for r in self.current if RELATIONS[r].is_answer), "")
            title = "Link: which relation?" + (f" Guessed: {self.guess} (Enter)" if self.guess else "") + (
                f" Linked now: {', '.join(self.current)}" if self.current else "") + (
                f" ({'/'.join(r.key for r in RELATIONS.values() if r.is_answer)} replace {answer})"
                if answer else "")
            yield Label(title, classes="dialog-title", markup=False)
            yield Static(id="link-ends", markup=False)
            yield Static(id="link-options", markup=False)
            # select_on_focus=False: Tab back to the note must not select it, or the next key replaces it
            yield Input(placeholder="note on the link (optional): Tab, type, Enter; then the relation's key",
                        id="link-note", compact=True, select_on_focus=False)
            yield Label("x: swap the direction   Esc: not now (the first passage stays marked)",
                        classes="dialog-help", markup=False, id="link-help")

    def on_mount(self) -> None:
        self._show()

    def _show(self) -> None:
        src, dst = self._ends()
        ends = Text()
        ends.append("source: ", style="dim")
        ends.append(plain(f"{src.label} \u201c{src.quote}\u201d") + "\n")
        ends.append("target: ", style="dim")
        ends.append(plain(f"{dst.label} \u201c{dst.quote}\u201d"))
        self.query_one("#link-ends", Static).update(ends)
        opts = Text()
        for i, (name, rel) in enumerate(RELATIONS.items()):
            # the guess, which Enter takes, marked by its shape, not only named in the title
            opts.append("\u25b6" if name == self.guess else " ", style="bold")
            opts.append(f" {rel.key}  ", style="bold reverse")
            opts.append(plain(f" {src.label} {name} {dst.label}"), style="bold")
            opts.append(f"  ({rel.help})", style="dim")
            if i < len(RELATIONS) - 1:
                opts.append("\n")
        self.query_one("#link-options", Static).update(opts)

    def action_swap(self) -> None:
        self.swapped = not self.swapped
        self._show()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.set_focus(None)
        keys = " ".join(rel.key for rel in RELATIONS.values())
        self.query_one("#link-help", Label).update(
            f"Note kept. Now the relation's key ({keys}) makes the link; x swaps; Esc: not now")

    def action_pick_guess(self) -> None:
        if self.guess:
            self.action_pick(self.guess)

    def action_pick(self, name: str) -> None:
        if not name:
            self.dismiss(None)
        else:
            self.dismiss(LinkChoice(name, self.query_one("#link-note", Input).value.strip(), self.swapped))
