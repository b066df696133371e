"""Command-palette provider: every reader action, searchable by name (ctrl+p)."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from reader.tui.bindings import READER_BINDINGS, key_label


class ReaderCommands(Provider):
    def _commands(self):
        app = self.app
        keymap = getattr(app, "keymap_overrides", {})
        for b in READER_BINDINGS:
            if b.action in ("cancel", "quit"):
                continue
            yield b.description, f"{key_label(keymap.get(b.id, b.key))}", b.action

    def _run(self, action: str) -> None:
        self.app.call_later(self.app.run_action, action)

    async def discover(self) -> Hits:
        for title, keys, action in self._commands():
            yield DiscoveryHit(title, partial(self._run, action), help=f"key: {keys}")

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, keys, action in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), partial(self._run, action), help=f"key: {keys}")
