"""Getting text to the clipboard: pyperclip, then tmux, then the terminal (OSC 52), then a file.

pyperclip's ``is_available()`` says little about whether copying will work (an xclip
with no X server, a wl-copy with no compositor). So the pyperclip route is tried for real
in a child process that copies, pastes back and compares, in its own process group, with
its output captured and capped, its address space limited (``RLIMIT_AS``: what pyperclip
reads back from a flooding tool fails in the child instead of growing it) and a time
limit: a broken, flooding or hanging clipboard tool can neither print onto the screen,
nor eat the memory, nor outlive the attempt (the whole group is killed). OSC 52 (the
terminal's own clipboard, which works over SSH and in tmux) needs the terminal: the
caller passes a function that writes the sequence. Inside tmux, whose default settings
drop an application's OSC 52, the text goes to tmux's paste buffer (``tmux load-buffer
-w``: also the outer terminal's clipboard where tmux may set it). An OSC 52 write cannot be
confirmed, so that route also saves the file. The file is the last resort. ``copy`` is the
one chain both front ends use.
"""

from __future__ import annotations

import base64
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass

import platformdirs

from reader.core.errors import ReaderError

PYPERCLIP, TMUX, OSC52, FILE = "pyperclip", "tmux", "osc52", "file"
ROUTES = (PYPERCLIP, TMUX, OSC52, FILE)
NO_TOOL = "no clipboard tool found: install xclip, xsel or wl-clipboard"
OUTPUT_CAP = 64 * 1024  # bytes of a tool's output kept (the rest is read and dropped)
OSC52_LIMIT = 1_000_000  # bytes of text: terminals refuse larger OSC 52 payloads

CHILD_MEMORY = 256 * 1024 * 1024  # address space of the child (and its tools), plus 8 bytes per byte of text

_CHILD = (
    "import sys\n"
    "try:\n"
    "    import resource\n"
    "    resource.setrlimit(resource.RLIMIT_AS, (int(sys.argv[1]), int(sys.argv[1])))\n"
    "except (ImportError, ValueError, OSError):\n"
    "    pass\n"
    "import pyperclip\n"
    "text = sys.stdin.read()\n"
    "pyperclip.copy(text)\n"
    "back = pyperclip.paste()\n"
    "sys.exit(0 if back == text else 3)\n"
)


@dataclass(frozen=True)
class CopyResult:
    route: str
    detail: str = ""  # why an earlier route failed
    path: str = ""  # the file, for the file route

    @property
    def message(self) -> str:
        if self.route == PYPERCLIP:
            return "Copied to the clipboard (system clipboard via pyperclip)."
        if self.route == TMUX:
            return "Copied to tmux's paste buffer (prefix ] pastes it)."
        if self.route == OSC52:
            saved = f", and saved to {self.path}" if self.path else ""
            return f"Sent to the terminal's clipboard (OSC 52; some terminals ignore it){saved}."
        why = f" ({self.detail})" if self.detail else ""
        return f"No clipboard{why}; saved to {self.path}."


def forced_route() -> str | None:
    """READER_CLIPBOARD=pyperclip|osc52|file forces a route (for odd setups and tests).

    Any other value is a ConfigError (exit 78), checked when the reader starts."""
    raw = os.environ.get("READER_CLIPBOARD", "")
    value = raw.strip().lower()
    if not value:
        return None
    if value not in ROUTES:
        from reader.core.errors import ConfigError
        from reader.core.text.safety import plain

        raise ConfigError(f"READER_CLIPBOARD={plain(raw)!r}: choose one of {', '.join(ROUTES)} (or leave it unset)")
    return value


def copy_with_pyperclip(text: str, timeout: float = 3.0) -> tuple[bool, str]:
    """Copy through pyperclip in a child process; (worked, reason if not)."""
    data = text.encode("utf-8", "replace")
    limit = CHILD_MEMORY + 8 * len(data)  # a tool flooding its output fails in the child, never grows it
    try:
        proc = subprocess.Popen(
            [sys.executable, "-c", _CHILD, str(limit)], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE, env={**os.environ, "PYTHONIOENCODING": "utf-8"}, start_new_session=True,
        )
    except OSError as exc:
        return False, str(exc)
    try:
        _out, err = _communicate_capped(proc, data, timeout)
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        return False, f"the clipboard tool did not answer within {timeout:g} s"
    finally:
        _kill_group(proc)  # whatever the tool left running in its group goes too
    if proc.returncode == 0:
        return True, ""
    lines = err.decode("utf-8", "replace").strip().splitlines()
    last = lines[-1] if lines else ""
    if "copy/paste mechanism" in last:  # pyperclip's own advice names packages that do not exist
        return False, NO_TOOL
    return False, (last[:200] or f"exit code {proc.returncode}")


def copy_with_tmux(text: str, timeout: float = 3.0) -> tuple[bool, str]:
    """Inside tmux: into its paste buffer (and, with -w, the outer terminal's clipboard)."""
    if not os.environ.get("TMUX"):
        return False, ""
    data = text.encode("utf-8", "replace")
    for args in (["tmux", "load-buffer", "-w", "-"], ["tmux", "load-buffer", "-"]):  # -w: tmux 3.2 or newer
        try:
            proc = subprocess.run(args, input=data, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                  timeout=timeout, start_new_session=True)
        except (OSError, subprocess.TimeoutExpired) as exc:
            return False, f"tmux: {exc}"
        if proc.returncode == 0:
            return True, ""
    return False, "tmux: " + (proc.stderr.decode("utf-8", "replace").strip()[:200] or f"exit code {proc.returncode}")


def _communicate_capped(proc: subprocess.Popen[bytes], data: bytes, timeout: float) -> tuple[bytes, bytes]:
    """Feed stdin, read stderr keeping at most OUTPUT_CAP bytes, within timeout."""
    import selectors
    import time

    deadline = time.monotonic() + timeout
    assert proc.stdin is not None and proc.stderr is not None
    try:
        proc.stdin.write(data)
        proc.stdin.close()
    except (BrokenPipeError, OSError):
        pass
    kept = bytearray()
    sel = selectors.DefaultSelector()
    sel.register(proc.stderr, selectors.EVENT_READ)
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise subprocess.TimeoutExpired(proc.args, timeout)
            if not sel.select(min(left, 0.1)):
                if proc.poll() is not None:
                    break
                continue
            chunk = os.read(proc.stderr.fileno(), 65536)
            if not chunk:
                break
            if len(kept) < OUTPUT_CAP:
                kept += chunk[:OUTPUT_CAP - len(kept)]
        proc.wait(timeout=max(0.01, deadline - time.monotonic()))
    finally:
        sel.close()
        proc.stderr.close()
    return b"", bytes(kept)


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (OSError, ProcessLookupError):
        pass
    try:
        proc.wait(timeout=1)
    except subprocess.TimeoutExpired:
        pass


def osc52_sequence(text: str) -> str:
    data = base64.b64encode(text.encode("utf-8")).decode("ascii")
    seq = f"\x1b]52;c;{data}\x07"
    if os.environ.get("TMUX"):
        seq = "\x1bPtmux;" + seq.replace("\x1b", "\x1b\x1b") + "\x1b\\"
    return seq


def clipboard_file() -> str:
    return os.path.join(platformdirs.user_cache_dir("reader", appauthor=False), "clipboard.md")


def write_clipboard_file(text: str) -> str:
    from reader.core.fs import atomic_write_bytes
    from reader.core.store.files import ensure_folder

    path = clipboard_file()
    ensure_folder(os.path.dirname(path), parents=True)
    return atomic_write_bytes(path, text.encode("utf-8"), follow_symlinks=False)


def copy(text: str, osc52: Callable[[str], bool] | None = None) -> CopyResult:
    """Copy text by the first route that works. ``osc52(sequence)`` writes to the terminal
    and says whether it could; without it (no terminal) that route is skipped.

    Raises ReaderError only when even the file cannot be written.
    """
    route = forced_route()
    detail = ""
    if route in (None, PYPERCLIP):
        ok, detail = copy_with_pyperclip(text)
        if ok:
            return CopyResult(PYPERCLIP)
    if route in (None, TMUX):
        ok, why = copy_with_tmux(text)
        if ok:
            return CopyResult(TMUX, detail)
        if why:
            detail = f"{detail}; {why}" if detail else why
    fits = len(text.encode("utf-8")) <= OSC52_LIMIT
    sent = route in (None, OSC52) and osc52 is not None and fits and osc52(osc52_sequence(text))
    try:
        path = write_clipboard_file(text)
    except ReaderError as exc:
        if sent:
            return CopyResult(OSC52, detail)
        raise ReaderError(f"copy failed: {exc}", exc.exit_code) from None
    return CopyResult(OSC52 if sent else FILE, detail, path)


def tty_osc52(sequence: str) -> bool:
    """The command line's OSC 52 route: write to the controlling terminal, if there is one."""
    try:
        fd = os.open("/dev/tty", os.O_WRONLY | os.O_NOCTTY | os.O_NONBLOCK)
    except OSError:
        return False
    try:
        os.write(fd, sequence.encode("ascii"))
        return True
    except OSError:
        return False
    finally:
        os.close(fd)
