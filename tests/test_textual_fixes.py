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


async def test_two_enters_at_once_in_the_command_palette_are_no_crash(db, fixed):
    """An attacker: two Enters arriving together (a double tap) each dismissed the palette;
    the second popped the reading screen, then "Can't pop screen" (exit 70)."""
    from textual import events

    app = make_app(db)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("ctrl+p")
            await pilot.pause(0.3)
            for _ in range(2):  # as a terminal sends them in one read, not as the pilot presses
                app.post_message(events.Key("enter", "\r"))
            await pilot.pause(0.5)
            assert app.is_running and app.return_code is None and not app.internal_error
            assert app.screen_stack[0].__class__.__name__ != "CommandPalette"
            assert "ReadingScreen" in [s.__class__.__name__ for s in app.screen_stack]
    finally:
        app.workspace.store.close()


async def test_two_enters_at_once_in_the_search_prompt_are_no_crash(db, fixed):
    """The same, in the search prompt: "/", a word, then Enter Enter in one read."""
    from textual import events

    app = make_app(db)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("slash", *"policy")
            await pilot.pause(0.3)
            for _ in range(2):
                app.post_message(events.Key("enter", "\r"))
            await pilot.pause(0.5)
            assert app.is_running and app.return_code is None and not app.internal_error
            assert app.screen.__class__.__name__ == "ReadingScreen"
            assert app.views[0].search.query == "policy"
    finally:
        app.workspace.store.close()


def test_the_fix_finds_what_it_patches(fixed):
    from textual.command import CommandPalette
    from textual.widgets import OptionList

    assert getattr(OptionList._move_page, "_reader_guarded", False)
    assert getattr(OptionList.render_line, "_reader_guarded", False)
    assert getattr(CommandPalette.dismiss, "_reader_guarded", False)  # inherited from Screen
    from textual.drivers import linux_driver

    from reader.tui.paste_guard import PasteGuardParser

    assert linux_driver.XTermParser is PasteGuardParser
