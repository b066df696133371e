"""The command line: ``reader [LEFT RIGHT]`` opens the TUI; subcommands work on the store.

Arguments are parsed before Textual is imported, so ``--help`` and errors are instant.
Every failure is one line on stderr and a distinct exit code (see reader/core/errors.py).
"""

from __future__ import annotations

import argparse
import os
import sys

from reader import __version__
from reader.core.errors import EX_USAGE, ReaderError

SUBCOMMANDS = ("annotate", "list", "link", "export", "import", "suggest")

EPILOG = """subcommands (reader SUBCOMMAND --help for each):
  annotate ARTICLE --quote TEXT   add an annotation; prints its id last
  list [ARTICLE]                  list annotations (table or --json)
  link ID ID --relation R         link two annotations; prints the link id last
  export [LEFT RIGHT]             Markdown, W3C JSON or Argdown, to a file, stdout or the clipboard
  import FILE                     W3C Web Annotation JSON or Hypothesis API JSON
  suggest [LEFT RIGHT]            suggested links between two articles

ARTICLE, LEFT and RIGHT are paths or shipped article names (ice-union-allegation,
mayor-rebuttal). The store is --db PATH, else $READER_DB, else the user data dir."""


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", metavar="PATH", help="annotation store (default: $READER_DB or the user data dir)")


def build_main_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="reader", description="Read an allegation and its rebuttal side by side; annotate, link and export.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("articles", nargs="*", metavar="LEFT RIGHT", help="two articles (default: the shipped pair)")
    _common(p)
    p.add_argument("--version", action="version", version=f"reader {__version__}")
    return p


def build_sub_parser(cmd: str) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog=f"reader {cmd}")
    _common(p)
    if cmd == "annotate":
        p.add_argument("article")
        p.add_argument("--quote", required=True, help="the exact passage (curly quotes and odd spaces match plain ones)")
        p.add_argument("--tag", action="append", default=[], help="a tag (repeatable)")
        p.add_argument("--note", default="")
        p.add_argument("--occurrence", type=int, help="which occurrence, from 1, when the quote appears more than once")
    elif cmd == "list":
        p.add_argument("article", nargs="?")
        p.add_argument("--tag", action="append", default=[])
        p.add_argument("--json", action="store_true")
    elif cmd == "link":
        p.add_argument("source")
        p.add_argument("target")
        p.add_argument("--relation", required=True, choices=["rebuts", "supports", "answers", "qualifies", "repeats"])
        p.add_argument("--note", default="")
    elif cmd == "export":
        p.add_argument("articles", nargs="*", metavar="LEFT RIGHT")
        p.add_argument("--format", default="md", help="md (default), w3c or argdown")
        p.add_argument("-o", "--output", default="-", help="file, or - for stdout (default)")
        p.add_argument("--tag", action="append", default=[], help="only annotations with this tag (repeatable)")
        p.add_argument("--no-notes", action="store_true")
        p.add_argument("--no-dispute", action="store_true")
        p.add_argument("--copy", action="store_true", help="also copy to the clipboard")
    elif cmd == "import":
        p.add_argument("file")
    elif cmd == "suggest":
        p.add_argument("articles", nargs="*", metavar="LEFT RIGHT")
        p.add_argument("--json", action="store_true")
        p.add_argument("--top", type=int, default=20)
    return p


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] in SUBCOMMANDS:
            args = build_sub_parser(argv[0]).parse_args(argv[1:])
            from reader import commands

            return getattr(commands, f"cmd_{argv[0]}")(args)
        args = build_main_parser().parse_args(argv)
        return run_tui(args)
    except ReaderError as exc:
        print(f"reader: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass
        return 0


def pair(articles: list[str]) -> list[str]:
    from reader.core.articles import DEFAULT_PAIR

    if not articles:
        return list(DEFAULT_PAIR)
    if len(articles) != 2:
        raise ReaderError("give two articles (LEFT RIGHT), or none for the shipped pair", EX_USAGE)
    return articles


def run_tui(args) -> int:
    from reader.core.articles import load_document
    from reader.core.config import load_config
    from reader.core.paths import config_path, store_path
    from reader.core.store import Store
    from reader.core.workspace import Workspace

    names = pair(args.articles)
    config = load_config(config_path())
    docs = [load_document(n) for n in names]
    if not (sys.stdout.isatty() or os.environ.get("READER_ALLOW_NO_TTY")):
        raise ReaderError("the reader needs a terminal; use a subcommand (reader --help) for scripts", EX_USAGE)
    store = Store.open(store_path(args.db), mode="auto")
    try:
        workspace = Workspace(store, docs)
        notices = startup_notices(workspace)
        from reader.tui.app import ReaderApp

        ReaderApp(workspace, config, notices).run()
    finally:
        store.close()
    return 0


def startup_notices(workspace) -> list[str]:
    out = []
    store = workspace.store
    if store.read_only:
        out.append(f"Read-only: {store.read_only_reason}")
    if store.skipped:
        out.append(f"{len(store.skipped)} records in the store were not understood and are left untouched ({store.skipped[0]}).")
    if store.migrated_from is not None:
        out.append(f"The store was upgraded from schema {store.migrated_from}; a backup is at {store.path}.bak.")
    for doc in workspace.docs:
        if doc.encoding_note:
            out.append(f"{doc.name}: {doc.encoding_note}.")
    for change in workspace.changes:
        out.append(
            f"{change.doc.name} changed since you annotated it: {change.reanchored} re-anchored, "
            f"{change.orphans} not found (listed under Orphans)."
        )
    return out
