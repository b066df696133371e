"""Verse, addresses and tables in plain text keep their lines on screen, and a colon at a verse
line's end does not cut its sentence; wrapped prose still reflows. Texts: real public-domain
lines (Millay, "Renascence", 1917; Bierce, "The Devil's Dictionary"; Thoreau, in
tests/fixtures/gutenberg)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from reader.core.sources.articles import document_from_bytes
from reader.core.text.document import Document
from reader.core.text.kept_lines import keeps_lines
from reader.core.views.layout import Layout

HERE = Path(__file__).parent / "fixtures" / "gutenberg"
MILLAY = ("  For rain it hath a friendly sound\n  To one who's six feet underground;\n"
          "  And scarce the friendly voice or face:\n  A grave is such a quiet place.")
PROSE = ("Paley, a common authority with many on moral questions, in his chapter\n"
         "on the \u201cDuty of Submission to Civil Government,\u201d resolves all civil\n"
         "obligation into expediency; and he proceeds to say that \u201cso long as\n"
         "the interest of the whole society requires it.\u201d")


def sentences(text: str) -> list[str]:
    doc = Document(key="v", text=text)
    return [doc.text[a:b].strip() for p in range(doc.paragraph_count) for a, b in doc.sentences(p)]


def test_verse_keeps_its_lines_and_prose_reflows():
    assert keeps_lines(MILLAY, 0, len(MILLAY))
    assert not keeps_lines(PROSE, 0, len(PROSE))
    table = "Cost                                      3,266,786\nRemains for Guns                            233,214"
    assert keeps_lines(table, 0, len(table))


def test_a_verse_pane_shows_a_line_a_row():
    doc = Document(key="v", text="A poem.\n\n" + MILLAY + "\n\n" + PROSE + "\n")
    rows = Layout(doc, 60)
    shown = [doc.text[rows.starts[r]:rows.ends[r]].strip() for r in range(len(rows)) if rows.paras[r] == 1]
    assert shown == ["For rain it hath a friendly sound", "To one who's six feet underground;",
                     "And scarce the friendly voice or face:", "A grave is such a quiet place."]
    prose_rows = [r for r in range(len(rows)) if rows.paras[r] == 2]
    assert len(prose_rows) == 5  # reflowed at 60 cells, not its four source lines
    assert "  " not in " ".join(doc.text[rows.starts[r]:rows.ends[r]] for r in prose_rows).replace("\n", " ")


def test_a_colon_at_a_verse_lines_end_goes_on():
    assert sentences(MILLAY) == ["For rain it hath a friendly sound\n  To one who's six feet underground;\n"
                                 "  And scarce the friendly voice or face:\n  A grave is such a quiet place."]
    couplet = "For that performance 'twere unfair to scold her:\nShe wisely left a throne too hot to hold her."
    assert len(sentences(couplet)) == 1
    # a letter's salutation still ends its line
    assert sentences("Dear Sir:\nI write to ask for the minutes of the meeting of last week.") == [
        "Dear Sir:", "I write to ask for the minutes of the meeting of last week."]


def test_a_gutenberg_essay_quotes_its_verse_line_by_line():
    doc = document_from_bytes((HERE / "thoreau-civil-disobedience.txt").read_bytes(), key="t", path="t.txt")
    kept = [doc.text[doc.para_starts[p]:doc.para_ends[p]] for p in sorted(doc.kept_lines)]
    assert any(k.startswith("\u201cNot a drum was heard, not a funeral note,") for k in kept)
    assert len(kept) <= 6  # the essay's 50 wrapped paragraphs reflow


@given(st.text(alphabet=st.sampled_from("ab A.,:\n "), max_size=200))
def test_any_text_lays_out_with_every_character_in_a_row(text):
    doc = Document(key="h", text=text or "x")
    rows = Layout(doc, 12)
    covered = set()
    for r in range(len(rows)):
        covered.update(range(rows.starts[r], rows.ends[r]))
    for p in range(doc.paragraph_count):
        for i in range(doc.para_starts[p], doc.para_ends[p]):
            assert i in covered or doc.text[i] in " \n"


def test_a_verse_line_too_long_for_the_pane_goes_on_further_in():
    """Millay's indented lines, wrapped at 36 cells, went on at the pane's left edge; then,
    under their own start, where they read as the next line (a trial's finding)."""
    text = "Renascence\n       All I could see from where I stood\n       Was three long mountains and a wood;\n"
    doc = Document(key="m", text=text)
    rows = Layout(doc, 36)
    shown = [" " * rows.indents[r] + doc.text[rows.starts[r]:rows.ends[r]] for r in range(len(rows))]
    assert shown[1] == "       All I could see from where I"
    assert shown[2] == "          stood"  # three further in than the line's start
