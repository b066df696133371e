"""Markdown footnotes ([^label]): a reference shown as a plain "[label]", each definition a
paragraph of its own at the end, in the order written; code and undefined labels untouched."""

from __future__ import annotations

from pathlib import Path

from reader.core.sources.markdown import markdown_document
from reader.core.text.document import Document

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "federalist-78" / "federalist-78.md"


def doc(src: str) -> Document:
    return markdown_document(src, key="/notes/a.md", path="/notes/a.md")


def paras(d: Document) -> list[tuple[str, str]]:
    return [(d.para_kinds[p], d.text[s:e]) for p, (s, e) in enumerate(zip(d.para_starts, d.para_ends, strict=True))]


def test_federalist_78_notes():
    d = doc(FIXTURE.read_text(encoding="utf-8"))
    assert "[^" not in d.text
    assert "weakest of the three departments of power[1]; that it can never attack" in d.text
    assert 'executive powers."[2] And it proves' in d.text
    assert "concur with its enemies,[3] in questioning" in d.text
    got = paras(d)
    assert got[-4][1].startswith("\u2014 PUBLIUS")
    assert got[-3] == ("body", '[1] The celebrated Montesquieu, speaking of them, says: "Of the three powers above '
                               'mentioned, the judiciary is next to nothing."\u2014Spirit of Laws. Vol. I, page 186.')
    assert got[-2] == ("body", "[2] Idem, page 181.")
    assert got[-1] == ("body", "[3] Vide Protest of the Minority of the Convention of Pennsylvania, Martin's Speech, etc.")


def test_notes_in_the_order_of_their_definitions_at_the_end():
    src = ("# Title\n\nFirst[^b] and second[^a].\n\n[^a]: Note a.\n[^b]: Note *b*.\n\n"
           "A paragraph after the notes.\n")
    d = doc(src)
    assert [t for _k, t in paras(d)] == ["Title", "First[b] and second[a].", "A paragraph after the notes.",
                                         "[a] Note a.", "[b] Note b."]
    b = d.text.index("[b] Note b.") + len("[b] Note ")
    assert (b, b + 1, "em") in d.structure.styles  # a note's own Markdown is displayed like the rest


def test_a_note_continues_on_indented_and_following_lines():
    src = ("Text[^long] here.\n\n"
           "[^long]: The first line of the note\n"
           "    goes on here, indented,\n"
           "and lazily here.\n"
           "\n"
           "    A second paragraph of the note.\n"
           "\n"
           "After the note.\n")
    got = [t for _k, t in paras(doc(src))]
    assert got == ["Text[long] here.", "After the note.",
                   "[long] The first line of the note goes on here, indented, and lazily here.",
                   "A second paragraph of the note."]


def test_a_note_ends_at_a_new_block():
    src = "Text[^1].\n\n[^1]: The note.\n# Next heading\n\nMore text.\n"
    got = paras(doc(src))
    assert ("heading", "Next heading") in got or ("title", "Next heading") in got
    assert got[-1] == ("body", "[1] The note.")


def test_code_is_left_as_written():
    src = ("Use `x[^1]` in code, but here[^1].\n\n"
           "```\nlist[^1]\n[^1]: not a note, code\n```\n\n"
           "    indented[^1]\n\n"
           "[^1]: The note.\n")
    d = doc(src)
    got = [t for _k, t in paras(d)]
    assert got[0] == "Use x[^1] in code, but here[1]."
    assert got[1] == "list[^1]\n[^1]: not a note, code"
    assert got[2] == "indented[^1]"
    assert got[-1] == "[1] The note."
    assert len(got) == 4


def test_a_reference_without_a_definition_stays_as_written():
    d = doc("An array a[^2] and a note[^1].\n\n[^1]: The note.\n")
    assert [t for _k, t in paras(d)] == ["An array a[^2] and a note[1].", "[1] The note."]


def test_a_definition_that_looks_like_a_link_target_is_still_a_note():
    d = doc("See the source[^src].\n\n[^src]: https://example.org/federalist-78\n")
    got = [t for _k, t in paras(d)]
    assert got == ["See the source[src].", "[src] https://example.org/federalist-78"]
    assert d.structure.links == []


def test_no_notes_no_change():
    src = "# Title\n\nA [link](https://example.org) and [^] and [x]: not a note.\n"
    d = doc(src)
    assert [t for _k, t in paras(d)] == ["Title", "A link and [^] and [x]: not a note."]


def test_notes_in_a_list_and_a_table():
    src = "- an item[^n]\n\n| a | b |\n| --- | --- |\n| cell[^n] | two |\n\n[^n]: The note.\n"
    got = paras(doc(src))
    assert got[0] == ("list_item", "\u2022 an item[n]")
    assert ("table", "cell[n] \u2502 two") in got
    assert got[-1] == ("body", "[n] The note.")


def test_labels_match_in_any_case():
    """An attacker: "[^Note]" with a "[^note]:" definition stayed raw (GitHub matches them)."""
    from reader.core.sources.markdown import render

    text, _ = render("Text with a note[^Note] here.\n\n[^note]: The note.\n")
    assert "[^" not in text and "note[Note] here" in text and text.endswith("[note] The note.")


def test_an_escaped_reference_stays_as_written():
    """An escaped "\\[^1]" is text about the syntax, not a reference (it was shown "[1]")."""
    d = doc("Write \\[^1] for a note, as here.[^1] And \\*stars\\*, &amp; and \\&amp;.\n\n[^1]: The note.\n")
    assert [t for _k, t in paras(d)] == ["Write [^1] for a note, as here.[1] And *stars*, & and &amp;.",
                                         "[1] The note."]


def test_an_image_shows_its_alt_text_as_it_reads():
    """Found in review: the alt text was taken from the source, so "a \\* b" kept its backslash."""
    d = doc("See ![a \\*starred\\* word](x.png) here.\n")
    assert [t for _k, t in paras(d)] == ["See a *starred* word here."]
