"""A command whose standard output cannot be written says so in one line and exits 74 (an
I/O error), never "internal error" and 70. An attacker's trial sent every printing command
to /dev/full: each ended in "internal error", and `annotate` had saved its annotation all
the same while saying it had failed."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT


def run(args, db, stdout):
    env = {**os.environ, "READER_DB": db}
    return subprocess.run([sys.executable, "-m", "reader", *args], stdout=stdout, stderr=subprocess.PIPE,
                          text=True, env=env, cwd=str(ROOT), timeout=60)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("args", [["list"], ["list", "--json"], ["export"], ["export", "--format", "w3c"],
                                  ["annotate", "mayor-rebuttal", "--quote", "No such policy"]])
def test_a_full_disk_on_standard_output_is_exit_74(db, args):
    assert run(["annotate", "ice-union-allegation", "--quote", "Your current policy"], db,
               subprocess.DEVNULL).returncode == 0
    with open("/dev/full", "w") as full:
        p = run(args, db, full)
    assert p.returncode == 74, p.stderr
    if args[0] == "annotate":  # the change is saved: said, with its id (a script read 74 as "nothing changed")
        assert p.stderr.startswith("reader: annotation ") and p.stderr.endswith(
            " is saved, but its id could not be written: cannot write to standard output: No space left on device\n")
    else:
        assert p.stderr == "reader: cannot write to standard output: No space left on device\n"


def test_standard_output_closed_is_exit_74(db):
    assert run(["annotate", "ice-union-allegation", "--quote", "Your current policy"], db,
               subprocess.DEVNULL).returncode == 0
    env = {**os.environ, "READER_DB": db}
    p = subprocess.run([sys.executable, "-m", "reader", "list"], capture_output=True,
                       text=True, env=env, cwd=str(ROOT), timeout=60, preexec_fn=lambda: os.close(1))
    assert p.returncode == 74 and p.stderr == "reader: cannot write to standard output: it is closed\n"


def test_a_reader_of_the_output_that_stops_early_is_no_error(db):
    assert run(["annotate", "ice-union-allegation", "--quote", "Your current policy"], db,
               subprocess.DEVNULL).returncode == 0
    env = {**os.environ, "READER_DB": db}
    p = subprocess.run(f"{sys.executable} -m reader list | head -c 10 > /dev/null; exit ${{PIPESTATUS[0]}}",
                       shell=True, executable="/bin/bash", env=env, cwd=str(ROOT), timeout=60,
                       capture_output=True, text=True)
    assert p.returncode == 0 and "Traceback" not in p.stderr


def test_a_file_name_with_a_line_break_is_shown_as_it_is(tmp_path, db):
    """An attacker's `-o $'a\\nb.md'` was reported as "exported to …/a b.md", a file that does
    not exist."""
    from tests.conftest import run_cli

    run_cli("annotate", "ice-union-allegation", "--quote", "Your current policy", "--db", db)
    p = run_cli("export", "-o", str(tmp_path / "a\nb.md"), "--db", db)
    assert p.returncode == 0 and p.stderr.strip().endswith("a\u240ab.md") and p.stderr.count("\n") == 1
    assert (tmp_path / "a\nb.md").exists()


def test_a_long_bad_value_is_cut_in_its_message(db):
    from tests.conftest import run_cli

    p = run_cli("annotate", "mayor-rebuttal", "--quote", "No such policy", "--tag", "a" * 10_000, "--db", db)
    assert p.returncode == 64 and len(p.stderr) < 300 and "(10,000 characters) is not a tag name" in p.stderr
