"""Front matter of text and Markdown files: YAML's quoted scalars and the outlet's names.
A new user's title, ``"\\"Nehemiah, the Tirshatha.\\""``, showed as ``\\"Nehemiah, the
Tirshatha.\\`` in the header and both exports, and ``publication:`` was never the outlet."""

from __future__ import annotations

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
