"""Opening a pair reads the far end of a link into an article that is not open by the
passages it names, not by the whole file. A scale trial: one link from a light pair into
an article of 35,000 annotations made the light pair take 1.5 s and 183 MB to open,
against 0.7 s and 58 MB without it."""

from __future__ import annotations

import os

from reader.core.store import files
from reader.core.store.store import Store


def target(doc):
    return {"source": doc, "fingerprint": "", "selector": []}


def library(db: str) -> dict[str, str]:
    s = Store.open(db)
    a = s.add_annotation("A", target("A"), ["claim"])
    b = s.add_annotation("B", target("B"))
    far = [s.add_annotation("HEAVY", target("HEAVY"), [f"t{i}"], f"note {i}") for i in range(300)]
    s.add_link(b["id"], a["id"], "rebuts")
    s.add_link(far[150]["id"], a["id"], "supports", "from afar")
    s.close()
    return {"a": a["id"], "b": b["id"], "far": far[150]["id"], "other_far": far[7]["id"]}


def test_the_far_end_is_read_alone(db):
    ids = library(db)
    s = Store.open(db, mode="read")
    s.load_articles(["A", "B"])
    assert files.annotation_file("HEAVY") not in s._files
    far = s.annotation(ids["far"])
    assert far is not None and far["note"] == "note 150" and far["tags"] == ["t150"]
    assert s.annotation(ids["other_far"]) is None  # not read
    assert {lk["relation"] for lk in s.links_of(ids["a"])} == {"rebuts", "supports"}
    assert not s.skipped
    assert len(s.annotations_of("HEAVY")) == 300 and not s.skipped  # asked for: read whole, no duplicates
    s.close()


def test_changing_a_far_end_reads_its_file_first_and_saves_it_whole(db):
    ids = library(db)
    s = Store.open(db)
    s.load_articles(["A", "B"])
    s.update_annotation(ids["far"], note="changed from the pair")
    s.close()
    s = Store.open(db, mode="read")
    anns = s.annotations_of("HEAVY")
    assert len(anns) == 300 and not s.skipped
    assert s.annotation(ids["far"])["note"] == "changed from the pair"
    s.close()


def test_deleting_the_near_end_removes_the_link_and_leaves_the_far_file(db):
    ids = library(db)
    heavy = os.path.join(files.shard_folder(os.path.realpath(db)), files.annotation_file("HEAVY"))
    before = open(heavy, "rb").read()
    s = Store.open(db)
    s.load_articles(["A", "B"])
    s.delete_annotation(ids["a"])
    s.close()
    assert open(heavy, "rb").read() == before
    s = Store.open(db, mode="read")
    assert s.links() == [] and len(s.annotations_of("HEAVY")) == 300 and not s.skipped
    s.close()


def test_a_far_end_missing_from_its_file_falls_back_to_reading_it_whole(db):
    ids = library(db)
    heavy = os.path.join(files.shard_folder(os.path.realpath(db)), files.annotation_file("HEAVY"))
    raw = open(heavy, "rb").read().replace(ids["far"].encode(), b"00000000-gone-gone-gone-000000000000")
    open(heavy, "wb").write(raw)
    s = Store.open(db, mode="read")
    s.load_articles(["A", "B"])
    assert files.annotation_file("HEAVY") in s._files  # read whole to be sure
    assert [lk["relation"] for lk in s.links_of(ids["a"])] == ["rebuts"]  # the dangling one dropped
    assert any("points at an annotation in no article file" in x for x in s.skipped)
    s.close()


def test_a_workspace_names_the_far_end(db, tmp_path):
    from reader.core.services.workspace import Workspace
    from reader.core.text.document import Document

    left = Document(key="A", text="A claim is made here. More.")
    right = Document(key="B", text="An answer is given. More.")
    s = Store.open(db)
    a = s.add_annotation("A", {"source": "A", "fingerprint": "",
                              "selector": [{"type": "TextQuoteSelector", "exact": "A claim is made here."}]})
    far = s.add_annotation("/elsewhere/heavy.txt", target("/elsewhere/heavy.txt"), [], "far note")
    for i in range(50):
        s.add_annotation("/elsewhere/heavy.txt", target("/elsewhere/heavy.txt"), [f"t{i}"])
    s.add_link(far["id"], a["id"], "rebuts")
    s.close()
    s = Store.open(db)
    try:
        ws = Workspace(s, [left, right])
        partners = ws.partners(a["id"])
        assert [(p.verb, p.other["id"]) for p in partners] == [("rebutted by", far["id"])]
        assert files.annotation_file("/elsewhere/heavy.txt") not in s._files
    finally:
        s.close()


async def test_the_panel_names_a_far_article_by_its_short_name(db, tmp_path):
    """It showed the far article's whole path: "✕ rebuts /tmp/…/lib/heav…"."""
    from tests.test_tui import make_app

    app = make_app(db, tmp_path)
    ws = app.workspace
    union = ws.docs[0]
    claim = union.sentence_at(union.text.find("Your current policy forbidding"))[2]
    mine = ws.highlight(union, *claim, tags=["claim"])
    far = ws.store.add_annotation("/elsewhere/lib/heavy-right.txt", target("/elsewhere/lib/heavy-right.txt"))
    ws.store.add_link(far["id"], mine["id"], "rebuts")
    try:
        async with app.run_test(size=(160, 48)) as pilot:
            await pilot.press("a")
            await pilot.pause()
            panel = app.reading._panel("annotations")
            (row,) = panel.query_one("#ann-list").items
            lines = [str(t) for t in panel._render_row(row, 80)]
            assert "\u2715 rebutted by heavy-right" in lines[1] and "/elsewhere" not in lines[1]
    finally:
        ws.store.close()
