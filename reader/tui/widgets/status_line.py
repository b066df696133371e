"""The status line: where you are and what mode you are in, in fixed places.

Like vim's and lazygit's: the mode first, then the focused pane, the position (paragraph
and percent), how many passages are marked, follow on or off, READ-ONLY, and whether
changes are saved. Titles cannot push these out: only the pane's name is shortened.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from reader.core.text.safety import plain


@dataclass(frozen=True)
class StatusInfo:
    mode: str = "NORMAL"
    pane: str = ""
    position: str = ""
    marked: int = 0
    follow: bool = True
    read_only: bool = False
    saving: str = ""  # "", "saving…", "saved", "NOT SAVED"
    progress: str = ""
    message: str = ""  # the last action's confirmation, until the next move


class StatusLine(Widget):
    DEFAULT_CSS = """
    StatusLine { height: 1; background: $panel; color: $text; }
    StatusLine > .status--mode { background: $primary; color: $text; text-style: bold; }
    StatusLine > .status--link { background: $accent; color: $text; text-style: bold; }
    StatusLine > .status--warn { background: $error; color: $text; text-style: bold; }
    StatusLine > .status--dim { color: $text-muted; }
    """
    COMPONENT_CLASSES = {"status--mode", "status--link", "status--warn", "status--dim"}

    status: reactive[StatusInfo] = reactive(StatusInfo(), layout=False)

    def render(self) -> Text:
        st = self.status
        mode_style = self.get_component_rich_style("status--link" if st.mode.startswith("LINK") else "status--mode")
        warn = self.get_component_rich_style("status--warn")
        dim = self.get_component_rich_style("status--dim")
        right = Text(no_wrap=True)
        if st.progress:
            right.append(f" {st.progress} ", style=dim)
        right.append(f" {st.position} ")
        right.append(f"\u00b7 {st.marked} marked ", style=dim)
        right.append(f"\u00b7 follow {'on' if st.follow else 'off'} ", style=dim)
        if st.saving:
            right.append(f" {st.saving} ", style=warn if st.saving.startswith("NOT") else dim)
        if st.read_only:
            right.append(" READ-ONLY ", style=warn)
        left = Text(no_wrap=True)
        left.append(f" {plain(st.mode)} ", style=mode_style)  # LINK mode names an article
        room = self.size.width - left.cell_len - right.cell_len - 1
        pane = plain(st.message or st.pane)
        if room > 3:
            if len(pane) > room - 1:
                pane = pane[: max(1, room - 2)] + "\u2026"
            left.append(f" {pane}", style="bold" if st.message else "")
        out = Text(no_wrap=True, overflow="ellipsis")
        out.append_text(left)
        out.append(" " * max(1, self.size.width - left.cell_len - right.cell_len))
        out.append_text(right)
        out.truncate(max(1, self.size.width))
        return out
