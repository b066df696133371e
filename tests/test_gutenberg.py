"""A Project Gutenberg e-book is read without its header and licence, with the header's title
and author (tests/fixtures/gutenberg: real files, public domain works; sources in SOURCES.md)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from reader.core.sources.articles import document_from_bytes
from reader.core.sources.loader import convert_file
from reader.core.text.gutenberg import work_of, work_paragraphs

HERE = Path(__file__).parent / "fixtures" / "gutenberg"


def test_a_plain_text_e_book_is_the_work_alone():
    raw = (HERE / "thoreau-civil-disobedience.txt").read_bytes()
    doc = document_from_bytes(raw, key="t", path="thoreau-civil-disobedience.txt")
    assert doc.title == "On the Duty of Civil Disobedience"  # not "The Project Gutenberg eBook of …"
    assert doc.meta["author"] == "Henry David Thoreau"
    assert "gutenberg" not in doc.text.casefold()
    assert "Section 5. General Information" not in doc.text
    assert doc.text.lstrip().startswith("On the Duty of Civil Disobedience")
    assert doc.text.rstrip().endswith("which also I have imagined, but not yet\nanywhere seen.")
    # every word of the work is kept: the file's words between the START and END lines
    text = raw.decode("utf-8-sig")
    body = text.split("***", 2)[2].split("*** END OF")[0]
    assert doc.text.split() == body.split()


def test_a_saved_e_book_page_is_the_work_alone():
    ex = convert_file((HERE / "bierce-devils-dictionary-a-excerpt.html").read_bytes(), "html", "bierce.html")
    assert ex.meta["title"] == "The Devil's Dictionary"  # the page's <title> adds ", by Ambrose Bierce"
    assert ex.meta["author"] == "Ambrose Bierce"
    assert "gutenberg" not in ex.text.casefold() and "Produced by" not in ex.text
    paras = ex.text.split("\n\n")
    assert len(paras) == len(ex.blocks)
    assert paras[-1].strip() == "ACCOUNTABILITY, n. The mother of caution."


def test_a_text_without_the_frame_is_left_alone():
    text = "Title: A note\n\nThe Project Gutenberg volunteers met on Tuesday.\n\n*** START here ***\n"
    assert work_of(text) is None
    # the START line quoted deep inside an essay about e-books is no frame
    quoted = "x " * 20_000 + "\n*** START OF THE PROJECT GUTENBERG EBOOK X ***\nbody\n"
    assert work_of("Project Gutenberg\n" + quoted) is None


@given(st.lists(st.text(max_size=40), max_size=8), st.lists(st.text(max_size=40), max_size=8))
def test_paragraphs_kept_are_the_works_own(before, after):
    paras = [*before, "The Project Gutenberg eBook of X", "*** START OF THE PROJECT GUTENBERG EBOOK X ***",
             "The work.", *after]
    got = work_paragraphs(paras)
    assert got is not None
    texts = [t for _i, t in got[0]]
    assert "The work." in texts
    assert not any("START OF THE PROJECT" in t for t in texts)


def test_a_printed_books_page_numbers_stay_out_of_the_text():
    """Gutenberg HTML sets the printed pages' numbers in the margin ("<span class="pagenum">11</span>"):
    they read "Il s'est cassé 11 le bras"."""
    ex = convert_file((HERE / "vos-entre-nous-excerpt.html").read_bytes(), "html", "entre-nous.html")
    assert "Il s\u2019est cass\u00e9 le bras." in ex.text
    assert "\u00abPaul, viens ici!\u00bb" in ex.text
    import re

    assert not re.search(r"(?:^|\n)\d{1,2} [\u00ab\u2014A-Z]", ex.text)
    assert ex.meta["author"] == "Lucie Vos"


def test_lines_of_a_table_cell_stay_apart():
    """"—Paul et Alice<br />Sont nos enfants." in a cell read "AliceSont"."""
    ex = convert_file((HERE / "vos-entre-nous-excerpt.html").read_bytes(), "html", "entre-nous.html")
    assert "\u2014Paul et Alice Sont nos enfants." in ex.text
    assert "AliceSont" not in ex.text


def test_an_export_quotes_wrapped_prose_as_one_line_and_verse_line_by_line(tmp_path):
    """A trial: a quote from a Gutenberg essay was exported with a Markdown hard break at each
    of the file's 70-column lines, though the reader shows it reflowed; verse keeps its lines."""
    from reader.core.export.markdown import render_markdown
    from reader.core.services.workspace import Workspace
    from reader.core.store.store import Store

    essay = document_from_bytes((HERE / "thoreau-civil-disobedience.txt").read_bytes(), key="t", path="t.txt")
    verse = document_from_bytes(
        b"A poem\n\n  For rain it hath a friendly sound\n  To one who's six feet underground;\n"
        b"  And scarce the friendly voice or face:\n  A grave is such a quiet place.\n", key="m", path="m.txt")
    store = Store.open(str(tmp_path / "s.json"))
    try:
        ws = Workspace(store, [essay, verse])
        start = essay.text.index("I heartily accept the motto")
        ws.highlight(essay, *essay.sentence_at(start)[2])
        v0 = verse.text.index("For rain")
        ws.highlight(verse, v0, verse.text.index("underground;") + len("underground;"))
        md = render_markdown(ws)
    finally:
        store.close()
    assert "> I heartily accept the motto,\u2014\u201cThat government is best which governs least;\u201d and I should like" in md
    assert "> For rain it hath a friendly sound  \nTo one who's six feet underground;" in md


def test_a_saved_e_book_keeps_its_headings():
    """A trial: trafilatura left out every heading of a Gutenberg HTML book, the Devil's
    Dictionary's "AUTHOR'S PREFACE" and its letters, and Entre nous's chapter titles."""
    ex = convert_file((HERE / "bierce-devils-dictionary-a-excerpt.html").read_bytes(), "html", "bierce.html")
    paras = ex.text.split("\n\n")
    heads = [p for p, (kind, _level) in zip(paras, ex.blocks, strict=True) if kind == "heading"]
    assert heads == ["AUTHOR'S PREFACE", "A"]
    assert paras[paras.index("A") + 1].startswith("ABASEMENT, n.")
    ex = convert_file((HERE / "vos-entre-nous-excerpt.html").read_bytes(), "html", "entre-nous.html")
    paras = ex.text.split("\n\n")
    heads = [p for p, (kind, _level) in zip(paras, ex.blocks, strict=True) if kind == "heading"]
    assert "PR\u00c9FACE." in heads and "II. Papa se f\u00e2che." in heads and "V. Voil\u00e0 le Docteur." in heads
