"""The user's config file (TOML): key remapping and tag colours.

    [keys]            # binding id = "comma,separated,keys"
    next_sentence = "j,down,ctrl+n"

    [tags]            # tag = colour (any Textual/Rich colour); new names add tags
    claim = "yellow"
    rumour = "#ff8800"
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reader.core.errors import ReaderError
from reader.core.records import BUILTIN_TAGS

DEFAULT_TAG_COLOURS = {
    "claim": "yellow", "evidence": "green", "denial": "red", "quote": "blue",
    "question": "magenta", "allegation": "dark_orange", "source": "cyan",
}
UNTAGGED_COLOUR = "grey50"
assert set(DEFAULT_TAG_COLOURS) == set(BUILTIN_TAGS)


@dataclass
class Config:
    keys: dict[str, str] = field(default_factory=dict)
    tag_colours: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_TAG_COLOURS))
    path: str = ""

    def colour_of(self, tag: str | None) -> str:
        if tag is None:
            return UNTAGGED_COLOUR
        return self.tag_colours.get(tag, "white")


def load_config(path: str) -> Config:
    """Read the config; a missing file is the defaults, a broken one a clear error."""
    cfg = Config(path=path)
    import tomllib  # only when there is a file to read: keeps start-up light

    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        return cfg
    except (OSError, UnicodeDecodeError, ValueError) as exc:  # TOMLDecodeError is a ValueError
        raise ReaderError(f"config {path}: {exc}", 78) from None
    keys = data.get("keys", {})
    tags = data.get("tags", {})
    if not isinstance(keys, dict) or not isinstance(tags, dict):
        raise ReaderError(f"config {path}: [keys] and [tags] must be tables", 78)
    cfg.keys = {str(k): str(v) for k, v in keys.items()}
    for tag, colour in tags.items():
        cfg.tag_colours[str(tag).lower()] = str(colour)
    return cfg
