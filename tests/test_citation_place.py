"""A copied quotation cites its place from its first sentence to its last (a two-sentence
selection was cited by its first alone)."""

from __future__ import annotations

from reader.core.services.citation import citation, place
from reader.core.text.document import Document

TEXT = ("Title line\n\nFirst one here. Second one here. Third one here.\n\n"
        "Next paragraph starts. It goes on.")


def doc() -> Document:
    return Document(key="/x/speech.txt", text=TEXT, path="/x/speech.txt")


def span(d: Document, a: str, b: str) -> tuple[int, int]:
    s = d.text.index(a)
    return s, d.text.index(b) + len(b)


def test_one_sentence():
    d = doc()
    assert place(d, span(d, "Second", "here.")) == "paragraph 2, sentence 2"


def test_part_of_a_sentence():
    d = doc()
    assert place(d, span(d, "one", "one")) == "paragraph 2, sentence 1"


def test_sentences_of_one_paragraph():
    d = doc()
    assert place(d, span(d, "Second", "Third one here.")) == "paragraph 2, sentences 2\u20133"


def test_across_paragraphs():
    d = doc()
    got = place(d, span(d, "Third", "starts."))
    assert got == "paragraph 2, sentence 3 to paragraph 3, sentence 1"


def test_trailing_space_is_not_the_next_sentence():
    d = doc()
    s, e = span(d, "First", "First one here.")
    assert place(d, (s, e + 1)) == "paragraph 2, sentence 1"


def test_citation_line():
    d = doc()
    line = citation(d, span(d, "Second", "Third one here."))
    assert line == "\u201cSecond one here. Third one here.\u201d \u2014 Title line, paragraph 2, sentences 2\u20133\n"


def test_quotation_marks_inside_the_quote_become_single_ones():
    """A new user copied "By article 1, section 9, “No title of nobility …” Was this clause
    omitted?" and got the same marks inside and out."""
    d = Document(key="ff", text="By article 1, section 9, \u201cNo title of nobility shall be granted.\u201d "
                                "Was this clause omitted, \"by design\"?\n")
    line = citation(d, (0, len(d.text) - 1))
    assert line.startswith("\u201cBy article 1, section 9, \u2018No title of nobility shall be granted.\u2019 "
                           "Was this clause omitted, 'by design'?\u201d \u2014 ")


def test_verse_is_quoted_with_its_lines_parted_by_slashes():
    d = Document(key="m", text="A poem\n\n  Over these things I could not see;\n  These were the things that bounded me;\n")
    s = d.text.index("Over")
    line = citation(d, (s, len(d.text) - 1))
    assert line.startswith("\u201cOver these things I could not see; / These were the things that bounded me;\u201d")
