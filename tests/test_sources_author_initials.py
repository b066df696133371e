"""A saved page's author keeps the page's spelling: trafilatura gave "N J Bowers" for a byline
and a meta tag reading "N. J. Bowers" (a new user's trial; the PDF of the same letter kept
the stops)."""

from __future__ import annotations

from reader.core.sources.html import as_written, extract_html

PAGE = """<html><head><title>Reply to Mr. Johnston</title>
<meta name="author" content="N. J. Bowers"></head><body>
<article><h1>Reply to Mr. Johnston</h1><p class="byline">By N. J. Bowers</p>
<p>You say the Church and the State co-operated simply, but there was no union between them at
any time in the history of the Hebrew commonwealth, and I shall show it from the record.</p>
<p>Webster defines co-operate as to work together, and the Church and the State always work
together in a union; it cannot be otherwise, for there is no union without working together.</p>
</article></body></html>"""


def test_the_pages_initials_are_kept():
    assert extract_html(PAGE).meta["author"] == "N. J. Bowers"


def test_as_written():
    assert as_written("N J Bowers", "<p>By N.J. Bowers</p>") == "N.J. Bowers"
    assert as_written("Jane Doe", "<p>By Jane Doe</p>") == "Jane Doe"  # no initial: as given
    assert as_written("J Smith", "<p>J Smithers</p>") == "J Smith"  # not the same name
