"""Fixes for Textual bugs met by users, applied once before the app runs (Textual 8.2).

Each is small, checks the shape it patches, and has a test that fails if Textual changes
under it (``tests/test_textual_fixes.py``, ``tests/test_paste_guard.py``):

- a paste is text, never keys (``paste_guard``);
- PageUp or PageDown in an option list with no lines laid out yet (the command palette
  at 10×3: ctrl+P, then PageDown) raised ``KeyError: 0`` and took the reader down;
- two Enters arriving together (a double tap, or keys typed while the reader was busy) in
  the command palette or the search prompt each dismissed it: Textual's ``dismiss`` pops
  whatever screen is on top, so the second popped the reading screen itself, and "Can't
  pop screen" took the reader down (exit 70). A screen not on top is not dismissed;
- an option list drops the ``reverse`` its CSS gives the highlighted option (Textual's
  ``Widget.get_visual_style`` keeps bold, dim, italic, underline and strike only), so under
  NO_COLOR, where that reverse is the only mark (the command palette's own CSS; the
  reader's lists, app.tcss), nothing showed the current row. Its lines are reversed.
"""

from __future__ import annotations

from typing import Any


def install() -> None:
    from reader.tui import paste_guard

    paste_guard.install()
    _guard_option_list_pages()
    _dismiss_only_on_top()
    _reverse_highlighted_options()


def _reverse_highlighted_options() -> None:
    from rich.style import Style
    from textual.strip import Strip
    from textual.widgets import OptionList

    render_line = OptionList.render_line
    if getattr(render_line, "_reader_guarded", False):
        return
    reverse = Style(reverse=True)

    def reversed_line(self: Any, y: int) -> Strip:
        strip = render_line(self, y)
        highlighted = self.highlighted
        if highlighted is None:
            return strip
        try:
            index = self._lines[self.scroll_offset.y + y][0]
        except IndexError:
            return strip
        if index == highlighted and self.get_component_styles("option-list--option-highlighted").text_style.reverse:
            return strip.apply_style(reverse)
        return strip

    reversed_line._reader_guarded = True  # type: ignore[attr-defined]
    OptionList.render_line = reversed_line  # type: ignore[method-assign]


def _dismiss_only_on_top() -> None:
    from textual.await_complete import AwaitComplete
    from textual.screen import Screen

    dismiss = Screen.dismiss
    if getattr(dismiss, "_reader_guarded", False):
        return

    def once(self: Any, result: Any = None) -> Any:
        if self.app.screen is not self:
            return AwaitComplete()  # dismissed already (or under another): nothing to pop
        return dismiss(self, result)

    once._reader_guarded = True  # type: ignore[attr-defined]
    Screen.dismiss = once  # type: ignore[method-assign]


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
