"""PDFs: real files made in the test (``tests/sources_server.make_pdf``), read with PDFium.

Several pages with a running header, a "Page N of M" footer or bare page numbers,
hyphenated line breaks, first-line indents, a paragraph running across a page break, a
footnote written first in the content stream, two columns; and the bad ones: encrypted
(pypdf, a test-only dependency, encrypts), image-only (a scan), truncated, damaged, not a
PDF at all. Each failure is one line and an exit code, through the command line.
"""

from __future__ import annotations

import io

import pytest

from reader.core.errors import EX_DATAERR, EX_NOINPUT, ReaderError
from tests.sources_server import article_pages, make_pdf

TITLE = "Resistance to Civil Government"
PARAGRAPHS = [
    "I heartily accept the motto, \u201cThat government is best which governs least\u201d; and I should like to see it "
    "acted up to more rapidly and systematically. Carried out, it finally amounts to this, which also I believe, "
    "\u201cThat government is best which governs not at all\u201d; and when men are prepared for it, that will be the "
    "kind of government which they will have.",
    "The objections which have been brought against a standing army, and they are many and weighty, and deserve to "
    "prevail, may also at last be brought against a standing government. The standing army is only an arm of the "
    "standing government. The government itself, which is only the mode which the people have chosen to execute "
    "their will, is equally liable to be abused and perverted before the people can act through it.",
    "This American government, what is it but a tradition, though a recent one, endeavoring to transmit itself "
    "unimpaired to posterity, but each instant losing some of its integrity? It has not the vitality and force of a "
    "single living man; for a single man can bend it to his will.",
    "But, to speak practically and as a citizen, unlike those who call themselves no-government men, I ask for, not "
    "at once no government, but at once a better government. Let every man make known what kind of government would "
    "command his respect, and that will be one step toward obtaining it.",
    "After all, the practical reason why, when the power is once in the hands of the people, a majority are "
    "permitted, and for a long period continue, to rule, is not because they are most likely to be in the right, nor "
    "because this seems fairest to the minority, but because they are physically the strongest.",
    "Can there not be a government in which majorities do not virtually decide right and wrong, but conscience? I "
    "think that we should be men first, and subjects afterward. It is not desirable to cultivate a respect for the "
    "law, so much as for the right.",
    "All men recognize the right of revolution; that is, the right to refuse allegiance to, and to resist, the "
    "government, when its tyranny or its inefficiency are great and unendurable. But almost all say that such is "
    "not the case now.",
    "Unjust laws exist: shall we be content to obey them, or shall we endeavor to amend them, and obey them until we "
    "have succeeded, or shall we transgress them at once? Men generally, under such a government as this, think that "
    "they ought to wait until they have persuaded the majority to alter them.",
    "I have paid no poll-tax for six years. I was put into a jail once on this account, for one night; and, as I "
    "stood considering the walls of solid stone, two or three feet thick, the door of wood and iron, a foot thick, "
    "and the iron grating which strained the light, I could not help being struck with the foolishness of that "
    "institution which treated me as if I were mere flesh and blood and bones, to be locked up.",
    "The authority of government, even such as I am willing to submit to, for I will cheerfully obey those who know "
    "and can do better than I, and in many things even those who neither know nor can do so well, is still an impure "
    "one: to be strictly just, it must have the sanction and consent of the governed.",
]
HEADER = "Aesthetic Papers \u00b7 Resistance to Civil Government"
INFO = {"Title": TITLE, "Author": "Henry David Thoreau", "CreationDate": "D:18490514090000Z"}


def article_pdf(footer: str = "page", header: str | None = HEADER) -> bytes:
    return make_pdf(article_pages(TITLE, PARAGRAPHS, header=header, footer=footer), info=INFO)


@pytest.fixture(autouse=True)
def snapshot_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("READER_SNAPSHOTS", str(tmp_path / "snapshots"))
    return tmp_path / "snapshots"


def load(path):
    from reader.core.sources.articles import load_document

    return load_document(str(path))


def body_paragraphs(doc) -> list[str]:
    return doc.text.rstrip("\n").split("\n\n")[1:]


def test_the_layout_really_has_what_we_test():
    pages = article_pages(TITLE, PARAGRAPHS, header=HEADER)
    assert len(pages) >= 2
    lines = [t for page in pages for _x, _y, _s, t in page]
    assert sum(1 for t in lines if t.endswith("-") and t[-2].isalpha()) >= 3  # hyphenated breaks
    assert sum(1 for t in lines if t == HEADER) == len(pages)
    assert sum(1 for t in lines if t.startswith("Page ")) == len(pages)
    last_body = [t for _x, _y, _s, t in pages[0] if not t.startswith("Page ")][-1]
    assert not last_body.endswith(".")  # a paragraph runs on across the page break


@pytest.mark.parametrize("footer", ["page", "bare"])
def test_paragraphs_title_and_no_page_furniture(tmp_path, footer):
    path = tmp_path / "essay.pdf"
    path.write_bytes(article_pdf(footer))
    doc = load(path)
    assert doc.key == str(path.resolve()) and doc.path == str(path)
    assert doc.text.startswith(TITLE + "\n\n")
    assert doc.para_kinds[0] == "title"
    assert body_paragraphs(doc) == PARAGRAPHS  # paragraphs, hyphenation and order all exact
    assert HEADER not in doc.text and "Page 1" not in doc.text
    assert "\ufffe" not in doc.text and "\x02" not in doc.text
    assert doc.meta["title"] == TITLE and doc.meta["author"] == "Henry David Thoreau"
    # the file's creation date is not the text's: "PDF made …" (a third user read "Brutus,
    # 2026-12-06" for a 1788 essay printed to PDF)
    assert "date" not in doc.meta and doc.meta["pdf_made"] == "1849-05-14" and doc.date_shown == "PDF made 1849-05-14"
    assert doc.encoding_note is None


def test_pdf_without_metadata_takes_its_title_from_the_large_first_line(tmp_path):
    path = tmp_path / "bare.pdf"
    path.write_bytes(make_pdf(article_pages(TITLE, PARAGRAPHS[:3], header=None, footer="bare")))
    doc = load(path)
    assert doc.meta["title"] == TITLE and doc.text.startswith(TITLE + "\n\n")
    assert body_paragraphs(doc) == PARAGRAPHS[:3]


def test_footnote_written_first_is_read_last(tmp_path):
    page = [(72, 120, 9, "1 First printed in Aesthetic Papers, Boston, 1849."),  # written first, at the bottom
            (72, 720, -18, TITLE)]
    y = 690
    for line in ("I heartily accept the motto, that government is best which governs least; and I should",
                 "like to see it acted up to more rapidly and systematically. Carried out, it finally amounts",
                 "to this, which also I believe, that government is best which governs not at all."):
        page.append((72, y, 11, line))
        y -= 14
    path = tmp_path / "footnote.pdf"
    path.write_bytes(make_pdf([page]))
    doc = load(path)
    paras = doc.text.rstrip("\n").split("\n\n")
    assert paras[0] == TITLE
    assert paras[1].startswith("I heartily accept") and paras[1].endswith("governs not at all.")
    assert paras[-1] == "1 First printed in Aesthetic Papers, Boston, 1849."


def test_two_columns_keep_their_order(tmp_path):
    left = ["The left column starts here and it goes on for a", "while, telling the first half of the story in full,",
            "until its end at the bottom of the column."]
    right = ["The right column is the second half, read after", "the left one, never line by line with it, which",
             "would make nonsense of both halves."]
    page = [(72, 720, -16, "Two columns")]
    for k, a in enumerate(left):
        page.append((72, 690 - 14 * k, 10, a))
    for k, b in enumerate(right):
        page.append((320, 690 - 14 * k, 10, b))
    path = tmp_path / "columns.pdf"
    path.write_bytes(make_pdf([page]))
    text = load(path).text
    assert text.index("The left column") < text.index("until its end") < text.index("The right column")
    assert "full, until its end" in text and "which would make nonsense" in text


def test_reopening_uses_the_snapshot(tmp_path, snapshot_dir):
    path = tmp_path / "essay.pdf"
    path.write_bytes(article_pdf())
    first = load(path)
    again = load(path)
    assert again.meta["snapshot"] == first.meta["snapshot"] and again.meta["version"] == "1"
    assert len(list(snapshot_dir.rglob("*.json"))) == 1


def test_extraction_unit_running_lines_dropped():
    from reader.core.sources.pdf import Line, drop_running_lines

    def ln(text, top, page):
        return Line(text, 72, 300, top, top + 10, 10, False, page, 792)

    pages = [[ln("Journal of Things, vol. 3", 20, p), ln(f"Body text {p}", 300, p), ln(str(p + 1), 760, p)] for p in range(4)]
    kept, dropped = drop_running_lines(pages)
    assert dropped == 8
    assert [[x.text for x in page] for page in kept] == [[f"Body text {p}"] for p in range(4)]


# --- bad PDFs -------------------------------------------------------------------------------------
def _encrypted() -> bytes:
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(article_pdf())))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _scanned() -> bytes:
    return make_pdf(["image", "image"], info={"Title": "Scanned letter"})


def _truncated() -> bytes:
    data = article_pdf()
    return data[: int(len(data) * 0.6)]


def _damaged() -> bytes:
    data = bytearray(article_pdf())
    for k in range(200, len(data) - 200, 7):
        data[k] = (data[k] * 31 + 7) % 256
    return bytes(data)


BAD = [
    ("encrypted", _encrypted, EX_NOINPUT, ["encrypted", "needs a password"]),
    ("scanned", _scanned, EX_DATAERR, ["a scanned PDF", "it needs OCR first; try ocrmypdf"]),
    ("truncated", _truncated, EX_DATAERR, ["truncated"]),
    ("damaged", _damaged, EX_DATAERR, ["damaged"]),
    ("not a pdf", lambda: b"<html><body>Sorry, the file you asked for is gone.</body></html>", EX_DATAERR,
     ["not a PDF file"]),
    ("empty", lambda: b"", EX_DATAERR, ["empty"]),
]


@pytest.mark.parametrize("case", BAD, ids=[c[0] for c in BAD])
def test_bad_pdf_is_one_line_with_its_exit_code(case, tmp_path, capsys, snapshot_dir):
    from reader.cli import main

    _name, make, code, words = case
    path = tmp_path / "bad.pdf"
    path.write_bytes(make())
    rc = main(["export", str(path), "mayor-rebuttal"])
    out, err = capsys.readouterr()
    assert rc == code, err
    assert out == "" and err.count("\n") == 1 and err.startswith("reader: ")
    assert "Traceback" not in err
    for w in words:
        assert w in err, (w, err)
    assert not list(snapshot_dir.rglob("*.json"))


def test_pdf_with_a_wrong_suffix_is_still_read_as_a_pdf(tmp_path):
    path = tmp_path / "essay.txt"
    path.write_bytes(article_pdf())
    doc = load(path)
    assert body_paragraphs(doc) == PARAGRAPHS


def test_a_scanned_page_among_text_pages_is_noted(tmp_path):
    pages = article_pages(TITLE, PARAGRAPHS[:3], header=None) + ["image"]
    path = tmp_path / "mixed.pdf"
    path.write_bytes(make_pdf(pages))
    doc = load(path)
    assert "page 2 is scanned" in (doc.encoding_note or "")
    with pytest.raises(ReaderError):
        load(tmp_path / "missing.pdf")


def test_a_compound_broken_at_a_line_end_keeps_its_hyphen():
    """An attacker's PDF: "well-" / "known" came out "wellknown", "Anglo-" / "Saxon"
    "AngloSaxon", "1990-" / "1995" "1990- 1995"; an ordinary break still joins."""
    from reader.core.sources.pdf import Line, _join, compounds_in

    def line(text, hyphen=False):
        return Line(text, 0.0, 100.0, 0.0, 10.0, 10.0, hyphen, 0, 800.0)

    def joined(a, b, hyphen=True, elsewhere=()):
        para = [line(a, hyphen), line(b)]
        return _join(para, compounds_in([[line(t) for t in elsewhere]]))

    assert joined("The govern", "ment denied it.") == "The government denied it."
    assert joined("a well", "known account") == "a well-known account"
    assert joined("the self", "evident facts") == "the self-evident facts"
    assert joined("all Anglo", "Saxon by the report") == "all Anglo-Saxon by the report"
    assert joined("between 1990-", "1995 and", hyphen=False) == "between 1990-1995 and"
    assert joined("the long", "term effects") == "the long-term effects"
    assert joined("a state", "wide vote", elsewhere=["a state-wide ban"]) == "a state-wide vote"
    assert joined("a state", "ment of", elsewhere=["a state-wide ban"]) == "a statement of"
    assert joined("a dash -", "like this", hyphen=False) == "a dash - like this"
    # A court trial: "ex-" was always a prefix ("ex-cess"); the document's own words decide first.
    assert joined("subbasin 5's ex", "cess water", elsewhere=["the excess flow"]) == "subbasin 5's excess water"
    assert joined("an ex", "wife of", elsewhere=["his ex-wife said"]) == "an ex-wife of"
    assert joined("water short", "ages in", elsewhere=["the shortages were"]) == "water shortages in"


def test_an_older_pdf_snapshots_date_is_said_to_be_the_files():
    """An attacker: a PDF snapshot kept before "PDF made" still showed its creation date as the
    text's; and a Markdown file's front matter "made: by the committee" read "PDF made by…"."""
    from reader.core.text.document import Document

    old = Document(key="/x/brutus.pdf", text="Brutus\n\nText.\n",
                   meta={"date": "2026-12-06", "source": "/x/brutus.pdf", "snapshot": "/s/v0001.json"})
    assert old.date_shown == "PDF made 2026-12-06"
    md = Document(key="/x/notes.md", text="Notes\n\nText.\n", meta={"made": "by the committee", "date": "1788"})
    assert md.date_shown == "1788"


def test_a_title_holding_a_lone_surrogate_is_no_crash():
    """An attacker's: /Title <FEFFD800> made pypdfium2 raise UnicodeDecodeError (exit 70)."""
    from reader.core.sources.pdf import extract_pdf

    body = [(72, 700 - 16 * i, 11, f"Line {i} of a letter that says enough words to be a paragraph here.")
            for i in range(6)]
    data = make_pdf([body], info={"Title": "XTITLEXY", "Author": "Ann Lee"})
    data = data.replace(b"(XTITLEXY)", b"<FEFFD800>")
    out = extract_pdf(data, "bad-title.pdf")
    assert "Line 5 of a letter" in out.text and out.meta.get("author") == "Ann Lee"
    assert "\ud800" not in out.meta.get("title", "")


def test_short_pages_alike_but_for_a_number_keep_their_text():
    """An attacker's: five pages of two lines differing only by a number lost every line to
    the running-line rule, and the document opened blank."""
    from reader.core.sources.pdf import extract_pdf

    pages = [[(72, 700, 11, f"Article {n} of the agreement binds both parties to the terms written here."),
              (72, 686, 11, f"Unique body line number {n} with other words.")] for n in range(1, 6)]
    out = extract_pdf(make_pdf(pages), "articles.pdf")
    for n in range(1, 6):
        assert f"Article {n} of the agreement" in out.text and f"Unique body line number {n}" in out.text


def test_a_file_or_account_name_in_the_metadata_is_no_title_or_author():
    """A trial on a Tennessee board's opinion: title "A9Rmahfa4_1laaz8q_bg.tmp", author "cg04209"."""
    from reader.core.sources.pdf import extract_pdf

    body = [(72, 700 - 16 * i, 11, f"Line {i} of an opinion that says enough words to be a paragraph here.")
            for i in range(6)]
    out = extract_pdf(make_pdf([body], info={"Title": "A9Rmahfa4_1laaz8q_bg.tmp", "Author": "cg04209"}), "o.pdf")
    assert "title" not in out.meta or out.meta["title"] != "A9Rmahfa4_1laaz8q_bg.tmp"
    assert "author" not in out.meta
    named = extract_pdf(make_pdf([body], info={"Title": "Diaz v. Create and Construct", "Author": "Ann Lee"}), "o.pdf")
    assert named.meta["title"] == "Diaz v. Create and Construct" and named.meta["author"] == "Ann Lee"


def test_a_stamp_across_every_page_goes():
    """A trial on preliminary prints: "Page Proof Pending Publication", set across the middle
    of every page, was a paragraph of its own 17 times."""
    from reader.core.sources.pdf import extract_pdf

    pages = []
    for n in range(4):
        body = [(72, 700 - 16 * i, 11, f"Page {n} line {i} of an opinion with words enough for a paragraph, and more.")
                for i in range(8)]
        pages.append(body + [(200, 400, 11, "Page Proof Pending Publication")])
    out = extract_pdf(make_pdf(pages), "print.pdf")
    assert "Page Proof Pending Publication" not in out.text
    assert all(f"Page {n} line 7 of an opinion" in out.text for n in range(4))


def test_a_periodicals_head_seen_once_goes():
    """A new user's two-page reprint: page 2's head, "238 THE AMERICAN SENTINEL. AUGUST, 1889.",
    was a paragraph between the columns' text (a running line must repeat to be seen)."""
    from reader.core.sources.pdf import extract_pdf

    body = [[(72, 700 - 16 * i, 11, f"Page {n} line {i} of a letter that says enough words to be read here.")
             for i in range(8)] for n in range(2)]
    body[1].insert(0, (150, 760, 9, "238 THE AMERICAN SENTINEL. AUGUST, 1889."))
    out = extract_pdf(make_pdf(body), "reprint.pdf")
    assert "SENTINEL" not in out.text and "Page 1 line 7 of a letter" in out.text


def test_a_centred_line_above_the_margin_is_its_own_paragraph():
    """A new user's PDF: the centred byline "The Federal Farmer" and the letter's "Dear sir,"
    below it at the margin read as one paragraph (taken for a move to another column)."""
    from pathlib import Path

    from reader.core.sources.pdf import extract_pdf

    name = "federal-farmer-xvi.pdf"
    data = (Path(__file__).parent / "fixtures" / "made-pdfs" / name).read_bytes()
    paras = [p for p in extract_pdf(data, name).text.split("\n\n") if p.strip()]
    assert paras[:3] == ["Letters from the Federal Farmer, No. XVI", "The Federal Farmer", "Dear sir,"]
