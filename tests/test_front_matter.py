"""Front matter of text and Markdown files: YAML's quoted scalars and the outlet's names.
A new user's title, ``"\\"Nehemiah, the Tirshatha.\\""``, showed as ``\\"Nehemiah, the
Tirshatha.\\`` in the header and both exports, and ``publication:`` was never the outlet."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from reader.core.sources.articles import document_from_bytes
from reader.core.sources.markdown import markdown_document
from reader.core.text.front_matter import scalar, split_front_matter

LETTER = ('---\ntitle: "\\"Nehemiah, the Tirshatha.\\""\nauthor: N. R. Johnston\n'
          'publication: "American Sentinel"\ndate: 1889-08-07\n---\n\nDear Sir, I write.\n')


def test_quoted_titles_and_the_publication_as_outlet():
    for doc in (document_from_bytes(LETTER.encode(), key="l.txt"), markdown_document(LETTER, key="l.md")):
        assert doc.meta["title"] == '"Nehemiah, the Tirshatha."'
        assert doc.meta["outlet"] == "American Sentinel"
        assert doc.meta["author"] == "N. R. Johnston"
        assert "Dear Sir, I write." in doc.text and "title:" not in doc.text and "---" not in doc.text


def test_scalars():
    assert scalar(" 'It''s here' ") == "It's here"
    assert scalar('"caf\\u00e9 \\x41 tab\\tend"') == "caf\u00e9 A tab\tend"
    assert scalar('"not an escape: \\q"') == "not an escape: \\q"
    assert scalar("Issue #5") == "Issue #5"
    assert scalar('"unterminated') == "unterminated"


def test_an_outlet_key_wins_over_the_publication():
    meta, body = split_front_matter("---\noutlet: The Sentinel\npublisher: Pacific Press\n---\nText\n")
    assert meta["outlet"] == "The Sentinel" and body == "Text\n"
    meta, _ = split_front_matter("---\n  nested: x\n- item\n# comment\nsite_name: Example\n---\n")
    assert meta == {"site_name": "Example", "outlet": "Example"}


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n"), max_size=40))
def test_a_double_quoted_scalar_reads_back_what_was_escaped(value):
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    assert scalar(f'"{escaped}"') == value


def test_a_nested_name_or_a_list_is_the_keys_value():
    """A real letter's front matter (Lajpat Rai to Montagu, 1917, as a site publishes it)
    nests its author's name; a list of authors is one author line."""
    meta, _ = split_front_matter('---\ntitle: "An Open Letter"\nauthor:\n  name: "Lajpat Rai"\n  birth_year: 1865\n'
                                 'about:\n  - title: "Original document"\n    url: "https://example.org"\n'
                                 'source: "Library of Congress"\n---\nText\n')
    assert meta["author"] == "Lajpat Rai"
    assert meta["outlet"] == "Library of Congress"
    assert not meta.get("about")  # a list of mappings is not a value
    meta, _ = split_front_matter("---\nauthors:\n  - Ann Lee\n  - 'Bo Chan'\n---\nText\n")
    assert meta["author"] == "Ann Lee, Bo Chan"


def test_an_empty_front_matter_keeps_the_text_up_to_the_next_rule():
    """A Congressional Record speech saved for Jekyll begins "---" | "---": the front matter
    reached down to the rule below its heading, and the title and byline were lost."""
    from reader.core.sources.articles import load_document

    folder = Path(__file__).parent / "fixtures" / "congress"
    for name, title in (("crec-2007-12-05-reid.md", "ORDER OF PROCEDURE"),
                        ("crec-2007-12-05-mcconnell.md", "MOVING FORWARD")):
        doc = load_document(str(folder / name))
        assert doc.title == title
        assert "— 5 December 2007" in doc.text[:200]
    assert split_front_matter("---\n---\n\n# A Title\n\nFirst.\n\n---\n\nSecond.\n") == (
        {}, "# A Title\n\nFirst.\n\n---\n\nSecond.\n")


def test_prose_between_two_rules_is_text_not_front_matter():
    text = "---\nThe first paragraph says something important.\n---\n\nThe second.\n"
    assert split_front_matter(text) == ({}, text)
    assert split_front_matter("---\ntitle: X\n# a comment\nauthors:\n  - A\n---\nBody\n") == (
        {"title": "X", "authors": "A", "author": "A"}, "Body\n")
