"""A paste is text, never keys: escape characters inside a bracketed paste are made inert.

Textual's input parser reads an ESC inside a bracketed paste as the start of an escape
sequence, and what follows it, up to a length limit, is sent as key presses. An attacker
pasted ``my note \\x1b[31mred\\x1b[0m and more\\x13uuu`` into the note box: ctrl+S saved the
note and ``uuu`` undid it and two highlights. A 2.4 MB paste with escapes was typed key by
key for twenty minutes.

This parser replaces every ESC between the paste's start (``ESC[200~``) and its end
(``ESC[201~``) with "␛" (and C1 controls and bidirectional overrides with "�", as in an
article) before Textual's parser sees it, so the paste arrives whole as one
``Paste`` event, its escapes visible and inert. Outside a paste nothing is changed: an
Escape key pressed alone is passed on at once, never held back.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual._xterm_parser import XTermParser

PASTE_START = "\x1b[200~"
PASTE_END = "\x1b[201~"
ESC_SHOWN = "\u241b"
# Inside a paste: ESC shown as ␛, and the C1 controls and bidirectional overrides, embeddings
# and isolates as the reader shows them in articles (�): a pasted U+202E was drawn as it is in
# the note box and the search prompt, turning what followed it around on screen.
_PASTE_TABLE = {0x1B: ESC_SHOWN, **{c: "\ufffd" for c in (*range(0x80, 0xA0), *range(0x202A, 0x202F),
                                                           *range(0x2066, 0x206A))}}


def _shown(text: str) -> str:
    return text.translate(_PASTE_TABLE)


class PasteGuardParser(XTermParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._in_paste = False
        self._carry = ""  # inside a paste: the start of what may be its end marker
        self._tail = ""  # outside: the last characters fed, to see a start marker split in two

    def feed(self, data: str) -> Iterable[Any]:
        if data:
            data = self.guard(data)
            if not data:  # all of it held back (the start of an end marker): "" would mean EOF
                return ()
        return super().feed(data)

    def guard(self, data: str) -> str:
        """data with every ESC inside a bracketed paste shown as ␛ (markers kept)."""
        out: list[str] = []
        text = self._carry + data
        self._carry = ""
        i = 0
        n = len(text)
        while i < n:
            if not self._in_paste:
                seen = self._tail + text[i:]
                j = seen.find(PASTE_START)
                if j == -1:
                    out.append(text[i:])
                    self._tail = seen[-(len(PASTE_START) - 1):]
                    break
                body = i + j + len(PASTE_START) - len(self._tail)  # where the paste's text begins
                out.append(text[i:body])
                i = body
                self._tail = ""
                self._in_paste = True
                continue
            j = text.find(PASTE_END, i)
            if j == -1:
                keep = _partial_end(text, i)
                out.append(_shown(text[i:keep]))
                self._carry = text[keep:]
                break
            out.append(_shown(text[i:j]))
            out.append(PASTE_END)
            i = j + len(PASTE_END)
            self._in_paste = False
        return "".join(out)


def _partial_end(text: str, start: int) -> int:
    """Where a beginning of PASTE_END sits at text's end (to wait for the rest), else len(text)."""
    for k in range(min(len(PASTE_END) - 1, len(text) - start), 0, -1):
        if PASTE_END.startswith(text[-k:]):
            return len(text) - k
    return len(text)


def install() -> None:
    """Make Textual's terminal driver read its input with the guarded parser."""
    try:
        from textual.drivers import linux_driver
    except ImportError:  # not a POSIX terminal driver: nothing to guard here
        return
    linux_driver.XTermParser = PasteGuardParser  # type: ignore[misc]
