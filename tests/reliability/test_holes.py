"""Issue 13, "Reliability, round 2": the 25 holes an attacker found, each as a test of the real program.

Every test drives ``python -m reader`` in subprocesses (the TUI in tmux) on real files,
FIFOs, devices, symlinks and signals, so the same test runs against an older tree:

    READER_TREE=/tmp/reader-old .venv/bin/python -m pytest tests/reliability/test_holes.py

Each test records what happened (``ctx.said``) for the reliability table
(``python -m tests.reliability holes``). The property tests at the end cover the classes:
every path the reader writes is checked, every text it prints is inert and never markup,
every config value is validated at load.
"""

from __future__ import annotations

import json
import os
import re
import signal
import stat
import time
from pathlib import Path

import pytest

from tests.reliability.holes import (
    MAYOR_QUOTES,
    OLD,
    PY,
    Ctx,
    alive,
    has_tmux,
    hostile_bytes,
    run_measured,
    stored,
    wait_until,
)

needs_tmux = pytest.mark.skipif(not has_tmux(), reason="tmux is needed to drive the TUI")


@pytest.fixture
def ctx(tmp_path, request):
    c = Ctx(tmp_path)
    yield c
    c.close()
    print(f"\n[{request.node.name}] {c.said}")  # what happened (pytest -s shows it)


def pair(ctx: Ctx) -> tuple[str, str]:
    return ctx.article("mayor-rebuttal"), ctx.article("ice-union-allegation")


def annotate(ctx: Ctx, article: str, quote: str, *extra: str, db: str | None = None, env=None) -> str:
    args = ["annotate", article, "--quote", quote, *extra] + (["--db", db] if db else [])
    r = ctx.reader(*args, env=env)
    assert r.rc == 0, f"annotate {quote!r}: {r}"
    return r.stdout.strip().splitlines()[-1]


def notes_of(db: str) -> list[str]:
    return [a.get("note", "") for a in stored(db)]


def wait_paint(t, text: str = "Portland", timeout: float = 20) -> None:
    assert t.wait_for(text, timeout), f"the TUI did not paint within {timeout} s (exit {t.exit_code}):\n{t.screen()}"


# ================================================================================================
# Data loss
# ================================================================================================
@needs_tmux
def test_01_store_folder_missing_for_a_moment(ctx):
    """3 highlights; the store's folder moved away; a change fails; folder back; a change: all 4 kept."""
    left, right = pair(ctx)
    folder = ctx.tmp / "st"
    folder.mkdir()
    db = str(folder / "s.json")
    t = ctx.tui(left, right, "--db", db, size=(160, 40))
    wait_paint(t)
    for n in range(1, 4):
        t.keys("j", "h")
        assert wait_until(lambda n=n: len(stored(db)) == n, 10), f"highlight {n} not saved: {len(stored(db))}"
    away = ctx.tmp / "st-away"
    os.rename(folder, away)
    t.keys("j", "h")
    time.sleep(2.0)  # the save fails: the folder is gone
    os.rename(away, folder)
    failed_while_away = len(stored(db))
    t.keys("j", "h")
    four = wait_until(lambda: len(stored(db)) == 4, 10)
    in_file_running = len(stored(db))
    t.keys("a")  # the annotations panel: what memory holds
    time.sleep(1.0)
    panel = t.screen()
    in_panel = len(re.findall(r"\u00b6\d+\.\d+", panel.split("Annotations", 1)[-1]))
    t.keys("Escape", "q")
    code = t.wait_exit(15)
    in_file = len(stored(db))
    ctx.said = (f"after the folder came back: {in_file_running} in the file while running, {in_panel} in the "
                f"annotations panel (memory), {in_file} after quitting (exit {code}); while away the file held "
                f"{failed_while_away}")
    assert four and in_file == 4, ctx.said + "\n" + panel
    assert in_panel in (0, 4), ctx.said + "\n" + panel  # 0: a panel that shows no places (an older tree)
    assert t.running is False and code == 0, ctx.said


def test_02_export_refuses_store_companions_and_articles(ctx):
    left, right = pair(ctx)
    annotate(ctx, left, MAYOR_QUOTES[0])
    db = ctx.db
    Path(db + ".bak").write_bytes(Path(db).read_bytes())  # the old tree's backup name, if it makes none
    (ctx.tmp / "links").mkdir()
    targets = {
        "the store": db, "its lock": db + ".lock", "its .bak": db + ".bak",
        "the store by a path with ..": str(ctx.tmp / "links" / ".." / "store" / "s.json"),
        "the left article": left, "the right article": right,
    }
    shards = sorted(Path(db + ".d").glob("*.json")) if os.path.isdir(db + ".d") else []
    if shards:
        targets["a shard file"] = str(shards[0])
    targets["a new file in the shard folder"] = db + ".d/new.md"
    os.symlink(db, ctx.tmp / "links" / "store-link.md")
    targets["a symlink to the store"] = str(ctx.tmp / "links" / "store-link.md")
    os.symlink(left, ctx.tmp / "links" / "article-link.md")
    targets["a symlink to an article"] = str(ctx.tmp / "links" / "article-link.md")
    os.link(left, ctx.tmp / "links" / "article-hard.md")
    targets["a hard link to an article"] = str(ctx.tmp / "links" / "article-hard.md")
    os.link(db, ctx.tmp / "links" / "store-hard.md")
    targets["a hard link to the store"] = str(ctx.tmp / "links" / "store-hard.md")

    def snapshot() -> dict[str, bytes | None]:
        out: dict[str, bytes | None] = {}
        for p in [db, db + ".lock", db + ".bak", left, right, *map(str, shards)]:
            out[p] = Path(p).read_bytes() if os.path.exists(p) else None
        return out

    before = snapshot()
    accepted, unclean = [], []
    for what, path in targets.items():
        for fmt in ("md", "w3c"):
            r = ctx.reader("export", left, right, "--format", fmt, "-o", path)
            if r.rc == 0:
                accepted.append(f"{what} ({fmt})")
            elif not r.clean_error:
                unclean.append(f"{what}: {r}")
    changed = [p for p, b in snapshot().items() if b != before[p]]
    ctx.said = (f"{len(targets) * 2 - len(accepted)} of {len(targets) * 2} refused (store, lock, .bak, shards, articles; "
                f"by path, symlink and hard link); files changed: {len(changed)}")
    assert not accepted and not unclean and not changed, f"accepted {accepted}; unclean {unclean}; changed {changed}"


def test_03_missing_or_doubled_end_marker_keeps_user_text(ctx):
    left, right = pair(ctx)
    annotate(ctx, left, MAYOR_QUOTES[0], "--note", "first")
    out = ctx.tmp / "notes.md"
    assert ctx.reader("export", left, right, "-o", str(out)).rc == 0
    block = out.read_text()
    end = "<!-- reader:end -->"
    assert end in block
    cases = {
        "end marker deleted": "My intro.\n\n" + block.replace(end + "\n", "") + "\nMy ending, after the block.\n",
        "begin marker deleted": "My intro.\n\n" + re.sub(r"<!-- reader:begin.*-->\n", "", block) + "\nMy ending.\n",
        "doubled pair": "My intro.\n\n" + block + "\nMy middle text.\n\n" + block + "\nMy ending.\n",
        "two begins, one end": "My intro.\n\n" + block.replace(end + "\n", "") + "\nMy middle.\n\n" + block + "\nEnd.\n",
    }
    problems = []
    for name, text in cases.items():
        out.write_text(text)
        r = ctx.reader("export", left, right, "-o", str(out))
        ctx.reader("export", left, right, "-o", str(out))  # and again: a guess made the first time bites now
        after = out.read_text()
        mine = [ln for ln in text.splitlines() if ln.startswith(("My ", "End."))]
        lost = [ln for ln in mine if ln not in after]
        warned = r.rc != 0 or "warn" in r.stderr.lower() or "marker" in r.stderr.lower()
        if lost or not warned or not r.clean_error:
            problems.append(f"{name}: lost {lost}, {r}")
    ctx.said = ("; ".join(problems)[:300] if problems else
                "refused with a one-line reason, the file untouched, in all 4 (end deleted, begin deleted, doubled, unbalanced)")
    assert not problems, problems


def test_04_second_note_needs_append_or_replace(ctx):
    left, _ = pair(ctx)
    annotate(ctx, left, MAYOR_QUOTES[0], "--note", "first note")
    r = ctx.reader("annotate", left, "--quote", MAYOR_QUOTES[0], "--note", "second note")
    kept = notes_of(ctx.db)
    problems = []
    if r.rc == 0 or not r.clean_error or kept != ["first note"]:
        problems.append(f"a second --note without --append/--replace: {r}; notes now {kept}")
    a = ctx.reader("annotate", left, "--quote", MAYOR_QUOTES[0], "--note", "second note", "--append")
    both = notes_of(ctx.db)
    if a.rc != 0 or len(both) != 1 or "first note" not in both[0] or "second note" not in both[0]:
        problems.append(f"--append: {a}; notes {both}")
    p = ctx.reader("annotate", left, "--quote", MAYOR_QUOTES[0], "--note", "third note", "--replace")
    if p.rc != 0 or notes_of(ctx.db) != ["third note"]:
        problems.append(f"--replace: {p}; notes {notes_of(ctx.db)}")
    ctx.said = f"without a flag: exit {r.rc} ({r.stderr.strip()[:90]}); --append keeps both; --replace replaces"
    assert not problems, problems


@needs_tmux
def test_05_symlinked_and_hard_linked_store(ctx):
    left, right = pair(ctx)
    real_dir = ctx.tmp / "real"
    real_dir.mkdir()
    real = str(real_dir / "s.json")
    annotate(ctx, left, MAYOR_QUOTES[0], db=real)
    link = str(ctx.tmp / "link.json")
    os.symlink(real, link)
    annotate(ctx, left, MAYOR_QUOTES[1], db=link)
    problems = []
    if not os.path.islink(link):
        problems.append("writing through the symlink replaced it with a regular file")
    if len(stored(real)) != 2:
        problems.append(f"the real store holds {len(stored(real))} of 2")
    # One lock for every name of the store: a TUI on the link, a CLI writer on the real path.
    t = ctx.tui(left, right, "--db", link)
    wait_paint(t)
    r = ctx.reader("annotate", left, "--quote", MAYOR_QUOTES[2], "--db", real, env=ctx.env(READER_LOCK_WAIT="0.5"))
    if r.rc != 75 or not r.clean_error:
        problems.append(f"the real path while a TUI holds the link: {r} (want exit 75)")
    t.keys("q")
    t.wait_exit(15)
    hard = str(ctx.tmp / "hard.json")
    os.link(real, hard)
    h = ctx.reader("annotate", left, "--quote", MAYOR_QUOTES[3], "--db", hard)
    st_real, st_hard = os.stat(real), os.stat(hard)
    if h.rc == 0 or not h.clean_error:
        problems.append(f"a hard-linked store was opened for writing: {h}")
    if st_real.st_ino != st_hard.st_ino:
        problems.append("the hard link was split")
    ctx.said = (f"link kept: {os.path.islink(link)}; real path while the TUI holds the link: exit {r.rc}; "
                f"hard-linked store: exit {h.rc} ({h.stderr.strip()[:80]})")
    assert not problems, problems


@needs_tmux
@pytest.mark.parametrize("sig", ["SIGTERM", pytest.param("SIGHUP", marks=pytest.mark.slow)])
def test_06_signal_during_note_edit_keeps_draft_and_restores_terminal(ctx, sig):
    left, right = pair(ctx)
    t = ctx.tui(left, right)
    wait_paint(t)
    t.keys("j", "n")
    assert t.wait_for("Ctrl+S", 10), t.screen()
    t.type("my unsaved thought")
    assert t.wait_for("my unsaved thought", 5)
    t.signal(getattr(signal, sig))
    code = t.wait_exit(15)
    modes = t.modes()
    problems = []
    if code is None:
        problems.append(f"still running 15 s after {sig}")
    if modes.get("alternate_on") != "0" or any(modes.get(k) != "0" for k in modes if k.startswith("mouse")):
        problems.append(f"terminal left in {modes}")
    t2 = ctx.tui(left, right)
    wait_paint(t2)
    t2.keys("j", "n")
    offered = t2.wait_for("my unsaved thought", 8)
    if not offered:
        problems.append("the note was not offered back in the next session:\n" + t2.screen())
    t2.keys("C-s", pause=0.8)
    t2.keys("q")
    t2.wait_exit(15)
    saved = "my unsaved thought" in " ".join(notes_of(ctx.db))
    ctx.said = (f"{sig}: exit {code}; alternate screen {modes.get('alternate_on')}, mouse "
                f"{modes.get('mouse_any_flag')}; draft offered next time: {offered}; saved then: {saved}")
    assert not problems and saved, problems


@needs_tmux
def test_06_escape_asks_before_discarding_a_note(ctx):
    left, right = pair(ctx)
    t = ctx.tui(left, right)
    wait_paint(t)
    t.keys("j", "n")
    assert t.wait_for("Ctrl+S", 10)
    t.type("a thought worth keeping")
    t.keys("Escape", pause=0.8)
    asked = t.screen()
    t.keys("n", pause=0.5)  # "no, keep editing" (or, if the editor is gone: a new note)
    t.type(" and more")
    t.keys("C-s", pause=0.8)
    t.keys("q")
    t.wait_exit(15)
    notes = notes_of(ctx.db)
    ctx.said = f"Esc on a changed note: {'asked' if 'Discard' in asked else 'no question'}; note saved: {notes}"
    assert any("a thought worth keeping" in n and "and more" in n for n in notes), ctx.said + "\n" + asked


@needs_tmux
def test_06_read_only_session_refuses_the_note_editor(ctx):
    left, right = pair(ctx)
    first = ctx.tui(left, right)
    wait_paint(first)
    second = ctx.tui(left, right)
    wait_paint(second)
    second.keys("j", "n", pause=0.5)
    time.sleep(0.5)
    screen = second.screen()
    opened = "Ctrl+S" in screen
    if opened:
        second.type("typed into a read-only session")
        second.keys("C-s", pause=0.5)
    second.keys("Escape", "q")
    first.keys("q")
    second.wait_exit(15)
    first.wait_exit(15)
    ctx.said = f"n in a read-only session: editor {'opened' if opened else 'refused'}"
    assert not opened, ctx.said + "\n" + screen


def _junk_import(ctx: Ctx, article: str, n: int = 500) -> str:
    items = [{"type": "Annotation", "id": f"urn:uuid:00000000-0000-4000-8000-{i:012x}", "motivation": "highlighting",
              "target": {"source": Path(article).as_uri(), "selector": [
                  {"type": "TextQuoteSelector", "exact": MAYOR_QUOTES[1], "prefix": "", "suffix": ""}]}}
             for i in range(n)]
    path = ctx.tmp / "junk.json"
    path.write_text(json.dumps(items))
    return str(path)


@needs_tmux
def test_07_backups_per_change_set_and_import_undo(ctx):
    left, right = pair(ctx)
    annotate(ctx, left, MAYOR_QUOTES[0])
    r = ctx.reader("import", _junk_import(ctx, left))
    assert r.rc == 0 and len(stored(ctx.db)) == 501, r
    listed = ctx.reader("backups")
    t = ctx.tui(left, right)  # merely opening the reader
    wait_paint(t)
    time.sleep(1.0)
    t.keys("q")
    t.wait_exit(15)
    after_open = ctx.reader("backups")
    problems = []
    if listed.rc != 0 or after_open.stdout != listed.stdout:
        problems.append(f"opening the reader changed the backups: {listed.stdout!r} -> {after_open.stdout!r} ({after_open})")
    back = ctx.reader("restore", "import")
    n_restored = len(stored(ctx.db))
    if back.rc != 0 or n_restored != 1:
        problems.append(f"restore import: {back}; {n_restored} annotations (want 1)")
    again = ctx.reader("restore", "before-restore")
    if again.rc != 0 or len(stored(ctx.db)) != 501:
        problems.append(f"restore before-restore: {again}; {len(stored(ctx.db))} (want 501)")
    undo = ctx.reader("import", "--undo")
    n_undone = len(stored(ctx.db))
    if undo.rc != 0 or n_undone != 1:
        problems.append(f"import --undo: {undo}; {n_undone} (want 1)")
    # A session's backup is the state before it; a later session that changes nothing keeps it.
    t = ctx.tui(left, right)
    wait_paint(t)
    t.keys("j", "h")
    wait_until(lambda: len(stored(ctx.db)) == 2, 10)
    t.keys("q")
    t.wait_exit(15)
    t = ctx.tui(left, right)
    wait_paint(t)
    t.keys("q")
    t.wait_exit(15)
    s = ctx.reader("restore", "session")
    if s.rc != 0 or len(stored(ctx.db)) != 1:
        problems.append(f"restore session after an idle session: {s}; {len(stored(ctx.db))} (want 1)")
    ctx.said = (f"opening alone made no backup: {after_open.stdout == listed.stdout}; restore import: {n_restored} of 501 "
                f"left; import --undo: {n_undone} left; restore session after an idle session: {len(stored(ctx.db))}")
    assert not problems, problems


def test_08_moved_article_keeps_its_annotations(ctx):
    left, right = pair(ctx)
    first = annotate(ctx, left, MAYOR_QUOTES[0], "--tag", "claim")
    answer = annotate(ctx, right, "Portland Police Refused to Respond")
    assert ctx.reader("link", answer, first, "--relation", "rebuts").rc == 0
    moved = str(ctx.tmp / "moved" / "mayor-renamed.txt")
    os.makedirs(os.path.dirname(moved))
    os.rename(left, moved)
    r = ctx.reader("list", moved, "--json")
    rows = json.loads(r.stdout) if r.rc == 0 else []
    problems = []
    found = [row for row in rows if row["id"] == first]
    if not found or found[0]["status"] != "anchored":
        problems.append(f"list of the moved article: {r}; rows {[(x['id'][:8], x['status']) for x in rows]}")
    said = [ln for ln in r.stderr.splitlines() if "moved" in ln or "fingerprint" in ln or "same text" in ln]
    if not said:
        problems.append(f"no word about the move: {r.stderr!r}")
    annotate(ctx, moved, MAYOR_QUOTES[1])  # a writer takes the annotations over to the new path
    everything = ctx.reader("list", "--json")
    all_rows = json.loads(everything.stdout) if everything.rc == 0 else []
    orphans = [row for row in all_rows if row["status"] == "orphan"]
    mine = [row for row in all_rows if row["article"] != right]
    keys = {row["article"] for row in mine}
    if orphans or len(mine) != 2 or keys != {moved}:
        problems.append(f"reader list after a writer opened the moved article: {len(orphans)} orphans, keys {keys}")
    linked = [row for row in mine if row["id"] == first and len(row["links"]) == 1]
    if not linked:
        problems.append("the moved passage lost its link")
    ctx.said = (f"said: {said[0].split(': ', 2)[-1][:60] if said else 'nothing'}…; after a writer opened it: listed "
                f"under the new path, 0 orphans, link kept: {not orphans and bool(linked)}")
    assert not problems, problems


# ================================================================================================
# Security
# ================================================================================================
def test_09_lock_file_symlink_is_not_followed(ctx):
    left, _ = pair(ctx)
    victim = ctx.tmp / "victim.txt"
    victim.write_bytes(b"precious data that must survive\n" * 4)
    before = victim.read_bytes()
    os.makedirs(os.path.dirname(ctx.db))
    os.symlink(victim, ctx.db + ".lock")
    r = ctx.reader("annotate", left, "--quote", MAYOR_QUOTES[0])
    annotate(ctx, left, MAYOR_QUOTES[1], db=str(ctx.tmp / "other" / "s.json"))  # an ordinary store still works
    after = victim.read_bytes()
    ctx.said = f"annotate with a planted lock symlink: exit {r.rc} ({r.stderr.strip()[:100]}); target intact: {after == before}"
    assert after == before and r.clean_error, ctx.said


EVIL_NAME = b"evil\x1b]2;PWNED\x07 [@click=app.quit]x[b] \xe2\x80\xaeright.txt"


def test_10_file_names_are_inert_and_never_markup(ctx):
    evil = ctx.article("mayor-rebuttal", dest=EVIL_NAME)
    right = ctx.article("ice-union-allegation")
    out = str(ctx.tmp / "notes.md")
    runs = {
        "annotate": ctx.reader("annotate", evil, "--quote", MAYOR_QUOTES[0], "--tag", "claim"),
        "list": ctx.reader("list"),
        "list ARTICLE": ctx.reader("list", evil),
        "suggest": ctx.reader("suggest", evil, right, "--top", "3"),
        "export md": ctx.reader("export", evil, right),
        "export argdown": ctx.reader("export", evil, right, "--format", "argdown"),
        "export -o": ctx.reader("export", evil, right, "-o", out),
        "a missing file": ctx.reader("list", evil + "-missing"),
    }
    problems = []
    for what, r in runs.items():
        bad = hostile_bytes(r.out) + hostile_bytes(r.err)
        if bad or "Traceback" in r.stderr or (r.rc != 0 and not r.clean_error):
            problems.append(f"{what}: {bad[:3]} {r}")
    written = Path(out).read_bytes() if os.path.exists(out) else b""
    if hostile_bytes(written):
        problems.append(f"the Markdown file holds {hostile_bytes(written)[:3]}")
    if "[@click=app.quit]" not in runs["suggest"].stdout:
        problems.append("the name's [@click=...] did not reach suggest's header as text: read as markup?")
    ctx.said = ("; ".join(problems)[:300] if problems else
                f"{len(runs)} commands with ESC ] 2, BEL, U+202E and [@click=app.quit] in a file name: control bytes out: 0")
    assert not problems, problems


def test_11_notes_and_article_text_are_never_markup(ctx):
    left, right = pair(ctx)
    annotate(ctx, left, MAYOR_QUOTES[0], "--note", "see [/bold] here")
    annotate(ctx, left, MAYOR_QUOTES[1], "--note", "[link=https://evil.example]click[/link] me")
    problems = []
    plain_list = ctx.reader("list")
    if plain_list.rc != 0 or "[/bold]" not in plain_list.stdout or "[link=" not in plain_list.stdout:
        problems.append(f"list: {plain_list} {plain_list.stdout[-400:]!r}")
    term = ctx.reader("list", env=ctx.env(FORCE_COLOR="1", TTY_COMPATIBLE="1"))
    if term.rc != 0 or b"\x1b]8;" in term.out:
        problems.append(f"list on a terminal: OSC 8 hyperlink printed ({term})")
    marked = ctx.article(text="A Title\n\nThis sentence closes [/i] an italic that never opened. "
                              "Another [bold]bold[/bold] one, with the police and the union.\n\n"
                         + (Path(left).read_text()), dest="marked.txt")
    s = ctx.reader("suggest", marked, right, "--top", "50")
    if s.rc != 0 or "Traceback" in s.stderr:
        problems.append(f"suggest on an article with [/i]: {s}")
    ctx.said = f"list: exit {plain_list.rc}, [/bold] and [link=…] shown as text, OSC 8: none; suggest with [/i]: exit {s.rc}"
    assert not problems, problems


def test_12_reexport_keeps_a_private_mode(ctx):
    left, right = pair(ctx)
    annotate(ctx, left, MAYOR_QUOTES[0])
    problems = []
    for fmt in ("md", "w3c", "argdown"):
        out = ctx.tmp / f"private.{fmt}"
        assert ctx.reader("export", left, right, "--format", fmt, "-o", str(out)).rc == 0
        os.chmod(out, 0o600)
        annotate(ctx, left, MAYOR_QUOTES[2 if fmt == "md" else 3 if fmt == "w3c" else 4])
        r = ctx.reader("export", left, right, "--format", fmt, "-o", str(out))
        mode = stat.S_IMODE(os.stat(out).st_mode)
        if r.rc != 0 or mode != 0o600:
            problems.append(f"{fmt}: mode {mode:o} after re-export ({r})")
    ctx.said = "md, w3c, argdown re-exported over a 0600 file: still 0600" if not problems else "; ".join(problems)
    assert not problems, problems


def _read_fifo_while(fifo: str, cmd_run) -> tuple[bytes, object]:
    """Hold a FIFO's read end open (non-blocking) while cmd runs; return what came through."""
    import select

    fd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    got = bytearray()
    import threading

    result: dict = {}
    th = threading.Thread(target=lambda: result.setdefault("r", cmd_run()))
    th.start()
    try:
        while th.is_alive():
            ready, _, _ = select.select([fd], [], [], 0.05)
            if ready:
                try:
                    got += os.read(fd, 65536)
                except BlockingIOError:
                    pass
        while True:
            try:
                chunk = os.read(fd, 65536)
            except BlockingIOError:
                break
            if not chunk:
                break
            got += chunk
    finally:
        os.close(fd)
        th.join()
    return bytes(got), result.get("r")


def test_13_devices_and_fifos_are_written_in_place(ctx):
    left, right = pair(ctx)
    annotate(ctx, left, MAYOR_QUOTES[0])
    problems = []
    dev = str(ctx.tmp / "null")
    os.mknod(dev, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    r = ctx.reader("export", left, right, "-o", dev, timeout=20)
    if not stat.S_ISCHR(os.lstat(dev).st_mode):
        problems.append(f"the character device was replaced by a regular file ({r})")
    if r.rc is None or not r.clean_error:
        problems.append(f"device: {r}")
    fifo = str(ctx.tmp / "pipe")
    os.mkfifo(fifo)
    got, fr = _read_fifo_while(fifo, lambda: ctx.reader("export", left, right, "-o", fifo, timeout=20))
    if not stat.S_ISFIFO(os.lstat(fifo).st_mode):
        problems.append("the FIFO was replaced by a regular file")
    if fr is None or fr.rc != 0 or b"Reading notes" not in got:
        problems.append(f"FIFO with a reader: {fr}; {len(got)} bytes came through")
    lonely = ctx.reader("export", left, right, "-o", fifo, timeout=20)
    if lonely.rc is None or not lonely.clean_error or not stat.S_ISFIFO(os.lstat(fifo).st_mode):
        problems.append(f"FIFO without a reader: {lonely}")
    ctx.said = (f"char device: exit {r.rc}, still a device: {stat.S_ISCHR(os.lstat(dev).st_mode)}; FIFO read: "
                f"{len(got)} bytes, still a FIFO; FIFO unread: exit {lonely.rc} in {lonely.seconds:.1f} s")
    assert not problems, problems


# ================================================================================================
# Crashes and hangs
# ================================================================================================
@needs_tmux
def test_14_bad_tag_colour_is_a_one_line_error_before_the_tui(ctx):
    left, right = pair(ctx)
    Path(ctx.config).write_text('[tags]\nclaim = "notacolour"\n')
    t = ctx.tui(left, right)
    code = t.wait_exit(8)
    if code is None:  # the attacker's blank screen: do q and ctrl+c work?
        t.keys("q", "C-c", pause=0.5)
        code = t.wait_exit(4)
    screen = t.screen()
    lines = [ln for ln in screen.splitlines() if ln.strip()]
    ctx.said = f"exit {code}: {lines[0][:120] if lines else ''}"
    assert code == 78 and len(lines) == 1 and lines[0].startswith("reader: config"), ctx.said + "\n" + screen
    assert t.modes().get("alternate_on") == "0"


@needs_tmux
def test_15_empty_binding_and_markup_in_config(ctx):
    left, right = pair(ctx)
    problems = []
    said = []
    for name, cfg in {"quit = \"\"": '[keys]\nquit = ""\n', "a binding [b]": '[keys]\nquit = "q,[b]"\n',
                      "a tag named [b]": '[tags]\n"[b]" = "red"\n'}.items():
        Path(ctx.config).write_text(cfg)
        t = ctx.tui(left, right)
        code = t.wait_exit(8)
        screen = t.screen()
        lines = [ln for ln in screen.splitlines() if ln.strip()]
        if code is None:
            t.keys("?", "Escape", "t", pause=0.6)  # the screens that crashed
            crashed = t.wait_exit(3)
            problems.append(f"{name}: accepted at load; then ? and t: {'exit ' + str(crashed) if crashed is not None else 'ran'}")
        elif code != 78 or len(lines) != 1 or "Traceback" in screen:
            problems.append(f"{name}: exit {code}: {screen.strip()[-300:]}")
        said.append(f"{name}: exit {code}")
        t.close()
    # A legitimate but odd key ("[") and a new tag: ? and t work.
    Path(ctx.config).write_text('[keys]\nnext_sentence = "j,["\n[tags]\nrumour = "#ff8800"\n')
    t = ctx.tui(left, right)
    wait_paint(t)
    t.keys("?", pause=1.0)
    help_ok = t.running
    t.keys("Escape", "j", "t", pause=0.8)
    tag_ok = t.running
    t.keys("Escape", "q")
    t.wait_exit(15)
    if not (help_ok and tag_ok):
        problems.append(f"with a \"[\" key: ? ran: {help_ok}, t ran: {tag_ok}")
    ctx.said = "; ".join(said) + f"; a \"[\" key: ? and t work: {help_ok and tag_ok}"
    assert not problems, problems


def test_16_non_utf8_note_and_file_name(ctx):
    right = ctx.article("ice-union-allegation")
    odd = ctx.article("mayor-rebuttal", dest=b"caf\xe9-\xff.txt")
    problems = []
    runs = {
        "annotate --note with bytes": ctx.reader("annotate", odd, "--quote", MAYOR_QUOTES[0], "--note", b"caf\xe9 \xff note"),
        "list": ctx.reader("list"),
        "list --json": ctx.reader("list", "--json"),
        "export": ctx.reader("export", odd, right),
        "export w3c": ctx.reader("export", odd, right, "--format", "w3c"),
        "suggest": ctx.reader("suggest", odd, right, "--top", "3"),
        "a --tag with bytes": ctx.reader("annotate", odd, "--quote", MAYOR_QUOTES[1], "--tag", b"t\xe9"),
    }
    for what, r in runs.items():
        if r.rc is None or "Traceback" in r.stderr or not r.clean_error:
            problems.append(f"{what}: {r}")
    try:
        rows = json.loads(runs["list --json"].stdout)
        assert rows and "\ufffd" in rows[0]["note"]
    except (ValueError, AssertionError, KeyError, IndexError):
        problems.append(f"the note was not stored readably: {runs['list --json'].stdout[:200]!r}")
    ctx.said = ", ".join(f"{k}: {r.rc}" for k, r in runs.items())
    assert not problems, problems


@needs_tmux
@pytest.mark.slow  # a TUI check beyond the CLI one (the long run)
def test_16_tui_paints_an_article_with_a_non_utf8_name(ctx):
    odd = ctx.article("mayor-rebuttal", dest=b"caf\xe9-\xff.txt")
    right = ctx.article("ice-union-allegation")
    t = ctx.tui(odd, right)
    painted = t.wait_for("Portland", 20)
    t.keys("j", "h", pause=0.5)
    running = t.running
    t.keys("q")
    t.wait_exit(15)
    ctx.said = f"first paint: {painted}; still running after a highlight: {running}"
    assert painted and running, t.screen()


@pytest.mark.parametrize("version", [0, -1])
def test_17_schema_version_zero_or_negative(ctx, version):
    left, _ = pair(ctx)
    os.makedirs(os.path.dirname(ctx.db))
    data = {"meta": {"1": {"schema_version": version}},
            "annotations": {"1": {"id": "a", "doc": left, "tags": [], "note": "", "target": {"selector": [
                {"type": "TextQuoteSelector", "exact": MAYOR_QUOTES[0], "prefix": "", "suffix": ""}]}}}}
    raw = json.dumps(data).encode()
    Path(ctx.db).write_bytes(raw)
    runs = [ctx.reader("list"), ctx.reader("list", "--json"), ctx.reader("annotate", left, "--quote", MAYOR_QUOTES[1])]
    bad = [str(r) for r in runs if r.rc == 0 or not r.clean_error]
    ctx.said = f"schema_version {version}: exits {[r.rc for r in runs]}: {runs[0].stderr.strip()[:100]}"
    assert not bad and Path(ctx.db).read_bytes() == raw, bad


def test_18_unusable_cache_dir_copy(ctx):
    left, right = pair(ctx)
    annotate(ctx, left, MAYOR_QUOTES[0])
    blocker = ctx.tmp / "not-a-dir"
    blocker.write_text("a file where the cache folder should be")
    env = ctx.env(XDG_CACHE_HOME=str(blocker / "cache"), READER_CLIPBOARD="file")
    r = ctx.reader("export", left, right, "--copy", env=env)
    ctx.said = f"export --copy, cache dir unusable: exit {r.rc}: {r.stderr.strip()[:120]}"
    assert r.rc is not None and r.clean_error and "Traceback" not in r.stderr, str(r)
    assert "Reading notes" in r.stdout


@needs_tmux
@pytest.mark.slow  # a TUI check beyond the CLI one (the long run)
def test_18_tui_copy_with_unusable_cache_dir(ctx):
    left, right = pair(ctx)
    blocker = ctx.tmp / "not-a-dir"
    blocker.write_text("x")
    t = ctx.tui(left, right, env=ctx.env(XDG_CACHE_HOME=str(blocker / "cache"), READER_CLIPBOARD="file"))
    wait_paint(t)
    t.keys("j", "v", "j", "y", pause=0.5)
    time.sleep(1.5)
    running = t.running
    screen = t.screen()
    t.keys("Escape", "q")
    t.wait_exit(15)
    ctx.said = f"y with an unusable cache dir: the reader {'kept running' if running else 'died'}"
    assert running, screen


def test_19_fifos_devices_and_bad_environment_never_hang(ctx):
    left, right = pair(ctx)
    annotate(ctx, left, MAYOR_QUOTES[0])
    fifo = str(ctx.tmp / "out.fifo")
    os.mkfifo(fifo)
    dbfifo = str(ctx.tmp / "db.fifo")
    os.mkfifo(dbfifo)
    runs = {
        "export -o FIFO (nobody reading)": ctx.reader("export", left, right, "-o", fifo, timeout=15),
        "--db FIFO": ctx.reader("list", "--db", dbfifo, timeout=15),
        "READER_DB=/dev/zero": ctx.reader("list", env=ctx.env(READER_DB="/dev/zero"), timeout=15),
        "READER_LOCK_WAIT=abc": ctx.reader("annotate", left, "--quote", MAYOR_QUOTES[1],
                                           env=ctx.env(READER_LOCK_WAIT="abc"), timeout=15),
        "READER_CLIPBOARD=bogus": ctx.reader("export", left, right, "--copy", env=ctx.env(READER_CLIPBOARD="bogus"),
                                             timeout=15),
    }
    problems = [f"{k}: {r}" for k, r in runs.items() if r.rc is None or r.rc == 0 or not r.clean_error
                or "MemoryError" in r.stderr or r.seconds > 10]
    problems += [f"{k}: exit {runs[k].rc}, want 78" for k in ("READER_LOCK_WAIT=abc", "READER_CLIPBOARD=bogus")
                 if runs[k].rc != 78]
    # -o /dev/stdout, stdout a pipe that is read
    piped = ctx.reader("export", left, right, "-o", "/dev/stdout", timeout=15)
    if piped.rc != 0 or "Reading notes" not in piped.stdout:
        problems.append(f"-o /dev/stdout (a pipe): {piped}")
    ctx.said = "; ".join(f"{k}: exit {r.rc} in {r.seconds:.1f} s" for k, r in runs.items()) + \
        f"; -o /dev/stdout piped: exit {piped.rc} in {piped.seconds:.1f} s"
    assert not problems, problems


MEASURE = ("import resource, sys\nfrom reader.cli import main\nrc = 1\ntry:\n    rc = main(sys.argv[1:])\nfinally:\n"
           "    print('MAXRSS', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,"
           " resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024, file=sys.stderr)\nsys.exit(rc)\n")


def _fake_clipboard(ctx: Ctx, body: str) -> dict[str, str]:
    bin_dir = ctx.tmp / "fakebin"
    bin_dir.mkdir(exist_ok=True)
    for tool in ("xclip", "xsel"):
        p = bin_dir / tool
        p.write_text("#!/bin/sh\n" + body)
        p.chmod(0o755)
    return ctx.env(PATH=f"{bin_dir}:{os.environ.get('PATH', '/usr/bin:/bin')}", DISPLAY=":99", READER_CLIPBOARD="pyperclip")


def test_20_flooding_or_hanging_clipboard_tool(ctx):
    left, right = pair(ctx)
    annotate(ctx, left, MAYOR_QUOTES[0])
    problems, said = [], []
    floods = {
        "floods stdout on paste": 'case "$*" in *-o*) exec yes AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA ;;'
                                  ' *) cat >/dev/null ;; esac\n',
    }
    if os.environ.get("HOLES_LONG") or OLD:  # 3 s more (it runs to the time limit): the long run
        floods["floods stderr on copy"] = "cat >/dev/null; exec yes BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB >&2\n"
    for name, body in floods.items():
        env = _fake_clipboard(ctx, body)
        r = run_measured([PY, "-c", MEASURE, "export", left, right, "--copy"], env=env, timeout=30)
        m = re.search(r"MAXRSS (\d+) (\d+)", r.stderr)
        own, children = (int(m.group(1)), int(m.group(2))) if m else (-1, -1)
        said.append(f"{name}: exit {r.rc} in {r.seconds:.1f} s, peak RSS reader {own} MB, its children {children} MB, "
                    f"the whole tree {r.maxrss_mb:.0f} MB")
        if r.rc is None or own < 0 or own > 300 or r.maxrss_mb > 600:
            problems.append(said[-1])
    pids = ctx.tmp / "pids"
    env = _fake_clipboard(ctx, f"echo $$ >> {pids}\nsleep 1000 &\necho $! >> {pids}\nwait\n")
    r = ctx.reader("export", left, right, "--copy", env=env, timeout=30)
    time.sleep(0.3)
    left_running = [int(p) for p in pids.read_text().split()] if pids.exists() else []
    survivors = [p for p in left_running if alive(p)]
    for p in survivors:
        os.kill(p, signal.SIGKILL)
    said.append(f"hangs: exit {r.rc} in {r.seconds:.1f} s, {len(survivors)} of {len(left_running)} tool processes left running")
    if r.rc is None or survivors or not left_running or r.seconds > 10:
        problems.append(said[-1])
    ctx.said = "; ".join(said)
    ctx.figures = {"flood_rss_mb": max((float(x) for x in re.findall(r"whole tree (\d+)", ctx.said)), default=0)}
    assert not problems, problems


# ================================================================================================
# Wrong output
# ================================================================================================
def _claim_and_answer(ctx: Ctx, claim_article: str, answer_article: str, relation: str = "rebuts") -> None:
    c = annotate(ctx, claim_article, MAYOR_QUOTES[0], "--tag", "claim")
    a = annotate(ctx, answer_article, "Portland Police Refused to Respond", "--tag", "denial")
    r = ctx.reader("link", a, c, "--relation", relation)
    assert r.rc == 0, str(r)


def test_21_names_cannot_break_the_markdown(ctx):
    from markdown_it import MarkdownIt

    piped = ctx.article("mayor-rebuttal", dest="mayor|piped|name.txt")
    newline = ctx.article("ice-union-allegation", dest="ice\n# Injected heading\n.txt")
    _claim_and_answer(ctx, piped, newline)
    marker = ctx.article("mayor-rebuttal", dest="n<!-- reader:end -->x.txt")
    plain_ice = ctx.article("ice-union-allegation")
    _claim_and_answer(ctx, marker, plain_ice)
    problems = []
    out = ctx.tmp / "notes.md"
    r = ctx.reader("export", piped, newline, "-o", str(out))
    text = out.read_text()
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    if r.rc != 0 or any("Injected" in h for h in headings):
        problems.append(f"a newline in a name made a heading: {headings}")
    rows, cells = 0, []
    for i, t in enumerate(tokens):
        if t.type == "tr_open":
            rows += 1
            n = 0
            j = i + 1
            while tokens[j].type != "tr_close":
                n += tokens[j].type in ("td_open", "th_open")
                j += 1
            cells.append(n)
    if not rows or any(n != 4 for n in cells):
        problems.append(f"the dispute table's rows have {cells} cells (want 4 each)")
    out2 = ctx.tmp / "again.md"
    sizes = []
    for _ in range(3):
        r = ctx.reader("export", marker, plain_ice, "-o", str(out2))
        sizes.append(out2.stat().st_size if out2.exists() else 0)
    if len(set(sizes)) != 1 or r.rc != 0:
        problems.append(f"an end marker in a name: the file grew over 3 exports: {sizes} ({r})")
    ctx.said = f"table rows {len(cells)} with {set(cells)} cells; headings injected: 0; 3 re-exports, sizes {sizes}"
    assert not problems, problems


ARGDOWN_LINE = re.compile(r"^(===|title: .*|# .*|\[P\d+\]: .*|  [-+] \[P\d+\]: .*|"
                          r"  [-+] \[P\d+\](?: #qualifies)?(?: // note: .*)?|  // .*)$")


def _unescaped(text: str) -> str:
    """What Argdown's lexer sees as special: the text with escaped characters removed."""
    return re.sub(r"\\.", "", text)


def test_22_argdown_export_by_the_lexer_rules(ctx):
    body = ("Crime Report\n\nThe report at https://example.com/report?a=1 says crime fell by half. "
            "Critics said {data: none} was ever shown, /* or so */ they claim.\n\n"
            "A later paragraph says crime fell by half again.\n")
    claim_art = ctx.article(text=body, dest="report\n[P9]: injected statement.txt")
    answer_art = ctx.article("ice-union-allegation")
    c = annotate(ctx, claim_art, "The report at https://example.com/report?a=1 says crime fell by half.", "--tag", "claim")
    c2 = annotate(ctx, claim_art, "Critics said {data: none} was ever shown, /* or so */ they claim.", "--tag", "claim")
    a = annotate(ctx, answer_art, "Portland Police Refused to Respond", "--tag", "denial")
    assert ctx.reader("link", a, c, "--relation", "rebuts").rc == 0
    assert ctx.reader("link", a, c2, "--relation", "qualifies").rc == 0
    rep = annotate(ctx, answer_art, "In cease and desist letter")
    assert ctx.reader("link", rep, c, "--relation", "repeats").rc == 0
    r = ctx.reader("export", claim_art, answer_art, "--format", "argdown")
    problems = []
    lines = [ln for ln in r.stdout.splitlines() if ln.strip()]
    stray = [ln for ln in lines if not ARGDOWN_LINE.match(ln)]
    if r.rc != 0 or stray:
        problems.append(f"lines that are none of ours (injected?): {stray[:3]} ({r})")
    statements = [ln for ln in lines if re.match(r"^(  [-+] )?\[P\d+\]: ", ln)]
    for ln in statements:
        seen = _unescaped(ln.split("]: ", 1)[1])
        for token in ("//", "/*", "<!--", "{", "}"):
            if token in seen:
                problems.append(f"unescaped {token!r} (a comment or YAML data to Argdown): {ln[:120]}")
                break
    claims = [ln for ln in statements if "crime fell" in ln and not ln.startswith("  ")]
    if not claims or not all(_unescaped(ln).rstrip().endswith("#claim") for ln in claims):
        problems.append(f"a claim lost its #claim tag: {claims}")
    if str(ctx.tmp) in r.stdout:
        problems.append("an absolute local path leaked into the export")
    ctx.said = f"{len(lines)} lines, all of known forms; URLs, braces, /* */ escaped; no local path: {str(ctx.tmp) not in r.stdout}"
    assert not problems, problems


def test_23a_tag_with_a_comma_is_two_tags(ctx):
    left, _ = pair(ctx)
    annotate(ctx, left, MAYOR_QUOTES[0], "--tag", "a,b")
    tags = [a.get("tags") for a in stored(ctx.db)]
    helptext = ctx.reader("annotate", "--help").stdout
    ctx.said = f'--tag "a,b" stored {tags}; documented in --help: {"comma" in helptext}'
    assert tags == [["a", "b"]] and "comma" in helptext, ctx.said


def test_23b_w3c_source_uris_are_percent_encoded(ctx):
    odd = ctx.article("mayor-rebuttal", dest="my article #1 100%.txt")
    right = ctx.article("ice-union-allegation")
    annotate(ctx, odd, MAYOR_QUOTES[0])
    r = ctx.reader("export", odd, right, "--format", "w3c")
    items = json.loads(r.stdout)
    sources = {t["source"] for i in items for t in ([i["target"]] if isinstance(i["target"], dict) else i["target"])}
    bad = [s for s in sources if re.search(r"[ #%](?![0-9A-Fa-f]{2})", s.split(":", 1)[1]) or " " in s]
    ctx.said = f"source: {sorted(sources)}"
    assert sources and not bad and Path(odd).as_uri() in sources, ctx.said


def test_23c_whitespace_only_imported_quote_is_not_anchored(ctx):
    left, _ = pair(ctx)
    items = [{"type": "Annotation", "id": "urn:uuid:11111111-0000-4000-8000-000000000001", "motivation": "commenting",
              "body": [{"type": "TextualBody", "value": "blank quote", "purpose": "commenting"}],
              "target": {"source": Path(left).as_uri(), "selector": [
                  {"type": "TextQuoteSelector", "exact": "\n\n", "prefix": "Inaccurate and Inflammatory”",
                   "suffix": "\"I did not"}]}}]
    f = ctx.tmp / "blank.json"
    f.write_text(json.dumps(items))
    r = ctx.reader("import", str(f))
    rows = json.loads(ctx.reader("list", "--json").stdout or "[]")  # anchored anywhere, in any article
    anchored = [row for row in rows if row["status"] != "orphan"]
    ctx.said = f"import: exit {r.rc}: {r.stderr.strip()[:100]}; anchored: {len(anchored)}"
    assert r.clean_error and not anchored, ctx.said


@needs_tmux
def test_23d_full_disk_at_start_still_opens(ctx):
    left, right = pair(ctx)
    annotate(ctx, left, MAYOR_QUOTES[0])
    code = ("import resource, sys\nresource.setrlimit(resource.RLIMIT_FSIZE, (1, 1))\n"
            "from reader.cli import main\nsys.exit(main(sys.argv[1:]))\n")
    t = ctx.tui(left, right, code=code)
    painted = t.wait_for("Portland", 20)
    screen = t.screen()
    t.keys("q")
    code_ = t.wait_exit(15)
    ctx.said = f"no space for a byte at start: the TUI {'opened' if painted else 'refused'} (exit {code_})"
    assert painted, screen


def test_23e_schema_1_migration_keeps_list_tags(ctx):
    left, _ = pair(ctx)
    os.makedirs(os.path.dirname(ctx.db))
    v1 = {"annotations": {"1": {"id": "v1-a", "article": left, "quote": MAYOR_QUOTES[0], "tags": ["alpha", "beta"]},
                          "2": {"id": "v1-b", "article": left, "quote": MAYOR_QUOTES[1], "tag": "gamma"}}}
    Path(ctx.db).write_text(json.dumps(v1))
    r = ctx.reader("list", "--json")
    rows = json.loads(r.stdout) if r.rc == 0 else []
    tags = {row["id"]: row["tags"] for row in rows}
    ctx.said = f"schema 1 tags after migration: {tags}"
    assert tags.get("v1-a") == ["alpha", "beta"] and tags.get("v1-b") == ["gamma"], f"{ctx.said} {r}"


def test_23f_bidi_overrides_are_made_visible(ctx):
    body = "Bidi Title\n\nThe amount was \u202e0001$\u202c, said the clerk. Next sentence here.\n"
    art = ctx.article(text=body, dest="bidi.txt")
    right = ctx.article("ice-union-allegation")
    annotate(ctx, art, "The amount was", "--note", "note with \u202e reversed \u2066 isolate")
    outs = {"list": ctx.reader("list"), "export md": ctx.reader("export", art, right),
            "export argdown": ctx.reader("export", art, right, "--format", "argdown"),
            "suggest": ctx.reader("suggest", art, right, "--top", "3")}
    bad = {k: hostile_bytes(r.out + r.err) for k, r in outs.items() if hostile_bytes(r.out + r.err) or r.rc != 0}
    ctx.said = f"U+202E and U+2066 in an article and a note: passed through in {len(bad)} of {len(outs)} outputs"
    assert not bad, bad


# ================================================================================================
# Load
# ================================================================================================
LOAD_DRIVER = r"""
import asyncio, json, statistics, sys, time
try:
    from reader.core.sources.articles import load_document
    from reader.core.store.store import Store
    from reader.core.services.workspace import Workspace
except ImportError:  # the older tree's layout
    from reader.core.articles import load_document
    from reader.core.store import Store
    from reader.core.workspace import Workspace
from reader.core.config import Config
from reader.tui.app import ReaderApp

article, other, n_keys, cap = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
docs = [load_document(article), load_document(other)]

async def measure(db):
    t = time.perf_counter()
    store = Store.open(db)
    ws = Workspace(store, docs)
    opened = time.perf_counter() - t
    app = ReaderApp(ws, Config())
    out = {"open_s": opened}
    async with app.run_test(size=(120, 40)) as pilot:
        t = time.perf_counter()
        await pilot.pause()
        out["paint_s"] = time.perf_counter() - t

        async def key(k):
            c, w = time.process_time(), time.perf_counter()
            await pilot.press(k)
            await pilot.pause()
            return time.process_time() - c, time.perf_counter() - w

        js = []
        for _ in range(n_keys):
            js.append(await key("j"))
            if js[-1][1] > cap:
                break
        out["j_cpu_ms"] = statistics.median(c for c, _w in js) * 1000
        out["j_wall_ms"] = statistics.median(w for _c, w in js) * 1000
        out["a_s"] = (await key("a"))[1]
        typed = []
        for ch in "police"[: max(1, min(6, n_keys // 3))]:
            typed.append(await key(ch))
            if typed[-1][1] > cap:
                break
        out["filter_key_ms"] = statistics.median(w for _c, w in typed) * 1000
        await pilot.press("escape")
    store.close()
    return out

print(json.dumps({"empty": asyncio.run(measure(sys.argv[5])), "full": asyncio.run(measure(sys.argv[6]))}))
"""


def _big_store(path: str, text: str, key: str, n: int) -> None:
    """A schema-2 store (both trees read it) of n annotations spread over text's sentences."""
    spans = [(m.start(), m.end()) for m in re.finditer(r"[A-Z][^.?!\n]{8,}[.?!]", text)]
    anns = {}
    for i in range(n):
        s, e = spans[(i * 7) % len(spans)]
        anns[str(i + 1)] = {
            "id": f"00000000-0000-4000-8000-{i:012x}", "doc": key, "tags": ["claim" if i % 3 else "denial"],
            "note": f"note {i}", "created": "2024-01-01T00:00:00Z", "updated": "2024-01-01T00:00:00Z",
            "target": {"source": key, "fingerprint": "", "selector": [
                {"type": "TextQuoteSelector", "exact": text[s:e], "prefix": text[max(0, s - 32):s], "suffix": text[e:e + 32]},
                {"type": "TextPositionSelector", "start": s, "end": e}]}}
    os.makedirs(os.path.dirname(path), exist_ok=True)
    Path(path).write_text(json.dumps({"meta": {"1": {"schema_version": 2}}, "annotations": anns}))


def _load_case(ctx: Ctx, n: int, keys: int) -> dict:
    from bench.corpus import generated

    text = generated(400_000, seed=24)
    art = ctx.article(text=text, dest="long.txt")
    other = ctx.article("mayor-rebuttal")
    full = str(ctx.tmp / "full" / "s.json")
    _big_store(full, text, art, n)
    empty = str(ctx.tmp / "empty" / "s.json")
    r = ctx.reader(art, other, "10" if OLD else str(keys), "5", empty, full, code=LOAD_DRIVER, timeout=900)
    assert r.rc == 0, str(r)
    return json.loads(r.stdout.strip().splitlines()[-1])


@pytest.mark.slow
def test_24_fifty_thousand_annotations_on_one_article(ctx):
    res = _load_case(ctx, 50_000, 20)
    _judge_load(ctx, res, 50_000)


def test_24_ten_thousand_annotations_on_one_article(ctx):
    """The short version of 24 (CI): 10,000 annotations, 12 keys."""
    res = _load_case(ctx, 10_000, 12)
    _judge_load(ctx, res, 10_000)


def _judge_load(ctx: Ctx, res: dict, n: int) -> None:
    e, f = res["empty"], res["full"]
    ratio = f["j_cpu_ms"] / max(e["j_cpu_ms"], 1.0)
    ctx.figures = {"j_ratio": ratio, "j_ms": f["j_cpu_ms"], "a_s": f["a_s"], "filter_ms": f["filter_key_ms"],
                   "paint_s": f["paint_s"]}
    ctx.said = (f"{n:,} annotations: open + anchor {f['open_s']:.1f} s; first paint {f['paint_s']:.2f} s (empty "
                f"{e['paint_s']:.2f}); j: {f['j_cpu_ms']:.0f} ms CPU per key, {ratio:.2f}x an empty store; a: {f['a_s']:.2f} s; "
                f"a key in its filter: {f['filter_key_ms']:.0f} ms")
    assert ratio <= 3.0 and f["a_s"] < 3.0 and f["filter_key_ms"] < 1500, ctx.said


def _reanchor_case(ctx: Ctx, size: int, quote_len: int) -> None:
    from bench.corpus import generated

    text = generated(size, seed=25)
    s = text.index("\n\n", size // 3) + 2
    e = s + quote_len
    while text[e - 1] != " ":
        e -= 1
    quote = text[s:e - 1]
    art = ctx.article(text=text, dest="big.txt")
    annotate(ctx, art, quote)
    mid = s + quote_len // 2
    w0 = text.index(" ", mid) + 1
    w1 = text.index(" ", w0)
    Path(art).write_text(text[:w0] + "CHANGED" + text[w1:])
    opens = [ctx.reader("list", art, "--json", timeout=300) for _ in range(2)]
    rows = json.loads(opens[1].stdout) if opens[1].rc == 0 else []
    # An import of a 2 MB quote, then every later list.
    left = ctx.article("mayor-rebuttal")
    huge = {"type": "Annotation", "id": "urn:uuid:22222222-0000-4000-8000-000000000002", "motivation": "highlighting",
            "target": {"source": Path(left).as_uri(), "selector": [
                {"type": "TextQuoteSelector", "exact": Path(left).read_text() * (2_000_000 // len(Path(left).read_text()) + 1),
                 "prefix": "",
                 "suffix": ""}]}}
    f = ctx.tmp / "huge.json"
    f.write_text(json.dumps([huge]))
    imp = ctx.reader("import", str(f), timeout=120)
    lists = [ctx.reader("list", timeout=300) for _ in range(2)]
    ctx.figures = {"second_open_s": opens[1].seconds, "list_after_import_s": lists[1].seconds}
    ctx.said = (f"one word changed in a {quote_len // 1000} KB highlight of a {size / 1e6:.0f} MB article: opens "
                f"{opens[0].seconds:.1f} s then {opens[1].seconds:.1f} s ({rows[0]['status'] if rows else '?'}); a "
                f"{len(huge['target']['selector'][0]['exact']) / 1e6:.0f} MB imported quote: import {imp.seconds:.1f} s, "
                f"then list {lists[0].seconds:.1f} s, {lists[1].seconds:.1f} s")
    assert opens[1].rc == 0 and rows and rows[0]["status"] == "changed", ctx.said
    assert opens[1].seconds < 4.0 and lists[1].seconds < 4.0 and all(r.rc == 0 for r in lists), ctx.said


def test_25_reanchoring_is_not_quadratic(ctx):
    _reanchor_case(ctx, 1_000_000, 50_000)


@needs_tmux
def test_25_second_tui_open_after_an_edit(ctx):
    """The TUI opened twice after a one-word edit inside a 50 KB highlight of a 1 MB article:
    how long until it is idle (painted, every passage placed), the second time."""
    from bench.corpus import generated

    text = generated(1_000_000, seed=26)
    s = text.index("\n\n", 400_000) + 2
    quote = text[s:s + 50_000].rsplit(" ", 1)[0]
    art = ctx.article(text=text, dest="big.txt")
    other = ctx.article("mayor-rebuttal")
    annotate(ctx, art, quote)
    w0 = text.index(" ", s + 25_000) + 1
    Path(art).write_text(text[:w0] + "CHANGED" + text[text.index(" ", w0):])
    times, cpu = [], []
    for _ in range(2):
        t = ctx.tui(art, other)
        wait_paint(t, "Generated Text", 60)
        times.append(t.idle_after(60))
        cpu.append(t.cpu_seconds())
        t.keys("q")
        t.wait_exit(30)
    rows = json.loads(ctx.reader("list", art, "--json").stdout or "[]")
    ctx.figures = {"tui_second_open_s": times[1]}
    ctx.said = (f"TUI after a one-word edit in a 50 KB highlight of a 1 MB article: idle after {times[0]:.1f} s "
                f"({cpu[0]:.1f} s CPU), then {times[1]:.1f} s ({cpu[1]:.1f} s CPU); the passage "
                f"{rows[0]['status'] if rows else '?'}")
    assert times[1] < 5.0 and rows and rows[0]["status"] == "changed", ctx.said


# ================================================================================================
# Classes: property and fuzz tests
# ================================================================================================
PATHS_DRIVER = r"""
import io, json, os, stat, sys, tempfile, time, contextlib
from hypothesis import HealthCheck, given, settings, strategies as st
from reader.cli import main

base, article, other, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
os.environ["READER_LOCK_WAIT"] = "0"
failures, seen = [], {}

def kind_of(p):
    try:
        m = os.lstat(p).st_mode
    except FileNotFoundError:
        return "missing"
    return ("link" if stat.S_ISLNK(m) else "fifo" if stat.S_ISFIFO(m) else "chr" if stat.S_ISCHR(m)
            else "dir" if stat.S_ISDIR(m) else "file")

def digest(paths):
    out = {}
    for p in paths:
        try:
            with open(p, "rb", opener=lambda q, f: os.open(q, f | os.O_NONBLOCK)) as fh:
                out[p] = (kind_of(p), fh.read() if kind_of(p) in ("file", "link") else b"")
        except OSError:
            out[p] = (kind_of(p), None)
    return out

KINDS = ["store", "lock", "shard", "backup-manifest", "article", "other-article", "symlink-to-store",
         "symlink-to-article", "hardlink-to-store", "hardlink-to-article", "chr", "fifo", "dangling-into-shards",
         "dir", "plain-new", "plain-existing"]
WRITERS = ["export-md", "export-w3c", "export-argdown", "annotate-db", "clipboard-file"]
PROTECTED = ("store", "lock", "shard", "backup-manifest", "article", "other-article", "symlink-to-store",
             "symlink-to-article", "hardlink-to-store", "hardlink-to-article", "dangling-into-shards")

def quiet(argv):
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        return main(argv)

def case(writer, kind, name):
    work = tempfile.mkdtemp(dir=base)
    db = os.path.join(work, "store", "s.json")
    os.environ.update({"READER_DB": db, "XDG_CACHE_HOME": os.path.join(work, "cache"), "READER_CLIPBOARD": "file"})
    art, other_art = os.path.join(work, "a.txt"), os.path.join(work, "b.txt")
    for src, dst in ((article, art), (other, other_art)):
        with open(src, "rb") as s, open(dst, "wb") as d:
            d.write(s.read())
    assert quiet(["annotate", art, "--quote", "No such policy exists"]) == 0
    assert quiet(["annotate", art, "--quote", "He asked Riddell"]) == 0  # a second session: backups exist
    shard_dir = db + ".d"
    files = [os.path.join(r, f) for r, _d, fs in os.walk(shard_dir) for f in fs] if os.path.isdir(shard_dir) else []
    shards = sorted(f for f in files if os.path.dirname(f) == shard_dir)
    manifests = sorted(f for f in files if f.endswith("manifest.json"))
    direct = {"store": db, "lock": db + ".lock", "shard": shards[0] if shards else os.path.join(shard_dir, "a-x.json"),
              "backup-manifest": manifests[0] if manifests else os.path.join(shard_dir, "backups", "m.json"),
              "article": art, "other-article": other_art}
    if writer == "clipboard-file":
        os.makedirs(os.path.join(work, "cache", "reader"), exist_ok=True)
        target = os.path.join(work, "cache", "reader", "clipboard.md")
    else:
        target = direct.get(kind) or os.path.join(work, "t " + name)
    if kind in direct and target != direct[kind]:
        os.symlink(direct[kind], target)
    elif kind == "symlink-to-store": os.symlink(db, target)
    elif kind == "symlink-to-article": os.symlink(art, target)
    elif kind == "hardlink-to-store": os.link(db, target)
    elif kind == "hardlink-to-article": os.link(art, target)
    elif kind == "chr": os.mknod(target, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    elif kind == "fifo": os.mkfifo(target)
    elif kind == "dangling-into-shards": os.symlink(os.path.join(shard_dir, "new.json"), target)
    elif kind == "dir": os.mkdir(target)
    elif kind == "plain-existing":
        with open(target, "w") as fh:
            fh.write("mine\n")
    if writer == "annotate-db" and kind in ("store", "symlink-to-store", "plain-new"):
        return  # writing a store there is the job
    watched = [db, db + ".lock", art, other_art] + files
    before = digest(watched)
    tkind = kind_of(target)
    argv = {"export-md": ["export", art, other_art, "-o", target],
            "export-w3c": ["export", art, other_art, "--format", "w3c", "-o", target],
            "export-argdown": ["export", art, other_art, "--format", "argdown", "-o", target],
            "annotate-db": ["annotate", art, "--quote", "Wheeler also says the lawyer", "--db", target],
            "clipboard-file": ["export", art, other_art, "--copy"]}[writer]
    err = io.StringIO()
    t = time.monotonic()
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
            rc = main(argv)
    except BaseException as exc:
        failures.append(f"{writer}/{kind}: raised {type(exc).__name__}: {exc}")
        return
    dt = time.monotonic() - t
    after = digest(watched)
    lines = [l for l in err.getvalue().splitlines() if l.strip() and not l.startswith(("reader: note:", "reader: exported"))]
    key = f"{writer}/{kind}"
    seen[key] = rc
    changed = [p for p in watched if before.get(p) != after.get(p)]
    if changed:
        failures.append(f"{key}: changed {changed} (exit {rc})")
    replaced_link = writer == "clipboard-file" and tkind == "link" and kind_of(target) == "file"  # not followed
    if tkind not in ("missing",) and kind_of(target) != tkind and not replaced_link:
        failures.append(f"{key}: the target went from {tkind} to {kind_of(target)}")
    if rc != 0 and len(lines) != 1:
        failures.append(f"{key}: exit {rc} with {len(lines)} lines: {lines[:3]}")
    if writer.startswith("export") and kind in PROTECTED and rc == 0:
        failures.append(f"{key}: accepted")
    if dt > 5:
        failures.append(f"{key}: took {dt:.1f} s")

@settings(max_examples=n, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(st.sampled_from(WRITERS), st.sampled_from(KINDS), st.text("ab-_ [].#%\u202e\x1b", min_size=1, max_size=8))
def prop(writer, kind, name):
    case(writer, kind, name)

for w in WRITERS:  # every pair once, then random names
    for k in KINDS:
        case(w, k, "out")
prop()
print(json.dumps({"failures": failures[:20], "cases": len(seen), "refused": sum(1 for v in seen.values() if v),
                  "table": seen}))
"""


def test_class_every_written_path_is_checked(ctx):
    """Property: whatever a writer is pointed at (symlink, device, FIFO, store companion, open
    article, hard link), no protected file changes, no special file is replaced, nothing hangs,
    and a refusal is one line."""
    n = "30" if not os.environ.get("HOLES_LONG") else "400"
    left, right = pair(ctx)
    r = ctx.reader(str(ctx.tmp), left, right, n, code=PATHS_DRIVER, timeout=240)
    res = json.loads(r.stdout.strip().splitlines()[-1]) if r.rc == 0 and r.stdout.strip() else {"failures": [str(r)]}
    ctx.said = (f"all {res.get('cases', 0)} writer/target pairs (and {n} random names): {res.get('refused', 0)} refused, "
                f"none changed a protected file or replaced a device or FIFO; failures: {len(res['failures'])}")
    assert not res["failures"], res["failures"]


TEXT_DRIVER = r"""
import contextlib, io, json, os, sys, tempfile
import rich.markup
from hypothesis import HealthCheck, given, settings, strategies as st
from reader.cli import main

base, article, other, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])

def no_markup(*a, **k):
    raise AssertionError("user text was parsed as Rich markup")
rich.markup.render = no_markup  # nothing the reader prints may go through the markup parser
import rich.text
rich.text.render = no_markup
try:
    import rich.console
    rich.console.render_markup = no_markup
except Exception:
    pass

PIECES = ["[bold]", "[/]", "[/i]", "[@click=app.quit]", "[link=https://e.example]", "\x1b]2;T\x07", "\x1b[2J",
          "\x9b31m", "\u202e", "\u2066", "\x00", "\r", "\x7f", "<!-- reader:end -->", "|", "# h", "{x}", "//", "\ud800"]
hostile = st.lists(st.one_of(st.sampled_from(PIECES), st.text("abc xyz.,", min_size=1, max_size=6)),
                   min_size=1, max_size=6).map("".join)
BAD = [chr(c) for c in list(range(0, 9)) + list(range(11, 32)) + list(range(0x7f, 0xa0))] + ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]
failures = []

def run(argv):
    out, err = io.BytesIO(), io.BytesIO()
    o = io.TextIOWrapper(out, encoding="utf-8", errors="surrogateescape", write_through=True)
    e = io.TextIOWrapper(err, encoding="utf-8", errors="surrogateescape", write_through=True)
    try:
        with contextlib.redirect_stdout(o), contextlib.redirect_stderr(e):
            rc = main(argv)
    except BaseException as exc:
        return None, f"{type(exc).__name__}: {exc}"
    o.flush(); e.flush()
    return rc, (out.getvalue() + err.getvalue()).decode("utf-8", "replace")

@settings(max_examples=n, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(note=hostile, name=hostile, sentence=hostile)
def prop(note, name, sentence):
    work = tempfile.mkdtemp(dir=base)
    os.environ["READER_DB"] = os.path.join(work, "s.json")
    safe = name.replace("/", "_").replace("\x00", "0")
    fname_b = os.fsencode(work) + b"/" + safe.encode("utf-8", "surrogatepass") + b".txt"
    fname = os.fsdecode(fname_b)
    body = "A Title\n\nFirst words " + sentence + " end. " + open(article, encoding="utf-8").read()
    try:
        with open(fname_b, "wb") as fh:
            fh.write(body.encode("utf-8", "surrogatepass"))
    except OSError:
        return
    steps = [["annotate", fname, "--quote", "No such policy exists", "--note", note, "--tag", "claim"],
             ["annotate", other, "--quote", "Portland Police Refused to Respond", "--note", note]]
    for argv in steps:
        rc, text = run(argv)
        if rc != 0:
            failures.append(f"{argv[0]}: exit {rc}: {text[-200:]}")
            return
    for argv in (["list"], ["list", fname], ["suggest", fname, other, "--top", "5"],
                 ["suggest", fname, other, "--for", "No such policy exists"], ["export", fname, other],
                 ["export", fname, other, "--format", "argdown"], ["list", fname + "-gone"]):
        rc, text = run(argv)
        if rc is None:
            failures.append(f"{argv[0]}: {text}")
            continue
        bad = sorted({repr(c) for c in text if c in BAD})
        if bad:
            failures.append(f"{' '.join(argv[:1])}: {bad} reached the output")
        if "Traceback" in text:
            failures.append(f"{argv[0]}: a traceback")

prop()
print(json.dumps({"failures": failures[:20]}))
"""


def test_class_every_printed_text_is_inert_and_never_markup(ctx):
    """Property: hostile notes, file names and article text (escape codes, C1, bidi, Rich markup,
    surrogates) never reach the output as control characters, and nothing the reader prints goes
    through Rich's markup parser (it is replaced by one that fails)."""
    n = "25" if not os.environ.get("HOLES_LONG") else "200"
    left, right = pair(ctx)
    r = ctx.reader(str(ctx.tmp), left, right, n, code=TEXT_DRIVER, timeout=600)
    res = json.loads(r.stdout.strip().splitlines()[-1]) if r.rc == 0 and r.stdout.strip() else {"failures": [str(r)]}
    ctx.said = f"{n} hostile note/name/text triples through annotate, list, suggest, export: failures {len(res['failures'])}"
    assert not res["failures"], res["failures"]


CONFIG_DRIVER = r"""
import asyncio, json, os, sys, tempfile, tomllib
from hypothesis import HealthCheck, example, given, settings, strategies as st
try:
    from reader.core.sources.articles import load_document
    from reader.core.store.store import Store
    from reader.core.services.workspace import Workspace
except ImportError:
    from reader.core.articles import load_document
    from reader.core.store import Store
    from reader.core.workspace import Workspace
from reader.core.config import load_config
from reader.core.errors import ReaderError
from reader.tui.app import ReaderApp

base, article, other, n, apps = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
docs = [load_document(article), load_document(other)]
failures, counts = [], {"refused": 0, "accepted": 0, "ran": 0}
IDS = ["quit", "next_sentence", "highlight", "tag", "help", "note"]
good_keys = st.sampled_from(["j", "k", "ctrl+x", "f5", "j,down", "x", "[", "question_mark", "ctrl+n,n"])
bad_keys = st.sampled_from(["", " ", ",", "]]", "[b]", "ctrl+", "q,,", "\x1b", "[/]", "é", "a" * 50, "[@click=app.quit]"])
keyish = st.one_of(good_keys, good_keys, good_keys, bad_keys, st.text(max_size=6))
good_colours = st.sampled_from(["red", "#ff8800", "gold", "rgb(1,2,3)", "bright_red", "#abc"])
bad_colours = st.sampled_from(["notacolour", "", "#12", "[b]", "default", "red on blue", "#ff88001"])
colourish = st.one_of(good_colours, good_colours, good_colours, bad_colours, st.text(max_size=8), st.integers(),
                      st.lists(st.integers(), max_size=3))
good_tags = st.sampled_from(["claim", "rumour", "x-y", "source2"])
tagname = st.one_of(good_tags, good_tags, good_tags, st.sampled_from(["[b]", "", "a b", "x" * 50, "UPPER", "-x", "a,b"]),
                    st.text(max_size=6))

def toml_value(v):
    return json.dumps(v, ensure_ascii=True) if isinstance(v, str) else json.dumps(v)

@settings(max_examples=n, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@example({"quit": ""}, {})  # the attacker's: IndexError at start
@example({"quit": "q,[b]"}, {})  # markup in a binding: ? crashed
@example({}, {"[b]": "red"})  # markup in a tag name: t crashed
@example({}, {"claim": "notacolour"})  # a blank TUI that ignored q
@given(st.dictionaries(st.one_of(st.sampled_from(IDS), st.sampled_from(IDS), st.text(max_size=5)), keyish, max_size=2),
       st.dictionaries(tagname, colourish, max_size=2))
def prop(keys, tags):
    text = "[keys]\n" + "".join(f"{json.dumps(k)} = {toml_value(v)}\n" for k, v in keys.items())
    text += "[tags]\n" + "".join(f"{json.dumps(k, ensure_ascii=True)} = {toml_value(v)}\n" for k, v in tags.items())
    path = os.path.join(tempfile.mkdtemp(dir=base), "config.toml")
    with open(path, "w") as fh:
        fh.write(text)
    try:
        cfg = load_config(path)
        try:
            from reader.tui.run import check_keymap
            check_keymap(cfg.keys, path)
        except ImportError:
            pass
    except ReaderError as exc:
        counts["refused"] += 1
        if "\n" in str(exc) or getattr(exc, "exit_code", 0) != 78:
            failures.append(f"{text!r}: refused with exit {getattr(exc, 'exit_code', '?')} / a multi-line message")
        return
    except Exception as exc:
        failures.append(f"{text!r}: {type(exc).__name__}: {exc}")
        return
    counts["accepted"] += 1
    if counts["ran"] >= apps:
        return
    counts["ran"] += 1
    store = Store.open(os.path.join(tempfile.mkdtemp(dir=base), "s.json"))
    ws = Workspace(store, docs)

    async def drive():
        app = ReaderApp(ws, cfg)
        async with app.run_test(size=(100, 30)) as pilot:
            for k in ("question_mark", "escape", "j", "t", "escape", "a", "escape"):
                await pilot.press(k)
            await pilot.pause()
            return app.is_running
    # a config may bind quit to a key pressed here ("quit" = "j"): then stopping is right
    quits = {k.strip() for k in str(keys.get("quit", "")).split(",")} & {"question_mark", "?", "escape", "j", "t", "a"}
    try:
        if not asyncio.run(drive()) and not quits:
            failures.append(f"{text!r}: the app stopped")
    except Exception as exc:
        failures.append(f"{text!r}: accepted at load, then {type(exc).__name__}: {str(exc)[:120]}")
    finally:
        store.close()

prop()
print(json.dumps({"failures": failures[:10], **counts}))
"""


def test_class_every_config_value_is_validated_at_load(ctx):
    """Property: a config is either refused at load (one line, exit 78) or every value in it
    works: the TUI starts and ``?``, ``t`` and ``a`` open without an error."""
    n, apps = ("60", "3") if not os.environ.get("HOLES_LONG") else ("400", "40")
    left, right = pair(ctx)
    r = ctx.reader(str(ctx.tmp), left, right, n, apps, code=CONFIG_DRIVER, timeout=900)
    res = json.loads(r.stdout.strip().splitlines()[-1]) if r.rc == 0 and r.stdout.strip() else {"failures": [str(r)]}
    ctx.said = (f"{n} generated configs: {res.get('refused', 0)} refused at load, {res.get('accepted', 0)} accepted, "
                f"{res.get('ran', 0)} of them run with ? t a; failures {len(res['failures'])}")
    assert not res["failures"], res["failures"]


def test_class_argdown_escape_round_trips(ctx):
    """Property (this tree's own escape): whatever the text, Argdown's lexer sees no comment,
    YAML data, tag, reference or line break in it, and unescaping gives the flattened text back."""
    if OLD:
        pytest.skip("a unit property of this tree's reader.core.export.argdown")
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from reader.core.export.argdown import escape

    @settings(max_examples=300, deadline=None, database=None)
    @given(st.lists(st.sampled_from(list("ab /\\*{}[]<>@#_=-!:\n\t") + ["//", "/*", "<!--", "https://x.y/z", "\u202e"]),
                    max_size=40).map("".join))
    def prop(text):
        out = escape(text, words=10_000)
        assert "\n" not in out
        seen = _unescaped(out)
        for token in ("//", "/*", "<!--", "{", "}", "[", "]", "<", ">", "#", "@", "*", "_", "="):
            assert token not in seen, (text, out)
        assert re.sub(r"\\(.)", r"\1", out) == " ".join(text.translate({0x202E: 0xFFFD}).split())

    prop()
    ctx.said = "300 texts: no comment, data, tag or line break survives escaping; unescaping round-trips"


def test_helpers_run_the_tree_under_test(ctx):
    """The switch itself: the subprocesses import reader from READER_TREE (default: this tree)."""
    r = ctx.reader(code="import reader, sys; print(reader.__file__)")
    from tests.reliability.holes import TREE

    assert r.rc == 0 and r.stdout.strip().startswith(str(TREE)), r.stdout


@needs_tmux
def test_a_teardown_that_hangs_after_a_signal_does_not_keep_the_reader_or_its_lock(ctx):
    """Found after a benchmark: two readers outlived their tmux server by an hour, each holding
    its store's lock: the next reader would have opened read-only, and a command that writes
    would have failed (exit 75). A
    terminal's hang-up can send SIGCONT with SIGHUP; Textual's SIGCONT handler restarts its output
    thread while the app is leaving, and the leaving waited forever on the old thread's queue.
    Here the terminal driver's close is made to hang the same way, and a SIGHUP sent."""
    left, right = pair(ctx)
    hang = ("import sys, time, textual.drivers.linux_driver as d; "
            "d.LinuxDriver.close = lambda self: time.sleep(3600); "
            "from reader.cli import main; sys.exit(main(sys.argv[1:]))")
    t = ctx.tui(left, right, code=hang)
    wait_paint(t)
    t.keys("j", "h")
    assert wait_until(lambda: len(stored(ctx.db)) == 1, 10), t.screen()
    t.keys("t", "c", "l", "a", "i", "m", "Enter")  # a change still waiting to be written when the signal comes
    t.signal(signal.SIGHUP)
    started = time.monotonic()
    code = t.wait_exit(30)
    took = time.monotonic() - started
    tags = [a.get("tags") for a in stored(ctx.db)]
    after = ctx.reader("annotate", left, "--quote", MAYOR_QUOTES[1], env=ctx.env(READER_LOCK_WAIT="0.5"))
    ctx.said = f"SIGHUP with a hung teardown: exit {code} after {took:.1f} s; tags saved {tags}; next writer: exit {after.rc}"
    assert code == 129, ctx.said
    assert tags == [["claim"]], ctx.said
    assert after.rc == 0, f"{ctx.said}: {after}"
