"""The README's key tour, in a real terminal (tmux): 80×24 and 160×48, 256 colours and NO_COLOR.

Each run reads the screen with its styles (``capture-pane -e``) and checks that every
highlighted word is on screen and told apart from plain text: by a colour that is not the
text's own, or (without colour) by an attribute, never grey on grey.
"""

import os

import pytest

from tests.tmux_screen import HAVE_TMUX, TmuxReader, parse, text_of

pytestmark = pytest.mark.skipif(not HAVE_TMUX, reason="tmux is not installed")

CLAIM = "Your current policy forbidding Portland law enforcement agencies"
DENIAL = "No such policy exists"


def _cells_of(rows, words):
    """The cells where ``words`` appear on screen (the first run of them on a row)."""
    for row in rows:
        line = "".join(c.char for c in row)
        i = line.find(words)
        if i >= 0:
            return row[i:i + len(words)], row
    return None, None


@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
@pytest.mark.parametrize("colours", ["256", "no-color"])
def test_readme_key_tour(tmp_path, size, colours):
    (tmp_path / "none.toml").touch()  # an empty config, as a fresh machine's defaults
    env = {"READER_DB": str(tmp_path / "store.json"), "READER_CONFIG": str(tmp_path / "none.toml"),
           "XDG_CACHE_HOME": str(tmp_path / "cache"), "XDG_STATE_HOME": str(tmp_path / "state"),
           "READER_CLIPBOARD": "file", "TERM": "xterm-256color", "COLORTERM": ""}
    if colours == "no-color":
        env["NO_COLOR"] = "1"
    r = TmuxReader(*size, env=env).start()
    try:
        bar = r.last_line()
        assert "?  help" in bar and "q  quit" in bar  # the key bar always shows help and quit
        # find the letter's claim and tag it
        r.keys("/")
        r.type("Your current policy")
        r.keys("Enter", "Escape")
        assert "SEARCH" not in r.plain()
        r.keys("t")
        r.wait_for(" TAG ")  # typed in the status line; the key bar offers the tags
        assert "claim" in r.last_line() and "Esc" in r.last_line()
        r.type("claim")
        r.keys("Enter")
        r.wait_for("Tagged #claim")
        rows = parse(r.screen())
        cells, row = _cells_of(rows, "Your current policy")
        assert cells, text_of(rows)
        body = [c for c in row if c.plain and c.char.strip()]
        for c in cells:
            assert not c.plain, f"highlighted cell {c} looks like plain text"
            assert not (c.fg and c.fg == c.bg), f"grey on grey: {c}"
        if colours == "no-color":
            assert all(c.underline for c in cells)
            # no colour of the reader's at all: the terminal's own show (greys were a dark box)
            assert not any(c.fg or c.bg for row_ in rows for c in row_), "a colour under NO_COLOR"
            if size == (80, 24):  # the articles run past the screen: the scrollbar's thumb shows, in glyphs
                assert "\u2588" in text_of(rows), text_of(rows)
            # the track is a rule: the two articles' gutters are told apart (a user read the right
            # one's link marks as the left one's)
            assert sum("\u2502" in "".join(c.char for c in row_) for row_ in rows) >= size[1] // 3
        else:
            assert all(c.bg and (not body or c.bg != body[0].bg) for c in cells)
        # link it: mark, move to the answer, l, r
        r.keys("l")
        r.wait_for("LINK")
        r.keys("/")
        r.type("No such policy")
        r.keys("Enter", "Escape", "l")
        picker = r.wait_for("Link: which relation?")
        assert "rebuts" in picker
        r.keys("r")
        r.wait_for("Linked:")
        rows = parse(r.screen())
        cells, _row = _cells_of(rows, DENIAL)
        assert cells and all(not c.plain for c in cells)  # the answer is highlighted too
        # the panels and screens open and close
        for key, marker in (("a", "Annotations"), ("D", "Dispute map"), ("S", "Suggestions"),
                            ("A", "What answers"), ("e", "Export notes"), ("question_mark", "reader \u00b7 keys")):
            r.keys(key if key != "question_mark" else "?", pause=0.6)
            r.wait_for(marker)
            r.keys("Escape", pause=0.4)
        # quit: the terminal is given back
        r.keys("q", pause=0.8)
        out = r.wait_for("READER-EXITED-0")
        assert "NORMAL" not in out
    finally:
        r.stop()
    assert os.path.exists(tmp_path / "store.json")
