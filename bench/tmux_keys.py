"""12a, as a person sees it: from a key sent in tmux to the changed screen, with 10,000
annotations on the open article against an empty store, in the same run."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from bench.common import ROOT, filled_store, med, no_bytecode_env, report, tmpdir


class _Tmux:
    def __init__(self, db: str, article: str) -> None:
        self.sock = f"reader-bench-{os.getpid()}-{time.monotonic_ns()}"
        config = os.path.join(tmpdir(), "none.toml")
        open(config, "w").close()  # an empty config: the defaults, and no "names no file" notice on screen
        env = {**no_bytecode_env(), "READER_DB": db, "READER_CONFIG": config,
               "TERM": "xterm-256color"}
        envs = " ".join(f"{k}='{v}'" for k, v in env.items() if k in ("READER_DB", "READER_CONFIG", "TERM"))
        cmd = f"cd '{ROOT}' && env {envs} '{sys.executable}' -m reader '{article}' mayor-rebuttal; sleep 30"
        self.run("-f", "/dev/null", "new-session", "-d", "-x", "160", "-y", "48", cmd, ";", "set-option", "status", "off")
        self.wait(lambda s: "NORMAL" in s, 30)

    def run(self, *args: str) -> str:
        return subprocess.run(["tmux", "-L", self.sock, *args], capture_output=True, text=True).stdout

    def screen(self) -> str:
        return self.run("capture-pane", "-e", "-p", "-t", "0")

    def wait(self, ok, timeout: float) -> float:  # type: ignore[no-untyped-def]
        t = time.perf_counter()
        while time.perf_counter() - t < timeout:
            if ok(self.screen()):
                return (time.perf_counter() - t) * 1000
            time.sleep(0.002)
        return float("nan")

    def key(self, key: str) -> float:
        """Milliseconds from sending key to the first changed screen."""
        time.sleep(0.15)
        before = self.screen()
        self.run("send-keys", "-t", "0", key)
        return self.wait(lambda s: s != before, 5)

    def keys(self, *keys: str) -> None:
        """Keys whose repaint is not timed: each waits for the screen to change."""
        for key in keys:
            self.key(key)

    def stop(self) -> None:
        self.run("kill-server")


def bench_tmux_keys(runs: int, annotations: int = 10_000) -> None:
    if not shutil.which("tmux"):
        print("   12a tmux: tmux is not installed; skipped")
        return
    from bench.corpus import corpus_text
    from reader.core.text.document import Document

    text, _ = corpus_text()
    folder = tmpdir()
    article = os.path.join(folder, "corpus.txt")
    Path(article).write_text(text, encoding="utf-8")
    from reader.core.sources.articles import load_document

    doc = load_document(article)
    assert isinstance(doc, Document)
    full = filled_store(folder, [doc], annotations)
    empty = os.path.join(tmpdir(), "empty.json")
    results = {}
    for name, db in (("empty", empty), ("full", full)):
        t = _Tmux(db, article)
        try:
            samples: dict[str, list[float]] = {"j": [], "h": [], "u": [], "t": [], "d": []}
            n = max(8, runs * 2)
            for _ in range(n):
                for key in ("j", "h", "u"):
                    samples[key].append(t.key(key))
            for _ in range(n):
                t.keys("j", "t", "c", "l", "a")  # typing a tag; the Enter that tags it is timed
                samples["t"].append(t.key("Enter"))
            for _ in range(n):
                t.keys("j", "h", "a", "Tab")  # the annotations panel (never empty), its list focused
                samples["d"].append(t.key("d"))
                t.keys("Escape")
            results[name] = {k: med(v) for k, v in samples.items()}
        finally:
            t.stop()
    for key in ("j", "h", "u", "t", "d"):
        report(f"12a key to repaint in tmux, '{key}', {annotations:,} annotations", results["full"][key], "ms",
               results["empty"][key], "same key, empty store", "<= 1.2x")
