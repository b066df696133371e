"""An import says which tags it could not keep as written (an attacker's tags "[bold]b[/]",
"\\x1b[31mred" and "a b" were dropped or changed without a word)."""

from __future__ import annotations

import json

from tests.conftest import run_cli


def item(n: int, tags: list[str]) -> dict:
    return {"@context": "http://www.w3.org/ns/anno.jsonld", "type": "Annotation",
            "id": f"urn:uuid:00000000-0000-0000-0000-00000000000{n}",
            "body": [{"type": "TextualBody", "purpose": "tagging", "value": t} for t in tags],
            "target": {"source": "mayor-rebuttal",
                       "selector": [{"type": "TextQuoteSelector", "exact": "No such policy exists"}]}}


def test_the_tags_not_kept_as_written_are_counted_and_the_first_named(tmp_path):
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps([item(1, ["\x1b[31mred", "[bold]b[/]", "a b", "Claim", "#evidence"])]))
    db = str(tmp_path / "db.json")
    p = run_cli("import", str(path), env={"READER_DB": db})
    assert p.returncode == 0, p.stderr
    assert "3 tags not kept as written (tags are letters, digits and dashes; first: '\\x1b[31mred' dropped)" \
        in p.stderr
    assert "\x1b" not in p.stderr
    rows = json.loads(run_cli("list", "--json", env={"READER_DB": db}).stdout)
    assert rows[0]["tags"] == ["a-b", "claim", "evidence"]  # case and "#" are not changes


def test_an_import_with_plain_tags_says_nothing_of_them(tmp_path):
    path = tmp_path / "plain.json"
    path.write_text(json.dumps([item(2, ["claim", "Evidence"])]))
    p = run_cli("import", str(path), env={"READER_DB": str(tmp_path / "db.json")})
    assert p.returncode == 0 and "not kept as written" not in p.stderr
