"""Deeply nested pages and Markdown keep all their text (an attacker's files lost it silently):

- a page whose every paragraph opens a <div> it never closes lost everything after the
  253rd paragraph; 260 nested divs made a page "not an article" (libxml2's 256 levels);
- a Markdown list nested 10 deep dropped its deeper items and the paragraph after it;
  20 ">" on a line gave "the article has no text" (markdown-it's maxNesting of 20);
- past what the Markdown parser can nest, the file is read as plain text, and said so.
"""

from __future__ import annotations

import pytest

from reader.core.errors import ReaderError
from reader.core.sources.loader import load_document

SENTENCE = "This is an article body sentence number {i}. Another sentence here."


def test_a_page_of_unclosed_divs_keeps_every_paragraph(tmp_path):
    body = "".join(f"<div><p>{SENTENCE.format(i=i)}</p>\n" for i in range(400))
    path = tmp_path / "old-style.html"
    path.write_text(f"<html><head><title>An old page</title></head><body>{body}</body></html>")
    doc = load_document(str(path))
    assert "number 0." in doc.text and "number 399." in doc.text
    assert doc.text.count("Another sentence here.") == 400


def test_260_nested_divs_are_an_article(tmp_path):
    body = "".join(f"<p>{SENTENCE.format(i=i)}</p>" for i in range(30))
    path = tmp_path / "deep.html"
    path.write_text(f"<html><head><title>Deep</title></head><body>{'<div>' * 260}{body}</body></html>")
    doc = load_document(str(path))
    assert "number 29." in doc.text


def test_a_list_nested_twelve_deep_keeps_its_items_and_what_follows(tmp_path):
    src = "".join("  " * i + f"- level {i}\n" for i in range(12)) + "\nAfter the list: an important conclusion.\n"
    path = tmp_path / "list.md"
    path.write_text(src)
    doc = load_document(str(path))
    assert "level 11" in doc.text and doc.text.rstrip().endswith("After the list: an important conclusion.")


def test_twenty_quote_levels(tmp_path):
    path = tmp_path / "quotes.md"
    path.write_text(">" * 20 + " deep quote text here.\n")
    assert "deep quote text here." in load_document(str(path)).text


def test_past_the_parsers_depth_the_file_is_plain_text_and_said_so(tmp_path):
    path = tmp_path / "abyss.md"
    path.write_text(">" * 1000 + " deep words here\n\nafter\n")
    doc = load_document(str(path))
    assert "deep words here" in doc.text and "after" in doc.text
    assert doc.encoding_note == "nested too deeply to read as Markdown: shown as plain text"


def test_a_page_nested_past_what_the_parser_keeps_is_refused_not_cut(tmp_path):
    """The README promised it; an attacker's page of 2,100 nested divs opened with its last
    part gone, and an old page whose 3,000 paragraphs each open a <div> lost 900 of them."""
    words = " ".join(f"word{i}" for i in range(30))
    nested = ("<html><body><article><p>Alpha begins here. " + words + "</p>" + "<div>" * 2100
              + "<p>Bravo begins here. " + words + "</p>" + "</div>" * 2100 + "<p>Charlie &amp; co. end here.</p>"
              "</article></body></html>")
    unclosed = "<html><body>" + "".join(f"<div><p>Paragraph number {i} says its own thing.</p>\n" for i in range(3000))
    for name, page in (("nested.html", nested), ("unclosed.html", unclosed + "</body></html>")):
        path = tmp_path / name
        path.write_text(page)
        with pytest.raises(ReaderError) as caught:
            load_document(str(path))
        assert "nested more than 2,048 levels deep" in str(caught.value) and caught.value.exit_code == 65
    # deep but whole: read
    whole = tmp_path / "whole.html"
    whole.write_text("<html><body>" + "".join(f"<div><p>Paragraph number {i} says its own thing.</p>\n"
                                              for i in range(1800)) + "</body></html>")
    assert "Paragraph number 1799 says" in load_document(str(whole)).text
