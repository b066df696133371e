"""Letters and signs PDFium gives otherwise than the page shows them, on real PDFs a trial
found wrong: an Arabic article whose lam-alef ligatures came out backwards and whose
right-aligned lines were cut into paragraphs mid-sentence (tests/fixtures/rtl-pdfs), and a
WordPerfect document whose bullets read "!" (tests/fixtures/gov-pdfs, public domain)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reader.core.sources.pdf import extract_pdf
from reader.core.sources.pdf_rtl import right_to_left

FIXTURES = Path(__file__).parent / "fixtures"
ARABIC = FIXTURES / "rtl-pdfs" / "docling-right-to-left-01.pdf"
DMCA = FIXTURES / "gov-pdfs" / "copyright-office-dmca-summary-pp1-4-15.pdf"
LAM_ALEF = re.compile("\u0644[\u0627\u0623\u0625\u0622]")  # lam, then alef (bare, hamza above, below, madda)


def paragraphs_of(path: Path) -> list[str]:
    return extract_pdf(path.read_bytes(), path.name).text.strip().split("\n\n")


@pytest.fixture(scope="module")
def arabic() -> list[str]:
    return paragraphs_of(ARABIC)


@pytest.fixture(scope="module")
def dmca() -> list[str]:
    return paragraphs_of(DMCA)


def test_lam_alef_ligatures_are_read_in_the_order_they_are_spelt(arabic):
    assert arabic[0] == "تحسين الإنتاجية وحل المشكلات من خلال البرمجة بلغة R وPython"
    text = "\n".join(arabic)
    words = re.findall(r"\w+", text)
    for word in ("الأدوات", "الأنماط", "الإحصائية", "علاوة", "الآلي", "الاستفادة", "لإدارة", "الأساليب", "الأداء"):
        assert word in words, word
    # every word of the article with the ligature (docling's ground truth has these 19)
    assert len([w for w in words if LAM_ALEF.search(w)]) == 19
    for backwards in ("اإلنتاجية", "المشكالت", "خالل", "األدوات", "األنماط", "عالوة", "اآللي"):
        assert backwards not in words, backwards


def test_an_alef_typed_before_a_lam_stays(arabic):
    # separate glyphs, each in a box of its own: the article "ال", "إلى", "فعالة" are spelt so
    words = re.findall(r"\w+", "\n".join(arabic))
    assert words.count("إلى") == 3
    assert "فعالة" in words and "البرمجة" in words and "البيانات" in words
    assert "لبرمجة" not in words


def test_right_aligned_lines_are_not_cut_into_paragraphs(arabic):
    # the heading and the article's four paragraphs (it was seven, three cut mid-sentence)
    assert len(arabic) == 5
    assert "مما يسهل على المحللين والعلماء إجراء تحليلات معقدة بطريقة سريعة وفعالة." in arabic[1]
    assert arabic[1].endswith("يمكن أن يسهم بشكل كبير في تحسين نتائج العمل.")
    assert "مثل النمذجة الإحصائية وتحليل البيانات الكبيرة." in arabic[2]
    assert "المختلفة. على سبيل المثال، يمكن استخدام مكتبة pandas في Python لإدارة البيانات" in arabic[3]
    assert arabic[4].startswith("في النهاية،")


def test_a_page_is_read_right_to_left_only_when_most_of_its_letters_are():
    assert right_to_left(["تحسين الإنتاجية وحل المشكلات R Python"])
    assert not right_to_left(["The Arabic for productivity is", "الإنتاجية, as the title says."])
    assert not right_to_left(["", "12 34"])


def test_wordperfect_bullets_read_as_bullets_each_starting_its_item(dmca):
    text = "\n\n".join(dmca)
    assert "!" not in text
    items = [p for p in dmca if p.startswith("• ")]
    assert len(items) == 16  # 5 + 3 + 8: every bullet of the three pages, none inside a paragraph
    assert "•" not in "".join(p[1:] for p in dmca)
    assert "• Title I, the “WIPO Copyright and Performances and Phonograms Treaties Implementation Act of 1998,” " \
           "implements the WIPO treaties." in dmca
    # an item ending in "or" or "and" does not run into the next
    assert "• they have only limited commercially significant purpose or use other than to circumvent; or" in dmca
    assert "• they are marketed for use in circumventing." in dmca
    assert "• The extent to which the availability of licenses should be considered in assessing eligibility for " \
           "any exemption; and" in dmca
    assert "• Other issues as appropriate." in dmca
    # the item's lines after the first (set further in) stay with it
    assert "• Appropriate quantitative limitations on the portions of works that may be used under any exemption;" in dmca


OTHERS = sorted(p for p in FIXTURES.rglob("*.pdf") if p not in (ARABIC, DMCA))


@pytest.mark.parametrize("path", OTHERS, ids=lambda p: p.name)
def test_other_pdfs_are_unchanged(path, monkeypatch):
    import reader.core.sources.pdf as pdf

    with_repairs = extract_pdf(path.read_bytes(), path.name).text
    monkeypatch.setattr(pdf, "lam_alef", lambda *a, **k: {})
    monkeypatch.setattr(pdf, "wordperfect_symbols", lambda *a, **k: {})
    monkeypatch.setattr(pdf, "mirrored", lambda lines: lines)
    assert extract_pdf(path.read_bytes(), path.name).text == with_repairs
