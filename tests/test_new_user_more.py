"""Issue 9, the rest: each minor item, the status line, the context key bar and the legend,
tested as a new user meets them: keys in, screen text (or widget state) out.

The tests drive the app through keys and read what is drawn, so they run against an older
tree too (where they fail, because the behaviour is not there yet).
"""

import asyncio
import re

from tests.conftest import run_cli
from tests.test_tui import make_app, text_of


def screen(app) -> list[str]:
    """The screen as text, one string a row (what a terminal would show, without styles)."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def status_row(app) -> str:
    return screen(app)[-2]


def key_bar(app) -> str:
    return screen(app)[-1]


def views(app):
    reading = getattr(app, "reading", None)
    return reading.views if reading is not None else app.views


def rows_with(rows: list[str], needle: str) -> list[str]:
    return [r for r in rows if needle in r]


def inside_borders(row: str) -> str:
    """A dialog row's text between its side borders."""
    m = re.search(r"[\u2502\u2503](.*)[\u2502\u2503]", row)
    return (m.group(1) if m else row).strip()


def cut_cleanly(text: str) -> bool:
    """Shown whole (ends with its closing quote) or cut with an ellipsis, never mid-word."""
    return text.endswith(("\u2026", "\u2026\u201d", "\u201d", "\u2026)"))


async def settle(pilot, app):
    await app.workers.wait_for_complete()
    await pilot.pause()


# --- blocker: the README's config example -------------------------------------------------------------
async def test_readme_config_example_draws_a_gold_claim_and_quits(db, tmp_path):
    from reader.core.config import load_config

    cfg = tmp_path / "config.toml"
    cfg.write_text('[keys]\nnext_sentence = "j,down,ctrl+n"\nhighlight = "h,m"\n\n'
                   '[tags]\nclaim = "gold"\nrumour = "#ff8800"\n')
    app = make_app(db, tmp_path, config=load_config(str(cfg)))

    async def session():
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("t", *"claim", "enter")
            await pilot.pause()
            assert "Portland Police Refused" in "\n".join(screen(app))  # drawn, not a blank screen
            await pilot.press("m")  # the remapped highlight key
            await pilot.press("q")
            await pilot.pause()

    try:
        await asyncio.wait_for(session(), 30)  # it used to hang here
    finally:
        app.workspace.store.close()
    assert not app.is_running and app.return_code in (0, None)


# --- links: one direction, said in words, swappable, the same in the export ------------------------------
def _blocks(markdown: str) -> dict[str, str]:
    """Each quoted passage of a Markdown export -> the lines under it (its links)."""
    out, quote = {}, None
    for line in markdown.splitlines():
        if line.startswith("> "):
            quote = line[2:]
            out[quote] = ""
        elif line.startswith("#"):
            quote = None
        elif quote is not None:
            out[quote] += line + "\n"
    return out


def _under(blocks: dict[str, str], words: str) -> str:
    return next(v for k, v in blocks.items() if words in k)


async def _export(pilot, app, tmp_path) -> str:
    await pilot.press("e")
    await pilot.pause()
    await pilot.press("enter")
    await settle(pilot, app)
    return next(tmp_path.glob("*.md")).read_text(encoding="utf-8")


async def test_link_reads_answer_rebuts_claim_swaps_with_x_and_exports_the_same_way(db, tmp_path):
    app = make_app(db, tmp_path)
    async with app.run_test(size=(160, 48)) as pilot:
        # the README: mark the claim, move to its answer, l, r
        await pilot.press("slash", *"Your current policy forbidding", "enter", "escape", "l")
        await pilot.press("slash", *"No such policy", "enter", "escape", "l")
        await pilot.pause()
        words = "\n".join(screen(app))
        assert "mayor-rebuttal \u00b66.1 rebuts ice-union-allegation \u00b67.1" in words  # said before it is made
        await pilot.press("r")
        await pilot.pause()
        # a second link, turned round with x in the picker
        await pilot.press("tab", "slash", *"Portland Police Deputy Chief Bob Day", "enter", "escape", "l")
        await pilot.press("slash", *"An email sent by Portland police", "enter", "escape", "l")
        await pilot.pause()
        assert re.search(r"mayor-rebuttal \u00b6\d+\.1 supports ice-union-allegation \u00b618\.1", "\n".join(screen(app)))
        await pilot.press("x")
        await pilot.pause()
        assert re.search(r"ice-union-allegation \u00b618\.1 supports mayor-rebuttal \u00b6\d+\.1", "\n".join(screen(app)))
        await pilot.press("s")
        await pilot.pause()
        blocks = _blocks(await _export(pilot, app, tmp_path))
    app.workspace.store.close()
    assert "rebuts `ice-union-allegation`" in _under(blocks, '"No such policy exists,"')
    assert "rebutted by `mayor-rebuttal`" in _under(blocks, '"Your current policy forbidding')
    assert "supports `mayor-rebuttal`" in _under(blocks, "Portland Police Deputy Chief Bob Day")
    assert "supported by `ice-union-allegation`" in _under(blocks, "An email sent by Portland police")


# --- the status line ---------------------------------------------------------------------------------
async def test_status_line_shows_mode_pane_position_marked_and_follow(db, tmp_path):
    app = make_app(db, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        st = status_row(app)
        assert st.lstrip().startswith("NORMAL") and "left: ice-union-allegation" in st
        assert "\u00b61/28" in st and "0%" in st and "0 marked" in st
        assert "follow on" in st  # follow mode is on at start, and the screen says so
        await pilot.press("f")
        assert "follow off" in status_row(app)
        await pilot.press("f", "v")
        assert status_row(app).lstrip().startswith("SELECT")
        await pilot.press("h")
        st = status_row(app)
        assert st.lstrip().startswith("NORMAL") and "1 marked" in st
        await pilot.press("G")
        st = status_row(app)
        assert "\u00b628/28" in st and "100%" in st  # the last sentence is the end
        await pilot.press("g", "tab")
        st = status_row(app)
        assert "right: mayor-rebuttal" in st and "\u00b61/15" in st and "0 marked" in st
    app.workspace.store.close()


async def test_status_line_says_saved_only_for_the_users_own_changes(db, tmp_path, monkeypatch):
    """Opening writes upkeep (the articles' state) to the store; a user who changed nothing
    must not read "saved". A highlight shows "saving…" until its fsync, then "saved"."""
    from reader.core.store import writer

    monkeypatch.setattr(writer, "SETTLE", 30.0)  # the save waits for flush: "saving…" is sure to show
    monkeypatch.setattr(writer, "MAX_WAIT", 30.0)
    app = make_app(db, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        store = app.workspace.store
        await asyncio.to_thread(store.flush, 10)
        store.drain()
        await pilot.pause()
        assert store.unsaved == 0
        assert "saved" not in status_row(app) and "saving" not in status_row(app), status_row(app)
        await pilot.press("h")
        assert "saving\u2026" in status_row(app)  # shown at once, written once the keys are quiet
        await asyncio.to_thread(store.flush, 10)
        store.drain()
        await pilot.pause()
        assert "saved" in status_row(app) and "saving" not in status_row(app)
    app.workspace.store.close()


async def test_the_palette_finds_help_by_the_word_keys(db, tmp_path):
    app = make_app(db, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"keys")
        await asyncio.sleep(0.5)  # the palette searches in the background
        await pilot.pause()
        assert rows_with(screen(app), "Help: keys and legend"), screen(app)
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
    app.workspace.store.close()


async def test_status_line_names_link_and_search_modes(db, tmp_path):
    app = make_app(db, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("J", "J", "J", "J", "l")  # the long sentence is ¶5.1
        st = status_row(app)
        assert re.match(r"\s*LINK ice-union-allegation \u00b65\.1 \u2192 \?", st), st
        await pilot.press("escape")
        assert status_row(app).lstrip().startswith("NORMAL")
        assert app.focused is views(app)[1]  # l moved to the other pane, and Esc left focus there
        await pilot.press("slash", *"Wheeler wrote", "enter")
        first = views(app)[1].search.index
        assert re.match(rf"\s*SEARCH {first + 1}/3\b", status_row(app)), status_row(app)
        await pilot.press("n")
        assert re.match(rf"\s*SEARCH {(first + 1) % 3 + 1}/3\b", status_row(app))
        await pilot.press("escape")
        assert status_row(app).lstrip().startswith("NORMAL")
    app.workspace.store.close()


async def test_status_line_says_read_only(db, tmp_path):
    first = make_app(db, tmp_path)  # holds the store
    app = make_app(db, tmp_path)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert "READ-ONLY" in status_row(app)
    finally:
        app.workspace.store.close()
        first.workspace.store.close()


# --- the key bar ----------------------------------------------------------------------------------------
def bar_has(bar: str, key: str, label: str) -> bool:
    return re.search(rf"(^|\s){re.escape(key)}\s+{re.escape(label)}\b", bar, re.IGNORECASE) is not None


async def test_key_bar_follows_the_context_and_help_and_quit_fit_at_80(db, tmp_path):
    app = make_app(db, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h", "j")  # the store has an annotation: no welcome; the bar still points to ?
        await pilot.pause()
        bar = key_bar(app)
        assert bar_has(bar, "?", "help") and bar_has(bar, "q", "quit"), bar
        await pilot.press("l")
        bar = key_bar(app)
        assert bar_has(bar, "l", "confirm") and bar_has(bar, "x", "swap") and bar_has(bar, "Esc", "abandon"), bar
        assert bar_has(bar, "?", "help") and bar_has(bar, "q", "quit"), bar
        await pilot.press("escape", "tab", "a")
        await pilot.pause()
        bar = key_bar(app)  # typing in the filter: d, ? and q would be typed, so the bar offers what acts
        assert bar_has(bar, "Enter", "jump") and bar_has(bar, "ctrl+d", "delete"), bar
        assert bar_has(bar, "ctrl+q", "quit") and not bar_has(bar, "q", "quit") and "help" not in bar, bar
        await pilot.press("q")
        assert app.is_running  # q went into the filter, as the bar says
        await pilot.press("backspace", "tab")  # into the list
        await pilot.pause()
        bar = key_bar(app)
        assert bar_has(bar, "Enter", "jump") and bar_has(bar, "d", "delete"), bar
        assert bar_has(bar, "?", "help") and bar_has(bar, "q", "quit"), bar
        await pilot.press("escape", "n")  # a dialog over the screen: the bar offers nothing it would swallow
        await pilot.pause()
        assert not bar_has(key_bar(app), "q", "quit") and not bar_has(key_bar(app), "j", "move")
        await pilot.press("escape")
        await pilot.pause()
        assert bar_has(key_bar(app), "q", "quit")
    app.workspace.store.close()


async def test_key_bar_at_160_labels_every_key(db, tmp_path):
    app = make_app(db, tmp_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        bar = key_bar(app).rstrip()
        assert bar_has(bar, "?", "help") and bar.endswith("quit"), bar
        assert not bar.endswith(("^p", "^p ")), bar  # no key without its label
    app.workspace.store.close()


# --- ? help --------------------------------------------------------------------------------------------
async def test_help_lists_the_palette_and_has_a_legend(db, tmp_path):
    app = make_app(db, tmp_path)
    async with app.run_test(size=(160, 100)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        text = "\n".join(screen(app))
        assert "ctrl+p" in text and "palette" in text
        assert "Legend" in text
        for tag in ("claim", "evidence", "denial", "question", "allegation"):
            assert re.search(rf"Tags:.*\b{tag}\b", text), tag
        assert "\u270e a note" in text and "\u258c a highlight" in text  # the gutter's symbols, explained
        assert "\u2715 rebuts" in text and "* several" in text
    app.workspace.store.close()


async def test_palette_key_summary_closes_on_escape(db, tmp_path):
    app = make_app(db, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        base = app.screen
        for query in ("keys", "help"):
            await pilot.press("ctrl+p")
            await pilot.pause()
            await pilot.press(*query)
            await pilot.pause(0.3)
            await pilot.press("enter")
            await pilot.pause(0.2)
            if query == "help":
                assert type(app.screen).__name__ == "HelpScreen"  # the reader's help: every key, remapped
            for _ in range(2):  # Esc closes what the palette opened (or the palette)
                if app.screen is not base:
                    await pilot.press("escape")
                    await pilot.pause()
            assert app.screen is base, query
            assert not app.screen.query("HelpPanel"), "a key panel stays on screen"
            assert views(app)[0].has_focus or views(app)[1].has_focus
    app.workspace.store.close()


# --- dialogs at 80x24 ----------------------------------------------------------------------------------
async def test_messages_do_not_cover_dialog_borders_at_80x24(db, tmp_path):
    app = make_app(db, tmp_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("ctrl+c")  # a message on screen...
        await pilot.press("e")  # ...then the tallest dialog
        await pilot.pause(0.3)
        rows = screen(app)
        dialog = app.screen.query_one(".dialog").region
        top, bottom = dialog.y, dialog.y + dialog.height - 1
        left, right = dialog.x, dialog.x + dialog.width - 1
        assert rows[top][left] == "\u256d" and rows[top][right] == "\u256e"
        assert rows[bottom][left:right + 1] == "\u2570" + "\u2500" * (dialog.width - 2) + "\u256f", rows[bottom]
        for y in range(top + 1, bottom):
            assert rows[y][left] == "\u2502" and rows[y][right] == "\u2502", (y, rows[y])
        assert any("Press q to quit" in r for r in rows)  # the message is still shown, elsewhere
    app.workspace.store.close()


async def test_tag_prompt_says_what_it_tags_and_keeps_still(db, tmp_path):
    """The tag is typed in the bottom lines: the status line says where and what, the key bar
    the completions; nothing on screen moves while completions come and go."""
    app = make_app(db, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("J", "J", "J", "J", "t")
        await pilot.pause()
        status = status_row(app)
        assert "TAG" in status and "\u00b65.1" in status and "\u201cMembers of the union" in status, status
        assert cut_cleanly(status.split("\u201c", 1)[1].split("  ")[0]) or "\u2026" in status
        assert "claim" in key_bar(app) and "Esc" in key_bar(app)
        regions = [w.region for w in (*views(app), app.reading.query_one("#status"), app.reading.query_one("#keybar"))]
        for typed in ("c", "cl", "cla", "claimzz", "zz-new"):  # completions come and go
            await pilot.press(*typed)
            await pilot.pause()
            assert f"#{typed}" in status_row(app), typed
            assert [w.region for w in (*views(app), app.reading.query_one("#status"),
                                       app.reading.query_one("#keybar"))] == regions, typed  # nothing jumps
            await pilot.press(*["backspace"] * len(typed))
            await pilot.pause()
        await pilot.press(*"zz-new")
        await pilot.pause()
        assert "+ new tag: zz-new" in key_bar(app)
        await pilot.press(*["backspace"] * 6, "!", "!")
        await pilot.pause()
        assert "not a tag name" in key_bar(app)
        await pilot.press("enter")  # cannot be chosen: the entry stays to be corrected
        assert app.reading.tag_entry is not None and app.reading.tag_entry.text == "!!"
    app.workspace.store.close()


async def test_dialog_quotes_and_picker_rows_are_cut_with_an_ellipsis(db, tmp_path):
    app = make_app(db, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("J", "J", "J", "J", "n")  # the note editor, on a long sentence
        await pilot.pause()
        shown = [inside_borders(r) for r in rows_with(screen(app), "Members of the union")]
        assert shown and all(cut_cleanly(s) or s.endswith(".") for s in shown), shown
        await pilot.press("escape", "l", "J", "J", "l")  # the relation picker: its quotes and rows
        await pilot.pause()
        picker = " ".join(inside_borders(r) for r in screen(app) if "\u2502" in r)
        assert "Members of the union" in picker, picker
        for m in re.finditer(r"Members of the union", picker):  # each time it is quoted, it is cut cleanly
            rest = picker[m.start():]
            assert re.match(r"Members of the union[^\u201c\u201d]*\u2026\u201d", rest), rest[:120]
        assert "(the first passage stays marked)" in picker  # help lines wrap, not cut
        rows = [inside_borders(r) for r in screen(app) if re.search(r"\u2502\s+[rsaqp]\s+\S", r)]
        assert len(rows) == 5 and all(r.endswith(("\u2026", ")")) for r in rows), rows  # whole, or cut with …
    app.workspace.store.close()


async def test_pane_headers_are_cut_with_an_ellipsis(db, tmp_path):
    app = make_app(db, tmp_path)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        left_width = views(app)[0].region.width
        top = screen(app)[0]
        left, right = top[:left_width].rstrip(), top[left_width:].rstrip()
        assert left.endswith("\u2026") and right.endswith("\u2026"), top
    app.workspace.store.close()


# --- words on screen ----------------------------------------------------------------------------------
async def test_suggestion_diffs_read_without_colour(db, tmp_path, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(db, tmp_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("S")
        await settle(pilot, app)
        await pilot.pause(0.3)
        text = "\n".join(screen(app))
        assert "wording differs" in text
        diff = text[text.index("wording differs"):][:600]
        assert "{+" in diff and "+}" in diff and "[-" in diff and "-]" in diff, diff  # marked in words
    app.workspace.store.close()


async def test_one_claim_one_orphan_in_the_singular(db, tmp_path):
    art = tmp_path / "letter.txt"
    art.write_text("A Letter\n\nThe council denied it. A passage that will be deleted later.\n\nThe end.\n")
    app = make_app(db, tmp_path, left=str(art))
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("j", "j", "t", *"claim", "enter")  # tag the passage that goes away
        await pilot.pause()
        await pilot.press("D")
        await app.workers.wait_for_complete()  # the map is built in a worker
        await pilot.pause()
        text = "\n".join(screen(app))
        assert re.search(r"\b1 claim\b", text) and "1 claims" not in text, text
        await pilot.press("escape", "q")
        await pilot.pause()
    app.workspace.store.close()
    art.write_text("A Letter\n\nThe council denied it.\n\nThe end.\n")  # the tagged passage is gone
    again = make_app(db, tmp_path, left=str(art))
    async with again.run_test(size=(160, 48)) as pilot:
        await settle(pilot, again)
        await pilot.press("a")
        await settle(pilot, again)
        text = "\n".join(screen(again))
        assert re.search(r"\b1 orphan\b", text) and "1 orphans" not in text, text
    again.workspace.store.close()


async def test_the_title_is_shown_once(db, tmp_path):
    app = make_app(db, tmp_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        text = "\n".join(screen(app))
        assert text.count("Portland Police Refused") == 1, text[:400]
        assert text.count("Portland Mayor Calls ICE") == 1
    app.workspace.store.close()


async def test_a_txt_files_first_paragraph_is_text_not_a_title(db, tmp_path):
    art = tmp_path / "letter.txt"
    art.write_text("Dear Mayor Wheeler, we write about the events of last month. The union asks for help.\n\n"
                   "Officers were trapped. Nobody came.\n")
    app = make_app(db, tmp_path, left=str(art))
    async with app.run_test(size=(160, 48)) as pilot:
        left = views(app)[0]
        assert text_of(left).startswith("Dear Mayor Wheeler")
        await pilot.press("j")
        assert text_of(left) == "The union asks for help."  # its sentences are sentences
        await pilot.press("j")
        assert text_of(left) == "Officers were trapped."
    app.workspace.store.close()
    titled = tmp_path / "titled.txt"
    titled.write_text("Union Letter\n\nOfficers were trapped. Nobody came.\n")  # a sign: short line, blank line
    app = make_app(db, tmp_path, left=str(titled))
    async with app.run_test(size=(160, 48)) as pilot:
        left = views(app)[0]
        assert text_of(left) == "Union Letter"
        await pilot.press("j")
        assert text_of(left) == "Officers were trapped."
    app.workspace.store.close()


# --- colours ------------------------------------------------------------------------------------------
def _drawn_backgrounds(view, words: str) -> set:
    """The background colours drawn under ``words`` wherever they are on screen (not under the cursor)."""
    out = set()
    for y in range(view.size.height):
        segs = list(view.render_line(y))
        line = "".join(s.text for s in segs)
        i = line.find(words)
        while i >= 0:
            pos = 0
            for seg in segs:
                if pos <= i < pos + len(seg.text):
                    st = seg.style
                    if st is not None and not st.reverse and st.bgcolor is not None:
                        out.add(tuple(st.bgcolor.get_truecolor()))
                    break
                pos += len(seg.text)
            i = line.find(words, i + 1)
    return out


def _contrast(a, b) -> float:
    def lum(rgb):
        c = [x / 255 for x in rgb]
        c = [x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4 for x in c]
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


async def test_search_matches_and_the_selection_are_told_apart(db, tmp_path):
    app = make_app(db, tmp_path)
    async with app.run_test(size=(160, 48)) as pilot:
        right = views(app)[1]
        await pilot.press("tab", "slash", *"Wheeler wrote", "enter")
        await pilot.pause()
        base = tuple(right.rich_style.bgcolor.get_truecolor()) if right.rich_style.bgcolor else None
        search = _drawn_backgrounds(right, "Wheeler wrote") - {base}
        await pilot.press("escape", "k", "j", "v", "j")  # (away and back: v takes the sentences)
        await pilot.pause()
        s, e = right.selection.span
        first_words = " ".join(right.doc.text[s:e].split()[:3])
        selection = _drawn_backgrounds(right, first_words) - {base}
        assert search and selection, (search, selection)
        for a in search:
            for b in selection:
                assert _contrast(a, b) >= 1.5, (a, b)  # not one colour for both
    app.workspace.store.close()


# --- the annotations panel at 80x24 -------------------------------------------------------------------
async def test_annotations_panel_shows_several_at_80x24(db, tmp_path):
    app = make_app(db, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(5):
            await pilot.press("h", "j")
        await pilot.press("a")
        await pilot.pause()
        rows = screen(app)
        shown = [r for r in rows if "(highlight)" in r or ("\u00b6" in r and "\u25a0" in r)]
        assert len(shown) >= 3, "\n".join(rows)
    app.workspace.store.close()


# --- the command line: every option says what it does ------------------------------------------------
def test_every_option_has_help_text():
    missing = []
    for cmd in ("", "annotate", "list", "link", "export", "import", "suggest"):
        out = run_cli(*([cmd] if cmd else []), "--help", env={"COLUMNS": "100"}).stdout.splitlines()
        for i, line in enumerate(out):
            if not line.startswith("  -"):
                continue
            spec_and_help = re.split(r"\s{2,}", line.strip(), maxsplit=1)
            follows = i + 1 < len(out) and re.match(r"\s{8,}\S", out[i + 1])
            if len(spec_and_help) < 2 and not follows:
                missing.append(f"reader {cmd} {line.strip()}")
    assert not missing, missing
