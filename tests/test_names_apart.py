"""Two articles of one name are told apart everywhere: a PDF against the same text as a web
page read "alton-lincoln" on both sides of the link picker, as if linked inside one article."""

from __future__ import annotations

from pathlib import Path

from reader.core.services.workspace import Workspace
from reader.core.store.store import Store
from reader.core.text.document import Document, names_apart


def test_extensions_tell_a_pdf_from_a_page():
    got = names_apart(["/t/alton-lincoln.pdf", "http://127.0.0.1:8765/alton-lincoln.html"])
    assert got == {"/t/alton-lincoln.pdf": "alton-lincoln.pdf",
                   "http://127.0.0.1:8765/alton-lincoln.html": "alton-lincoln.html"}


def test_folders_tell_files_of_one_name_apart():
    got = names_apart(["/p/lochner/left.txt", "/p/hammer/left.txt", "/p/lochner/right.txt"])
    assert got == {"/p/lochner/left.txt": "left (lochner)", "/p/hammer/left.txt": "left (hammer)",
                   "/p/lochner/right.txt": "right"}


def test_names_that_differ_are_left_alone():
    assert names_apart(["ice-union-allegation", "mayor-rebuttal", "/a/Brutus.md"]) == {
        "ice-union-allegation": "ice-union-allegation", "mayor-rebuttal": "mayor-rebuttal", "/a/Brutus.md": "Brutus"}


def test_case_alone_is_a_clash():
    got = names_apart(["/a/Letter.txt", "/b/letter.md"])
    assert got == {"/a/Letter.txt": "Letter.txt", "/b/letter.md": "letter.md"}


def test_the_workspace_labels_the_pair_and_the_export_uses_it(tmp_path: Path):
    from reader.core.export.markdown import MarkdownOptions, render_markdown
    from reader.core.services.snapshot import freeze

    left = Document(key=str(tmp_path / "a" / "speech.txt"), text="One claim here. Another.")
    right = Document(key=str(tmp_path / "b" / "speech.txt"), text="One answer here. More.")
    store = Store.open(str(tmp_path / "db.json"), mode="write")
    try:
        ws = Workspace(store, [left, right])
        assert (left.name, right.name) == ("speech (a)", "speech (b)")
        ws.highlight(left, 0, 15, tags=["claim"])
        ws.link((right, (0, 16)), (left, (0, 15)), "rebuts")
        out = render_markdown(freeze(ws), MarkdownOptions())
        assert "speech (a)" in out and "speech (b)" in out
    finally:
        store.close()


async def test_the_reader_shows_both_names_in_headers_status_and_link_picker(tmp_path: Path):
    from tests.test_tui import header, make_app

    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    left = tmp_path / "a" / "speech.txt"
    right = tmp_path / "b" / "speech.md"
    left.write_text("The first speech makes a claim here. It goes on.\n")
    right.write_text("The answer denies the claim. It goes on too.\n")
    app = make_app(str(tmp_path / "db.json"), tmp_path, left=str(left), right=str(right))
    try:
        async with app.run_test(size=(120, 30)) as pilot:
            assert "speech.txt" in header(app, "left") and "speech.md" in header(app, "right")
            await pilot.press("l")
            assert app.reading.status.mode.startswith("LINK speech.txt \u00b61")
            await pilot.press("l")
            words = str(app.screen.query_one("#link-options").render())
            assert "speech.md \u00b61.1 rebuts speech.txt \u00b61.1" in words
    finally:
        app.workspace.store.close()



def test_a_file_name_is_not_read_as_an_address():
    got = names_apart(["/a/x%20y.txt", "/b/x%20y.md"])
    assert got == {"/a/x%20y.txt": "x%20y.txt", "/b/x%20y.md": "x%20y.md"}


def test_a_backslash_in_a_linux_file_name_is_part_of_the_name():
    """An attacker's trial: a file named "report\\final.txt" (one name on Linux) was shown as
    "final", as if the backslash parted folders. Windows paths and addresses still part there."""
    from reader.core.text.document import short_name

    assert short_name("/tmp/x/report\\final.txt") == "report\\final"
    assert short_name("C:\\Users\\me\\notes.txt") == "notes"
