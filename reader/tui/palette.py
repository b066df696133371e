"""Command-palette provider (ctrl+p): every reader action, searchable by name."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from reader.tui.bindings import APP_BINDINGS, SCREEN_BINDINGS, VIEW_BINDINGS, key_label, keys_of

_SKIP = {"cancel", "quit", "abandon_link", "swap_link"}


class ReaderCommands(Provider):
    def _commands(self):  # type: ignore[no-untyped-def]
        keymap = getattr(self.app, "keymap_overrides", {})
        for target, bindings in (("view", VIEW_BINDINGS), ("screen", SCREEN_BINDINGS), ("app", APP_BINDINGS)):
            for b in bindings:
                if b.id in _SKIP:
                    continue
                yield b.description, key_label(keys_of(b.id or "", keymap)), target, b.action

    def _run(self, target: str, action: str) -> None:
        app = self.app
        reading = getattr(app, "reading", None)
        if target == "view" and reading is not None:
            app.call_later(reading.view.run_action, action)
        elif target == "screen" and reading is not None:
            app.call_later(reading.run_action, action)
        else:
            app.call_later(app.run_action, action)

    async def discover(self) -> Hits:
        for title, keys, target, action in self._commands():
            yield DiscoveryHit(title, partial(self._run, target, action), help=f"key: {keys}")

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, keys, target, action in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), partial(self._run, target, action), help=f"key: {keys}")
