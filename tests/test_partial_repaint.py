"""The reading screen repaints far-apart changes apart (reader/tui/partial_repaint.py): what
reaches the terminal must still be exactly the screen. A terminal is simulated from the
updates the app writes, and compared with a full render after every key."""

from __future__ import annotations

from rich.console import Console
from rich.segment import ControlType
from textual.geometry import Region

from reader.tui.partial_repaint import ClusteredCompositor, clusters
from tests.test_tui import make_app


class Terminal:
    """Cells written by the app's updates: (character, style) by row and column."""

    def __init__(self, width: int, height: int) -> None:
        self.width, self.height = width, height
        self.cells = [[(" ", None)] * width for _ in range(height)]
        self.console = Console(width=width, height=height, force_terminal=True, color_system="truecolor")
        self.updates: list[str] = []

    def apply(self, update) -> None:  # type: ignore[no-untyped-def]
        self.updates.append(type(update).__name__)
        x = y = 0
        for seg in update.__rich_console__(self.console, self.console.options):
            if seg.control:
                for code in seg.control:
                    if code[0] == ControlType.CURSOR_MOVE_TO:
                        x, y = code[1], code[2]
                continue
            if seg.text == "\n":
                continue
            self._write(x, y, seg.text, seg.style)
            x += sum(_cells(c) for c in seg.text)

    def _write(self, x: int, y: int, text: str, style) -> None:  # type: ignore[no-untyped-def]
        for ch in text:
            w = _cells(ch)
            if 0 <= y < self.height and 0 <= x < self.width:
                self.cells[y][x] = (ch, style)
                if w == 2 and x + 1 < self.width:
                    self.cells[y][x + 1] = ("", style)
            x += w


def _cells(ch: str) -> int:
    from rich.cells import cell_len

    return cell_len(ch)


def full_render(app) -> list[list[tuple[str, object]]]:  # type: ignore[no-untyped-def]
    width, height = app.size
    term = Terminal(width, height)
    for y, strip in enumerate(app.screen._compositor.render_strips()):
        x = 0
        for seg in strip:
            term._write(x, y, seg.text, seg.style)
            x += sum(_cells(c) for c in seg.text)
    return term.cells


def differences(term: Terminal, app) -> list[str]:  # type: ignore[no-untyped-def]
    want = full_render(app)
    out = []
    for y, (got_row, want_row) in enumerate(zip(term.cells, want, strict=True)):
        if got_row != want_row:
            got = "".join(c for c, _ in got_row)
            wanted = "".join(c for c, _ in want_row)
            out.append(f"row {y}:\n  got  {got!r}\n  want {wanted!r}" if got != wanted else f"row {y}: styles differ")
    return out


def test_clusters_keep_far_apart_changes_apart_and_merge_neighbours():
    article_row, panel, status = Region(0, 3, 46, 1), Region(112, 4, 48, 37), Region(0, 46, 160, 1)
    assert sorted(clusters({article_row, panel, status})) == sorted([article_row, panel, status])
    assert clusters([Region(0, 3, 46, 1), Region(0, 4, 46, 1)]) == [Region(0, 3, 46, 2)]
    assert clusters([Region(0, 0, 10, 10), Region(5, 5, 10, 10)]) == [Region(0, 0, 15, 15)]  # overlapping


async def test_what_reaches_the_terminal_is_the_screen_after_every_key(db, tmp_path):
    app = make_app(db, tmp_path)
    term = Terminal(120, 36)
    app._display = lambda screen, update: term.apply(update) if update is not None else None  # type: ignore[method-assign]
    keys = ["j", "h", "J", "t", "c", "l", "a", "enter", "tab", "j", "h", "a", "tab", "j", "d", "u", "down",
            "escape", "J", "v", "j", "h", "l", "tab", "j", "l", "r", "f", "j", "k", "ctrl+r", "u", "slash", "t", "h",
            "e", "enter", "escape", "escape", "S", "down", "escape", "G", "g"]
    async with app.run_test(size=(120, 36)) as pilot:
        assert isinstance(app.reading._compositor, ClusteredCompositor)
        await pilot.pause()
        for i, key in enumerate(keys):
            await pilot.press(key)
            await pilot.pause()
            if app.screen is not app.reading:
                continue  # a dialog: Textual's own screens and compositor
            wrong = differences(term, app)
            assert not wrong, f"after {keys[:i + 1]}:\n" + "\n".join(wrong[:5])
        assert "ChopsUpdate" in term.updates  # partial updates were made, and checked
        assert app.reading._compositor.clustered_frames > 0  # ... some of them in clusters
    app.workspace.store.close()
