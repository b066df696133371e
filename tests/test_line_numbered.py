"""Transcripts printed on numbered lines (a legislature's hearing and floor record): their line
and page numbers and double spacing go, and their lines are paragraphs again. Real files from
the New York State Senate (tests/fixtures/transcripts/SOURCES.md)."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from reader.core.sources.articles import document_from_bytes
from reader.core.text.line_numbered import unnumbered

HERE = Path(__file__).parent / "fixtures" / "transcripts"
HEARING = HERE / "nysenate-hearing-hudson-barge-2016-pp1-10.txt"
SESSION = HERE / "nysenate-session-1998-03-10-pp1507-1514.txt"


def _doc(path: Path):
    return document_from_bytes(path.read_bytes(), path.stem, str(path))


def _sentences(doc) -> list[str]:
    return [" ".join(doc.text[s:e].split()) for _p, _i, (s, e) in doc.all_sentences()]


def test_a_hearing_reads_as_its_speakers_said_it():
    doc = _doc(HEARING)
    sentences = _sentences(doc)
    # a sentence spoken over three printed lines and a page break is one sentence
    assert ("That's why it really boils my blood that the Coast Guard is not here tonight at a Senate hearing to "
            "answer these important questions.") in sentences
    # no line number or page number left in the text
    assert not re.search(r"(?m)^\s*\d{1,2}\s{2,}", doc.text)
    assert "\f" not in doc.text
    # a speaker's turn starts a paragraph
    starts = [doc.text[doc.para_starts[p]:doc.para_ends[p]] for p in range(doc.paragraph_count)]
    assert any(p.startswith("SENATOR MURPHY:  Thank you, Mayor.") for p in starts)
    assert "[ Applause ]" in starts
    # most sentences end as sentences do (76% did not: each printed line was one)
    ended = sum(bool(re.search(r"[.!?:\")\]]$", s)) for s in sentences)
    assert ended >= 0.85 * len(sentences), [s for s in sentences if not re.search(r"[.!?:\")\]]$", s)][:20]


def test_a_floor_record_keeps_mr_president_whole():
    doc = _doc(SESSION)
    sentences = _sentences(doc)
    assert "THE PRESIDENT: The Senate will come to order." in sentences
    assert not any(s.endswith(" Mr.") for s in sentences)
    assert not re.search(r"(?m)^\s*\d{1,2}\s{2,}|^\s*150\d\s*$", doc.text)


def test_text_that_is_not_on_numbered_lines_is_left_as_it_is():
    lines = "\n\n".join(f"{n} apples were counted on day {n}." for n in range(1, 10))
    assert unnumbered(lines) is None  # too few lines to be a transcript
    prose = "A paragraph of prose.\n\nAnother one, with 25 items and 3 people.\n" * 30
    assert unnumbered(prose) is None


@given(st.lists(st.tuples(st.booleans(), st.lists(st.sampled_from(["the", "Senate", "is", "here.", "Mr.", "yes,"]),
                                                   max_size=8)), min_size=45, max_size=120))
def test_every_word_of_a_transcript_is_kept_in_order(rows):
    """Numbered lines (a turn set further in, or at the margin) and page numbers: what is read is
    every word of the lines, in order, and nothing else."""
    lines = []
    for i, (turn, words) in enumerate(rows):
        n = i % 25 + 1
        if n == 1 and i:
            lines += ["", f"{' ' * 60}{i // 25 + 1}", ""]
        lines += [f"{n:>8}{' ' * (14 if turn else 6)}{' '.join(words)}".rstrip(), ""]
    out = unnumbered("\n".join(lines))
    if not any(words for _turn, words in rows):
        return  # numbers and nothing else: no transcript to read (the text is left as it is)
    assert out is not None
    assert out.split() == [w for _turn, words in rows for w in words]
