"""A Wikipedia page saved from the browser (tests/fixtures/wiki, CC BY-SA 3.0). A trial on
pages the reader had never seen found its formulas gone without a mark ("Given a set of
high-dimensional objects , t-SNE first computes…"), "[edit]" after each heading, the table
of contents and the navigation boxes kept as text, and the date the page was begun (2013)
shown for the 2019 revision."""

from __future__ import annotations

from pathlib import Path

from reader.core.sources.html import extract_html

PAGE = Path(__file__).parent / "fixtures" / "wiki" / "t-sne.html"


def test_a_wikipedia_page_keeps_its_formulas_and_drops_its_furniture():
    out = extract_html(PAGE.read_text(encoding="utf-8"), name="t-sne.html", file=True)
    text = out.text
    assert "Given a set of $N$ high-dimensional objects $\\mathbf {x} _{1},\\dots ,\\mathbf {x} _{N}$, t-SNE" in text
    assert "objects , t-SNE" not in text and "a -dimensional map" not in text
    assert "[edit]" not in text and "edit]" not in text
    assert "\nContents\n" not in text and "Machine learning and" not in text
    assert "Machine-learning venues" not in text
    assert out.meta["date"] == "2019-10-25"
    assert out.meta["title"] == "T-distributed stochastic neighbor embedding"


def test_a_page_that_is_no_wiki_is_left_as_it_was():
    body = "".join(f"<p>Paragraph {i} of an essay on prices, with words enough to be main text here.</p>"
                   for i in range(6))
    html = ("<html><head><title>Prices</title></head><body><article><h1>Prices</h1>"
            "<h2>Costs <span class='mw-editsection-like'>[edit]</span></h2>" + body + "</article></body></html>")
    out = extract_html(html, name="essay.html", file=True)
    assert "Costs [edit]" in out.text  # only a MediaWiki page loses its "[edit]"
