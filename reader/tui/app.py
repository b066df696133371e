"""The reader's Textual app: configuration, keys, theme, and the reading screen.

The app is thin: it holds what every screen shares (the workspace, the config, the user's
key map, the tag styles for the current theme and terminal), shows help, quits, and ends
the session cleanly on a signal. The reading screen is the controller.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from pathlib import Path
from typing import Any, ClassVar

from textual import events
from textual.app import App
from textual.binding import BindingType
from textual.notifications import SeverityLevel

from reader.core.config import Config
from reader.core.errors import EX_SOFTWARE, ReaderError
from reader.core.services.workspace import Workspace
from reader.core.text.safety import plain
from reader.tui.bindings import APP_BINDINGS
from reader.tui.screens.reading import ReadingScreen
from reader.tui.widgets.glyph_scrollbar import use_glyph_scrollbars
from reader.tui.widgets.tag_styles import TagStyles, colour_system

WELCOME = "Welcome: j/k move, v select, h highlight, t tag, l link, ? keys"  # whole at 80 columns
LEAVE_GRACE = 10.0  # seconds a signal's teardown may take before the reader leaves without it


def _palette() -> Any:
    """The command-palette provider, imported when the palette first opens."""
    from reader.tui.palette import ReaderCommands

    return ReaderCommands


class ReaderApp(App[int]):
    TITLE = "reader"
    CSS_PATH = str(Path(__file__).with_name("app.tcss"))
    BINDINGS: ClassVar[list[BindingType]] = [*APP_BINDINGS]
    COMMANDS = App.COMMANDS | {_palette}

    def __init__(self, workspace: Workspace, config: Config, notices: list[str] | None = None,
                 export_dir: str | None = None, first_launch: bool = False) -> None:
        # NO_COLOR: the terminal's own colours, no colour of ours at all. Textual's default
        # turns every colour into a grey (a dark box on a light terminal, a scrollbar at 1.2:1
        # contrast); with ANSI colours allowed it takes colour away instead (its NoColor filter).
        super().__init__(ansi_color=True if "NO_COLOR" in os.environ else None)
        use_glyph_scrollbars("NO_COLOR" in os.environ)  # a thumb of blank cells is invisible with no colour
        self.workspace = workspace
        self.config = config
        self.notices = notices or []
        self.export_dir = export_dir or os.getcwd()
        self.keymap_overrides = dict(config.keys)
        self.first_launch = first_launch
        self.exit_signal: int | None = None
        self.ran = False  # App.run has returned (run.py sets it): the teardown did not hang
        self.finishing = False  # q (or a signal) was taken: keys typed after it do nothing
        self.lost: list[tuple[ReaderError, list[str]]] = []  # saves that failed while leaving
        self.internal_error = ""  # a bug that ended the session: one line, said on stderr by run.py
        # exports under way, by worker: what each writes ("the clipboard" for a copy). The app may
        # end before one does; run.py then says it is finishing it (a 100,000-annotation export
        # held the shell for minutes with nothing on screen)
        self.exports: dict[int, str] = {}
        self._palette_due = 0.0  # when ctrl+P was taken, the palette opening after the keys before it

    def action_command_palette(self) -> None:
        """The command palette, opened after the keys that came before ctrl+P: it is a
        priority binding, taken by the app at once, and the keys typed just before it (in the
        same read from the terminal: fast typing, a macro) were still waiting for the reading
        screen, which dropped them once the palette was on top ("jhjhjh" then ctrl+P marked
        nothing). Twice in one read opens one palette (Textual gave both the same id)."""
        now = time.monotonic()
        if now - self._palette_due < 1.0:
            return  # on its way (a second ctrl+P in one read); after a second, not trusted to come
        self._palette_due = now

        def open_palette() -> None:
            self._palette_due = 0.0
            App.action_command_palette(self)

        # A key goes to the focused widget, then bubbles up its ancestors to the app, each step
        # through a message queue: hop up the same way, one queue at a time, behind the keys.
        hops: list[Any] = list(reversed(self.focused.ancestors_with_self)) if self.focused else [self.screen, self]

        def hop() -> None:
            if not hops:
                open_palette()
                return
            node = hops.pop()
            if node.is_running:
                node.call_later(hop)
            else:
                hop()  # gone meanwhile: nothing of ours waits in it

        hop()

    # --- start --------------------------------------------------------------------------------
    def tag_styles(self) -> TagStyles:
        return TagStyles(self.config, colour_system(self.console.color_system), dict(self.theme_variables),
                         bool(self.no_color))

    def on_mount(self) -> None:
        # Workers (export, suggestions, saving) share the interpreter with the keys: a shorter
        # switch interval hands the event loop the interpreter lock sooner while they run.
        sys.setswitchinterval(0.0005)
        if self.keymap_overrides:
            self.set_keymap(self.keymap_overrides)
        store = self.workspace.store
        loop = self._loop
        if loop is not None:
            def wakeup() -> None:
                try:
                    loop.call_soon_threadsafe(store.drain)
                except RuntimeError:  # the app has ended: the store's close() drains
                    pass

            store.wakeup = wakeup
            for sig, code in ((getattr(signal, "SIGTERM", None), 143), (getattr(signal, "SIGHUP", None), 129)):
                if sig is not None:
                    try:
                        loop.add_signal_handler(sig, self._on_signal, code)
                    except (NotImplementedError, RuntimeError, ValueError):
                        pass
        self.call_after_refresh(self._after_first_paint)

    def get_default_screen(self) -> ReadingScreen:
        self.reading = ReadingScreen(self.workspace, self.config, self.tag_styles(), self.keymap_overrides,
                                     self.export_dir)
        return self.reading

    def _after_first_paint(self) -> None:
        """The articles are on screen: now the messages, then the slow work."""
        for text in self.notices:
            self.notify(text, timeout=8)
        if self.first_launch and not self.reading.said_anything:  # a key pressed already has its answer shown
            self.reading.say(WELCOME)
        try:
            self.workspace.remember_documents()
        except Exception as exc:  # noqa: BLE001 - upkeep: say it, never stop the session
            self.notify(f"Could not note the articles' state: {exc}", severity="warning")
        self.reading.place_pending()

    def watch_theme(self) -> None:
        reading = getattr(self, "reading", None)
        if reading is not None and reading.is_mounted:
            styles = self.tag_styles()
            reading.tag_styles = styles
            for view in reading.views:
                view.restyle(styles)

    # --- everywhere --------------------------------------------------------------------------
    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = False) -> None:
        """Notifications quote file names, tags and errors: never markup, never control characters."""
        super().notify(plain(message), title=plain(title), severity=severity, timeout=timeout, markup=False)

    def action_help_quit(self) -> None:
        """ctrl+c: say how to quit (Textual's own message is markup)."""
        self.notify("Press q to quit (ctrl+q also works).", timeout=3)

    def get_system_commands(self, screen: Any) -> Any:
        """The palette's system commands, with our help screen in place of Textual's keys panel."""
        from textual.app import SystemCommand

        for command in super().get_system_commands(screen):
            if command.title == "Keys":
                continue
            yield command
        yield SystemCommand("Help: keys and legend", "Every key, remapped or not, and a legend of colours and marks",
                            self.action_help)

    def action_help(self) -> None:
        from reader.tui.screens.help import HelpScreen

        self.push_screen(HelpScreen(self.keymap_overrides, self.tag_styles()))

    async def action_quit(self) -> None:
        self.finish(0)

    async def on_event(self, event: events.Event) -> None:
        # Keys typed after q are already on their way: one of them could open a dialog on an
        # app that is closing down. Once leaving, input is dropped.
        if self.finishing and isinstance(event, events.InputEvent):
            return
        await super().on_event(event)

    def _handle_exception(self, error: Exception) -> None:
        """A bug (or the package replaced under a running reader) ends the session as every
        other error does: one line on stderr and exit code 70, never a traceback on the
        screen. The store is still flushed and closed by run.py. READER_DEBUG=1 shows it."""
        if os.environ.get("READER_DEBUG"):
            super()._handle_exception(error)
            return
        if self._exception is None:  # run_test re-raises it: a test still fails on a bug
            self._exception = error
            self._exception_event.set()
        if not self.internal_error:
            self.internal_error = (f"internal error (please report it; READER_DEBUG=1 shows where): "
                                   f"{type(error).__name__}: {plain(str(error))[:300]}")
        self._return_code = EX_SOFTWARE
        self._close_messages_no_wait()

    def finish(self, code: int) -> None:
        """Leave: keep an open note as a draft, wait for the saves, restore the terminal."""
        from reader.tui.dialogs.note_editor import NoteEditor

        if self.finishing:
            return
        self.finishing = True

        for screen in self.screen_stack:
            if isinstance(screen, NoteEditor):
                screen.save_draft()
        store = self.workspace.store
        lost = self.lost

        def failed(error: ReaderError, labels: list[str]) -> None:
            lost.append((error, labels))

        store.failure_listeners.append(failed)  # what fails now is never seen on screen: said on stderr
        try:
            store.flush(timeout=10)
        finally:
            store.failure_listeners.remove(failed)
        if lost and code == 0:
            code = lost[0][0].exit_code
        if self.exit_signal is not None:
            threading.Thread(target=self._leave_if_stuck, args=(code,), name="reader-leave", daemon=True).start()
        self.exit(return_code=code)

    def _on_signal(self, code: int) -> None:
        self.exit_signal = code
        self.call_later(self.finish, code)

    def _leave_if_stuck(self, code: int) -> None:
        """After a signal, once the work is saved (finish): if Textual's teardown has not
        ended within LEAVE_GRACE seconds, close the store (which frees its lock) and leave.

        A closed terminal can send SIGCONT with SIGHUP. Textual's SIGCONT handler restarts its
        output thread while the app is leaving, and the leaving can then wait forever on the
        old thread's queue: the reader, and its store's lock, outlived the terminal."""
        time.sleep(LEAVE_GRACE)
        if self.ran:
            return
        try:
            self.workspace.store.close()
        finally:
            os._exit(code)
