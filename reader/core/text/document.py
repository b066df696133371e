"""A Document: one article's canonical text with paragraphs and sentences as offsets."""

from __future__ import annotations

import os
import re
import unicodedata
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from reader.core.text import segmenter
from reader.core.text.kept_lines import keeps_lines
from reader.core.text.segmenter import HEADING, TITLE

Span = tuple[int, int]
StyleSpan = tuple[int, int, str]


@dataclass
class Structure:
    """A paragraph structure handed over by a source that knows it (Markdown), instead of
    the plain-text paragraph split. Offsets are into the Document's text.

    ``levels``: the heading level of a title or heading; the nesting depth (1 = top) of a
    list item, a block-quote paragraph, or a code block or table inside them; else 0.
    ``styles``: ``(start, end, style)`` with style in {"em", "strong", "code", "link"},
    sorted by start. ``links``: ``(start, end, url)`` of link texts (and image alt texts).
    """

    starts: array
    ends: array
    kinds: list[str]
    levels: list[int]
    styles: list[StyleSpan] = field(default_factory=list)
    links: list[tuple[int, int, str]] = field(default_factory=list)


# Characters that search treats as their plain counterparts (one for one, so offsets hold).
SEARCH_TABLE = str.maketrans({
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u3000": " ", "\n": " ", "\t": " ",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u2032": "'",
})
_WORD = re.compile(r"\w[\w'\u2019-]*")
# Invisible marks a quote typed or pasted elsewhere seldom has: a soft hyphen, zero-width
# spaces and joiners, a word joiner, a byte-order mark. A search passes over them in the text
# and drops them from what is typed (a quote of words written with one was "not found", and a
# quote of a lone zero-width space made an invisible annotation).
INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_INVISIBLE_RUN = f"[{INVISIBLE}]*"
_DROP_INVISIBLE = str.maketrans("", "", INVISIBLE)


def normalise_for_search(text: str) -> str:
    return text.translate(SEARCH_TABLE)


def visible(text: str) -> str:
    """text without the marks a search passes over (``INVISIBLE``)."""
    return text.translate(_DROP_INVISIBLE)


_URL_EXTENSION = re.compile(r"\.(?:s?html?|php\d?|aspx?|jsp|cgi|pdf|txt|md)$", re.I)
_GENERIC_PAGES = frozenset({"index", "default", "article", "story", "page", "post", "full", "print", "text"})


@lru_cache(maxsize=1024)  # read on every status-line refresh: a page's name is worked out once
def short_name(key: str) -> str:
    """An article's short name, the one every view shows: a file's stem; for a web page, its
    last path segment without its extension (a number with the segment before it:
    ".../federalist/78.html" is "federalist-78", not "78"; ".../brutus/index.html" is
    "brutus"), percent-escapes read, never "." or ".." nor starting with a dot; else its host.
    """
    if key.startswith(("http://", "https://")) or os.name == "nt" or re.match(r"[A-Za-z]:\\", key):
        key = key.replace("\\", "/")  # a folder's separator there; on Linux "report\\final.txt" is one name
    if key.startswith(("http://", "https://")):
        import posixpath
        from urllib.parse import unquote

        host, _, path = key.split("://", 1)[1].split("?", 1)[0].split("#", 1)[0].partition("/")
        path = posixpath.normpath("/" + path)  # "/a/b/../78.html" is "/a/78.html"
        # escapes read, but no control or direction characters: a name becomes a file name
        parts = ["".join(ch for ch in unquote(p) if unicodedata.category(ch)[0] != "C").replace("/", "-")
                 for p in [host, *path.split("/")]]
        parts = [p for p in parts if p.strip(". ")]  # "", ".", ".." name nothing
        if len(parts) <= 1:
            return parts[0] if parts else key
        base = _URL_EXTENSION.sub("", parts[-1]).lstrip(".") or parts[-1].lstrip(".") or parts[0]
        if len(parts) > 2 and base.casefold() in _GENERIC_PAGES:
            base = parts[-2]  # ".../brutus/index.html": "brutus"
        elif len(parts) > 2 and base.isdigit():
            base = f"{parts[-2]}-{base}"
        return base.lstrip(".") or parts[0]
    base = key.rstrip("/").rsplit("/", 1)[-1]
    return base.rsplit(".", 1)[0] if "." in base.lstrip(".") else base


def _file_name(key: str) -> str:
    """The last segment of a path or address, extension kept ("alton-lincoln.pdf")."""
    from urllib.parse import unquote

    url = key.startswith(("http://", "https://"))
    if url:
        key = key.split("://", 1)[1].split("?", 1)[0].split("#", 1)[0]
    base = key.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
    base = unquote(base) if url else base  # a file may be named "a%20b.txt"
    return "".join(ch for ch in base if unicodedata.category(ch)[0] != "C")


def _folder(key: str) -> str:
    parts = key.replace("\\", "/").split("?", 1)[0].rstrip("/").rsplit("/", 2)
    return parts[1] if len(parts) == 3 else ""


def names_apart(keys: Iterable[str]) -> dict[str, str]:
    """Each article's short name, told apart where two share one.

    A PDF and the same text as a web page ("alton-lincoln.pdf", "alton-lincoln.html") keep
    their extensions; files named alike in different folders (every pair in a folder of its
    own as left.txt and right.txt) get the folder: "left (lochner)". Both sides of a
    link picker once read "alton-lincoln", as if the link were inside one article.
    """
    keys = list(dict.fromkeys(keys))
    names = {k: short_name(k) for k in keys}
    for ways in (_file_name, lambda k: f"{names[k]} ({_folder(k)})" if _folder(k) else names[k]):
        clash = _clashing(names)
        if not clash:
            break
        tried = {k: ways(k) for k in clash}
        if len(set(tried.values())) > 1:  # it tells at least some of them apart
            names.update(tried)
    return names


def label_apart(docs: Iterable[Document]) -> None:
    """Give each of these articles the name ``names_apart`` finds for it among them."""
    docs = list(docs)
    names = names_apart(d.key for d in docs)
    for d in docs:
        d.label = names[d.key] if names[d.key] != short_name(d.key) else ""


def _clashing(names: dict[str, str]) -> list[str]:
    seen: dict[str, int] = {}
    for n in names.values():
        seen[n.casefold()] = seen.get(n.casefold(), 0) + 1
    return [k for k, n in names.items() if seen[n.casefold()] > 1]


@dataclass(eq=False)
class Document:
    """An article. ``key`` names it in the store: a shipped article's name or an absolute path."""

    key: str
    text: str
    path: str = ""
    meta: dict[str, str] = field(default_factory=dict)
    encoding_note: str | None = None
    structure: Structure | None = field(default=None, repr=False)
    label: str = field(default="", compare=False)  # set by the workspace when two names clash

    def __post_init__(self) -> None:
        if self.structure is not None:
            st = self.structure
            self.para_starts, self.para_ends, self.para_kinds = st.starts, st.ends, st.kinds
        else:
            self.para_starts, self.para_ends, self.para_kinds = segmenter.split_paragraphs(
                self.text, title_hint=self.meta.get("title"))
        self._sentences: dict[int, list[Span]] = {}

    # --- identity -----------------------------------------------------------------------
    @property
    def date_shown(self) -> str:
        """The date to show beside the title: the publication date, or "PDF made …" for the
        date a PDF file was made (it said "Brutus, 2026-12-06" of a 1788 essay printed to PDF)."""
        made = self.meta.get("pdf_made")
        date = self.meta.get("date")
        source = str(self.meta.get("source") or self.meta.get("url") or self.key)
        if date and not made and source.casefold().endswith(".pdf") and self.meta.get("snapshot"):
            made = date  # a PDF's snapshot kept before this: its "date" is the file's creation date
            date = None
        if date:
            return str(date)
        return f"PDF made {made}" if made else ""

    @property
    def title(self) -> str:
        """Front matter's title, else the title paragraph, else the file name."""
        if self.meta.get("title"):
            return self.meta["title"]
        if self.para_starts and self.para_kinds[0] == TITLE:
            title = " ".join(self.text[self.para_starts[0]:self.para_ends[0]].lstrip("# ").split())
            if title:
                return title[:160]
        return self.name

    @property
    def name(self) -> str:
        """A short name (see ``short_name``), or the one ``names_apart`` gave it beside another
        article of the same name."""
        return self.label or short_name(self.key)

    @cached_property
    def fingerprint(self) -> str:
        import hashlib

        return "sha256:" + hashlib.sha256(self.text.encode("utf-8", "surrogatepass")).hexdigest()

    @cached_property
    def has_invisible_marks(self) -> bool:
        """Whether the text holds a mark a search passes over (``INVISIBLE``): looked up once,
        not on every search."""
        return any(c in self.text for c in INVISIBLE)

    @cached_property
    def search_text(self) -> str:
        return normalise_for_search(self.text)

    # --- paragraphs and sentences ------------------------------------------------------
    @property
    def paragraph_count(self) -> int:
        return len(self.para_starts)

    @cached_property
    def kept_lines(self) -> frozenset[int]:
        """Paragraphs of a plain text whose line breaks are its own (verse, an address, a
        table): shown line by line, not reflowed (see ``kept_lines.keeps_lines``). A
        structured source (Markdown, a page) says so itself: none here."""
        if self.structure is not None:
            return frozenset()
        text, starts, ends = self.text, self.para_starts, self.para_ends
        return frozenset(p for p in range(len(starts)) if keeps_lines(text, starts[p], ends[p]))

    def prepare_for_view(self) -> Document:
        """Work out now what a view asks of the document when it first draws it (which
        paragraphs keep their lines: 0.13 s on a 5.6 MB play), so that it is not worked
        out on the TUI's event loop: before the app starts, or in the worker that loaded it."""
        _ = self.kept_lines, self.para_levels
        return self

    @cached_property
    def para_levels(self) -> list[int]:
        """Per paragraph: heading level, or nesting depth of list items and quotes (see Structure)."""
        if self.structure is not None:
            return self.structure.levels
        levels = [0] * len(self.para_starts)
        for p, kind in enumerate(self.para_kinds):
            if kind in (TITLE, HEADING):
                s, e = self.para_starts[p], self.para_ends[p]
                head = self.text[s:min(e, s + 7)]
                n = len(head) - len(head.lstrip("#"))
                levels[p] = n if 0 < n <= 6 else 1
        return levels

    @property
    def styles(self) -> list[StyleSpan]:
        """Inline styles of the displayed text: (start, end, style), sorted by start."""
        return self.structure.styles if self.structure is not None else []

    @property
    def links(self) -> list[tuple[int, int, str]]:
        """Link texts and their targets: (start, end, url), sorted by start."""
        return self.structure.links if self.structure is not None else []

    @cached_property
    def _style_index(self) -> tuple[list[int], int]:
        """Style starts, for bisecting, and the longest style span."""
        st = self.styles
        return [a for a, _b, _s in st], max((b - a for a, b, _s in st), default=0)

    def styles_between(self, start: int, end: int) -> list[StyleSpan]:
        """The style spans that overlap text[start:end] (for drawing one row)."""
        st = self.styles
        if not st:
            return []
        starts, longest = self._style_index
        i = bisect_left(starts, start - longest)
        out = []
        while i < len(st) and st[i][0] < end:
            if st[i][1] > start:
                out.append(st[i])
            i += 1
        return out

    def paragraph_span(self, p: int) -> Span:
        return self.para_starts[p], self.para_ends[p]

    def paragraph_at(self, offset: int) -> int:
        """Index of the paragraph containing offset, or the one before it in a gap."""
        return max(0, bisect_right(self.para_starts, offset) - 1)

    def sentences(self, p: int) -> list[Span]:
        spans = self._sentences.get(p)
        if spans is None:
            s, e = self.paragraph_span(p)
            spans = segmenter.split_sentences(self.text, s, e, self.para_kinds[p])
            self._sentences[p] = spans
        return spans

    def all_sentences(self) -> Iterator[tuple[int, int, Span]]:
        """Yield (paragraph index, sentence index, span) for every sentence."""
        for p in range(self.paragraph_count):
            for i, span in enumerate(self.sentences(p)):
                yield p, i, span

    def sentence_at(self, offset: int) -> tuple[int, int, Span]:
        """The sentence containing offset (or nearest before it): (paragraph, index, span)."""
        p = self.paragraph_at(offset)
        spans = self.sentences(p)
        i = max(0, bisect_right([s for s, _ in spans], offset) - 1)
        return p, i, spans[i]

    def next_sentence(self, offset: int, step: int = 1) -> Span:
        p, i, _span = self.sentence_at(offset)
        i += step
        while True:
            spans = self.sentences(p)
            if 0 <= i < len(spans):
                return spans[i]
            if i < 0:
                if p == 0:
                    return self.sentences(0)[0]
                p -= 1
                i = len(self.sentences(p)) + i
            else:
                if p >= self.paragraph_count - 1:
                    return spans[-1]
                i -= len(spans)
                p += 1

    def next_paragraph(self, offset: int, step: int = 1) -> Span:
        p = self.paragraph_at(offset)
        s, _ = self.paragraph_span(p)
        if step < 0 and offset > s:  # first go to the start of this paragraph
            step += 1
        p = min(max(p + step, 0), self.paragraph_count - 1)
        return self.sentences(p)[0]

    def location(self, offset: int) -> tuple[int, int]:
        """1-based (paragraph, sentence) numbers of offset, for people."""
        p, i, _ = self.sentence_at(offset)
        return p + 1, i + 1

    # --- words and search ----------------------------------------------------------------
    def word_step(self, offset: int, step: int) -> int:
        """Offset of the end of the next word (step 1) or start of the previous one (-1)."""
        if step > 0:
            m = _WORD.search(self.text, offset)
            return m.end() if m else len(self.text)
        start = max(0, offset - 200)
        while True:
            last = None
            for m in _WORD.finditer(self.text, start, offset):
                if m.start() < offset:
                    last = m
            if last is not None or start == 0:
                return last.start() if last else 0
            start = max(0, start - 2000)

    def find_all(self, query: str, limit: int = 100_000) -> list[Span]:
        """Case-insensitive matches of query, treating curly quotes and odd spaces as plain.

        "café" typed (one code point for é) also finds "café" written decomposed (e and a
        combining accent), and the other way round: each form is tried in turn."""
        out: list[Span] = []
        query = visible(query)
        marks = self.has_invisible_marks
        for form in dict.fromkeys((query, unicodedata.normalize("NFC", query), unicodedata.normalize("NFD", query))):
            words = normalise_for_search(form).split()
            if not words:
                return []
            if marks:  # the text has them: each may sit between any two characters of a word
                body = (r"\s+" + _INVISIBLE_RUN).join(_INVISIBLE_RUN.join(re.escape(c) for c in w) for w in words)
            else:
                body = r"\s+".join(re.escape(w) for w in words)
            pattern = re.compile(body, re.IGNORECASE)
            for m in pattern.finditer(self.search_text):
                out.append(m.span())
                if len(out) >= limit:
                    break
            if out:
                return out
        return out
