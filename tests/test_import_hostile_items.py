"""Hostile import items an attacker's trial found: each is refused or placed, in one line,
never "internal error" (exit 70), and never leaves two resources of one id in the store."""

from __future__ import annotations

import json

from tests.conftest import run_cli


def annotate(db, article, quote):
    p = run_cli("annotate", article, "--quote", quote, "--db", db)
    assert p.returncode == 0, p.stderr
    return p.stdout.strip().splitlines()[-1]


def test_a_link_whose_relation_is_a_list_is_not_understood(tmp_path, db):
    a, b = annotate(db, "ice-union-allegation", "Your current policy"), annotate(db, "mayor-rebuttal", "No such policy")
    path = tmp_path / "x.json"
    path.write_text(json.dumps([{"type": "Annotation", "motivation": "linking",
                                 "body": [{"purpose": "classifying", "value": ["rebuts"]}],
                                 "target": [{"id": f"urn:uuid:{a}"}, {"id": f"urn:uuid:{b}"}]}]))
    p = run_cli("import", str(path), "--db", db)
    assert p.returncode == 65 and "a link without two known passages or a known relation" in p.stderr


def test_a_source_holding_a_nul_is_no_file_and_its_quote_is_still_placed(tmp_path, db):
    path = tmp_path / "x.json"
    path.write_text(json.dumps([{"type": "Annotation", "target": {
        "source": "file:///tmp/a%00b", "selector": [{"type": "TextQuoteSelector", "exact": "No such policy"}]}}]))
    p = run_cli("import", str(path), "--db", db)
    assert p.returncode == 0 and "imported 1 annotations" in p.stderr and "internal error" not in p.stderr


def test_an_annotation_given_a_links_id_gets_its_own(tmp_path, db):
    a, b = annotate(db, "ice-union-allegation", "Your current policy"), annotate(db, "mayor-rebuttal", "No such policy")
    link = run_cli("link", b, a, "-r", "rebuts", "--db", db).stdout.strip().splitlines()[-1]
    path = tmp_path / "x.json"
    path.write_text(json.dumps([{"type": "Annotation", "id": f"urn:uuid:{link}", "target": {
        "source": "urn:reader:article:mayor-rebuttal",
        "selector": [{"type": "TextQuoteSelector", "exact": "No such policy"}]}}]))
    p = run_cli("import", str(path), "--db", db)
    assert p.returncode == 0 and "imported 1 annotations" in p.stderr
    items = json.loads(run_cli("export", "--format", "w3c", "--db", db).stdout)
    ids = [x["id"] for x in items]
    assert len(ids) == len(set(ids)) == 4  # three annotations and the link, each its own id


def test_undoing_an_import_keeps_what_the_user_built_on_it(tmp_path):
    """An attacker's case: the user linked their own denial to an imported claim (a note on
    the link: "hours of work") and noted the claim; import --undo took all of it away and said
    "removed 1 annotations and 0 links". An imported annotation linked or changed since is
    kept, with the user's link and note; one left as imported goes."""
    import json

    from tests.conftest import run_cli

    db = ["--db", str(tmp_path / "s.json")]
    items = [{"id": f"urn:uuid:1111111{i}-1111-1111-1111-111111111111", "type": "Annotation",
              "target": {"source": "urn:reader:article:ice-union-allegation",
                         "selector": [{"type": "TextQuoteSelector", "exact": quote}]},
              "body": [{"type": "TextualBody", "purpose": "tagging", "value": "claim"}]}
             for i, quote in enumerate(("Your current policy", "zone of terror", "Members of the union"))]
    path = tmp_path / "imp.json"
    path.write_text(json.dumps(items), encoding="utf-8")
    assert run_cli("import", str(path), *db).returncode == 0
    mine = run_cli("annotate", "mayor-rebuttal", "--quote", "No such policy exists", "--tag", "denial", *db).stdout.split()[-1]
    assert run_cli("link", mine, "11111110", "--relation", "rebuts", "--note", "hours of work", *db).returncode == 0
    noted = run_cli("annotate", "ice-union-allegation", "--quote", "zone of terror", "--note", "my own note", *db)
    assert noted.returncode == 0, noted.stderr
    undo = run_cli("import", "--undo", *db)
    assert undo.returncode == 0, undo.stderr
    assert "removed 1 annotations and 0 links; kept 2 imported annotations you linked or changed since" in undo.stderr
    rows = {r["quote"]: r for r in json.loads(run_cli("list", "--json", *db).stdout)}
    assert set(rows) == {"Your current policy", "zone of terror", "No such policy exists"}
    assert rows["zone of terror"]["note"] == "my own note"
    assert [lk["note"] for lk in rows["No such policy exists"]["links"]] == ["hours of work"]
    again = run_cli("import", "--undo", *db)  # nothing of that import is left to take: its record went
    assert again.returncode == 66 and "no import to undo" in again.stderr


def test_an_import_file_with_a_byte_order_mark_is_read(tmp_path):
    """An attacker's trial: a W3C file saved with a UTF-8 byte-order mark (as Windows tools
    write it) was refused as "not JSON"."""
    import json

    from tests.conftest import run_cli

    item = {"type": "Annotation", "target": {"source": "urn:reader:article:ice-union-allegation",
                                             "selector": [{"type": "TextQuoteSelector", "exact": "Portland"}]}}
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps([item]).encode())
    p = run_cli("import", str(path), "--db", str(tmp_path / "s.json"))
    assert p.returncode == 0 and "imported 1 annotations" in p.stderr


def test_two_different_annotations_under_one_id_are_both_kept(tmp_path):
    """An attacker's file: two different annotations shared an id, and the second was counted
    a duplicate and dropped. It is judged by what it holds, and kept under an id of its own;
    a true duplicate (the same passage, tags and note) is still skipped."""
    import json

    from tests.conftest import run_cli

    def item(quote: str, tag: str) -> dict:
        return {"id": "urn:uuid:22222222-2222-2222-2222-222222222222", "type": "Annotation",
                "target": {"source": "urn:reader:article:ice-union-allegation",
                           "selector": [{"type": "TextQuoteSelector", "exact": quote}]},
                "body": [{"type": "TextualBody", "purpose": "tagging", "value": tag}]}

    path = tmp_path / "clash.json"
    path.write_text(json.dumps([item("Your current policy", "claim"), item("zone of terror", "allegation"),
                                item("Your current policy", "claim")]), encoding="utf-8")
    db = ["--db", str(tmp_path / "s.json")]
    p = run_cli("import", str(path), *db)
    assert p.returncode == 0 and "imported 2 annotations and 0 links; 1 duplicates skipped" in p.stderr
    rows = json.loads(run_cli("list", "--json", *db).stdout)
    assert sorted(r["quote"] for r in rows) == ["Your current policy", "zone of terror"]
    assert "22222222-2222-2222-2222-222222222222" in {r["id"] for r in rows}
