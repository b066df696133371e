"""Plain-text copies of printed pages: page breaks inside sentences and words hyphenated at
line ends (a court opinion as CourtListener serves it, tests/fixtures/court-text)."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.sources.articles import load_document
from reader.core.text.print_breaks import join_broken_words, join_page_breaks, mend_print_breaks

OPINION = Path(__file__).parent / "fixtures" / "court-text" / "ideal_electronic_v_ific_dccir_1997.txt"


def sentence_with(doc, words: str) -> str:
    at = doc.text.index(words)
    return next(" ".join(doc.text[a:b].split()) for _p, _i, (a, b) in doc.all_sentences() if a <= at < b)


def test_a_page_break_inside_a_sentence_no_longer_cuts_it():
    doc = load_document(str(OPINION))
    assert sentence_with(doc, "contractual entitlement") == (
        "Under D.C. law, once a party's contractual entitlement to attorney's fees has been ascertained, "
        "it is within the trial court's sound discretion to determine a reasonable fee award.")
    assert "(9th Cir. 1966)" in " ".join(doc.text.split())
    # a page break after a sentence's end is a paragraph break, as before
    p = doc.paragraph_at(doc.text.index("Under D.C. law, contractual provisions"))
    assert doc.text[doc.para_starts[p]:].startswith("Under D.C. law, contractual provisions")


def test_words_broken_at_line_ends_are_whole_again():
    doc = load_document(str(OPINION))
    text = " ".join(doc.text.split())
    assert "International Fidelity" in text and "Interna- tional" not in text
    assert "billing statements" in text and "District of Columbia" in text
    assert not re.search(r"[a-z]- [a-z]", text)  # was 73 words in this opinion
    assert "fact-finder" in text  # written with its hyphen elsewhere in the opinion: kept
    assert "attorney-client" in text


def test_hard_wrapped_lines_keep_their_lengths_so_no_sentence_is_cut_at_them():
    """A trial on the same opinion: joining "Interna-" and "tional" made one line twice as long
    as the others, so the lines around it read as hard breaks, and 12 sentences were cut
    ("appellants Ideal Electronic" | "Security Co., Inc., et al.")."""
    doc = load_document(str(OPINION))
    sentences = [" ".join(doc.text[a:b].split()) for p in range(doc.paragraph_count) for a, b in doc.sentences(p)]
    for words in ("appellants Ideal Electronic Security Co., Inc., et al.", "Walter Reed Army Medical Center",
                  "District of Columbia, the indemnity agreement", "Carroll v. National Surety Co."):
        assert any(words in t for t in sentences), words
    cut = [(p, i) for p in range(doc.paragraph_count) for i, (a, b) in enumerate(doc.sentences(p))
           if doc.text[a:b].rstrip()[-1:].isalnum() and i + 1 < len(doc.sentences(p))]
    assert cut == [], [" ".join(doc.text[slice(*doc.sentences(p)[i])].split())[-60:] for p, i in cut]


def test_page_breaks():
    assert join_page_breaks("the contractual\n\n\n\f\nentitlement") == "the contractual\nentitlement"
    assert join_page_breaks("(9th \n\n\n\f\nCir. 1966)") == "(9th\nCir. 1966)"
    kept = "ends here.\n\n\n\f\n     Under D.C. law"
    assert join_page_breaks(kept) == kept
    assert join_page_breaks("ends here.\n\f\ngoes on") == "ends here.\ngoes on"  # lower case goes on
    assert join_page_breaks("\fstarts") == "\fstarts" and join_page_breaks("ends\f") == "ends\f"


def test_broken_words():
    assert join_broken_words("the govern-\nment of excess") == "the government\nof excess"
    assert join_broken_words("an Anglo-\nSaxon") == "an Anglo-Saxon"
    assert join_broken_words("a self-\nevident truth") == "a self-evident\ntruth"
    assert join_broken_words("in 1990-\n1995") == "in 1990-1995"  # a range keeps its hyphen
    assert join_broken_words("Id. at 5-\n6. Then") == "Id. at 5-6.\nThen"
    assert join_broken_words("a dash --\nthen") == "a dash --\nthen"
    assert join_broken_words("a spaced -\ndash") == "a spaced -\ndash"
    assert join_broken_words("ex-\nwife, an ex-wife") == "ex-wife,\nan ex-wife"
    assert join_broken_words("two paragraphs-\n\nnot joined") == "two paragraphs-\n\nnot joined"
    # a name and a participle keep the hyphen; a name broken before its ending does not
    assert join_broken_words("for Sabbath-\nbreaking and") == "for Sabbath-breaking\nand"
    assert join_broken_words("Deny-\ning the motion; Accord-\ningly") == "Denying\nthe motion; Accordingly"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab-.Z \n\f\t")), max_size=60))
def test_mending_only_takes_hyphens_and_white_space_away(text):
    out = mend_print_breaks(text)
    strip = lambda s: re.sub(r"[\s-]", "", s)  # noqa: E731
    assert strip(out) == strip(text)
    assert out.count("-") <= text.count("-")

_PIECES = st.sampled_from(["ex", "cess", "excess", "ex-cess", "long", "term", "long-term", "-", " ", "\n",
                           "x", "1", "_", "É", "é", "über", "Über-all", "ab", "abc", "ABC-def", ".", "—"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=30), st.sets(st.sampled_from(
    ["excess", "ex-cess", "long-term", "longterm", "über-all", "abc-def", "abc", "ab", "cess", "xex"]), max_size=6))
def test_the_words_looked_for_alone_are_those_the_whole_vocabulary_holds(pieces, wanted):
    """A few broken words are looked for one by one (a 5.6 MB play gathered 11,908 words to
    join five): the answer is the same as the whole vocabulary's."""
    from reader.core.text.hyphens import vocabulary, vocabulary_of

    text = "".join(pieces)
    assert vocabulary_of(text, wanted) == vocabulary([text]) & wanted
