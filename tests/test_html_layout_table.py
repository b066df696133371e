"""A page laid out with one big table (LWN's weekly edition) keeps every word of its text, its
headlines and its data tables (tests/fixtures/web: a real page, cut down; source in SOURCES.md).

The page is read again without tables (else the article is one table row), and in that read
trafilatura left the words of some links between the paragraphs it made of the text around
them: "The LibreOffice project was" | "with great fanfare in September 2010." lost "announced".
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from reader.core.sources.html import CELL_GAP, _blocks, _continues
from reader.core.sources.layout_table import restore_layout
from reader.core.sources.loader import load_document
from reader.core.text.segmenter import BODY, HEADING, TABLE

LWN = Path(__file__).parent / "fixtures" / "web" / "lwn-weekly-edition-2015-03-26-excerpt.html"


@pytest.fixture
def lwn():
    doc = load_document(str(LWN))
    paras = [(doc.para_kinds[p], doc.text[slice(*doc.paragraph_span(p))]) for p in range(doc.paragraph_count)]
    return doc, paras


def _index(paras, start):
    return next(i for i, (_k, t) in enumerate(paras) if t.startswith(start))


def test_the_words_of_a_link_between_paragraphs_are_kept_in_one_paragraph(lwn):
    doc, paras = lwn
    p = _index(paras, "The LibreOffice project was")
    kind, text = paras[p]
    assert kind == BODY
    assert text.startswith("The LibreOffice project was announced with great fanfare in September 2010. Nearly one "
                           "year later, the OpenOffice.org project (from which LibreOffice was forked) was cut loose "
                           "from Oracle and found a new home as an Apache project.")
    first = doc.sentences(p)[0]
    assert doc.text[first[0]:first[1]] == "The LibreOffice project was announced with great fanfare in September 2010."
    assert not any(t in ("The LibreOffice project was", "announced") or t.startswith(("with great fanfare", "and found"))
                   for _k, t in paras)


def test_each_article_keeps_its_headline_before_its_byline(lwn):
    _doc, paras = lwn
    headings = [t for k, t in paras if k == HEADING]
    assert headings[:3] == ["A trademark battle in the Arduino community", "Mapping and data mining with QGIS 2.8",
                            "Development activity in LibreOffice and OpenOffice"]
    for headline, byline in (("A trademark battle in the Arduino community", "By Nathan Willis"),
                             ("Mapping and data mining with QGIS 2.8", "By Nathan Willis"),
                             ("Development activity in LibreOffice and OpenOffice", "By Jonathan Corbet")):
        at = [i for i, (k, t) in enumerate(paras) if k == HEADING and t == headline]
        assert len(at) == 1
        assert paras[at[0] + 1][1].startswith(byline)
    # the section headings trafilatura kept are not doubled
    assert headings.count("Release histories") == 1 and headings.count("Development statistics") == 1


def test_the_data_tables_are_kept_where_the_text_introduces_them(lwn):
    _doc, paras = lwn
    after = _index(paras, "The release history for LibreOffice tells a slightly different story:")
    assert paras[after + 1:after + 5] == [(TABLE, "Release │ Date"), (TABLE, "4.2.3 │ April 2014"),
                                          (TABLE, "4.1.6 │ April 2014"), (TABLE, "4.2.4 │ May 2014")]
    assert paras[after + 5][1].startswith("It seems clear that LibreOffice")
    # a table of two tables side by side: its header, then each table in turn
    after = _index(paras, "In the one-year period since late March 2014")
    assert [t for _k, t in paras[after + 1:after + 9]] == [
        "Most active OpenOffice developers", "By changesets", "Herbert Dürr │ 63 │ 16.6%",
        "Jürgen Schmidt │ 56 │ 14.7%", "Armin Le Grand │ 56 │ 14.7%", "By changed lines",
        "Jürgen Schmidt │ 455499 │ 88.1%", "Andre Fischer │ 26148 │ 3.8%"]
    assert all(k == TABLE for k, _t in paras[after + 1:after + 9])
    assert paras[after + 9][1].startswith("In truth, the above list")
    after = _index(paras, "To a first approximation, the top ten companies")
    assert [t for _k, t in paras[after + 1:after + 6]] == [
        "Companies supporting LibreOffice development", "(by changesets)", "Red Hat │ 8417 │ 38.0%",
        "Collabora Multimedia │ 6531 │ 29.5%", "(Unknown) │ 5126 │ 23.2%"]


def test_the_layout_around_the_text_stays_out(lwn):
    doc, _paras = lwn
    for junk in ("Log in now", "Create an account", "Weekly edition", "LWN.net FAQ", "Previous week", "Eklektix",
                 "Printable page", "Recent Features"):
        assert junk not in doc.text


def _walk(xml: str) -> list[tuple[str, int, str]]:
    out: list[tuple[str, int, str]] = []
    _blocks(etree.fromstring(xml), out)
    return out


def test_loose_text_goes_on_with_the_sentence_it_belongs_to():
    assert _walk("<body><p> The LibreOffice project was </p>announced<p> with great fanfare in 2010. </p></body>") == [
        (BODY, 0, "The LibreOffice project was announced with great fanfare in 2010.")]
    # after a heading, loose text is a paragraph of its own; two <p> are never joined
    assert _walk("<body><head rend='h2'>Development activity</head>The LibreOffice project was announced."
                 "<p>and so on</p><p>lower case</p></body>") == [
        (HEADING, 2, "Development activity"), (BODY, 0, "The LibreOffice project was announced."),
        (BODY, 0, "and so on"), (BODY, 0, "lower case")]
    # lines after <br>s are lines of one paragraph, up to a blank line
    assert _walk("<body><div>Filed 02/24/12, No. 10-4092<lb/>USA v. Neal Saferstein<lb/><lb/>Filed 02/23/12"
                 "</div></body>") == [(BODY, 0, "Filed 02/24/12, No. 10-4092\nUSA v. Neal Saferstein"),
                                      (BODY, 0, "Filed 02/23/12")]


@pytest.mark.parametrize("before, after, goes_on", [
    ("The LibreOffice project was", "announced", True),
    ("the OpenOffice.org project (from which LibreOffice was forked)", "was cut loose from Oracle", True),
    ("Next page", ": Security>>", True),
    ("Archive of Appellate Court Opinions", "2023 Previous Years", False),  # two lines of a menu
    ("You are using an outdated browser. Please upgrade.", "skip to content", False),
])
def test_what_goes_on_across_a_link(before, after, goes_on):
    assert _continues(before, after) is goes_on


def test_a_table_kept_in_part_is_replaced_by_the_whole():
    html = ("<html><body><table><tr><td><p>To a first approximation, the top ten companies are:</p>"
            "<table><tr><th colspan=2>Companies supporting LibreOffice development</th></tr>"
            "<tr><td>Red Hat</td><td>8417</td></tr><tr><td>Canonical</td><td>422</td></tr></table>"
            "<p>Development work on LibreOffice is thus concentrated in a small number of companies.</p>"
            "<p>Comments (74 posted)</p></td></tr></table></body></html>")
    parts = [(BODY, 0, "To a first approximation, the top ten companies are:"), (TABLE, 0, "Red Hat │ 8417"),
             (TABLE, 0, "Canonical │ 422"),
             (BODY, 0, "Development work on LibreOffice is thus concentrated in a small number of companies.")]
    assert [t for _k, _l, t in restore_layout(parts, html, CELL_GAP)] == [
        "To a first approximation, the top ten companies are:", "Companies supporting LibreOffice development",
        "Red Hat │ 8417", "Canonical │ 422",
        "Development work on LibreOffice is thus concentrated in a small number of companies."]
    # a table between paragraphs that were not kept next to each other is not brought back
    assert restore_layout(parts[:1] + parts[3:], html.replace("Development work", "Menu"), CELL_GAP) == \
        parts[:1] + parts[3:]
