"""An attacker's fourth round (2026-12-07): each finding, as the attacker ran it."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.conftest import ROOT, run_cli


def _env(tmp_path, **more):
    return {"READER_DB": str(tmp_path / "s.json"), "HOME": str(tmp_path / "home"), **more}


def _article(tmp_path, name="left.txt"):
    path = tmp_path / name
    path.write_text("A title\n\nThis is the first claim. It is \u00e9t\u00e9.\n", encoding="utf-8")
    return path


def test_a_saved_annotation_whose_id_cannot_be_printed_says_it_is_saved(tmp_path):
    art = _article(tmp_path)
    with open("/dev/full", "w") as full:
        p = subprocess.run([sys.executable, "-m", "reader", "annotate", str(art), "--quote", "This is the first claim."],
                           stdout=full, stderr=subprocess.PIPE, text=True, env={**os.environ, **_env(tmp_path)},
                           cwd=str(ROOT))
    assert p.returncode == 74
    assert "is saved, but its id could not be written" in p.stderr and p.stderr.count("\n") == 1
    rows = json.loads(run_cli("list", "--json", env=_env(tmp_path)).stdout)
    assert [r["quote"] for r in rows] == ["This is the first claim."]


def test_a_terminal_that_is_not_utf8_gets_question_marks_not_an_internal_error(tmp_path):
    art = _article(tmp_path)
    assert run_cli("annotate", str(art), "--quote", "It is \u00e9t\u00e9.", "--note", "\u270e caf\u00e9",
                   env=_env(tmp_path)).returncode == 0
    for encoding in ("ascii", "latin-1", "cp1252"):
        for args in (["list"], ["list", "--json"], ["export", str(art), "mayor-rebuttal"]):
            p = subprocess.run([sys.executable, "-m", "reader", *args], capture_output=True, cwd=str(ROOT),
                               env={**os.environ, **_env(tmp_path, PYTHONIOENCODING=encoding)})
            assert p.returncode == 0, (encoding, args, p.stderr)
            assert b"internal error" not in p.stderr
            assert b"first claim" in p.stdout or b"It is" in p.stdout


def test_a_lone_surrogate_escaped_in_front_matter_is_a_replacement_character(tmp_path):
    fm = tmp_path / "fm.txt"
    fm.write_text('---\ntitle: "Report \\uD800 part"\nauthor: "\\udc80x"\n---\n\nBody sentence one here. Body two.\n')
    env = _env(tmp_path)
    assert run_cli("annotate", str(fm), "--quote", "Body sentence one here.", env=env).returncode == 0
    p = run_cli("export", str(fm), "mayor-rebuttal", env=env)
    assert p.returncode == 0 and "Report \ufffd part" in p.stdout


def test_a_config_nested_too_deep_is_a_config_error(tmp_path):
    from reader.core.config import load_config
    from reader.core.errors import ConfigError

    deep = tmp_path / "deep.toml"
    deep.write_text("[tags]\nx = " + "[" * 50000 + "]" * 50000 + "\n")
    try:
        load_config(str(deep))
    except ConfigError as exc:
        assert "nested too deep" in str(exc) and exc.exit_code == 78
    else:
        raise AssertionError("a config nested 50,000 deep was read")


def test_a_file_name_too_long_is_one_line_and_66(tmp_path):
    long_name = tmp_path / ("a" * 300 + ".txt")
    p = run_cli("annotate", str(long_name), "--quote", "x", env=_env(tmp_path))
    assert p.returncode == 66 and "the file name is too long" in p.stderr and p.stderr.count("\n") == 1


def test_two_file_names_that_are_not_utf8_stay_two_articles(tmp_path):
    """"doc\\xff.txt" and "doc\\xfe.txt" were one article in the store (both "doc\ufffd.txt")."""
    env = {**os.environ, **_env(tmp_path)}
    base = os.fsencode(str(tmp_path))
    names = {b"/doc\xff.txt": b"This is the first claim.", b"/doc\xfe.txt": b"No such policy exists."}
    for name, sentence in names.items():
        with open(base + name, "wb") as fh:
            fh.write(b"A title\n\n" + sentence + b"\n")
        p = subprocess.run([sys.executable, "-m", "reader", "annotate", base + name, "--quote", sentence],
                           capture_output=True, env=env, cwd=str(ROOT))
        assert p.returncode == 0, p.stderr
    rows = json.loads(subprocess.run([sys.executable, "-m", "reader", "list", "--json"], capture_output=True,
                                     env=env, cwd=str(ROOT)).stdout)
    assert len({r["article"] for r in rows}) == 2
    assert all(r["status"] == "anchored" for r in rows)  # each found again by its key
    for name in names:
        p = subprocess.run([sys.executable, "-m", "reader", "list", base + name, "--json"], capture_output=True,
                           env=env, cwd=str(ROOT))
        assert len(json.loads(p.stdout)) == 1


def test_a_links_relation_of_the_wrong_type_is_a_damaged_record_not_a_crash():
    from reader.core.store.records import valid_record

    good = {"id": "l1", "source": "a", "target": "b", "relation": "rebuts", "note": ""}
    assert valid_record("links", good)
    for bad in (["rebuts"], {"r": 1}, None, 3):
        assert not valid_record("links", {**good, "relation": bad})


def test_a_tag_with_a_hundred_thousand_attributes_is_read_at_once():
    """A 1 MB page whose one <p> had 100,000 attributes took two minutes (12 MB: never ended)."""
    from reader.core.sources.html import extract_html

    page = ("<html><body><p " + " ".join(f'a{i}="v"' for i in range(100_000)) + ">"
            + "Some paragraph text that is long enough. " * 30 + "</p></body></html>")
    ex = extract_html(page, name="attrs.html", file=True)
    assert ex.text.count("Some paragraph text") == 30


def test_a_missing_article_file_of_the_store_is_said(tmp_path):
    """A partial copy lost one article's file of the store: list and export dropped its
    annotations and called an answered claim "unanswered", saying nothing."""
    env = {**_env(tmp_path), "READER_DB": str(tmp_path / "db" / "store.json")}
    left, right = tmp_path / "left.txt", tmp_path / "right.txt"
    left.write_text("Left\n\nThis is the first claim.\n")
    right.write_text("Right\n\nNo such policy exists.\n")
    a = run_cli("annotate", str(left), "--quote", "This is the first claim.", "--tag", "claim", env=env).stdout.strip()
    b = run_cli("annotate", str(right), "--quote", "No such policy exists.", env=env).stdout.strip()
    assert run_cli("link", b, a, "--relation", "rebuts", env=env).returncode == 0
    shard = next(p for p in (tmp_path / "db" / "store.json.d").glob("a-*.json") if "No such policy" in p.read_text())
    shard.rename(tmp_path / shard.name)
    for args in (["list"], ["export", str(left), str(right)]):
        p = run_cli(*args, env=env)
        assert p.returncode == 0
        assert "1 record of the store left out and untouched" in p.stderr and "reader backups" in p.stderr
        assert "points at an annotation in no article file" in p.stderr
    (tmp_path / shard.name).rename(shard)  # put back: all of it is there again
    p = run_cli("list", env=env)
    assert "left out" not in p.stderr and p.stdout.count("\n") >= 4


def test_a_pipe_or_a_device_planted_as_a_draft_a_snapshot_or_a_backup_is_no_hang(tmp_path):
    """A FIFO as the drafts file hung the reader holding the store's lock; one linked to
    /dev/zero ran out of memory. The same for a kept snapshot and a file of a backup."""
    from reader.core.fs import NotRegular, read_regular
    from reader.core.services.drafts import Drafts

    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    zero = tmp_path / "zero"
    zero.symlink_to("/dev/zero")
    for planted in (fifo, zero):
        try:
            read_regular(str(planted), 1 << 20)
        except NotRegular:
            pass
        else:
            raise AssertionError(f"{planted} was read")
    big = tmp_path / "big"
    big.write_bytes(b"x" * 2048)
    try:
        read_regular(str(big), 1024)
    except NotRegular:
        pass
    else:
        raise AssertionError("a file over the cap was read")
    assert read_regular(str(big), 4096) == b"x" * 2048

    drafts = Drafts(str(tmp_path / "s.json"))
    os.makedirs(os.path.dirname(drafts.path), exist_ok=True)
    os.mkfifo(drafts.path)
    assert drafts._read() == {}  # at once: no drafts, not a hang

    # a kept snapshot that is a pipe: the page is read again from its file, not waited on
    env = {**_env(tmp_path), "READER_SNAPSHOTS": str(tmp_path / "snaps")}
    page = tmp_path / "page.html"
    page.write_text("<html><head><title>T</title></head><body><article><p>"
                    + "Long enough paragraph text for extraction by the library here. " * 6
                    + "</p></article></body></html>")
    assert run_cli("annotate", str(page), "--quote", "Long enough paragraph", "--occurrence", "1", env=env).returncode == 0
    (snap,) = (tmp_path / "snaps").rglob("v0001-*.json")
    snap.unlink()
    os.mkfifo(snap)
    p = run_cli("annotate", str(page), "--quote", "Long enough paragraph", "--occurrence", "2", env=env, timeout=30)
    assert p.returncode in (0, 65, 74) and "internal error" not in p.stderr


def test_a_pdf_whose_contents_inflate_to_gigabytes_is_refused_before_pdfium_reads_it():
    """A 1 MB PDF whose page contents inflated to 1 GB took 2 GB of memory, and with less
    PDFium aborted the reader with no word. (80 MB here: past the 64 MB bound.)"""
    from reader.core.errors import ArticleError
    from reader.core.sources.pdf import extract_pdf
    from tests.sources_server import make_pdf

    text = "Bomb page text here for the reader."
    try:
        extract_pdf(make_pdf([[(72, 700, 12, text + " " * (80 << 20))]]), "bomb.pdf")
    except ArticleError as exc:
        assert exc.exit_code == 65 and "expand to more than 64 MB" in str(exc)
    else:
        raise AssertionError("the bomb was read")
    # the same page, a normal size, reads
    assert "Bomb page text" in extract_pdf(make_pdf([[(72, 700, 12, text + " " * 1000)]]), "small.pdf").text


def test_an_image_that_inflates_far_is_no_bomb():
    """An image's stream is never inflated to read text: however large, it is left alone."""
    import zlib

    from reader.core.sources.pdf_inflation import check_inflation

    blank = zlib.compress(b"\xff" * (100 << 20), 9)
    image = b"6 0 obj\n<< /Type /XObject /Subtype /Image /Width 10000 /Height 10000 /Filter /FlateDecode >>\nstream\n"
    check_inflation(b"%PDF-1.4\n" + image + blank + b"\nendstream\nendobj\n", "scan.pdf")


def test_a_regular_file_whose_read_would_wait_is_no_hang():
    """/proc/kmsg passes as a regular file, but its read waits: the shared reader says so."""
    import pytest

    from reader.core.fs import read_regular

    if not os.access("/proc/kmsg", os.R_OK):
        pytest.skip("needs /proc/kmsg readable (root on Linux)")
    with pytest.raises(BlockingIOError):
        read_regular("/proc/kmsg", 1 << 20)
