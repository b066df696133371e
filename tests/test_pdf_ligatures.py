"""A ligature ("fi", "fl") whose font maps it to "f" alone is read whole again, on the U.S.
Reports preliminary print where a trial found "fled" for "filed" (tests/fixtures/court-pdfs,
public domain), and nothing changes in PDFs whose ligatures are mapped right."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reader.core.sources.pdf import extract_pdf

HERE = Path(__file__).parent / "fixtures" / "court-pdfs"
KEMP = "scotus-kemp-preliminary-print-pp1-3-11-15-17.pdf"


def text_of(name: str) -> str:
    return extract_pdf((HERE / name).read_bytes(), name).text


@pytest.fixture(scope="module")
def kemp() -> str:
    return text_of(KEMP)


def test_a_ligature_mapped_to_f_alone_is_read_whole(kemp):
    words = set(re.findall(r"\w+", kemp))
    # "fi" in the regular font, in words of every shape
    for word in ("filed", "final", "first", "official", "affirmed", "specified", "justifies", "fit",
                 "sufficiently"):  # (this one broken at a line's end right after its ligature: "suff-" | "ciently")
        assert word in words, word
    # "fl", told by the letters after it
    for word in ("conflict", "flagrant", "reflect"):
        assert word in words, word
    # the italic font's (it has plain "f"s of its own to compare with)
    assert "Griffin" in words
    broken = {"fled", "fnal", "frst", "offcial", "affrmed", "confict", "fagrant", "refect", "Griffn", "ft", "suffciently"}
    assert not broken & words


def test_the_sentence_reads_as_printed(kemp):
    assert "was not filed within one year" in " ".join(kemp.split())


def test_a_small_caps_f_is_wide_of_itself_and_stays(kemp):
    # the caption's small capitals ("CERTIORARI TO ... FOR THE ...") have no plain "f" to
    # compare with: nothing is added to them
    assert "fior" not in kemp.casefold()


@pytest.mark.parametrize("name", sorted(p.name for p in HERE.glob("*.pdf") if p.name != KEMP))
def test_pdfs_whose_ligatures_are_mapped_right_are_unchanged(name, monkeypatch):
    import reader.core.sources.pdf as pdf

    with_repair = text_of(name)
    monkeypatch.setattr(pdf, "lost_letters", lambda *a, **k: {})
    assert text_of(name) == with_repair
