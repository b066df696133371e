"""Every example in the README, run as written.

- The two commands at the top: the test command is exactly what ``.ci/run`` runs; the
  install command is run in a copy of the project (with the dependencies taken from this
  environment, so no network is needed) and the reader it installs is launched in tmux.
- Every ``sh`` block, line by line, in order, sharing one store: ``reader …`` lines through
  the command line, ``.venv/bin/reader …`` lines (the reader on two articles) in tmux. Web
  addresses on ``example.org`` are served by a local server the test starts, and files
  the examples name (``report.pdf``) are made by the test.
- The config example is loaded and its remapped keys pressed; the error shown for a bad
  colour is the error the reader prints; the command synopsis names only options that
  exist.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli
from tests.sources_server import Site, article_pages, fixture, make_pdf
from tests.tmux_screen import HAVE_TMUX, TmuxReader

README = (ROOT / "README.md").read_text(encoding="utf-8")
needs_tmux = pytest.mark.skipif(not HAVE_TMUX, reason="tmux is not installed")


def blocks(lang: str | None = None) -> list[str]:
    """The README's fenced code blocks (of one language, when given), in order."""
    found = re.findall(r"^```(\w*)\n(.*?)^```", README, flags=re.S | re.M)
    return [body for kind, body in found if lang is None or kind == lang]


def _env(tmp: Path, **more: str) -> dict[str, str]:
    (tmp / "none.toml").touch()  # an empty config: the defaults, and no "names no file" notice
    env = {"READER_DB": str(tmp / "store.json"), "READER_CONFIG": str(tmp / "none.toml"),
           "READER_SNAPSHOTS": str(tmp / "snapshots"), "XDG_CACHE_HOME": str(tmp / "cache"),
           "XDG_STATE_HOME": str(tmp / "state"), "READER_CLIPBOARD": "file", "TERM": "xterm-256color",
           "PYTHONPATH": str(ROOT)}
    env.update(more)
    return env


def _tui(args: list[str], cwd: Path | str, env: dict[str, str], program: tuple = (sys.executable, "-m", "reader"),
         size: tuple[int, int] = (120, 36)) -> str:
    """Launch the reader in tmux, read the first screen, quit; the screen as text."""
    r = TmuxReader(*size, env=env, args=tuple(args), cwd=str(cwd), program=program).start()
    try:
        screen = r.plain()
        r.keys("q", pause=0.5)
        r.wait_for("READER-EXITED-0")
    finally:
        r.stop()
    return screen


# --- the two commands at the top ---------------------------------------------------------------
INSTALL = "python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/reader"
TEST = "python3 -m venv .venv && .venv/bin/pip install -e '.[test]' && .venv/bin/python -m pytest"


def test_the_readme_starts_with_the_two_commands_and_ci_runs_the_second():
    first, second = (b.strip() for b in blocks("sh")[:2])
    assert (first, second) == (INSTALL, TEST)
    assert README.index(INSTALL) < README.index("## ")  # before any section
    ci = (ROOT / ".ci" / "run").read_text()
    assert TEST.replace("python3 -m venv .venv && ", "") in ci.replace("-q ", "")
    assert "python3 -m venv .venv" in ci


@needs_tmux
def test_the_install_command_installs_a_reader_that_opens_the_shipped_pair(tmp_path):
    """The first command, in a copy of the project: venv, pip install ., .venv/bin/reader."""
    project = tmp_path / "project"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(
        ".venv", ".git", "build", "*.egg-info", "__pycache__", ".pytest_cache", ".hypothesis", "data", "results"))
    subprocess.run([sys.executable, "-m", "venv", ".venv"], cwd=project, check=True, capture_output=True)
    # The dependencies come from this environment (a .pth file); pip builds and installs the
    # project itself (fetching only its build backend, as any install does), entry point included.
    site = next((project / ".venv" / "lib").glob("python3*/site-packages"))
    deps = [p for p in sys.path if p.endswith("site-packages") and os.path.isdir(p)]
    (site / "deps.pth").write_text("\n".join(deps) + "\n")
    pip = subprocess.run([str(project / ".venv/bin/pip"), "install", "-q", "--no-deps", "."],
                         cwd=project, capture_output=True, text=True, timeout=300)
    if pip.returncode != 0 and re.search(r"(?i)connection|network|resolve|no matching distribution", pip.stderr):
        pytest.skip(f"pip could not reach an index for the build backend: {pip.stderr.strip().splitlines()[-1]}")
    assert pip.returncode == 0, pip.stderr[-2000:]
    env = _env(tmp_path)
    env.pop("PYTHONPATH")  # the installed reader, nothing else
    screen = _tui([], project, env, program=(".venv/bin/reader",), size=(80, 24))
    assert "ice-union-allegation" in screen and "mayor-rebuttal" in screen
    assert "?  help" in screen and "q  quit" in screen


# --- the sh examples ---------------------------------------------------------------------------
def _commands() -> list[str]:
    out = []
    for body in blocks("sh")[2:]:
        out += [line.strip() for line in body.splitlines() if line.strip() and not line.startswith("#")]
    return out


def test_the_examples_are_the_ones_this_test_knows_how_to_check():
    commands = [shlex.split(c) for c in _commands()]
    assert {argv[0] for argv in commands} == {"reader"}
    assert any(_is_tui(argv) for argv in commands) and any(not _is_tui(argv) for argv in commands)


def _is_tui(argv: list[str]) -> bool:
    from reader.cli import SUBCOMMANDS

    return len(argv) < 2 or argv[1] not in SUBCOMMANDS


def _make_inputs(folder: Path, site: Site) -> None:
    """The files and pages the examples name, made for the test."""
    (folder / "letter.pdf").write_bytes(make_pdf(article_pages(
        "Letter on Response Times", ["Officers did not answer two calls for help last month, the letter says. " * 3,
                                     "We ask that the policy be ended at once and the dispatch logs released. " * 3])))
    (folder / "article.html").write_bytes(fixture("civil-v1.html", site.base))
    site.serve("/news/claim.html", fixture("civil-v1.html", site.base))
    site.serve("/news/answer.html", _page_of("mayor-rebuttal"))


def _page_of(name: str, edit: tuple[str, str] | None = None) -> str:
    """A web page holding a shipped article (with a menu and a footer around it)."""
    import html

    from reader.core.sources.articles import load_document

    doc = load_document(name)
    paras = [doc.text[s:e] for s, e in (doc.paragraph_span(p) for p in range(doc.paragraph_count))]
    if edit:
        paras = [p.replace(*edit) for p in paras]
    body = "".join(f"<p>{html.escape(p)}</p>\n" for p in paras[1:])
    return (f"<html><head><title>{html.escape(paras[0])}</title></head><body><nav><a href='/'>Home</a> "
            f"<a href='/news'>News</a></nav><article><h1>{html.escape(paras[0])}</h1>\n{body}</article>"
            "<footer>Copyright the publisher</footer></body></html>")


@needs_tmux
def test_every_shell_example_runs(tmp_path):
    """In README order, sharing one store and one snapshot folder, in a folder holding the
    files the examples name (with the project's tests/ beside them)."""
    (tmp_path / "tests").symlink_to(ROOT / "tests")
    env = _env(tmp_path)
    with Site() as site:
        _make_inputs(tmp_path, site)
        for command in _commands():
            argv = shlex.split(command.replace("https://example.org", site.base))
            if _is_tui(argv):
                screen = _tui(argv[1:], tmp_path, env)
                assert "NORMAL" in screen and "Traceback" not in screen, (command, screen)
                for a in argv[1:]:
                    stem = Path(a).stem  # the pane headers name the articles (Lochner's: "majority", "dissent")
                    assert (stem if not a.startswith("http") else "127.0.0.1") in screen, (command, screen)
                continue
            if argv[1] == "refresh":  # the page is edited after it was read
                site.serve("/news/answer.html", _page_of("mayor-rebuttal", ("No such policy exists", "No such policy")))
            p = subprocess.run([sys.executable, "-m", "reader", *argv[1:]], cwd=tmp_path, capture_output=True,
                               text=True, env={**os.environ, **env, "COLUMNS": "100"}, timeout=120)
            assert p.returncode == 0, (command, p.stderr)
            assert "Traceback" not in p.stderr
            _check_output(argv, p, tmp_path)


def _check_output(argv: list[str], p: subprocess.CompletedProcess, tmp: Path) -> None:
    cmd = argv[1]
    if cmd == "annotate":
        assert re.fullmatch(r"[0-9a-f-]{36}", p.stdout.strip().splitlines()[-1]), p.stdout
    elif cmd == "list":
        assert "#claim" in p.stdout or "claim" in p.stdout
        assert "denial" in p.stdout
    elif cmd == "suggest":
        assert "what answers mayor-rebuttal" in p.stderr and "this rebuts it" in p.stdout
    elif cmd == "export":
        notes = (tmp / argv[argv.index("-o") + 1]).read_text()
        assert "No such policy exists" in notes and "Flat denial; no document cited." in notes
    elif cmd == "refresh":
        # the page was served as version 1 when the reader opened it, then edited (version 2)
        assert "version 1 \u2192 2" in p.stderr, p.stderr


# --- the config example, and the error it shows for a bad value -------------------------------
@needs_tmux
def test_the_config_example_loads_and_its_keys_work(tmp_path):
    toml = blocks("toml")[0]
    assert 'claim = "gold"' in toml
    (tmp_path / "config.toml").write_text(toml)
    r = TmuxReader(120, 36, env=_env(tmp_path, READER_CONFIG=str(tmp_path / "config.toml"))).start()
    try:
        r.keys("m")  # highlight = "h,m"
        r.wait_for("Highlighted")
        r.keys("C-n")  # next_sentence = "j,down,ctrl+n"
        r.keys("t")
        r.wait_for(" TAG ")
        r.type("rumour")  # a tag the config adds
        r.keys("Enter")
        r.wait_for("Tagged #rumour")
        r.keys("q", pause=0.5)
        r.wait_for("READER-EXITED-0")
    finally:
        r.stop()


def test_the_config_error_shown_is_the_one_printed(tmp_path):
    shown = next(b for b in blocks("") if b.startswith("reader: config ")).strip()
    (tmp_path / "config.toml").write_text('[tags]\nclaim = "goldish"\n')
    p = subprocess.run([sys.executable, "-m", "reader"], cwd=tmp_path, capture_output=True, text=True,
                       env={**os.environ, "READER_CONFIG": "config.toml", "PYTHONPATH": str(ROOT)})
    assert p.returncode == 78
    assert p.stderr.strip() == shown


def test_the_synopsis_names_only_real_commands_and_options():
    synopsis = next(b for b in blocks("") if b.startswith("reader [LEFT RIGHT]"))
    for line in synopsis.splitlines():
        words = line.split()
        if len(words) < 2 or words[1].startswith("["):
            continue
        cmd = words[1]
        help_text = run_cli(cmd, "--help", env={"COLUMNS": "200"}).stdout
        assert help_text, cmd
        for option in re.findall(r"--[a-z][a-z-]*", line):
            assert option in help_text, (cmd, option)


def test_the_exit_codes_table_matches_errors_py():
    from reader.core import errors

    table = dict(re.findall(r"^\| (\d+) \| (.+?) \|$", README, flags=re.M))
    codes = {v for k, v in vars(errors).items() if k.startswith("EX_") and isinstance(v, int)}
    assert codes <= {int(c) for c in table}, codes - {int(c) for c in table}
