"""Paragraphs and sentences, as offsets into the canonical text."""

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.document import Document
from reader.core.segmenter import CAPTION, SUBTITLE, TITLE


def sentences(text):
    d = Document(key="t", text=text)
    return [d.text[s:e] for _p, _i, (s, e) in d.all_sentences()]


def test_soft_wrapped_quote_in_mayor_article_is_one_sentence(docs):
    mayor = docs[1]
    hits = [mayor.text[s:e] for _p, _i, (s, e) in mayor.all_sentences() if "I have consistently stated" in mayor.text[s:e]]
    assert len(hits) == 1
    assert "to be\nengaged or sucked into a conflict" in hits[0]
    assert hits[0].endswith('Wheeler wrote.')


def test_abbreviations_and_initials():
    got = sentences("Title\n\nMr. Smith went to the U.S. Dept. of Labor. He met Robert F. Kennedy at 5 p.m. The end came.")
    assert got == ["Title", "Mr. Smith went to the U.S. Dept. of Labor.", "He met Robert F. Kennedy at 5 p.m.", "The end came."]


def test_us_before_capitalised_noun_is_not_a_boundary():
    got = sentences("T\n\nThey violated the U.S. Constitution by barring police. Next one.")
    assert got[1:] == ["They violated the U.S. Constitution by barring police.", "Next one."]


def test_sentences_ending_inside_quotes():
    got = sentences('T\n\n"Your policy is wrong," he says in the letter. "It must end." She agreed.')
    assert got[1:] == ['"Your policy is wrong," he says in the letter.', '"It must end."', "She agreed."]
    got = sentences("T\n\nHe called it \u201cinaccurate.\u201d Then he left! Why? Because.")
    assert got[1:] == ["He called it \u201cinaccurate.\u201d", "Then he left!", "Why?", "Because."]


def test_title_subtitle_caption_are_units(docs):
    union = docs[0]
    assert union.para_kinds[0] == TITLE
    assert union.para_kinds[1] == SUBTITLE
    assert union.para_kinds[2] == CAPTION
    assert union.title.startswith("Portland Police Refused to Respond")
    assert docs[1].para_kinds[2] == CAPTION  # "(Sam Gehrke)"


def test_title_without_blank_line_is_its_own_unit():
    d = Document(key="t", text="A Title Line\nFirst body sentence. Second.")
    assert d.para_kinds[0] == TITLE
    assert d.text[d.para_starts[0]:d.para_ends[0]] == "A Title Line"
    assert [d.text[s:e] for s, e in d.sentences(1)] == ["First body sentence.", "Second."]


def test_search_treats_nbsp_and_curly_quotes_as_plain(docs):
    mayor = docs[1]
    assert "\u00a0" in mayor.text  # kept in the text
    assert mayor.find_all("letter to the attorney")  # matches across the no-break space
    assert mayor.find_all('"Inaccurate and Inflammatory"')  # straight quotes find curly ones
    assert mayor.find_all("WILLAMETTE WEEK's")  # case and apostrophe


def test_escape_sequences_are_kept_as_text_but_rendered_inert():
    from reader.core.textsafety import inert

    d = Document(key="t", text="Title\n\nEvil \x1b]0;pwned\x07 and \x1b[2J here. \x9b31m C1 too.")
    shown = inert(d.text)
    assert "\x1b" not in shown and "\x07" not in shown and "\x9b" not in shown
    assert len(shown) == len(d.text)  # one stand-in per character: offsets stay aligned
    assert "\u241b]0;pwned\u2407" in shown


def test_paragraph_navigation(docs):
    union = docs[0]
    first = union.sentences(0)[0]
    nxt = union.next_paragraph(first[0])
    assert nxt == union.sentences(1)[0]
    assert union.next_paragraph(nxt[0], -1) == first
    last = union.sentences(union.paragraph_count - 1)[-1]
    assert union.next_sentence(last[0]) == last  # stays at the end
    assert union.next_sentence(first[0], -1) == first


words = st.text(alphabet="abcdefghij ", min_size=1, max_size=12)
pieces = st.lists(st.one_of(words, st.sampled_from([". ", "! ", "? ", "\n", "\n\n", ' "', '" ', "U.S. ", "Mr. ", "\u00a0", "\u201c", "\u201d"])), max_size=60)


@settings(max_examples=300, deadline=None)
@given(pieces)
def test_segmentation_invariants(parts):
    text = "Title\n\n" + "".join(parts)
    if not text.strip():
        return
    d = Document(key="t", text=text)
    prev_end = 0
    for p in range(d.paragraph_count):
        ps, pe = d.paragraph_span(p)
        assert prev_end <= ps < pe <= len(text)
        assert text[ps:pe] == text[ps:pe].strip() or text[ps:pe].strip()
        spans = d.sentences(p)
        assert spans and spans[0][0] == ps and spans[-1][1] == pe
        for (s1, e1), (s2, e2) in zip(spans, spans[1:]):
            assert s1 < e1 <= s2 < e2  # ordered, non-overlapping
            assert not text[e1:s2].strip()  # only space between sentences
        prev_end = pe


def test_segmenting_5mb_is_fast():
    """Not a timing assertion (those live in bench/): 5 MB must segment in one pass."""
    text = ("Title\n\n" + ("A sentence here. Another one follows! And a third?\n\n" * 100_000))
    d = Document(key="big", text=text)
    assert d.paragraph_count == 100_001
    assert len(d.sentences(5)) == 3
