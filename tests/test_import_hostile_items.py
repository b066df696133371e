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
