"""Typing a tag in the bottom lines, as in vim's command line: no dialog opens.

``t`` starts an entry: the status line shows what is typed and which passage it tags, and
the key bar the completions (fuzzy, over the tags in use and the configured ones), the
chosen one bright. Nothing moves on screen and the focus stays in the article, so closing
the entry repaints two lines, not the screen (a dialog's close repainted all of it, which
cost a tag several frames).

An entry is an immutable value; each key makes a new one (``typed``, ``erased``, ``moved``),
and the reading screen, which owns it, applies ``choice`` on Enter.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from textual.fuzzy import Matcher

from reader.core.store.records import parse_tag
from reader.core.text.safety import without_controls

# records.TAG_RULE, short enough for the key bar at 80 columns
NOT_A_TAG = "not a tag name: letters, digits, dashes; at most 40; no dash first"
MAX_TYPED = 48  # a tag is at most 40 characters; room for a '#' and spaces typed around it


@dataclass(frozen=True)
class Completion:
    tag: str  # "" when it cannot be chosen
    label: str


@dataclass(frozen=True)
class TagEntry:
    """What is typed, over which tags, for what ("tag" a passage or "untag" one of its tags)."""

    known: tuple[str, ...]
    purpose: str = "tag"
    place: str = ""  # where and what: "¶5.1 “Members of the union…”"
    text: str = ""
    index: int = 0
    completions: tuple[Completion, ...] = field(default=(), compare=False)

    @classmethod
    def start(cls, known: list[str], purpose: str = "tag", place: str = "") -> TagEntry:
        return cls(tuple(dict.fromkeys(known)), purpose, place).typed("")

    @property
    def only_known(self) -> bool:
        return self.purpose == "untag"

    @property
    def mode(self) -> str:
        """The status line's mode block, with what is typed: the block is never cut."""
        mark = "" if self.text.startswith("#") else "#"  # "#claim" typed shows once, not "##claim"
        return f"{'UNTAG' if self.only_known else 'TAG'} {mark}{self.text}\u258f"

    def typed(self, chars: str) -> TagEntry:
        """The entry with ``chars`` added (control characters dropped: they are never a tag)."""
        text = (self.text + without_controls(chars))[:MAX_TYPED]
        return replace(self, text=text, index=0, completions=self._complete(text))

    def erased(self, everything: bool = False) -> TagEntry:
        text = "" if everything else self.text[:-1]
        return replace(self, text=text, index=0, completions=self._complete(text))

    def moved(self, step: int) -> TagEntry:
        n = len(self.completions)
        return replace(self, index=(self.index + step) % n) if n else self

    def choice(self) -> str | None:
        """The tag Enter chooses: the bright completion, else a valid new name typed."""
        if self.completions:
            return self.completions[self.index].tag or None
        return None

    def _complete(self, text: str) -> tuple[Completion, ...]:
        """The tag typed itself first, then tags it begins, then a new tag of that name,
        then fuzzy matches: a whole new name is never silently traded for a fuzzy one
        ("ice" is not "evidence"). Typed as stored or not ("#claim", "My Tag"), a name
        finds its tag."""
        query = text.strip()
        if not query:
            names = list(self.known)
            return tuple(Completion(n, n) for n in names)
        name = parse_tag(query)
        key = name or query.lower()
        exact = [t for t in self.known if t == key]
        begun = [t for t in self.known if t != key and t.startswith(key)]
        matcher = Matcher(key)
        scored = sorted(((matcher.match(t), t) for t in self.known if t != key and not t.startswith(key)),
                        key=lambda x: -x[0])
        out = [Completion(n, n) for n in exact + begun]
        if name and not exact and not self.only_known:
            out.append(Completion(name, f"+ new tag: {name}"))
        out += [Completion(t, t) for score, t in scored if score > 0]
        if not out:
            if self.only_known:
                out.append(Completion("", f"no tag of this passage matches \u201c{query}\u201d"))
            else:
                out.append(Completion("", NOT_A_TAG))
        return tuple(out)
