"""Two copies of one text, one deleted (a third new user's trial).

An article opened under a new path takes over the notes of a deleted file with the same
text (it moved). But a copy that has notes of its own is another article: it took over
the deleted copy's notes all the same, and ``reader list`` showed one id on two rows, as an
orphan under the old path and placed under the copy.
"""

import json
import shutil

from tests.conftest import run_cli

TEXT = ("I said in my last number, that the supreme court under this constitution would be exalted above "
        "all other power in the government.\n\nThe business of this paper will be further to illustrate "
        "the remark.\n")


def _ids(rows):
    return [r["id"] for r in rows]


def test_a_copy_with_its_own_notes_does_not_take_over_a_deleted_copys(tmp_path):
    a, b = tmp_path / "A.txt", tmp_path / "B.txt"
    a.write_text(TEXT, encoding="utf-8")
    shutil.copy(a, b)
    db = str(tmp_path / "s.json")
    first = run_cli("annotate", str(a), "--quote", "I said in my last number", "--tag", "claim", "--db", db)
    mine = run_cli("annotate", str(b), "--quote", "The business of this paper", "--db", db)
    assert first.returncode == 0 and mine.returncode == 0
    a.unlink()
    rows = json.loads(run_cli("list", "--json", "--db", db).stdout)
    assert sorted(_ids(rows)) == sorted([first.stdout.strip(), mine.stdout.strip()])  # each id once
    by_id = {r["id"]: r for r in rows}
    # the deleted copy's annotation: kept, unplaced, under its own path ("unread": its file is gone)
    assert by_id[first.stdout.strip()]["status"] == "unread" and by_id[first.stdout.strip()]["article"] == str(a)
    assert by_id[mine.stdout.strip()]["article"] == str(b)
    out = run_cli("export", str(b), "mayor-rebuttal", "--db", db)
    assert "I said in my last number" not in out.stdout and "moved" not in out.stderr


def test_a_moved_file_is_still_followed_and_listed_once(tmp_path):
    a = tmp_path / "A.txt"
    a.write_text(TEXT, encoding="utf-8")
    db = str(tmp_path / "s.json")
    first = run_cli("annotate", str(a), "--quote", "I said in my last number", "--db", db).stdout.strip()
    moved = tmp_path / "moved.txt"
    a.rename(moved)
    rows = json.loads(run_cli("list", str(moved), "--json", "--db", db).stdout)
    assert _ids(rows) == [first] and rows[0]["status"] == "anchored"
    rows = json.loads(run_cli("list", "--json", "--db", db).stdout)
    assert _ids(rows) == [first]
