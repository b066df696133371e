"""Kill real writer processes with SIGKILL at random moments and audit the store.

Each round starts a writer (the CLI's ``reader annotate``, or a loop through the Store
API), lets it acknowledge some writes, kills it, then opens the store and checks that it
is readable and holds every acknowledged write.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

WRITER = r"""
import sys
from reader.core.store.store import Store
path, start = sys.argv[1], int(sys.argv[2])
s = Store.open(path, wait=10)
i = start
while True:
    a = s.add_annotation("doc", {"selector": []}, ["t"], "n" * (i % 500))
    sys.stdout.write(f"ACK {a['id']}\n")
    sys.stdout.flush()
    i += 1
"""


@dataclass
class CrashReport:
    kills: int = 0
    acknowledged: int = 0
    lost: int = 0
    unreadable: int = 0
    notes: list[str] = field(default_factory=list)


def _audit(path: str, acked: set[str], report: CrashReport, lost=None) -> None:
    """Open the store as a reader would; count it unreadable, or count what it lost.

    ``lost(store)`` counts lost writes; by default, acknowledged annotation ids not in it.
    """
    from reader.core.errors import StoreError
    from reader.core.store.store import Store

    try:
        s = Store.open(path, mode="read")
    except StoreError as exc:
        report.unreadable += 1
        report.notes.append(str(exc))
        return
    try:
        s.load_all()
        report.lost += lost(s) if lost else len(acked - {a["id"] for a in s.annotations_of()})
    finally:
        s.close()


def complete_lines(out: str) -> list[str]:
    """The lines a killed process printed in full: an acknowledgment counts once its newline
    is out. Under ``PYTHONUNBUFFERED`` (as on some CI machines) ``print("ACK", x)`` makes one
    write per piece, so a kill can leave "ACK " without the id it was about to name."""
    return out.split("\n")[:-1]


def run_and_kill(cmd: list[str], delay: float, env: dict | None = None) -> str:
    """Start cmd, SIGKILL it after ``delay`` seconds, return what it printed."""
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=str(ROOT), env=env)
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    out, _ = proc.communicate()
    return out.decode("utf-8", "replace")


def kill_api_writers(path: str, rounds: int, seed: int = 0, max_delay: float = 0.25) -> CrashReport:
    """SIGKILL a Store-API writer loop at random moments, ``rounds`` times."""
    rng = random.Random(seed)
    report = CrashReport()
    acked: set[str] = set()
    for r in range(rounds):
        # interpreter start-up, then some writes
        out = run_and_kill([sys.executable, "-c", WRITER, path, str(r)], rng.uniform(0.0, max_delay) + 0.12)
        for line in complete_lines(out):
            if line.startswith("ACK ") and len(line) > 10:
                acked.add(line[4:].strip())
        report.kills += 1
        _audit(path, acked, report)
    report.acknowledged = len(acked)
    return report


def kill_cli_writers(path: str, rounds: int, seed: int = 0) -> CrashReport:
    """SIGKILL ``reader annotate`` at random moments around its ~0.1 s of work.

    Each round tags one of four passages with a tag of its own; a printed id acknowledges
    that round's tag, so the audit checks that every acknowledged tag is in the store.
    """
    rng = random.Random(seed)
    report = CrashReport()
    acked: list[tuple[str, str]] = []
    env = {**os.environ, "READER_DB": path}
    quotes = ["No such policy exists", "Wheeler also says the lawyer", "He asked Riddell to share proof",
              "An email sent by Portland police"]
    for r in range(rounds):
        out = run_and_kill(
            [sys.executable, "-m", "reader", "annotate", "mayor-rebuttal", "--quote", quotes[r % len(quotes)],
             "--tag", f"t{r}"], rng.uniform(0.02, 0.3), env)
        acked += [(line.strip(), f"t{r}") for line in complete_lines(out) if len(line.strip()) == 36]
        report.kills += 1
        _audit(path, set(), report, lambda s: sum(
            1 for ann_id, tag in acked if tag not in (s.annotation(ann_id) or {}).get("tags", [])))
    report.acknowledged = len(acked)
    return report


def kill_during_first_write(folder: str, rounds: int, seed: int = 0) -> CrashReport:
    """A new store each round, killed around its very first write."""
    rng = random.Random(seed)
    report = CrashReport()
    for r in range(rounds):
        path = os.path.join(folder, f"new-{r}.json")
        out = run_and_kill([sys.executable, "-c", WRITER, path, "0"], rng.uniform(0.05, 0.2))
        acked = {line[4:].strip() for line in complete_lines(out) if line.startswith("ACK ") and len(line) > 10}
        report.kills += 1
        report.acknowledged += len(acked)
        if os.path.exists(path) or acked:
            _audit(path, acked, report)
    return report


def kill_during_migration(folder: str, rounds: int, size: int = 20000, seed: int = 0) -> CrashReport:
    """A large schema-1 store, its migrating writer killed at random moments."""
    rng = random.Random(seed)
    report = CrashReport()
    v1 = {"annotations": {str(i): {"id": f"a{i}", "article": "doc", "quote": f"quote {i}", "start": i, "end": i + 5,
                                    "tag": "claim", "note": "x" * 50} for i in range(1, size + 1)}}
    blob = json.dumps(v1)
    code = "import sys\nfrom reader.core.store.store import Store\nStore.open(sys.argv[1]).close()\nprint('DONE', flush=True)\n"
    for r in range(rounds):
        path = os.path.join(folder, f"mig-{r}.json")
        with open(path, "w") as fh:
            fh.write(blob)
        run_and_kill([sys.executable, "-c", code, path], rng.uniform(0.1, 0.9))
        report.kills += 1
        from reader.core.errors import StoreError
        from reader.core.store.store import Store

        try:
            s = Store.open(path, mode="read")
            if len(s.annotations_of()) != size:
                report.lost += size - len(s.annotations_of())
            s.close()
        except StoreError as exc:
            report.unreadable += 1
            report.notes.append(str(exc))
    report.acknowledged = rounds * size
    return report
