"""Web pages and saved pages: fetching, extraction, metadata, charsets, and every failure.

A local web server (``tests/sources_server.py``) runs on 127.0.0.1 for each test and
serves real-looking article pages (navigation, ads, cookie banner, comments, scripts,
JSON-LD around public-domain text) and routes that fail on purpose. Every failure is
checked through the command line (``reader export URL mayor-rebuttal``): one line on
stderr, the right exit code, and no snapshot left behind.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest

from reader.core.errors import EX_DATAERR, EX_PROTOCOL, EX_UNAVAILABLE, FetchError
from tests.conftest import run_cli
from tests.sources_server import FIXTURES, Site, closed_port, fixture, self_signed_cert

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = "/essays/resistance-to-civil-government"
BOILERPLATE = (
    "cookies", "Accept all", "Subscribe for one dollar", "Sign in", "ADVERTISEMENT", "Cherry Pectoral", "Sponsored",
    "Fitchburg Railroad", "Related stories", "Walking: an essay", "Share on Facebook", "Comments (3)", "poll tax",
    "lyceum", "Sam Staples", "All rights reserved", "Careers", "dataLayer", "refreshAds", "Tracking pixel",
    "Letters to the editor",
)


@pytest.fixture(autouse=True)
def snapshot_dir(tmp_path, monkeypatch):
    folder = tmp_path / "snapshots"
    monkeypatch.setenv("READER_SNAPSHOTS", str(folder))
    monkeypatch.delenv("READER_FETCH_TIMEOUT", raising=False)
    for var in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)
    return folder


@pytest.fixture
def site():
    with Site() as s:
        s.serve_fixture(ARTICLE, "civil-v1.html")
        s.serve_fixture("/article", "civil-v1.html")
        yield s


def stored_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


def cli(args: list[str], capsys) -> tuple[int, str, str]:
    from reader.cli import main

    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def load(arg: str, **kw):
    from reader.core.sources.articles import load_document

    return load_document(arg, **kw) if kw else load_document(arg)


# --- a good page ---------------------------------------------------------------------------------
def test_article_page_text_and_metadata(site, snapshot_dir):
    doc = load(site.url("/article?id=7&utm_source=newsletter"))
    # the key is the page's canonical URL (same site), normalised
    assert doc.key == site.url(ARTICLE)
    assert doc.meta["url"] == site.url(ARTICLE)
    assert doc.meta["title"] == "Resistance to Civil Government"
    assert doc.meta["author"] == "Henry David Thoreau"
    assert doc.meta["date"] == "1849-05-14"
    assert doc.meta["outlet"] == "Aesthetic Papers"
    assert doc.meta["source"] == site.url("/article?id=7&utm_source=newsletter")
    assert doc.meta["version"] == "1"
    assert doc.meta["fetched"].endswith("Z")
    assert Path(doc.meta["snapshot"]).is_file() and str(snapshot_dir) in doc.meta["snapshot"]
    assert doc.path == ""
    # the title first, then paragraphs separated by one blank line; nothing around the article
    paras = doc.text.rstrip("\n").split("\n\n")
    assert paras[0] == "Resistance to Civil Government"
    assert paras[1].startswith("I heartily accept the motto, \u201cThat government is best which governs least\u201d")
    assert paras[-1].endswith("is to do at any time what I think right.")
    assert len(paras) == 7
    assert "\n\n\n" not in doc.text and "\r" not in doc.text
    for junk in BOILERPLATE:
        assert junk not in doc.text, junk
    assert doc.para_kinds[0] == "title" and doc.title == "Resistance to Civil Government"
    assert doc.paragraph_count == 7
    assert site.agents and all(a.startswith("reader/") for a in site.agents)


def test_offline_reopen_uses_the_snapshot():
    with Site() as s:
        s.serve_fixture(ARTICLE, "civil-v1.html")
        s.serve_fixture("/article", "civil-v1.html")
        first = load(s.url("/article?id=7"))
        hits = len(s.hits)
        again = load(s.url(ARTICLE))  # another address of the same article: its canonical URL
        assert again.key == first.key and again.text == first.text
        assert again.meta["snapshot"] == first.meta["snapshot"]
        assert len(s.hits) == hits  # no fetch
    # the server is gone: the article still opens, from its snapshot
    third = load(s.url("/article?id=7&utm_campaign=x#comments"))  # tracking and fragment ignored
    assert third.text == first.text and third.meta["snapshot"] == first.meta["snapshot"]
    assert load(first.key).text == first.text  # by its key, as the store names it


def test_key_is_the_final_url_when_the_canonical_is_another_site(snapshot_dir):
    with Site() as s:
        page = fixture("civil-v1.html", "https://elsewhere.example").decode()
        s.serve("/syndicated/story", page)
        doc = load(s.url("/syndicated/story?utm_medium=social"))
        assert doc.key == s.url("/syndicated/story")
        assert doc.meta["url"] == s.url("/syndicated/story")


def test_redirect_is_followed(site):
    doc = load(site.url("/moved"))
    assert doc.key == site.url(ARTICLE)
    assert doc.meta["source"] == site.url("/moved")


def test_gzip_body(site):
    site.serve("/story.gz.html", fixture("civil-v1.html", site.base))
    doc = load(site.url("/story.gz.html"))
    assert "I heartily accept the motto" in doc.text


def test_lists_headings_and_quotes_keep_their_own_paragraphs(site):
    words = " ".join(["Conscience"] + ["rules"] * 60) + "."
    page = f"""<html><head><title>Structure test</title></head><body><nav><a href=/>Home</a></nav><article>
    <h1>Structure test</h1><p>{words}</p><h2>What we ask</h2>
    <ul><li>a better government at once</li><li>respect for the right</li></ul>
    <blockquote><p>That government is best which governs not at all.</p></blockquote>
    <p>The end of the article, in a paragraph of its own.</p></article></body></html>"""
    doc = load(site.serve("/structure", page))
    paras = doc.text.rstrip("\n").split("\n\n")
    assert paras[0] == "Structure test"
    assert "What we ask" in paras
    assert "\u2022 a better government at once" in paras and "\u2022 respect for the right" in paras
    assert "That government is best which governs not at all." in paras
    kinds = dict(zip(paras, doc.para_kinds, strict=True))
    assert kinds["What we ask"] == "heading"
    assert kinds["\u2022 respect for the right"] == "list_item"
    assert kinds["That government is best which governs not at all."] == "quote"


def test_pdf_over_http(site):
    from tests.test_sources_pdf import PARAGRAPHS, article_pdf

    site.serve("/report.pdf", article_pdf(), "application/pdf")
    doc = load(site.url("/report.pdf"))
    assert doc.key == site.url("/report.pdf")
    assert doc.meta["title"] == "Resistance to Civil Government"
    assert PARAGRAPHS[1][:60] in doc.text


def test_octet_stream_pdf_is_sniffed(site):
    from tests.test_sources_pdf import article_pdf

    site.serve("/download", article_pdf(), "application/octet-stream")
    doc = load(site.url("/download"))
    assert doc.meta["title"] == "Resistance to Civil Government"


# --- charsets ---------------------------------------------------------------------------------------
def _page_1252() -> bytes:
    text = fixture("civil-v1.html").decode("utf-8")
    text = text.replace("<meta charset=\"utf-8\">", "").replace("this, which also I believe", "this, which also I believe, caf\u00e9 ")
    return text.encode("cp1252")


def test_wrong_declared_charset_falls_back_to_detection(site):
    site.serve("/wrong-charset", _page_1252(), "text/html; charset=utf-8")  # the server lies
    doc = load(site.url("/wrong-charset"))
    assert "\u201cThat government is best which governs least\u201d" in doc.text
    assert "caf\u00e9" in doc.text and "\ufffd" not in doc.text
    assert "declared utf-8" in doc.encoding_note and "detected" in doc.encoding_note


def test_latin1_label_on_utf8_bytes_is_not_mojibake(site):
    body = fixture("civil-v1.html", site.base).replace(b'<meta charset="utf-8">', b"")
    site.serve("/mojibake", body, "text/html; charset=iso-8859-1")
    doc = load(site.url("/mojibake"))
    assert "\u201cThat government" in doc.text and "\u00e2\u20ac" not in doc.text
    assert "the bytes are UTF-8" in doc.encoding_note


def test_meta_charset_when_the_server_says_nothing(site):
    body = _page_1252().replace(b"<head>", b'<head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">')
    site.serve("/meta-charset", body, "text/html")
    doc = load(site.url("/meta-charset"))
    assert "caf\u00e9" in doc.text and "\u201cThat government" in doc.text
    assert doc.encoding_note is None


def test_decode_html_unit():
    from reader.core.sources.html import decode_html

    assert decode_html("caf\u00e9".encode(), "utf-8") == ("caf\u00e9", None)
    assert decode_html("caf\u00e9 \u201cq\u201d".encode("cp1252"), "iso-8859-1") == ("caf\u00e9 \u201cq\u201d", None)
    page = "<p>Le caf\u00e9 \u201cdu coin\u201d est ferm\u00e9 depuis l\u2019\u00e9t\u00e9 dernier, et les habitu\u00e9s " \
           "se retrouvent \u00e0 la brasserie.</p>" * 3
    text, note = decode_html(page.encode("cp1252"), "x-no-such-charset")
    assert text == page and "unknown charset 'x-no-such-charset'" in note and "Windows-1252" in note
    # an attacker's: UTF-16 is known; the bytes only lack its byte-order mark
    text, note = decode_html(page.encode("cp1252"), "utf-16")
    assert text == page and "declared utf-16, but" in note and "unknown" not in note
    text, note = decode_html(b"\xef\xbb\xbfcaf\xc3\xa9", "iso-8859-1")
    assert text == "caf\u00e9" and note is None  # a byte-order mark wins


# --- failures, through the command line --------------------------------------------------------------
FAILURES = [
    # (id, path or full URL, env, exit code, words in the message)
    ("404", "/missing", {}, EX_UNAVAILABLE, ["HTTP 404", "no page at this address"]),
    ("500", "/broken", {}, EX_UNAVAILABLE, ["HTTP 500", "the site failed"]),
    ("429", "/busy", {}, EX_UNAVAILABLE, ["HTTP 429", "wait 2 minutes", "Retry-After"]),
    ("403", "/forbidden", {}, EX_UNAVAILABLE, ["HTTP 403", "refuses"]),
    ("redirect loop", "/loop-a", {}, EX_UNAVAILABLE, ["redirect loop"]),
    ("too many redirects", "/hop/0", {}, EX_UNAVAILABLE, ["too many redirects", "more than 10"]),
    ("timeout", "/slow", {"READER_FETCH_TIMEOUT": "0.5"}, EX_PROTOCOL, ["timed out", "sent nothing for 0.5 s"]),
    ("trickle", "/trickle", {"READER_FETCH_TIMEOUT": "0.25"}, EX_PROTOCOL, ["timed out", "took over 1.5 s"]),
    ("not html", "/image.png", {}, EX_UNAVAILABLE, ["image/png", "not a web page"]),
    ("too large declared", "/huge-declared", {}, EX_UNAVAILABLE, ["too large", "50 MB", "limit is 20 MB"]),
    ("too large streamed", "/huge", {}, EX_UNAVAILABLE, ["too large", "over 20 MB"]),
    ("not an article", "/short", {}, EX_UNAVAILABLE, ["not an article", "only 9 words"]),
    ("refused", "REFUSED", {}, EX_PROTOCOL, ["cannot connect", "connection refused"]),
    ("dns", "http://no-such-host.invalid/story", {}, EX_PROTOCOL, ["cannot find the host no-such-host.invalid"]),
    ("unclosed IPv6 host", "http://[::1", {}, EX_UNAVAILABLE, ["not a valid address", "Invalid IPv6 URL"]),
    ("tls", "TLS", {}, EX_PROTOCOL, ["TLS error with 127.0.0.1"]),
]


@pytest.mark.parametrize("case", FAILURES, ids=[c[0] for c in FAILURES])
def test_failure_is_one_line_with_its_exit_code(case, site, snapshot_dir, capsys, monkeypatch):
    _name, path, env, code, words = case
    site.slow_seconds = 3.0
    site.serve("/short", "<html><head><title>Short</title></head><body><article><p>Only nine words "
                         "of text live on this page.</p></article></body></html>")
    if path == "REFUSED":
        url = f"http://127.0.0.1:{closed_port()}/story"
    elif path == "TLS":
        url = f"https://127.0.0.1:{site.port}/essays/resistance-to-civil-government"
    elif path.startswith("http"):
        url = path
    else:
        url = site.url(path)
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    started = time.monotonic()
    rc, out, err = cli(["export", url, "mayor-rebuttal"], capsys)
    took = time.monotonic() - started
    assert rc == code, err
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("reader: "), err
    assert "Traceback" not in err
    for w in words:
        assert w in err, (w, err)
    assert not stored_files(snapshot_dir)  # a failure leaves nothing
    assert took < 10


def test_untrusted_certificate(tmp_path, capsys, snapshot_dir):
    pem = self_signed_cert(tmp_path)
    if pem is None:
        pytest.skip("no openssl to make a certificate")
    with Site(certfile=pem) as s:
        s.serve_fixture(ARTICLE, "civil-v1.html")
        rc, _out, err = cli(["export", s.url(ARTICLE), "mayor-rebuttal"], capsys)
    assert rc == EX_PROTOCOL and err.count("\n") == 1
    assert "TLS error with 127.0.0.1: certificate verify failed" in err, err
    assert not stored_files(snapshot_dir)


def test_no_fetch_when_not_asked(site):
    from reader.core.errors import ArticleError
    from reader.core.sources.loader import load_document

    with pytest.raises(ArticleError, match="no snapshot of this page is kept") as info:
        load_document(site.url(ARTICLE), fetch=False)
    assert info.value.exit_code == 66 and site.hits == []
    doc = load_document(site.url(ARTICLE))
    assert load_document(doc.key, fetch=False).text == doc.text


def test_streamed_body_is_never_held_whole(site):
    tracemalloc.start()
    try:
        with pytest.raises(FetchError, match="too large") as info:
            load(site.url("/huge"))
        _cur, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert info.value.exit_code == EX_UNAVAILABLE
    assert peak < 32 * 1024 * 1024  # the 20 MB cap and a chunk, not 50 MB


def test_read_timeout_is_quick(site, monkeypatch):
    monkeypatch.setenv("READER_FETCH_TIMEOUT", "0.3")
    site.slow_seconds = 5
    started = time.monotonic()
    with pytest.raises(FetchError, match="timed out"):
        load(site.url("/slow"))
    assert time.monotonic() - started < 2.5


def test_bad_timeout_setting_is_a_config_error(site, monkeypatch, capsys):
    monkeypatch.setenv("READER_FETCH_TIMEOUT", "soon")
    rc, _out, err = cli(["export", site.url(ARTICLE), "mayor-rebuttal"], capsys)
    assert rc == 78 and "READER_FETCH_TIMEOUT" in err


def test_other_schemes_are_refused(capsys):
    rc, _out, err = cli(["export", "ftp://example.org/a.html", "mayor-rebuttal"], capsys)
    assert rc == 66 and "only http://, https://" in err and err.count("\n") == 1


# --- the command line with a web article ----------------------------------------------------------
def test_annotate_and_export_a_web_article(site, capsys):
    url = site.url("/article?id=7")
    rc, out, err = cli(["annotate", url, "--quote", "That government is best which governs least", "--tag", "claim"], capsys)
    assert rc == 0, err
    ann_id = out.strip().splitlines()[-1]
    rc, out, err = cli(["export", url, "mayor-rebuttal", "--format", "w3c"], capsys)
    assert rc == 0, err
    import json

    data = json.loads(out)
    items = data if isinstance(data, list) else data.get("items", data.get("first", {}).get("items", []))
    mine = [a for a in items if ann_id in str(a.get("id", ""))]
    assert mine, out[:500]
    assert mine[0]["target"]["source"] == site.url(ARTICLE)  # the canonical URL, for Hypothesis
    rc, out, err = cli(["export", url, "mayor-rebuttal"], capsys)
    assert rc == 0 and "Aesthetic Papers" in out and site.url(ARTICLE) in out


# --- saved pages ---------------------------------------------------------------------------------------
def test_saved_html_file(tmp_path, snapshot_dir):
    path = tmp_path / "thoreau.html"
    path.write_bytes(fixture("civil-v1.html", "https://aesthetic-papers.example"))
    doc = load(str(path))
    assert doc.key == str(path.resolve())
    assert doc.path == str(path)
    assert doc.meta["url"] == "https://aesthetic-papers.example/essays/resistance-to-civil-government"
    assert doc.meta["source"] == str(path)
    assert doc.text.startswith("Resistance to Civil Government\n\nI heartily accept")
    for junk in BOILERPLATE:
        assert junk not in doc.text, junk
    snap = doc.meta["snapshot"]
    again = load(str(path))  # unchanged file: the snapshot, no new version
    assert again.meta["snapshot"] == snap
    assert len(stored_files(snapshot_dir)) == 1
    # an edited file makes a new version beside the old one
    path.write_bytes(fixture("civil-v2.html", "https://aesthetic-papers.example"))
    third = load(str(path))
    assert third.meta["version"] == "2" and third.meta["previous"] == "1"
    assert third.key == doc.key
    assert Path(snap).is_file()


def test_saved_page_with_too_little_text(tmp_path, capsys):
    path = tmp_path / "front.htm"
    path.write_text("<html><body><nav>Home News Sport</nav><p>Read our latest stories.</p></body></html>")
    rc, _out, err = cli(["export", str(path), "mayor-rebuttal"], capsys)
    assert rc == EX_DATAERR and "not an article" in err and err.count("\n") == 1


def test_opening_text_articles_imports_no_web_or_pdf_library(tmp_path):
    art = tmp_path / "a.txt"
    art.write_text("A title\n\nSome text of an article.\n")
    code = (
        "import sys\n"
        "from reader.core.sources.articles import load_document\n"
        f"load_document({str(art)!r}); load_document('mayor-rebuttal')\n"
        "bad = [m for m in ('trafilatura', 'pypdfium2', 'urllib3', 'lxml', 'charset_normalizer') if m in sys.modules]\n"
        "print(','.join(bad))\n"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=str(ROOT), timeout=60)
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == ""


def test_fixture_pages_are_real_looking():
    page = (FIXTURES / "civil-v1.html").read_text(encoding="utf-8")
    for part in ("application/ld+json", "cookie", "<nav", "ad-slot", 'id="comments"', "<script", "og:site_name"):
        assert part in page
    assert os.path.getsize(FIXTURES / "civil-v2.html") > 1000


def test_a_saved_page_under_another_name_is_read_as_a_page(tmp_path):
    """An attacker's trial: "page", "story.php" and "index.html?id=3" (as wget saves a page)
    were shown as one paragraph of HTML source. A .txt file is still taken at its word."""
    from pathlib import Path

    from reader.core.sources.loader import load_document

    page = (Path(__file__).parent / "fixtures" / "sources" / "civil-v1.html").read_bytes()
    expected = load_document(str(Path(__file__).parent / "fixtures" / "sources" / "civil-v1.html")).text
    for name in ("page-saved", "story.php", "index.html?id=3"):
        (tmp_path / name).write_bytes(page)
        doc = load_document(str(tmp_path / name))
        assert doc.text == expected and "<" not in doc.text[:200], name
    (tmp_path / "source.txt").write_bytes(page)
    assert load_document(str(tmp_path / "source.txt")).text.lstrip().lower().startswith("<!doctype")


def test_a_page_without_a_date_gets_none_from_its_copyright_line():
    """An attacker's page: no date, only "© 2019–2024" in the footer, was dated 2019-01-01 in
    the header and the exports. A date comes from the page's metadata or byline, or none."""
    from reader.core.sources.html import extract_html

    body = " ".join(["The council met on Tuesday and voted to close the bridge for repairs."] * 8)
    page = (f"<html><head><title>Bridge closed</title></head><body><article><h1>Bridge closed</h1><p>{body}</p>"
            "</article><footer>\u00a9 2019\u20132024 Example News. All rights reserved.</footer></body></html>")
    assert "date" not in extract_html(page, file=True).meta
    dated = page.replace("<head>", '<head><meta property="article:published_time" content="2024-03-05">')
    assert extract_html(dated, file=True).meta.get("date") == "2024-03-05"


def test_a_binary_file_named_html_is_a_binary_file(tmp_path):
    """Random bytes named .html said "not an article" (65); a binary file is 66, as for .txt."""
    import random

    bad = tmp_path / "garbage.html"
    rng = random.Random(5)
    bad.write_bytes(bytes(rng.randrange(256) for _ in range(4000)))
    p = run_cli("annotate", str(bad), "--quote", "x")
    assert p.returncode == 66 and "looks like a binary file" in p.stderr and p.stderr.count("\n") == 1
    utf16 = tmp_path / "page16.html"
    body = " ".join(["The council met on Tuesday and voted to close the bridge for repairs."] * 8)
    utf16.write_bytes(f"<html><body><article><h1>Bridge</h1><p>{body}</p></article></body></html>".encode("utf-16"))
    assert run_cli("annotate", str(utf16), "--quote", "voted to close", "--occurrence", "2").returncode == 0


def test_a_pages_short_name():
    """A third user: http://…/federalist/78.html was called "78" (in the picker, the export's
    file name) while a PDF's address kept ".pdf"."""
    from reader.core.text.document import Document

    cases = {"https://x.org/federalist/78.html": "federalist-78", "https://x.org/pamphlets/brutus-xv.pdf": "brutus-xv",
             "https://x.org/": "x.org", "https://x.org/news/brutus/index.html": "brutus",
             "https://x.org/a/story.php?id=3": "a", "https://x.org/opinion/123456": "opinion-123456",
             "https://x.org/essays/on-liberty": "on-liberty", "http://127.0.0.1:8765/78.html": "78",
             # an attacker's: dot segments resolved, escapes read, no direction override, never hidden
             "http://x.org/a/b/../78.html": "a-78", "http://x.org/a/%D0%BF%D1%80%D0%B8.html": "\u043f\u0440\u0438",
             "http://x.org/%E2%80%AE.html": "html", "http://x.org/dots/..html": "html"}
    assert {k: Document(key=k, text="x").name for k in cases} == cases


def test_list_and_the_export_name_a_page_as_the_reader_does(tmp_path, site):
    """An attacker: reader list called pages "78 (federalist)" and "index (x)" where the TUI and
    the export said "federalist-78" and "x"; `reader list federalist-78` found nothing."""
    from tests.conftest import run_cli

    db = str(tmp_path / "s.json")
    url = site.url(ARTICLE)
    env = {"READER_SNAPSHOTS": str(tmp_path / "snaps")}
    assert run_cli("annotate", url, "--quote", "That government is best which governs least", "--db", db, env=env).returncode == 0
    from reader.core.text.document import short_name

    name = short_name(url)
    p = run_cli("list", "--db", db, env=env)
    assert f" {name} " in p.stdout, p.stdout
    p = run_cli("list", name, "--db", db, "--json", env=env)
    assert p.returncode == 0 and len(__import__("json").loads(p.stdout)) == 1, p.stderr
    assert run_cli("list", "", "--db", db, env=env).returncode == 64


def test_a_redirect_to_no_valid_address_is_one_line(site):
    """An attacker's server answered with "Location: http://[::1": urljoin raised ValueError,
    and the reader said "internal error" (exit 70)."""
    from reader.core.errors import FetchError

    with pytest.raises(FetchError) as err:
        load(site.url("/bad-location"))
    assert "redirect to http://[::1, which is not a valid address" in str(err.value)
    assert err.value.exit_code == 69


def test_headers_sent_a_little_at_a_time_are_given_up_at_the_deadline(site, monkeypatch):
    """An attacker's server sent its headers one every 1.5 s: no read timed out, and the
    reader waited 150 s where its deadline (six times the timeout) promised 12."""
    import time

    from reader.core.errors import FetchError

    monkeypatch.setenv("READER_FETCH_TIMEOUT", "0.5")
    started = time.monotonic()
    with pytest.raises(FetchError) as err:
        load(site.url("/slow-headers"))
    assert time.monotonic() - started < 6  # the deadline is 3 s; the server would go on for 18
    assert "did not finish answering in time" in str(err.value) and err.value.exit_code == 76


def test_an_address_with_a_password_is_refused_and_the_password_never_kept(tmp_path):
    """An attacker opened http://alice:s3cretpw@host/…: the password went, as typed, into the
    store, the snapshot and the Markdown export's outlet, and was never even sent. Such an
    address is refused with one line that does not repeat the password; nothing is fetched."""
    with Site() as site:
        url = site.serve_fixture(ARTICLE, "civil-v1.html").replace("http://", "http://alice:s3cretpw@")
        db = str(tmp_path / "s.json")
        for args in (("export", url, "mayor-rebuttal"), ("refresh", url)):  # refresh fetches by another road
            p = run_cli(*args, "--db", db)
            assert p.returncode == 64, (args, p.stderr)
            assert p.stderr.count("\n") == 1 and "user name or password" in p.stderr
            assert "s3cretpw" not in p.stderr and "alice" not in p.stderr and "127.0.0.1" in p.stderr
        assert not site.hits
    snapshots = Path(os.environ["READER_SNAPSHOTS"])
    assert not snapshots.exists() or not any("s3cretpw" in f.read_text(errors="replace")
                                             for f in snapshots.rglob("*") if f.is_file())


def test_a_redirect_that_only_adds_a_tracking_tag_is_no_loop():
    """An attacker's trial: /track redirected to /track?utm_source=x, which served the page;
    addresses compared without their tracking tags called it "redirect loop (1 steps, …)"."""
    with Site() as s:
        s.serve_fixture(ARTICLE, "civil-v1.html")
        doc = load(s.url("/track"))
        assert "Civil" in doc.title or doc.paragraph_count > 3
        assert s.hits[-2:] == ["/track", "/track?utm_source=x"]
