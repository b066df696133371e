"""Decoding untrusted files and opening articles, with clear errors."""

import os

import pytest

from reader.core.errors import ArticleError
from reader.core.sources.articles import load_document


def write(tmp_path, name, data: bytes):
    p = tmp_path / name
    p.write_bytes(data)
    return str(p)


@pytest.mark.parametrize("data,note", [
    ("Title\n\nCaf\u00e9 \u201cquoted\u201d".encode("cp1252"), "Windows-1252"),
    ("Title\n\nna\u00efve".encode("latin-1"), "Windows-1252"),
    (b"\xef\xbb\xbfTitle\r\n\r\nBody text.\r\n", None),
    ("Title\n\nUTF-16 body.".encode("utf-16"), "UTF-16"),
])
def test_decodes_sensibly(tmp_path, data, note):
    d = load_document(write(tmp_path, "a.txt", data))
    assert "\r" not in d.text and not d.text.startswith("\ufeff")
    assert (note is None and d.encoding_note is None) or note in d.encoding_note


WIDE = "Title\n\nCaf\u00e9, na\u00efve \u201cquoted\u201d \u2014 and \u65e5\u672c too.\n\nA second paragraph.\n"


@pytest.mark.parametrize("codec,note", [
    ("utf-16-le", "UTF-16LE (no byte-order mark)"),
    ("utf-16-be", "UTF-16BE (no byte-order mark)"),
    ("utf-32", "UTF-32"),
    ("utf-32-le", "UTF-32LE (no byte-order mark)"),
    ("utf-32-be", "UTF-32BE (no byte-order mark)"),
])
def test_wide_encodings_with_or_without_a_byte_order_mark(tmp_path, codec, note):
    """Found by an attacker's trial: UTF-16 without a BOM was refused as binary, and UTF-32
    with a BOM was read as UTF-16 (a NUL between every letter)."""
    d = load_document(write(tmp_path, "w.txt", WIDE.encode(codec)))
    assert d.text == WIDE.rstrip("\n") or d.text.rstrip("\n") == WIDE.rstrip("\n")
    assert d.encoding_note is not None and note in d.encoding_note


@pytest.mark.parametrize("data,message", [
    (b"", "empty"),
    (b"   \n\n  ", "empty"),
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10, "binary"),
    (bytes(range(32)) * 100, "binary"),
])
def test_refuses_bad_files(tmp_path, data, message):
    with pytest.raises(ArticleError, match=message):
        load_document(write(tmp_path, "bad.txt", data))


def test_missing_directory_fifo_symlink(tmp_path):
    with pytest.raises(ArticleError, match="no such file"):
        load_document(str(tmp_path / "nope.txt"))
    with pytest.raises(ArticleError, match="directory"):
        load_document(str(tmp_path))
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    with pytest.raises(ArticleError, match="not a regular file"):
        load_document(str(fifo))
    link = tmp_path / "link.txt"
    link.symlink_to(tmp_path / "gone.txt")
    with pytest.raises(ArticleError, match="broken symbolic link"):
        load_document(str(link))


def test_unreadable(tmp_path):
    p = write(tmp_path, "secret.txt", b"Title\n\nText.")
    os.chmod(p, 0)
    try:
        if os.access(p, os.R_OK):
            pytest.skip("running as a user who can read anything (root)")
        with pytest.raises(ArticleError, match="permission denied"):
            load_document(p)
    finally:
        os.chmod(p, 0o600)


def test_nul_bytes_and_wide_text_open(tmp_path):
    d = load_document(write(tmp_path, "w.txt", "Title\n\nA\x00B. \u4e2d\u6587\u5b57. e\u0301 \U0001f600 \u05e9\u05dc\u05d5\u05dd.".encode()))
    assert "\x00" in d.text
    assert d.paragraph_count == 2


def test_front_matter_and_shipped_names():
    d = load_document("mayor-rebuttal")
    assert d.meta["outlet"] == "Willamette Week"
    assert not d.text.startswith("---")
    assert d.key == "mayor-rebuttal"
    assert load_document("mayor-rebuttal.txt").key == "mayor-rebuttal"


def test_a_character_reference_to_a_control_character_does_not_empty_the_page():
    """An attacker's page: one "&#27;" (or &#x1B;, &#7;, &#12;) in a <pre> made lxml drop the
    whole text ("not an article"). It is shown as its visible stand-in, as a raw ESC is."""
    from reader.core.sources.html import extract_html

    body = " ".join(["The shell prints colours with escape sequences, as the manual explains."] * 8)
    for ref in ("&#27;", "&#x1B;", "&#x1b", "&#7;", "&#12;", "&#155;"):
        page = (f"<html><head><title>Colours</title></head><body><article><h1>Colours</h1><p>{body}</p>"
                f"<p>To print red text, type printf '{ref}[31mred{ref}[0m' and press Enter; "
                f"that is all there is to it, and the rest of the line is plain.</p></article></body></html>")
        text = extract_html(page, name="esc.html", file=True).text
        assert "To print red text" in text, ref
        assert not any((ord(c) < 32 and c not in "\n") or 0x7F <= ord(c) < 0xA0 for c in text), ref
    assert "\u241b[31m" in extract_html(page.replace("&#155;", "&#27;"), file=True).text


def test_json_outputs_never_carry_a_raw_direction_override(tmp_path):
    """An attacker's note with U+202E reached stdout raw through `list --json` and the W3C
    export. JSON now writes it as an escape: the same data, nothing a terminal obeys."""
    import json

    from reader.core.text.safety import json_inert
    from tests.conftest import run_cli

    assert json_inert('{"a": "x\u202ey\x85"}') == '{"a": "x\\u202ey\\u0085"}'
    assert json.loads(json_inert(json.dumps({"a": "x\u202ey\u2066\x9b"}, ensure_ascii=False))) == {
        "a": "x\u202ey\u2066\x9b"}
    db = str(tmp_path / "s.json")
    note = "ok \u202egnirts desrever\u202c end"
    p = run_cli("annotate", "mayor-rebuttal", "--quote", "No such policy exists", "--note", note, "--db", db)
    assert p.returncode == 0, p.stderr
    for args in (("list", "--json"), ("export", "--format", "w3c", "-o", "-")):
        out = run_cli(*args, "--db", db).stdout
        assert "\u202e" not in out and "\u202c" not in out and "\\u202e" in out, args
        assert note in json.dumps(json.loads(out), ensure_ascii=False)


def test_a_copied_quotation_is_as_inert_as_the_screen():
    """An attacker: y on a selection put the article's raw ESC, OSC and C1 sequences into
    tmux's paste buffer and on to the clipboard, where a paste would act on them."""
    from reader.core.services.citation import citation
    from reader.core.text.document import Document

    doc = Document(key="hostile", text="Plain words \x1b]52;c;ZXZpbA==\x07 then \x1b[2J and \x9b31m and \u202eevil.")
    quoted = citation(doc, doc.sentences(0)[0])
    assert not any(c in quoted for c in "\x1b\x07\x9b\u202e")
    assert "\u241b]52;c;ZXZpbA==" in quoted and quoted.endswith("\n")


def test_an_import_with_many_tags_keeps_each_once_and_says_a_long_one_briefly(tmp_path):
    """An attacker: one item with 40,000 tags took 10 s (each checked against a list), and a
    1 MB tag not kept as written made a 1 MB line on stderr."""
    import json

    from tests.conftest import run_cli

    tags = [f"tag{i % 5000}" for i in range(20000)] + ["x" * 200_000 + " y"]
    item = {"type": "Annotation",
            "body": [{"type": "TextualBody", "purpose": "tagging", "value": t} for t in tags],
            "target": {"source": "urn:reader:article:ice-union-allegation",
                       "selector": [{"type": "TextQuoteSelector", "exact": "Portland"}]}}
    path = tmp_path / "many-tags.json"
    path.write_text(json.dumps([item]), encoding="utf-8")
    p = run_cli("import", str(path), "--db", str(tmp_path / "s.json"))
    assert p.returncode == 0, p.stderr[:300]
    assert len(p.stderr) < 1000 and "characters)" in p.stderr
    (row,) = json.loads(run_cli("list", "--json", "--db", str(tmp_path / "s.json")).stdout)
    assert len(row["tags"]) == 5001 and row["tags"][:2] == ["tag0", "tag1"]
