"""A bug inside the running reader ends it as every error does: one line, exit code 70.

The trigger a new user met: the package reinstalled (editable) under a running reader, so a
module imported on first use was gone (``ModuleNotFoundError``) and Textual painted a
traceback over the screen. Here the same error is raised from a key's action.
"""

import json
import sys

import pytest

from tests.tmux_screen import HAVE_TMUX, TmuxReader

pytestmark = pytest.mark.skipif(not HAVE_TMUX, reason="tmux is not installed")

CRASHING = (
    "import sys\n"
    "from reader.tui.screens.reading import ReadingScreen\n"
    "def broken(self):\n"
    "    raise ModuleNotFoundError(\"No module named 'reader.core.services.snapshot'\")\n"
    "ReadingScreen.action_note = broken\n"
    "from reader.cli import main\n"
    "sys.exit(main([]))\n"
)


def test_an_error_inside_the_reader_is_one_line_and_exit_70_and_saved_work_stays(tmp_path):
    db = tmp_path / "store.json"
    env = {"READER_DB": str(db), "READER_CONFIG": str(tmp_path / "none.toml"),
           "XDG_CACHE_HOME": str(tmp_path / "cache"), "XDG_STATE_HOME": str(tmp_path / "state"),
           "TERM": "xterm-256color"}
    r = TmuxReader(80, 24, env=env, program=(sys.executable, "-c", CRASHING)).start()
    try:
        r.keys("h")
        r.wait_for("Highlighted.")
        r.keys("n")
        screen = r.wait_for("READER-EXITED-").replace("\n", "")  # the line wraps at 80 columns
        assert "READER-EXITED-70" in screen
        assert "reader: internal error" in screen and "ModuleNotFoundError" in screen
        assert "Traceback" not in screen and "action_note" not in screen
    finally:
        r.stop()
    shards = list((tmp_path / "store.json.d").glob("a-*.json"))
    assert len(shards) == 1 and len(json.loads(shards[0].read_text())["annotations"]) == 1
