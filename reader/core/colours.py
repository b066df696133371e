"""Colours for tags: parsing what a user may write, and text that stays readable on them.

A tag's colour may be a CSS name ("gold"), a hex code ("#ffcc00", "#fc0"), ``rgb(r, g, b)``
or a Rich/ANSI name ("bright_red", "grey50", "color(214)"). Whatever the terminal can
show (true colour, 256 colours, 16 colours), the colour actually drawn is worked out
here, and the text on it is black or white, whichever reaches the higher WCAG contrast.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rich.color import Color, ColorParseError, ColorSystem
from rich.color_triplet import ColorTriplet
from rich.terminal_theme import DEFAULT_TERMINAL_THEME, TerminalTheme

RGB = tuple[int, int, int]

_CSS = """
aliceblue:f0f8ff antiquewhite:faebd7 aqua:00ffff aquamarine:7fffd4 azure:f0ffff beige:f5f5dc
bisque:ffe4c4 black:000000 blanchedalmond:ffebcd blue:0000ff blueviolet:8a2be2 brown:a52a2a
burlywood:deb887 cadetblue:5f9ea0 chartreuse:7fff00 chocolate:d2691e coral:ff7f50
cornflowerblue:6495ed cornsilk:fff8dc crimson:dc143c cyan:00ffff darkblue:00008b darkcyan:008b8b
darkgoldenrod:b8860b darkgray:a9a9a9 darkgreen:006400 darkgrey:a9a9a9 darkkhaki:bdb76b
darkmagenta:8b008b darkolivegreen:556b2f darkorange:ff8c00 darkorchid:9932cc darkred:8b0000
darksalmon:e9967a darkseagreen:8fbc8f darkslateblue:483d8b darkslategray:2f4f4f
darkslategrey:2f4f4f darkturquoise:00ced1 darkviolet:9400d3 deeppink:ff1493 deepskyblue:00bfff
dimgray:696969 dimgrey:696969 dodgerblue:1e90ff firebrick:b22222 floralwhite:fffaf0
forestgreen:228b22 fuchsia:ff00ff gainsboro:dcdcdc ghostwhite:f8f8ff gold:ffd700
goldenrod:daa520 gray:808080 green:008000 greenyellow:adff2f grey:808080 honeydew:f0fff0
hotpink:ff69b4 indianred:cd5c5c indigo:4b0082 ivory:fffff0 khaki:f0e68c lavender:e6e6fa
lavenderblush:fff0f5 lawngreen:7cfc00 lemonchiffon:fffacd lightblue:add8e6 lightcoral:f08080
lightcyan:e0ffff lightgoldenrodyellow:fafad2 lightgray:d3d3d3 lightgreen:90ee90 lightgrey:d3d3d3
lightpink:ffb6c1 lightsalmon:ffa07a lightseagreen:20b2aa lightskyblue:87cefa
lightslategray:778899 lightslategrey:778899 lightsteelblue:b0c4de lightyellow:ffffe0 lime:00ff00
limegreen:32cd32 linen:faf0e6 magenta:ff00ff maroon:800000 mediumaquamarine:66cdaa
mediumblue:0000cd mediumorchid:ba55d3 mediumpurple:9370db mediumseagreen:3cb371
mediumslateblue:7b68ee mediumspringgreen:00fa9a mediumturquoise:48d1cc mediumvioletred:c71585
midnightblue:191970 mintcream:f5fffa mistyrose:ffe4e1 moccasin:ffe4b5 navajowhite:ffdead
navy:000080 oldlace:fdf5e6 olive:808000 olivedrab:6b8e23 orange:ffa500 orangered:ff4500
orchid:da70d6 palegoldenrod:eee8aa palegreen:98fb98 paleturquoise:afeeee palevioletred:db7093
papayawhip:ffefd5 peachpuff:ffdab9 peru:cd853f pink:ffc0cb plum:dda0dd powderblue:b0e0e6
purple:800080 rebeccapurple:663399 red:ff0000 rosybrown:bc8f8f royalblue:4169e1
saddlebrown:8b4513 salmon:fa8072 sandybrown:f4a460 seagreen:2e8b57 seashell:fff5ee sienna:a0522d
silver:c0c0c0 skyblue:87ceeb slateblue:6a5acd slategray:708090 slategrey:708090 snow:fffafa
springgreen:00ff7f steelblue:4682b4 tan:d2b48c teal:008080 thistle:d8bfd8 tomato:ff6347
turquoise:40e0d0 violet:ee82ee wheat:f5deb3 white:ffffff whitesmoke:f5f5f5 yellow:ffff00
yellowgreen:9acd32
"""
CSS_COLOURS: dict[str, RGB] = {
    name: (int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16))
    for name, h in (item.split(":") for item in _CSS.split())
}
_HEX = re.compile(r"#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
_RGB_FN = re.compile(r"rgb\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*\)")
COLOUR_RULE = "a colour name like 'gold' or 'bright_red', a hex code like '#ffcc00', or rgb(255, 204, 0)"
SYSTEMS = ("truecolor", "256", "16")
BLACK: RGB = (0, 0, 0)
WHITE: RGB = (255, 255, 255)


def parse_colour(value: str) -> RGB | None:
    """The RGB of a colour a user wrote, or None if it is not one."""
    text = value.strip().lower()
    m = _HEX.fullmatch(text)
    if m:
        h = m.group(1)
        if len(h) == 3:
            h = "".join(c * 2 for c in h)
        return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)
    m = _RGB_FN.fullmatch(text)
    if m:
        parts = tuple(int(x) for x in m.groups())
        return parts if all(0 <= p <= 255 for p in parts) else None  # type: ignore[return-value]
    if text in CSS_COLOURS:
        return CSS_COLOURS[text]
    try:
        return tuple(Color.parse(text).get_truecolor(DEFAULT_TERMINAL_THEME))  # type: ignore[return-value]
    except ColorParseError:
        return None


def hex_of(rgb: RGB) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def luminance(rgb: RGB) -> float:
    """WCAG 2 relative luminance."""
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: RGB, b: RGB) -> float:
    """WCAG 2 contrast ratio, from 1 to 21."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def drawn(rgb: RGB, system: str, theme: TerminalTheme = DEFAULT_TERMINAL_THEME) -> RGB:
    """The colour a terminal of this colour system draws for rgb (Rich's own downgrade)."""
    colour = Color.from_triplet(ColorTriplet(*rgb))
    if system == "256":
        colour = colour.downgrade(ColorSystem.EIGHT_BIT)
    elif system == "16":
        colour = colour.downgrade(ColorSystem.STANDARD)
    return tuple(colour.get_truecolor(theme))  # type: ignore[return-value]


@dataclass(frozen=True)
class Swatch:
    """A background as drawn on one colour system, and the text colour to put on it."""

    background: RGB
    text: RGB
    ratio: float


def swatch(rgb: RGB, system: str, theme: TerminalTheme = DEFAULT_TERMINAL_THEME) -> Swatch:
    bg = drawn(rgb, system, theme)
    black, white = drawn(BLACK, system, theme), drawn(WHITE, system, theme)
    best = max((black, white), key=lambda fg: contrast(fg, bg))
    return Swatch(bg, best, contrast(best, bg))
