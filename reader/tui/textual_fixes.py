"""Fixes for Textual bugs met by users, applied once before the app runs (Textual 8.2).

Each is small, checks the shape it patches, and has a test that fails if Textual changes
under it (``tests/test_textual_fixes.py``, ``tests/test_paste_guard.py``):

- a paste is text, never keys (``paste_guard``);
- PageUp or PageDown in an option list with no lines laid out yet (the command palette
  at 10×3: ctrl+P, then PageDown) raised ``KeyError: 0`` and took the reader down;
- two Enters arriving together in the command palette (a double tap, key repeat) each
  dismissed it: the second popped the reading screen itself, and then "Can't pop screen"
  took the reader down (exit 70). A palette dismisses once.
"""

from __future__ import annotations

from typing import Any


def install() -> None:
    from reader.tui import paste_guard

    paste_guard.install()
    _guard_option_list_pages()
    _dismiss_palette_once()


def _dismiss_palette_once() -> None:
    from textual.command import CommandPalette

    dismiss = CommandPalette.dismiss
    if getattr(dismiss, "_reader_guarded", False):
        return

    def once(self: Any, result: Any = None) -> Any:
        if getattr(self, "_reader_dismissed", False) or self.app.screen is not self:
            return None  # already on its way out (or not on top): a second Enter does nothing
        self._reader_dismissed = True
        return dismiss(self, result)

    once._reader_guarded = True  # type: ignore[attr-defined]
    CommandPalette.dismiss = once  # type: ignore[method-assign]


def _guard_option_list_pages() -> None:
    from textual.widgets import OptionList

    move = OptionList._move_page
    if getattr(move, "_reader_guarded", False):
        return

    def _move_page(self: Any, direction: Any) -> None:
        if not getattr(self, "_lines", None):
            return  # nothing laid out (no room on screen): nowhere to move
        try:
            move(self, direction)
        except KeyError:  # the highlighted option not laid out yet: stay
            return

    _move_page._reader_guarded = True  # type: ignore[attr-defined]
    OptionList._move_page = _move_page  # type: ignore[method-assign]
