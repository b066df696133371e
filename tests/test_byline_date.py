"""A page's date from its byline when its metadata gives none, whatever the year; nothing from
the text around it; and no page makes the search slow."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.sources.byline_date import byline_date
from reader.core.sources.loader import convert_file

HERE = Path(__file__).parent / "fixtures" / "web"


def test_an_archives_page_of_1788_has_its_date():
    """A new user: "By Publius · May 28, 1788" gave no date, though the same page dated 2018 had one."""
    ex = convert_file((HERE / "federalist-84-byline.html").read_bytes(), "html", "federalist-84.html")
    assert ex.meta["date"] == "1788-05-28"
    assert ex.meta["author"] == "Publius"


@pytest.mark.parametrize("html, expected", [
    ('<time datetime="1851-03-03T10:00">March 3</time>', "1851-03-03"),
    ('<div class="dateline">WASHINGTON, 3rd of March, 1851 \u2014</div>', "1851-03-03"),
    ('<span itemprop="datePublished">1905-04-17</span>', "1905-04-17"),
    # a comment's date is not the article's; an impossible or future date is none
    ('<span class="comment-meta">May 1, 1990</span><p>Text of May 2, 1991.</p>', ""),
    ('<p class="meta">June 31, 1788</p><p class="date">2099-01-01</p>', ""),
    # a date in the text is not the article's date
    ("<p>The treaty of May 28, 1788 was signed.</p>", ""),
])
def test_only_where_a_page_says_when_it_was_written(html, expected):
    assert byline_date(html) == expected


@pytest.mark.parametrize("html", [
    '<p class="' + "meta " * 60000 + '">x',
    '<div class="date">' + "<" * 300000,
    '<p class="meta">' * 30000,
    '<p class="meta">' + "May 1, " * 50000,
])
def test_a_hostile_page_is_read_at_once(html):
    assert byline_date(html) == ""  # (a pattern that backtracked took minutes on the first of these)
