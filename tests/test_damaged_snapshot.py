"""A damaged snapshot is named, never skipped in silence. An attacker truncated a page's kept
copy: with the site up, the reader fetched it again without a word; with the site down, it
said "cannot connect", and ``reader list`` showed the annotations as orphans."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.errors import ReaderError
from reader.core.sources import snapshots
from reader.core.sources.loader import load_document
from tests.sources_server import Site

PAGE = ("<html><head><title>The Reply</title></head><body><article><h1>The Reply</h1>"
        + "".join(f"<p>Paragraph {i} of the reply says something about the claim, at some length.</p>"
                  for i in range(12))
        + "</article></body></html>")


@pytest.fixture(autouse=True)
def snapshot_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("READER_SNAPSHOTS", str(tmp_path / "snapshots"))


def damage(key: str) -> Path:
    (path,) = [Path(p) for p in Path(snapshots.folder_for(key)).glob("v0001*.json")]
    path.chmod(0o600)
    path.write_bytes(path.read_bytes()[:200])
    return path


def test_site_up_fetched_again_and_said():
    with Site() as site:
        url = site.serve("/reply.html", PAGE)
        first = load_document(url)
        broken = damage(first.key)
        doc = load_document(url)
    assert "Paragraph 11" in doc.text
    assert doc.encoding_note == f"its kept copy was damaged ({broken.name}); the page was fetched again"


def test_site_down_names_the_damaged_copy():
    with Site() as site:
        url = site.serve("/reply.html", PAGE)
        first = load_document(url)
    broken = damage(first.key)
    with pytest.raises(ReaderError) as caught:
        load_document(url)
    assert str(broken) in str(caught.value) and "damaged" in str(caught.value)
    with pytest.raises(ReaderError) as offline:
        load_document(url, fetch=False)
    assert str(broken) in str(offline.value) and offline.value.exit_code == 65


def test_an_older_copy_shown_when_the_newest_is_damaged():
    with Site() as site:
        url = site.serve("/reply.html", PAGE)
        load_document(url)
        site.serve("/reply.html", PAGE.replace("Paragraph 3 ", "Paragraph three "))
        from reader.core.sources.loader import snapshot_url

        snap, new, _ = snapshot_url(url)
        assert new and snap.version == 2
    (v2,) = [Path(p) for p in Path(snapshots.folder_for(snap.key)).glob("v0002*.json")]
    v2.chmod(0o600)
    v2.write_text("{")
    doc = load_document(url)
    assert "Paragraph 3 " in doc.text  # version 1
    assert doc.encoding_note == f"its newest kept copy is damaged ({v2.name}); showing version 1"


@pytest.mark.parametrize("version", ["a", None, [1], -3, True])
def test_a_version_that_is_no_number_is_damage_not_a_crash(tmp_path, version):
    """An attacker's: a kept copy whose text passed its hash but whose "version" was "a",
    null or [1] made every command that opened the page exit 70, reader list included."""
    import json

    page = tmp_path / "page.html"
    page.write_text(PAGE)
    first = load_document(str(page))
    (path,) = [Path(p) for p in Path(snapshots.folder_for(first.key)).glob("v0001*.json")]
    path.chmod(0o600)
    data = json.loads(path.read_text())
    data["version"] = version
    path.write_text(json.dumps(data))
    assert snapshots._load(str(path)) is None
    assert "Paragraph 11" in load_document(str(page)).text  # the file is here: read again
