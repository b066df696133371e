"""Driving the real reader in tmux and reading its screen, styles included (capture-pane -e)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field

from tests.conftest import ROOT

HAVE_TMUX = shutil.which("tmux") is not None
_SGR = re.compile(r"\x1b\[([0-9;:]*)m")


@dataclass(frozen=True)
class Cell:
    char: str
    fg: str = ""
    bg: str = ""
    bold: bool = False
    underline: bool = False
    reverse: bool = False
    italic: bool = False

    @property
    def plain(self) -> bool:
        return not (self.bg or self.underline or self.reverse or self.bold or self.italic)


def _apply(params: str, state: dict) -> None:
    codes = [c for c in re.split("[;:]", params) if c != ""] or ["0"]
    i = 0
    while i < len(codes):
        c = int(codes[i]) if codes[i].isdigit() else 0
        if c == 0:
            state.clear()
        elif c == 1:
            state["bold"] = True
        elif c == 3:
            state["italic"] = True
        elif c == 4:
            state["underline"] = True
        elif c == 7:
            state["reverse"] = True
        elif c == 22:
            state.pop("bold", None)
        elif c == 23:
            state.pop("italic", None)
        elif c == 24:
            state.pop("underline", None)
        elif c == 27:
            state.pop("reverse", None)
        elif c in (38, 48):
            key = "fg" if c == 38 else "bg"
            if i + 1 < len(codes) and codes[i + 1] == "5":
                state[key] = f"5;{codes[i + 2] if i + 2 < len(codes) else ''}"
                i += 2
            elif i + 1 < len(codes) and codes[i + 1] == "2":
                state[key] = "2;" + ";".join(codes[i + 2:i + 5])
                i += 4
        elif c == 39:
            state.pop("fg", None)
        elif c == 49:
            state.pop("bg", None)
        elif 30 <= c <= 37 or 90 <= c <= 97:
            state["fg"] = str(c)
        elif 40 <= c <= 47 or 100 <= c <= 107:
            state["bg"] = str(c)
        i += 1


def parse(screen: str) -> list[list[Cell]]:
    """Rows of styled cells from ``capture-pane -e -p`` output."""
    rows = []
    state: dict = {}
    for line in screen.split("\n"):
        row = []
        pos = 0
        for m in _SGR.finditer(line):
            for ch in line[pos:m.start()]:
                row.append(Cell(ch, **state))
            _apply(m.group(1), state)
            pos = m.end()
        for ch in line[pos:]:
            row.append(Cell(ch, **state))
        rows.append(row)
    return rows


def text_of(rows: list[list[Cell]]) -> str:
    return "\n".join("".join(c.char for c in row) for row in rows)


@dataclass
class TmuxReader:
    """The reader running in its own tmux server (its own socket), at a given size."""

    width: int
    height: int
    env: dict = field(default_factory=dict)
    args: tuple = ()
    socket: str = field(default_factory=lambda: f"reader-test-{os.getpid()}-{time.monotonic_ns()}")
    cwd: str = str(ROOT)
    program: tuple = (sys.executable, "-m", "reader")  # what runs, before args

    def _tmux(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=check)

    def start(self) -> TmuxReader:
        env = " ".join(f"{k}={_quote(v)}" for k, v in self.env.items())
        cmd = f"cd {_quote(self.cwd)} && env {env} {' '.join(map(_quote, (*self.program, *self.args)))}; " \
              "echo READER-EXITED-$?; sleep 30"
        # No status bar: the pane is the whole width × height from the start.
        self._tmux("-f", "/dev/null", "new-session", "-d", "-x", str(self.width), "-y", str(self.height), cmd,
                   ";", "set-option", "status", "off")
        self.wait_for("NORMAL")
        end = time.monotonic() + 10
        while time.monotonic() < end and "quit" not in self.last_line():
            time.sleep(0.1)
        return self

    def last_line(self) -> str:
        lines = self.plain().rstrip("\n").split("\n")
        return lines[-1] if lines else ""

    def keys(self, *keys: str, literal: bool = False, pause: float = 0.25) -> None:
        for key in keys:
            self._tmux("send-keys", "-t", "0", *(["-l"] if literal else []), key)
            # A key right after Esc would reach the reader as alt+key (as from a person's fingers too).
            time.sleep(0.4 if key == "Escape" else 0.03)
        time.sleep(pause)

    def type(self, text: str) -> None:
        self.keys(text, literal=True)

    def screen(self) -> str:
        return self._tmux("capture-pane", "-e", "-p", "-t", "0").stdout

    def plain(self) -> str:
        return self._tmux("capture-pane", "-p", "-t", "0").stdout

    def wait_for(self, text: str, timeout: float = 20.0) -> str:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            out = self.plain()
            if text in out:
                return out
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared on screen:\n{self.plain()}")

    def stop(self) -> None:
        self._tmux("kill-server", check=False)


def _quote(s: str) -> str:
    return "'" + s.replace("'", "'\\''") + "'"
