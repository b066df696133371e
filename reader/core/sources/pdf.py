"""A PDF to an article: its text in reading order, as paragraphs, without page furniture.

PDFium (pypdfium2) gives the characters with their boxes and font sizes; PDF has no
paragraphs, so they are rebuilt here from positions (see docs/extraction.md, where this
approach found 19 of 20 probed paragraph starts and every running line of a real report):

- what the page shows: characters outside its CropBox (or a smaller TrimBox), a printer's
  marks, slug and line gauge, are not read (``pdf_crop``), nor a line of Dingbats
  ornaments, a designer's rule (``pdf_ornaments``); a page whose text layer is
  glyph codes, not letters, is left out and named, as a scanned page is (``pdf_garbled``);
- visual lines: PDFium's own line breaks, and its hyphen marker (U+FFFE, which it puts
  where a word was broken with a hyphen at a line end and then joins the two lines) also
  ends a visual line; the two halves of the word are joined again without the marker. A
  line PDFium ran on is cut (``pdf_columns``): where its text jumps far back to the left
  onto another line ("…ibid. 4 In such circumstances" was the end of one note of a slip
  opinion and the start of the next), and at a gutter where a page written row by row
  across its columns gives one line for all of them (the IRS's 2007 instructions);
- characters PDFium gives otherwise than the page shows them, mended by index: a ligature
  read as "f" alone (``pdf_ligatures``), an Arabic lam-alef read backwards
  (``pdf_lam_alef``), a WordPerfect bullet read as "!" (``pdf_wordperfect``);
- running headers and footers: lines in the top or bottom 12% of the page whose text
  (digits masked, so "Page 3 of 9" matches "Page 4 of 9") comes back on at least 40% of
  the pages (and on two at least); bare page numbers there ("12", "- 12 -", "Page 12",
  "xii") go too, and a book's chapter heads in the spot where its heads sit (``pdf_heads``);
- reading order: PDFium follows the content stream; a page with one column is put in
  top-to-bottom order (a footnote written first lands at the bottom), a page with
  columns keeps PDFium's order, which keeps columns apart when the page is written
  column by column (the Federal Register, its notes at each column's foot after all the
  columns' text); a page written row by row across its columns, which PDFium gives in
  that order, is read band by band from the top and in each band column by column
  (``pdf_columns``: "Section references are to the Internal Revenue Code unless
  otherwise noted.", not "…to the Internal use a different address this year."); a
  page written right to left (Arabic, Hebrew) is looked at as in a mirror, its lines
  starting at the right margin (``pdf_rtl``);
- paragraphs: a new one after a vertical gap larger than the page's usual line pitch, a
  first-line indent, a jump to a new column, a change of font size (headings), or a short
  line ending a sentence; across a page break a paragraph goes on unless the last line
  ended a sentence and the next one does not start in lower case; a one-line paragraph
  indented as the next one's first line ends ("4 In such circumstances, … provide:"), and
  a centred heading of several lines goes on under itself;
- the title: the first paragraph when it is set larger than the body text (with the lines
  under it when the title is set on two or three, and not a year alone), else the
  document's Title metadata when it looks like one (not "Microsoft Word - draft.docx");
  the metadata's title also when the first page writes it below a larger line that is not
  the title, a series' name (``pdf_title``);
- a word broken at a line end keeps its hyphen as ``pdf_hyphens`` tells.

Errors are one line each: an encrypted PDF (66: it needs a password), a scanned PDF
without a text layer, or one whose text layer is only glyph codes (``pdf_garbled``) (65:
it needs OCR first), a damaged or truncated file (65).
pypdfium2 is imported only when a PDF is opened.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace
from itertools import pairwise

from reader.core.errors import EX_DATAERR, EX_NOINPUT, ArticleError
from reader.core.sources.author_names import clean_author
from reader.core.sources.court_caption import COURT as _COURT
from reader.core.sources.court_caption import case_name
from reader.core.sources.html import Extracted
from reader.core.sources.pdf_columns import Box, column_order, cut_lines, gutters, interleaved
from reader.core.sources.pdf_crop import page_boxes, shown
from reader.core.sources.pdf_garbled import garbled
from reader.core.sources.pdf_heads import folio_head, spots
from reader.core.sources.pdf_hyphens import keeps, plain_words
from reader.core.sources.pdf_inflation import check_inflation
from reader.core.sources.pdf_lam_alef import lam_alef
from reader.core.sources.pdf_ligatures import FontWidths, lost_letters
from reader.core.sources.pdf_ornaments import ornament
from reader.core.sources.pdf_rtl import right_to_left
from reader.core.sources.pdf_title import goes_on, written
from reader.core.sources.pdf_wordperfect import wordperfect_symbols
from reader.core.text.hyphens import vocabulary
from reader.core.text.segmenter import BODY, HEADING, NEVER_END, NEVER_END_LOWER, TITLE

BAND = 0.12  # the top and bottom share of a page where running lines live
WIDE_BAND, EDGE_LINES = 0.2, 4  # ... and where the first and last few lines of a page may be some
RUNNING_SHARE = 0.4
HYPHEN_MARKS = "\ufffe\x02"
_TERMINAL = ".!?:;\u201d\u2019\"')]\u2026"
_PAGE_NUMBER = re.compile(
    r"(?:page|p\.|pg\.?|seite|página|pagina)?\s*[-\u2013\u2014(\[|]?\s*(?:\d{1,4}|(?=[ivxlcdm])m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3}))\s*[-\u2013\u2014)\]|]?"
    r"(?:\s*(?:of|/|von|de)\s*\d{1,4})?", re.I)
_PILCROW = re.compile(r"\u00b6\s*\d{1,4}\s")
_FOOTNOTE_CALL = re.compile(r"[\d*\u2020\u2021\u00a7\u00b6,]{1,4}")
_NOTE_MARK = re.compile(r"\d{1,3}|[*\u2020\u2021]")  # a note's own number or mark
_MARKER = re.compile(r"\s*(?:[\u2022\u25e6\u25aa\u25cf\u2713\u27a2\u2013\u2014*!\u00b7\uf0b7-]|"
                     r"\(?(?:\d{1,3}|[a-z]|[ivx]{1,4})[.)])\s")
# A word of letters mixed with digits or underscores: a file or account name the PDF's maker
# left in its metadata ("A9Rmahfa4_1laaz8q_bg.tmp" as a title, "cg04209" as an author), not a
# title or a person.
_IDENTIFIER = re.compile(r"(?=\S*[\d_])(?=\S*[A-Za-z])[\w.]+")
_BULLET = re.compile(r"[\u2022\u25e6\u25aa\u25cf\u2713\u27a2\uf0b7\uf0a7\uf0fc\uf0d8]\s")
_JUNK_TITLE = re.compile(
    r"^(?:untitled\b|microsoft (?:word|powerpoint)\b|document\d*$|slide \d+|presentation\d*$|\W*$)"
    r"|\.(?:docx?|pdf|tex|dvi|indd|rtf|odt|pages|qxd|ps|txt)$", re.I)


@dataclass
class Line:
    text: str  # without the hyphen marker
    x0: float
    x1: float
    top: float  # from the top of the page
    bottom: float
    size: float  # font size
    hyphen: bool  # the line ends in a word broken with a hyphen
    page: int
    height: float  # the page's


# --- opening -----------------------------------------------------------------------------------------
def _truncated(data: bytes) -> bool:
    return b"%%EOF" not in data[-4096:]


def _open(data: bytes, name: str):  # type: ignore[no-untyped-def]
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    if not data.strip():
        raise ArticleError(f"{name}: the file is empty", EX_DATAERR)
    if b"%PDF" not in data[:1024]:
        raise ArticleError(f"{name}: not a PDF file (it does not start with %PDF)", EX_DATAERR)
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code == pdfium_c.FPDF_ERR_PASSWORD:
            raise ArticleError(f"{name}: the PDF is encrypted and needs a password to open; reader cannot open "
                               "protected PDFs (remove the password first, e.g. qpdf --decrypt)", EX_NOINPUT) from None
        if code == pdfium_c.FPDF_ERR_SECURITY:
            raise ArticleError(f"{name}: the PDF is encrypted with a scheme PDFium does not support", EX_NOINPUT) from None
        if _truncated(data):
            raise ArticleError(f"{name}: the PDF is truncated (it stops before its end, %%EOF): an incomplete "
                               "download or copy? Get it again", EX_DATAERR) from None
        raise ArticleError(f"{name}: the PDF is damaged and cannot be read ({_pdfium_reason(exc)})", EX_DATAERR) from None


def _pdfium_reason(exc: BaseException) -> str:
    m = re.search(r"PDFium: ([^)]*)", str(exc))
    return (m.group(1) if m else str(exc)).strip().rstrip(".").lower() or "unknown error"


# --- lines ------------------------------------------------------------------------------------------
def _page_lines(page, number: int,  # type: ignore[no-untyped-def]
                widths: FontWidths | None = None) -> tuple[list[Line], int, int, bool]:
    """(visual lines, characters, image objects, garbled) of one page; widths: the document's
    plain "f"s so far, to tell a ligature mapped to "f" alone (``pdf_ligatures``). A page
    whose text is glyph codes (``pdf_garbled``) has no lines and is garbled."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    tp = page.get_textpage()
    try:
        n = tp.count_chars()
        if n <= 0:
            images = sum(1 for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2))
            return [], 0, images, False
        text = tp.get_text_range(0, n)
        if len(text) != n:  # characters outside the BMP: read them one by one, index for index
            text = "".join(chr(pdfium_c.FPDFText_GetUnicode(tp.raw, i) or 0xFFFD) for i in range(n))
        if garbled(text):
            return [], 0, 0, True
        height = page.get_height()
        ceiling = height  # where the page's top edge is in its own space
        media, seen = page_boxes(page)  # what the page shows (``pdf_crop``): text outside it is not read
        clip = seen if seen != media else None
        if seen is not None and not page.get_rotation():
            ceiling, height = seen[3], seen[3] - seen[1]
        raw = tp.raw
        left, right, bottom, top = (ctypes.c_double(), ctypes.c_double(), ctypes.c_double(), ctypes.c_double())
        refs = (ctypes.byref(left), ctypes.byref(right), ctypes.byref(bottom), ctypes.byref(top))
        get_box = pdfium_c.FPDFText_GetCharBox
        is_generated = pdfium_c.FPDFText_IsGenerated
        font_size, get_matrix, matrix = pdfium_c.FPDFText_GetFontSize, pdfium_c.FPDFText_GetMatrix, pdfium_c.FS_MATRIX()

        def get_size(raw, j: int) -> float:  # type: ignore[no-untyped-def]
            """The character's size on the page: its font size times the text matrix's scale."""
            size = font_size(raw, j)
            if get_matrix(raw, j, matrix):
                size *= math.hypot(matrix.c, matrix.d) or 1.0
            return size

        # characters read otherwise than PDFium gives them, by index (see the module's docstring)
        lost = lost_letters(raw, text, widths if widths is not None else FontWidths(), get_size) \
            | lam_alef(raw, text) | wordperfect_symbols(raw, text)
        lost_at = sorted(lost)
        boxes: list[Box | None] = [None] * n  # (left, right, bottom, top) of each character that has one
        spaces: list[tuple[int, int]] = []  # (before, after): the characters on either side of a space in a line
        hidden: set[int] = set()  # characters outside what the page shows (``pdf_crop``)
        k = -1
        space = False
        ref0, ref1, ref2, ref3 = refs
        for j in range(n):
            if text[j].isspace():
                space = True
                if text[j] in "\r\n":
                    k = -1  # a new line (after a hyphen marker, the next line follows with no space)
            elif get_box(raw, j, ref0, ref1, ref2, ref3) and (right.value > left.value or top.value > bottom.value):
                boxes[j] = (left.value, right.value, bottom.value, top.value)
                if clip is not None and not shown(clip, left.value, right.value, bottom.value, top.value):
                    # (its box is kept to cut PDFium's lines by, as the page's layout has it)
                    hidden.add(j)
                if space and k >= 0:
                    spaces.append((k, j))
                k, space = j, False
        segments: list[tuple[int, int, bool]] = []  # PDFium's lines: (start, end, ends in a broken word)
        start = 0
        i = 0
        while i <= n:
            if i < n and text[i] not in "\r\n" and text[i] not in HYPHEN_MARKS:
                i += 1
                continue
            segments.append((start, i, i < n and text[i] in HYPHEN_MARKS))
            # skip the line break: "\r\n" (generated), "\n", or the hyphen marker itself
            i += 1
            if i < n and text[i - 1] == "\r" and text[i] == "\n":
                i += 1
            start = i
        origin_x, origin_y = ctypes.c_double(), ctypes.c_double()

        def baseline(j: int) -> float:
            pdfium_c.FPDFText_GetCharOrigin(raw, j, ctypes.byref(origin_x), ctypes.byref(origin_y))
            return origin_y.value

        segments, apart = cut_lines(text, boxes, segments, spaces, lambda j: get_size(raw, j), baseline)
        lines: list[Line] = []
        kept_apart: set[int] = set()  # lines cut from the one before at a gutter: never joined to it again
        chars = 0
        for start, i, hyphen in segments:
            seg = text[start:i]
            x0 = y0 = math.inf
            x1 = y1 = -math.inf
            sizes: list[float] = []
            every = max(1, (i - start) // 8)  # a sample of the line's characters, spread along it
            last = i - 1
            while last > start and text[last].isspace():
                last -= 1
            letters: list[tuple[int, float, float]] = []  # (index, bottom, height) of letters, digits
            calls: list[tuple[int, float]] = []  # digits right after a word: (index, bottom)
            gaps: set[int] = set()  # a space PDFium made up between a word and such digits
            for j in range(start, i):
                ch = text[j]
                if ch.isspace() or j in hidden:
                    continue
                box = boxes[j]
                if box is not None:
                    x0, x1 = min(x0, box[0]), max(x1, box[1])
                    y0, y1 = min(y0, box[2]), max(y1, box[3])
                    if ch.isalnum() and ch not in _DESCENDING:
                        letters.append((j, box[2], box[3] - box[2]))
                    if ch.isdigit() and j > start and not text[j - 1].isspace() \
                            and (not text[j - 1].isdigit() or (calls and calls[-1][0] == j - 1)):
                        calls.append((j, box[2]))
                    elif ch.isdigit() and j - 1 > start and text[j - 1] == " " and (
                            text[j - 2].isalpha() or text[j - 2] in _CALL_AFTER) and is_generated(raw, j - 1) \
                            and get_size(raw, j) <= 0.8 * get_size(raw, j - 2):
                        # "threshold 13": PDFium put a space of its own before a raised call, set
                        # smaller than the word's letters (a chart's or a table's figures are not)
                        calls.append((j, box[2]))
                        gaps.add(j - 1)
                if len(sizes) < 3 or (j - start) % every == 0 or j == last:
                    sizes.append(get_size(raw, j))
            if lost_at and bisect_left(lost_at, start) < bisect_left(lost_at, i):
                pieces = [lost.get(j, ch) for j, ch in enumerate(seg, start)]  # one piece per index
            else:
                pieces = list(seg)
            if hidden:
                for j in range(start, i):
                    if j in hidden:
                        pieces[j - start] = ""
            if calls and letters:
                _superscript_calls(seg, start, calls, letters, gaps, pieces)
            seg = "".join(pieces)
            clean = " ".join(seg.split()).translate(_SYMBOL_BULLETS)
            if clean and x0 != math.inf:
                chars += len(clean)
                # The size most of the line is set in: a paragraph's number in smaller type
                # ("¶ 11 After a bench trial…") made its first line read as a heading.
                size = sorted(sizes)[len(sizes) // 2] if sizes else 0.0
                lines.append(Line(clean, x0, x1, ceiling - y1, ceiling - y0, size or (y1 - y0), hyphen, number, height))
                if start in apart:
                    kept_apart.add(id(lines[-1]))
        images = 0
        if not chars:
            images = sum(1 for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2))
        return _merge_pieces(lines, kept_apart), chars, images, False
    finally:
        tp.close()


# A word processor's bullets in its Symbol and Wingdings fonts, which PDFs map to the private
# use area: a terminal shows them as boxes, or nothing.
_SYMBOL_BULLETS = str.maketrans({"\uf0b7": "\u2022", "\uf0a7": "\u25aa", "\uf0fc": "\u2713", "\uf0d8": "\u27a2"})
_CALL_AFTER = ".,;:)]\u201d\u2019\"'"  # what a word may end with before its footnote call
_DESCENDING = "gjpqyQ"  # letters whose box reaches below the line
_SUPERSCRIPT = str.maketrans("0123456789", "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079")


def _superscript_calls(seg: str, start: int, calls: list[tuple[int, float]],
                       letters: list[tuple[int, float, float]], gaps: set[int] = frozenset(),  # type: ignore[assignment]
                       out: list[str] | None = None) -> str:
    """A footnote call set as a superscript right after a word ("comments1", "located.2",
    "[CFS].\u201d3") written as superscript digits ("comments\u00b9"): PDFium gives it glued
    to the word, and "located.2 The" was no sentence end. A call is a run of at most three
    digits after a word, followed by no letter or digit, each sitting higher than the nearest
    letter or digit before it (one without a descender) by a third of that one's height.
    Numbers in the text ("F.2d", "\u00a7105.9") sit on the line. A space PDFium made up
    between the word and the call (``gaps``: "threshold 13" in the Federal Register) goes. PDFium may give several
    lines as one, so the line is that nearby character's, not the whole run's. (A call PDFium
    gives as a piece of its own is dropped in ``_merge_pieces``: where it sat in the line is
    not known.) ``out``: the line's characters, one piece per index, to write into (the
    letters other repairs put back in place); a new list of seg's when None."""
    if out is None:
        out = list(seg)
    k = 0
    while k < len(calls):
        run = [calls[k]]
        while k + 1 < len(calls) and calls[k + 1][0] == run[-1][0] + 1:
            k += 1
            run.append(calls[k])
        k += 1
        first, last = run[0][0], run[-1][0]
        after = last + 1 - start
        if len(run) > 3 or (after < len(seg) and seg[after].isalnum()):
            continue
        near = [x for x in letters if first - 10 <= x[0] < first]
        if not near:
            continue
        _j, base, height = near[-1]
        if all(b - base >= height / 3 for _i, b in run):
            for j, _b in run:
                out[j - start] = seg[j - start].translate(_SUPERSCRIPT)
            if first - 1 in gaps:
                out[first - 1 - start] = ""  # the call goes back against its word: "threshold¹³"
    return "".join(out)


def _merge_pieces(lines: list[Line], apart: AbstractSet[int] = frozenset()) -> list[Line]:
    """Join pieces of one visual line that PDFium gave apart (same baseline, close, left to
    right); drop footnote calls set as superscripts ("1", "*", "†") inside another line.
    apart: the ids of lines cut from the one before at a gutter (``pdf_columns``), never
    joined to it."""
    out: list[Line] = []
    for ln in lines:
        prev = out[-1] if out else None
        if id(ln) in apart:
            out.append(ln)
            continue
        if prev is not None and _NOTE_MARK.fullmatch(ln.text) and ln.size < 0.85 * prev.size \
                and ln.x0 < prev.x0 and prev.x0 - 1.5 * prev.size <= ln.x1 <= prev.x0 + 0.3 * prev.size \
                and prev.top - 0.5 * prev.size <= ln.top \
                and ln.bottom < prev.bottom:
            # a note's own number, set small and raised before its first line, which PDFium gives
            # after the line: "(Oct. 28, 1998).¹" was note 1 ("¹ Pub. L. No. 105-304 …")
            out[-1] = replace(prev, text=ln.text + " " + prev.text, x0=ln.x0, top=min(prev.top, ln.top))
            continue
        if prev is not None and _FOOTNOTE_CALL.fullmatch(ln.text) and ln.size < 0.85 * prev.size \
                and prev.x0 - 2 <= ln.x0 <= prev.x1 + 2 and prev.top - 0.5 * prev.size <= ln.top <= prev.bottom:
            continue
        if (prev is not None and not prev.hyphen and abs(prev.bottom - ln.bottom) < 2
                and prev.x1 - 1 <= ln.x0 <= prev.x1 + 2 * max(ln.size, prev.size, 1)):
            out[-1] = Line(prev.text + " " + ln.text, prev.x0, ln.x1, min(prev.top, ln.top), max(prev.bottom, ln.bottom),
                           max(prev.size, ln.size), ln.hyphen, prev.page, prev.height)
        else:
            out.append(ln)
    return out


# --- page furniture -------------------------------------------------------------------------------------
def _in_band(ln: Line) -> str:
    if ln.top < BAND * ln.height:
        return "top"
    if ln.bottom > (1 - BAND) * ln.height:
        return "bottom"
    return ""


def _edges(lines: list[Line]) -> dict[int, str]:
    """The lines of a page where running lines may be, by index: those in the top and bottom
    bands, and the first and last few lines of the page within a wider band (a Supreme Court
    slip opinion's running heads sit 15% down the page, below the 12% band)."""
    out = {k: band for k, ln in enumerate(lines) if (band := _in_band(ln))}
    by_top = sorted(range(len(lines)), key=lambda k: lines[k].top)
    for k in by_top[:EDGE_LINES]:
        if lines[k].top < WIDE_BAND * lines[k].height:
            out.setdefault(k, "top")
    for k in by_top[-EDGE_LINES:]:
        if lines[k].bottom > (1 - WIDE_BAND) * lines[k].height:
            out.setdefault(k, "bottom")
    return out


def _mask(text: str) -> str:
    """A line as running lines repeat it: numbers, spaces and the length of a blank ("607 U. S.
    ___" in the syllabus's heads, "____" in the opinion's) do not count."""
    return re.sub(r"\s+", "", re.sub(r"_+", "_", re.sub(r"\d+", "#", text.casefold())))


def drop_running_lines(pages: list[list[Line]]) -> tuple[list[list[Line]], int]:
    """Pages without running headers, footers and page numbers; and how many lines went."""
    n = len(pages)
    seen: Counter[tuple[str, str]] = Counter()
    edges = [_edges(lines) for lines in pages]
    for lines, edge in zip(pages, edges, strict=True):
        seen.update({(band, _mask(lines[k].text)) for k, band in edge.items()})
    running = {k for k, c in seen.items() if n >= 2 and c >= max(2, math.ceil(RUNNING_SHARE * n))}
    # where a book's running heads sit: a chapter's head there, "INTRODUCTION 9", is one (``pdf_heads``)
    at = spots(([(band, lines[k].top, lines[k].text) for k, band in edge.items()]
                for lines, edge in zip(pages, edges, strict=True)), n) if n >= 3 else set()
    # A short line repeated on most pages wherever it sits: a watermark or stamp set across the
    # page ("Page Proof Pending Publication" on every page of a preliminary print).
    anywhere: Counter[str] = Counter()
    for lines in pages:
        anywhere.update({t for ln in lines if _STAMP.fullmatch(t := " ".join(ln.text.split()))})
    stamps = {t for t, c in anywhere.items() if n >= 3 and c >= max(3, math.ceil(RUNNING_SHARE * n))}
    out = []
    dropped = 0
    for lines, edge in zip(pages, edges, strict=True):
        if not lines:
            out.append(lines)
            continue
        highest = min(ln.top for ln in lines)
        lowest = max(ln.bottom for ln in lines)
        typical = sorted(ln.size for ln in lines)[len(lines) // 2]
        heads = [ln for k, ln in enumerate(lines) if (edge.get(k, ""), _mask(ln.text)) in running]
        kept = []
        for k, ln in enumerate(lines):
            band = edge.get(k, "")
            key = (band, _mask(ln.text))
            if stamps and " ".join(ln.text.split()) in stamps:
                dropped += 1
                continue
            if band and (key in running or (_beside(ln, heads) and (
                    (seen[key] >= 3 and len(key[1]) >= 4) or _SLIP_LABEL.fullmatch(ln.text.strip())))):
                # a running line; or a word or more that repeats beside one ("Syllabus" under
                # the case's name), not a part's letter ("A" heads a page in two parts)
                dropped += 1
                continue
            if band and at and folio_head(ln.text, band, ln.top, at, seen[key]):
                dropped += 1
                continue
            if band == "top" and ln.top <= highest and _PERIODICAL_HEAD.fullmatch(ln.text.strip()):
                dropped += 1  # "238 THE AMERICAN SENTINEL. AUGUST, 1889.": a periodical's head, even seen once
                continue
            if _PAGE_NUMBER.fullmatch(ln.text.strip()) and (band or ln.top <= highest or ln.bottom >= lowest) \
                    and ln.size < 2 * typical:
                # a bare page number: in the margins, or above or below everything else; not a
                # year in large type beside a title block ("2007" over the IRS's instructions)
                dropped += 1
                continue
            kept.append(ln)
        out.append(kept)
    if dropped and 10 * sum(len(ln.text) for lines in out for ln in lines) < sum(len(ln.text) for lines in pages
                                                                                for ln in lines):
        # Nearly all of the document "running": short pages whose lines differ only by a
        # number (forms, slides, numbered notices) lost every line and opened blank. Page
        # furniture is never nine tenths of a document: nothing is dropped.
        return pages, 0
    return out, dropped


# A periodical's running head: the page's number, then its name and issue in capitals ending in a
# year, or the other way round. Topmost on its page, it goes even on a page of its own.
_HEAD_CAPS = r"[A-Z][A-Z0-9 .,'\u2019&:;\u2014-]{6,}\b(?:1[5-9]\d\d|20\d\d)\.?"
_PERIODICAL_HEAD = re.compile(r"\d{1,4}\s+" + _HEAD_CAPS + r"|" + _HEAD_CAPS + r"\s+\d{1,4}"
                              r"|\(Slip Opinion\)\s+[A-Z]+ TERM,\s*\d{4,6}(?:\s+\d{1,3})?")  # a slip opinion's first head
# What a stamp across a page can be: two to eight words, no figures (a page's own numbers differ).
_STAMP = re.compile(r"(?=.{4,60}$)[^\W\d_][^\d]*\s[^\d]*[^\W\d_]\W?")
_LINE_NUMBER = re.compile(r"\d{1,2}")
# What a slip opinion prints under its running head: which part of it the page is, even on a
# page of its own ("Syllabus" on the syllabus's one page after the first).
_SLIP_LABEL = re.compile(r"Syllabus|Opinion of the Court|Per Curiam|Opinion of [A-Z]+, J\.|"
                         r"[A-Z]+, (?:C\. )?J\., (?:dissenting|concurring)(?: in (?:part|the judgment))?"
                         r"(?: and (?:dissenting|concurring)(?: in (?:part|the judgment))?)?")


def drop_line_numbers(lines: list[Line]) -> list[Line]:
    """One page without the numbers of pleading paper: a column of 1, 2, 3… down a margin, one
    per line, beside the text (US court filings). They were read into the text: "are enjoined
    from the 3 4 5 … 26 unauthorized use"."""
    numbers = [ln for ln in lines if _LINE_NUMBER.fullmatch(ln.text)]
    if len(numbers) < 10:
        return lines
    others = [ln for ln in lines if not _LINE_NUMBER.fullmatch(ln.text)]
    if not others:
        return lines
    # the text's margins, a stray line aside (a filing's stamp across the top runs wider)
    x0s, x1s = sorted(ln.x0 for ln in others), sorted(ln.x1 for ln in others)
    left, right = x0s[len(x0s) // 10], x1s[-1 - len(x1s) // 10]
    columns: dict[int, list[Line]] = {}
    for ln in numbers:
        columns.setdefault(round(ln.x1 / 6), []).append(ln)
    drop: set[int] = set()
    for column in columns.values():
        if len(column) < 10:
            continue
        column.sort(key=lambda ln: ln.top)
        values = [int(ln.text) for ln in column]
        steps = sum(1 for a, b in pairwise(values) if b == a + 1)
        in_margin = all(ln.x1 <= left + 2 for ln in column) or all(ln.x0 >= right - 2 for ln in column)
        if in_margin and steps >= 0.8 * (len(values) - 1):
            drop.update(id(ln) for ln in column)
    return [ln for ln in lines if id(ln) not in drop] if drop else lines


def _beside(ln: Line, heads: list[Line]) -> bool:
    """Whether ln is right above or below one of these running lines."""
    return any(h is not ln and abs(h.bottom - ln.bottom) <= 3.5 * max(h.size, ln.size, 1.0) for h in heads)


def _single_column(lines: list[Line]) -> bool:
    """No two lines side by side (overlapping vertically, apart horizontally)."""
    rows = sorted(lines, key=lambda ln: ln.top)
    for a_i, a in enumerate(rows):
        for b in rows[a_i + 1:]:
            if b.top >= a.bottom:
                break
            overlap = min(a.bottom, b.bottom) - max(a.top, b.top)
            if overlap > 0.5 * min(a.bottom - a.top, b.bottom - b.top) and (b.x0 >= a.x1 or a.x0 >= b.x1):
                return False
    return True


def mirrored(lines: list[Line]) -> list[Line]:
    """A page written right to left (``pdf_rtl``) as in a mirror, so that its lines start at
    the left margin like any others (x runs from the right edge leftwards, as negative
    numbers); any other page as it is."""
    if not lines or not right_to_left(ln.text for ln in lines):
        return lines
    return [replace(ln, x0=-ln.x1, x1=-ln.x0) for ln in lines]


def reading_order(lines: list[Line]) -> list[Line]:
    if len(lines) > 1 and _single_column(lines):
        return sorted(lines, key=lambda ln: (round(ln.bottom, 0), ln.x0))
    lanes = gutters(lines)
    if lanes and interleaved(lines, lanes):
        # read column by column; then the pieces of one line that PDFium gave apart, now
        # side by side, are one line again (``_merge_pieces``)
        return _merge_pieces(column_order(lines, lanes))
    return lines


# --- paragraphs -----------------------------------------------------------------------------------------
def _pitch(lines: list[Line]) -> dict[float, float]:
    """The page's usual distance between baselines of one paragraph's lines, for each type
    size (and for all lines, under -1): a double-spaced body above single-spaced footnotes
    has two. One figure for both, their median, was less than the body's spacing, and
    every body line became a paragraph."""
    gaps: dict[float, list[float]] = {}
    for a, b in pairwise(lines):
        step = b.bottom - a.bottom
        if 0 < step < 3 * max(a.size, 1) and abs(a.size - b.size) < 0.5:
            gaps.setdefault(round(a.size), []).append(step)
            gaps.setdefault(-1, []).append(step)
    return {size: sorted(g)[len(g) // 2] for size, g in gaps.items()}


def _breaks(para: list[Line], b: Line, c: Line | None, pitch: float, right: float, width: float) -> bool:
    """Whether b starts a new paragraph after the lines of para (a = the last), on one page;
    c is the line after b, if any (to tell a first-line indent from a hanging one)."""
    a = para[-1]
    size = max(a.size, b.size, 1.0)
    if _BULLET.match(b.text) and not a.hyphen:
        return True  # a bulleted item starts, wherever the line before it ended (even in "…; or")
    if _DANGLING.search(a.text) and 0 < b.bottom - a.bottom < 2.5 * size:
        return False  # a line ending in "and", "of", "with whom" cannot end a paragraph, whatever its type size
    if abs(a.size - b.size) > 0.15 * size:
        return True  # a heading, or back to the body after one
    if _PART.fullmatch(b.text.strip()) or _PART.fullmatch(a.text.strip()):
        return True  # a part's letter or numeral ("II", "B") on its own line: a heading
    if _PILCROW.match(b.text):
        return True  # "¶ 16 Plaintiffs first argue…": a court's numbered paragraph
    step = b.bottom - a.bottom
    if step < -0.5 * size or (abs(b.x0 - a.x0) > 12 * size and step < 1.3 * size):
        # up to a new column, or across to one (not down from a centred line to the margin:
        # "The Federal Farmer", centred, then "Dear sir," read as one paragraph)
        return not _continues(a, b, c)
    if step > (1.3 * pitch if pitch else 1.7 * size) and not _spaced_alike(para, b, c, step, right, width):
        return True
    if a.hyphen:
        return False
    if b.x0 - a.x0 > 0.8 * size:  # indented
        if _centred_under(para, b, size):
            return False
        if _hanging(para, b, size, right, width):
            return False
        if len(para) == 1:
            hanging = bool(_MARKER.match(a.text) or _PILCROW.match(a.text)) or (
                c is not None and abs(c.x0 - b.x0) < 0.5 * size
                and 0 < c.bottom - b.bottom <= (1.3 * pitch if pitch else 1.7 * size))
            return not hanging  # a list item's lines under its text, or a new paragraph's first line
        return True
    if a.x0 - b.x0 > 0.8 * size:  # outdented
        return len(para) > 1 or not (a.x0 - b.x0 < 4 * size)  # back to the margin after a first-line indent: goes on
    ends = a.text.rstrip()[-1:] in _TERMINAL
    if ends and len(para) == 1 and c is not None and b.x0 - c.x0 > 0.8 * size and abs(c.size - b.size) < 0.5 \
            and a.x1 < max(b.x1, c.x1) - 2 * size:
        # a one-line paragraph indented as the next one's first line, which the line after
        # goes back from: "4 In such circumstances, … provide:" | "“(2) Whenever the flow"
        return True
    return ends and width > 0 and a.x1 < right - 0.25 * width  # a short line that ends a sentence


def _centred_under(para: list[Line], b: Line, size: float) -> bool:
    """Whether b goes on with a centred heading of two lines or more: para's last two lines
    and b centred on one axis, b set in from both ends of the last, which ends in no stop,
    and no further below it than a heading's lines are apart. A motion's title, "MOTION TO
    STAY … DECISION IN" | "…CASE NOS. 20-55436," | "20-55662" | "AND" | "ALTERNATIVE
    MOTION…", was cut after "20-55662" (its second and third lines, which PDFium gave as
    one, had read "…20-55436, 20-55662"). (A justified column's lines share an axis too,
    but none is set in from the right.)"""
    a = para[-1]
    if len(para) < 2 or a.text.rstrip()[-1:] in _TERMINAL or b.bottom - a.bottom > 1.5 * size \
            or a.x1 - b.x1 < 0.5 * size:
        return False
    return all(abs(ln.x0 + ln.x1 - a.x0 - a.x1) < size for ln in (para[-2], b))


def _hanging(para: list[Line], b: Line, size: float, right: float, width: float) -> bool:
    """Whether b, indented under the last line a, goes on in a hanging indent (a reporter's
    headnote: each paragraph's first line at the margin, the others further in): a runs to
    the right margin without ending a sentence, and any lines of para after its first sit
    where b does. A preliminary print's syllabus was cut into a paragraph a line."""
    a = para[-1]
    if width <= 0 or a.x1 < right - 0.05 * width or b.x0 - a.x0 > 4 * size:
        return False
    if a.text.rstrip()[-1:] in _TERMINAL and not _goes_on(a.text):
        return False
    return all(abs(ln.x0 - b.x0) < 0.5 * size for ln in para[1:])


def _spaced_alike(para: list[Line], b: Line, c: Line | None, step: float, right: float, width: float) -> bool:
    """Whether a gap wider than the page's usual spacing is only the spacing of a double-
    spaced passage: the line before it runs to the right margin, and the gap before it or
    the one after is as wide. A court's double-spaced opinion above a single-spaced block
    quote made every body line a paragraph."""
    a = para[-1]
    if width <= 0 or a.x1 < right - 0.1 * width:
        return False
    near = []
    if len(para) >= 2:
        near.append(a.bottom - para[-2].bottom)
    if c is not None and abs(c.size - b.size) < 0.5:
        near.append(c.bottom - b.bottom)
    return any(abs(n - step) <= 0.12 * step for n in near)


def _continues(a: Line, b: Line, c: Line | None, left: float | None = None) -> bool:
    """Whether b, the first line of a new page or column, goes on with the paragraph whose
    last line was a (c: the line after b, to see whether b is indented)."""
    size = max(a.size, b.size, 1.0)
    if abs(a.size - b.size) > 0.15 * size:
        return False
    if a.hyphen:
        return True
    if _PILCROW.match(b.text):
        return False
    if c is not None and abs(c.x0 - b.x0) < 12 * size and abs(c.size - b.size) <= 0.15 * size:
        margin = c.x0
    else:
        margin = b.x0 if left is None else left
    if b.x0 - margin > 0.8 * size:
        return False  # indented: a new paragraph
    return a.text.rstrip()[-1:] not in _TERMINAL or b.text[:1].islower() or _goes_on(a.text)


_LAST_ABBREVIATION = re.compile(r"([A-Za-z]+)\.$")


def _goes_on(line: str) -> bool:
    """Whether a line ends in what the segmenter never ends a sentence after ("Mr.", "v.",
    "pp.", a lower-case initial such as "p."), or "at." and "No.": "See id., at 663; Brown v." |
    "Davenport, 596 U. S. 118" went on over a page break in a slip opinion, and was cut there.
    ("Dowd, J.", "See id.", "the U. S." do end sentences: not these.)"""
    m = _LAST_ABBREVIATION.search(line)
    if m is None:
        return False
    word = m.group(1)
    return word in NEVER_END or word in NEVER_END_LOWER or word in ("at", "No", "Nos") or (
        len(word) == 1 and word.islower())


# A line ending in a word that cannot end a sentence: "JUSTICE GORSUCH, with whom JUSTICE THOMAS and"
# | "JUSTICE ALITO join…" was two paragraphs (a centred heading's second line is "indented").
_DANGLING = re.compile(r"\S\s+(?:and|or|nor|of|the|a|an|to|with|whom|which|that|by|for|in|on|at|from)$", re.I)
# A part's heading on a line of its own: "II", "B", "III": never the end of a paragraph's text.
_PART = re.compile(r"(?:[IVX]{1,6}|[A-Z]|\d{1,2})")


def compounds_in(paras: list[list[Line]]) -> frozenset[str]:
    """The words written inside lines anywhere in the document (see ``hyphens.vocabulary``):
    a word broken at a line end keeps its hyphen when the document writes it with one
    elsewhere, and loses it when it writes it whole."""
    return vocabulary(ln.text for para in paras for ln in para)


def _join(parts: list[Line], compounds: frozenset[str] = frozenset(), plain: frozenset[str] = frozenset()) -> str:
    """One paragraph's lines as text; compounds, plain: the document's words (``compounds_in``,
    ``pdf_hyphens.plain_words``), to tell a compound's hyphen at a line end from a syllable's."""
    out = ""
    for k, ln in enumerate(parts):
        if k == 0:
            out = ln.text
        elif parts[k - 1].hyphen:  # PDFium took the hyphen off: "govern" + "ment", "Anglo" + "Saxon"
            out += ("-" if keeps(out, ln.text, compounds, plain) else "") + ln.text
        elif out.endswith("-") and not out.endswith(" -") and ln.text[:1].isalnum():
            if keeps(out[:-1], ln.text, compounds, plain):
                out += ln.text  # a hyphen PDFium left in place: "1990-" + "1995", "Anglo-" + "Saxon"
            else:
                out = out[:-1] + ln.text
        elif _CLOSED_END.search(out) and ln.text[:1].isalnum():
            out += ln.text  # "737–" + "9", "FAA–2020–" + "0686", "https://" + "www…": no space was there
        else:
            out += " " + ln.text
    return out


# A line ending in a dash set close to the word before it (a number range, a docket number,
# an unspaced dash), or in a web address's "://": the next line goes on without a space.
_CLOSED_END = re.compile(r"(?:\w[\u2013\u2014]|://)$")


_RULE = re.compile(r"[\u2014\u2013\u2015\u2500_-]{4,}")  # "——————": the rule above a page's notes
_NOTE_START = re.compile(r"(?:\d{1,3}|[*\u2020\u2021\u00a7])\s?\S")
_RULE_LEAD = re.compile(r"[\u2014\u2013\u2015\u2500_-]{4,}\s+")  # a rule that starts a line of text


def body_size(pages: list[list[Line]]) -> float:
    """The type size most of the document's text is set in."""
    sizes: Counter[float] = Counter()
    for lines in pages:
        for ln in lines:
            sizes[round(ln.size, 1)] += len(ln.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def split_notes(lines: list[Line], body: float) -> tuple[list[Line], list[Line]]:
    """(text, notes) of one page in reading order: the notes are the smaller type at the foot
    of the page, under a rule ("——————", which goes) or opening with a note's number."""
    if len(lines) < 2 or body <= 0:
        return lines, []
    for k, ln in enumerate(lines):
        if _RULE.fullmatch(ln.text) and ln.top > 0.4 * ln.height:
            after = lines[k + 1:]
            if k and after and all(x.size < 0.95 * body_size([lines[:k]]) for x in after):
                return lines[:k], after  # smaller than the page's text above the rule
        lead = _RULE_LEAD.match(ln.text)
        if lead and k and ln.top > 0.4 * ln.height and _NOTE_START.match(ln.text, lead.end()):
            # PDFium gave the rule and the first note's first line as one: "—————— 2Rule 60 governs"
            return lines[:k], [replace(ln, text=ln.text[lead.end():]), *lines[k + 1:]]
    k = len(lines)
    while k > 0 and lines[k - 1].size <= 0.9 * body:
        k -= 1
    if 0 < k < len(lines) and _NOTE_START.match(lines[k].text) and lines[k].top > 0.4 * lines[k].height:
        return lines[:k], lines[k:]
    return lines, []


def paragraphs(pages: list[list[Line]]) -> list[list[Line]]:
    """Group the lines of all pages (in reading order) into paragraphs.

    A page's notes (see ``split_notes``) come after the paragraph that runs on past the page
    break, not inside it: a court's holding had read as part of a footnote, and a word
    broken at a page's foot ("diver-" / "sion") was never joined."""
    paras: list[list[Line]] = []
    last: Line | None = None
    body = body_size(pages)
    waiting: list[list[Line]] = []  # notes of pages whose last paragraph has not ended yet
    last_note: list[Line] | None = None
    for lines in pages:
        if not lines:
            continue
        text, notes = split_notes(lines, body)
        if not text:
            text, notes = lines, []
        pitches = _pitch(lines)
        single = _single_column(lines)
        right = sorted(ln.x1 for ln in lines)[int(0.9 * (len(lines) - 1))] if single else 0.0
        left = min(ln.x0 for ln in lines)
        width = right - left if single else 0.0
        for k, ln in enumerate(text):
            nxt = text[k + 1] if k + 1 < len(text) else None
            if k == 0:
                new = last is None or not _continues(last, ln, nxt, left)
            else:
                pitch = pitches.get(round(paras[-1][-1].size), pitches.get(-1, 0.0))
                new = _breaks(paras[-1], ln, nxt, pitch, right, width)
            if new:
                last_note = _flush(paras, waiting, last_note, pitches, right, width)
                waiting = []
                paras.append([])
            paras[-1].append(ln)
        if notes:
            waiting.append(notes)
        last = text[-1]
    _flush(paras, waiting, last_note, {}, 0.0, 0.0)
    return paras


def _flush(paras: list[list[Line]], waiting: list[list[Line]], last_note: list[Line] | None,
           pitches: dict[float, float], right: float, width: float) -> list[Line] | None:
    """Put the notes waiting into paras; a note that runs on from an earlier page's notes
    ("… a specific point of use or diver-" / "sion.") joins it. Returns the last note."""
    for note in waiting:
        groups = _group(note, pitches, right, width)
        if groups and last_note is not None and not _NOTE_START.match(groups[0][0].text) \
                and _continues(last_note[-1], groups[0][0], None):
            last_note.extend(groups.pop(0))
        paras.extend(groups)
        if groups:
            last_note = groups[-1]
    return last_note


def _group(lines: list[Line], pitches: dict[float, float], right: float, width: float) -> list[list[Line]]:
    """One page's notes as paragraphs: a new one at each note's number."""
    out: list[list[Line]] = []
    for k, ln in enumerate(lines):
        nxt = lines[k + 1] if k + 1 < len(lines) else None
        if out:
            pitch = pitches.get(round(out[-1][-1].size), pitches.get(-1, 0.0))
        numbered = bool(_GLUED_NOTE.match(ln.text) or _NOTE_NUMBER.match(ln.text))
        ended = bool(out) and out[-1][-1].text.rstrip()[-1:] in _TERMINAL
        if not out or _breaks(out[-1], ln, nxt, pitch, right, width) or (numbered and ended):
            # a note's number set as a superscript runs into its first word: "6An acre-foot"
            out.append([replace(ln, text=_GLUED_NOTE.sub(r"\1 ", ln.text, count=1))])
            continue
        out[-1].append(ln)
    return out


_GLUED_NOTE = re.compile(r"^(\d{1,3})(?=[A-Z\u201c\"(])")
_NOTE_NUMBER = re.compile(r"\d{1,3} [A-Z\u201c\"(]")  # a note's number and its first word


# --- the whole document -------------------------------------------------------------------------------
def _metadata(pdf) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The document's Title, Author and CreationDate, each read alone: pypdfium2 decodes them
    strictly, and one value holding a lone surrogate (an attacker's ``<FEFFD800>`` title) took
    the whole document down. A value that cannot be decoded is read with a replacement mark."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    out = {}
    for key in ("Title", "Author", "CreationDate"):
        try:
            enc = (key + "\x00").encode("ascii")
            n = pdfium_c.FPDF_GetMetaText(pdf.raw, enc, None, 0)
            if n <= 2:
                continue
            buffer = ctypes.create_string_buffer(n)
            pdfium_c.FPDF_GetMetaText(pdf.raw, enc, buffer, n)
            value = bytes(buffer.raw[:n - 2]).decode("utf-16-le", "replace")
        except (OSError, ValueError, TypeError, AttributeError):
            continue
        if value.strip():
            out[key] = value
    return out


def _pages(numbers: list[int]) -> str:
    """"1 page", "21 pages"."""
    return f"{len(numbers)} page{'s' if len(numbers) != 1 else ''}"


def _spans(numbers: list[int]) -> str:
    """Page numbers as runs: "2–22", "3, 5–7"."""
    out: list[str] = []
    start = prev = numbers[0]
    for n in [*numbers[1:], None]:
        if n is not None and n == prev + 1:
            prev = n
            continue
        out.append(str(start) if start == prev else f"{start}\u2013{prev}")
        if n is not None:
            start = prev = n
    return ", ".join(out)


def _pdf_date(value: str) -> str:
    """A PDF date ("D:20240103120000Z") as YYYY-MM-DD (or less); "" when it is not one."""
    m = re.match(r"(?:D:)?(\d{4})(\d{2})?(\d{2})?", value.strip())
    if not m or not 1000 <= int(m.group(1)) <= 2999:
        return ""
    out = [m.group(1)]
    if m.group(2) and 1 <= int(m.group(2)) <= 12:
        out.append(m.group(2))
        if m.group(3) and 1 <= int(m.group(3)) <= 31:
            out.append(m.group(3))
    return "-".join(out)


def extract_pdf(data: bytes, name: str) -> Extracted:
    """The article in a PDF: paragraphs (the title first) and metadata; ArticleError if none."""
    check_inflation(data, name)
    pdf = _open(data, name)
    try:
        count = len(pdf)
        if count == 0:
            raise ArticleError(f"{name}: the PDF has no pages", EX_DATAERR)
        pages: list[list[Line]] = []
        chars = images = 0
        scans: list[int] = []
        codes: list[int] = []  # pages whose text layer is glyph codes (``pdf_garbled``)
        widths = FontWidths()
        import pypdfium2 as pdfium

        for p in range(count):
            try:
                page = pdf[p]
            except pdfium.PdfiumError:
                raise ArticleError(f"{name}: the PDF is damaged: page {p + 1} of {count} cannot be read", EX_DATAERR) from None
            try:
                lines, n_chars, n_images, n_garbled = _page_lines(page, p, widths)
            finally:
                page.close()
            chars += n_chars
            images += n_images
            if n_garbled:
                codes.append(p + 1)
            elif not n_chars and n_images:
                scans.append(p + 1)
            pages.append(lines)
        info = _metadata(pdf)
    finally:
        pdf.close()
    if not chars:
        if codes:
            raise ArticleError(f"{name}: no usable text layer ({_pages(codes)} of glyph codes, not letters: its fonts "
                               "have no Unicode map): it needs OCR first; try ocrmypdf --force-ocr", EX_DATAERR)
        if images:
            raise ArticleError(f"{name}: a scanned PDF ({count} page{'s' if count != 1 else ''} of images, no text layer): "
                               "it needs OCR first; try ocrmypdf", EX_DATAERR)
        raise ArticleError(f"{name}: the PDF has no text", EX_DATAERR)
    pages = [drop_line_numbers([ln for ln in lines if not ornament(ln.text)]) for lines in pages]  # (``pdf_ornaments``)
    pages, _dropped = drop_running_lines(pages)
    pages = [reading_order(mirrored(lines)) for lines in pages]
    paras = paragraphs(pages)
    sizes: Counter[float] = Counter()
    for para in paras:
        for ln in para:
            sizes[round(ln.size, 1)] += len(ln.text)
    body = sizes.most_common(1)[0][0] if sizes else 0.0
    head = paras[0] if paras else []  # the title's first line, before the ones under it join it
    if paras and paras[0][0].page == 0 and body and max(ln.size for ln in paras[0]) >= 1.25 * body:
        while len(paras) > 1 and goes_on(paras[0], paras[1]):  # a title set on two lines (``pdf_title``)
            paras[0:2] = [paras[0] + paras[1]]
    blocks: list[tuple[str, int]] = []
    texts: list[str] = []
    first_page: list[int] = []  # the headings of the first page, by their index in texts
    meta: dict[str, str] = {}
    compounds = compounds_in(paras)
    plain = plain_words(paras)
    for k, para in enumerate(paras):
        text = _join(para, compounds, plain)
        if not text:
            continue
        size = max(ln.size for ln in para)
        big = body and size >= 1.15 * body and len(text) <= 300
        if k == 0 and para[0].page == 0 and body and size >= 1.25 * body and len(text) <= 300 \
                and any(ch.isalpha() for ch in text):  # (a year in large type, "2007", is no title)
            blocks.append((TITLE, 1))
            meta["title"] = text
        elif big:
            blocks.append((HEADING, 2 if size >= 1.4 * body else 3))
        else:
            blocks.append((BODY, 0))
        if big and para[0].page == 0:
            first_page.append(len(texts))
        texts.append(text)
    title = " ".join(str(info.get("Title", "")).split())
    good = bool(title) and not _JUNK_TITLE.search(title) and not _IDENTIFIER.fullmatch(title) and len(title) >= 4
    run = written(title, texts, first_page) if good and "title" in meta else None
    if run is not None and run != (0, 1):
        # the metadata's title is on the first page, after a larger line that is not the title
        # (a series' name above a paper's title): those lines are the title (``pdf_title``)
        # (put first, where a title is looked for; the larger line stays, a heading under it)
        first, end = run
        meta["title"] = " ".join(texts[first:end])
        del texts[first:end], blocks[first:end]
        texts.insert(0, meta["title"])
        blocks[0:1] = [(TITLE, 1), (HEADING, 2)] if blocks and blocks[0] == (TITLE, 1) else [(TITLE, 1), *blocks[0:1]]
    if good and "title" not in meta:
        if texts and " ".join(texts[0].split()).casefold() == title.casefold():
            blocks[0] = (TITLE, 1)
        else:
            blocks.insert(0, (TITLE, 1))
            texts.insert(0, title)
        meta["title"] = title
    if not meta.get("title") or _COURT.fullmatch(meta["title"]) or (
            head and len(head) < len(paras[0]) and _COURT.fullmatch(_join(head))):
        # (a court's name is no title, on two lines either: "United States Court of Appeals" |
        # "for the Fifth Circuit")
        case = case_name(texts)
        if case:
            meta["title"] = case
    author = clean_author(str(info.get("Author", "")))  # a person's or an office's name, not a login's
    if author:
        meta["author"] = author[:300]
    date = _pdf_date(str(info.get("CreationDate", "")))
    if date:
        meta["pdf_made"] = date  # when the file was made, not the text: shown as "PDF made …"
    notes = []
    if _truncated(data):
        notes.append("the PDF looks truncated (no %%EOF at its end); text may be missing")
    if scans:
        shown = ", ".join(map(str, scans[:8])) + (" …" if len(scans) > 8 else "")
        notes.append(f"page{'s' if len(scans) > 1 else ''} {shown} {'are' if len(scans) > 1 else 'is'} "
                     "scanned images without text (they need OCR)")
    if codes:
        notes.append(f"{_pages(codes)} ({_spans(codes)}) {'have' if len(codes) > 1 else 'has'} no usable text layer "
                     f"(glyph codes, not letters), left out: {'they need' if len(codes) > 1 else 'it needs'} OCR")
    return Extracted(text="\n\n".join(texts) + "\n", blocks=blocks, meta=meta, note="; ".join(notes) or None)
