"""reader suggest reads the store only to leave out pairs already linked or rejected: a store
it cannot read is a note and the suggestions come all the same, whichever of its files is
damaged (a damaged article file had been exit 65, a damaged root file a note and exit 0)."""

from __future__ import annotations

import glob
import os

import pytest

from tests.conftest import run_cli


@pytest.mark.parametrize("damaged", ["root", "article"])
def test_suggest_with_a_damaged_store_is_a_note(tmp_path, damaged):
    db = str(tmp_path / "store" / "annotations.json")
    made = run_cli("annotate", "ice-union-allegation", "--quote", "Your current policy forbidding", "--tag", "claim",
                   "--db", db)
    assert made.returncode == 0, made.stderr
    if damaged == "root":
        victim = db
    else:
        (victim,) = glob.glob(os.path.join(db + ".d", "a-*.json"))
    with open(victim, "rb+") as f:
        f.truncate(os.path.getsize(victim) // 2)
    before = open(victim, "rb").read()
    p = run_cli("suggest", "--top", "3", "--db", db)
    assert p.returncode == 0, p.stderr
    assert p.stderr.startswith("reader: note: suggestions without the store (") and p.stderr.count("\n") == 1
    assert p.stdout.count("\n") >= 3 and "Traceback" not in p.stderr
    assert open(victim, "rb").read() == before  # nothing written over the damaged file
