"""Getting text to the clipboard: pyperclip, then OSC 52, then a file.

pyperclip's ``is_available()`` says little about whether copying will work (an xclip
with no X server, a wl-copy with no compositor). So the pyperclip route is tried for real
in a child process that copies, pastes back and compares, with its output captured and a
time limit: a broken or hanging clipboard tool can neither print onto the screen nor
freeze the reader. OSC 52 (the terminal's own clipboard, which works over SSH and in
tmux) is for the TUI, which owns the terminal; the file is the last resort.
"""

from __future__ import annotations

import base64
import os
import subprocess
import sys

import platformdirs

PYPERCLIP, OSC52, FILE = "pyperclip", "osc52", "file"

_CHILD = (
    "import sys, pyperclip\n"
    "text = sys.stdin.read()\n"
    "pyperclip.copy(text)\n"
    "back = pyperclip.paste()\n"
    "sys.exit(0 if back == text else 3)\n"
)


def forced_route() -> str | None:
    """READER_CLIPBOARD=pyperclip|osc52|file forces a route (for odd setups and tests)."""
    value = os.environ.get("READER_CLIPBOARD", "").strip().lower()
    return value if value in (PYPERCLIP, OSC52, FILE) else None


def copy_with_pyperclip(text: str, timeout: float = 3.0) -> tuple[bool, str]:
    """Copy through pyperclip in a child process; (worked, reason if not)."""
    try:
        proc = subprocess.run(
            [sys.executable, "-c", _CHILD], input=text.encode("utf-8", "replace"),
            capture_output=True, timeout=timeout, env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        )
    except subprocess.TimeoutExpired:
        return False, f"the clipboard tool did not answer within {timeout:g} s"
    except OSError as exc:
        return False, str(exc)
    if proc.returncode == 0:
        return True, ""
    lines = proc.stderr.decode("utf-8", "replace").strip().splitlines()
    return False, (lines[-1][:200] if lines else f"exit code {proc.returncode}")


def osc52_sequence(text: str) -> str:
    data = base64.b64encode(text.encode("utf-8")).decode("ascii")
    seq = f"\x1b]52;c;{data}\x07"
    if os.environ.get("TMUX"):
        seq = "\x1bPtmux;" + seq.replace("\x1b", "\x1b\x1b") + "\x1b\\"
    return seq


def clipboard_file() -> str:
    return os.path.join(platformdirs.user_cache_dir("reader", appauthor=False), "clipboard.md")


def write_clipboard_file(text: str) -> str:
    from reader.core.storage import atomic_write_bytes

    path = clipboard_file()
    os.makedirs(os.path.dirname(path), exist_ok=True)
    atomic_write_bytes(path, text.encode("utf-8"))
    return path
