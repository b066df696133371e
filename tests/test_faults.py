"""Fault injection: real writer processes killed with SIGKILL mid-write (short version).

The long version runs from ``python -m tests.reliability`` (see README, "Reliability").
"""

from tests.reliability.crash import (
    complete_lines,
    kill_api_writers,
    kill_cli_writers,
    kill_during_first_write,
    kill_during_migration,
)


def test_sigkill_api_writers_lose_nothing_acknowledged(tmp_path):
    report = kill_api_writers(str(tmp_path / "s.json"), rounds=25, seed=1)
    assert report.kills == 25
    assert report.acknowledged > 25  # the writers did get work done between kills
    assert report.lost == 0 and report.unreadable == 0, report.notes


def test_sigkill_cli_writers(tmp_path):
    report = kill_cli_writers(str(tmp_path / "s.json"), rounds=8, seed=2)
    assert report.lost == 0 and report.unreadable == 0, report.notes


def test_sigkill_during_first_write_of_new_store(tmp_path):
    report = kill_during_first_write(str(tmp_path), rounds=8, seed=3)
    assert report.lost == 0 and report.unreadable == 0, report.notes


def test_sigkill_during_migration(tmp_path):
    report = kill_during_migration(str(tmp_path), rounds=4, size=20000, seed=4)
    assert report.lost == 0 and report.unreadable == 0, report.notes


def test_an_acknowledgment_counts_only_once_its_line_is_complete():
    # Under PYTHONUNBUFFERED a kill can land between "ACK " and the id (CI saw "lost=1").
    assert complete_lines("ACK 1\nACK 2\nACK ") == ["ACK 1", "ACK 2"]
    assert complete_lines("") == [] and complete_lines("ACK 3") == []
