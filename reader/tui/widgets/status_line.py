"""The status line: where you are and what mode you are in, in fixed places.

Like vim's and lazygit's: the mode first, then the focused pane, the position (paragraph
and percent), how many passages are marked, follow on or off, READ-ONLY, and whether
changes are saved. Titles cannot push these out: only the pane's name is shortened.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.reactive import reactive

from reader.core.text.safety import plain
from reader.tui.widgets.bar_line import BarLine, Piece, fit, width_of


@dataclass(frozen=True)
class StatusInfo:
    mode: str = "NORMAL"
    pane: str = ""
    position: str = ""
    marked: int = 0  # passages highlighted in the focused article
    marked_other: int | None = None  # and in the other one
    follow: bool = True
    read_only: bool = False
    saving: str = ""  # "", "saving…", "saved", "NOT SAVED"
    progress: str = ""
    message: str = ""  # the last action's confirmation, until the next move


class StatusLine(BarLine):
    DEFAULT_CSS = """
    StatusLine { height: 1; background: $panel; color: $text; }
    StatusLine > .status--mode { background: $primary; color: $text; text-style: bold; }
    StatusLine > .status--link { background: $accent; color: $text; text-style: bold; }
    StatusLine > .status--warn { background: $error; color: $text; text-style: bold; }
    StatusLine > .status--dim { color: $text-muted; }
    StatusLine > .status--message { text-style: bold; }
    """
    COMPONENT_CLASSES = {"status--mode", "status--link", "status--warn", "status--dim", "status--message"}

    status: reactive[StatusInfo] = reactive(StatusInfo(), layout=False)

    def pieces(self, width: int) -> list[Piece]:
        st = self.status
        # (piece, drop order): a message that does not fit takes the room of the pieces that
        # matter least first (follow, marked, progress, "saved", the percent); the mode, the
        # paragraph, NOT SAVED and READ-ONLY always stay.
        position = st.position
        right: list[tuple[Piece, int]] = []
        if st.progress:
            right.append(((f" {plain(st.progress)} ", "status--dim"), 3))
        right.append(((f" {position} ", ""), 5))
        # which article each count is of: "12 marked" became "11 marked" on Tab, and read as a change
        there = f", {st.marked_other} there" if st.marked_other is not None else ""
        right.append(((f"\u00b7 {st.marked} marked here{there} ", "status--dim"), 2))
        right.append(((f"\u00b7 follow {'on' if st.follow else 'off'} ", "status--dim"), 1))
        if st.saving:
            warn = st.saving.startswith("NOT")
            right.append(((f" {st.saving} ", "status--warn" if warn else "status--dim"), 0 if warn else 4))
        if st.read_only:
            right.append(((" READ-ONLY ", "status--warn"), 0))
        left: list[Piece] = [(f" {plain(st.mode)} ", "status--link" if st.mode.startswith("LINK") else "status--mode")]
        message = plain(st.message)
        for order in (1, 2, 3, 4, 5):
            pieces = [p for p, _o in right]
            if not message or width - width_of(left) - width_of(pieces) - 2 >= width_of([(message, "")]):
                break
            if order == 5:  # the paragraph stays, without its percent
                right = [((f" {position.split()[0]} ", ""), o) if o == 5 and position else (p, o) for p, o in right]
            else:
                right = [(p, o) for p, o in right if o != order]
        pieces = [p for p, _o in right]
        room = width - width_of(left) - width_of(pieces) - 1
        if there and not message and room - 1 < len(plain(st.pane)):  # the other's count gives way to the name
            right = [((f"\u00b7 {st.marked} marked here ", "status--dim"), o) if o == 2 else (p, o) for p, o in right]
            pieces = [p for p, _o in right]
            room = width - width_of(left) - width_of(pieces) - 1
        if room > 3:  # the pane's name (or the last message) gives way first
            left.append((" " + fit(message or plain(st.pane), room - 1), "status--message" if message else ""))
        gap = max(1, width - width_of(left) - width_of(pieces))
        return [*left, (" " * gap, ""), *pieces]
