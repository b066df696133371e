"""Typing a tag in the bottom lines: the entry's logic, and what the reader does around it."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from textual.events import Key, Paste

from reader.core.store.records import parse_tag
from reader.tui.widgets.tag_entry import MAX_TYPED, NOT_A_TAG, TagEntry
from tests.test_tui import make_app, press_keys

KNOWN = ["claim", "evidence", "denial", "quote"]


def test_completions_rank_the_name_then_tags_it_begins_then_a_new_tag_then_fuzzy_ones():
    entry = TagEntry.start(KNOWN).typed("clm")
    assert [c.tag for c in entry.completions] == ["clm", "claim"]  # a whole new name is not traded away
    assert entry.completions[0].label == "+ new tag: clm"
    assert entry.choice() == "clm"
    assert entry.moved(1).choice() == "claim"  # the fuzzy match, one Tab away
    assert entry.moved(2).choice() == "clm"  # wraps
    assert entry.moved(-1).choice() == "claim"
    assert TagEntry.start(KNOWN).typed("ice").choice() == "ice"  # found trying it cold: it chose "evidence"
    assert [c.tag for c in TagEntry.start([*KNOWN, "de"]).typed("de").completions][:2] == ["de", "denial"]
    assert TagEntry.start(KNOWN).typed("cl").choice() == "claim"  # a tag it begins comes before a new one


def test_a_tag_typed_as_shown_or_as_spoken_finds_itself():
    """Found trying it cold: "#claim" and "my tag" (stored my-tag) offered nothing at all."""
    assert TagEntry.start(KNOWN).typed("#claim").choice() == "claim"
    assert TagEntry.start([*KNOWN, "my-tag"]).typed("My Tag").choice() == "my-tag"
    assert TagEntry.start(["claim", "rumour"], "untag").typed("#rumour").choice() == "rumour"


def test_empty_entry_offers_every_known_tag_and_erasing_resets_the_pick():
    entry = TagEntry.start(KNOWN)
    assert [c.tag for c in entry.completions] == KNOWN
    picked = entry.typed("e").moved(1)
    assert picked.index == 1
    assert picked.erased().index == 0 and picked.erased().text == ""
    assert entry.typed("quo").erased(everything=True).text == ""


def test_a_name_that_is_not_a_tag_cannot_be_chosen():
    entry = TagEntry.start(KNOWN).typed("!!")
    assert [c.label for c in entry.completions] == [NOT_A_TAG]
    assert entry.choice() is None
    assert TagEntry.start(KNOWN).typed("a" * 41).completions[0].label == NOT_A_TAG  # too long


def test_untag_offers_only_the_passage_tags():
    entry = TagEntry.start(["claim", "rumour"], "untag").typed("zz")
    assert entry.mode.startswith("UNTAG #zz") and entry.choice() is None
    assert [c.label for c in entry.completions] == ["no tag of this passage matches \u201czz\u201d"]
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
            chosen = [text for text, name in pieces if name == "keybar--choice"]
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



async def test_keys_queued_behind_t_go_into_the_tag(db, tmp_path):
    """Found trying it cold: `t c l a Enter` typed in one instant linked (l) and opened the
    panel (a): t's binding ran only after those keys had passed. Queued keys must do what
    they do one by one."""

    async def run(queued: bool):  # type: ignore[no-untyped-def]
        app = make_app(db, tmp_path)
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.press("J", "J")
            await press_keys(app, pilot, ["t", "c", "l", "a", "enter", "j"], queued)
            view = app.reading.views[0]
            tagged = [h.ann["tags"] for h in app.workspace.highlights(view.doc)]
            state = (tagged, app.reading.link_draft, app.reading.panel, app.reading.tag_entry)
        app.workspace.store.close()
        return state

    one_by_one = await run(False)
    assert one_by_one == ([["claim"]], None, "", None)
    assert await run(True) == one_by_one


async def test_t_queued_behind_moves_tags_the_passage_they_moved_to(db, tmp_path):
    """Found trying it in tmux: `h j h t c l a i m Enter` typed in one instant tagged the
    first passage, not the second: t acts as it passes the screen, and the j before it had
    not moved the cursor yet (a binding runs once its key reaches the app)."""

    async def run(queued: bool):  # type: ignore[no-untyped-def]
        app = make_app(db, tmp_path)
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.press("J", "J")
            await press_keys(app, pilot, ["h", "j", "h", "t", *"claim", "enter", "j", "t", "x", "enter"], queued)
            await pilot.pause()
            view = app.reading.views[0]
            tagged = [(view.doc.location(h.start), h.ann["tags"]) for h in app.workspace.highlights(view.doc)]
            state = (tagged, app.reading.tag_entry, view.doc.location(view.cursor[0]))
        app.workspace.store.close()
        return state

    one_by_one = await run(False)
    assert [tags for _where, tags in one_by_one[0]] == [[], ["claim"], ["x"]]
    assert await run(True) == one_by_one


async def test_the_typed_tag_shows_on_a_narrow_terminal_and_the_filter_finds_tags_as_shown(db, tmp_path):
    app = make_app(db, tmp_path)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.press("t", *"cla")
        await pilot.pause()
        status = [strip.text for strip in app.screen._compositor.render_strips()][-2]
        assert "#cla" in status, status  # in the mode block, which is never cut
        await pilot.press("enter")
        await pilot.pause()
    app.workspace.store.close()
    app = make_app(db, tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("a", *"#cla")
        await pilot.pause()
        assert len(app.reading.query_one("#ann-list").items) == 1  # "#cla" finds #claim, as the list shows it
    app.workspace.store.close()


async def test_an_empty_annotations_list_draws_under_no_color(db, tmp_path, monkeypatch):
    """Found reviewing in tmux under NO_COLOR: the empty list's message had segments with no
    style, and Textual's monochrome filter crashed on them (a traceback, exit 1)."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(db, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a", *"#ic")
        await pilot.pause()
        assert any("Nothing matches" in strip.text for strip in app.screen._compositor.render_strips())
        await pilot.press("escape")
        await pilot.pause()
    assert app.return_code in (None, 0)
    app.workspace.store.close()


async def test_T_queued_behind_moves_untags_the_passage_they_moved_to(db, tmp_path):
    """`j T c l a i m Enter` typed in one instant took the tags of the passage before the j:
    T, like t, acts as it passes the screen, before the j's binding has run. And a key typed
    right after a T that removes a passage's only tag (no entry to type in) still acts."""

    async def run(queued: bool):  # type: ignore[no-untyped-def]
        app = make_app(db, tmp_path)
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.press("J", "J", "t", *"claim", "enter", "t", "x", "enter", "j", "t", *"claim", "enter",
                              "t", "y", "enter", "j", "t", "z", "enter", "k", "k")
            await pilot.pause()
            await press_keys(app, pilot, ["j", "T", *"claim", "enter", "j", "T", "j"], queued)
            await pilot.pause()
            view = app.reading.views[0]
            tagged = [(view.doc.location(h.start), sorted(h.ann["tags"])) for h in app.workspace.highlights(view.doc)]
            state = (tagged, app.reading.tag_entry, view.doc.location(view.cursor[0]))
        app.workspace.store.close()
        return state

    one_by_one = await run(False)
    assert [tags for _where, tags in one_by_one[0]] == [["claim", "x"], ["y"], []]
    assert one_by_one[2] != one_by_one[0][2][0]  # the last j moved on from the untagged passage
    assert await run(True) == one_by_one


async def test_a_tag_pasted_right_after_T_lands_in_the_entry_once_it_is_aimed(db, tmp_path):
    async def run(queued: bool):  # type: ignore[no-untyped-def]
        app = make_app(db, tmp_path)
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.press("J", "J", "t", *"claim", "enter", "t", "x", "enter")
            await pilot.pause()
            if queued:
                app.post_message(Key("T", "T"))
                app.post_message(Paste("x"))
                app.post_message(Key("enter", None))
            else:
                await pilot.press("T")
                app.post_message(Paste("x"))
                await pilot.pause()
                await pilot.press("enter")
            await pilot.pause()
            view = app.reading.views[0]
            tags = [sorted(h.ann["tags"]) for h in app.workspace.highlights(view.doc)]
        app.workspace.store.close()
        return tags

    assert await run(False) == [["claim"]]
    assert await run(True) == [["claim"]]  # not the first choice, as an entry that lost the paste takes


def test_tags_in_use_are_kept_and_follow_every_change(db):
    """t listed the tags by reading every highlight (140 ms at 100,000): they are kept until
    the store changes, and a new tag, an undo, a deleted highlight all show at once."""
    from reader.core.services.workspace import Workspace
    from reader.core.sources.articles import load_document
    from reader.core.store.store import Store

    store = Store.open(db)
    try:
        ws = Workspace(store, [load_document("ice-union-allegation"), load_document("mayor-rebuttal")])
        union = ws.docs[0]
        span = union.sentence_at(union.text.find("Members of the union"))[2]
        assert "newtag" not in ws.tags_in_use()
        ws.add_tag(union, span, "newtag")
        assert "newtag" in ws.tags_in_use()
        store.undo()
        assert "newtag" not in ws.tags_in_use()
    finally:
        store.close()
