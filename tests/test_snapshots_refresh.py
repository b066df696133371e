"""Snapshots and silent edits: versions kept side by side, refresh, the diff, annotations.

The end-to-end flow: a local site serves version 1 of an article; it is opened and
annotated (targets anchored as the store anchors them); the site silently publishes an
edited version 2; ``refresh`` fetches it, keeps both versions, and says which paragraphs
were added, removed and reworded, and which annotations moved, changed or were orphaned.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import orjson
import pytest

from reader.core.errors import EX_USAGE, FetchError, FsError, ReaderError, UsageError
from tests.sources_server import Site, fixture

ARTICLE = "/essays/resistance-to-civil-government"
QUOTES = {
    "A": "That government is best which governs least",  # untouched paragraph
    "B": "Let every man make known",  # reworded: "man" -> "citizen"
    "C": "and that will be one step toward obtaining it",  # intact, in the reworded paragraph
    "D": "because they are physically the strongest",  # its paragraph was removed
    "E": "I think that we should be men first, and subjects afterward",  # after the removed one
}


@pytest.fixture(autouse=True)
def snapshot_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("READER_SNAPSHOTS", str(tmp_path / "snapshots"))
    monkeypatch.delenv("READER_FETCH_TIMEOUT", raising=False)
    for var in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"):
        monkeypatch.delenv(var, raising=False)
    return tmp_path / "snapshots"


@pytest.fixture
def site():
    with Site() as s:
        s.serve_fixture(ARTICLE, "civil-v1.html")
        yield s


def load(arg):
    from reader.core.sources.articles import load_document

    return load_document(arg)


def targets_in(doc) -> dict:
    from reader.core.anchors.selectors import describe

    out = {}
    for name, quote in QUOTES.items():
        s = doc.text.index(quote)
        out[name] = describe(doc, s, s + len(quote))
    return out


def publish_v2(site, canonical_path: str = ARTICLE) -> None:
    page = fixture("civil-v2.html", site.base).replace(
        f'{site.base}{ARTICLE}"'.encode(), f'{site.base}{canonical_path}"'.encode())
    site.serve(ARTICLE, page)


# --- the whole flow -----------------------------------------------------------------------------
def test_refresh_end_to_end(site, snapshot_dir, capsys):
    from reader.core.sources import snapshots
    from reader.core.sources.refresh import (
        ADDED,
        CHANGED,
        INTACT,
        ORPHANED,
        REMOVED,
        REWORDED,
        SHIFTED,
        UNCHANGED,
        annotation_effects,
        compare_versions,
        diff_markdown,
        refresh,
    )

    url = site.url(ARTICLE)
    v1 = load(url)
    targets = targets_in(v1)
    first_file = Path(v1.meta["snapshot"])
    first_bytes = first_file.read_bytes()

    # the site edits the article silently (and even moves its canonical URL)
    publish_v2(site, canonical_path=ARTICLE + "-updated")
    assert load(url).text == v1.text  # opening again does not fetch: still version 1

    result = refresh(url)
    assert result.changed
    assert result.old.version == 1 and result.new.version == 2
    assert result.key == v1.key == result.new_doc.key == result.old_doc.key  # annotations keep their article
    assert result.old_doc.text == v1.text
    assert "Let every citizen make known" in result.new_doc.text
    assert result.summary == "version 1 \u2192 2: 2 paragraphs reworded, 1 paragraph added, 1 paragraph removed"

    kinds = [(c.kind, c.old, c.new) for c in result.changes]
    assert kinds == [(REWORDED, 2, 2), (REWORDED, 4, 4), (REMOVED, 5, None), (ADDED, None, 6)]
    reworded = result.changes[1]
    assert ("removed", "man") in reworded.words and ("added", "citizen") in reworded.words
    assert result.changes[2].old_text.startswith("After all, the practical reason why")
    assert result.changes[3].new_text.startswith("Under a government which imprisons any unjustly")

    effects = {e.id: e for e in annotation_effects(result.old_doc, result.new_doc, targets, result.changes)}
    assert effects["A"].status == UNCHANGED and effects["A"].change is None
    assert effects["B"].status == CHANGED and effects["B"].new_quote == "Let every citizen make known"
    assert effects["B"].change == 1
    # its words and place intact in a paragraph reworded elsewhere: "moved" said a third user's
    # refresh, though nothing had moved
    assert effects["C"].status == INTACT and effects["C"].change == 1
    assert effects["D"].status == ORPHANED and effects["D"].change == 2 and effects["D"].new_span is None
    assert effects["E"].status == SHIFTED and effects["E"].new_span[0] < effects["E"].old_span[0]

    # both versions are kept, newest first; the first one untouched
    kept = snapshots.versions(v1.key)
    assert [s.version for s in kept] == [2, 1]
    assert first_file.read_bytes() == first_bytes
    assert not os.access(first_file, os.W_OK) or os.geteuid() == 0
    assert stat.S_IMODE(first_file.stat().st_mode) == 0o400
    assert Path(kept[0].raw_path).is_file() and kept[0].origin["raw_sha256"]

    # opening the URL now gives version 2, offline; both versions can be compared offline
    site.pages.clear()
    now = load(url)
    assert now.meta["version"] == "2" and now.key == v1.key
    again = compare_versions(url)
    assert [(c.kind, c.old, c.new) for c in again.changes] == kinds
    assert snapshots.version(v1.key, 1).document().text == v1.text

    md = diff_markdown(result, list(effects.values()))
    assert md.startswith("## Changes to \u201cResistance to Civil Government\u201d\n")
    assert "Let every ~~man~~ **citizen** make known" in md
    assert "### Paragraph 6 (old): removed" in md and "### Paragraph 7 (new): added" in md
    assert "- annotation orphaned: \u201cbecause they are physically the strongest\u201d" in md
    assert "- annotation changed: \u201cLet every man make known\u201d \u2192 \u201cLet every citizen make known\u201d" in md


def test_refresh_with_annotations_in_the_store(site, capsys):
    from reader.cli import main
    from reader.core.sources.refresh import refresh

    url = site.url(ARTICLE)
    assert main(["annotate", url, "--quote", QUOTES["D"], "--tag", "claim"]) == 0
    assert main(["annotate", url, "--quote", QUOTES["A"]]) == 0
    capsys.readouterr()
    publish_v2(site)
    assert refresh(url).changed
    assert main(["export", url, "mayor-rebuttal"]) == 0
    out, _err = capsys.readouterr()
    assert QUOTES["D"] in out  # kept, as an orphan: never deleted
    orphans = out.split("Orphan", 1)
    assert len(orphans) == 2 and QUOTES["D"] in orphans[1]


def test_refresh_unchanged_makes_no_new_version(site, snapshot_dir):
    from reader.core.sources.refresh import refresh

    url = site.url(ARTICLE)
    doc = load(url)
    result = refresh(url)
    assert not result.changed and result.changes == []
    assert result.new.version == 1 and result.old.path == result.new.path
    assert result.summary.startswith("unchanged since version 1")
    assert len(list(snapshot_dir.rglob("*.json"))) == 1
    assert result.new_doc.text == doc.text
    from reader.core.sources.refresh import diff_markdown

    said = diff_markdown(result)  # a new user read "Version 1 (…) and version 1 (…)"
    assert "Unchanged since version 1 (" in said and " and version " not in said


def test_refresh_that_fails_changes_nothing(site, snapshot_dir):
    from reader.core.sources.refresh import refresh

    url = site.url(ARTICLE)
    doc = load(url)
    before = sorted(p.name for p in snapshot_dir.rglob("*") if p.is_file())
    del site.pages[ARTICLE]  # now a 404
    with pytest.raises(FetchError, match="HTTP 404"):
        refresh(url)
    assert sorted(p.name for p in snapshot_dir.rglob("*") if p.is_file()) == before
    assert load(url).text == doc.text


def test_first_refresh_of_a_new_url_is_the_first_snapshot(site):
    from reader.core.sources.refresh import refresh

    result = refresh(site.url(ARTICLE))
    assert not result.changed and result.old is None and result.new.version == 1
    assert result.summary.startswith("first snapshot")


def test_refresh_cli_errors(tmp_path):
    from reader.core.sources.refresh import refresh

    txt = tmp_path / "a.txt"
    txt.write_text("Title\n\nSome text.\n")
    with pytest.raises(UsageError) as info:
        refresh(str(txt))
    assert info.value.exit_code == EX_USAGE and "read afresh" in str(info.value)
    with pytest.raises(UsageError, match="shipped article never changes"):
        refresh("mayor-rebuttal")


def test_refresh_of_a_saved_page_and_a_pdf(tmp_path):
    from reader.core.sources.refresh import REMOVED, refresh
    from tests.sources_server import article_pages, make_pdf
    from tests.test_sources_pdf import PARAGRAPHS, TITLE

    page = tmp_path / "saved.html"
    page.write_bytes(fixture("civil-v1.html", "https://aesthetic-papers.example"))
    load(str(page))
    page.write_bytes(fixture("civil-v2.html", "https://aesthetic-papers.example"))
    result = refresh(str(page))
    assert result.changed and result.count(REMOVED) == 1 and result.key == str(page.resolve())

    pdf = tmp_path / "essay.pdf"
    pdf.write_bytes(make_pdf(article_pages(TITLE, PARAGRAPHS)))
    load(str(pdf))
    pdf.write_bytes(make_pdf(article_pages(TITLE, PARAGRAPHS[:4] + PARAGRAPHS[5:])))
    result = refresh(str(pdf))
    assert [(c.kind, c.old) for c in result.changes] == [(REMOVED, 5)]


# --- snapshots ----------------------------------------------------------------------------------------
def test_default_folder_is_the_user_data_dir(site, monkeypatch, tmp_path):
    monkeypatch.delenv("READER_SNAPSHOTS")
    doc = load(site.url(ARTICLE))
    assert doc.meta["snapshot"].startswith(str(tmp_path / "xdg-data" / "reader" / "snapshots") + os.sep)


def test_a_failed_write_leaves_no_half_snapshot(site, snapshot_dir, monkeypatch):
    from reader.core import fs
    from reader.core.sources import snapshots

    real = fs.atomic_write_bytes

    def failing(path, data, **kw):
        if path.endswith(".json") and "aliases" not in path:
            raise FsError(f"cannot save {path}: the disk is full; nothing was changed", 74)
        return real(path, data, **kw)

    monkeypatch.setattr(snapshots, "atomic_write_bytes", failing)
    with pytest.raises(FsError) as info:
        load(site.url(ARTICLE))
    assert info.value.exit_code == 74
    assert not [p for p in snapshot_dir.rglob("*") if p.is_file()]


def test_a_tampered_snapshot_is_ignored(site):
    from reader.core.sources import snapshots

    doc = load(site.url(ARTICLE))
    path = Path(doc.meta["snapshot"])
    record = orjson.loads(path.read_bytes())
    record["text"] = record["text"].replace("least", "most")
    path.chmod(0o600)
    path.write_bytes(orjson.dumps(record))
    assert snapshots.latest(doc.key) is None
    with pytest.raises(ReaderError, match="not a readable snapshot"):
        snapshots.load_file(str(path))


def test_snapshot_record_holds_what_and_where_and_when(site):
    doc = load(site.url("/essays/resistance-to-civil-government?utm_source=feed"))
    record = orjson.loads(Path(doc.meta["snapshot"]).read_bytes())
    assert record["format"] == "reader-snapshot" and record["schema"] == 1
    assert record["key"] == doc.key and record["version"] == 1 and record["kind"] == "web"
    assert record["text"] == doc.text
    import hashlib

    assert record["text_sha256"] == hashlib.sha256(doc.text.encode()).hexdigest()
    assert record["origin"]["status"] == 200 and record["origin"]["content_type"] == "text/html"
    assert record["meta"]["url"] == doc.key
    assert record["source"].endswith("?utm_source=feed")


# --- comparing, unit ----------------------------------------------------------------------------------
def _doc(text: str):
    from reader.core.text.document import Document

    return Document(key="k", text=text)


def test_compare_moved_and_spacing():
    from reader.core.sources.refresh import MOVED, compare

    a = _doc("Title\n\nFirst paragraph here.\n\nSecond one here.\n\nThird one, last.\n")
    b = _doc("Title\n\nSecond one here.\n\nFirst   paragraph\nhere.\n\nThird one, last.\n")
    changes = compare(a, b)
    assert [(c.kind) for c in changes] == [MOVED]
    assert compare(a, _doc(a.text.replace("First paragraph", "First  paragraph"))) == []


def test_compare_rewrite_of_everything():
    from reader.core.sources.refresh import ADDED, REMOVED, compare

    a = _doc("One apple fell.\n\nTwo pears.\n")
    b = _doc("Completely new words.\n\nNothing alike at all.\n\nThird.\n")
    kinds = sorted(c.kind for c in compare(a, b))
    assert kinds == [ADDED, ADDED, ADDED, REMOVED, REMOVED]


def test_markdown_escapes_article_text(site):
    from reader.core.sources import snapshots
    from reader.core.sources.refresh import RefreshResult, compare, diff_markdown

    load(site.url(ARTICLE))
    snap = snapshots.latest(site.url(ARTICLE))
    old = _doc("Title\n\nA plain paragraph of words that will change a little.\n")
    new = _doc("Title\n\nA plain paragraph of words that will *change* a <b>little</b>.\n\n# not a heading\n")
    result = RefreshResult("k", "s", True, snap, snap, old, new, compare(old, new))
    md = diff_markdown(result)
    assert "\n# not a heading" not in md and "\\# not a heading" in md
    assert "<b>" not in md and "\\*change\\*" in md


def test_structure_of_disagreeing_blocks_falls_back():
    from reader.core.sources.snapshots import structure_of

    assert structure_of("A\n\nB\n", [("title", 1), ("body", 0)]) is not None
    assert structure_of("A\n\nB\n", [("title", 1)]) is None
    assert structure_of("A\n\nB\n", []) is None


def test_a_link_planted_in_the_snapshot_folder_is_replaced_not_written_through(tmp_path):
    """The snapshot folder is the reader's own: a symbolic link planted where a snapshot or an
    alias is about to be written must not aim the write at another file (a store, an article)."""
    from reader.core.sources import snapshots

    victim = tmp_path / "article.txt"
    victim.write_text("the user's article", encoding="utf-8")
    planted = tmp_path / "v0001.json"
    planted.symlink_to(victim)
    snapshots._write_once(str(planted), b"{}")
    assert victim.read_text(encoding="utf-8") == "the user's article"
    assert not planted.is_symlink() and planted.read_bytes() == b"{}"


def test_an_annotation_in_a_moved_paragraph_moved_and_one_beside_an_edit_is_intact():
    from reader.core.anchors.selectors import describe as make_target
    from reader.core.sources.refresh import INTACT, MOVED_ANN, annotation_effects, effect_words

    a = _doc("Title\n\nFirst paragraph here. It has two sentences.\n\nSecond one here.\n\nThird one, last.\n")
    b = _doc("Title\n\nSecond one here.\n\nFirst paragraph here. It has two sentences.\n\nThird one, the end.\n")
    from reader.core.sources.refresh import MOVED, compare

    moved = next(c for c in compare(a, b) if c.kind == MOVED)  # whichever of the two the diff moved
    first = a.text.find(moved.old_text)
    third = a.text.find("Third one")
    targets = {"moved": make_target(a, first, first + 6),
               "intact": make_target(a, third, third + len("Third one"))}
    effects = {e.id: e for e in annotation_effects(a, b, targets)}
    assert effects["moved"].status == MOVED_ANN
    assert effects["intact"].status == INTACT
    assert effect_words(INTACT) == "intact (its paragraph was edited elsewhere)"
