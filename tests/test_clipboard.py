"""Clipboard routes: pyperclip (tested for real), OSC 52, file; failing tools stay quiet."""

import os
import shutil
import stat
import subprocess
import time

import pytest

from reader.core.services import clipboard
from tests.conftest import run_cli

FAKE_OK = """#!/bin/sh
store="$FAKE_CLIP_STORE"
for a in "$@"; do [ "$a" = "-o" ] && { cat "$store" 2>/dev/null; exit 0; }; done
cat > "$store"
"""
FAKE_FAIL = """#!/bin/sh
echo "Error: Can't open display: :99" >&2
echo "garbage on stdout"
exit 1
"""
FAKE_HANG = """#!/bin/sh
sleep 30
"""


@pytest.fixture
def fake_tool(tmp_path, monkeypatch):
    def install(script: str):
        bin_dir = tmp_path / "bin"
        bin_dir.mkdir(exist_ok=True)
        tool = bin_dir / "xclip"
        tool.write_text(script)
        tool.chmod(tool.stat().st_mode | stat.S_IEXEC)
        monkeypatch.setenv("PATH", f"{bin_dir}:/usr/bin:/bin")
        monkeypatch.setenv("DISPLAY", ":99")
        monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
        monkeypatch.setenv("FAKE_CLIP_STORE", str(tmp_path / "clip.txt"))
        return tmp_path / "clip.txt"
    return install


def test_pyperclip_route_works_with_a_working_tool(fake_tool):
    store = fake_tool(FAKE_OK)
    ok, why = clipboard.copy_with_pyperclip("héllo \u201cworld\u201d")
    assert ok, why
    assert store.read_text(encoding="utf-8") == "héllo \u201cworld\u201d"


def test_failing_tool_is_detected_and_prints_nothing(fake_tool, capfd):
    fake_tool(FAKE_FAIL)
    ok, why = clipboard.copy_with_pyperclip("text")
    assert not ok and why
    out, err = capfd.readouterr()
    assert out == "" and err == ""  # the tool's noise was captured, not shown


def test_hanging_tool_times_out(fake_tool):
    fake_tool(FAKE_HANG)
    t = time.monotonic()
    ok, why = clipboard.copy_with_pyperclip("text", timeout=1.0)
    assert not ok and "did not answer" in why
    assert time.monotonic() - t < 5


def test_no_tool_at_all(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    ok, _why = clipboard.copy_with_pyperclip("text")
    assert not ok


def test_osc52_sequence_and_tmux_passthrough(monkeypatch):
    monkeypatch.delenv("TMUX", raising=False)
    assert clipboard.osc52_sequence("hi") == "\x1b]52;c;aGk=\x07"
    monkeypatch.setenv("TMUX", "/tmp/tmux-0/default,1,0")
    assert clipboard.osc52_sequence("hi").startswith("\x1bPtmux;\x1b\x1b]52;c;aGk=")


def test_file_route(tmp_path):
    path = clipboard.write_clipboard_file("notes")
    assert open(path).read() == "notes"


def test_cli_copy_falls_back_to_file(tmp_path):
    p = run_cli("export", "-o", str(tmp_path / "n.md"), "--copy", env={"READER_CLIPBOARD": "file"})
    assert p.returncode == 0, p.stderr
    assert "saved to" in p.stderr
    path = p.stderr.strip().rsplit("saved to ", 1)[1].rstrip(".")
    assert open(path).read().startswith("# Reading notes")


def test_cli_copy_alone_does_not_also_print_the_export():
    """A trial saw the whole export on the terminal after ``export --copy``; ``-o -`` still asks for it."""
    p = run_cli("export", "--copy", env={"READER_CLIPBOARD": "file"})
    assert p.returncode == 0, p.stderr
    assert p.stdout == "" and "saved to" in p.stderr
    both = run_cli("export", "--copy", "-o", "-", env={"READER_CLIPBOARD": "file"})
    assert both.returncode == 0 and both.stdout.startswith("# Reading notes")
    assert run_cli("export").stdout.startswith("# Reading notes")  # no --copy: stdout, as before


def test_cli_copy_alone_that_fails_gives_the_export_on_stdout(tmp_path):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the cache folder should be")
    p = run_cli("export", "--copy", env={"READER_CLIPBOARD": "file", "XDG_CACHE_HOME": str(blocker / "cache")})
    assert p.returncode == 74 and "copy failed" in p.stderr and "Traceback" not in p.stderr
    assert p.stdout.startswith("# Reading notes")  # not lost


def test_pyperclip_advice_is_replaced_by_the_readers_own(tmp_path, monkeypatch):
    """pyperclip's message names `xselect`, a package that does not exist; ours names real ones."""
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    ok, why = clipboard.copy_with_pyperclip("text")
    assert not ok and why == clipboard.NO_TOOL and "xselect" not in why
    result = clipboard.copy("text")
    assert result.route == clipboard.FILE and result.message.startswith(f"No clipboard ({clipboard.NO_TOOL}); saved to")


@pytest.mark.skipif(not shutil.which("tmux"), reason="tmux is not installed")
def test_inside_tmux_the_text_reaches_its_paste_buffer(tmp_path, monkeypatch):
    """A new user: "Copied through the terminal (OSC 52)" in tmux, yet tmux's default
    set-clipboard drops an application's OSC 52 and `show-buffer` said "No buffers"."""
    sock = str(tmp_path / "tmux.sock")
    subprocess.run(["tmux", "-S", sock, "-f", "/dev/null", "new-session", "-d", "sleep 30"], check=True)
    try:
        monkeypatch.setenv("TMUX", f"{sock},0,0")
        monkeypatch.setenv("PATH", f"{tmp_path}:{os.path.dirname(shutil.which('tmux'))}")  # no xclip: tmux's turn
        monkeypatch.delenv("DISPLAY", raising=False)
        monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
        result = clipboard.copy("notes \u201cquoted\u201d [calls]")
        assert result.route == clipboard.TMUX and result.message == "Copied to tmux's paste buffer (prefix ] pastes it)."
        shown = subprocess.run(["tmux", "-S", sock, "show-buffer"], capture_output=True, text=True).stdout
        assert shown == "notes \u201cquoted\u201d [calls]"
    finally:
        subprocess.run(["tmux", "-S", sock, "kill-server"], capture_output=True)


def test_an_osc52_copy_is_also_saved_to_the_file(monkeypatch):
    monkeypatch.setenv("READER_CLIPBOARD", "osc52")
    sent = []
    result = clipboard.copy("notes", lambda seq: sent.append(seq) or True)
    assert sent and result.route == clipboard.OSC52 and open(result.path).read() == "notes"
    assert "some terminals ignore it" in result.message and result.path in result.message
