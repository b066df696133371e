"""The export dialog: where, which format, and what to include."""

from __future__ import annotations

from dataclasses import dataclass, field

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, RadioButton, RadioSet

FORMATS = {"md": "Markdown", "w3c": "W3C Web Annotation (JSON)", "argdown": "Argdown"}
EXTENSIONS = {"md": ".md", "w3c": ".json", "argdown": ".argdown"}


@dataclass
class ExportRequest:
    path: str
    format: str = "md"
    notes: bool = True
    dispute: bool = True
    tags: list[str] = field(default_factory=list)
    copy: bool = False


class ExportDialog(ModalScreen[ExportRequest | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="export_cancel")]

    def __init__(self, default_path: str) -> None:
        super().__init__()
        self.default_path = default_path

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog wide", id="export-dialog"):
            yield Label("Export notes  (Enter exports; Tab moves; Esc cancels)", classes="dialog-title")
            yield Label("File")
            yield Input(self.default_path, id="export-path", compact=True)
            yield Label("Format")
            with RadioSet(id="export-format", compact=True):
                for i, (key, label) in enumerate(FORMATS.items()):
                    yield RadioButton(label, value=(i == 0), id=f"fmt-{key}", compact=True)
            yield Checkbox("Include notes", True, id="export-notes", compact=True)
            yield Checkbox("Include the dispute section", True, id="export-dispute", compact=True)
            yield Label("Only these tags (space-separated; empty for all)")
            yield Input("", placeholder="claim denial", id="export-tags", compact=True)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Export", variant="primary", id="export-go", compact=True)
                yield Button("Copy", id="export-copy", compact=True)
                yield Button("Cancel", id="export-cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#export-go", Button).focus()

    def _format(self) -> str:
        pressed = self.query_one(RadioSet).pressed_button
        return pressed.id[4:] if pressed is not None else "md"

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        path_input = self.query_one("#export-path", Input)
        stem, dot, _ext = path_input.value.rpartition(".")
        if dot and "/" not in _ext:
            path_input.value = stem + EXTENSIONS[self._format()]

    def _request(self, copy: bool) -> ExportRequest:
        return ExportRequest(
            path=self.query_one("#export-path", Input).value.strip(),
            format=self._format(),
            notes=self.query_one("#export-notes", Checkbox).value,
            dispute=self.query_one("#export-dispute", Checkbox).value,
            tags=self.query_one("#export-tags", Input).value.split(),
            copy=copy,
        )

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "export-cancel":
            self.dismiss(None)
        else:
            self.dismiss(self._request(copy=event.button.id == "export-copy"))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(self._request(copy=False))

    def action_cancel(self) -> None:
        self.dismiss(None)
