"""Helpers for the holes suite (issue 13): the real program, on real files, in either tree.

Every check drives ``python -m reader`` in a subprocess (and the TUI in tmux), so the same
test body runs against this tree or an older one: ``READER_TREE=/path/to/old/checkout``
makes every subprocess import ``reader`` from there. Nothing here imports the reader
itself, except the property tests' drivers, which also run in a subprocess of that tree.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TREE = Path(os.environ.get("READER_TREE") or ROOT).resolve()
OLD = TREE != ROOT
PY = sys.executable
ARTICLES = ROOT / "articles"
MAYOR_QUOTES = ("No such policy exists", "He asked Riddell", "Wheeler also says the lawyer",
                "An email sent by Portland police", "But it also suggests")

_CONTROL = re.compile(rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]")


def hostile_bytes(data: bytes) -> list[bytes]:
    """Control characters (but newline and tab), C1 codes and bidi overrides in output."""
    return _CONTROL.findall(data)


# --- a sandbox per check -------------------------------------------------------------------------
class Ctx:
    """A temp folder with its own store, config, data, cache and state dirs."""

    def __init__(self, tmp: str | Path | None = None) -> None:
        self.tmp = Path(tmp) if tmp is not None else Path(tempfile.mkdtemp(prefix="holes-"))
        self.tmp.mkdir(parents=True, exist_ok=True)
        self.db = str(self.tmp / "store" / "s.json")
        self.config = str(self.tmp / "config.toml")
        self._tuis: list[Tui] = []
        self.said = ""  # what happened, in a line, for the reliability table
        self.figures: dict[str, float] = {}

    def env(self, unset: Iterable[str] = (), **extra: object) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("READER_", "PYTEST_")) and k not in ("DISPLAY", "WAYLAND_DISPLAY", "TMUX")}
        env.update({
            "PYTHONPATH": str(TREE), "READER_DB": self.db, "READER_CONFIG": self.config,
            "XDG_DATA_HOME": str(self.tmp / "xdg-data"), "XDG_CACHE_HOME": str(self.tmp / "xdg-cache"),
            "XDG_CONFIG_HOME": str(self.tmp / "xdg-config"), "XDG_STATE_HOME": str(self.tmp / "xdg-state"),
            "READER_LOCK_WAIT": "1", "READER_CLIPBOARD": "file", "COLUMNS": "200", "LC_ALL": "C.UTF-8",
        })
        for key in unset:
            env.pop(key, None)
        env.update({k: str(v) for k, v in extra.items()})
        return env

    def article(self, name: str = "mayor-rebuttal", dest: str | bytes | None = None, text: str | None = None) -> str:
        """A copy of a shipped article (or text) at dest (a name in the sandbox, or a path)."""
        data = text.encode("utf-8") if text is not None else (ARTICLES / f"{name}.txt").read_bytes()
        target = dest if dest is not None else f"{name}.txt"
        if isinstance(target, bytes):
            path_b = target if target.startswith(b"/") else os.fsencode(self.tmp) + b"/" + target
            with open(path_b, "wb") as fh:
                fh.write(data)
            return os.fsdecode(path_b)
        path = target if os.path.isabs(target) else str(self.tmp / target)
        Path(path).write_bytes(data)
        return path

    def reader(self, *args: str | bytes, env: dict[str, str] | None = None, input: bytes | None = None,
               timeout: float = 60, prefix: Iterable[str] = (), code: str | None = None) -> Ran:
        """Run ``python -m reader ARGS`` (or ``python -c code ARGS``) in the tree under test."""
        head = [PY, "-c", code] if code is not None else [PY, "-m", "reader"]
        return run([*prefix, *head, *args], env=env or self.env(), input=input, timeout=timeout)

    def tui(self, *args: str, env: dict[str, str] | None = None, size: tuple[int, int] = (100, 30),
            code: str | None = None) -> Tui:
        t = Tui(self, list(args), env or self.env(), size, code)
        self._tuis.append(t)
        return t

    def close(self) -> None:
        for t in self._tuis:
            t.close()


@dataclass
class Ran:
    rc: int | None  # None: timed out (and killed)
    out: bytes
    err: bytes
    seconds: float
    maxrss_mb: float = 0.0  # of the process and the children it waited for

    @property
    def stdout(self) -> str:
        return self.out.decode("utf-8", "replace")

    @property
    def stderr(self) -> str:
        return self.err.decode("utf-8", "replace")

    @property
    def clean_error(self) -> bool:
        """A clear one-line error (notes may come first), never a traceback."""
        lines = [ln for ln in self.stderr.strip().splitlines() if not ln.startswith("reader: note: ")]
        return ("Traceback" not in self.stderr and self.rc is not None
                and (self.rc == 0 or (len(lines) == 1 and lines[0].startswith("reader: "))))

    def __str__(self) -> str:
        return f"exit {self.rc} in {self.seconds:.1f} s; stderr: {self.stderr.strip()[-300:]!r}"


def run(cmd: list[str | bytes], env: dict[str, str], input: bytes | None = None, timeout: float = 60,
        cwd: str | None = None) -> Ran:
    """Run cmd in its own session; on timeout kill its whole process group."""
    t = time.monotonic()
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE if input is not None else subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=cwd or str(TREE),
                            start_new_session=True)
    try:
        out, err = proc.communicate(input, timeout=timeout)
    except subprocess.TimeoutExpired:
        kill_group(proc.pid)
        out, err = proc.communicate()
        return Ran(None, out, err + b"\n[timed out]", time.monotonic() - t)
    finally:
        kill_group(proc.pid)
    return Ran(proc.returncode, out, err, time.monotonic() - t)


def run_measured(cmd: list[str], env: dict[str, str], timeout: float = 60) -> Ran:
    """Like run, with the peak RSS of the process and every child it waited for (wait4)."""
    t = time.monotonic()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=out, stderr=err, env=env, cwd=str(TREE),
                                start_new_session=True)
        deadline = t + timeout
        status, usage, timed_out = 0, None, False
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                kill_group(proc.pid)
                timed_out = True
            time.sleep(0.02)
        proc.returncode = os.waitstatus_to_exitcode(status)
        kill_group(proc.pid)
        out.seek(0)
        err.seek(0)
        rc = None if timed_out else proc.returncode
        return Ran(rc, out.read(), err.read(), time.monotonic() - t, usage.ru_maxrss / 1024 if usage else 0.0)


def kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except OSError:
        pass


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie is not running
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


# --- reading a store without the reader ----------------------------------------------------------
def store_files(db: str) -> list[str]:
    """The store's own files: the root, and (a sharded store) its shard files, not backups."""
    out = [db] if os.path.exists(db) else []
    folder = db + ".d"
    if os.path.isdir(folder):
        out += [os.path.join(folder, n) for n in sorted(os.listdir(folder)) if n.endswith(".json") and n != "journal.json"]
    return out


def stored(db: str, table: str = "annotations") -> list[dict]:
    """Every record of a table in every file of the store (either tree's layout)."""
    recs = []
    for path in store_files(db):
        try:
            data = json.loads(Path(path).read_bytes())
        except (OSError, ValueError):
            continue
        if isinstance(data, dict) and isinstance(data.get(table), dict):
            recs += [r for r in data[table].values() if isinstance(r, dict)]
    return recs


def wait_until(pred: Callable[[], object], timeout: float, step: float = 0.1) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if pred():
            return True
        time.sleep(step)
    return bool(pred())


# --- the TUI in tmux -----------------------------------------------------------------------------
class Tui:
    """The real reader in a tmux pane: keys in, screen and terminal modes out.

    The pane runs ``sh -c 'echo $$ > pid; exec python -m reader ARGS'`` under bash, which
    writes the exit code to a file and stays, so the terminal's state after the reader
    (alternate screen, mouse reporting) can be read.
    """

    _count = 0

    def __init__(self, ctx: Ctx, args: list[str], env: dict[str, str], size: tuple[int, int], code: str | None) -> None:
        Tui._count += 1
        self.folder = tempfile.mkdtemp(prefix="tm")  # short: a socket path has a length limit
        self.sock = os.path.join(self.folder, "s")
        self.pidfile = os.path.join(self.folder, "pid")
        self.exitfile = os.path.join(self.folder, "exit")
        head = [PY, "-c", code] if code is not None else [PY, "-m", "reader"]
        exports = "".join(f"export {k}={shlex.quote(v)}\n" for k, v in env.items() if re.fullmatch(r"\w+", k))
        script = os.path.join(self.folder, "run.sh")
        Path(script).write_bytes(os.fsencode(
            "#!/bin/bash\n" + exports + f"cd {shlex.quote(str(TREE))}\n"
            f"sh -c 'echo $$ > {self.pidfile}; exec \"$@\"' sh {' '.join(shlex.quote(a) for a in head + args)}\n"
            f"echo $? > {self.exitfile}.tmp; mv {self.exitfile}.tmp {self.exitfile}\nsleep 3600\n"))
        w, h = size
        self._tmux("new-session", "-d", "-x", str(w), "-y", str(h), "-s", "r", f"bash {shlex.quote(script)}")
        self.started = time.monotonic()

    def _tmux(self, *args: str) -> str:
        p = subprocess.run(["tmux", "-S", self.sock, "-f", "/dev/null", *args], capture_output=True, text=True, timeout=10)
        return p.stdout

    @property
    def pid(self) -> int | None:
        try:
            return int(Path(self.pidfile).read_text().strip())
        except (OSError, ValueError):
            return None

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p", "-J", "-t", "r")

    def wait_for(self, text: str | Callable[[str], object], timeout: float = 15) -> bool:
        pred = (lambda s: text in s) if isinstance(text, str) else text
        return wait_until(lambda: pred(self.screen()) or (self.exit_code is not None and pred(self.screen())), timeout)

    def keys(self, *keys: str, pause: float = 0.15) -> None:
        for k in keys:
            self._tmux("send-keys", "-t", "r", k)
            time.sleep(pause)

    def type(self, text: str) -> None:
        self._tmux("send-keys", "-t", "r", "-l", text)
        time.sleep(0.2)

    @property
    def exit_code(self) -> int | None:
        try:
            return int(Path(self.exitfile).read_text().strip())
        except (OSError, ValueError):
            return None

    def wait_exit(self, timeout: float = 15) -> int | None:
        wait_until(lambda: self.exit_code is not None, timeout)
        return self.exit_code

    @property
    def running(self) -> bool:
        pid = self.pid
        return pid is not None and alive(pid) and self.exit_code is None

    def modes(self) -> dict[str, str]:
        """The pane's terminal modes: alternate screen, mouse reporting."""
        names = ["alternate_on", "mouse_any_flag", "mouse_button_flag", "mouse_standard_flag", "mouse_all_flag",
                 "mouse_sgr_flag", "cursor_flag"]
        values = self._tmux("display", "-p", "-t", "r", " ".join(f"#{{{n}}}" for n in names)).split()
        return dict(zip(names, values, strict=False))

    def cpu_seconds(self) -> float:
        """CPU time the reader has used so far (user + system)."""
        pid = self.pid
        try:
            with open(f"/proc/{pid}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, ValueError, IndexError, TypeError):
            return 0.0

    def idle_after(self, timeout: float = 60, quiet: float = 0.6) -> float:
        """Seconds from start until the reader stops using CPU (its opening work is done)."""
        end = time.monotonic() + timeout
        last, since = self.cpu_seconds(), time.monotonic()
        while time.monotonic() < end:
            time.sleep(0.1)
            now = self.cpu_seconds()
            if now - last > 0.03:
                last, since = now, time.monotonic()
            elif time.monotonic() - since >= quiet:
                return since - self.started
        return timeout

    def signal(self, sig: int) -> None:
        pid = self.pid
        if pid is not None:
            os.kill(pid, sig)

    def close(self) -> None:
        pid = self.pid
        if pid is not None and alive(pid):
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        subprocess.run(["tmux", "-S", self.sock, "kill-server"], capture_output=True, timeout=10)
        shutil.rmtree(self.folder, ignore_errors=True)


def has_tmux() -> bool:
    return shutil.which("tmux") is not None


# --- outcomes --------------------------------------------------------------------------------
@dataclass
class Outcome:
    """What a check found: whether the promise held, and what happened, in a line."""

    ok: bool
    detail: str
    figures: dict[str, float] = field(default_factory=dict)


def expect(problems: list[str], ok_detail: str, figures: dict[str, float] | None = None) -> Outcome:
    return Outcome(not problems, "; ".join(problems) if problems else ok_detail, figures or {})


# --- the holes as rows of the reliability table (python -m tests.reliability holes) --------------
TITLES: dict[str, tuple[str, str]] = {
    "test_01_store_folder_missing_for_a_moment": (
        "Data loss", "1. 3 highlights in the TUI; the store's folder moved away; a change; folder back; a change"),
    "test_02_export_refuses_store_companions_and_articles": (
        "Data loss", "2. export -o onto the store, its lock, .bak, shards, an article; by symlink and hard link"),
    "test_03_missing_or_doubled_end_marker_keeps_user_text": (
        "Data loss", "3. Markdown re-export into a file whose end marker was deleted, or doubled"),
    "test_04_second_note_needs_append_or_replace": ("Data loss", "4. a second annotate --note on the same passage"),
    "test_05_symlinked_and_hard_linked_store": (
        "Data loss", "5. a store reached by a symlink (TUI on the link, CLI on the real path); a hard-linked store"),
    "test_06_signal_during_note_edit_keeps_draft_and_restores_terminal": (
        "Data loss", "6. a signal while a note is being written in the TUI"),
    "test_06_escape_asks_before_discarding_a_note": ("Data loss", "6. Esc on a changed note"),
    "test_06_read_only_session_refuses_the_note_editor": ("Data loss", "6. n in a read-only session"),
    "test_07_backups_per_change_set_and_import_undo": (
        "Data loss", "7. a bad import of 500, then merely opening the reader; restore, import --undo"),
    "test_08_moved_article_keeps_its_annotations": ("Data loss", "8. an annotated article moved (same text)"),
    "test_09_lock_file_symlink_is_not_followed": ("Security", "9. a planted s.json.lock symlink to another file"),
    "test_10_file_names_are_inert_and_never_markup": (
        "Security", "10. ESC ] 2 … BEL, U+202E and [@click=app.quit] in an article's file name"),
    "test_11_notes_and_article_text_are_never_markup": (
        "Security", "11. notes with [/bold] and [link=…], article text with [/i]"),
    "test_12_reexport_keeps_a_private_mode": ("Security", "12. re-export over a 0600 file"),
    "test_13_devices_and_fifos_are_written_in_place": (
        "Security", "13. export -o a character device (a /dev/null twin) and a FIFO, as root"),
    "test_14_bad_tag_colour_is_a_one_line_error_before_the_tui": ("Crashes", "14. an invalid tag colour in the config"),
    "test_15_empty_binding_and_markup_in_config": ("Crashes", "15. quit = \"\", markup in a binding or a tag name"),
    "test_16_non_utf8_note_and_file_name": ("Crashes", "16. non-UTF-8 bytes in --note, --tag and a file name"),
    "test_16_tui_paints_an_article_with_a_non_utf8_name": ("Crashes", "16. the TUI on a file with a non-UTF-8 name"),
    "test_17_schema_version_zero_or_negative": ("Crashes", "17. a store with schema_version 0 or -1"),
    "test_18_unusable_cache_dir_copy": ("Crashes", "18. export --copy with an unusable cache dir"),
    "test_18_tui_copy_with_unusable_cache_dir": ("Crashes", "18. y in the TUI with an unusable cache dir"),
    "test_19_fifos_devices_and_bad_environment_never_hang": (
        "Crashes", "19. -o FIFO, -o /dev/stdout piped, --db FIFO, READER_DB=/dev/zero, READER_LOCK_WAIT=abc"),
    "test_20_flooding_or_hanging_clipboard_tool": ("Crashes", "20. a flooding, then a hanging fake xclip"),
    "test_21_names_cannot_break_the_markdown": (
        "Wrong output", "21. |, a newline and an end marker in file names (Markdown)"),
    "test_22_argdown_export_by_the_lexer_rules": (
        "Wrong output", "22. URLs, braces, /* */ and a newline in a name (Argdown, by its lexer's rules)"),
    "test_23a_tag_with_a_comma_is_two_tags": ("Wrong output", "23. --tag \"a,b\""),
    "test_23b_w3c_source_uris_are_percent_encoded": ("Wrong output", "23. W3C source of a file named with space, # and %"),
    "test_23c_whitespace_only_imported_quote_is_not_anchored": ("Wrong output", "23. an imported whitespace-only quote"),
    "test_23d_full_disk_at_start_still_opens": ("Wrong output", "23. the TUI started with no room for a byte"),
    "test_23e_schema_1_migration_keeps_list_tags": ("Wrong output", "23. schema-1 store with list-valued tags"),
    "test_23f_bidi_overrides_are_made_visible": ("Wrong output", "23. U+202E and U+2066 in an article and a note"),
    "test_24_fifty_thousand_annotations_on_one_article": ("Load", "24. 50,000 annotations on one article (TUI)"),
    "test_24_ten_thousand_annotations_on_one_article": ("Load", "24. 10,000 annotations on one article (TUI)"),
    "test_25_reanchoring_is_not_quadratic": ("Load", "25. re-anchoring a long quote after an edit; a 2 MB imported quote"),
    "test_25_second_tui_open_after_an_edit": ("Load", "25. the TUI opened twice after an edit inside a 50 KB highlight of a 1 MB article"),
    "test_class_every_written_path_is_checked": (
        "Classes", "every writer against every kind of path (property, hypothesis)"),
    "test_class_every_printed_text_is_inert_and_never_markup": (
        "Classes", "hostile notes, names and text through every printing command (property)"),
    "test_class_every_config_value_is_validated_at_load": ("Classes", "generated configs (property)"),
    "test_class_argdown_escape_round_trips": ("Classes", "Argdown escaping (property)"),
}


def holes_area(long: bool) -> list:
    """Run the holes tests as the reliability table's rows (the long run adds the slow ones)."""
    import importlib
    import itertools

    import pytest

    from tests.reliability.suite import Row

    if long:
        os.environ["HOLES_LONG"] = "1"
    mod = importlib.import_module("tests.reliability.test_holes")
    rows = []
    for name, (area, tried) in TITLES.items():
        fn = getattr(mod, name)
        marks = getattr(fn, "pytestmark", [])
        slow = any(m.name == "slow" for m in marks)
        if (slow and not long) or (long and name == "test_24_ten_thousand_annotations_on_one_article"):
            continue  # slow ones in the long run; the 50,000 version of 24 replaces the 10,000 one there
        if any(m.name == "skipif" and m.args and m.args[0] for m in marks):
            rows.append(Row(area, tried, "skipped: " + next(m.kwargs.get("reason", "") for m in marks if m.name == "skipif"),
                            True))
            continue
        params = [m for m in marks if m.name == "parametrize"]
        combos: list[dict] = [{}]
        for m in params:
            names = [n.strip() for n in m.args[0].split(",")]
            values = []
            for v in m.args[1]:
                if hasattr(v, "values"):  # pytest.param(...): its values, unless it is slow and this run short
                    if any(mk.name == "slow" for mk in v.marks) and not long:
                        continue
                    v = v.values if len(names) > 1 else v.values[0]
                values.append(v)
            combos = [{**c, **dict(zip(names, v if len(names) > 1 else (v,), strict=True))}
                      for c, v in itertools.product(combos, values)]
        for combo in combos:
            ctx = Ctx()
            label = tried + (f" ({', '.join(map(str, combo.values()))})" if combo else "")
            try:
                fn(ctx, **combo)
                rows.append(Row(area, label, ctx.said, True))
            except pytest.skip.Exception as exc:
                rows.append(Row(area, label, f"skipped: {exc}", True))
            except AssertionError as exc:
                rows.append(Row(area, label, " ".join(str(exc).split())[:300] or ctx.said, False))
            finally:
                ctx.close()
                shutil.rmtree(ctx.tmp, ignore_errors=True)
    return rows
