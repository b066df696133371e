"""SVG snapshots of the main screens (pytest-textual-snapshot)."""

from tests.test_tui import make_app


def snap(snap_compare, app, **kwargs) -> bool:
    try:
        return snap_compare(app, **kwargs)
    finally:
        app.workspace.store.close()


def test_main_screen(snap_compare, db, tmp_path):
    assert snap(snap_compare, make_app(db, tmp_path), terminal_size=(160, 48))


def test_main_screen_80x24_with_highlights_and_link(snap_compare, db, tmp_path):
    app = make_app(db, tmp_path)
    ws = app.workspace
    union, mayor = ws.docs
    claim = union.sentence_at(union.text.find("Members of the union"))[2]
    ws.add_tag(union, claim, "claim")
    ws.add_tag(union, claim, "allegation")
    deny = mayor.sentence_at(mayor.text.find("Portland Mayor Ted Wheeler today"))[2]
    ws.link((mayor, deny), (union, claim), "rebuts")
    ws.store.flush()  # saved before the app starts (see test_dispute_map)
    assert snap(snap_compare, app, terminal_size=(80, 24), press=["J", "J", "J", "J"])


def test_help_screen(snap_compare, db, tmp_path):
    assert snap(snap_compare, make_app(db, tmp_path), terminal_size=(120, 48), press=["question_mark"])


def test_dispute_map(snap_compare, db, tmp_path):
    app = make_app(db, tmp_path)
    ws = app.workspace
    union, mayor = ws.docs
    for quote in ("Your current policy forbidding", "Your policy has created a zone"):
        ws.add_tag(union, union.sentence_at(union.text.find(quote))[2], "claim")
    ws.link((mayor, mayor.sentence_at(mayor.text.find("No such policy"))[2]),
            (union, union.sentence_at(union.text.find("Your current policy forbidding"))[2]), "rebuts")
    ws.store.flush()  # saved before the app starts: the status line's "saved" came and went with the writer's timing

    async def open_map(pilot):
        await pilot.press("D")
        await pilot.app.workers.wait_for_complete()  # the map is built in a worker
        await pilot.pause()

    assert snap(snap_compare, app, terminal_size=(120, 36), run_before=open_map)


def test_annotations_panel(snap_compare, db, tmp_path):
    """The side panel: its list, the highlighted annotation's detail (with a link), all above
    the status line."""
    app = make_app(db, tmp_path)
    ws = app.workspace
    union, mayor = ws.docs
    claim = union.sentence_at(union.text.find("Members of the union"))[2]
    ann = ws.add_tag(union, claim, "claim")
    ws.set_note(ann["id"], "the [calls] at issue")  # markup-like text stays as typed
    deny = mayor.sentence_at(mayor.text.find("Portland Mayor Ted Wheeler today"))[2]
    ws.link((mayor, deny), (union, claim), "rebuts")
    ws.store.flush()  # saved before the app starts (see test_dispute_map)
    assert snap(snap_compare, app, terminal_size=(120, 36), press=["a", "tab", "down"])
