"""Markdown to the text as displayed, with its structure.

The reader shows, anchors and exports the *displayed* text of a Markdown article: no
``#``, ``**``, backticks, ``>`` or link targets, so a quotation copied from it reads as
the article reads. :func:`render` turns Markdown source into that text plus its
structure, and :func:`markdown_document` wraps both in a :class:`Document`:

- a heading is a paragraph of kind ``heading`` with its level (a level-1 heading that opens
  the article, or one whose text is the front matter's title, is the ``title``);
- each list item is a paragraph of kind ``list_item``, its marker shown as a plain prefix
  ("• ", "◦ ", "▪ " by depth, or "1. ") that is part of the text, and its depth (1 = top);
- a paragraph in a block quote is of kind ``quote``, with its depth;
- a code block is one ``code`` paragraph, shown verbatim and never cut into sentences;
- a thematic break is a ``separator`` paragraph ("* * *"); a table row is a ``table``
  paragraph, cells joined by " │ ";
- emphasis, strong emphasis, inline code and links are style spans ``(start, end, style)``
  over the displayed text; a link keeps only its text, its URL goes in ``links``.

Footnotes (``[^label]``, the syntax of GitHub and Pandoc) are shown as plain text: a
reference as ``[label]`` where it stands, and each definition (``[^label]: text``, which
may go on over indented lines) as a paragraph of its own at the end, ``[label] text``, in
the order the definitions are written. A reference with no definition, or one in code, is
left as written.

Template directives of static-site generators (``{% include ... %}`` lines, ``{{ ... }}``
link targets) are not displayed text and are left out. HTML comments are dropped; other
raw HTML shows its text without tags.

markdown-it-py (pure Python, CommonMark) is imported here only, so only when a Markdown
file is opened.
"""

from __future__ import annotations

import html
import re
from array import array
from collections.abc import Sequence
from typing import TYPE_CHECKING

from reader.core.text.document import Document, Structure
from reader.core.text.front_matter import split_front_matter
from reader.core.text.segmenter import (
    BODY,
    CODE,
    HEADING,
    LIST_ITEM,
    QUOTE,
    SEPARATOR,
    TABLE,
    TITLE,
)

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

PARAGRAPH_GAP = "\n\n"  # between displayed paragraphs, so the text reads right as plain text too
BULLETS = ("\u2022 ", "\u25e6 ", "\u25aa ")  # • ◦ ▪ by depth
SEPARATOR_TEXT = "* * *"
CELL_GAP = " \u2502 "

_TEMPLATE_LINE = re.compile(r"(?m)^[ \t]*(?:\{%.*?%\}|\{\{[<%].*?[>%]\}\})[ \t]*$")
_TEMPLATE_TARGET = re.compile(r"\]\(\s*(\{\{.*?\}\})\s*\)")
_HIDDEN_HTML = re.compile(r"<(script|style|template|noscript)\b.*?(?:</\1\s*>|\Z)", re.I | re.S)
_CELL_END = re.compile(r"</t[dh]\s*>|</tr\s*>|</li\s*>|</p\s*>|</div\s*>", re.I)
_TAG = re.compile(r"<[^>]*>")
_BR = re.compile(r"<br\s*/?>", re.I)
_NOTE_DEF = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:(?:[ \t]+|$)(.*)$")
_NOTE_REF = re.compile(r"\[\^([^\]\s]+)\]")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
# a line that starts a block of its own, so it does not continue a footnote lazily
_BLOCK_START = re.compile(r"^ {0,3}(?:#{1,6}(?:\s|$)|>|[-+*](?:\s|$)|\d{1,9}[.)](?:\s|$)|`{3,}|~{3,}|\||<|"
                          r"(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$)")


def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    # text_join off: an escaped character stays a token of its own ("text_special"), so an
    # escaped "\[^1]" is not taken for a footnote reference
    # maxNesting: commonmark's 20 silently dropped everything under a list nested 10 deep
    # (an attacker's file, and the paragraph after it); past ~400 levels the parser runs out
    # of stack instead, and the file is read as plain text (loader._markdown)
    return MarkdownIt("commonmark", {"html": True, "maxNesting": 100_000}).enable(
        ["table", "strikethrough"]).disable("text_join")


class _Para:
    __slots__ = ("kind", "length", "level", "links", "parts", "styles")

    def __init__(self, kind: str, level: int) -> None:
        self.parts: list[str] = []
        self.kind, self.level = kind, level
        self.styles: list[tuple[int, int, str]] = []
        self.links: list[tuple[int, int, str]] = []
        self.length = 0

    def add(self, s: str) -> None:
        self.parts.append(s)
        self.length += len(s)


_CITATION_NUMBER = re.compile(r"\d{1,3}")


def _inline(para: _Para, children: Sequence[Token] | None, targets: dict[str, str],
            notes: dict[str, str] | None = None) -> None:
    """Append the displayed text of inline tokens to para, recording styles and links.

    ``notes``: the footnotes defined, by label; a reference to one is shown ``[label]``.
    """
    open_at: dict[str, list[int]] = {"em": [], "strong": [], "code": [], "link": [], "s": []}
    hrefs: list[str] = []
    cited: list[bool] = []  # per open link: its text a bare number, a citation shown "[1]"
    tokens = list(children or ())
    for i, tok in enumerate(tokens):
        t = tok.type
        if t == "text":
            content = tok.content
            if notes and "[^" in content:
                content = _NOTE_REF.sub(lambda m: f"[{m.group(1)}]" if m.group(1).casefold() in notes else m.group(0),
                                        content)
            para.add(content)
        elif t == "text_special":  # an escaped character, or an entity: as it reads
            para.add(tok.content)
        elif t == "softbreak":
            para.add(" ")
        elif t == "hardbreak":
            para.add("\n")
        elif t == "code_inline":
            a = para.length
            para.add(tok.content)
            para.styles.append((a, para.length, "code"))
        elif t in ("em_open", "strong_open", "s_open"):
            open_at[t[:-5]].append(para.length)
        elif t in ("em_close", "strong_close", "s_close"):
            name = t[:-6]
            if open_at[name]:
                a = open_at[name].pop()
                if name != "s" and para.length > a:
                    para.styles.append((a, para.length, name))
        elif t == "link_open":
            open_at["link"].append(para.length)
            href = str(tok.attrs.get("href", ""))
            hrefs.append(targets.get(href, href))
            # "[1](#fn1)", "see [0]" with "[0]: https://…": a citation, its brackets kept (shown
            # "1", "…wrote about them.1  Especially…" ran two sentences together)
            number = i + 2 < len(tokens) and tokens[i + 1].type == "text" and tokens[i + 2].type == "link_close" \
                and _CITATION_NUMBER.fullmatch(tokens[i + 1].content) is not None
            cited.append(number)
            if number:
                para.add("[")
        elif t == "link_close":
            if open_at["link"]:
                a = open_at["link"].pop()
                href = hrefs.pop()
                if cited.pop():
                    para.add("]")
                if para.length > a:
                    para.styles.append((a, para.length, "link"))
                    para.links.append((a, para.length, href))
        elif t == "image":
            a = para.length
            # the alt text as it reads: its own tokens (written "a \* b", it reads "a * b"), not its source
            alt = "".join(c.content for c in tok.children or () if c.type in ("text", "text_special", "code_inline"))
            para.add(alt or tok.content)
            if alt or tok.content:
                para.links.append((a, para.length, str(tok.attrs.get("src", ""))))
        elif t == "html_inline" and _BR.fullmatch(tok.content.strip()):
            para.add("\n")
        # anything else (an unknown plugin token) shows nothing


def _strip(para: _Para) -> tuple[str, list[tuple[int, int, str]], list[tuple[int, int, str]]] | None:
    """The paragraph's text without surrounding space, and its spans shifted to match."""
    text = "".join(para.parts)
    if para.kind == CODE:
        body = text.rstrip()
        lead = 0
    else:
        body = text.strip()
        lead = len(text) - len(text.lstrip())
    if not body:
        return None
    n = len(body)

    def shift(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        out = []
        for a, b, v in spans:
            a, b = max(0, a - lead), min(n, b - lead)
            if b > a:
                out.append((a, b, v))
        return out

    return body, shift(para.styles), shift(para.links)


def _split_notes(source: str) -> tuple[str, dict[str, str]]:
    """The source without its footnote definitions, and the definitions by label, in order.

    A definition is a line ``[^label]: text`` outside code, continued by the lines after it
    that are indented (a blank line between them too) or that carry on its paragraph; the
    first definition of a label counts, as in GitHub's Markdown.
    """
    if "[^" not in source:
        return source, {}
    lines = source.split("\n")
    kept: list[str] = []
    notes: dict[str, str] = {}
    fence: str | None = None
    i = 0
    while i < len(lines):
        line = lines[i]
        if fence is not None:
            kept.append(line)
            m = _FENCE.match(line)
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence) and not line.strip(" `~"):
                fence = None
            i += 1
            continue
        m = _FENCE.match(line)
        if m:
            fence = m.group(1)
        d = None if m else _NOTE_DEF.match(line)  # (a line of indented code starts with 4 spaces: no match)
        if d is None:
            kept.append(line)
            i += 1
            continue
        body = [d.group(2).strip()]
        i += 1
        while i < len(lines):
            nxt = lines[i]
            if not nxt.strip():  # a blank line: the note goes on only with an indented line after it
                j = i
                while j < len(lines) and not lines[j].strip():
                    j += 1
                if j < len(lines) and lines[j][:1] in (" ", "\t") and not _NOTE_DEF.match(lines[j]):
                    body.append("")
                    i = j
                    continue
                break
            if _NOTE_DEF.match(nxt) or (nxt[:1] not in (" ", "\t") and _BLOCK_START.match(nxt)):
                break
            body.append(nxt.strip())
            i += 1
        notes.setdefault(d.group(1).casefold(), "\n".join(body).strip())  # labels match in any case, as GitHub's
        kept.append("")  # the definition's place: its paragraph ends there
    return "\n".join(kept), notes


def render(source: str, title: str | None = None) -> tuple[str, Structure]:
    """Markdown source to (displayed text, Structure). ``title``: front matter's title, if any."""
    targets: dict[str, str] = {}

    def keep_target(m: re.Match) -> str:
        key = f"template-target-{len(targets)}"
        targets[key] = m.group(1)
        return f"]({key})"

    source = _TEMPLATE_LINE.sub("", source)
    source = _TEMPLATE_TARGET.sub(keep_target, source)
    source, notes = _split_notes(source)
    parser = _parser()
    tokens = parser.parse(source)

    paras: list[_Para] = []
    lists: list[dict] = []  # open lists: {"ordered": bool}
    quote_depth = 0
    marker: str | None = None  # the marker of a list item whose first block is still to come
    cur: _Para | None = None
    row: list[_Para] | None = None
    row_header = False

    def depth() -> int:
        return len(lists) + quote_depth

    def new_para(kind: str, level: int) -> _Para:
        nonlocal marker
        p = _Para(kind, level)
        if marker is not None:
            p.add(marker)
            marker = None
        paras.append(p)
        return p

    def body_kind() -> str:
        if lists:
            return LIST_ITEM
        if quote_depth:
            return QUOTE
        return BODY

    for tok in tokens:
        t = tok.type
        if t == "heading_open":
            level = int(tok.tag[1:]) if tok.tag[1:].isdigit() else 1
            cur = new_para(HEADING, level)
        elif t == "paragraph_open":
            cur = new_para(body_kind(), depth())
        elif t == "inline":
            if row is not None:
                cell = _Para(TABLE, 0)
                _inline(cell, tok.children, targets, notes)
                if row_header:
                    cell.styles.append((0, cell.length, "strong"))
                row.append(cell)
            elif cur is not None:
                _inline(cur, tok.children, targets, notes)
        elif t in ("heading_close", "paragraph_close"):
            cur = None
        elif t in ("bullet_list_open", "ordered_list_open"):
            start = str(tok.attrs.get("start", "1"))
            lists.append({"ordered": t == "ordered_list_open", "next": int(start) if start.isdigit() else 1})
        elif t in ("bullet_list_close", "ordered_list_close"):
            if lists:
                lists.pop()
        elif t == "list_item_open":
            if lists and lists[-1]["ordered"]:
                # numbered as Markdown numbers them: from the first item's number on, whatever the
                # others say ("1." "1." "1." is 1, 2, 3)
                marker = f"{lists[-1]['next']}{tok.markup or '.'} "
                lists[-1]["next"] += 1
            else:
                marker = BULLETS[min(len(lists), len(BULLETS)) - 1]
        elif t == "list_item_close":
            marker = None
        elif t == "blockquote_open":
            quote_depth += 1
        elif t == "blockquote_close":
            quote_depth = max(0, quote_depth - 1)
        elif t in ("code_block", "fence"):
            p = new_para(CODE, depth())
            p.add(tok.content)
        elif t == "hr":
            p = new_para(SEPARATOR, depth())
            p.add(SEPARATOR_TEXT)
        elif t == "html_block":
            content = _HIDDEN_HTML.sub("", tok.content).strip()  # a script's or a style's source is no text
            if content.startswith("<!--"):
                continue
            content = _CELL_END.sub(" ", content)  # "<td>Year</td><td>Calls</td>": "Year Calls", not "YearCalls"
            shown = html.unescape(_TAG.sub("", _BR.sub("\n", content)))
            shown = "\n".join(" ".join(line.split()) for line in shown.splitlines() if line.strip())
            if shown:
                p = new_para(body_kind(), depth())
                p.add(shown)
        elif t == "tr_open":
            row = []
        elif t == "thead_open":
            row_header = True
        elif t == "thead_close":
            row_header = False
        elif t == "tr_close":
            if row is not None:
                p = new_para(TABLE, depth())
                for i, cell in enumerate(row):
                    if i:
                        p.add(CELL_GAP)
                    base = p.length
                    p.add("".join(cell.parts))
                    p.styles += [(a + base, b + base, s) for a, b, s in cell.styles]
                    p.links += [(a + base, b + base, u) for a, b, u in cell.links]
            row = None

    # The footnotes, each a paragraph at the end: "[label] text" (a further paragraph of a note
    # is a paragraph of its own).
    for label, body in notes.items():
        opening = True
        for note_tok in parser.parse(body):
            if note_tok.type != "inline":
                continue
            p = new_para(BODY, 0)
            if opening:
                p.add(f"[{label}] ")
                opening = False
            _inline(p, note_tok.children, targets, notes)
        if opening:  # a definition with no text
            new_para(BODY, 0).add(f"[{label}]")

    # Assemble the displayed text.
    out: list[str] = []
    starts, ends, kinds, levels = array("q"), array("q"), [], []
    styles: list[tuple[int, int, str]] = []
    links: list[tuple[int, int, str]] = []
    pos = 0
    for p in paras:
        got = _strip(p)
        if got is None:
            continue
        body, st, lk = got
        if out:
            out.append(PARAGRAPH_GAP)
            pos += len(PARAGRAPH_GAP)
        out.append(body)
        starts.append(pos)
        ends.append(pos + len(body))
        kind = p.kind
        kinds.append(kind)
        levels.append(p.level)
        styles += [(a + pos, b + pos, s) for a, b, s in st]
        links += [(a + pos, b + pos, u) for a, b, u in lk]
        pos += len(body)
    text = "".join(out)
    if kinds and kinds[0] == HEADING:
        first = " ".join(text[starts[0]:ends[0]].split())
        if levels[0] == 1 or (title and first.casefold() == " ".join(title.split()).casefold()):
            kinds[0] = TITLE
    styles.sort(key=lambda x: (x[0], -x[1]))
    links.sort()
    return text, Structure(starts, ends, kinds, levels, styles, links)


def parse_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Front matter (``key: value`` lines between ``---`` lines) and the body."""
    return split_front_matter(text)


def markdown_document(text: str, key: str, path: str = "", meta: dict | None = None,
                      encoding_note: str | None = None) -> Document:
    """A Document of a Markdown article: its displayed text and structure (see the module).

    ``text`` is the Markdown source, its front matter already split off into ``meta`` (when
    it still starts with front matter, that is split off here).
    """
    meta = dict(meta or {})
    if text.startswith("---"):
        extra, text = parse_front_matter(text)
        for k, v in extra.items():
            meta.setdefault(k, v)
    shown, structure = render(text, meta.get("title"))
    return Document(key=key, text=shown, path=path, meta=meta, encoding_note=encoding_note, structure=structure)
