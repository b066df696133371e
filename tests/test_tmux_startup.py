"""Opening a large file in a real terminal: the wait is announced, not a blank screen."""

import pytest

from tests.tmux_screen import HAVE_TMUX, TmuxReader

pytestmark = pytest.mark.skipif(not HAVE_TMUX, reason="tmux is not installed")


def test_a_large_file_is_announced_before_it_is_read(tmp_path):
    big = tmp_path / "big.txt"
    paragraph = "The council met on Tuesday and voted to close the bridge for repairs. " * 10
    big.write_text("A long report\n\n" + "\n\n".join([paragraph] * 3200), encoding="utf-8")
    assert big.stat().st_size > 2_000_000
    (tmp_path / "none.toml").touch()  # an empty config: no "names no file" notice
    env = {"READER_DB": str(tmp_path / "store.json"), "READER_CONFIG": str(tmp_path / "none.toml"),
           "XDG_CACHE_HOME": str(tmp_path / "cache"), "XDG_STATE_HOME": str(tmp_path / "state"),
           "TERM": "xterm-256color"}
    r = TmuxReader(80, 24, env=env, args=(str(big), "mayor-rebuttal")).start()
    try:
        r.keys("q")
        screen = r.wait_for("READER-EXITED-")
        assert "reader: reading " in screen and "big.txt (2 MB)\u2026" in screen.replace("\n", "")
    finally:
        r.stop()
