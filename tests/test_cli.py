"""The command line: subcommands, JSON shapes, one-line errors and exit codes."""

import json
import os

import pytest

from tests.conftest import run_cli


def test_help_and_version():
    p = run_cli("--help")
    assert p.returncode == 0 and "annotate" in p.stdout and "--db" in p.stdout
    p = run_cli("--version")
    assert p.returncode == 0 and p.stdout.startswith("reader ")


@pytest.mark.parametrize("args,code,message", [
    (["nope.txt", "mayor-rebuttal"], 66, "no such file"),
    (["/", "mayor-rebuttal"], 66, "directory"),
    (["only-one"], 64, "two articles"),
    (["list", "--json", "--db", "/"], 65, "directory"),
    # an attacker's: --db "" (a script's unset variable) used the user's own store, --db - made
    # a store named "-", and two --db before a command blamed the command
    (["list", "--db", ""], 64, "--db needs a path"),
    (["--db", "", "list"], 64, "--db needs a path"),
    (["annotate", "mayor-rebuttal", "--quote", "No such", "--db", "-"], 64, "a store is a file"),
    (["--db", "/tmp/a.json", "--db", "/tmp/b.json", "list"], 64, "--db is given more than once"),
    (["--db", ""], 64, "--db needs a path"),
])
def test_errors_are_one_line(args, code, message):
    p = run_cli(*args)
    assert p.returncode == code, p.stderr
    assert message in p.stderr
    assert p.stderr.count("\n") == 1 and "Traceback" not in p.stderr


def test_binary_and_empty_arguments(tmp_path):
    (tmp_path / "b.bin").write_bytes(b"\x7fELF" + bytes(200))
    (tmp_path / "e.txt").write_bytes(b"")
    p = run_cli(str(tmp_path / "b.bin"), "mayor-rebuttal")
    assert p.returncode == 66 and "binary" in p.stderr
    p = run_cli(str(tmp_path / "e.txt"), "mayor-rebuttal")
    assert p.returncode == 65 and "empty" in p.stderr


def test_annotate_list_link_flow(tmp_path):
    a = run_cli("annotate", "ice-union-allegation", "--quote", "Your current policy forbidding", "--tag", "claim", "--note", "the charge")
    assert a.returncode == 0, a.stderr
    left_id = a.stdout.strip().splitlines()[-1]
    b = run_cli("annotate", "mayor-rebuttal", "--quote", "No such policy exists", "--tag", "denial")
    right_id = b.stdout.strip().splitlines()[-1]
    l = run_cli("link", right_id, left_id, "--relation", "rebuts", "--note", "direct denial")
    assert l.returncode == 0, l.stderr
    link_id = l.stdout.strip().splitlines()[-1]
    rows = json.loads(run_cli("list", "--json").stdout)
    assert {r["id"] for r in rows} == {left_id, right_id}
    row = next(r for r in rows if r["id"] == left_id)
    assert set(row) >= {"id", "article", "quote", "start", "end", "tags", "note", "status", "links"}
    assert row["status"] == "anchored" and row["tags"] == ["claim"] and row["note"] == "the charge"
    from reader.core.sources.articles import load_document

    doc = load_document("ice-union-allegation")
    assert doc.text[row["start"]:row["end"]] == "Your current policy forbidding"
    assert row["links"][0]["id"] == link_id and row["links"][0]["relation"] == "rebuts"
    only = json.loads(run_cli("list", "mayor-rebuttal", "--json", "--tag", "denial").stdout)
    assert [r["id"] for r in only] == [right_id]
    table = run_cli("list")
    assert table.returncode == 0 and "claim" in table.stdout
    # Found by an attacker's trial: the same link made twice was two links (the export said
    # "rebutted by" twice). Now it is one; a second note joins the first.
    again = run_cli("link", right_id, left_id, "--relation", "rebuts", "--note", "and says so at once")
    assert again.returncode == 0 and again.stderr.startswith("reader: already linked:"), again.stderr
    assert again.stdout.strip() == link_id
    (link,) = json.loads(run_cli("list", "--json").stdout)[0]["links"]
    assert link["id"] == link_id
    from reader.core.store.store import Store

    s = Store.open(os.environ["READER_DB"], mode="read")
    assert s.links()[0]["note"] == "direct denial\n\nand says so at once"
    s.close()
    itself = run_cli("link", left_id, left_id, "--relation", "rebuts")  # the README's exit code 1
    assert itself.returncode == 1 and itself.stderr == "reader: a passage cannot be linked to itself\n"
    # another way of answering replaces the pair's link (a new user had "rebuts" and
    # "supports" on one pair, counted twice in the dispute map); the note stays with it
    other = run_cli("link", right_id, left_id, "--relation", "qualifies")
    assert other.returncode == 0 and other.stdout.strip() != link_id
    assert "(it was rebuts: a pair has one way of answering; the new one replaces it)" in other.stderr
    s = Store.open(os.environ["READER_DB"], mode="read")
    assert [(k["relation"], k["note"]) for k in s.links()] == [("qualifies", "direct denial\n\nand says so at once")]
    s.close()
    # ... and a quotation goes beside it
    quoted = run_cli("link", right_id, left_id, "--relation", "repeats")
    assert quoted.returncode == 0 and "it was" not in quoted.stderr
    s = Store.open(os.environ["READER_DB"], mode="read")
    assert sorted(k["relation"] for k in s.links()) == ["qualifies", "repeats"]
    s.close()


def test_annotate_errors():
    p = run_cli("annotate", "mayor-rebuttal", "--quote", "words that are not there")
    assert p.returncode == 65 and "not in" in p.stderr
    p = run_cli("annotate", "mayor-rebuttal", "--quote", "Wheeler wrote")
    assert p.returncode == 65 and "--occurrence" in p.stderr
    p = run_cli("annotate", "mayor-rebuttal", "--quote", "Wheeler wrote", "--occurrence", "2")
    assert p.returncode == 0
    p = run_cli("link", "nope", "nada", "--relation", "rebuts")
    assert p.returncode == 66 and "no annotation" in p.stderr


def test_cli_writer_waits_then_fails_clearly_when_locked(db):
    from reader.core.store.store import Store

    s = Store.open(db)
    try:
        p = run_cli("annotate", "mayor-rebuttal", "--quote", "No such policy exists", env={"READER_LOCK_WAIT": "0.5"})
        assert p.returncode == 75 and "in use" in p.stderr
        assert run_cli("list", "--json").returncode == 0  # readers are never blocked
    finally:
        s.close()


def test_db_flag_beats_environment(tmp_path):
    other = tmp_path / "other.json"
    p = run_cli("annotate", "mayor-rebuttal", "--quote", "No such policy exists", "--db", str(other))
    assert p.returncode == 0 and other.exists()
    assert not os.path.exists(os.environ["READER_DB"])


def test_suggest_json_shape():
    p = run_cli("suggest", "--json", "--top", "5")
    assert p.returncode == 0, p.stderr
    rows = json.loads(p.stdout)
    assert len(rows) == 5
    for r in rows:
        assert set(r["left"]) == {"start", "end", "text"} and set(r["right"]) == {"start", "end", "text"}
        assert r["relation"] in {"rebuts", "supports", "answers", "qualifies", "repeats"}
        assert isinstance(r["score"], float)
    assert [r["score"] for r in rows] == sorted((r["score"] for r in rows), reverse=True)
    from reader.core.sources.articles import load_document

    left = load_document("ice-union-allegation")
    assert left.text[rows[0]["left"]["start"]:rows[0]["left"]["end"]] == rows[0]["left"]["text"]
    assert run_cli("suggest").returncode == 0


def test_tui_without_terminal_says_so():
    p = run_cli()
    assert p.returncode == 64 and "terminal" in p.stderr


def test_suggest_for_a_quote_names_its_answers():
    p = run_cli("suggest", "--for", "No such policy exists", "--top", "3", "--json")
    assert p.returncode == 0, p.stderr
    rows = json.loads(p.stdout)
    assert len(rows) == 3
    # The quote is the mayor's (right); every candidate is the same sentence of his and a
    # different passage of the letter.
    assert {r["right"]["text"] for r in rows} == {"\"No such policy exists,\" Wheeler writes."}
    assert len({r["left"]["start"] for r in rows}) == 3
    assert all(r["answer_side"] == "right" and r["relation"] == "rebuts" for r in rows)
    assert any("policy" in r["left"]["text"].lower() for r in rows)
    # The table: which passage is asked about goes to stderr, the candidates to stdout.
    p = run_cli("suggest", "--for", "No such policy exists", "--top", "2", env={"COLUMNS": "120"})
    assert p.returncode == 0, p.stderr
    assert "what answers mayor-rebuttal ¶6.1" in p.stderr
    assert "this rebuts it" in p.stdout and "¶4.1" in p.stdout
    # part of a sentence: ranked on the words quoted, and said so (a user took it for the sentence)
    assert "ranked on the words quoted, part of ¶6.1; --at ¶6.1 asks about the whole sentence" in p.stderr
    whole = run_cli("suggest", "--for", "\"No such policy exists,\" Wheeler writes.", "--top", "1")
    assert whole.returncode == 0 and "ranked on the words quoted" not in whole.stderr


def test_suggest_at_a_place_and_its_errors():
    p = run_cli("suggest", "--at", "¶6.1", "--side", "right", "--top", "2", "--json")
    # --at names a whole sentence: the same as quoting all of it.
    q = run_cli("suggest", "--for", "\"No such policy exists,\" Wheeler writes.", "--top", "2", "--json")
    assert p.returncode == 0 and json.loads(p.stdout) == json.loads(q.stdout)
    assert run_cli("suggest", "--at", "3.1", "--json").returncode == 0  # left by default, "¶" optional
    for args, code, message in [
        (["--at", "99.1"], 64, "has no ¶99.1"),
        (["--at", "0.0"], 64, "has no ¶0.0 (it has ¶1 to ¶"),
        (["--at", "seven"], 64, "give a place such as"),
        (["--for", "the"], 64, "in both articles"),
        (["--for", "the", "--side", "left"], 65, "times in ice-union-allegation"),
        (["--for", "not in either text at all"], 65, "in neither article"),
        (["--for", "policy", "--at", "1.1"], 64, "not allowed with"),
        (["--at", "6.1", "--top", "0"], 64, "--top must be 1 or more"),
        (["--for", ""], 64, "--for needs the words of a passage"),
        (["--for", "   "], 64, "--for needs the words of a passage"),
    ]:
        r = run_cli("suggest", *args)
        assert r.returncode == code and message in r.stderr, (args, r.returncode, r.stderr)
        assert r.stderr.count("\n") == 1


def test_export_to_an_empty_path_is_a_usage_error(tmp_path):
    r = run_cli("export", "-o", "")
    assert r.returncode == 64 and "-o needs a file name" in r.stderr and r.stderr.count("\n") == 1, r.stderr


def test_messages_that_say_what_is_wrong():
    """Found by an attacker's trial: each gave a misleading line or the wrong exit code."""
    p = run_cli("annotate", "mayor-rebuttal", "--quote", "")
    assert p.returncode == 64 and "--quote is empty" in p.stderr
    p = run_cli("annotate", "mayor-rebuttal", "--quote", "No such policy", "--occurrence", "0")
    assert p.returncode == 64 and "count from 1" in p.stderr
    p = run_cli("suggest", "--for", "No such policy exists", "--side", "left")
    assert p.returncode == 65 and "it is in the right one" in p.stderr
    p = run_cli("refresh", "nosuch.txt")
    assert p.returncode == 66 and "no such file" in p.stderr
    p = run_cli("refresh", "ftp://example.org/a")
    assert p.returncode == 66 and "only http://, https://" in p.stderr
    p = run_cli("link", "520", "4e7e", "--relation", "rebuts")
    assert p.returncode == 66 and "at least 4 characters" in p.stderr


def test_the_list_table_wraps_its_quote_column_in_cells():
    """reader list writes its table line by line (Rich measured 100,000 rows first: 75 s)."""
    from reader.listing import table_lines, wrap

    rows = [{"id": "0123456789", "article": "/tmp/\u5168\u89d2-article.txt", "paragraph": 3, "sentence": 1,
             "status": "anchored", "quote": "\u5168\u89d2\u6587\u5b57 " * 12 + "[calls] x" * 3, "note": "a note",
             "tags": ["claim", "evidence"], "links": [{}]},
            {"id": "abcdef0123", "article": "b", "paragraph": None, "sentence": None, "status": "orphan",
             "quote": "y" * 300, "note": "", "tags": [], "links": []}]
    from rich.cells import cell_len

    lines = list(table_lines(rows, 80, lambda k: k.rsplit("/", 1)[-1]))
    assert all(cell_len(line) <= 80 for line in lines), lines
    assert lines[0].split() == ["id", "article", "where", "tags", "quote", "\u00b7", "\u270e", "note", "links"]
    assert "\u00b63.1" in lines[2] and lines[2].rstrip().endswith("1") and "[calls]" in "".join(lines)
    assert "\u270e a note" in "".join(lines) and any("orphan" in line for line in lines)
    assert wrap("y" * 25, 10) == ["y" * 10, "y" * 10, "y" * 5] and wrap("", 5) == [""]


def test_the_store_option_may_come_before_a_command(tmp_path):
    """A new user: `reader --db S list` said "unknown command 'list'" (naming a command it
    lists), and `reader --db S import F` "import: no such file"."""
    db = str(tmp_path / "s.json")
    a = run_cli("--db", db, "annotate", "mayor-rebuttal", "--quote", "No such policy exists", "--tag", "denial")
    assert a.returncode == 0, a.stderr
    for argv in (("--db", db, "list"), (f"--db={db}", "list")):
        p = run_cli(*argv)
        assert p.returncode == 0 and "No such policy exists" in p.stdout, p.stderr
    assert "No such policy" not in run_cli("list").stdout  # it went to that store, not the default one


def test_a_quote_found_several_times_says_where(tmp_path):
    p = run_cli("annotate", "mayor-rebuttal", "--quote", "police", "--db", str(tmp_path / "s.json"))
    assert p.returncode == 65 and "occurs 11 times in mayor-rebuttal (\u00b61.1, " in p.stderr
    assert "(1 is \u00b61.1)" in p.stderr and p.stderr.count("\n") == 1


def test_list_tells_apart_articles_of_one_name(tmp_path):
    """A new user: every real pair is left.txt / right.txt in a folder of its own, and
    `reader list` showed three rows "left"."""
    db = str(tmp_path / "s.json")
    for pair in ("huxley-arnold-science-culture", "lincoln-douglas-ottawa"):
        path = f"tests/pairs/real/{pair}/left.txt"
        from reader.core.sources.articles import load_document

        doc = load_document(path)
        first = doc.text[slice(*doc.sentences(2)[0])][:40]
        p = run_cli("annotate", path, "--quote", first, "--tag", "claim", "--db", db)
        assert p.returncode == 0, p.stderr
    out = run_cli("list", "--db", db, env={"COLUMNS": "120"}).stdout
    assert "left (huxley" in out and "left (lincoln" in out, out


def test_list_takes_the_name_it_shows(tmp_path):
    """A third user: `reader list brutus-xv` said "no such file", though list, the TUI and the
    export all call the article so. A name two articles share is refused, naming both."""
    db = str(tmp_path / "s.json")
    for folder in ("x", "y"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "brutus.txt").write_text(f"Words of {folder}.\n\nThe judicial power is above all.\n")
    assert run_cli("annotate", str(tmp_path / "x" / "brutus.txt"), "--quote", "Words of x", "--db", db).returncode == 0
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    p = run_cli("list", "brutus", "--db", db, cwd=str(elsewhere))
    assert p.returncode == 0 and "Words of x" in p.stdout, p.stderr
    assert run_cli("annotate", str(tmp_path / "y" / "brutus.txt"), "--quote", "Words of y", "--db", db).returncode == 0
    p = run_cli("list", "brutus", "--db", db, cwd=str(elsewhere))
    assert p.returncode == 64 and "brutus names 2 articles" in p.stderr and p.stderr.count("\n") == 1
    p = run_cli("list", "brutus (y)", "--db", db, "--json", cwd=str(elsewhere))
    assert [r["quote"] for r in __import__("json").loads(p.stdout)] == ["Words of y"]
    assert run_cli("list", "nosuch", "--db", db, cwd=str(elsewhere)).returncode == 66
    # its file name, or more of its path, from another folder (a new user's "no such file")
    p = run_cli("list", "brutus.txt", "--db", db, cwd=str(elsewhere))
    assert p.returncode == 64 and "brutus.txt names 2 articles" in p.stderr
    p = run_cli("list", "y/brutus.txt", "--db", db, "--json", cwd=str(elsewhere))
    assert p.returncode == 0 and [r["quote"] for r in __import__("json").loads(p.stdout)] == ["Words of y"]


def test_the_same_article_twice_is_refused():
    """An attacker: "reader export X X" exported one article twice."""
    left = "tests/pairs/real/lochner-v-new-york/majority.txt"
    for args in (["export", left, "./" + left], ["suggest", "mayor-rebuttal", "mayor-rebuttal"]):
        p = run_cli(*args)
        assert p.returncode == 64 and "same article" in p.stderr and "Traceback" not in p.stderr, p.stderr


@pytest.mark.skipif(not os.access("/proc/kmsg", os.R_OK), reason="needs /proc/kmsg readable (root on Linux)")
def test_a_file_whose_read_would_wait_is_refused_not_waited_on(tmp_path):
    """An attacker's (as root): `reader annotate /proc/kmsg` never returned; nor did an import
    item whose source named it."""
    p = run_cli("annotate", "/proc/kmsg", "--quote", "x", "--db", str(tmp_path / "s.json"), timeout=20)
    assert p.returncode == 66 and "nothing to read now" in p.stderr


def test_list_says_unread_when_the_article_does_not_open(tmp_path):
    """A new user: a page's annotations were "orphan" in reader list when its snapshot was
    in another folder, as if the passage had gone from the article."""
    art = tmp_path / "letter.txt"
    art.write_text("The council met on Tuesday. It voted to close the library.\n")
    a = run_cli("annotate", str(art), "--quote", "It voted to close the library", "--tag", "claim")
    assert a.returncode == 0, a.stderr
    art.rename(tmp_path / "moved.txt")
    p = run_cli("list")
    assert p.returncode == 0
    row = next(line for line in p.stdout.splitlines() if "letter" in line)
    assert " unread " in row and "orphan" not in row
    assert f"not opened: {art}: no such file; its annotations are listed without a place (status unread), and kept" \
        in p.stderr
    rows = json.loads(run_cli("list", "--json").stdout)
    assert [r["status"] for r in rows if r["article"].endswith("letter.txt")] == ["unread"]


def test_suggest_writes_no_padding_when_piped():
    """A new user: each piped line of reader suggest was padded to 120 columns, the first blank."""
    p = run_cli("suggest", "--top", "2")
    assert p.returncode == 0
    lines = p.stdout.split("\n")
    assert lines[0].strip() and "relation" in lines[0]
    assert all(line == line.rstrip() for line in lines)


def test_undo_after_importing_the_same_file_twice_takes_back_nothing(tmp_path):
    """A new user imported a file, imported it again by mistake (0 added, duplicates skipped),
    then ran import --undo to take back the duplicate: it took back the first import, and
    every annotation was gone. Now it says the last import added nothing; a second undo
    takes back the first, and restore import brings that back too."""
    a = run_cli("annotate", "ice-union-allegation", "--quote", "Your current policy forbidding", "--tag", "claim")
    b = run_cli("annotate", "mayor-rebuttal", "--quote", "No such policy exists", "--tag", "denial")
    assert a.returncode == b.returncode == 0
    out = tmp_path / "w3c.json"
    assert run_cli("export", "--format", "w3c", "-o", str(out)).returncode == 0
    env = {"READER_DB": str(tmp_path / "fresh" / "store.json")}
    first = run_cli("import", str(out), env=env)
    assert first.returncode == 0 and "imported 2 annotations" in first.stderr
    again = run_cli("import", str(out), env=env)
    assert again.returncode == 0 and "imported 0 annotations" in again.stderr and "2 duplicates" in again.stderr
    undo = run_cli("import", "--undo", env=env)
    assert undo.returncode == 0 and "added nothing: nothing taken back" in undo.stderr
    assert len(json.loads(run_cli("list", "--json", env=env).stdout)) == 2
    undo = run_cli("import", "--undo", env=env)
    assert undo.returncode == 0 and "removed 2 annotations" in undo.stderr
    assert run_cli("list", "--json", env=env).stdout.strip() in ("", "[]")
    # an undo made by mistake: restore import puts back the store as it was before it
    assert run_cli("restore", "import", env=env).returncode == 0
    assert len(json.loads(run_cli("list", "--json", env=env).stdout)) == 2


def test_backups_say_what_each_holds_and_restore_asks_for_force(tmp_path):
    env = {"READER_DB": str(tmp_path / "s.json")}
    payload = [{"@context": "http://www.w3.org/ns/anno.jsonld", "type": "Annotation",
                "body": [{"type": "TextualBody", "purpose": "tagging", "value": "claim"}],
                "target": {"source": "urn:reader:article:ice-union-allegation",
                           "selector": [{"type": "TextQuoteSelector", "exact": word}]}}
               for word in ("Portland", "police", "union", "letter", "mayor", "federal", "ICE")]
    many = tmp_path / "many.json"
    many.write_text(json.dumps(payload), encoding="utf-8")
    assert run_cli("import", str(many), env=env).returncode == 0
    listed = run_cli("backups", env=env).stdout
    assert "annotations" in listed and "links" in listed
    restored = run_cli("restore", "import", env=env)
    assert restored.returncode == 0, restored.stderr  # 7 taken away: under the 50 a restore may take unasked
    assert "restored the import backup, 2 files (the root and the annotations of 1 article): 0 annotations " \
           "(before: 7 annotations); links untouched" in restored.stderr
    after = run_cli("backups", env=env).stdout
    assert any(line.startswith("before-restore ") and "(the root and the annotations of 1 article): 7 annotations; "
               "links untouched" in line for line in after.splitlines())


def test_a_backup_of_the_links_alone_says_the_annotations_are_untouched(tmp_path):
    """A user linked twice, and read "session 1 file(s), 0 annotations, 13 links" as a backup
    that would empty the store: it held the links file alone."""
    env = {"READER_DB": str(tmp_path / "s.json")}
    ids = [run_cli("annotate", article, "--quote", quote, "--tag", "claim", env=env).stdout.split()[-1]
           for article, quote in (("ice-union-allegation", "Your current policy"), ("mayor-rebuttal", "No such policy exists"))]
    assert run_cli("link", *ids, "--relation", "rebuts", env=env).returncode == 0
    assert run_cli("link", *ids, "--relation", "qualifies", env=env).returncode == 0
    listed = run_cli("backups", env=env).stdout
    session = next(line for line in listed.splitlines() if line.startswith("session "))
    assert "1 file (the links of 1 pair): 1 link; annotations untouched" in session
    restored = run_cli("restore", "session", env=env)
    assert "restored the session backup, 1 file (the links of 1 pair): 1 link (before: 1 link); " \
           "annotations untouched;" in restored.stderr
    assert len(json.loads(run_cli("list", "--json", env=env).stdout)) == 2


def test_annotate_inside_an_annotated_passage_changes_that_passage(tmp_path):
    """A new user followed the README: its tour tags the letter's sentence and links the
    mayor's denial; its CLI example then tagged part of that sentence, a second claim, which
    the export listed as unanswered beside the answered one. Words inside an annotated passage
    change that passage, as t does in the reader, and say so; --part annotates the words alone."""
    db = str(tmp_path / "s.json")
    sentence = ("Your current policy forbidding Portland law enforcement agencies from assisting employees of the "
                "Immigration and Customs Enforcement Agency")
    whole = run_cli("annotate", "ice-union-allegation", "--quote", sentence, "--tag", "claim", "--db", db)
    assert whole.returncode == 0, whole.stderr
    first = whole.stdout.split()[-1]
    part = run_cli("annotate", "ice-union-allegation", "--quote", "Your current policy forbidding Portland law "
                   "enforcement agencies", "--tag", "evidence", "--db", db)
    assert part.returncode == 0, part.stderr
    assert part.stdout.split()[-1] == first
    assert "note: the quote is inside \u00b6" in part.stderr and "(#claim)" in part.stderr and "--part" in part.stderr
    rows = json.loads(run_cli("list", "--json", "--db", db).stdout)
    assert len(rows) == 1 and rows[0]["tags"] == ["claim", "evidence"]
    alone = run_cli("annotate", "ice-union-allegation", "--quote", "Your current policy", "--tag", "quote", "--part",
                    "--db", db)
    assert alone.returncode == 0 and alone.stdout.split()[-1] != first and "note:" not in alone.stderr
    assert len(json.loads(run_cli("list", "--json", "--db", db).stdout)) == 2


def test_annotate_export_and_suggest_take_the_names_list_shows(tmp_path):
    """A user: `reader list brutus-ii` worked, `reader annotate brutus-ii` said "no such file".
    Every command taking an article takes the name list shows, or the end of its path."""
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "brutus-ii.md").write_text("# Brutus II\n\nA bill of rights is necessary. Rulers have always been jealous.\n")
    (folder / "federalist-84.md").write_text("# No. 84\n\nA bill of rights is not necessary. It would even be dangerous.\n")
    db = str(tmp_path / "s.json")
    for name, quote in (("brutus-ii.md", "A bill of rights is necessary."),
                        ("federalist-84.md", "It would even be dangerous.")):
        made = run_cli("annotate", str(folder / name), "--quote", quote, "--tag", "claim", "--db", db)
        assert made.returncode == 0, made.stderr
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    by_name = run_cli("annotate", "brutus-ii", "--quote", "Rulers have always been jealous.", "--tag", "evidence",
                      "--db", db, cwd=str(elsewhere))
    assert by_name.returncode == 0, by_name.stderr
    by_file = run_cli("annotate", "federalist-84.md", "--quote", "A bill of rights is not necessary.", "--tag", "denial",
                      "--db", db, cwd=str(elsewhere))
    assert by_file.returncode == 0, by_file.stderr
    rows = json.loads(run_cli("list", "--json", "--db", db).stdout)
    assert sorted(os.path.basename(r["article"]) for r in rows) == ["brutus-ii.md"] * 2 + ["federalist-84.md"] * 2
    out = run_cli("export", "brutus-ii", "federalist-84", "--db", db, cwd=str(elsewhere))
    assert out.returncode == 0 and "Rulers have always been jealous." in out.stdout
    assert run_cli("suggest", "brutus-ii", "federalist-84", "--db", db, cwd=str(elsewhere)).returncode == 0
    missing = run_cli("annotate", "brutus-iii", "--quote", "x", "--db", db, cwd=str(elsewhere))
    assert missing.returncode == 66 and "brutus-iii: no such file" in missing.stderr
