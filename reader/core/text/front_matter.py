"""Front matter: the ``key: value`` lines between ``---`` lines at the top of a text or
Markdown file (YAML's simple form, as static-site generators and e-text editors write it).

Each value is one scalar: plain (``title: Reply to Mr. Johnston``), double-quoted with
YAML's escapes (``title: "\\"Nehemiah,\\" said he"``: a user saw the backslashes in the
header and the export), or single-quoted (``'It''s'``). A key given no value takes a list
under it ("authors:" | "  - A" | "  - B" is "A, B") or a nested name ("author:" | "  name:
Lajpat Rai"); other nested keys are left out. Keys are lowercased, and the names sites give an article's publication
(``publication``, ``publisher``, ``site``, ``site_name``, ``source``) stand for the outlet
when there is no ``outlet`` key.
"""

from __future__ import annotations

import re

from reader.core.text.safety import clean_surrogates

# (the lines between are optional, and taken as few as can be: "---" | "---", an empty front
# matter as Jekyll pages carry, had reached down to the next rule in the body, and the
# title and first paragraphs were lost)
_BLOCK = re.compile(r"\A---[ \t]*\r?\n(.*?\n)??---[ \t]*(?:\r?\n|\Z)", re.S)
_KEY_LINE = re.compile(r"[^\s:#-][^:]*:(?:\s|$)")
_ESCAPES = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v", "f": "\f", "r": "\r",
            "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\u0085", "_": "\u00a0",
            "L": "\u2028", "P": "\u2029"}
_HEX = {"x": 2, "u": 4, "U": 8}
_MAPPING = re.compile(r"[\w-]+:(?:\s|$)")
_NAME_KEYS = ("name", "full_name", "fullname", "display_name")
OUTLET_KEYS = ("publication", "publisher", "site_name", "sitename", "site", "source")


def _is_front_matter_line(line: str) -> bool:
    """A key's line, a nested or listed value, a comment or a blank: what front matter holds."""
    return not line.strip() or line.startswith((" ", "\t", "-", "#")) or _KEY_LINE.match(line) is not None


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """(meta, body): the front matter's values, and the text after it (all of the text when
    it has none)."""
    m = _BLOCK.match(text)
    if not m or not all(_is_front_matter_line(line) for line in (m.group(1) or "").splitlines()):
        return {}, text  # none, or prose between two rules: text, never lost as metadata
    meta: dict[str, str] = {}
    parent = ""  # a key given no value: its value may be nested under it
    items: dict[str, list[str]] = {}
    for line in (m.group(1) or "").splitlines():
        if line.startswith((" ", "\t", "-")):
            inner = line.strip()
            if parent and inner.startswith("- "):  # "authors:" | "  - A" | "  - B"
                if not _MAPPING.match(inner, 2):  # not a list of mappings ("  - title: …")
                    items.setdefault(parent, []).append(scalar(inner[2:]))
            elif parent and not items.get(parent) and inner.partition(":")[0].strip().lower() in _NAME_KEYS:
                items[parent] = [scalar(inner.partition(":")[2])]  # "author:" | "  name: Lajpat Rai"
            continue  # any other nested value
        if line.startswith("#"):
            continue  # a comment
        key, sep, value = line.partition(":")
        key = key.strip().lower()
        if sep and key:
            meta[key] = scalar(value)
            parent = key if not value.strip() else ""
    for key, values in items.items():
        if not meta.get(key) and any(values):
            meta[key] = ", ".join(v for v in values if v)
    if not meta.get("author") and meta.get("authors"):
        meta["author"] = meta["authors"]
    # a "\uD800" escape is a lone surrogate: no store or export can write it
    meta = {k: clean_surrogates(v) for k, v in meta.items()}
    if "outlet" not in meta:
        for k in OUTLET_KEYS:
            if meta.get(k):
                meta["outlet"] = meta[k]
                break
    return meta, text[m.end():].lstrip("\r\n")


def scalar(value: str) -> str:
    """One YAML scalar as written on a line: its quotes and escapes read."""
    v = value.strip()
    if v.startswith('"'):
        return _double_quoted(v[1:])
    if v.startswith("'"):
        end = 1
        out = []
        while end < len(v):
            c = v[end]
            if c == "'":
                if v[end + 1:end + 2] == "'":
                    out.append("'")
                    end += 2
                    continue
                break
            out.append(c)
            end += 1
        return "".join(out)
    return v  # "Issue #5" stays whole (YAML would take " #5" for a comment; a title means it)


def _double_quoted(v: str) -> str:
    out = []
    i = 0
    while i < len(v):
        c = v[i]
        if c == '"':
            break
        if c == "\\" and i + 1 < len(v):
            e = v[i + 1]
            if e in _HEX:
                digits = v[i + 2:i + 2 + _HEX[e]]
                try:
                    out.append(chr(int(digits, 16)))
                    i += 2 + _HEX[e]
                    continue
                except (ValueError, OverflowError):
                    pass  # not an escape after all: kept as written
            elif e in _ESCAPES:
                out.append(_ESCAPES[e])
                i += 2
                continue
        out.append(c)
        i += 1
    return "".join(out)
