"""The export dialog: where, which format, and what to include.

Formats come from the one registry (``reader.core.export.formats``). Every field has a
border, so none looks like a label; Tab goes only to things on screen; each format's
radio button says its name in words, so they differ without colour.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.geometry import Region
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, RadioButton, RadioSet

from reader.core.export.formats import FORMATS


class FormatButton(RadioButton):
    """A radio button that shows its state in its shape, "(•)" or "( )", not only in colour."""

    @property
    def _button(self) -> Content:
        style = self.get_visual_style("toggle--button")
        return Content.assemble("(", ("\u2022" if self.value else " ", style), ")")


class PathInput(Input):
    """The file's path. On focus nothing is selected (see ``compose``) and the cursor, at the
    end of the path at first, is scrolled into sight: a path longer than the field showed its
    start, the cursor beyond the field's edge."""

    def on_focus(self) -> None:
        self.scroll_to_region(Region(self._cursor_offset, 0, width=1, height=1), force=True, animate=False)


@dataclass(frozen=True)
class ExportRequest:
    path: str
    format: str = "md"
    notes: bool = True
    dispute: bool = True
    tags: tuple[str, ...] = field(default_factory=tuple)
    copy: bool = False


class FormatSet(RadioSet):
    """The formats: Enter chooses the one under the cursor and exports, as the title says
    ("Enter exports"); Space only chooses. Enter had only chosen, so Argdown took 13 keys."""

    BINDINGS = [
        Binding("enter", "choose_and_export", "Export", show=False),
        Binding("space", "toggle_button", "Choose", show=False),
    ]

    def action_choose_and_export(self) -> None:
        chosen = self._nodes[self._selected] if self._selected is not None else self.pressed_button
        self.action_toggle_button()
        screen = self.screen
        if isinstance(screen, ExportDialog) and chosen is not None and chosen.id:
            screen.export(chosen.id[4:])  # named here: the set learns of the press by a message, later


class ExportDialog(ModalScreen[ExportRequest | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="export_cancel")]

    def __init__(self, default_path: str) -> None:
        super().__init__()
        self.default_path = default_path

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog wide", id="export-dialog", can_focus=False):
            yield Label("Export notes  (Enter exports \u00b7 Tab moves \u00b7 Esc cancels)", classes="dialog-title",
                        markup=False)
            yield Label("File", markup=False)
            # select_on_focus=False: Tab onto a field puts the cursor at the end of what it holds,
            # as a shell's line does, and selects nothing. A careful user edits the path (its
            # name, at the end, or its folder) far more often than replacing all of it, and
            # with the whole path selected the first key typed replaced it, silently under
            # NO_COLOR; ctrl+u clears the field when a new path is wanted.
            yield PathInput(self.default_path, id="export-path", select_on_focus=False)
            yield Label("Format", markup=False)
            with FormatSet(id="export-format", compact=True):
                for i, (key, fmt) in enumerate(FORMATS.items()):
                    yield FormatButton(f"{fmt.label} ({fmt.extension})", value=(i == 0), id=f"fmt-{key}", compact=True)
            yield Checkbox("Include notes", True, id="export-notes", compact=True)
            yield Checkbox("Include the dispute section (Markdown)", True, id="export-dispute", compact=True)
            yield Label("Only these tags (space-separated; empty for all)", markup=False)
            yield Input("", placeholder="claim denial", id="export-tags", select_on_focus=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Export", variant="primary", id="export-go", compact=True)
                yield Button("Copy", id="export-copy", compact=True)
                yield Button("Cancel", id="export-cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#export-go", Button).focus()

    def _format(self) -> str:
        pressed = self.query_one(RadioSet).pressed_button
        return pressed.id[4:] if pressed is not None and pressed.id else "md"

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        self._extension_for(self._format())

    def _extension_for(self, fmt: str) -> None:
        path_input = self.query_one("#export-path", Input)
        stem, dot, ext = path_input.value.rpartition(".")
        if dot and "/" not in ext:
            path_input.value = stem + FORMATS[fmt].extension

    def _request(self, copy: bool, fmt: str | None = None) -> ExportRequest:
        return ExportRequest(
            path=self.query_one("#export-path", Input).value.strip(),
            format=fmt or self._format(),
            notes=self.query_one("#export-notes", Checkbox).value,
            dispute=self.query_one("#export-dispute", Checkbox).value,
            tags=tuple(self.query_one("#export-tags", Input).value.split()),
            copy=copy,
        )

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "export-cancel":
            self.dismiss(None)
        else:
            self.dismiss(self._request(copy=event.button.id == "export-copy"))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.export()

    def export(self, fmt: str | None = None) -> None:
        if fmt is not None:
            self._extension_for(fmt)
        self.dismiss(self._request(copy=False, fmt=fmt))

    def action_cancel(self) -> None:
        self.dismiss(None)
