"""A <pre> that holds prose (an Internet-Draft, one <pre> per printed page) is read as
paragraphs and sentences, without its pages' heads and feet; a <pre> of code stays code
(tests/fixtures/web: the IETF's page of draft-dejong-remotestorage-04; source in SOURCES.md).

Read as code, the draft's 43,753 characters were 23 paragraphs and 23 "sentences", one per
printed page, "de Jong … [Page 3]" and "Internet-Draft  remoteStorage  December 2014" in them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.sources.html import extract_html
from reader.core.sources.loader import load_document
from reader.core.sources.pre_prose import drop_page_furniture, is_prose, prose_parts
from reader.core.text.segmenter import BODY, CODE, HEADING, LIST_ITEM

FIXTURES = Path(__file__).parent / "fixtures"
DRAFT = FIXTURES / "web" / "ietf-draft-dejong-remotestorage-04.html"


@pytest.fixture
def draft():
    doc = load_document(str(DRAFT))
    paras = [(doc.para_kinds[p], doc.text[slice(*doc.paragraph_span(p))]) for p in range(doc.paragraph_count)]
    return doc, paras


def _at(paras, text):
    return next(i for i, (_k, t) in enumerate(paras) if t == text or t.startswith(text))


def test_the_abstract_is_a_paragraph_of_its_own_and_its_sentences_are_found(draft):
    doc, paras = draft
    i = _at(paras, "Abstract")
    assert paras[i] == (HEADING, "Abstract")
    assert paras[i + 1][0] == BODY
    sentences = [doc.text[a:b] for a, b in doc.sentences(i + 1)]
    assert sentences == [
        "This draft describes a protocol by which client-side applications, running inside a web browser, can "
        "communicate with a data storage server that is hosted on a different domain name.",
        "This way, the provider of a web application need not also play the role of data storage provider.",
        "The protocol supports storing, retrieving, and removing individual documents, as well as listing the "
        "contents of an individual folder, and access control is based on bearer tokens."]
    assert paras[i + 2] == (HEADING, "Status of this Memo")
    assert doc.paragraph_count > 200  # (23 before: one per printed page)


def test_the_pages_heads_and_feet_are_left_out_and_a_paragraph_goes_on_over_a_page(draft):
    doc, paras = draft
    for furniture in ("[Page", "Internet-Draft              remoteStorage", "\f",
                      "[Docs]", "Versions: 00 01", "rfcmarkup"):  # and rfcmarkup's bar (class="noprint")
        assert furniture not in doc.text
    # page 4 ends "…a string-valued 'ETag'", page 5 goes on "field, representing…"
    assert (BODY, "A folder description is a map containing a string-valued 'ETag' field, representing the "
                  "folder's current version.") in paras
    # a word broken at a line end is whole, with its own hyphen
    assert "The list of current Internet-Drafts is at http://datatracker.ietf.org/drafts/current/." in doc.text


def test_headings_lists_and_the_examples_keep_their_kinds(draft):
    doc, paras = draft
    assert paras[_at(paras, "4. Requests")] == (HEADING, "4. Requests")
    assert doc.para_levels[_at(paras, "12.1. WebFinger")] == 3
    assert (LIST_ITEM, "\u2022 GET a folder: retrieve the names and current versions of the documents and "
                       "subfolders currently contained by the folder") in paras
    kind, json = paras[_at(paras, "{\n")]
    assert kind == CODE and '\n  "@context": "http://remotestorage.io/spec/folder-description",\n' in json
    kind, request = paras[_at(paras, "PUT /storage/michiel/myfavoritedrinks/test HTTP/1.1")]
    assert kind == CODE and "\nHost: 3pp.io:4439\n" in request
    kind, contents = paras[_at(paras, "Table of Contents") + 1]
    assert kind == CODE and "4. Requests......" in contents  # dot leaders: not prose


def test_a_quotation_set_in_pre_is_a_paragraph():
    """The Devil's Dictionary (Project Gutenberg's HTML) sets its prose quotations in <pre>."""
    raw = (FIXTURES / "gutenberg" / "bierce-devils-dictionary-a-excerpt.html").read_text(encoding="utf-8")
    ex = extract_html(raw, name="bierce.html", file=True)
    paras = ex.text.split("\n\n")
    i = paras.index("When in the course of human events it becomes necessary for people to abridge their king, "
                    "a decent respect for the opinions of mankind requires that they should declare the causes "
                    "which impel them to the separation.")
    assert ex.blocks[i + 1] == (BODY, 0)  # (+1: the title first)


# An epitaph in the Devil's Dictionary (1911): paragraphs marked by indenting their first
# lines, then two lines of verse. Read as prose, the verse ran into the last sentence.
EPITAPH = """      His virtues were so conspicuous that his enemies, unable to
  overlook them, denied them, and his friends, to whose loose lives
  they were a rebuke, represented them as vices.  They are here
  commemorated by his family, who shared them.
      In the earth we here prepare a
      Place to lay our little Clara.
"""
VERSE = """Once I seen a human ruin
In an elevator-well,
And his members was bestrewin'
All the place where he had fell.
"""
CODE_SAMPLE = """def wrap(text, width):
    # break the text into lines of at most width characters
    words = text.split()
    lines, line = [], ""
    for word in words:
        if len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
    return lines
"""
LETTER = """Dear Editor,

I write about the bridge on Mill Road, which has been closed since
the spring and which the council said would open again in June. It
has not, and nobody has told the people who live beside it why.

Yours faithfully,
A. Reader
"""


@pytest.mark.parametrize("text, prose", [(EPITAPH, False), (VERSE, False), (CODE_SAMPLE, False), (LETTER, True)])
def test_prose_is_told_from_code_and_verse(text, prose):
    assert is_prose(text) is prose


def test_a_letter_is_split_at_its_blank_lines():
    assert prose_parts(LETTER) == [
        (BODY, 0, "Dear Editor,"),
        (BODY, 0, "I write about the bridge on Mill Road, which has been closed since the spring and which the "
                  "council said would open again in June. It has not, and nobody has told the people who live "
                  "beside it why."),
        (BODY, 0, "Yours faithfully,\nA. Reader")]


def test_a_page_of_code_stays_code():
    html = ("<html><head><title>Wrapping text</title></head><body><article><h1>Wrapping text</h1>"
            + "<p>Here is how the function breaks a long text into lines that fit a width, word by word.</p>" * 3
            + f"<pre><code>{CODE_SAMPLE}</code></pre><p>That is all there is to it, and it is enough.</p>"
            "</article></body></html>")
    ex = extract_html(html, name="code.html", file=True)
    paras = ex.text.split("\n\n")
    i = next(i for i, p in enumerate(paras) if p.startswith("def wrap"))
    assert ex.blocks[i][0] == CODE
    assert "\n    # break the text into lines of at most width characters\n" in paras[i]


def test_the_furniture_of_a_printed_page():
    text = ("   last line of page one.\n\n\nde Jong                 Expires 18 June 2015                [Page 1]\n"
            "\fInternet-Draft              remoteStorage                  December 2014\n\n   page two\n\n"
            "de Jong                 Expires 18 June 2015                [Page 2]\n"
            "\fInternet-Draft              remoteStorage                  December 2014\n\n   page three\n")
    kept = drop_page_furniture(text)
    assert "[Page" not in kept and "Internet-Draft" not in kept
    assert kept.split() == ["last", "line", "of", "page", "one.", "page", "two", "page", "three"]
