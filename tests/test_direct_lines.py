"""Plain Line-API widgets are drawn straight from their rows (reader/tui/widgets/direct_lines.py),
skipping Textual's styles cache: what they draw must be what Textual's path draws, cell for cell,
in colour and under NO_COLOR; a widget given a border or padding goes Textual's way."""

from __future__ import annotations

import pytest
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

from reader.tui.widgets.article_view import ArticleView
from reader.tui.widgets.direct_lines import direct_lines, is_plain
from reader.tui.widgets.key_bar import KeyBar
from reader.tui.widgets.status_line import StatusLine
from reader.tui.widgets.virtual_list import VirtualList
from tests.test_tui import make_app


def cells(lines: list[Strip]) -> list[list[tuple[str, object]]]:
    """Each line as (character, style) per cell, however it is cut into segments."""
    return [[(ch, seg.style) for seg in strip for ch in seg.text] for strip in lines]


def textual_lines(widget: Widget, crop: Region) -> list[Strip]:
    widget._styles_cache.clear()
    return Widget.render_lines(widget, crop)


@pytest.mark.parametrize("no_color", [False, True])
async def test_plain_widgets_draw_what_textual_would(db, tmp_path, monkeypatch, no_color):
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(db, tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("h", "j", "h", "t", *"claim", "enter", "v", "j")  # highlights, a tag, a selection
        await pilot.press("a")  # the annotations panel
        await pilot.pause()
        await pilot.press("tab")
        await pilot.pause()
        assert app.no_color == no_color
        widgets = [*app.reading.query(ArticleView), *app.reading.query(VirtualList),
                   app.reading.query_one(StatusLine), app.reading.query_one(KeyBar)]
        assert len(widgets) == 5
        for widget in widgets:
            assert is_plain(widget), widget
            width, height = widget.outer_size
            for crop in (Region(0, 0, width, height), Region(0, 2, width, 3), Region(3, 0, width - 5, 1)):
                mine = direct_lines(widget, crop)
                assert mine is not None
                assert cells(mine) == cells(textual_lines(widget, crop)), (widget, crop)
    app.workspace.store.close()


async def test_a_widget_with_padding_or_a_border_is_drawn_by_textual(db, tmp_path):
    app = make_app(db, tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        view = app.reading.views[0]
        crop = Region(0, 0, view.outer_size.width, 4)
        assert direct_lines(view, crop) is not None
        view.styles.padding = (0, 1)
        await pilot.pause()
        assert not is_plain(view) and direct_lines(view, crop) is None
        view.styles.padding = 0
        view.styles.border = ("round", "red")
        await pilot.pause()
        assert direct_lines(view, crop) is None
        view.styles.border = None
        view.styles.opacity = 0.5
        await pilot.pause()
        assert direct_lines(view, crop) is None
        # what reaches the screen is Textual's drawing, border included
        view.styles.opacity = 1.0
        view.styles.border = ("round", "red")
        await pilot.pause()
        assert view.render_lines(crop)[0].text.startswith("\u256d")
    app.workspace.store.close()


async def test_the_side_panel_ends_above_the_status_line_and_its_list_has_no_sideways_bar(db, tmp_path):
    app = make_app(db, tmp_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("h", "a")
        await pilot.pause()
        detail = app.reading.query_one("#ann-detail")
        status = app.reading.query_one(StatusLine)
        # docked to the screen, the panel went under the status line and key bar: the
        # detail's last two rows were hidden
        assert detail.region.bottom <= status.region.y
        lst = app.reading.query_one("#ann-list", VirtualList)
        assert not lst.show_horizontal_scrollbar
        assert "Portland Police" in str(detail.render())
    app.workspace.store.close()
