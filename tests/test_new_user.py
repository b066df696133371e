"""Issue 9: what a new user met, one test per defect (pilot tests; the CLI ones in subprocesses)."""

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import run_cli
from tests.test_tui import make_app, text_of


async def test_select_back_then_escape_puts_the_cursor_where_the_head_is(db, tmp_path):
    app = make_app(db, tmp_path)
    async with app.run_test(size=(160, 48)) as pilot:
        left = app.views[0]
        await pilot.press("J", "J", "J", "J")
        start = left.cursor
        await pilot.press("v", "k", "escape")
        assert left.selection is None
        assert left.cursor == left.doc.next_sentence(start[0], -1)  # the sentence the head reached, not one before
    app.workspace.store.close()


async def test_word_then_back_never_makes_an_empty_selection(db, tmp_path):
    app = make_app(db, tmp_path)
    async with app.run_test(size=(160, 48)) as pilot:
        left = app.views[0]
        await pilot.press("J", "J", "J", "v", "w", "k", "k")
        s, e = left.selection.span
        assert e > s and left.doc.text[s:e].strip()
        assert app.reading.status.mode == "SELECT"
    app.workspace.store.close()


async def test_word_extend_takes_the_closing_quote(db, tmp_path):
    app = make_app(db, tmp_path)
    async with app.run_test(size=(160, 48)) as pilot:
        right = app.views[1]
        await pilot.press("tab", "slash", *"No such policy", "enter", "escape")
        await pilot.press("k", "j")  # away and back: v takes the sentence, not the words found
        await pilot.press("v", "b", "b")  # shrink by words: the quote's closing mark stays with its word
        assert text_of(right, right.selection.span) == '"No such policy exists,"'
        await pilot.press("w")
        assert text_of(right, right.selection.span) == '"No such policy exists," Wheeler'
    app.workspace.store.close()


async def test_highlighting_twice_says_so(db, tmp_path):
    app = make_app(db, tmp_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("j", "h", "h")
        assert app.messages[-2:] == ["Highlighted.", "Already highlighted."]
        assert len(app.workspace.highlights(app.views[0].doc)) == 1
    app.workspace.store.close()


async def test_focused_pane_is_shown_and_l_says_where_focus_went(db, tmp_path):
    app = make_app(db, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        left_header = app.reading.query_one("#left-header")
        right_header = app.reading.query_one("#right-header")
        assert left_header.has_class("-focused") and not right_header.has_class("-focused")
        await pilot.press("tab")
        assert right_header.has_class("-focused") and not left_header.has_class("-focused")
        assert app.reading.status.pane.startswith("right:")
        await pilot.press("l")  # marks here, moves to the other pane, and says so
        assert app.focused is app.views[0] and left_header.has_class("-focused")
        assert "on its answer" in app.reading.status.message and app.reading.context == "link"
        assert app.reading.status.mode.startswith("LINK mayor-rebuttal \u00b6")  # the marked passage, named
        await pilot.press("tab", "slash", *"Wheeler", "enter", "escape", "tab")  # away and back: the link stays
        assert app.reading.link_draft is not None
    app.workspace.store.close()


async def test_export_dialog_tab_order_only_reaches_visible_fields(db, tmp_path):
    app = make_app(db, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        seen = set()
        for _ in range(12):
            await pilot.press("tab")
            focused = app.focused
            assert focused is not None and focused.id and focused.id.startswith(("export-", "fmt-")), focused
            assert focused.region.area > 0  # something on screen has focus
            seen.add(focused.id)
        assert {"export-path", "export-tags", "export-go"} <= seen
        from textual.widgets import Input

        assert all(i.styles.border_top[0] for i in app.screen.query(Input))  # fields have borders
        labels = [str(b.render()) for b in app.screen.query("FormatButton")]
        assert sum("(\u2022)" in x for x in labels) == 1 and sum("( )" in x for x in labels) == 2
    app.workspace.store.close()


async def test_ctrl_c_says_how_to_quit_in_plain_words(db, tmp_path):
    app = make_app(db, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert any("Press q to quit" in m for m in app.messages)
        assert not any("[b]" in m for m in app.messages)
    app.workspace.store.close()


async def test_annotations_filter_is_forgotten_on_close_and_empty_results_say_so(db, tmp_path):
    app = make_app(db, tmp_path)
    ws = app.workspace
    d = ws.docs[0]
    for quote, tag in (("Members of the union", "claim"), ("A protest camp blockaded", "evidence")):
        ws.add_tag(d, d.sentence_at(d.text.find(quote))[2], tag)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"zebra")
        await pilot.pause()
        lst = app.reading.query_one("#ann-list")
        assert not lst.items and "Nothing matches" in lst.empty
        assert "0 shown" in str(app.reading.query_one("#ann-title").render())
        await pilot.press("escape", "a")
        await pilot.pause()
        assert len(lst.items) == 2 and "shown" not in str(app.reading.query_one("#ann-title").render())
    ws.store.close()


async def test_gutter_marks_several_relations_and_notes(db, tmp_path):
    app = make_app(db, tmp_path)
    ws = app.workspace
    union, mayor = ws.docs
    claim = union.sentence_at(union.text.find("Your current policy forbidding"))[2]
    ws.link((mayor, mayor.sentence_at(mayor.text.find("No such policy"))[2]), (union, claim), "rebuts")
    ws.link((mayor, mayor.sentence_at(mayor.text.find("Portland Mayor Ted Wheeler today"))[2]), (union, claim), "answers")
    ws.set_note(ws.highlight_at(union, *claim).id, "the charge")
    async with app.run_test(size=(160, 48)) as pilot:
        left = app.views[0]
        left.move_to(claim, centre=True)
        await pilot.pause()
        row = left.layout_.row_of(claim[0]) - left.scroll_offset.y
        gutter = "".join(seg.text for seg in left.render_line(row))[-3:]
        assert gutter == "\u258c\u270e*"  # highlight, note, links of several relations
    ws.store.close()


async def test_undoing_a_rejection_brings_the_suggestion_back_and_the_count_follows(db, tmp_path):
    app = make_app(db, tmp_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("S")
        await app.workers.wait_for_complete()
        await pilot.pause()
        panel = app.reading.query_one("#suggestions")
        n = len(panel.suggestions)
        await pilot.press("x")
        await pilot.pause()
        assert len(panel.suggestions) == n - 1 and f"\u00b7 {n - 1}" in str(app.reading.query_one("#suggestions-title").render())
        await pilot.press("u")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(panel.suggestions) == n and f"\u00b7 {n}" in str(app.reading.query_one("#suggestions-title").render())
    app.workspace.store.close()


# --- the command line ---------------------------------------------------------------------------------
MARKUPISH = st.lists(st.sampled_from([*"[]/\\@=:bold link reder ", "[/i]", "[b]", "[/bold]", "[link=x]", "\\["]),
                     min_size=1, max_size=12).map("".join).filter(lambda s: s.strip())


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(note=MARKUPISH)
def test_list_prints_notes_as_typed(tmp_path_factory, note):
    db = str(tmp_path_factory.mktemp("s") / "s.json")
    a = run_cli("annotate", "mayor-rebuttal", "--quote", "We will respond to [calls] for assistance", "--note", note,
                "--db", db)
    assert a.returncode == 0, a.stderr
    table = run_cli("list", "--db", db, env={"COLUMNS": "200"})
    assert table.returncode == 0 and "Traceback" not in table.stderr
    assert "[calls]" in table.stdout  # a quotation is never changed
    shown = " ".join(note.split())
    assert shown[:20] in " ".join(table.stdout.split()) or len(shown) > 60
    assert "\x1b]8;" not in table.stdout  # no hyperlink escape made from text


def test_suggest_and_list_keep_brackets_and_skip_linked_pairs(tmp_path):
    db = str(tmp_path / "s.json")
    top = json.loads(run_cli("suggest", "--json", "--top", "3", "--db", db).stdout)
    s = top[0]
    left = run_cli("annotate", "ice-union-allegation", "--quote", s["left"]["text"], "--db", db).stdout.strip()
    right = run_cli("annotate", "mayor-rebuttal", "--quote", s["right"]["text"], "--db", db).stdout.strip()
    assert run_cli("link", right, left, "-r", s["relation"], "--db", db).returncode == 0
    again = json.loads(run_cli("suggest", "--json", "--top", "3", "--db", db).stdout)
    assert (s["left"]["start"], s["right"]["start"]) not in {(x["left"]["start"], x["right"]["start"]) for x in again}
    table = run_cli("suggest", "--top", "60", "--db", db, env={"COLUMNS": "220"}).stdout
    assert "[calls]" in table


def test_usage_errors_exit_64_and_name_the_problem():
    p = run_cli("--bogus")
    assert p.returncode == 64 and "unrecognized arguments: --bogus" in p.stderr and p.stderr.count("\n") == 1
    p = run_cli("frobnicate")
    assert p.returncode == 64 and "unknown command 'frobnicate'" in p.stderr
    p = run_cli("--db")
    assert p.returncode == 64 and "expected one argument" in p.stderr
    p = run_cli("--help")
    assert "reader [LEFT RIGHT] [--db PATH]" in p.stdout and "[LEFT RIGHT ...]" not in p.stdout
    for cmd in ("annotate", "list", "link", "export", "import", "suggest"):
        out = run_cli(cmd, "--help").stdout
        options = [ln for ln in out.splitlines() if ln.strip().startswith("--") and "--help" not in ln]
        assert options, cmd  # each command documents its options
        assert "help" in out


def test_list_table_names_place_and_does_not_split_words(tmp_path):
    db = str(tmp_path / "s.json")
    run_cli("annotate", "ice-union-allegation", "--quote", "Your current policy forbidding", "--tag", "claim", "--db", db)
    out = run_cli("list", "--db", db, env={"COLUMNS": "80"}).stdout
    assert "\u00b67.1" in out and "ice-union-all" in out
    assert "articl\n" not in out and not any(ln.rstrip().endswith("articl") for ln in out.splitlines())


def test_bad_config_is_one_line_and_exit_78(tmp_path):
    cfg = tmp_path / "c.toml"
    cfg.write_text('[tags]\nclaim = "golden"\n')
    p = run_cli("export", env={"READER_CONFIG": str(cfg), "READER_ALLOW_NO_TTY": "1"})
    assert p.returncode == 0  # commands that do not read the config are not stopped by it
    p = run_cli(env={"READER_CONFIG": str(cfg), "READER_ALLOW_NO_TTY": "1"})
    assert p.returncode == 78 and "claim = 'golden' is not a colour" in p.stderr and p.stderr.count("\n") == 1
    cfg.write_text('[keys]\nquitt = "q"\n')
    p = run_cli(env={"READER_CONFIG": str(cfg), "READER_ALLOW_NO_TTY": "1"})
    assert p.returncode == 78 and "'quitt' is not a binding id" in p.stderr
    # one key for two bindings would leave one unreachable: refused, naming both
    for keys, named in (('highlight = "m"\nnote = "m"', "both highlight and note"),
                        ('highlight = "j"', "both highlight and next_sentence")):
        cfg.write_text(f"[keys]\n{keys}\n")
        p = run_cli(env={"READER_CONFIG": str(cfg), "READER_ALLOW_NO_TTY": "1"})
        assert p.returncode == 78 and named in p.stderr and p.stderr.count("\n") == 1, p.stderr
    cfg.write_text('[keys]\nhighlight = "t"\ntag = "h"\n')  # a swap is fine
    from reader.tui.bindings import clashes

    assert clashes({"highlight": "t", "tag": "h"}) == [] and clashes({}) == []


def test_a_key_that_could_never_be_pressed_is_refused_at_load(tmp_path):
    """An attacker: "quit = esc" was accepted (Textual calls it escape), and then only
    Textual's ctrl+q quit; "highlight = ctrl+p" was accepted, and ctrl+p still opened the
    command palette. The help screen and key bar offered both."""
    cfg = tmp_path / "config.toml"
    for keys, said in (('quit = "esc"', "quit = 'esc': 'esc' is not a key's name: write 'escape'"),
                       ('highlight = "h,ctrl+p"', "'ctrl+p' cannot be used: it opens the command palette"),
                       ('note = "foo"', "'foo' is not a key's name")):
        cfg.write_text(f"[keys]\n{keys}\n")
        p = run_cli(env={"READER_CONFIG": str(cfg), "READER_ALLOW_NO_TTY": "1"})
        assert p.returncode == 78 and said in p.stderr and p.stderr.count("\n") == 1, p.stderr
    from reader.tui.run import check_keymap

    check_keymap({"quit": "ctrl+x,f10", "note": "question_mark", "help": "f2", "highlight": "shift+tab"}, "c")


def test_list_through_a_pipe_keeps_a_quote_on_one_or_two_lines(tmp_path, monkeypatch):
    """A new user piped `reader list`: at Rich's default 80 columns the quote column was
    about 17 characters wide and each row ran to nine lines."""
    monkeypatch.delenv("COLUMNS", raising=False)
    db = str(tmp_path / "s.json")
    quote = "Your current policy forbidding Portland law enforcement agencies"
    run_cli("annotate", "ice-union-allegation", "--quote", quote, "--tag", "claim", "--db", db)
    out = run_cli("list", "--db", db).stdout
    assert "Your current policy forbidding Portland law" in out, out
    assert max(len(line) for line in out.splitlines()) <= 120
    assert run_cli("list", "--db", db, env={"COLUMNS": "80"}).stdout.count("\n") > out.count("\n")
