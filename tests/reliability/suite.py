"""The reliability suite: every promise of the store, the loaders and the TUI, under faults.

Each check returns rows (area, what was tried, what happened, ok). ``python -m
tests.reliability`` prints them as a table (``--long`` for the long version);
``tests/reliability/test_reliability.py`` runs the short version under pytest in CI.
"""

from __future__ import annotations

import asyncio
import gc
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from dataclasses import dataclass
from pathlib import Path

from tests.reliability import crash

ROOT = Path(__file__).resolve().parents[2]
PY = sys.executable


@dataclass
class Row:
    area: str
    tried: str
    happened: str
    ok: bool


def _env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items()}
    env.update({k: str(v) for k, v in extra.items()})
    return env


def _unprivileged() -> list[str]:
    """Root ignores file permissions; drop that power so permission cases mean something."""
    if os.geteuid() == 0 and shutil.which("setpriv"):
        return ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner"]
    return []


def _cli(*args, env=None, timeout=60, prefix=()) -> subprocess.CompletedProcess:
    return subprocess.run([*prefix, PY, "-m", "reader", *args], capture_output=True, text=True,
                          env=env or _env(), timeout=timeout, cwd=str(ROOT))


def _clean_error(p: subprocess.CompletedProcess) -> bool:
    """A clear one-line error (or none), never a traceback. Notes may come before it."""
    lines = [l for l in p.stderr.strip().splitlines() if not l.startswith("reader: note: ")]
    return "Traceback" not in p.stderr and (p.returncode == 0 or (len(lines) == 1 and lines[0].startswith("reader: ")))


# --- crashes --------------------------------------------------------------------------------
def _generated_article(folder: str, sentences: int = 3000) -> str:
    from bench.corpus import generated

    path = os.path.join(folder, "long-article.txt")
    Path(path).write_text(generated(sentences * 90, seed=7), encoding="utf-8")
    return path


def kill_tui_writers(path: str, article: str, rounds: int, seed: int = 0) -> crash.CrashReport:
    rng = random.Random(seed)
    report = crash.CrashReport()
    alive: set[str] = set()
    for _ in range(rounds):
        out = crash.run_and_kill([PY, str(ROOT / "tests/reliability/tui_writer.py"), path, article], rng.uniform(1.5, 4.0))
        for line in crash.complete_lines(out):
            parts = line.split()
            if len(parts) == 3 and parts[0] == "ACK":
                report.acknowledged += parts[1] == "ADD"
                (alive.add if parts[1] == "ADD" else alive.discard)(parts[2])
        report.kills += 1
        crash._audit(path, alive, report)
    return report


def crashes(long: bool) -> list[Row]:
    folder = tempfile.mkdtemp()
    rows = []
    n = 300 if long else 30
    r = crash.kill_api_writers(os.path.join(folder, "api.json"), rounds=n, seed=11)
    rows.append(Row("Crashes", f"SIGKILL a Store-API writer loop at random moments, {r.kills} times",
                    f"{r.acknowledged} writes acknowledged, {r.lost} lost, store unreadable {r.unreadable} times",
                    r.lost == 0 and r.unreadable == 0 and r.acknowledged > n))
    n = 60 if long else 6
    r = crash.kill_cli_writers(os.path.join(folder, "cli.json"), rounds=n, seed=12)
    rows.append(Row("Crashes", f"SIGKILL `reader annotate` at random moments, {r.kills} times",
                    f"{r.acknowledged} acknowledged (id printed), {r.lost} lost, unreadable {r.unreadable}",
                    r.lost == 0 and r.unreadable == 0))
    article = _generated_article(folder, sentences=400)  # small: the TUI starts fast, gets to work
    n = 40 if long else 4
    r = kill_tui_writers(os.path.join(folder, "tui.json"), article, rounds=n, seed=13)
    rows.append(Row("Crashes", f"SIGKILL the TUI (headless) while it highlights and undoes, {r.kills} times",
                    f"{r.acknowledged} highlights acknowledged, {r.lost} lost, unreadable {r.unreadable}",
                    r.lost == 0 and r.unreadable == 0 and r.acknowledged > 0))
    n = 60 if long else 8
    r = crash.kill_during_first_write(folder, rounds=n, seed=14)
    rows.append(Row("Crashes", f"SIGKILL during the first write of a new store, {r.kills} times",
                    f"{r.acknowledged} acknowledged, {r.lost} lost, unreadable {r.unreadable}",
                    r.lost == 0 and r.unreadable == 0))
    n = 20 if long else 3
    r = crash.kill_during_migration(folder, rounds=n, size=20000, seed=15)
    rows.append(Row("Crashes", f"SIGKILL during a schema-1 → 2 migration of 20,000 annotations, {r.kills} times",
                    f"annotations lost {r.lost}, store unreadable {r.unreadable} times",
                    r.lost == 0 and r.unreadable == 0))
    return rows


# --- disk trouble ------------------------------------------------------------------------------
def _store_bytes(db: str) -> dict[str, bytes]:
    """Every file of a store (the root as "", then its shards), to tell whether any changed."""
    out = {"": Path(db).read_bytes()}
    folder = db + ".d"
    if os.path.isdir(folder):
        for name in sorted(os.listdir(folder)):
            if name.endswith(".json"):
                out[name] = Path(folder, name).read_bytes()
    return out


def disk(long: bool) -> list[Row]:
    rows = []
    base = tempfile.mkdtemp()
    os.chmod(base, 0o777)
    db = os.path.join(base, "s.json")
    env = _env(READER_DB=db)
    assert _cli("annotate", "mayor-rebuttal", "--quote", "No such policy exists", env=env).returncode == 0
    before = _store_bytes(db)

    # Full disk: a file-size limit below what the next save needs.
    limit = max(len(b) for b in before.values()) + 64
    code = (f"import resource; resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))\n"
            "import sys; from reader.cli import main; sys.exit(main(sys.argv[1:]))\n")
    p = subprocess.run([PY, "-c", code, "annotate", "mayor-rebuttal", "--quote", "He asked Riddell", "--note", "x" * 4000],
                       capture_output=True, text=True, env=env, cwd=str(ROOT))
    intact = _store_bytes(db) == before
    leftovers = [n for d in (base, db + ".d") for n in os.listdir(d) if ".tmp-" in n]
    rows.append(Row("Disk", "a full disk (file-size limit) while saving",
                    f"exit {p.returncode}: {p.stderr.strip()[:140]}; store intact: {intact}; temp files left: {len(leftovers)}",
                    p.returncode == 74 and "disk is full" in p.stderr and intact and not leftovers and _clean_error(p)))

    prefix = _unprivileged()
    ro = os.path.join(base, "ro")
    os.mkdir(ro)
    shutil.copy(db, os.path.join(ro, "s.json"))
    shutil.copytree(db + ".d", os.path.join(ro, "s.json.d"))
    os.chmod(ro, 0o555)
    p = _cli("annotate", "mayor-rebuttal", "--quote", "He asked Riddell", env=_env(READER_DB=os.path.join(ro, "s.json")), prefix=prefix)
    q = _cli("list", "--json", env=_env(READER_DB=os.path.join(ro, "s.json")), prefix=prefix)
    rows.append(Row("Disk", "a read-only store directory",
                    f"writer: exit {p.returncode}, {p.stderr.strip()[:140]}; reader: exit {q.returncode}",
                    p.returncode != 0 and _clean_error(p) and q.returncode == 0 and len(json.loads(q.stdout)) == 1))
    os.chmod(ro, 0o755)

    fresh = os.path.join(base, "new", "deeper", "s.json")
    p = _cli("annotate", "mayor-rebuttal", "--quote", "He asked Riddell", env=_env(READER_DB=fresh), prefix=prefix)
    rows.append(Row("Disk", "a store directory that does not exist yet",
                    f"exit {p.returncode}; created: {os.path.exists(fresh)}", p.returncode == 0 and os.path.exists(fresh)))

    locked = os.path.join(base, "noperm.json")
    shutil.copy(db, locked)
    shutil.copytree(db + ".d", locked + ".d")
    os.chmod(locked, 0)
    p = _cli("list", "--json", env=_env(READER_DB=locked), prefix=prefix)
    w = _cli("annotate", "mayor-rebuttal", "--quote", "He asked Riddell", env=_env(READER_DB=locked), prefix=prefix)
    os.chmod(locked, 0o600)
    kept = _store_bytes(locked).values() and Path(locked).read_bytes() == before[""]
    rows.append(Row("Disk", "a store file without read permission",
                    f"list: exit {p.returncode}, {p.stderr.strip()[:140]}; annotate: exit {w.returncode}; data kept: {kept}",
                    p.returncode != 0 and w.returncode != 0 and _clean_error(p) and _clean_error(w) and kept
                    and "permission denied" in p.stderr))
    return rows


# --- concurrency --------------------------------------------------------------------------------------
def _start_tui(db: str, article: str, seconds: float) -> subprocess.Popen:
    return subprocess.Popen([PY, str(ROOT / "tests/reliability/tui_writer.py"), db, article, str(seconds)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=str(ROOT))


def _acks(out: str) -> set[str]:
    alive = set()
    for line in crash.complete_lines(out):
        parts = line.split()
        if len(parts) == 3 and parts[0] == "ACK":
            (alive.add if parts[1] == "ADD" else alive.discard)(parts[2])
    return alive


def concurrency(long: bool) -> list[Row]:
    from reader.core.store.store import Store

    rows = []
    folder = tempfile.mkdtemp()
    article = _generated_article(folder)
    db = os.path.join(folder, "s.json")

    a = _start_tui(db, article, 4.0)
    first = a.stdout.readline().strip()
    b = _start_tui(db, article, 2.0)
    try:
        b_out, _ = b.communicate(timeout=60)
        a_rest, _ = a.communicate(timeout=60)
        stuck = False
    except subprocess.TimeoutExpired:
        a.kill(); b.kill()
        a_rest, b_out, stuck = "", "", True
    s = Store.open(db, mode="read")
    have = {a["id"] for a in s.annotations_of()}
    s.close()
    acked = _acks(a_rest)
    rows.append(Row("Concurrency", "two TUIs on one store",
                    f"first {first}, second {b_out.splitlines()[0] if b_out else '?'}; both exited: {not stuck}; "
                    f"{len(acked)} acknowledged, {len(acked - have)} lost; second wrote {len(_acks(b_out))}",
                    first == "RW" and b_out.startswith("RO") and not stuck and acked <= have and not _acks(b_out)))

    a = _start_tui(db, article, 4.0)
    a.stdout.readline()
    t = time.monotonic()
    p = _cli("annotate", "mayor-rebuttal", "--quote", "No such policy exists", env=_env(READER_DB=db, READER_LOCK_WAIT=1))
    waited = time.monotonic() - t
    a_out, _ = a.communicate(timeout=60)
    after = _cli("annotate", "mayor-rebuttal", "--quote", "No such policy exists", env=_env(READER_DB=db))
    s = Store.open(db, mode="read")
    have = {a["id"] for a in s.annotations_of()}
    s.close()
    ok_ids = {after.stdout.strip()} <= have and _acks(a_out) <= have
    rows.append(Row("Concurrency", "a TUI plus a CLI writer",
                    f"CLI while the TUI runs: exit {p.returncode} after {waited:.1f} s ({p.stderr.strip()[:140]}); "
                    f"after it quits: exit {after.returncode}; nothing lost: {ok_ids}",
                    p.returncode == 75 and _clean_error(p) and after.returncode == 0 and ok_ids))

    quotes = ["He asked Riddell", "Wheeler also says the lawyer", "An email sent by Portland police", "But it also suggests"]
    procs = [subprocess.Popen([PY, "-m", "reader", "annotate", "mayor-rebuttal", "--quote", q, "--tag", f"w{i}"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=str(ROOT),
                              env=_env(READER_DB=db, READER_LOCK_WAIT=20)) for i, q in enumerate(quotes)]
    outs = [p.communicate(timeout=60) for p in procs]
    ids = {o[0].strip() for o in outs}
    s = Store.open(db, mode="read")
    have = {a["id"] for a in s.annotations_of()}
    s.close()
    rows.append(Row("Concurrency", "four CLI writers at once",
                    f"exit codes {[p.returncode for p in procs]}; {len(ids & have)} of 4 saved",
                    all(p.returncode == 0 for p in procs) and ids <= have and len(ids) == 4))
    return rows


# --- hostile article files -------------------------------------------------------------------------------
HOSTILE_TEXTS = {
    "tabs": "Title\n\n\tIndented\twith\ttabs. Second sentence.",
    "rtl": "Title\n\nשלום עולם. مرحبا بالعالم. Mixed English then עברית.",
    "combining": "Title\n\nCafe\u0301 and nai\u0308ve and Z\u0351\u0352a\u0353l\u0354g\u0355o. Next.",
    "emoji": "Title\n\nSmile \U0001f600 and family \U0001f468\u200d\U0001f469\u200d\U0001f467 here. Flag \U0001f1fa\U0001f1f8 too.",
    "cjk": "标题\n\n这是一个很长的中文句子。这是第二个句子！日本語の文も入れます。",
    "escapes": ("Title\n\nTitle change \x1b]0;PWNED\x07 here. Clipboard \x1b]52;c;ZXZpbA==\x07 write. "
                "Clear \x1b[2J\x1b[H screen. Cursor \x1b[10;10H move \x1b[31mred\x1b[0m. C1 \x9b2J and \x9d0;x\x9c done."),
}


def _render_all(path: str) -> tuple[bool, str]:
    """Open path in a headless reader, page through it; (terminal-safe and aligned, detail)."""
    from reader.core.config import Config
    from reader.core.services.workspace import Workspace
    from reader.core.sources.articles import load_document
    from reader.core.store.store import Store
    from reader.tui.app import ReaderApp

    doc = load_document(path)
    store = Store.open(os.path.join(tempfile.mkdtemp(), "s.json"))
    ws = Workspace(store, [doc, load_document("mayor-rebuttal")])
    problems = []

    async def run() -> None:
        app = ReaderApp(ws, Config())
        async with app.run_test(size=(60, 20)) as pilot:
            view = app.reading.views[0]
            await pilot.press("j", "h")  # a highlight on the second sentence
            for _ in range(4):
                for y in range(view.scrollable_content_region.height):
                    strip = view.render_line(y)
                    for seg in strip:
                        if any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in seg.text):
                            problems.append(f"control character reached the screen: {seg.text!r}")
                    if strip.cell_length != view.scrollable_content_region.width:
                        problems.append(f"line {y} is {strip.cell_length} cells wide")
                # the cursor's styled cells are exactly the sentence's characters
                row = view.layout_.row_of(view.cursor[0])
                if 0 <= row - view.scroll_offset.y < view.scrollable_content_region.height:
                    strip = view.render_line(row - view.scroll_offset.y)
                    styled = "".join(seg.text for seg in strip if seg.style and seg.style.reverse)
                    s, e = view.cursor
                    line_s, line_e = view.layout_.starts[row], view.layout_.ends[row]
                    from reader.core.text.safety import inert
                    want = inert(doc.text[max(s, line_s):min(e, line_e)])
                    if styled != want:
                        problems.append(f"cursor cells {styled!r} != text {want!r}")
                await pilot.press("pagedown", "j")

    asyncio.run(run())
    store.close()
    return not problems, problems[0] if problems else "rendered, inert and aligned"


def hostile_articles(long: bool) -> list[Row]:
    folder = tempfile.mkdtemp()
    cases: dict[str, bytes | None] = {
        "empty": b"", "binary (PNG)": b"\x89PNG\r\n\x1a\n" + os.urandom(4000), "binary (random)": os.urandom(8000),
        "Latin-1": "Title\n\nna\u00efve caf\u00e9 \u00e0 la carte.".encode("latin-1"),
        "Windows-1252": "Title\n\n\u201cSmart quotes\u201d \u2014 and \u20ac5.".encode("cp1252"),
        "UTF-8 BOM": b"\xef\xbb\xbfTitle\n\nBody text.",
        "CRLF": b"Title\r\n\r\nFirst line\r\nsoft wrap. Second.\r\n",
        "NUL bytes": b"Title\n\nSome\x00text with a NUL. More.",
        "5 MB single line": ("Title\n\n" + "word " * 1_050_000).encode(),
    }
    for name, text in HOSTILE_TEXTS.items():
        cases[name] = text.encode("utf-8")
    rows = []
    for name, data in cases.items():
        path = os.path.join(folder, name.replace(" ", "_").replace("(", "").replace(")", "") + ".txt")
        Path(path).write_bytes(data)
        t = time.monotonic()
        p = _cli("export", path, "mayor-rebuttal", "-o", "-", timeout=60)
        dt = time.monotonic() - t
        opened = p.returncode == 0
        detail, aligned = "", True
        if opened:
            aligned, detail = _render_all(path)
        note = next((l.split(": ", 3)[-1] for l in p.stderr.splitlines() if l.startswith("reader: note: ")), "")
        if note:
            detail += f"; said: {note}"
        happened = (f"opened ({detail})" if opened else f"refused, exit {p.returncode}: {p.stderr.strip()[:140]}") + f"; {dt:.1f} s"
        should_open = name not in ("empty", "binary (PNG)", "binary (random)")
        rows.append(Row("Hostile articles", name, happened, _clean_error(p) and opened == should_open and aligned))
    special = {"a directory": folder, "a broken symlink": os.path.join(folder, "dangling.txt")}
    os.symlink(os.path.join(folder, "gone.txt"), special["a broken symlink"])
    fifo = os.path.join(folder, "fifo.txt")
    os.mkfifo(fifo)
    special["a FIFO"] = fifo
    for name, path in special.items():
        t = time.monotonic()
        p = _cli("export", path, "mayor-rebuttal", timeout=20)
        rows.append(Row("Hostile articles", name, f"refused, exit {p.returncode}: {p.stderr.strip()[:140]}; {time.monotonic() - t:.1f} s",
                        p.returncode != 0 and _clean_error(p)))
    return rows


# --- hostile store and import files ------------------------------------------------------------------------
def _all_records(path: str) -> list[dict]:
    """Every record in a store's files (the root and its shards), for checking what was kept."""
    from reader.core.store.files import shard_folder

    out = []
    names = [path] + [os.path.join(shard_folder(path), n) for n in sorted(os.listdir(shard_folder(path)))
                      if n.endswith(".json")] if os.path.isdir(shard_folder(path)) else [path]
    for name in names:
        try:
            raw = json.loads(Path(name).read_text())
        except (OSError, ValueError):
            continue
        for table, recs in raw.items():
            if table != "meta" and isinstance(recs, dict):
                out += list(recs.values())
    return out


def hostile_stores(long: bool) -> list[Row]:
    from reader.core.errors import ReaderError
    from reader.core.services.importing import import_file
    from reader.core.services.workspace import Workspace
    from reader.core.sources.articles import load_document
    from reader.core.store.store import Store

    rows = []
    folder = tempfile.mkdtemp()
    good = {"meta": {"1": {"schema_version": 2}},
            "annotations": {"1": {"id": "a", "doc": "mayor-rebuttal", "target": {"selector": [
                {"type": "TextQuoteSelector", "exact": "No such policy exists", "prefix": "", "suffix": ""}]},
                "tags": ["denial"], "note": ""}}}
    cases = {
        "truncated JSON": json.dumps(good)[:-20].encode(),
        "wrong types": json.dumps({**good, "annotations": {"1": {"id": 5, "doc": [], "target": "x", "tags": "claim"},
                                                           "2": good["annotations"]["1"]}}).encode(),
        "missing fields": json.dumps({**good, "annotations": {"1": {"id": "b"}, "2": good["annotations"]["1"]}}).encode(),
        "unknown schema version": json.dumps({**good, "meta": {"1": {"schema_version": 99}}}).encode(),
        "schema version of the wrong type": json.dumps({**good, "meta": {"1": {"schema_version": "two"}}}).encode(),
        "duplicate ids": json.dumps({**good, "annotations": {"1": good["annotations"]["1"], "2": good["annotations"]["1"]}}).encode(),
        "links to missing annotations": json.dumps({**good, "links": {"1": {"id": "l", "source": "a", "target": "ghost", "relation": "rebuts"}}}).encode(),
    }
    for name, data in cases.items():
        path = os.path.join(folder, name.replace(" ", "_") + ".json")
        Path(path).write_bytes(data)
        p = _cli("list", "--json", env=_env(READER_DB=path))
        untouched = Path(path).read_bytes() == data
        outcome = f"listed {len(json.loads(p.stdout))}" if p.returncode == 0 else f"refused, exit {p.returncode}: {p.stderr.strip()[:140]}"
        # and a writer: what it does not understand it leaves in the file
        w = _cli("annotate", "mayor-rebuttal", "--quote", "He asked Riddell", env=_env(READER_DB=path))
        kept = True
        if w.returncode == 0:
            stored = _all_records(path)
            kept = all(any(v == r for r in stored) for t, recs in json.loads(data).items() if t != "meta"
                       for v in recs.values())
        rows.append(Row("Hostile stores", name, f"{outcome}; writer exit {w.returncode}; originals kept: {kept and (untouched or w.returncode == 0)}",
                        _clean_error(p) and _clean_error(w) and kept and (w.returncode == 0 or untouched)))

    # Fuzz: random JSON in the store's place, and as an import.
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                               lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
                               max_leaves=20)
    docs = [load_document("ice-union-allegation"), load_document("mayor-rebuttal")]
    counts = {"store ok": 0, "store refused": 0, "import ok": 0, "import refused": 0}
    fuzz_dir = tempfile.mkdtemp()

    def store_shape(v):
        return st.fixed_dictionaries({"meta": st.just({"1": {"schema_version": 2}}),
                                      "annotations": st.dictionaries(st.text(max_size=3), v, max_size=4),
                                      "links": st.dictionaries(st.text(max_size=3), v, max_size=3)})

    @settings(max_examples=1000 if long else 150, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(st.one_of(json_values, store_shape(json_values)))
    def fuzz_store(value):
        path = os.path.join(fuzz_dir, "f.json")
        raw = json.dumps(value).encode()
        Path(path).write_bytes(raw)
        try:
            s = Store.open(path, mode="write")
        except ReaderError:
            counts["store refused"] += 1
            assert Path(path).read_bytes() == raw
            return
        try:
            Workspace(s, docs)
            counts["store ok"] += 1
        finally:
            s.close()
        os.unlink(path)

    @settings(max_examples=1000 if long else 150, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(st.one_of(json_values, st.lists(json_values, max_size=5),
                     st.fixed_dictionaries({"rows": st.lists(json_values, max_size=4)})))
    def fuzz_import(value):
        s = Store.open(os.path.join(tempfile.mkdtemp(dir=fuzz_dir), "i.json"))
        try:
            Workspace(s, docs)
            import_file(s, json.dumps(value).encode(), {d.key: d for d in docs})
            counts["import ok"] += 1
        except ReaderError:
            counts["import refused"] += 1
        finally:
            s.close()

    failure = ""
    try:
        fuzz_store()
        fuzz_import()
    except Exception as exc:  # a crash the fuzzer found
        failure = f"{type(exc).__name__}: {str(exc)[:140]}"
    rows.append(Row("Hostile stores", "fuzzed store files and import files (hypothesis)",
                    failure or ", ".join(f"{k} {v}" for k, v in counts.items()), not failure))

    size_mb = 100 if long else 5
    big = os.path.join(folder, "big-import.json")
    mayor = docs[1]
    sents = [span for _p, _i, span in mayor.all_sentences()]
    with open(big, "w") as fh:
        fh.write("[")
        written, i = 0, 0
        while written < size_mb * 1_000_000:
            s, e = sents[i % len(sents)]
            item = {"type": "Annotation", "motivation": "commenting", "id": f"urn:uuid:{i:08x}-0000-4000-8000-000000000000",
                    "body": [{"type": "TextualBody", "value": "note " * 60, "purpose": "commenting"}],
                    "target": {"source": "urn:reader:article:mayor-rebuttal", "selector": [
                        {"type": "TextQuoteSelector", "exact": mayor.text[s:e], "prefix": "", "suffix": ""},
                        {"type": "TextPositionSelector", "start": s, "end": e}]}}
            chunk = ("," if i else "") + json.dumps(item)
            fh.write(chunk)
            written += len(chunk)
            i += 1
        fh.write("]")
    db = os.path.join(folder, "import-store.json")
    t = time.monotonic()
    code = ("import resource, sys\nfrom reader.cli import main\nrc = main(sys.argv[1:])\n"
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024, file=sys.stderr)\nsys.exit(rc)\n")
    p = subprocess.run([PY, "-c", code, "import", big], capture_output=True, text=True, env=_env(READER_DB=db), cwd=str(ROOT), timeout=900)
    dt = time.monotonic() - t
    lines = p.stderr.strip().splitlines()
    rows.append(Row("Hostile stores", f"a {os.path.getsize(big) / 1e6:.0f} MB import ({i} annotations; each quote repeats)",
                    f"exit {p.returncode} in {dt:.1f} s, peak {lines[-1] if lines else '?'} MB: {lines[0][:140] if lines else ''}",
                    p.returncode == 0 and "Traceback" not in p.stderr))
    return rows


# --- terminals ------------------------------------------------------------------------------------------------
def terminals(long: bool) -> list[Row]:
    from reader.core.config import Config
    from reader.core.services.workspace import Workspace
    from reader.core.sources.articles import load_document
    from reader.core.store.store import Store
    from reader.tui.app import ReaderApp

    rows = []

    def app():
        store = Store.open(os.path.join(tempfile.mkdtemp(), "s.json"))
        ws = Workspace(store, [load_document("ice-union-allegation"), load_document("mayor-rebuttal")])
        return ReaderApp(ws, Config()), store

    sizes = [(24, 6), (30, 8), (40, 12), (80, 24), (120, 40), (160, 48), (200, 60), (300, 100)]

    async def every_size() -> list[str]:
        seen = []
        for w, h in sizes:
            a, store = app()
            async with a.run_test(size=(w, h)) as pilot:
                await pilot.press("j", "J", "v", "j", "h", "G", "g", "tab", "j")
                await pilot.pause()
                seen.append(f"{w}x{h}")
            store.close()
        return seen

    try:
        seen = asyncio.run(every_size())
        rows.append(Row("Terminals", "sizes 24×6 to 300×100, with keys pressed at each", f"{len(seen)} sizes, no error", True))
    except Exception as exc:
        rows.append(Row("Terminals", "sizes 24×6 to 300×100", f"{type(exc).__name__}: {exc}", False))

    async def storm() -> tuple[float, bool]:
        a, store = app()
        from textual.events import Resize
        from textual.geometry import Size

        async with a.run_test(size=(80, 24)) as pilot:
            t = time.monotonic()
            rng = random.Random(5)
            for _ in range(50):  # 50 resizes within a second, a key press after each
                size = Size(*rng.choice(sizes))
                a._driver._size = size
                a.post_message(Resize(size, size))
                a.simulate_key("j")
                await asyncio.sleep(0.005)
            dt = time.monotonic() - t
            await pilot.resize_terminal(80, 24)
            await pilot.pause()
            view = a.reading.views[0]
            top, _b = view.layout_.rows_of(*view.cursor)
            y = view.scroll_offset.y
            visible = y <= top < y + view.scrollable_content_region.height
        store.close()
        return dt, visible

    dt, visible = asyncio.run(storm())
    rows.append(Row("Terminals", "a resize storm: 50 resizes, a cursor move after each, as fast as they go",
                    f"50 resizes in {dt:.2f} s; no error; cursor in view after: {visible}", visible))

    async def styles(no_color: bool) -> tuple[bool, bool]:
        old = os.environ.get("NO_COLOR")
        if no_color:
            os.environ["NO_COLOR"] = "1"
        try:
            a, store = app()
            ws = a.workspace
            union = ws.docs[0]
            ws.add_tag(union, union.sentences(1)[0], "claim")
            async with a.run_test(size=(100, 30)) as pilot:
                await pilot.pause()
                view = a.reading.views[0]
                underline = reverse = False
                for y in range(8):
                    for seg in view.render_line(y):
                        underline |= bool(seg.style and seg.style.underline)
                        reverse |= bool(seg.style and seg.style.reverse)
                svg = a.export_screenshot()
            store.close()
            return underline and reverse, "text-decoration: underline" in svg or "underline" in svg
        finally:
            if no_color:
                if old is None:
                    os.environ.pop("NO_COLOR", None)
                else:
                    os.environ["NO_COLOR"] = old

    ok, in_svg = asyncio.run(styles(True))
    rows.append(Row("Terminals", "NO_COLOR: are highlights and the cursor visible without colour?",
                    f"highlight underlined, cursor reversed: {ok}; underline on screen: {in_svg}", ok and in_svg))
    sgr = asyncio.run(sixteen_colours())
    rows.append(Row("Terminals", "a 16-colour terminal: the screen rendered with the standard palette",
                    f"underline {sgr['underline']}, reverse {sgr['reverse']}, 256/true-colour codes {sgr['rich']}",
                    sgr["underline"] and sgr["reverse"] and not sgr["rich"]))
    return rows


async def sixteen_colours() -> dict:
    """Render the reader's lines through a 16-colour console and read the SGR codes back."""
    import io
    import re

    from rich.console import Console
    from rich.segment import Segments

    from reader.core.config import Config
    from reader.core.services.workspace import Workspace
    from reader.core.sources.articles import load_document
    from reader.core.store.store import Store
    from reader.tui.app import ReaderApp

    store = Store.open(os.path.join(tempfile.mkdtemp(), "s.json"))
    ws = Workspace(store, [load_document("ice-union-allegation"), load_document("mayor-rebuttal")])
    union = ws.docs[0]
    for p, tag in ((1, "claim"), (2, "denial"), (3, "quote")):
        ws.add_tag(union, union.sentences(p)[0], tag)
    app = ReaderApp(ws, Config())
    out = io.StringIO()
    console = Console(file=out, color_system="standard", force_terminal=True, width=200)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        view = app.reading.views[0]
        for y in range(12):
            console.print(Segments(list(view.render_line(y))))
    store.close()
    params = [p.split(";") for p in re.findall(r"\x1b\[([0-9;]*)m", out.getvalue())]
    return {"underline": any("4" in p for p in params), "reverse": any("7" in p for p in params),
            "rich": any(("38" in p or "48" in p) for p in params)}


# --- load ---------------------------------------------------------------------------------------------------------
def load(long: bool) -> list[Row]:
    import orjson

    from bench.corpus import generated
    from reader.core.anchors.selectors import describe
    from reader.core.export.formats import render
    from reader.core.fs import atomic_write_bytes
    from reader.core.services.workspace import Workspace
    from reader.core.store.records import annotation_record
    from reader.core.store.store import Store
    from reader.core.text.document import Document

    rows = []
    n_articles, n_anns = (500, 100_000) if long else (50, 10_000)
    folder = tempfile.mkdtemp()
    rng = random.Random(3)
    docs = []
    anns = {}
    for k in range(n_articles):
        doc = Document(key=f"article-{k}", text=generated(3000, seed=k))
        docs.append(doc)
        sents = [span for _p, _i, span in doc.all_sentences()]
        for _ in range(n_anns // n_articles):
            s, e = rng.choice(sents)
            anns[str(len(anns) + 1)] = annotation_record(doc.key, describe(doc, s, e), [rng.choice(["claim", "denial"])], "n")
    db = os.path.join(folder, "big.json")
    atomic_write_bytes(db, orjson.dumps({"meta": {"1": {"schema_version": 2}}, "annotations": anns}))
    size = os.path.getsize(db) / 1e6

    gc.collect()
    tracemalloc.start()
    t = time.perf_counter()
    s = Store.open(db)
    ws = Workspace(s, docs[:2])
    open_ms = (time.perf_counter() - t) * 1000
    _cur, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    saves = []
    for i in range(5):
        span = docs[0].sentences(1 + i)[0]
        t = time.perf_counter()
        s.add_annotation(docs[0].key, describe(docs[0], *span), ["claim"])
        saves.append((time.perf_counter() - t) * 1000)
    t = time.perf_counter()
    out = render(ws, "md")
    export_ms = (time.perf_counter() - t) * 1000
    s.close()
    rows.append(Row("Load", f"a store of {n_anns:,} annotations across {n_articles} articles ({size:.0f} MB file)",
                    f"open + anchor a pair: {open_ms:.0f} ms, peak {peak / 1e6:.0f} MB traced; save one: median "
                    f"{sorted(saves)[2]:.0f} ms; Markdown export of the pair: {export_ms:.0f} ms ({len(out) // 1000} KB)",
                    True))

    presses = 10_000 if long else 1_500
    from reader.core.config import Config
    from reader.core.sources.articles import load_document
    from reader.tui.app import ReaderApp

    async def session() -> tuple[float, float, float]:
        store = Store.open(os.path.join(tempfile.mkdtemp(), "s.json"))
        ws2 = Workspace(store, [load_document("ice-union-allegation"), load_document("mayor-rebuttal")])
        a = ReaderApp(ws2, Config())
        keys = ["j", "j", "k", "J", "tab", "j", "K", "G", "g", "v", "j", "escape"]
        async with a.run_test(size=(120, 40)) as pilot:
            async def burst(n):
                # Keys arrive as fast as a person holding one down: a pause every 20.
                for i in range(n):
                    a.simulate_key(keys[i % len(keys)])
                    if i % 250 == 249:  # now and then a search, its prompt and n
                        await pilot.press("slash", "p", "o", "l", "enter", "n", "escape")
                    if i % 20 == 19:
                        await pilot.pause()
                await pilot.pause()
            await burst(presses // 10)
            gc.collect()
            tracemalloc.start()
            t = time.perf_counter()
            base = tracemalloc.get_traced_memory()[0]
            await burst(presses - presses // 10)
            gc.collect()
            grown = tracemalloc.get_traced_memory()[0] - base
            tracemalloc.stop()
            dt = time.perf_counter() - t
        store.close()
        return grown / 1e6, dt, presses

    grown, dt, n = asyncio.run(session())
    rows.append(Row("Load", f"a long session: {n:,} key presses (moves, pane switches, searches)",
                    f"memory grew {grown:.2f} MB after warm-up; {dt:.0f} s", grown < 5.0))
    return rows


def holes(long: bool) -> list[Row]:
    """Issue 13's 25 holes, as tests of the real program (``tests/reliability/test_holes.py``)."""
    from tests.reliability.holes import holes_area

    return holes_area(long)


AREAS = {"crashes": crashes, "disk": disk, "concurrency": concurrency, "articles": hostile_articles,
         "stores": hostile_stores, "terminals": terminals, "load": load, "holes": holes}
# Areas that pytest runs through a test file of their own, not through test_reliability.py.
OWN_TEST_FILE = {"holes": "tests/reliability/test_holes.py"}
