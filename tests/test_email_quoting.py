"""An e-mail reply in plain text: its ">"-quoted thread keeps its lines, each quoted paragraph
its own, and its first line "Oh thanks." is no title. Found by a trial (15) on a riak-users
reply (tests/fixtures/texts/riak-email.txt): the whole thread had been one reflowed paragraph,
"wrote: > Hi, > On Tue… >> Hi folks >> >> What is…", its Java code reflowed too."""

from pathlib import Path

from reader.core.sources.articles import load_document
from reader.core.text.document import Document
from reader.core.text.segmenter import BODY, SUBTITLE, TITLE

EMAIL = Path(__file__).parent / "fixtures" / "texts" / "riak-email.txt"


def paragraphs(d):
    return [d.text[d.para_starts[p]:d.para_ends[p]] for p in range(d.paragraph_count)]


def test_quoted_thread_is_cut_into_its_paragraphs_which_keep_their_lines():
    d = load_document(str(EMAIL))
    paras = paragraphs(d)
    wrote = paras.index("On 01/03/11 7:07 PM, Russell Brown wrote:")  # the unquoted line, alone
    assert paras[wrote + 1] == "> Hi,\n> On Tue, 2011-03-01 at 18:02 +0530, Abhishek Kona wrote:"
    assert paras[wrote + 2] == ">> Hi folks"  # deeper: its own paragraph
    question = wrote + 3
    assert paras[question].startswith(">> What is the best way") and paras[question].endswith("Java HTTP API.")
    code = next(p for p, t in enumerate(paras) if "String bucket" in t)
    assert paras[code].count("\n") == 2 and code in d.kept_lines  # the Java code, line by line
    assert question in d.kept_lines and all(d.para_kinds[p] == BODY for p in range(wrote, code + 1))
    assert not any("\n>\n" in t or (t.startswith("On 01/03/11") and ">" in t) for t in paras)


def test_a_question_before_a_quoted_line_ends_its_sentence():
    d = load_document(str(EMAIL))
    question = next(p for p, t in enumerate(paragraphs(d)) if t.startswith(">> What is"))
    said = [d.text[a:b] for a, b in d.sentences(question)]
    assert said == [">> What is the best way to clear a Riak bucket of all key, values after\n>> running a test?",
                    ">> I am currently using the Java HTTP API."]


def test_an_emails_first_line_is_no_title():
    d = load_document(str(EMAIL))
    assert TITLE not in d.para_kinds and SUBTITLE not in d.para_kinds
    assert d.title == "riak-email"


def test_a_line_ending_like_a_sentence_is_a_title_only_in_title_case_or_capitals():
    def first_kind(text):
        return Document(key="/x/a.txt", text=text).para_kinds[0]
    assert first_kind("Oh thanks.\n\nHaving the function would be great.\n\nMore.") == BODY
    assert first_kind("Any news on this?\n\nBody text. More.") == BODY
    assert first_kind("Is the Mayor Right?\n\nBody text. More.") == TITLE
    assert first_kind("II. SELF-RELIANCE.\n\nBody text. More.") == TITLE
    assert first_kind("Mayor Rebuts Union\n\nBody text. More.") == TITLE


def test_unquoted_text_is_untouched():
    text = "A paragraph with a > sign inside\nits wrapped lines. It ends here.\n\nSecond."
    d = Document(key="/x/b.txt", text=text)
    assert d.paragraph_count == 2 and not d.kept_lines
