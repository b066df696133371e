"""Real PDFs whose page shows less than PDFium gives (``pdf_crop``), whose text layer is
glyph codes (``pdf_garbled``) or whose title is on two lines or under a series' name
(``pdf_title``), or whose words break at a compound's hyphen (``pdf_hyphens``). Fixtures in tests/fixtures/pdf-papers (see its SOURCES.md): eight pages of
Lessig's *Free Culture* (a printer's PDF: crop marks, a job slug and a line gauge outside
the CropBox), the first two pages of a working paper whose body pages are glyph codes, and
four pages of the TraceMonkey paper (words broken at a compound's hyphen).
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from reader.core.errors import EX_DATAERR, ArticleError
from reader.core.sources.pdf import extract_pdf
from reader.core.sources.pdf_crop import shown, visible_box
from reader.core.sources.pdf_garbled import garbled
from tests.sources_server import article_pages, make_pdf

HERE = Path(__file__).parent / "fixtures" / "pdf-papers"
FREE_CULTURE = HERE / "freeculture-pp2-3-75-80.pdf"
TAM = HERE / "tamreview-pp1-2.pdf"
TRACEMONKEY = HERE / "tracemonkey-pp1-2-8-9.pdf"


def _read(path: Path):  # type: ignore[no-untyped-def]
    return extract_pdf(path.read_bytes(), path.name)


# --- what the page shows ---------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def free_culture():  # type: ignore[no-untyped-def]
    out = _read(FREE_CULTURE)
    return out, out.text.split("\n\n")


def test_the_printers_marks_outside_the_crop_box_are_not_text(free_culture):
    out, paras = free_culture
    # the line gauge down the margin ("1" … "31", "S32", "R33") read as a paragraph a number
    assert not [p for p in paras if p.strip().isdigit() or p.strip() in ("S32", "R33", "32S")]
    for mark in ("qxd", "PASS PAGES", "S32", "R33"):
        assert mark not in out.text


def test_a_word_broken_over_the_page_is_whole_again(free_culture):
    out, _paras = free_culture
    assert "We may have been born a pirate nation, but we will not allow any other nation" in out.text
    assert "pi-S32" not in out.text and "pi- rate" not in out.text


def test_the_text_inside_the_crop_box_is_all_there(free_culture):
    out, _paras = free_culture
    assert "No country can be part of the world economy and choose not to protect copyright" in out.text
    assert "“PIRACY”" not in out.text  # the running head (inside the box) still goes as a running line


class _Page:
    def __init__(self, media, crop=None, trim=None):  # type: ignore[no-untyped-def]
        self.media, self.crop, self.trim = media, crop or media, trim or crop or media

    def get_mediabox(self):  # type: ignore[no-untyped-def]
        return self.media

    def get_cropbox(self):  # type: ignore[no-untyped-def]
        return self.crop

    def get_trimbox(self):  # type: ignore[no-untyped-def]
        return self.trim


def test_the_box_seen_is_the_media_box_cut_to_the_crop_and_trim_boxes():
    sheet = (0.0, 0.0, 480.0, 678.0)
    # Free Culture's pages: CropBox 41.76…438.24, TrimBox 42…438
    assert visible_box(_Page(sheet, (41.76, 41.76, 438.24, 636.24), (42.0, 42.0, 438.0, 636.0))) == (42, 42, 438, 636)
    # its second page: a TrimBox larger than the CropBox changes nothing
    assert visible_box(_Page((0, 0, 612, 792), (86.4, 248.4, 525.6, 680.4), (0, 0, 612, 792))) == (
        86.4, 248.4, 525.6, 680.4)
    assert visible_box(_Page(sheet)) == sheet  # no CropBox: PDFium gives the MediaBox
    assert visible_box(_Page(sheet, (-50, -50, 900, 900))) == sheet  # larger than the sheet
    assert visible_box(_Page(sheet, (10, 10, 10, 500))) == sheet  # degenerate: no width
    assert visible_box(_Page(sheet, (600, 700, 900, 900))) == sheet  # off the sheet
    assert visible_box(_Page((0, 0, 0, 0))) is None
    assert shown((42, 42, 438, 636), 100, 105, 300, 310) and not shown((42, 42, 438, 636), 457, 467, 300, 310)


def _with_crop(data: bytes, box: tuple[float, float, float, float]) -> bytes:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    for page in pdf:
        page.set_cropbox(*box)
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


@pytest.mark.parametrize("box", [(0, 0, 612, 792), (-100, -100, 900, 1000), (100, 100, 100, 700)],
                         ids=["equal", "larger", "degenerate"])
def test_a_crop_box_that_hides_nothing_changes_nothing(box):
    data = make_pdf(article_pages("A Title Set Large", ["First paragraph of the text, long enough. " * 4,
                                                         "Second paragraph of the text, long enough. " * 4]))
    plain = extract_pdf(data, "a.pdf")
    cropped = extract_pdf(_with_crop(data, box), "a.pdf")
    assert (cropped.text, cropped.blocks, cropped.meta) == (plain.text, plain.blocks, plain.meta)


# --- a text layer of glyph codes -------------------------------------------------------------------------
def test_a_page_of_glyph_codes_is_left_out_and_named():
    out = _read(TAM)
    assert out.note is not None and "1 page (2) has no usable text layer" in out.note
    assert "\x04" not in out.text and '!" #' not in out.text
    assert "User acceptance of technology has been an important field of study" in out.text  # page 1 stays


def test_a_pdf_of_glyph_codes_only_is_refused_in_one_line():
    import pypdfium2 as pdfium

    source = pdfium.PdfDocument(TAM.read_bytes())
    pdf = pdfium.PdfDocument.new()
    pdf.import_pages(source, [1])
    buffer = io.BytesIO()
    pdf.save(buffer)
    with pytest.raises(ArticleError) as err:
        extract_pdf(buffer.getvalue(), "tam.pdf")
    assert err.value.exit_code == EX_DATAERR
    assert "no usable text layer" in str(err.value) and "OCR" in str(err.value) and "\n" not in str(err.value)


def test_garbled_counts_control_characters_not_letters():
    assert garbled("\x04\x05\x06\x04\x07\x08\t\n\x08\x0b\x0c\x04\x08\r\x04\x0e\x0c\x0f\t\x10\t\x11\x12 Abstract")
    assert not garbled("An ordinary page.\r\nIts lines\ufffe broken.\x02 " * 40)
    assert not garbled("Table\x01 1.23 4.56 7.89\r\n" * 3)  # a stray control character or two


# --- the title ---------------------------------------------------------------------------------------------
def test_the_metadata_title_on_the_first_page_is_the_title_not_the_series_above_it():
    out = _read(TAM)
    title = "Overview of the Technology Acceptance Model: Origins, Developments and Future Directions"
    assert out.meta["title"] == title
    assert out.text.split("\n\n")[0] == title and out.blocks[0] == ("title", 1)
    assert out.text.split("\n\n")[1] == "Working Papers on Information Systems ISSN 1535-6078"


def test_a_title_set_on_two_lines_is_one():
    out = _read(TRACEMONKEY)
    assert out.meta["title"] == "Trace-based Just-in-Time Type Specialization for Dynamic Languages"
    assert out.text.split("\n\n")[0] == out.meta["title"]
    assert "Languages" not in out.text.split("\n\n")[1:3]


# --- a compound's hyphen at a line end --------------------------------------------------------------------
def test_a_compound_broken_at_one_of_its_hyphens_keeps_it():
    text = " ".join(_read(TRACEMONKEY).text.split())
    assert "stop-the-world mark-and-sweep" in text and "stop-theworld" not in text
    assert "interpreter-to-trace and trace-to-interpreter" in text and "interpreterto-trace" not in text


def test_a_name_the_document_writes_whole_is_joined_whole():
    text = _read(TRACEMONKEY).text
    assert "Trace-Monkey" not in text
    assert "the resulting tracing VM TraceMonkey" in " ".join(text.split())


def test_a_syllable_break_inside_a_compound_is_joined():
    from reader.core.sources.pdf_hyphens import keeps

    plain = frozenset({"cross", "refer", "out", "of", "state"})
    assert not keeps("the cross-refer", "ence to", frozenset(), plain)  # "ence" is no word of it
    assert keeps("prevent out-of", "state applicants", frozenset(), plain)
    assert keeps("Anglo", "Saxon", frozenset(), plain)  # a capital, never written whole: kept


def test_a_chapters_running_head_where_the_books_heads_sit_goes():
    from reader.core.sources.pdf_heads import folio_head, spots

    # 10 pages: "N FREE CULTURE" / "INTRODUCTION N" at the foot, top 541, on 8 of them
    pages = [[("bottom", 541.03, f"{n} FREE CULTURE" if n % 2 == 0 else f"INTRODUCTION {n}")] for n in range(8)]
    pages += [[("bottom", 500.0, "be much more profound.")], []]
    at = spots(pages, 10)
    assert folio_head("INTRODUCTION 9", "bottom", 541.4, at, 4)
    assert not folio_head("INTRODUCTION 9", "bottom", 541.4, at, 1)  # seen once: not known to run
    assert not folio_head("be much more profound.", "bottom", 541.0, at, 4)  # no page number
    assert not folio_head("INTRODUCTION 9", "bottom", 500.0, at, 4)  # elsewhere on the page
    assert not spots(pages[:3], 10)  # on 3 pages of 10: no spot


def test_a_rule_of_dingbat_ornaments_is_no_text():
    from reader.core.sources.pdf_ornaments import ornament

    assert ornament("❚❘❙❚❘❙ ❚❘❙❚❘❙❚❘❙❚ ❙❚❘❙❚❘❙❚❘❙❚❘❙❚❘❘")
    assert not ornament("✓ Checked") and not ornament("❝Quoted❞") and not ornament("——————")
    free = _read(HERE / "freeculture-pp2-3-75-80.pdf").text
    assert "❚" not in free
