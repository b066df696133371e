"""The user's config file (TOML): key remapping and tag colours, validated when loaded.

    [keys]            # binding id = "comma,separated,keys" (ids: on the help screen)
    next_sentence = "j,down,ctrl+n"

    [tags]            # tag = colour; a new name adds a tag
    claim = "gold"
    rumour = "#ff8800"

Every value is checked at load; a bad one is one line naming the file, the key and what
is accepted, and exit code 78. Binding ids are checked by the front end that owns them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from reader.core.colours import COLOUR_RULE, RGB, parse_colour
from reader.core.errors import ConfigError
from reader.core.fs import NotRegular, TooLarge, read_regular
from reader.core.store.records import BUILTIN_TAGS, TAG_RULE, parse_tag


@dataclass(frozen=True)
class TagColour:
    """A tag's colour: exact (true colour, 256 colours) and the ANSI colour for 16 colours."""

    rgb: RGB
    ansi: str | None = None  # None: let the terminal's nearest colour stand in
    theme_variable: str | None = None  # a Textual theme colour that replaces rgb when set


# Distinct hues for the tags shipped with the reader; 16-colour terminals get one ANSI
# colour each (claim bright yellow, allegation yellow: the one pair told apart by brightness).
DEFAULT_TAG_COLOURS: dict[str, TagColour] = {
    "claim": TagColour((0xFF, 0xE6, 0x29), "bright_yellow"),
    "evidence": TagColour((0x46, 0xA7, 0x58), "green", "success"),
    "denial": TagColour((0xE5, 0x48, 0x4D), "red", "error"),
    "quote": TagColour((0x3E, 0x63, 0xDD), "blue"),
    "question": TagColour((0x8E, 0x4E, 0xC6), "magenta"),
    "allegation": TagColour((0xF7, 0x6B, 0x15), "yellow"),
    "source": TagColour((0x12, 0xA5, 0x94), "cyan"),
}
UNTAGGED = TagColour((0x80, 0x80, 0x80), "bright_black")
OTHER_TAG = TagColour((0xB0, 0xB0, 0xB0), "white")
assert set(DEFAULT_TAG_COLOURS) == set(BUILTIN_TAGS)

_KEY = re.compile(r"((ctrl|shift|alt|meta|super|hyper)\+)*([a-z0-9_]+|[!-~])", re.I)


@dataclass
class Config:
    keys: dict[str, str] = field(default_factory=dict)
    tag_colours: dict[str, TagColour] = field(default_factory=lambda: dict(DEFAULT_TAG_COLOURS))
    user_tags: frozenset[str] = frozenset()  # tags whose colour the user chose
    source: str = ""  # the file it came from, for messages
    missing: bool = False  # no file was there: the defaults

    def colour_of(self, tag: str | None) -> TagColour:
        if tag is None:
            return UNTAGGED
        return self.tag_colours.get(tag, OTHER_TAG)

    @property
    def tags(self) -> list[str]:
        return list(self.tag_colours)


def valid_keys(value: str) -> bool:
    parts = [p.strip() for p in value.split(",")]
    return bool(parts) and all(p and len(p) <= 40 and _KEY.fullmatch(p) for p in parts)


def load_config(path: str) -> Config:
    """Read and check the config; a missing file is the defaults."""
    cfg = Config(source=path)
    import tomllib  # only when there is a file to read: keeps start-up light

    try:
        # a pipe blocked the reader for ever in open(), /dev/zero filled its memory
        raw = read_regular(path, CONFIG_CAP)
        # a byte-order mark, as some editors save UTF-8, is no TOML error ("invalid statement")
        data = tomllib.loads(raw.decode("utf-8").removeprefix("\ufeff"))
    except TooLarge:
        raise ConfigError(f"config {path}: larger than {CONFIG_CAP >> 10} KB; a config is a few lines") from None
    except NotRegular:
        raise ConfigError(f"config {path}: not a regular file (a pipe or a device)") from None
    except FileNotFoundError:
        cfg.missing = True  # the defaults; the reader says so when READER_CONFIG named it (a typo was silent)
        return cfg
    except IsADirectoryError:
        raise ConfigError(f"config {path}: is a directory, not a file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"config {path}: cannot read it ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"config {path}: not valid TOML ({exc})") from None
    except RecursionError:  # "x = [[[[…]]]]" 50,000 deep: Python's parser recurses
        raise ConfigError(f"config {path}: not valid TOML (nested too deep)") from None
    return parse_config(data, path)


CONFIG_CAP = 1024 * 1024


def parse_config(data: dict[str, Any], path: str = "config") -> Config:
    cfg = Config(source=path)
    unknown = sorted(set(data) - {"keys", "tags"})
    if unknown:
        raise ConfigError(f"config {path}: unknown table {unknown[0]!r}; the config has [keys] and [tags]")
    keys, tags = data.get("keys", {}), data.get("tags", {})
    if not isinstance(keys, dict) or not isinstance(tags, dict):
        raise ConfigError(f"config {path}: [keys] and [tags] must be tables")
    for name, value in keys.items():
        if not isinstance(value, str) or not valid_keys(value):
            raise ConfigError(f"config {path}: [keys] {name!r} = {value!r}: give comma-separated keys such as "
                              "\"j,down,ctrl+n\"")
        cfg.keys[str(name)] = ",".join(p.strip() for p in value.split(","))
    for name, value in tags.items():
        tag = parse_tag(str(name))
        if tag is None:
            raise ConfigError(f"config {path}: [tags] {name!r} is not a tag name ({TAG_RULE})")
        rgb = parse_colour(value) if isinstance(value, str) else None
        if rgb is None:
            raise ConfigError(f"config {path}: [tags] {tag} = {value!r} is not a colour; use {COLOUR_RULE}")
        cfg.tag_colours[tag] = TagColour(rgb)
    cfg.user_tags = frozenset(parse_tag(str(n)) or "" for n in tags)
    return cfg
