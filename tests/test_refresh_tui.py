"""Silent edits in the reader: R fetches the article again, shows what changed and which
annotations it touched, and Enter switches to the new version; V goes back to the old one."""

from reader.core.config import Config
from reader.core.services.workspace import Workspace, run_anchor_jobs
from reader.core.sources.articles import load_document
from reader.core.store.store import Store
from tests.sources_server import Site, fixture
from tests.test_snapshots_refresh import ARTICLE, QUOTES
from tests.test_tui import RecordingApp


async def test_refresh_key_shows_the_changes_and_switches_versions(db, tmp_path):
    with Site() as site:
        site.serve_fixture(ARTICLE, "civil-v1.html")
        url = site.url(ARTICLE)
        v1 = load_document(url)
        store = Store.open(db, write_behind=True)
        ws = Workspace(store, [v1, load_document("mayor-rebuttal")], defer_changed=True)
        for name in ("B", "D"):
            s = v1.text.index(QUOTES[name])
            ws.add_tag(v1, (s, s + len(QUOTES[name])), "claim")
        app = RecordingApp(ws, Config(), export_dir=str(tmp_path))
        site.serve(ARTICLE, fixture("civil-v2.html", site.base))  # the site edits it silently
        async with app.run_test(size=(140, 44)) as pilot:
            await pilot.press("R")
            await app.workers.wait_for_complete()
            await pilot.pause()
            screen = app.screen
            assert screen.__class__.__name__ == "ChangesScreen"
            body = str(screen.query_one("#changes-list Static").render())
            assert "reworded" in body and "added" in body and "removed" in body
            assert "{+citizen+}" in body and "[-man-]" in body  # a word diff, readable without colour
            assert "annotation changed" in body and "annotation orphaned" in body
            await pilot.press("enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            left = app.views[0]
            assert left.doc.meta["version"] == "2" and "Let every citizen make known" in left.doc.text
            quotes = {left.doc.text[h.start:h.end] for h in ws.highlights(left.doc)}
            assert "Let every citizen make known" in quotes  # re-anchored onto the reworded text
            _placed, orphans = ws.annotations_in_order(left.doc)
            assert len(orphans) == 1  # the removed passage: kept, listed as an orphan
            await pilot.press("V")  # the versions are read in a worker, off the event loop
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert app.screen.__class__.__name__ == "ChoiceList"
            await pilot.press("down", "enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert left.doc.meta["version"] == "1" and left.doc.text == v1.text
            assert len(ws.highlights(left.doc)) == 2
        store.close()


def test_markdown_export_shows_the_edits_of_the_version_shown(db, tmp_path):
    from reader.core.export.formats import render
    from reader.core.sources.refresh import refresh

    with Site() as site:
        site.serve_fixture(ARTICLE, "civil-v1.html")
        url = site.url(ARTICLE)
        v1 = load_document(url)
        store = Store.open(db)
        ws = Workspace(store, [v1, load_document("mayor-rebuttal")])
        s = v1.text.index(QUOTES["B"])
        ws.add_tag(v1, (s, s + len(QUOTES["B"])), "claim")
        site.serve(ARTICLE, fixture("civil-v2.html", site.base))
        v2 = refresh(url).new_doc
        ws.swap_document(v2)
        ws.apply_anchors(run_anchor_jobs(ws.pending_jobs()))
        out = render(ws, "md")
        store.close()
    assert "## Changes to \u201cResistance to Civil Government\u201d" in out
    assert "Let every ~~man~~ **citizen** make known" in out
    assert "changed: \u201cLet every man make known\u201d" in out
