"""The code stays clean: ruff on everything, mypy on the package (both run in CI with the tests)."""

import subprocess
import sys

from tests.conftest import ROOT


def test_ruff():
    proc = subprocess.run([sys.executable, "-m", "ruff", "check", "reader", "tests", "bench"], capture_output=True,
                          text=True, cwd=str(ROOT))
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]


def test_mypy():
    proc = subprocess.run([sys.executable, "-m", "mypy", "--no-color-output"], capture_output=True, text=True,
                          cwd=str(ROOT))
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
