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
