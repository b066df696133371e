"""Tag colours as Rich styles, resolved once per theme and colour system.

The colour drawn depends on the terminal: true colour and 256 colours draw the tag's own
colour (or the nearest of 256), 16 colours draw the tag's ANSI colour. The text on it is
black or white, whichever reaches the higher WCAG contrast against the colour actually
drawn (``reader.core.colours``). Without colour (``NO_COLOR``) a highlight is underlined
bold text, never grey on grey.
"""

from __future__ import annotations

from rich.color import Color
from rich.style import Style

from reader.core.colours import RGB, hex_of, luminance, parse_colour, swatch
from reader.core.config import Config, TagColour

SYSTEM_NAMES = {"truecolor": "truecolor", "256": "256", "standard": "16", "windows": "16"}


def colour_system(name: str | None) -> str:
    """Rich's console colour system as "truecolor", "256", "16" (or "none")."""
    return SYSTEM_NAMES.get(name or "", "none")


class TagStyles:
    def __init__(self, config: Config, system: str, theme: dict[str, str], no_color: bool) -> None:
        self.config = config
        self.system = system
        self.theme = theme
        self.no_color = no_color or system == "none"
        self._cache: dict[str | None, Style] = {}
        self._marks: dict[str | None, Style] = {}

    def rgb(self, tag: str | None) -> RGB:
        """The tag's colour in true colour: the user's, else the theme's, else the default."""
        spec = self.config.colour_of(tag)
        if spec.theme_variable and tag not in self.config.user_tags:
            themed = parse_colour(self.theme.get(spec.theme_variable, "") or "")
            if themed is not None:
                return themed
        return spec.rgb

    def _background(self, tag: str | None) -> tuple[Color, RGB]:
        spec: TagColour = self.config.colour_of(tag)
        rgb = self.rgb(tag)
        if self.system == "16" and spec.ansi and tag not in self.config.user_tags:
            colour = Color.parse(spec.ansi)
            return colour, tuple(colour.get_truecolor())  # type: ignore[return-value]
        return Color.parse(hex_of(rgb)), rgb

    def highlight(self, tag: str | None) -> Style:
        st = self._cache.get(tag)
        if st is None:
            if self.no_color:
                st = Style(underline=True, bold=True)
            else:
                bg, rgb = self._background(tag)
                sw = swatch(rgb, self.system)
                dark_text = luminance(sw.text) < 0.5
                fg = ("black" if dark_text else "bright_white") if self.system == "16" else hex_of(sw.text)
                st = Style(bgcolor=bg, color=fg, underline=True)
            self._cache[tag] = st
        return st

    def text_on(self, background: Color) -> Style:
        """Black or white text, whichever reaches the higher contrast on this background as drawn."""
        r, g, b = background.get_truecolor()
        sw = swatch((r, g, b), self.system if self.system in ("truecolor", "256", "16") else "truecolor")
        if self.system == "16":
            return Style(color="black" if luminance(sw.text) < 0.5 else "bright_white")
        return Style(color=hex_of(sw.text))

    def mark(self, tag: str | None) -> Style:
        """The gutter mark's colour (the tag's colour as text)."""
        st = self._marks.get(tag)
        if st is None:
            st = Style(bold=True) if self.no_color else Style(color=self._background(tag)[0], bold=True)
            self._marks[tag] = st
        return st
