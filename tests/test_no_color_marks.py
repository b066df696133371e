"""Under NO_COLOR the reader draws with attributes only: the focused field, its cursor and
selection, and every list's current row must show without colour (a first-time user, trial 14:
Tab onto the export dialog's File field changed nothing on screen, its path selected unseen,
and one key replaced it; the annotations panel's current row, which d deletes, was unmarked),
and the help says how to close it where it can be seen when it opens."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from tests.test_tui import make_app

HEAVY = "\u250f"  # ┏: a focused field's border under NO_COLOR


@pytest.fixture
def fixed():
    from reader.tui.textual_fixes import install

    install()


def screen_lines(app):
    return list(app.screen._compositor.render_strips())


def rows_of(app, widget):
    """The screen's lines across the widget, cropped to it."""
    r = widget.region
    return [strip.crop(r.x, r.right) for strip in screen_lines(app)[r.y:r.bottom]]


def reversed_text(strips) -> str:
    return "".join(seg.text for strip in strips for seg in strip if seg.style and seg.style.reverse)


async def test_the_focused_export_field_its_cursor_and_selection_show_without_colour(db, tmp_path, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(db, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        path, tags = app.screen.query_one("#export-path", Input), app.screen.query_one("#export-tags", Input)
        default = path.value
        path.cursor_blink = tags.cursor_blink = False  # the cursor drawn, not half the time
        before = [strip.text for strip in screen_lines(app)]
        await pilot.press("tab", "tab", "tab")  # Export -> Copy -> Cancel -> File
        await pilot.pause()
        assert app.focused is path
        assert [strip.text for strip in screen_lines(app)] != before  # the Tab shows
        assert HEAVY in rows_of(app, path)[0].text and HEAVY not in rows_of(app, tags)[0].text
        # nothing selected on focus: the cursor waits at the end, reversed, and a key adds to the path
        assert path.selection.is_empty and path.cursor_position == len(default)
        assert reversed_text(rows_of(app, path)[1:2]) == " "
        await pilot.press("X")
        assert path.value == default + "X"
        await pilot.press("shift+home")  # a selection is reversed
        await pilot.pause()
        shown = reversed_text(rows_of(app, path)[1:2])  # as much of the path as the field shows
        assert len(shown) > 40 and (default + "X").startswith(shown)
        await pilot.press("tab", "tab", "tab", "tab")  # the format, both boxes, then Tags
        await pilot.pause()
        assert app.focused is tags
        assert HEAVY in rows_of(app, tags)[0].text and HEAVY not in rows_of(app, path)[0].text
    app.workspace.store.close()


async def test_a_borderless_field_is_underlined_when_focused(db, tmp_path, monkeypatch):
    """The link picker's note (compact, one line) keeps its one line, text and all."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(db, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l", "l")  # a passage in each article: the picker
        await pilot.pause()
        note = app.screen.query_one("#link-note", Input)
        assert not any(seg.style and seg.style.underline for seg in rows_of(app, note)[0])
        await pilot.press("tab")
        await pilot.pause()
        assert app.focused is note and note.region.height == 1
        (line,) = rows_of(app, note)
        assert "note on the link" in line.text and all(seg.style.underline for seg in line if seg.text.strip())
    app.workspace.store.close()


def _tag_three(app) -> None:
    ws = app.workspace
    union = ws.docs[0]
    for i, tag in enumerate(("claim", "denial", "claim")):
        ws.add_tag(union, union.sentences(i)[0], tag)
    ws.store.flush()


async def test_the_annotations_panel_current_row_shows_without_colour(db, tmp_path, monkeypatch):
    """d, Delete and ctrl+d delete the current row: it is reversed, the keys in the filter or
    in the list (bold as well there)."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(db, tmp_path)
    _tag_three(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a", "down")
        await pilot.pause()
        lst = app.reading.query_one("#ann-list")
        assert app.focused is app.reading.query_one("#ann-filter") and lst.highlighted == 1

        def marked_rows(bold: bool) -> list[int]:
            rows = []
            for index in range(3):
                lines = [lst.render_line(2 * index + part) for part in (0, 1)]
                segs = [seg for strip in lines for seg in strip]
                if all(seg.style.reverse and (seg.style.bold or not bold) for seg in segs):
                    rows.append(index)
                else:
                    assert not any(seg.style.reverse for seg in segs), index
            return rows

        assert marked_rows(bold=False) == [1]
        await pilot.press("tab")  # into the list
        await pilot.pause()
        assert app.focused is lst and marked_rows(bold=True) == [1]
    app.workspace.store.close()


async def test_the_dispute_map_current_claim_shows_without_colour(db, tmp_path, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(db, tmp_path)
    _tag_three(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("D")
        await app.workers.wait_for_complete()
        await pilot.pause()
        lst = app.screen.query_one("#dispute-list")
        await pilot.press("down")
        await pilot.pause()
        assert lst.highlighted == 1
        firsts = [lst.render_line(2 * i) for i in range(2)]
        assert [all(seg.style.reverse for seg in strip) for strip in firsts] == [False, True]
    app.workspace.store.close()


def _option_marks(lst) -> list[bool]:
    """Per option: are all its lines reversed? (none of another option's cells may be)"""
    marks: dict[int, bool] = {}
    for y in range(lst.scrollable_content_region.height):
        try:
            index = lst._lines[lst.scroll_offset.y + y][0]
        except IndexError:
            break
        reverse = [bool(seg.style and seg.style.reverse) for seg in lst.render_line(y) if seg.text]
        marks[index] = marks.get(index, True) and all(reverse)
        if not all(reverse):
            assert not any(reverse), (index, y)
    return [marks[i] for i in sorted(marks)]


async def test_the_suggestions_and_the_palette_current_row_shows_without_colour(db, tmp_path, monkeypatch, fixed):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(db, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("S")
        await app.workers.wait_for_complete()
        await pilot.pause()
        lst = app.reading.query_one("#suggestions-list")
        assert app.focused is lst
        marks = _option_marks(lst)
        assert marks[0] and not any(marks[1:])
        await pilot.press("down")
        await pilot.pause()
        marks = _option_marks(lst)
        assert marks[1] and not marks[0] and not any(marks[2:])
        await pilot.press("escape", "ctrl+p")
        await pilot.pause(0.3)
        palette = app.screen.query_one("CommandList")
        await pilot.press("down")
        await pilot.pause()
        marks = _option_marks(palette)
        assert palette.highlighted is not None and marks[palette.highlighted] and sum(marks) == 1
    app.workspace.store.close()


async def test_the_link_picker_marks_the_guess_by_its_shape(db, tmp_path):
    app = make_app(db, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("S")
        await app.workers.wait_for_complete()
        await pilot.pause()
        guess = app.reading.query_one("#suggestions").suggestions[0].relation
        await pilot.press("c")
        await pilot.pause()
        rows = str(app.screen.query_one("#link-options").render()).splitlines()
        marked = [row for row in rows if row.startswith("\u25b6")]
        assert len(marked) == 1 and f" {guess} " in marked[0]
    app.workspace.store.close()


@pytest.mark.parametrize("size", [(80, 24), (200, 60)])
async def test_the_help_says_how_to_close_it_on_screen_when_it_opens(db, tmp_path, size):
    app = make_app(db, tmp_path)
    async with app.run_test(size=size) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "HelpScreen"
        assert any("Esc (or q, ?) closes" in strip.text for strip in screen_lines(app))
        await pilot.press("end")  # scrolled to the end, it is still there
        await pilot.pause(0.5)
        shown = [strip.text for strip in screen_lines(app)]
        assert any("Esc (or q, ?) closes" in line for line in shown)
        assert any("show without colour" in line for line in shown)  # the help's last words
        await pilot.press("escape")
        assert app.screen is app.screen_stack[0]
    app.workspace.store.close()
