"""Scripture citations (a new user's trial on an 1889 exchange in the American Sentinel):
"Deut." before chapter and verse cut a sentence in two, and "2 Chron." and "Josh." left
fragments that were only verse numbers ("19:5-10.")."""

from __future__ import annotations

from tests.sentences import units

TEXT = ("In the Hebrew theocracy men were put to death for blasphemy and Sabbath-breaking. Lev. 24: 16. "
        "Ex. 31:14,15. Also for disobedience to parents, Deut. 21:18-21; for adultery; for kidnapping. "
        "See, also, 2 Sam. 23:1-3 and 2 Chron. 19:5-10. He chose Moses' successor, Joshua. Josh. 1:1-3. "
        "When the people wanted a king, the Lord gave them Saul. Verse 21. The people did not select. "
        "Num. 11: 16.")


def test_a_book_before_chapter_and_verse_is_no_sentence_end():
    got = units(TEXT)
    assert "Also for disobedience to parents, Deut. 21:18-21; for adultery; for kidnapping." in got
    assert "See, also, 2 Sam. 23:1-3 and 2 Chron. 19:5-10." in got


def test_a_citation_after_a_sentence_joins_it():
    got = units(TEXT)
    assert got[0] == ("In the Hebrew theocracy men were put to death for blasphemy and Sabbath-breaking. "
                      "Lev. 24: 16. Ex. 31:14,15.")
    assert "He chose Moses' successor, Joshua. Josh. 1:1-3." in got
    assert "When the people wanted a king, the Lord gave them Saul. Verse 21." in got
    assert "The people did not select. Num. 11: 16." in got
    assert not any(u[:1].isdigit() for u in got), got


def test_times_and_plain_sentences_still_cut():
    assert units("We met at noon. 12:30 was too late. Then we left.") == [
        "We met at noon.", "12:30 was too late.", "Then we left."]
    assert units("He read the Book of Ruth. It is short.") == ["He read the Book of Ruth.", "It is short."]

