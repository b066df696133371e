"""Pages in columns that PDFium gives across the columns (``reader.core.sources.pdf_columns``).

The real case: the IRS's 2007 Instructions for Form 1040NR, set in three columns and
written row by row across them (tests/fixtures/gov-pdfs, public domain; pages 1-3). PDFium
gave one "line" spanning the three columns at a baseline, and every sentence was read
across them: "Section references are to the Internal use a different address this year."
Also made-up pages (``tests.sources_server.make_pdf``): two columns written row by row,
and a line whose words lie far apart on a page of one column, which stays one line.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.sources.articles import load_document
from tests.sources_server import make_pdf

IRS = Path(__file__).parent / "fixtures" / "gov-pdfs" / "irs-i1040nr-2007-pp1-3.pdf"


@pytest.fixture(scope="module")
def irs(tmp_path_factory):
    import os

    # the autouse fixture's environment is per test: the document is read once, in a store of its own
    old = os.environ.get("READER_SNAPSHOTS")
    os.environ["READER_SNAPSHOTS"] = str(tmp_path_factory.mktemp("snapshots"))
    try:
        doc = load_document(str(IRS))
    finally:
        if old is None:
            del os.environ["READER_SNAPSHOTS"]
        else:
            os.environ["READER_SNAPSHOTS"] = old
    sentences = [" ".join(doc.text[a:b].split()) for _p, _i, (a, b) in doc.all_sentences()]
    return doc, sentences


def test_a_sentence_of_the_first_column_is_whole(irs):
    _doc, sentences = irs
    assert "Section references are to the Internal Revenue Code unless otherwise noted." in sentences
    assert "The deduction rate for 2007 is increased to 6%." in sentences
    assert "Tax benefits extended. The following tax benefits were extended through 2007." in " ".join(sentences)


def test_nothing_is_read_across_the_columns(irs):
    doc, _sentences = irs
    text = " ".join(doc.text.split())
    assert "Internal use a different" not in text
    assert "The deduction rate for You may be able" not in text
    assert "2007 is increased to 6%. additional $3,000" not in text


def test_the_columns_come_in_their_order(irs):
    """The first page's three columns: each column's first sentence after the one before
    it, and a sentence running on from a column's foot to the next column's head whole."""
    doc, sentences = irs
    text = " ".join(doc.text.split())
    first = text.index("Section references are to the Internal Revenue Code unless otherwise noted.")
    second = text.index("See Where To File on page 4.")
    third = text.index("Personal exemption and itemized deduction phaseouts reduced.")
    assert first < second < third
    # column 1 -> 2 and column 2 -> 3, each in one sentence
    assert "If you are filing the return for an estate or trust, you will use a different address this year." \
        in sentences
    assert ("You may be able to take an IRA deduction if you were covered by a retirement plan and your 2008 "
            "modified AGI is less than $63,000 ($105,000) if a qualifying widow(er)).") in sentences


def test_a_heading_run_in_keeps_the_words_after_it(irs):
    """PDFium gave "This", after the run-in heading, after the third column's line at that
    baseline: "This Telephone excise tax credit. credit was available…"."""
    doc, _sentences = irs
    text = " ".join(doc.text.split())
    assert "Telephone excise tax credit. This credit was available only on your 2006 return." in text


def test_the_later_pages_read_down_their_columns(irs):
    _doc, sentences = irs
    assert ("These free publications and the forms and schedules you will need are available from the Internal "
            "Revenue Service.") in sentences
    assert "You must file even if:" in " ".join(sentences)
    assert "4. You represent an estate or trust that has to file Form 1040NR." in sentences


def _load(path: Path):
    return load_document(str(path))


def test_two_columns_written_row_by_row_are_read_column_by_column(tmp_path):
    """A made-up page whose content stream writes both columns' lines by turns, as the IRS's
    does: PDFium gives each row as one line, the two columns' words side by side."""
    left = ["The left column begins the story and it runs on", "down its own lines, one under the other, until",
            "the column ends at the foot of the page, where", "the reader goes up to the top of the right one",
            "and reads on there, as every reader of a paper", "does without a thought, column after column."]
    right = ["The right column tells the second half of it and", "it, too, runs down its own lines to the foot of",
             "the page, never to be read across the gutter", "line by line with the left one, which would make",
             "nonsense of both halves at once, as it did in", "the instructions of a tax form set this way."]
    page: list[tuple[float, float, float, str]] = [(72, 720, -14, "Two Columns Written by Rows")]
    for k, (a, b) in enumerate(zip(left, right, strict=True)):
        page.append((72, 690 - 13 * k, 10, a))
        page.append((320, 690 - 13 * k, 10, b))
    path = tmp_path / "rows.pdf"
    path.write_bytes(make_pdf([page]))
    text = " ".join(_load(path).text.split())
    assert " ".join(left) in text
    assert " ".join(right) in text
    assert text.index("The left column begins") < text.index("The right column tells")


def test_a_line_with_a_wide_gap_on_a_page_of_one_column_stays_one_line(tmp_path):
    """A tab's gap (a label and its amount) is no gutter: nothing is cut there."""
    body = ["The amount owed is shown below, as the notice of the office set it out for",
            "the year, with the interest added at the rate the law allows on such sums,",
            "and the reader may check it against the records kept for that purpose. The",
            "office will answer any question about it in writing within thirty days of",
            "the date the notice was sent, and it will correct any mistake it has made."]
    page: list[tuple[float, float, float, str]] = [(72, 720 - 14 * k, 10, line) for k, line in enumerate(body)]
    page += [(72, 640, 10, "Total due:"), (400, 640, 10, "$1,800.00")]
    path = tmp_path / "tab.pdf"
    path.write_bytes(make_pdf([page]))
    paras = _load(path).text.rstrip("\n").split("\n\n")
    assert "Total due: $1,800.00" in paras
