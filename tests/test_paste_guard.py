"""A paste is text, never keys: an attacker's paste ``my note \\x1b[31mred\\x1b[0m and
more\\x13uuu`` into the note box saved the note with ctrl+S and undid it and two
highlights with ``uuu``. The guarded parser makes every ESC inside a paste inert."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from textual import events

from reader.tui.paste_guard import ESC_SHOWN, PASTE_END, PASTE_START, PasteGuardParser

ATTACK = "my note \x1b[31mred\x1b[0m and more\x13uuu"


def events_of(chunks: list[str]) -> list[events.Event]:
    parser = PasteGuardParser()
    out: list = []
    for chunk in chunks:
        out.extend(parser.feed(chunk))
    out.extend(parser.feed(""))
    return out


def test_escapes_inside_a_paste_are_text_not_keys():
    got = events_of([PASTE_START + ATTACK + PASTE_END])
    assert [type(e) for e in got] == [events.Paste]
    assert got[0].text == ATTACK.replace("\x1b", ESC_SHOWN)


def test_a_false_end_marker_does_not_end_the_paste():
    got = events_of([PASTE_START + "my note\x1b[201" + "x\x13uuu" + PASTE_END + "j"])
    pastes = [e for e in got if isinstance(e, events.Paste)]
    keys = [e.key for e in got if isinstance(e, events.Key)]
    assert len(pastes) == 1 and pastes[0].text == f"my note{ESC_SHOWN}[201x\x13uuu" and keys == ["j"]


def test_markers_split_across_reads():
    whole = PASTE_START + "a\x1bb" + PASTE_END + "k"
    for cut in range(1, len(whole)):
        got = events_of([whole[:cut], whole[cut:]])
        pastes = [e.text for e in got if isinstance(e, events.Paste)]
        keys = [e.key for e in got if isinstance(e, events.Key)]
        assert pastes == [f"a{ESC_SHOWN}b"] and keys == ["k"], (cut, got)


def test_keys_outside_a_paste_are_untouched():
    got = events_of(["j", "\x1b[A", "k"])
    assert [e.key for e in got if isinstance(e, events.Key)] == ["j", "up", "k"]


def test_a_lone_escape_is_not_held_back():
    parser = PasteGuardParser()
    assert parser.guard("\x1b") == "\x1b"  # passed on at once (Textual's own delay decides)


@settings(max_examples=150, deadline=None)
@given(body=st.text(alphabet=st.sampled_from(["a", "u", "\x1b", "[", "2", "0", "1", "~", "\x13", "\r"]), max_size=40),
       cuts=st.lists(st.integers(min_value=0, max_value=60), max_size=3))
def test_no_paste_ever_becomes_keys(body, cuts):
    if PASTE_END in body:
        return
    whole = PASTE_START + body + PASTE_END
    points = sorted({c % (len(whole) + 1) for c in cuts})
    chunks = [whole[a:b] for a, b in zip([0, *points], [*points, len(whole)], strict=True) if whole[a:b]]
    got = events_of(chunks)
    assert not [e for e in got if isinstance(e, events.Key)], got
    assert "".join(e.text for e in got if isinstance(e, events.Paste)) == body.replace("\x1b", ESC_SHOWN)


def test_in_a_terminal_a_hostile_paste_into_the_note_box_undoes_nothing(tmp_path):
    """The attack itself, pasted by tmux as a bracketed paste into a real reader."""
    import json
    import shutil

    import pytest

    from tests.conftest import run_cli
    from tests.tmux_screen import TmuxReader

    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    db = str(tmp_path / "db.json")
    env = {"READER_DB": db, "HOME": str(tmp_path), "TERM": "xterm-256color"}
    r = TmuxReader(120, 30, env=env).start()
    try:
        r.keys("h", "j", "h", "j", "h", "n", pause=0.8)
        payload = tmp_path / "paste.txt"
        payload.write_bytes(ATTACK.encode())
        r._tmux("load-buffer", "-b", "attack", str(payload))
        r._tmux("paste-buffer", "-p", "-b", "attack", "-t", "0")
        r.wait_for("my note \u241b[31mred")
        r.keys("C-s", pause=0.8)
        r.keys("q", pause=1.5)
    finally:
        r.stop()
    rows = json.loads(run_cli("list", "--json", env={"READER_DB": db}).stdout)
    assert len(rows) == 3  # "uuu" undid nothing
    assert [x["note"] for x in rows if x["note"]] == [ATTACK.replace("\x1b", ESC_SHOWN)]


def test_bidirectional_overrides_and_c1_in_a_paste_are_shown_not_obeyed():
    """An attacker pasted U+202E into the note box and the search prompt: it was drawn as it
    is, turning the rest of the line around on screen, while the ESC beside it showed as ␛."""
    got = events_of([PASTE_START + "plain \u202eevil\u202c \u2066iso\u2069 \x9b31m \x1b end, \u05e9\u05dc\u05d5\u05dd" + PASTE_END])
    (paste,) = got
    assert paste.text == f"plain \ufffdevil\ufffd \ufffdiso\ufffd \ufffd31m {ESC_SHOWN} end, \u05e9\u05dc\u05d5\u05dd"
