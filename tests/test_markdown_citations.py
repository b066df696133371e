"""Markdown citations and numbered lists, found by a trial (15) on the RMS open letter's
appendix and its list of signers (excerpts in tests/fixtures/texts)."""

from pathlib import Path

from reader.core.sources.articles import load_document
from reader.core.sources.markdown import render
from reader.core.text.document import Document

TEXTS = Path(__file__).parent / "fixtures" / "texts"


def sentences(d):
    return [d.text[a:b] for p in range(d.paragraph_count) for a, b in d.sentences(p)]


def test_a_link_whose_text_is_a_number_keeps_its_brackets_and_ends_no_sentence_wrongly():
    """"them.[1]  Especially" had read "them.1  Especially", one sentence with the next; "please
    see [0]." had read "please see 0."."""
    d = load_document(str(TEXTS / "rms-open-letter-appendix-excerpt.md"))
    said = sentences(d)
    assert "For incidents relating to RMS and MIT, please see [0]." in said
    assert "RMS’s views on rape and child sex laws were publicly discussed in the Fall of 2019, " \
           "when Selam G wrote about them.[1]" in said
    assert any(s.startswith("Especially chilling is when Stallman") and s.endswith("entirely willing.”[2]") for s in said)
    assert any(s.startswith("He compares United States law") for s in said)
    start = d.text.index("[1]")
    assert any(a == start and b == start + 3 and url.startswith("https://web.archive.org/") for a, b, url in d.links)


def test_inline_number_links_and_escaped_brackets():
    text, st = render("Said so.[3](#fn3) Then [\\[4\\]](https://example.org/4) and [word](https://example.org).\n")
    assert text == "Said so.[3] Then [4] and word."
    d = Document(key="/x/a.md", text=text, structure=st)
    assert sentences(d) == ["Said so.[3]", "Then [4] and word."]


def test_an_ordered_list_written_one_one_one_is_numbered_one_two_three():
    d = load_document(str(TEXTS / "rms-open-letter-signers-excerpt.md"))
    items = [d.text[d.para_starts[p]:d.para_ends[p]] for p in range(d.paragraph_count) if d.para_kinds[p] == "list_item"]
    numbered = [t for t in items if t[0].isdigit()]
    assert numbered[:3] == ["1. 3NSoft", "2. Aaru Data Preservation Suite", "3. Calyx Institute"]
    assert numbered[-1] == "8. Cusy"
    text, _ = render("3) three\n3) four\n\n7. seven\n1. eight\n")
    assert text.split("\n\n")[:4] == ["3) three", "4) four", "7. seven", "8. eight"]


def test_a_long_lists_big_numbers_end_no_sentence():
    """The signers' list numbered 1, 2, 3…: "1003. Felix G." had been cut into "1003." | "Felix G."
    (a number of four figures opening a paragraph is not taken for a marker in prose, "1954. So
    it was…" being an answer)."""
    text, st = render("1002. Ada L.\n1. Felix G.\n1. Zvi Gilboa\n")
    d = Document(key="/x/list.md", text=text, structure=st)
    assert sentences(d) == ["1002. Ada L.", "1003. Felix G.", "1004. Zvi Gilboa"]
