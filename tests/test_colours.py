"""Colours: text on every tag colour and every overlay reaches WCAG 4.5:1 as actually drawn,
on every theme the reader ships, in true colour, 256 colours and 16 colours; without colour,
highlights are attributes, never grey on grey; config colours are validated."""

import colorsys
import itertools

import pytest
from rich.color import Color

from reader.core.colours import SYSTEMS, contrast, drawn, parse_colour
from reader.core.config import DEFAULT_TAG_COLOURS, Config, TagColour, parse_config
from reader.core.errors import ConfigError
from reader.tui.widgets.tag_styles import TagStyles
from tests.test_tui import make_app

# The partner of a linked passage is bold italics over its own tag's colour (no background of
# its own, which once looked like #evidence): its contrast is the tag's, checked above.
OVERLAYS = ("selection", "search", "search-current", "pending")


def rgb_of(colour: Color) -> tuple[int, int, int]:
    r, g, b = colour.get_truecolor()
    return r, g, b


def drawn_contrast(style, system) -> float:
    """Contrast of a style's text on its background, both as a terminal of ``system`` draws them."""
    return contrast(drawn(rgb_of(style.color), system), drawn(rgb_of(style.bgcolor), system))


def test_default_tags_have_distinct_hues_and_16_colour_ansi():
    hues = {}
    for tag, spec in DEFAULT_TAG_COLOURS.items():
        h, light, _s = colorsys.rgb_to_hls(*(c / 255 for c in spec.rgb))
        hues[tag] = (h * 360, light)
    for (a, (ha, la)), (b, (hb, lb)) in itertools.combinations(hues.items(), 2):
        apart = min(abs(ha - hb), 360 - abs(ha - hb))
        assert apart >= 20 or abs(la - lb) >= 0.2, (a, b, apart)
    assert len({spec.ansi for spec in DEFAULT_TAG_COLOURS.values()}) == len(DEFAULT_TAG_COLOURS)


async def test_every_tag_and_overlay_is_readable_on_every_theme(db, tmp_path):
    app = make_app(db, tmp_path, config=Config(tag_colours={**DEFAULT_TAG_COLOURS, "rumour": TagColour((255, 136, 0))},
                                               user_tags=frozenset({"rumour"})))
    failures = []
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.views[0]
        themes = list(app.available_themes)
        assert len(themes) >= 10
        for theme in themes:
            app.theme = theme
            await pilot.pause()
            theme_vars = dict(app.theme_variables)
            for system in SYSTEMS:
                styles = TagStyles(app.config, system, theme_vars, no_color=False)
                for tag in [*app.config.tags, None]:
                    ratio = drawn_contrast(styles.highlight(tag), system)
                    if ratio < 4.5:
                        failures.append(f"{theme} {system} tag {tag}: {ratio:.2f}")
                view.restyle(styles)
                assert view._style("article--partner").bgcolor is None
                for name in OVERLAYS:
                    st = view._style(f"article--{name}")
                    ratio = drawn_contrast(st, system)
                    if ratio < 4.5:
                        failures.append(f"{theme} {system} {name}: {ratio:.2f}")
    app.workspace.store.close()
    assert not failures, failures


async def test_no_color_highlights_are_attributes_not_grey_on_grey(db, tmp_path, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(db, tmp_path)
    ws = app.workspace
    union = ws.docs[0]
    ws.add_tag(union, union.sentences(0)[0], "claim")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.no_color
        view = app.views[0]
        await pilot.press("j")
        line = list(view.render_line(0))
        marked = [seg for seg in line if seg.style and seg.style.underline]
        base_bg = view.base_style.bgcolor
        assert marked and all(seg.style.bgcolor == base_bg for seg in marked)  # no colour of its own
        assert "".join(seg.text for seg in marked).strip().startswith("Portland Police")
        for name in OVERLAYS:
            st = view._style(f"article--{name}")
            assert st.bgcolor is None and st.color is None
            assert st.bold or st.underline or st.reverse or st.italic, name
        # a new user: the other pane's cursor was bold underlined, exactly as a highlight is
        hl = view.tag_styles.highlight("claim")
        for name in ("cursor", "cursor-dim", "partner"):
            st = view._style(f"article--{name}")
            looks = (bool(st.bold), bool(st.underline), bool(st.reverse), bool(st.italic), bool(st.dim))
            assert looks != (bool(hl.bold), bool(hl.underline), False, False, False), name
        dim, cur = view._style("article--cursor-dim"), view._style("article--cursor")
        assert dim.reverse and dim.dim and not cur.dim
    ws.store.close()


@pytest.mark.parametrize("value,ok", [
    ("gold", True), ("#ffcc00", True), ("#fc0", True), ("rgb(255, 204, 0)", True), ("bright_red", True),
    ("grey50", True), ("color(214)", True), ("golden", False), ("#ffcc0", False), ("rgb(300,0,0)", False), ("", False),
])
def test_colour_values(value, ok):
    assert (parse_colour(value) is not None) is ok


@pytest.mark.parametrize("data,message", [
    ({"tags": {"claim": "golden"}}, "is not a colour"),
    ({"tags": {"a,b": "gold"}}, "is not a tag name"),
    ({"tags": {"[bold]x": "gold"}}, "is not a tag name"),
    ({"keys": {"quit": ""}}, "give comma-separated keys"),
    ({"keys": {"quit": "[b]q[/b]"}}, "give comma-separated keys"),
    ({"keys": {"quit": 5}}, "give comma-separated keys"),
    ({"colours": {}}, "unknown table"),
])
def test_bad_config_values_are_refused(data, message):
    with pytest.raises(ConfigError, match=message) as info:
        parse_config(data, "/x/config.toml")
    assert info.value.exit_code == 78 and "/x/config.toml" in str(info.value)


def test_readme_config_example_loads_and_gold_is_gold():
    cfg = parse_config({"keys": {"next_sentence": "j,down,ctrl+n", "highlight": "h,x"},
                        "tags": {"claim": "gold", "rumour": "#ff8800"}})
    assert cfg.colour_of("claim").rgb == (255, 215, 0)
    assert cfg.colour_of("rumour").rgb == (255, 136, 0) and "rumour" in cfg.tags
