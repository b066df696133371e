"""A plain-text court opinion's date: "Decided November 7, 1997" in its caption (a trial on
real opinions: the reader showed none, and the export cited none)."""

from __future__ import annotations

from pathlib import Path

from reader.core.sources.articles import document_from_bytes, load_document
from reader.core.text.decided import decided_date

OPINION = Path(__file__).parent / "fixtures" / "court-text" / "ideal_electronic_v_ific_dccir_1997.txt"


def test_the_opinions_own_date_is_its_date():
    doc = load_document(str(OPINION))
    assert doc.meta["date"] == "1997-11-07" and doc.date_shown == "1997-11-07"  # not "Argued September 3"


def test_decided_then_filed_and_only_near_the_top():
    assert decided_date("Argued Sept. 3, 1997\nDecided on: March 2, 2021\n") == "2021-03-02"
    assert decided_date("FILED January 19, 2021\n\nText.") == "2021-01-19"
    assert decided_date("x" * 5000 + " Decided November 7, 1997") == ""
    assert decided_date("The case was decided in 1997.") == ""
    assert decided_date("Decided November 32, 1997") == ""  # no such day


def test_front_matter_wins():
    doc = document_from_bytes(b"---\ndate: 2001-01-01\n---\n\nDecided November 7, 1997\n\nText.\n", key="a.txt")
    assert doc.meta["date"] == "2001-01-01"


def test_a_day_that_does_not_exist_is_no_date():
    """One reader of written dates (``text.dates``) serves opinions and bylines: "November 31"
    was taken as a date here while the byline reader refused it."""
    assert decided_date("Opinion\n\nDecided November 31, 1997\n\nText.") == ""
    assert decided_date("Opinion\n\nDecided September 30, 1997\n\nText.") == "1997-09-30"
