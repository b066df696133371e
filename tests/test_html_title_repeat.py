"""A saved page's title is shown once: headings right after it that only repeat it (or its
parts, "Name: Subtitle", "Story | Site") are left out; a heading that says more is kept."""

from __future__ import annotations

import html
from pathlib import Path

from reader.core.sources.html import extract_html

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "federalist-78" / "federalist-78.html"
WORDS = ("The judiciary, from the nature of its functions, will always be the least dangerous to the political "
         "rights of the Constitution; because it will be least in a capacity to annoy or injure them. It may truly "
         "be said to have neither force nor will, but merely judgment; and must ultimately depend upon the aid of "
         "the executive arm even for the efficacy of its judgments.")
MORE = ("The complete independence of the courts of justice is peculiarly essential in a limited Constitution, "
        "one which contains certain specified exceptions to the legislative authority; such as that it shall pass "
        "no bills of attainder, no ex post facto laws, and the like.")


def paras(html_text: str) -> list[tuple[str, str]]:
    got = extract_html(html_text, name="page.html", file=True)
    texts = got.text.rstrip("\n").split("\n\n")
    return list(zip([k for k, _l in got.blocks], texts, strict=True))


def page(title: str | None, body: str) -> str:
    """A page whose title is ``title`` (as og:title, which the extraction takes as it is)."""
    head = f'<meta property="og:title" content="{html.escape(title)}">' if title is not None else ""
    return (f"<html><head>{head}</head><body><nav><a href='/'>Home</a></nav><main><article>{body}"
            "</article></main><footer>Copyright the publisher</footer></body></html>")


def test_the_saved_federalist_page_shows_its_title_once():
    got = paras(FIXTURE.read_text(encoding="utf-8"))
    assert got[0] == ("title", "The Federalist No. 78: The Judiciary Department")
    assert got[1] == ("body", "To the People of the State of New York:")
    texts = [t for _k, t in got]
    assert "The Federalist No. 78" not in texts and "The Judiciary Department" not in texts


def test_heading_equal_to_the_title_part_is_left_out_and_a_new_heading_kept():
    body = f"<h1>A Story</h1><h2>What the council decided</h2><p>{WORDS}</p>"
    got = paras(page("A Story: With a Subtitle", body))
    assert got[0] == ("title", "A Story: With a Subtitle")
    assert got[1] == ("heading", "What the council decided")


def test_title_and_headings_compared_without_case_punctuation_or_spacing():
    body = f"<h1>THE  FEDERALIST, NO 78</h1><h2>the judiciary department.</h2><p>{WORDS}</p>"
    got = paras(page("The Federalist No. 78 \u2014 The Judiciary Department", body))
    assert [k for k, _t in got[:2]] == ["title", "body"]


def test_site_name_and_separators():
    for title in ("Bridge closed | City News", "Bridge closed - City News", "Bridge closed \u2013 City News"):
        got = paras(page(title, f"<h1>Bridge closed</h1><p>{WORDS}</p>"))
        assert got[0] == ("title", title) and got[1][0] == "body", (title, got[:2])


def test_heading_that_says_more_than_the_title_is_kept():
    body = f"<h1>The Federalist No. 78: The Judiciary Department</h1><p>{WORDS}</p>"
    got = paras(page("The Federalist No. 78", body))
    assert got[0] == ("title", "The Federalist No. 78")
    assert got[1] == ("heading", "The Federalist No. 78: The Judiciary Department")


def test_a_matching_heading_further_on_is_a_section_and_kept():
    body = f"<h1>Report</h1><h2>Summary</h2><p>{WORDS}</p><h2>Report</h2><p>{MORE}</p>"
    got = paras(page("Report | Weekly", body))
    assert [t for _k, t in got].count("Report") == 1  # the section heading, not the h1
    assert got[1] == ("heading", "Summary")
    # after the first heading that says something else, nothing more is left out
    body = f"<h2>Summary</h2><h2>Report</h2><p>{WORDS}</p>"
    got = paras(page("Report | Weekly", body))
    assert [t for _k, t in got[:3]] == ["Report | Weekly", "Summary", "Report"]


def test_a_body_paragraph_that_is_only_part_of_the_title_is_kept():
    body = f"<p>The Judiciary Department</p><p>{WORDS}</p>"
    got = paras(page("The Federalist No. 78: The Judiciary Department", body))
    assert got[1] == ("body", "The Judiciary Department")


def test_without_a_page_title_the_first_heading_is_the_title_and_its_repeat_goes():
    body = f"<h1>Walden: Economy</h1><h2>Economy</h2><h2>Where I lived</h2><p>{WORDS}</p>"
    got = paras(page(None, body))
    assert got[0] == ("title", "Walden: Economy")
    assert got[1] == ("heading", "Where I lived")


def test_colon_inside_a_word_or_number_is_no_cut():
    body = f"<h1>3</h1><p>{WORDS}</p>"
    got = paras(page("Chapter 10:3", body))
    assert got[1] == ("heading", "3")


def test_text_after_the_first_sentence_is_never_taken_for_a_repeat():
    """An attacker: an editorial titled "We Were Wrong" lost its one-line third paragraph "We
    were wrong."; a section heading "Overview" after a first paragraph was dropped too."""
    first = "<p>Last year this board endorsed the plan to close the clinic, and we said so loudly.</p>"
    got = [t for _k, t in paras(page("We Were Wrong", first + "<p>We were wrong.</p><p>Here is why.</p>"
                                     + f"<p>{WORDS}</p>"))]
    assert "We were wrong." in got
    got = paras(page("Federalist 78: Overview", "<p>Hamilton wrote this essay in 1788 to defend the courts.</p>"
                     f"<h2>Overview</h2><p>{WORDS}</p>"))
    assert ("heading", "Overview") in got


def test_a_dateline_does_not_end_the_search():
    got = [t for _k, t in paras(page("Federalist 78: Overview", f"<p>June 3, 2021</p><h1>Federalist 78</h1><p>{WORDS}</p>"))]
    assert "Federalist 78" not in got and "June 3, 2021" in got
