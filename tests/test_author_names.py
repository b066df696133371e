"""Authors from a page's metadata: names only. Real values trafilatura gave on saved pages a
trial read (LWN's weekly edition, an Internet-Draft, gmw.cn, a German blog, court listings)."""

from __future__ import annotations

import pytest

from reader.core.sources.author_names import clean_author


@pytest.mark.parametrize(("given", "shown"), [
    ("Nathan Willis March", "Nathan Willis"),  # the byline's date run into the name
    ("作者", ""),  # the label "Author", its name outside the tag
    ("Autor john", "john"),
    ("Author Judge Fred Gore", "Judge Fred Gore"),
    ("Rfcmarkup Version; Kooman; F; Jong; Michiel de", "Kooman; F; Jong; Michiel de"),  # the program that made it
    ("By Jane Doe", "Jane Doe"),
    ("N. J. Bowers", "N. J. Bowers"),
    ("Tom Byrne; Mary March", "Tom Byrne; Mary March"),  # a two-word name ending in a month stays
    ("Authority Press", "Authority Press"),
    ("文天祥", "文天祥"),
    ("localuser", ""), ("admin", ""), ("Zvi.Muskal", ""), ("W:CAR:MP:FP", ""), ("A9Rmahfa4_1laaz8q_bg", ""),
    ("\x1b]52;c;cHduZWQ=\x07", ""),  # an attacker's PDF: an escape sequence, not cut into "c; cHduZWQ="
])
def test_an_author_is_a_name(given, shown):
    assert clean_author(given) == shown


def test_a_saved_pages_author_is_cleaned(tmp_path, monkeypatch):
    from reader.core.sources.loader import load_document

    monkeypatch.setenv("READER_SNAPSHOTS", str(tmp_path / "snapshots"))
    page = tmp_path / "edition.html"
    body = "".join(f"<p>The project was announced with great fanfare in September {2000 + i}, and work went on.</p>"
                   for i in range(12))
    page.write_text(f'<html><head><title>A weekly edition</title><meta name="author" content="Nathan Willis March">'
                    f'</head><body><article><h1>A weekly edition</h1>{body}</article></body></html>', encoding="utf-8")
    assert load_document(str(page)).meta.get("author") == "Nathan Willis"
