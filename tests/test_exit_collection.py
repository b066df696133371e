"""A command run as the process ends as soon as it has printed: its records are frozen out
of the collection Python makes at exit (at 100,000 annotations that walk took 2.5 s after
the last line); main() called with arguments, as tests and embedders do, frees as usual."""

from __future__ import annotations

import sys

import pytest

import reader.core.gc_pause as gc_pause
from reader import cli


@pytest.fixture()
def freezes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    monkeypatch.setattr(gc_pause, "freeze_long_lived", lambda: calls.append(1))
    return calls


def test_the_process_entry_freezes_before_exit(monkeypatch, freezes, tmp_path, capsys):
    monkeypatch.setattr(sys, "argv", ["reader", "list", "--db", str(tmp_path / "s.json")])
    assert cli.main() == 0
    assert freezes == [1]


def test_an_error_exit_freezes_too(monkeypatch, freezes, capsys):
    monkeypatch.setattr(sys, "argv", ["reader", "annotate"])
    assert cli.main() == 64
    assert freezes == [1]
    assert capsys.readouterr().err.startswith("reader: ")


def test_main_with_arguments_leaves_the_collector_alone(freezes, tmp_path, capsys):
    assert cli.main(["list", "--db", str(tmp_path / "s.json")]) == 0
    assert freezes == []
