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
