"""Typing a tag in the bottom lines: the entry's logic, and what the reader does around it."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from textual.events import Paste

from reader.core.store.records import parse_tag
from reader.tui.widgets.tag_entry import MAX_TYPED, TagEntry
from tests.test_tui import make_app

KNOWN = ["claim", "evidence", "denial", "quote"]


def test_completions_are_fuzzy_and_a_new_name_is_offered_last():
    entry = TagEntry.start(KNOWN).typed("clm")
    assert [c.tag for c in entry.completions] == ["claim", "clm"]
    assert entry.completions[-1].label == "+ new tag: clm"
    assert entry.choice() == "claim"
    assert entry.moved(1).choice() == "clm"
    assert entry.moved(2).choice() == "claim"  # wraps
    assert entry.moved(-1).choice() == "clm"


def test_empty_entry_offers_every_known_tag_and_erasing_resets_the_pick():
    entry = TagEntry.start(KNOWN)
    assert [c.tag for c in entry.completions] == KNOWN
    picked = entry.typed("e").moved(1)
    assert picked.index == 1
    assert picked.erased().index == 0 and picked.erased().text == ""
    assert entry.typed("quo").erased(everything=True).text == ""


def test_a_name_that_is_not_a_tag_cannot_be_chosen():
    entry = TagEntry.start(KNOWN).typed("!!")
    assert [c.label for c in entry.completions] == ["not a tag name: letters, digits and dashes"]
    assert entry.choice() is None


def test_untag_offers_only_the_passage_tags():
    entry = TagEntry.start(["claim", "rumour"], "untag").typed("zz")
    assert entry.mode == "UNTAG" and entry.completions == () and entry.choice() is None
    assert TagEntry.start(["claim", "rumour"], "untag").typed("rum").choice() == "rumour"


@given(st.text(max_size=200))
def test_whatever_is_typed_or_pasted_the_entry_stays_plain_and_short(chars):
    entry = TagEntry.start(KNOWN).typed(chars)
    assert len(entry.text) <= MAX_TYPED
    assert not any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in entry.text)
    choice = entry.choice()
    assert choice is None or choice in KNOWN or parse_tag(choice) == choice


async def test_keys_typed_into_the_entry_never_reach_the_article(db, tmp_path):
    app = make_app(db, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        left = app.reading.views[0]
        await pilot.press("J", "J")
        cursor, focused = left.cursor, app.focused
        await pilot.press("t", "j", "k", "h", "q", "d")  # all bound keys; all typed
        await pilot.pause()
        assert app.reading.tag_entry is not None and app.reading.tag_entry.text == "jkhqd"
        assert left.cursor == cursor and app.focused is focused and not app.workspace.highlights(left.doc)
        assert app.screen is app.screen_stack[0]  # no dialog: nothing repaints the whole screen
        await pilot.press("ctrl+u")
        app.screen.post_message(Paste("evi\x1b[2J"))  # pasted: control characters dropped
        await pilot.pause()
        assert app.reading.tag_entry.text == "evi[2J"
        await pilot.press("ctrl+u", *"evi", "enter")
        await pilot.pause()
        assert app.reading.tag_entry is None
        assert app.workspace.highlight_at(left.doc, *left.cursor).ann["tags"] == ["evidence"]
        assert "Tagged #evidence" in app.reading.status.message
    app.workspace.store.close()


async def test_a_tag_being_typed_ends_when_a_dialog_opens_over_it(db, tmp_path):
    app = make_app(db, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t", *"cl", "ctrl+p")  # the command palette (a priority key)
        await pilot.pause()
        assert app.screen is not app.screen_stack[0]
        assert app.reading.tag_entry is None
        await pilot.press("escape")
        await pilot.pause()
        assert app.reading.context == "normal"
    app.workspace.store.close()


def test_the_key_bar_always_shows_the_chosen_completion_even_far_down_a_long_list():
    from reader.tui.widgets.key_bar import KeyBar

    bar = KeyBar({})
    entry = TagEntry.start([f"tag-number-{i}" for i in range(40)])
    for index in (0, 7, 39):
        for width in (24, 80, 200):
            pieces = bar._completions(entry.moved(index), width)
            chosen = [text for text, name in pieces if name == "keybar--key" and "number" in text]
            assert chosen == [f" tag-number-{index} "], (index, width, pieces)
            assert sum(len(text) for text, _ in pieces) <= width, (index, width)


async def test_clicking_a_field_mid_tag_abandons_the_tag(db, tmp_path):
    app = make_app(db, tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("a")  # the annotations panel: its filter takes the focus
        await pilot.pause()
        app.reading.set_focus(app.reading.views[0])
        await pilot.press("t", "c")
        assert app.reading.tag_entry is not None
        await pilot.click("#ann-filter")
        await pilot.pause()
        assert app.reading.tag_entry is None and app.reading.context != "tag"
        await pilot.press("x")
        assert app.reading.query_one("#ann-filter").value == "x"  # the field has the keys now
    app.workspace.store.close()

