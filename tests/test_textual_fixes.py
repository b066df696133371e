"""Textual bugs met by users, fixed before the app runs (``reader.tui.textual_fixes``)."""

from __future__ import annotations

import pytest

from tests.test_tui import make_app


@pytest.fixture
def fixed():
    from reader.tui.textual_fixes import install

    install()


async def test_page_keys_in_the_command_palette_at_10x3_are_no_crash(db, fixed):
    """An attacker: ctrl+P, then PageDown, at 10×3, raised KeyError: 0 (exit 70)."""
    app = make_app(db)
    try:
        async with app.run_test(size=(10, 3)) as pilot:
            await pilot.press("ctrl+p")
            await pilot.pause()
            await pilot.press("pagedown", "pageup", "pagedown")
            await pilot.pause()
            assert app.screen.__class__.__name__ == "CommandPalette"
            assert app.return_code is None and not app.internal_error
    finally:
        app.workspace.store.close()


def test_the_fix_finds_what_it_patches(fixed):
    from textual.widgets import OptionList

    assert getattr(OptionList._move_page, "_reader_guarded", False)
    from textual.drivers import linux_driver

    from reader.tui.paste_guard import PasteGuardParser

    assert linux_driver.XTermParser is PasteGuardParser
