"""Markdown articles: the displayed text and its structure (reader.core.sources.markdown)."""

from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.sources.markdown import markdown_document, render
from reader.core.text.document import Document
from reader.core.text.segmenter import (
    BODY,
    CODE,
    HEADING,
    LIST_ITEM,
    QUOTE,
    SEPARATOR,
    TABLE,
    TITLE,
)

STYLES = {"em", "strong", "code", "link"}


def doc(src: str, meta=None) -> Document:
    d = markdown_document(src, key="/notes/article.md", path="/notes/article.md", meta=meta or {})
    check_offsets(d)
    return d


def paras(d: Document) -> list[tuple[str, str, int]]:
    return [(d.text[s:e], d.para_kinds[p], d.para_levels[p])
            for p, (s, e) in enumerate(zip(d.para_starts, d.para_ends, strict=True))]


def sentences(d: Document) -> list[str]:
    return [d.text[s:e] for _p, _i, (s, e) in d.all_sentences()]


def check_offsets(d: Document) -> None:
    """Every paragraph, style span and link lies within the text, in order; styles inside a paragraph."""
    n = len(d.text)
    assert len(d.para_starts) == len(d.para_ends) == len(d.para_kinds) == len(d.para_levels)
    prev = 0
    for s, e in zip(d.para_starts, d.para_ends, strict=True):
        assert prev <= s < e <= n
        prev = e
    for a, b, style in d.styles:
        assert 0 <= a < b <= n and style in STYLES
        p = d.paragraph_at(a)
        assert d.para_starts[p] <= a and b <= d.para_ends[p], (a, b, style)
    assert [x[0] for x in d.styles] == sorted(x[0] for x in d.styles)
    for a, b, url in d.links:
        assert 0 <= a < b <= n and isinstance(url, str)
    for p in range(d.paragraph_count):
        spans = d.sentences(p)
        ps, pe = d.paragraph_span(p)
        assert spans[0][0] == ps and spans[-1][1] == pe
        for (s1, e1), (s2, e2) in pairwise(spans):
            assert s1 < e1 <= s2 < e2 and not d.text[e1:s2].strip()


def styled(d: Document, style: str) -> list[str]:
    return [d.text[a:b] for a, b, s in d.styles if s == style]


def test_no_markup_is_shown():
    d = doc("# Head\n\nSome *em*, **strong**, `code` and [a link](https://x.org) here.\n")
    assert d.text == "Head\n\nSome em, strong, code and a link here."
    for mark in ("#", "*", "`", "[", "](", "https://"):
        assert mark not in d.text


def test_headings_keep_their_level_and_the_first_level_one_is_the_title():
    d = doc("# The Title\n\nIntro.\n\n## Section\n\nText.\n\n### Sub *part*\n\nMore.")
    assert paras(d) == [("The Title", TITLE, 1), ("Intro.", BODY, 0), ("Section", HEADING, 2),
                        ("Text.", BODY, 0), ("Sub part", HEADING, 3), ("More.", BODY, 0)]
    assert d.title == "The Title"
    assert sentences(d)[0] == "The Title"
    assert styled(d, "em") == ["part"]


def test_title_needs_a_sign():
    d = doc("## Not a title\n\nBody.")  # a first heading below level 1 is a heading
    assert d.para_kinds[0] == HEADING and d.title == "article"  # the file name
    d = doc("## Core values\n\nBody.", meta={"title": "Core values"})  # ... unless front matter names it
    assert d.para_kinds[0] == TITLE and d.title == "Core values"
    d = doc("Body first. Then more.\n\n# Late heading\n", meta={"title": "From front matter"})
    assert TITLE not in d.para_kinds and d.title == "From front matter"


def test_front_matter_is_not_shown_and_gives_the_title():
    d = doc("---\ntitle: \"Guide\"\npermalink: /x/\n---\n# Guide\n\nBody.")
    assert d.text == "Guide\n\nBody." and d.title == "Guide" and d.meta["permalink"] == "/x/"
    assert d.para_kinds[0] == TITLE


def test_each_list_item_is_a_paragraph_with_its_marker_and_depth():
    src = "Ask:\n\n- First *item*\n- Second item\n    - Nested one\n        - Deeper\n- Third\n\n3. three\n4. four\n"
    d = doc(src)
    assert paras(d) == [
        ("Ask:", BODY, 0),
        ("\u2022 First item", LIST_ITEM, 1),
        ("\u2022 Second item", LIST_ITEM, 1),
        ("\u25e6 Nested one", LIST_ITEM, 2),
        ("\u25aa Deeper", LIST_ITEM, 3),
        ("\u2022 Third", LIST_ITEM, 1),
        ("3. three", LIST_ITEM, 1),
        ("4. four", LIST_ITEM, 1),
    ]
    assert styled(d, "em") == ["item"]
    # each item is a unit (the marker is part of the first sentence, never a sentence of its own)
    assert sentences(d) == ["Ask:", "\u2022 First item", "\u2022 Second item", "\u25e6 Nested one",
                            "\u25aa Deeper", "\u2022 Third", "3. three", "4. four"]


def test_list_items_split_into_sentences_and_loose_items_keep_their_paragraphs():
    d = doc("1. **Tease out the approach.** Focus on agile. While some may come up, keep it high.\n\n"
            "   A second paragraph of the item.\n\n2. **Learn how.**\n")
    assert paras(d) == [
        ("1. Tease out the approach. Focus on agile. While some may come up, keep it high.", LIST_ITEM, 1),
        ("A second paragraph of the item.", LIST_ITEM, 1),
        ("2. Learn how.", LIST_ITEM, 1),
    ]
    assert sentences(d)[:3] == ["1. Tease out the approach.", "Focus on agile.", "While some may come up, keep it high."]
    assert styled(d, "strong") == ["Tease out the approach.", "Learn how."]


def test_a_quoted_list_item_is_cut_into_its_sentences():
    d = doc('- "At 18F we strive to be fair. [What does it mean to you?](https://x.org/q)"\n')
    assert sentences(d) == ['\u2022 "At 18F we strive to be fair.', 'What does it mean to you?"']
    assert d.links == [(d.text.index("What"), d.text.index("?") + 1, "https://x.org/q")]


def test_block_quotes_are_quote_paragraphs_with_depth():
    d = doc("Intro:\n\n> Hello! My name is \\_\\_\\_.\n>\n> Second paragraph.\n>\n> > Nested quote.\n\nAfter.")
    assert paras(d) == [("Intro:", BODY, 0), ("Hello! My name is ___.", QUOTE, 1),
                        ("Second paragraph.", QUOTE, 1), ("Nested quote.", QUOTE, 2), ("After.", BODY, 0)]
    assert sentences(d)[1:3] == ["Hello!", "My name is ___."]


def test_code_blocks_are_shown_verbatim_and_never_split():
    src = "Run this:\n\n```python\nx = 1. Not a sentence. Y = 2\n\n\nprint(x)\n```\n\n    indented code. Yes.\n"
    d = doc(src)
    assert paras(d) == [("Run this:", BODY, 0), ("x = 1. Not a sentence. Y = 2\n\n\nprint(x)", CODE, 0),
                        ("indented code. Yes.", CODE, 0)]
    assert [len(d.sentences(p)) for p in range(d.paragraph_count)] == [1, 1, 1]
    d = doc("Inline `a. B. c` code.")
    assert d.text == "Inline a. B. c code." and styled(d, "code") == ["a. B. c"]


def test_links_keep_their_text_and_the_url_goes_aside():
    d = doc("See [the good and bad signs](https://docs.example/x) and <https://auto.link/y>. "
            "Also [ref link][r].\n\n[r]: https://ref.example/z\n")
    assert d.text == "See the good and bad signs and https://auto.link/y. Also ref link."
    assert [(d.text[a:b], u) for a, b, u in d.links] == [
        ("the good and bad signs", "https://docs.example/x"),
        ("https://auto.link/y", "https://auto.link/y"),
        ("ref link", "https://ref.example/z")]
    assert styled(d, "link") == ["the good and bad signs", "https://auto.link/y", "ref link"]


def test_nested_styles():
    d = doc("A ***both*** and **bold with *em* inside** and [**bold link**](u).")
    assert d.text == "A both and bold with em inside and bold link."
    assert sorted(styled(d, "strong")) == ["bold link", "bold with em inside", "both"]
    assert sorted(styled(d, "em")) == ["both", "em"]
    assert styled(d, "link") == ["bold link"]


def test_escapes_and_entities_are_shown_as_the_characters():
    d = doc("\\*not em\\*, \\# not a heading, 1\\. not a list, \\[not a link\\](x), &amp; &copy; \\\\")
    assert d.text == "*not em*, # not a heading, 1. not a list, [not a link](x), & \u00a9 \\"
    assert d.styles == [] and d.links == []
    assert paras(d)[0][1] == BODY


def test_separators_tables_html_and_templates():
    src = ("Before.\n\n---\n\n| a | b |\n|---|---|\n| *1* | 2 |\n\n<!-- a comment -->\n\n<div>Some <b>html</b></div>\n\n"
           "{% include 'x.html' %}\n\nA [debrief]({{ '/debrief/' | url }}) link.\n")
    d = doc(src)
    assert paras(d) == [("Before.", BODY, 0), ("* * *", SEPARATOR, 0), ("a \u2502 b", TABLE, 0),
                        ("1 \u2502 2", TABLE, 0), ("Some html", BODY, 0), ("A debrief link.", BODY, 0)]
    assert ("debrief", "{{ '/debrief/' | url }}") in [(d.text[a:b], u) for a, b, u in d.links]
    assert styled(d, "strong") == ["a", "b"]  # header cells
    assert styled(d, "em") == ["1"]


def test_hard_breaks_and_soft_breaks():
    d = doc("Line one  \nline two\\\nline three\nsoft continues.")
    assert d.text == "Line one\nline two\nline three soft continues."


def test_styles_between_finds_spans_for_a_row():
    d = doc("Plain start. " + "word " * 40 + "**bold** end. *em*")
    a = d.text.index("bold")
    assert d.styles_between(a - 5, a + 2) == [(a, a + 4, "strong")]
    assert d.styles_between(0, 5) == []
    e = d.text.index(" em") + 1
    assert d.styles_between(e, e + 1) == [(e, e + 2, "em")]


def test_the_gold_markdown_file():
    from pathlib import Path

    src = (Path(__file__).parent / "segmentation" / "18f-core-values-interview.md").read_text(encoding="utf-8")
    d = doc(src)
    assert "{%" not in d.text and "**" not in d.text and "](" not in d.text
    kinds = set(d.para_kinds)
    assert {BODY, HEADING, LIST_ITEM, QUOTE} <= kinds
    nested = [d.text[s:e] for s, e, k, lv in zip(d.para_starts, d.para_ends, d.para_kinds, d.para_levels, strict=True)
              if k == LIST_ITEM and lv == 3]
    assert nested == ["\u25aa What challenges did you face, if any, and how did you overcome them?"]


def test_empty_and_markup_only_sources():
    assert doc("").text == ""
    assert doc("").paragraph_count == 0
    d = doc("---\ntitle: T\n---\n")
    assert d.text == "" and d.title == "T"
    d = doc("**\n\n- \n\n#\n")
    assert all(d.text[s:e].strip() for s, e in zip(d.para_starts, d.para_ends, strict=True))


md_pieces = st.sampled_from([
    "# ", "## ", "- ", "* ", "1. ", "> ", "    ", "```\n", "`", "*", "**", "_", "[", "]", "(", ")", "](u)",
    "\\", "&amp;", "<b>", "</b>", "<!-- c -->", "---", "| a | b |\n|---|---|\n", "\n", "\n\n", "  \n", "{% x %}",
    "{{ y }}", "Word", "word", ". ", "! ", "? ", '"', "\u201c", "Mr. ", "U.S. ", "1.", "text here",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(md_pieces, max_size=60))
def test_any_markdown_renders_to_consistent_offsets(parts):
    src = "".join(parts)
    text, structure = render(src)
    d = Document(key="m.md", text=text, structure=structure)
    check_offsets(d)
    for s, e in zip(d.para_starts, d.para_ends, strict=True):
        assert text[s:e].strip()


def test_raw_html_in_markdown_shows_no_script_and_keeps_table_cells_apart(tmp_path):
    """An attacker's Markdown: a <script>'s and a <style>'s source were shown as paragraphs,
    and an HTML table's cells were glued ("YearCalls", "201912")."""
    from reader.core.sources.articles import load_document

    path = tmp_path / "page.md"
    path.write_text("# Title\n\nSome text here.\n\n<script>document.write(\"evil\")</script>\n\n"
                    "<style>body { color: red }</style>\n\n<table><tr><th>Year</th><th>Calls</th></tr>"
                    "<tr><td>2019</td><td>12</td></tr></table>\n\nThe end.\n", encoding="utf-8")
    text = load_document(str(path)).text
    assert "evil" not in text and "color: red" not in text
    assert "Year Calls" in text and "2019 12" in text and "YearCalls" not in text
