"""A web page (fetched or saved) to an article: its main text, paragraphs and metadata.

Decoding follows the order browsers use, with one safeguard: a byte-order mark, then the
charset the server declared, then ``<meta charset>``, then detection (charset_normalizer).
A declared charset that is wrong (the bytes do not decode, or they are UTF-8 under a
single-byte label, which would show as mojibake) is set aside for detection, and the
Document's ``encoding_note`` says so.

Extraction is trafilatura's (``bare_extraction(..., with_metadata=True,
include_comments=False)``; see docs/extraction.md): navigation, ads, comments, scripts,
cookie banners and related-article lists stay out. Its element tree is walked here into
paragraphs separated by one blank line, the title first: headings, list items ("• "),
quotations, code and table rows ("a │ b") each a paragraph of their own, with their kinds
kept for the display; a ``<pre>`` that holds prose (an Internet-Draft, a letter) is read as
paragraphs, without its printed pages' heads and feet (``pre_prose``). A page laid out with
one big table is read again without tables, and its headlines and data tables put back from
the page (``layout_table``). A page whose main text is under ``MIN_WORDS`` words is refused:
a front page, a login wall, or a page built by script.

trafilatura (and lxml) are imported only when an HTML source is opened.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime

from reader.core.errors import EX_DATAERR, EX_UNAVAILABLE, FetchError
from reader.core.sources.author_names import URL_IN_NAME, clean_author
from reader.core.sources.byline_date import byline_date
from reader.core.sources.pre_prose import is_prose, prose_parts
from reader.core.text.gutenberg import is_framed, work_paragraphs
from reader.core.text.safety import INERT_TABLE
from reader.core.text.segmenter import BODY, CODE, HEADING, LIST_ITEM, QUOTE, TABLE, TITLE

MIN_WORDS = 50
BULLETS = ("\u2022 ", "\u25e6 ", "\u25aa ")  # • ◦ ▪ by depth, as the Markdown source shows them
CELL_GAP = " \u2502 "
_META_CHARSET = re.compile(rb"""<meta[^>]{0,512}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{1,40})""", re.I)
_XML_DECL = re.compile(r"\A\s*<\?xml[^>]*\?>")
# A character reference to a control character ("&#27;", "&#x1B;"): lxml refuses the
# character, and the whole page came out empty ("not an article"). It is written as the
# character's visible stand-in instead, as a raw control character would be shown.
_CONTROL_REF = re.compile(r"&#(?:[xX]0*([0-9a-fA-F]{1,6})|0*([0-9]{1,7}));?")


def _control_ref(m: re.Match[str]) -> str:
    value = int(m.group(1), 16) if m.group(1) is not None else int(m.group(2))
    if value in (9, 10, 13) or not (value < 0x20 or 0x7F <= value < 0xA0):
        return m.group(0)
    return chr(INERT_TABLE.get(value, 0xFFFD))
_SINGLE_BYTE = re.compile(r"(?:cp|windows-?)12\d\d|(?:iso-?)?8859|latin|ascii|koi8|mac", re.I)
_JUNK_TITLE = re.compile(r"^(?:untitled|home|index|document)$", re.I)


@dataclass
class Extracted:
    """An article's canonical text, per-paragraph kinds and levels, metadata, and a note."""

    text: str
    blocks: list[tuple[str, int]]  # (kind, level) per paragraph, in order
    meta: dict[str, str] = field(default_factory=dict)
    note: str | None = None

    @property
    def words(self) -> int:
        return len(self.text.split())


# --- decoding ------------------------------------------------------------------------------------
_WIDE_LABELS = frozenset(("unicode", "utf-16", "utf-16le", "utf-16be"))


def _codec(label: str | None) -> str | None:
    """Python's codec for a charset label, as browsers read labels (Latin-1 means Windows-1252)."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    if label in ("iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii", "iso_8859-1",
                 "cp819", "ibm819", "x-cp1252"):
        return "cp1252"
    if label in ("x-user-defined", "unicode", "utf-16", "utf-16le", "utf-16be"):
        return None  # a page cannot really be UTF-16 without a BOM (handled before)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _detect(data: bytes) -> tuple[str, str]:
    """(text, encoding name) by UTF-8 first, then charset_normalizer on a sample."""
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:512 * 1024]).best()
    name = _codec(best.encoding) if best is not None else None
    if not name or name.startswith(("utf_16", "utf_32")):
        name = "cp1252"
    return data.decode(name, errors="replace"), name


def _pretty(codec: str) -> str:
    names = {"utf-8": "UTF-8", "cp1252": "Windows-1252", "iso8859-1": "Latin-1", "utf_8": "UTF-8"}
    return names.get(codec, codec.replace("_", "-").upper() if codec.startswith(("cp", "iso")) else codec)


def decode_html(data: bytes, declared: str | None = None) -> tuple[str, str | None]:
    """Decode a page: BOM, the server's charset, ``<meta charset>``, then detection.

    Returns the text and a note when the page's own declaration was wrong or missing and
    the text is not UTF-8 (or was detected).
    """
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "decoded as UTF-16 (byte-order mark)"
    sources = []
    if declared:
        sources.append(("the server", declared))
    m = _META_CHARSET.search(data[:8192])
    if m:
        sources.append(("the page's <meta charset>", m.group(1).decode("ascii", "replace")))
    for who, label in sources:
        codec = _codec(label)
        if codec is None:
            text, found = _detect(data)
            if label.strip().strip("\"'").lower() in _WIDE_LABELS:  # known, but the bytes have no BOM
                return text, f"{who} declared {label}, but a page in it would open with a byte-order mark and " \
                             f"this one does not; decoded as {_pretty(found)} (detected)"
            return text, f"{who} declared an unknown charset {label!r}; decoded as {_pretty(found)} (detected)"
        if codec not in ("utf-8", "utf_8") and _SINGLE_BYTE.search(codec) and not data.isascii():
            try:
                text = data.decode("utf-8")  # valid UTF-8 with non-ASCII bytes is never real Latin text
            except UnicodeDecodeError:
                pass
            else:
                return text, f"{who} declared {label}, but the bytes are UTF-8 (they would show as mojibake); " \
                             "decoded as UTF-8"
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            text, found = _detect(data)
            return text, f"{who} declared {label}, but the bytes are not {label}; decoded as {_pretty(found)} (detected)"
        return text, None
    text, found = _detect(data)
    return text, None if found == "utf-8" else f"no charset declared; decoded as {_pretty(found)} (detected)"


# --- extraction ------------------------------------------------------------------------------------
def _squash(text: str) -> str:
    """One paragraph's text: runs of spaces as one space, no blank lines, line breaks kept."""
    lines = (" ".join(line.split()) for line in text.replace("\r", "\n").split("\n"))
    return "\n".join(line for line in lines if line)


_BLOCK_INSIDE = frozenset(("p", "head", "quote"))
_HEADING_TAG = re.compile(r"<h[1-6][\s>]", re.I)
# A tag over 10,000 characters long (100,000 attributes on one <p>, or an image inlined as
# data): its attributes say nothing of the text, and the parsers' and htmldate's work on them
# grew with their square (a 1 MB page took two minutes, a 12 MB one did not finish).
_LONG_TAG = re.compile(r"<([a-zA-Z][\w:-]{0,30})\b[^>]{10000,}>")
# A printed book's page numbers in the margin of its e-text ("<span class="pagenum">37</span>",
# Project Gutenberg's HTML): hidden or set aside by the page's style, they read "…la porte.
# 37 Bientôt…" in the text.
_PAGE_NUMBER_CLASS = re.compile(r"class=[\"'][^\"']*\b(?:pagenum|pageno|page-?number)\b", re.I)
_PAGE_NUMBER = re.compile(r"<(span|div|p|a)\b[^>]*\bclass=[\"'][^\"']*\b(?:pagenum|pageno|page-?number)\b[^>]*>"
                          r"[^<]{0,40}(?:<a\b[^>]*>[^<]{0,40}</a>[^<]{0,40})?</\1>", re.I)

# What the page's own print style hides (``class="noprint"``): a toolbar or a menu, never the
# text. The IETF's rfcmarkup pages open with "[Docs] [txt|pdf] [Tracker] [Email] [Diff1]
# [Diff2] [Nits]" and "Versions: 00 01 02 03 04" and end with "Html markup produced by
# rfcmarkup 1.111", each in a ``<span class="noprint">`` around the draft's <pre>s. An element
# with another of its kind inside (a nested <div>) is left to the extraction.
_NOPRINT = re.compile(r"<(span|div|p|small|ul|ol|nav|table)\b[^>]{0,2000}?\bclass\s*=\s*[\"'][^\"'>]{0,500}?"
                      r"\bnoprint\b[^>]{0,2000}>(?:(?!<\1[\s>/]).){0,20000}?</\1\s*>", re.I | re.S)


def _inline(el) -> str:  # type: ignore[no-untyped-def]
    """The text of an element, a <lb/> as a line break; nested lists are left to the caller."""
    out = [el.text or ""]
    for child in el:
        if child.tag == "lb":
            out.append("\n")
        elif child.tag == "list":
            pass
        elif child.tag in _BLOCK_INSIDE:  # a table cell's lines, which trafilatura makes paragraphs of
            out.append("\n" + _inline(child) + "\n")
        else:
            out.append(_inline(child))
        out.append(child.tail or "")
    return "".join(out)


def _list(el, out: list[tuple[str, int, str]], depth: int) -> None:  # type: ignore[no-untyped-def]
    """A list's items as paragraphs ("• text", "1. text"), nested lists one level deeper."""
    ordered = el.get("rend") == "ol"
    n = 0
    for item in el:
        if item.tag != "item":
            continue
        n += 1
        text = _squash(_inline(item))
        if text:
            marker = f"{n}. " if ordered else BULLETS[min(depth, len(BULLETS) - 1)]
            out.append((LIST_ITEM, depth + 1, marker + text))
        for sub in item:
            if sub.tag == "list":
                _list(sub, out, depth + 1)


# A paragraph that ends a sentence: loose text after it starts a paragraph of its own.
_SENTENCE_END = re.compile(r"[.!?\u2026][\"'\u2019\u201d\u00bb)\]]*$")
_CLOSING = ",.;:!?)]}\u2019\u201d\u00bb\u2026"  # what is written without a space before it
_OPEN_END = ",;:(\u2014\u2013-/&"  # a last word ending so is followed by more


def _continues(before: str, after: str) -> bool:
    """Whether ``after`` goes on with the sentence ``before`` left unfinished.

    Only asked across loose text (see ``_blocks``): ``before`` does not end a sentence, and
    ``after`` starts in lower case or with a stop or bracket, or ``before`` ends on a word in
    lower case ("The LibreOffice project was" + "announced") or on a comma, colon or dash.
    Two lines of a menu ("Archive of Appellate Court Opinions" + "2023 Previous Years") stay
    apart.
    """
    if not before or not after or _SENTENCE_END.search(before):
        return False
    last = before.split()[-1]
    return after[0].islower() or after[0] in _CLOSING or last[-1] in _OPEN_END or last.islower()


def _joined(before: str, after: str) -> str:
    return before + ("" if after[0] in _CLOSING else " ") + after


def _blocks(el, out: list[tuple[str, int, str]], depth: int = 0) -> None:  # type: ignore[no-untyped-def]
    """Walk trafilatura's tree: (kind, level, text) per paragraph.

    Text between the blocks is read too: an element's ``.text`` before its first child and
    each child's ``.tail``. trafilatura leaves text there on a page laid out with a table
    (LWN's weekly edition, re-read without tables): a link's words, between the two
    paragraphs it made of the text around the link (``<p>The LibreOffice project was</p>
    announced<p>with great fanfare…</p>``), or a whole paragraph after a heading; and on
    pages written as lines between ``<br>``s (a court's list of opinions). Loose text joins
    the paragraph before it, and the paragraph after it joins in turn, when the sentence
    goes on across the seam (``_continues``); else it is a paragraph of its own. Lines after
    a ``<br>`` are lines of one paragraph, up to a blank line (two ``<br>``). Two ``<p>``
    next to each other are never joined.
    """
    # the last paragraph added while loose text may still continue it (its index in out),
    # and what its last piece was: "p" (a <p>) or "text" (loose text); a <p> joins only
    # loose text, loose text only a <p>, a line after a <br> only loose text
    open_at: int | None = None
    last = ""

    def add(text: str, piece: str) -> None:
        nonlocal open_at, last
        if not text:
            return
        was = out[open_at][2] if open_at is not None and open_at == len(out) - 1 else None
        if was is not None and piece == "line" and last == "text":
            out[-1] = (BODY, 0, was + "\n" + text)
        elif was is not None and piece != "line" and piece != last and _continues(was, text):
            out[-1] = (BODY, 0, _joined(was, text))
        else:
            out.append((BODY, 0, text))
            open_at = len(out) - 1
        last = "p" if piece == "p" else "text"

    add(" ".join((el.text or "").split()), "text")
    children = list(el)
    i = 0
    while i < len(children):
        child = children[i]
        i += 1
        tag = child.tag
        tail = " ".join((child.tail or "").split())
        if tag == "lb":
            if tail:
                add(tail, "line")
            else:
                open_at = None  # a blank line: <br><br>
            continue
        if tag == "list":
            _list(child, out, depth)
        elif tag == "table":
            for row in child.iter("row"):
                cells = [" ".join(_inline(c).split()) for c in row if c.tag == "cell"]
                if any(cells):
                    out.append((TABLE, depth, CELL_GAP.join(cells)))
        elif tag == "quote":
            inner: list[tuple[str, int, str]] = []
            if any(c.tag in ("p", "list", "head", "quote", "table") for c in child):
                _blocks(child, inner, depth)
            else:
                text = _squash(_inline(child))
                if text:
                    inner.append((BODY, 0, text))
            out.extend((QUOTE if k == BODY else k, max(1, lvl), t) for k, lvl, t in inner)
        elif tag == "code":
            # <pre>s one after the other are the pages of one text (an RFC's, as the IETF shows it)
            run = [child]
            while i < len(children) and children[i].tag == "code" and not (run[-1].tail or "").strip():
                run.append(children[i])
                i += 1
            tail = " ".join((run[-1].tail or "").split())
            texts = ["".join(c.itertext()) for c in run]
            whole = "\f".join(texts)
            if is_prose(whole):  # an RFC, a letter: paragraphs (see pre_prose)
                out.extend((k, depth if k == CODE else lvl, t) for k, lvl, t in prose_parts(whole))
            else:
                for text in texts:
                    lines = [line.rstrip() for line in text.strip("\n").split("\n") if line.strip()]
                    if lines:
                        out.append((CODE, depth, "\n".join(lines)))
        elif tag == "head":
            text = " ".join(_inline(child).split())
            if text:
                m = re.fullmatch(r"h([1-6])", child.get("rend") or "")
                out.append((HEADING, int(m.group(1)) if m else 2, text))
        elif tag == "graphic":
            pass
        elif tag == "div" or (len(child) and all(c.tag in ("p", "list", "head", "table", "quote") for c in child)
                              and not (child.text or "").strip()):
            _blocks(child, out, depth)
        else:
            text = _squash(_inline(child))
            if text:
                add(text, "p")  # a paragraph: its tail may go on with it
                add(tail, "text")
                continue
        open_at = None
        add(tail, "text")


def _norm(s: str) -> str:
    """Text compared for sameness: case, punctuation and spacing set aside."""
    return " ".join(re.sub(r"[^\w\s]", "", unicodedata.normalize("NFKC", s).casefold()).split())


# Where a title is cut into its parts: "Name: Subtitle", "Story - Site", "A — B", "A | B".
_TITLE_CUT = re.compile(r"\s*:(?=\s|$)\s*|\s+[-\u2013\u2014]\s+|\s*\|\s*|\s*\u00b7\s*")
REPEAT_WINDOW = 3  # how many paragraphs after the title may repeat it


def _title_pieces(title: str) -> set[str]:
    """The title, and each run of its parts, normalised: what a heading repeating it says."""
    parts = [p for p in (_norm(x) for x in _TITLE_CUT.split(title)) if p]
    pieces = {_norm(title)}
    for i in range(len(parts)):
        for j in range(i + 1, len(parts) + 1):
            pieces.add(" ".join(parts[i:j]))
    pieces.discard("")
    return pieces


def _drop_title_repeats(parts: list[tuple[str, int, str]], title: str) -> list[tuple[str, int, str]]:
    """The paragraphs without the headings right after the title that only repeat it.

    Among the first ``REPEAT_WINDOW`` paragraphs, a heading whose text is the title or a
    part of it (cut at ":", " - ", " — ", "|") is left out, and so is a paragraph that is
    the whole title. The first heading or sentence that says anything else ends the search
    (a dateline does not), so a section heading or a line of text further on is kept even
    when it matches.
    """
    whole = _norm(title)
    pieces = _title_pieces(title)
    out: list[tuple[str, int, str]] = []
    searching = True
    for i, (kind, level, text) in enumerate(parts):
        if searching and i < REPEAT_WINDOW:
            said = _norm(text)
            if said and ((kind in (HEADING, BODY) and said == whole) or (kind == HEADING and said in pieces)):
                continue
            # Anything else ends the search, but a dateline or byline ("June 3, 2021"): an
            # editorial's "We were wrong." after its first paragraph is text, not a repeat
            if kind == HEADING or len(text.split()) > 6 or text.rstrip().endswith((".", "!", "?", "\u201d", '"')):
                searching = False
        out.append((kind, level, text))
    return out


_MEDIAWIKI = re.compile(r'class="[^"<>]{0,200}\b(?:mw-parser-output|mw-editsection|mwe-math-element)\b')
_DISPLAYSTYLE = re.compile(r"^\{\\displaystyle\s*(.*)\}$", re.S)
_MODIFIED = re.compile(r'"dateModified"\s*:\s*"(\d{4}-\d{2}-\d{2})')


def mediawiki_cleaned(html: str) -> tuple[str, str]:
    """A MediaWiki page (Wikipedia's) made readable before extraction, and the date of the
    revision shown ("" if it does not say). A trial found every formula gone without a mark
    ("Given a set of high-dimensional objects , t-SNE…"), "[edit]" after every heading, the
    table of contents and the navigation boxes kept as text, and the date the page was begun
    (2013) shown for a 2019 revision. Each formula is kept as its TeX source, between $."""
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html)
    except (ValueError, TypeError, lxml.etree.ParserError):
        return html, ""
    for el in root.xpath('//*[contains(concat(" ", normalize-space(@class), " "), " mwe-math-element ")]'):
        tex = next((x for x in el.xpath('.//*[local-name()="math"]/@alttext | .//img/@alt') if x.strip()), "")
        m = _DISPLAYSTYLE.match(tex.strip())
        shown = " ".join((m.group(1) if m else tex).split())
        tail = el.tail or ""
        parent = el.getparent()
        if parent is None:
            continue
        replacement = f"${shown}$" if shown else "[formula]"
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + replacement + tail
        else:
            parent.text = (parent.text or "") + replacement + tail
        parent.remove(el)
    drop = ('//span[contains(concat(" ", normalize-space(@class), " "), " mw-editsection ")]'
            ' | //*[@id="toc"] | //div[contains(concat(" ", normalize-space(@class), " "), " toc ")]'
            ' | //*[contains(concat(" ", normalize-space(@class), " "), " navbox ")]'
            ' | //*[contains(concat(" ", normalize-space(@class), " "), " vertical-navbox ")]'
            ' | //*[contains(concat(" ", normalize-space(@class), " "), " mw-jump-link ")]')
    for el in root.xpath(drop):
        el.drop_tree()
    m = _MODIFIED.search(html)
    return lxml.html.tostring(root, encoding="unicode"), m.group(1) if m else ""


def _date_params() -> dict:
    return {"original_date": True, "extensive_search": False, "min_date": datetime(1700, 1, 1),
            "max_date": datetime.now(), "outputformat": "%Y-%m-%d"}


def _deep_parser() -> None:
    """trafilatura's lxml parser, allowed past libxml2's 256 levels of nesting.

    An old-style page whose every paragraph opens a ``<div>`` (or ``<font>``) it never
    closes lost everything after the 253rd paragraph, silently; 260 nested divs made a page
    "not an article". With huge_tree the limit is 2,048 levels; past that the page is
    refused, not cut. (trafilatura reads its module's parser on each call.)
    """
    import trafilatura.utils as tu
    from lxml.html import HTMLParser

    if not getattr(tu.HTML_PARSER, "_reader_deep", False):
        parser = HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True,
                            remove_pis=True, huge_tree=True)
        parser._reader_deep = True
        tu.HTML_PARSER = parser


_TAG = re.compile(r"<(/?)([a-zA-Z][\w:-]*)[^>]*?(/?)>")
_VOID = frozenset(("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                   "track", "wbr", "p", "li", "dt", "dd", "option", "tr", "td", "th"))  # and those closed for them
_DEEP = 1500  # tags left open: past this, look whether the parser kept the page whole
_VISIBLE_TAIL = re.compile(r"<script\b.*?</script\s*>|<style\b.*?</style\s*>|<[^>]*>", re.I | re.S)


def _cut_by_nesting(html: str) -> bool:
    """Whether the parser would stop short of the page's end: libxml2 drops everything past
    2,048 levels of nesting, silently (an attacker's page of 2,100 nested divs opened with
    its last part gone; an old page whose 3,000 paragraphs each open a <div> lost 900).
    Cheap first: counting tags left open; only a page past 1,500 is parsed to see whether its
    last words survive."""
    depth = peak = 0
    for m in _TAG.finditer(html):
        if m.group(3) or m.group(2).lower() in _VOID:
            continue
        if m.group(1):
            depth = max(0, depth - 1)
        else:
            depth += 1
            if depth > peak:
                peak = depth
                if peak > _DEEP:
                    break
    if peak <= _DEEP:
        return False
    import lxml.html

    _deep_parser()
    import trafilatura.utils as tu

    try:
        root = lxml.html.fromstring(html.encode("utf-8", "surrogatepass"), parser=tu.HTML_PARSER)
    except (ValueError, TypeError, lxml.etree.ParserError):
        return False  # what cannot be parsed is said so by the extraction
    from html import unescape

    tail = " ".join(unescape(_VISIBLE_TAIL.sub(" ", html[-20000:])).split())[-40:]
    kept = " ".join(root.text_content().split())
    return bool(tail) and tail not in kept


def _extract(html: str, url: str | None, tables: bool):  # type: ignore[no-untyped-def]
    import trafilatura

    _deep_parser()

    return trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                       include_tables=tables, date_extraction_params=_date_params())


def extract_html(html: str, *, url: str | None = None, name: str = "", file: bool = False) -> Extracted:
    """The article in a page: main text as paragraphs (the title first) and its metadata.

    ``url`` is where the page came from (for relative canonical links and the site name);
    ``name`` is how the source is shown in errors. FetchError (69 for a fetched page, 65
    for a file) when the page holds no article.
    """
    shown = name or url or "the page"
    code = EX_DATAERR if file else EX_UNAVAILABLE
    html = _XML_DECL.sub("", html, count=1)
    if "&#" in html:
        html = _CONTROL_REF.sub(_control_ref, html)
    if _PAGE_NUMBER_CLASS.search(html):
        html = _PAGE_NUMBER.sub(" ", html)
    if "noprint" in html:
        html = _NOPRINT.sub("", html)
    if _LONG_TAG.search(html):
        html = _LONG_TAG.sub(r"<\1>", html)
    if not html.strip():
        raise FetchError(f"{shown}: the page is empty", code)
    if _cut_by_nesting(html):
        raise FetchError(f"{shown}: nested more than 2,048 levels deep: it cannot be read whole, so it is not "
                         "read at all", code)
    wiki_date = ""
    if _MEDIAWIKI.search(html):
        html, wiki_date = mediawiki_cleaned(html)
    try:
        result = _extract(html, url, tables=True)
    except (ValueError, TypeError, AttributeError) as exc:  # lxml or trafilatura choking on a broken page
        raise FetchError(f"{shown}: cannot read the page as HTML ({type(exc).__name__})", code) from None
    parts: list[tuple[str, int, str]] = []
    if result is not None and result.body is not None:
        _blocks(result.body, parts)
        words = sum(len(t.split()) for _k, _l, t in parts)
        table_words = max((len(t.split()) for k, _l, t in parts if k == TABLE), default=0)
        if words and table_words * 2 > words:  # a page laid out with a table: read it without tables
            try:
                again = _extract(html, url, tables=False)
            except (ValueError, TypeError, AttributeError):
                again = None
            if again is not None and again.body is not None:
                redo: list[tuple[str, int, str]] = []
                _blocks(again.body, redo)
                if sum(len(t.split()) for _k, _l, t in redo) * 2 > words:
                    from reader.core.sources.layout_table import restore_layout

                    result, parts = again, restore_layout(redo, html, CELL_GAP)
    meta = _metadata(result, url)
    if meta.get("author") and (raw := _meta_author(html)) and URL_IN_NAME.search(raw):
        # "Bradley M. Kuhn (http://ebb.org/bkuhn/)": trafilatura had made the address names of
        # its own ("Bradley M Kuhn http; Ebb Org; Bkuhn"); the name is the tag's, without it
        meta["author"] = clean_author(raw)
    if meta.get("author"):
        meta["author"] = as_written(meta["author"], html)
    if meta.get("outlet") and _norm_words(meta["outlet"]) == _norm_words(meta.get("title", "")):
        # the headline taken for the site's name (a press release's <title> "Bundespolizei - Aktuelles
        # - <headline>"): the site's address names it better
        from urllib.parse import urlsplit

        host = (urlsplit(url or meta.get("url") or meta.get("canonical") or "").hostname or "").lower()
        if host:
            meta["outlet"] = re.sub(r"^www\d?\.", "", host)
        else:
            del meta["outlet"]
    if parts and not any(k == HEADING for k, _l, _t in parts) and _HEADING_TAG.search(html) and is_framed(html):
        # a Gutenberg book, laid out as one long body (no <article>): trafilatura left out every
        # heading (other pages without headings kept are left so: on a court's listing, the
        # headings it drops are its menus)
        from reader.core.sources.book_headings import page_headings, restore_headings

        found = page_headings(html)
        if len(found) >= 2:
            parts = restore_headings(parts, found)
    framed = work_paragraphs([t for _k, _l, t in parts])
    if framed is not None:  # a Project Gutenberg e-book: its header and licence left out
        kept, header = framed
        parts = [(parts[i][0], parts[i][1], t) for i, t in kept]
        meta.update(header)
    if wiki_date:
        meta["date"] = wiki_date  # the revision shown, not the day the page was begun
    elif not meta.get("date") and (written := byline_date(html)):
        meta["date"] = written  # "By Publius · May 28, 1788": a year htmldate's quick search does not know
    title = meta.get("title", "")
    if parts and not title and parts[0][0] == HEADING:
        title = meta["title"] = parts[0][2]
        parts = parts[1:]
    if parts and title:
        parts = _drop_title_repeats(parts, title)
    words = sum(len(t.split()) for _k, _l, t in parts)
    if words < MIN_WORDS:
        what = "no main text" if words == 0 else f"only {words} word{'s' if words != 1 else ''} of main text"
        raise FetchError(f"{shown}: not an article: {what} (under {MIN_WORDS} words; a front page, a login or paywall, "
                         "or a page built by script?)", code)
    blocks: list[tuple[str, int]] = []
    texts: list[str] = []
    if title:
        blocks.append((TITLE, 1))
        texts.append(" ".join(title.split()))
    for kind, level, text in parts:
        blocks.append((kind, level))
        texts.append(text)
    return Extracted(text="\n\n".join(texts) + "\n", blocks=blocks, meta=meta)


_META_AUTHOR = re.compile(r"<meta\b(?=[^>]*\bname=[\"']author[\"'])[^>]*\bcontent=(?:\"([^\"]*)\"|'([^']*)')", re.I)


def _meta_author(html: str) -> str:
    """The page's ``<meta name="author">`` as written, or ""."""
    import html as entities

    m = _META_AUTHOR.search(html, 0, 300_000)
    return entities.unescape(m.group(1) or m.group(2) or "") if m is not None else ""


def _norm_words(text: str) -> str:
    return " ".join(text.split()).casefold()


def as_written(name: str, html: str) -> str:
    """An author's name as the page writes it: trafilatura gives "N J Bowers" for a page
    whose byline and meta tag say "N. J. Bowers" (a name a fact-checker cites). The page's
    spelling is the one with the same words and a stop or space after each initial."""
    words = name.split()
    if not words or len(words) > 8 or not any(len(w) == 1 for w in words):
        return name
    pattern = r"\s*".join(re.escape(w) + (r"\.?" if len(w) == 1 else "") for w in words)
    m = re.search(r"(?<![\w.])" + pattern + r"(?!\w)", html)
    return " ".join(m.group(0).split()) if m is not None else name


def _metadata(result, url: str | None) -> dict[str, str]:  # type: ignore[no-untyped-def]
    meta: dict[str, str] = {}
    if result is None:
        return meta

    def put(key: str, value: object) -> None:
        if isinstance(value, str) and value.strip():
            meta[key] = " ".join(value.split())[:500]

    title = getattr(result, "title", None)
    if isinstance(title, str) and not _JUNK_TITLE.match(title.strip()):
        put("title", title)
    author = getattr(result, "author", None)
    put("author", clean_author(author) if isinstance(author, str) else None)  # no label, program or date
    put("date", getattr(result, "date", None))
    put("outlet", getattr(result, "sitename", None))
    put("description", getattr(result, "description", None))
    put("language", getattr(result, "language", None))
    canonical = getattr(result, "url", None)
    if isinstance(canonical, str) and re.match(r"(?i)https?://", canonical.strip()):
        meta["canonical"] = canonical.strip()
    if "outlet" not in meta and url:
        from urllib.parse import urlsplit

        host = (urlsplit(url).hostname or "").lower()
        if host:
            meta["outlet"] = re.sub(r"^www\d?\.", "", host)
    return meta
