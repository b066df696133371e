"""``reader list`` wraps quotes and notes to its columns. An attacker's 1 MB address in a
note took 61 s (each piece of a long word re-measured the rest); a 3 MB quote, minutes."""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from reader.listing import wrap


def test_words_and_long_words():
    assert wrap("abcdefghij klm", 4) == ["abcd", "efgh", "ij", "klm"]
    assert wrap("ab \u6f22\u5b57\u6f22\u5b57\u6f22 c", 4) == ["ab", "\u6f22\u5b57", "\u6f22\u5b57", "\u6f22 c"]
    assert wrap("first\n\nthird", 10) == ["first", "", "third"]


def test_a_character_wider_than_the_column_still_moves_on():
    assert wrap("\u6f22\u5b57", 1) == ["\u6f22", "\u5b57"]


def test_a_megabyte_word_is_linear():
    started = time.perf_counter()
    lines = wrap("y" * 1_000_000, 50)
    assert len(lines) == 20_000 and set(lines) == {"y" * 50}
    assert time.perf_counter() - started < 10  # it was over a minute; linear is well under a second


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(["a", "b", " ", "\n", "\u6f22", "\u00e9"]), max_size=80),
       width=st.integers(min_value=1, max_value=12))
def test_wrapping_keeps_every_character_within_the_width(text, width):
    lines = wrap(text, width)
    assert all(cell_len(line) <= width or len(line) == 1 for line in lines)
    assert "".join("".join(line.split()) for line in lines) == "".join(text.split())


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=40))
def test_the_quick_measure_is_richs(text):
    """Latin text is measured by its length (Rich's measure took half of listing 100,000
    annotations); every other text by Rich. Both must agree on every string."""
    from reader.listing import _cells

    assert _cells(text) == cell_len(text)


def test_cut_pads_and_ends_in_an_ellipsis_by_cells():
    from reader.listing import _cut

    assert _cut("caf\u00e9 \u2014 \u201cyes\u201d", 20) == "caf\u00e9 \u2014 \u201cyes\u201d" + " " * 8
    assert _cut("\u6f22\u5b57\u6f22\u5b57", 5) == "\u6f22\u5b57\u2026"
    assert cell_len(_cut("\u6f22\u5b57\u6f22\u5b57", 6)) == 6


def test_the_tags_column_grows_where_there_is_room():
    """A new user read "claim al…" at 200 columns."""
    from reader.listing import FIXED, MAX_TAGS, columns

    wide = dict(columns(200, 20, len("claim allegation quote")))
    assert wide["tags"] == len("claim allegation quote") and wide["article"] == 20
    assert dict(columns(80, 20, 22))["tags"] == dict(FIXED)["tags"]  # no room: as before
    assert dict(columns(300, 20, 80))["tags"] == MAX_TAGS


def test_reader_list_shows_whole_tags_at_200_columns():
    from tests.conftest import run_cli

    a = run_cli("annotate", "ice-union-allegation", "--quote", "Your current policy forbidding", "--tag", "claim",
                "--tag", "allegation")
    assert a.returncode == 0, a.stderr
    out = run_cli("list", env={"COLUMNS": "200"}).stdout
    assert "claim allegation" in out, out
