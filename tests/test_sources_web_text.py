"""Plain text and Markdown served as such (text/plain, text/markdown) open like the same file.

Court opinions and Gutenberg books are often served as text/plain; a new user's
``reader suggest http://…/freeport-douglas.txt …`` was refused with "the address gives
text/plain, not a web page (HTML) or a PDF" (69).
"""

from __future__ import annotations

import pytest

from reader.core.sources.loader import load_document
from tests.sources_server import Site

SPEECH = ("Mr. Lincoln's Reply\n\n"
          "My fellow-citizens: When a man hears himself somewhat misrepresented, it provokes him. "
          "I shall answer the questions put to me. [Laughter.]\n\n"
          "I do not now, nor ever did, stand in favor of the unconditional repeal of the Fugitive Slave law.\n")


@pytest.fixture(autouse=True)
def snapshots(tmp_path, monkeypatch):
    monkeypatch.setenv("READER_SNAPSHOTS", str(tmp_path / "snapshots"))


def test_text_plain_reads_as_a_text_file(tmp_path):
    local = tmp_path / "reply.txt"
    local.write_text(SPEECH)
    with Site() as site:
        url = site.serve("/debates/freeport-lincoln.txt", SPEECH, "text/plain; charset=utf-8")
        doc = load_document(url)
    file_doc = load_document(str(local))
    assert doc.text == file_doc.text
    assert [doc.sentences(p) for p in range(doc.paragraph_count)] == \
        [file_doc.sentences(p) for p in range(file_doc.paragraph_count)]
    assert doc.title == "Mr. Lincoln's Reply" and doc.name == "freeport-lincoln"
    assert doc.meta["outlet"] == "127.0.0.1"


def test_the_servers_charset_is_used():
    body = "Caf\u00e9 society met. They argued all night.\n".encode("latin-1")
    with Site() as site:
        doc = load_document(site.serve("/latin.txt", body, "text/plain; charset=iso-8859-1"))
    assert doc.text.startswith("Caf\u00e9 society")


def test_markdown_by_type_or_by_address():
    src = "# The Reply\n\nIt is **not** so. The charge is *false*.\n\n- one point\n- another\n"
    with Site() as site:
        typed = load_document(site.serve("/reply", src, "text/markdown; charset=utf-8"))
        by_name = load_document(site.serve("/notes/reply.md", src, "text/plain; charset=utf-8"))
    for doc in (typed, by_name):
        assert "**" not in doc.text and "# " not in doc.text
        assert doc.title == "The Reply"
        assert "\u2022 one point" in doc.text


def test_a_binary_body_sent_as_text_is_refused(capsys):
    from reader.cli import main

    with Site() as site:
        url = site.serve("/blob.txt", bytes(range(256)) * 40, "text/plain")
        rc = main(["export", url, "mayor-rebuttal"])
    err = capsys.readouterr().err
    assert rc != 0 and "Traceback" not in err and len(err.strip().splitlines()) == 1, err


def test_other_types_are_still_refused(capsys):
    from reader.cli import main

    with Site() as site:
        url = site.serve("/data.json", '{"a": 1}', "application/json")
        rc = main(["export", url, "mayor-rebuttal"])
    err = capsys.readouterr().err
    assert rc == 69 and "application/json" in err and "a PDF or text" in err
