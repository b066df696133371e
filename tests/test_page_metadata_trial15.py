"""Pages' authors, dates and outlets, found by a trial (15) on three real pages
(tests/fixtures/web): an address in the author's tag, a photo's credit taken for the author,
a Russian byline date, a press release dated under its headline, and a headline taken for
the site's name."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.sources.author_names import clean_author
from reader.core.sources.byline_date import byline_date
from reader.core.sources.loader import convert_file
from reader.core.text.dates import written_date

HERE = Path(__file__).parent / "fixtures" / "web"


def page(name):
    return convert_file((HERE / name).read_bytes(), "html", name)


def test_an_address_after_the_authors_name_is_no_part_of_it():
    """<meta name="author" content="Bradley M. Kuhn (http://ebb.org/bkuhn/)"> had given
    "Bradley M Kuhn http; Ebb Org; Bkuhn"."""
    ex = page("ebb-org-kuhn-2019.html")
    assert ex.meta["author"] == "Bradley M. Kuhn" and ex.meta["date"] == "2019-10-15"


@pytest.mark.parametrize("value, expected", [
    ("Bradley M. Kuhn (http://ebb.org/bkuhn/)", "Bradley M. Kuhn"),
    ("Jane Roe https://example.org/jane", "Jane Roe"),
    ("Jane Roe <jane@example.org>; John Doe", "Jane Roe; John Doe"),
    ("Фото из Инстаграма Лукаша Подольски", ""),
    ("Photo: Associated Press; Jane Roe", "Jane Roe"),
    ("Photography by Jane Roe", ""),
])
def test_clean_author_without_addresses_or_photo_credits(value, expected):
    assert clean_author(value) == expected


def test_a_photo_credit_is_no_author_and_a_russian_byline_date_is_read():
    """football.ua: the picture's <span class="author">Фото из Инстаграма…</span> had been the
    author, and <p class="date">15 августа 2016, 13:43</p> no date."""
    ex = page("football-ua-podolski-excerpt.html")
    assert "author" not in ex.meta
    assert ex.meta["date"] == "2016-08-15" and ex.meta["outlet"] == "football.ua"


def test_a_press_release_dated_under_its_headline_and_named_by_its_site():
    """Bundespolizei: <h1>…</h1><p class="MsoNormal"><em>10.11.2021</em></p> had given no date,
    and the outlet had been the headline."""
    ex = page("bundespolizei-belarus-2021.html")
    assert ex.meta["date"] == "2021-11-10"
    assert ex.meta["outlet"] == "bundespolizei.de"
    assert ex.meta["title"].startswith("Illegale Migration aus Belarus")


@pytest.mark.parametrize("text, expected", [
    ("15 августа 2016, 13:43", "2016-08-15"),
    ("20 серпня 2019", "2019-08-20"),
    ("9. November 2021", "2021-11-09"),
    ("1er mai 2016", "2016-05-01"),
    ("3 de marzo de 2020", "2020-03-03"),
    ("12 settembre 2018", "2018-09-12"),
    ("5 września 2018", "2018-09-05"),
    ("10.11.2021", "2021-11-10"),
    ("version 1.2.2021.4", ""),
    ("31.02.2020", ""),
])
def test_dates_in_other_languages(text, expected):
    assert written_date(text) == expected


def test_only_a_date_alone_under_the_headline_is_taken():
    assert byline_date("<h1>Title</h1><p><em>10.11.2021</em></p><p>Body.</p>") == "2021-11-10"
    assert byline_date("<h1>Title</h1><p>On 10.11.2021 the council met and voted on the long plan.</p>") == ""


def test_a_day_before_a_month_shared_with_english_and_a_year_ends_no_sentence():
    """Bundespolizei: "Bis einschließlich 9. November 2021 registrierte…" had been cut after "9."
    (the rule for April, August, September and November wanted "am", "den", "vom"... before the day)."""
    from reader.core.sources.loader import load_document

    d = load_document(str(HERE / "bundespolizei-belarus-2021.html"), fetch=False)
    said = [d.text[a:b] for p in range(d.paragraph_count) for a, b in d.sentences(p)]
    assert "Bis einschließlich 9. November 2021 registrierte die Bundespolizei im November 1.246 unerlaubte " \
           "Einreisen mit einem Bezug zu Belarus." in said
    assert not any(s.endswith(" 9.") for s in said)
