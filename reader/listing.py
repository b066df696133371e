"""``reader list`` as a text table, written line by line.

Rich's ``Table`` measures every cell of every row before it prints the first: a store of
100,000 annotations took 75 s and 1.2 GB to list. This table has fixed columns and one
wrapped column (the quote and its note), so each row is laid out alone, in cells (a CJK
character is two), and written as soon as it is ready.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from rich.cells import cell_len

from reader.core.text.safety import plain
from reader.core.text.snippets import short

# (header, width) of the fixed columns, left to right; the quote column takes the rest. The
# article column grows to its longest name where the terminal has room (see ``columns``).
FIXED = (("id", 8), ("article", 14), ("where", 7), ("tags", 9))
LINKS = ("links", 5)
GAP = "   "
MIN_QUOTE = 20
ROOMY_QUOTE = 40  # the quote keeps this much before the article column grows
CHANGED = "~"  # after a place: the article's words there changed since they were annotated


# Characters one cell wide each, as Rich measures them: printable Latin (ASCII, Latin-1,
# Latin Extended) and general punctuation (dashes, quotes, "…"). Text of only these is
# measured by its length: most cells of most tables, and Rich's measure took half the time
# of listing 100,000 annotations.
_NOT_NARROW = re.compile(r"[^\x20-\x7e\xa0-\u024f\u2010-\u2027\u2030-\u205e]")


def _cells(text: str) -> int:
    """Cells text takes (made printable by ``plain`` first); a CJK character is two."""
    return cell_len(text) if _NOT_NARROW.search(text) else len(text)


def _cut(text: str, width: int) -> str:
    """text in at most width cells, ending in … when it was longer."""
    n = _cells(text)
    if n <= width:
        return text + " " * (width - n)
    out, used = [], 0
    for ch in text:
        w = cell_len(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "\u2026" + " " * (width - 1 - used)


def wrap(text: str, width: int) -> list[str]:
    """Words into lines of at most width cells; a word longer than a line is broken."""
    lines: list[str] = []
    for para in text.split("\n"):
        line, used = "", 0
        for word in para.split():
            w = _cells(word)
            if line and used + 1 + w <= width:
                line += " " + word
                used += 1 + w
                continue
            if line:
                lines.append(line)
            if w > width:  # a word wider than the column: in pieces, in one pass (a 1 MB
                # address in a note took a minute when each piece re-measured the rest)
                start, pw = 0, 0
                for k, ch in enumerate(word):
                    cw = cell_len(ch)
                    if pw + cw > width and k > start:
                        lines.append(word[start:k])
                        start, pw = k, 0
                    pw += cw
                word, w = word[start:], pw
            line, used = word, w
        lines.append(line)
    return lines or [""]


MAX_TAGS = 30  # cells the tags column may grow to


def columns(width: int, longest_name: int, longest_tags: int = 0) -> tuple[tuple[str, int], ...]:
    """The fixed columns for a terminal this wide: the article column as wide as its longest
    name (a user read "brutus-xv (tr…" and "brutus-xv (12…" at 200 columns), then the tags
    column as wide as its longest tags (up to ``MAX_TAGS``: "claim al…" at 200 columns), as
    long as the quote keeps ``ROOMY_QUOTE`` cells; never narrower than before."""
    base = dict(FIXED)
    others = sum(w for h, w in FIXED if h != "article") + LINKS[1] + len(GAP) * (len(FIXED) + 1) + 2
    article = max(base["article"], min(longest_name, width - others - ROOMY_QUOTE))
    spare = width - others - article - ROOMY_QUOTE
    tags = max(base["tags"], min(longest_tags, MAX_TAGS, base["tags"] + max(0, spare)))
    return tuple((h, article if h == "article" else tags if h == "tags" else w) for h, w in FIXED)


def table_lines(rows: Iterable[dict[str, Any]], width: int, display_name: Any,
                cols: tuple[tuple[str, int], ...] = FIXED) -> Iterator[str]:
    """The table's lines: a header, a rule, then each row (its quote and note wrapped);
    ``cols``: the fixed columns, as ``columns`` sizes them."""
    fixed = sum(w for _h, w in cols) + LINKS[1] + len(GAP) * (len(cols) + 1) + 2
    qw = max(MIN_QUOTE, width - fixed)
    head = "  " + GAP.join(_cut(h, w) for h, w in cols) + GAP + _cut("quote \u00b7 \u270e note", qw) + GAP + \
        LINKS[0].rjust(LINKS[1])
    yield head.rstrip()
    yield "  " + "\u2500" * (cell_len(head) - 2)
    blank = "  " + GAP.join(" " * w for _h, w in cols) + GAP
    for r in rows:
        where = r["status"] if r["status"] in ("orphan", "unread") else \
            f"\u00b6{r['paragraph']}.{r['sentence']}" + (CHANGED if r["status"] == "changed" else "")
        quote = wrap(plain(short(r["quote"], 16)), qw)
        if r["note"]:
            quote += wrap("\u270e " + plain(short(r["note"], 12)), qw)
        cells = (r["id"][:8], display_name(r["article"]), where, " ".join(r["tags"]))
        links = str(len(r["links"])) if r["links"] else ""
        first = "  " + GAP.join(_cut(plain(v), w) for v, (_h, w) in zip(cells, cols, strict=True)) + GAP
        yield (first + _cut(quote[0], qw) + GAP + links.rjust(LINKS[1])).rstrip()
        for more in quote[1:]:
            yield (blank + more).rstrip()
