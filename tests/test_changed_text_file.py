"""A text file edited after it was annotated (a third new user's trial, on Brutus No. XV).

A text or Markdown file keeps no versions: it is read afresh each time. A passage found
again in other words was listed as "anchored" with the new words, and the export quoted
words the author never wrote, as if they had been annotated so. Now the change is said:
``list`` marks the place with "~" and gives both in JSON (status "changed"), the Markdown
export shows the words then and now, and the TUI's annotations panel too.
"""

import json
import re

from reader.core.export.markdown import render_markdown
from reader.core.services.workspace import Workspace
from reader.core.sources.articles import load_document
from reader.core.store.store import Store
from tests.conftest import run_cli

TEXT = ("Brutus No. XV\n\nThe judicial power will operate to effect, in the most certain, but yet silent and "
        "imperceptible manner, what is evidently the tendency of the constitution. They are to be rendered "
        "totally independent, both of the people and the legislature. There is no power above them, to "
        "control any of their decisions. There is no authority that can remove them.\n\n"
        "Men placed in this situation will generally soon feel themselves independent of heaven itself.\n")
QUOTE = "There is no power above them, to control any of their decisions."


def _annotate_then_edit(tmp_path):
    path = tmp_path / "brutus.txt"
    path.write_text(TEXT, encoding="utf-8")
    db = str(tmp_path / "s.json")
    p = run_cli("annotate", str(path), "--quote", QUOTE, "--tag", "claim", "--db", db)
    assert p.returncode == 0, p.stderr
    path.write_text(TEXT.replace("them, to control", "them that can control"), encoding="utf-8")
    return path, db


def test_list_says_the_words_changed(tmp_path):
    path, db = _annotate_then_edit(tmp_path)
    p = run_cli("list", "--json", "--db", db)
    (row,) = json.loads(p.stdout)
    assert row["status"] == "changed"
    assert row["quote"] == "There is no power above them that can control any of their decisions."
    assert row["annotated"] == QUOTE
    p = run_cli("list", "--db", db)
    assert re.search(r"\u00b6\d+\.3~ ", p.stdout) and "changed since they were annotated (1)" in p.stderr
    # a passage found word for word is "anchored", with no "annotated" field
    p = run_cli("annotate", str(path), "--quote", "There is no authority that can remove them.", "--db", db)
    rows = json.loads(run_cli("list", "--json", "--db", db).stdout)
    plain_row = next(r for r in rows if r["quote"].startswith("There is no authority"))
    assert plain_row["status"] == "anchored" and "annotated" not in plain_row


def test_the_export_shows_the_words_then_and_now(tmp_path):
    path, db = _annotate_then_edit(tmp_path)
    p = run_cli("export", str(path), "mayor-rebuttal", "--db", db)
    assert p.returncode == 0, p.stderr
    assert "> There is no power above them that can control any of their decisions." in p.stdout
    assert ("_Changed since it was annotated_ (~~then~~ **now**): There is no power above "
            "~~them, to~~ **them that can** control any of their decisions.") in p.stdout


def test_unchanged_and_moved_passages_say_nothing(tmp_path):
    """Words moved but unchanged (a paragraph added before them): no "changed" line."""
    path = tmp_path / "brutus.txt"
    path.write_text(TEXT, encoding="utf-8")
    db = str(tmp_path / "s.json")
    assert run_cli("annotate", str(path), "--quote", QUOTE, "--db", db).returncode == 0
    path.write_text("A new first paragraph.\n\n" + TEXT, encoding="utf-8")
    store = Store.open(db, mode="read")
    try:
        ws = Workspace(store, [load_document(str(path)), load_document("mayor-rebuttal")])
        out = render_markdown(ws)
    finally:
        store.close()
    assert QUOTE in out and "Changed since it was annotated" not in out


def test_the_w3c_export_of_a_changed_passage_describes_the_words_annotated(tmp_path):
    """An attacker: its TextQuoteSelector said "…to control…" and its TextPositionSelector
    covered "…that can control…" (the new words): two selectors, two passages."""
    path, db = _annotate_then_edit(tmp_path)
    p = run_cli("export", str(path), "mayor-rebuttal", "--format", "w3c", "--db", db)
    (item,) = json.loads(p.stdout)
    sels = {s["type"]: s for s in item["target"]["selector"]}
    assert sels["TextQuoteSelector"]["exact"] == QUOTE
    pos = sels["TextPositionSelector"]
    assert TEXT[pos["start"]:pos["end"]] == QUOTE  # where it was annotated


def test_an_address_with_a_query_stays_a_working_link_in_markdown():
    from reader.core.export.markdown import _source_bits
    from reader.core.text.document import Document

    doc = Document(key="https://x.org/a/index.php?id=1", text="T\n\nText.\n", meta={"url": "https://x.org/a/index.php?id=1"})
    assert _source_bits(doc) == ", <https://x.org/a/index.php?id=1>"
