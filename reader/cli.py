"""The command line: ``reader [LEFT RIGHT]`` opens the TUI; subcommands work on the store.

Arguments are parsed before Textual is imported, so ``--help`` and errors are instant.
Every failure is one line on stderr and an exit code from ``reader.core.errors``.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any, NoReturn

from reader import __version__
from reader.core.errors import EX_INTERRUPTED, EX_IOERR, EX_OK, EX_SOFTWARE, ConfigError, ReaderError, UsageError

SUBCOMMANDS = ("annotate", "list", "link", "export", "import", "suggest", "refresh", "backups", "restore")

EPILOG = """commands (reader COMMAND --help for each):
  annotate ARTICLE --quote TEXT   add an annotation; prints its id last
  list [ARTICLE]                  list annotations (a table, or --json)
  link SOURCE TARGET -r RELATION  link two annotations: "SOURCE rebuts TARGET"; prints the link id
  export [LEFT RIGHT]             Markdown, W3C JSON or Argdown, to a file, stdout or the clipboard
  import FILE                     W3C Web Annotation JSON or Hypothesis API JSON (--undo: take back)
  suggest [LEFT RIGHT]            suggested links between two articles (--for QUOTE: what answers it)
  refresh ARTICLE                 fetch a web page (or re-read a page or PDF) again: what changed
  backups                         the store's backups (before a session, before an import)
  restore KIND                    bring the store back to a backup

ARTICLE, LEFT and RIGHT are text or Markdown files, saved web pages (.html), PDFs, http(s)
URLs, or shipped article names (ice-union-allegation, mayor-rebuttal). The store is
--db PATH, else $READER_DB, else the user data dir.
Exit codes: 0 ok, 64 usage, 65 bad data, 66 missing input, 69 web page unavailable,
73 cannot create, 74 I/O error (disk full), 75 store in use, 76 network failure,
78 bad config or environment."""


class Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line and exit code 64 (not argparse's 2)."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see: {self.prog} --help)")


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", metavar="PATH", help="the annotation store (default: $READER_DB, else the user data dir)")


def build_main_parser() -> Parser:
    p = Parser(
        prog="reader", usage="reader [LEFT RIGHT] [--db PATH]\n       reader COMMAND [options]",
        description="Read an allegation and its rebuttal side by side; annotate, link and export.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("articles", nargs="*", metavar="LEFT RIGHT",
                   help="the two articles, left and right (default: the shipped pair)")
    _common(p)
    p.add_argument("--version", action="version", version=f"reader {__version__}")
    return p


def build_sub_parser(cmd: str) -> Parser:
    p = Parser(prog=f"reader {cmd}")
    _common(p)
    if cmd == "annotate":
        p.description = "Add an annotation (a highlight, with tags and a note) to a passage; prints its id last."
        p.add_argument("article", help="a path or a shipped article's name")
        p.add_argument("--quote", required=True, help="the exact passage (curly quotes and odd spaces match plain ones)")
        p.add_argument("--tag", action="append", default=[], metavar="TAG",
                       help="a tag; repeat it, or give several separated by commas")
        p.add_argument("--note", default="", help="a note on the passage")
        note = p.add_mutually_exclusive_group()
        note.add_argument("--append", action="store_true", help="when the passage has a note already: add to it")
        note.add_argument("--replace", action="store_true", help="when the passage has a note already: replace it")
        p.add_argument("--occurrence", type=int, metavar="N",
                       help="which occurrence, from 1, when the quote appears more than once")
        p.add_argument("--part", action="store_true",
                       help="annotate the quoted words alone, even inside a passage annotated already "
                            "(without it, that passage is the one tagged or noted, as t does in the reader)")
    elif cmd == "list":
        p.description = "List annotations: where they are, tags, quote, note and links."
        p.add_argument("article", nargs="?", help="only this article (a path or a shipped name)")
        p.add_argument("--tag", action="append", default=[], metavar="TAG", help="only annotations with this tag")
        p.add_argument("--json", action="store_true", help="JSON, for scripts")
    elif cmd == "link":
        from reader.core.store.relations import RELATIONS

        p.description = "Link two annotations: 'reader link A B -r rebuts' reads 'A rebuts B'."
        p.add_argument("source", help="the id (or a unique start of it) of the passage that answers")
        p.add_argument("target", help="the id of the passage it answers")
        p.add_argument("-r", "--relation", required=True, choices=list(RELATIONS),
                       help="; ".join(f"{r.name}: {r.help}" for r in RELATIONS.values()))
        p.add_argument("--note", default="", help="a note on the link")
    elif cmd == "export":
        from reader.core.export.formats import FORMATS

        p.description = "Export the notes of two articles."
        p.add_argument("articles", nargs="*", metavar="LEFT RIGHT", help="the two articles (default: the shipped pair)")
        p.add_argument("--format", default="md", choices=list(FORMATS),
                       help="; ".join(f"{f.name}: {f.label}" for f in FORMATS.values()) + " (default: md)")
        p.add_argument("-o", "--output", default=None, metavar="FILE",
                       help="the file to write, or - for stdout (the default, except with --copy alone); Markdown "
                            "keeps your own text around the generated part")
        p.add_argument("--tag", action="append", default=[], metavar="TAG", help="only annotations with this tag")
        p.add_argument("--no-notes", action="store_true", help="leave the notes out")
        p.add_argument("--no-dispute", action="store_true", help="leave the dispute table out (Markdown)")
        p.add_argument("--copy", action="store_true", help="copy to the clipboard (and to -o FILE or -, if given)")
        p.add_argument("--replace", action="store_true",
                       help="when -o FILE holds the notes of other articles, put these in their place (your own "
                            "text around them stays); without it such a file is left alone")
    elif cmd == "import":
        p.description = "Import W3C Web Annotation JSON or Hypothesis API JSON; --undo takes the last import back."
        p.add_argument("file", nargs="?", help="the JSON file")
        p.add_argument("--undo", action="store_true", help="remove what the last import added")
    elif cmd == "suggest":
        p.description = "Suggest links between two articles: passages that answer, support or repeat each other."
        p.add_argument("articles", nargs="*", metavar="LEFT RIGHT", help="the two articles (default: the shipped pair)")
        p.add_argument("--json", action="store_true", help="JSON, for scripts")
        p.add_argument("--top", type=int, metavar="N", help="how many (default 20; 5 with --for or --at)")
        one = p.add_mutually_exclusive_group()
        one.add_argument("--for", dest="for_quote", metavar="QUOTE",
                         help="what answers this passage: its best candidates in the other article")
        one.add_argument("--at", metavar="\u00b6N.S", help="the same, for paragraph N, sentence S (as `reader list` shows)")
        p.add_argument("--side", choices=["left", "right"],
                       help="which article the --for/--at passage is in (default: where the quote is; left for --at)")
    elif cmd == "refresh":
        p.description = ("Fetch a web page again (or re-read a saved page or a PDF); keep the new version if its "
                         "text changed, and say what changed and which annotations each edit touched.")
        p.add_argument("article", help="a URL, a saved page (.html) or a PDF")
        p.add_argument("--markdown", action="store_true", help="print the comparison as Markdown on stdout")
        p.add_argument("--compare", action="store_true",
                       help="compare the two newest kept versions, without fetching")
    elif cmd == "backups":
        p.description = "List the store's backups."
    elif cmd == "restore":
        from reader.core.store.backups import KINDS

        p.description = "Bring the store back to a backup (the current state is backed up first, as before-restore)."
        p.add_argument("kind", choices=list(KINDS), help="which backup (see: reader backups)")
    return p


def env_seconds(name: str, default: float) -> float:
    """A number of seconds from the environment, validated: a clear error, not a traceback."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not a number of seconds") from None
    if not 0 <= value <= 3600:
        raise ConfigError(f"{name}={raw!r}: give a number of seconds from 0 to 3600")
    return value


def check_environment() -> None:
    """Every READER_* setting from the environment, validated before anything runs (exit 78)."""
    env_seconds("READER_LOCK_WAIT", 5.0)
    if os.environ.get("READER_CLIPBOARD", "").strip():
        from reader.core.services.clipboard import forced_route

        forced_route()


def main(argv: list[str] | None = None) -> int:
    code = _main(list(sys.argv[1:] if argv is None else argv))
    if argv is None:  # the process ends next: its records out of the collection Python makes at exit
        # (at 100,000 annotations that walk of millions of objects took 2.5 s after the last
        # line was printed: 9.0 s for "reader suggest", 6.6 s with them frozen)
        from reader.core.gc_pause import freeze_long_lived

        freeze_long_lived()
    return code


def _main(argv: list[str]) -> int:
    try:
        argv = _command_first(argv)
        check_environment()
        if argv and argv[0] in SUBCOMMANDS:
            args = build_sub_parser(argv[0]).parse_args(argv[1:])
            check_store_option(getattr(args, "db", None))
            from reader import subcommands

            stdout = sys.stdout
            sys.stdout = _Output(stdout)
            try:
                code = int(getattr(subcommands, f"cmd_{argv[0]}")(args))
                sys.stdout.flush()  # here, not at exit, where a full disk is only "Exception ignored"
                return code
            finally:
                sys.stdout = stdout  # main() called again in one process wraps it once
        args = build_main_parser().parse_args(argv)
        check_store_option(getattr(args, "db", None))
        return run_tui(args)
    except ReaderError as exc:
        from reader.core.text.safety import plain

        print(f"reader: {plain(str(exc))}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return EX_INTERRUPTED
    except BrokenPipeError:
        try:
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - Python's own advice for SIGPIPE
        except OSError:
            pass
        return EX_OK
    except MemoryError:
        print("reader: out of memory (is an input far too large?)", file=sys.stderr)
        return EX_SOFTWARE
    except Exception as exc:  # a bug: still one line and an exit code (READER_DEBUG=1 shows the traceback)
        if os.environ.get("READER_DEBUG"):
            raise
        from reader.core.text.safety import plain

        print(f"reader: internal error (please report it; READER_DEBUG=1 shows where): {type(exc).__name__}: "
              f"{plain(str(exc))[:300]}", file=sys.stderr)
        return EX_SOFTWARE


class _Output:
    """Standard output for a command: a write it refuses (a full disk, a device error) is one
    line and exit 74, not "internal error" and 70. A closed pipe stays BrokenPipeError."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def _guard(self, fn: Any, *args: Any) -> Any:
        from reader.core.errors import FsError

        if self._stream is None:  # started with standard output closed (">&-")
            raise FsError("cannot write to standard output: it is closed", EX_IOERR)
        try:
            return fn(*args)
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise FsError(f"cannot write to standard output: {exc.strerror or exc}", EX_IOERR) from None

    def write(self, text: str) -> int:
        try:
            n = self._guard(lambda: self._stream.write(text))
        except UnicodeEncodeError:  # a terminal that is not UTF-8 (LANG=C, Latin-1): "?" for what it cannot show
            enc = getattr(self._stream, "encoding", None) or "ascii"
            shown = text.encode(enc, "replace").decode(enc, "replace")
            n = self._guard(lambda: self._stream.write(shown))
        return len(text) if n is None else int(n)  # some wrapped streams return nothing

    def flush(self) -> None:
        if self._stream is not None:
            self._guard(self._stream.flush)

    def isatty(self) -> bool:
        return self._stream is not None and bool(self._stream.isatty())

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _command_first(argv: list[str]) -> list[str]:
    """``reader --db PATH list`` as ``reader list --db PATH``: the store option may come
    before a command too (it said "unknown command 'list'", naming a command it lists)."""
    i, given = 0, 0
    while i < len(argv) and (argv[i] == "--db" or argv[i].startswith("--db=")):
        i += 2 if argv[i] == "--db" else 1
        given += 1
    if given > 1:
        raise UsageError("--db is given more than once; give the store once")
    if given and i < len(argv) and argv[i] in SUBCOMMANDS:
        return [argv[i], *argv[:i], *argv[i + 1:]]
    return argv


def check_store_option(db: str | None) -> None:
    """``--db ""`` (a script's ``--db "$STORE"`` with STORE unset) used the user's own store,
    and ``--db -`` made a store file named "-"."""
    if db is None:
        return
    if not db.strip():
        raise UsageError("--db needs a path (it was empty); leave it out for the default store")
    if db == "-":
        raise UsageError("--db -: a store is a file, not standard input or output")


def pair(articles: list[str]) -> list[str]:
    from reader.core.sources.articles import SHIPPED, looks_like_source

    if not articles:
        return list(SHIPPED)
    if len(articles) == 1 and not looks_like_source(articles[0]):
        raise UsageError(f"unknown command {articles[0]!r} (commands: {', '.join(SUBCOMMANDS)}); "
                         "to read two articles: reader LEFT RIGHT")
    if len(articles) != 2:
        raise UsageError("give two articles (LEFT RIGHT), or none for the shipped pair")
    return articles


def two_articles(docs: list[Any]) -> list[Any]:
    """docs, unless both name one article ("reader export a.txt ./a.txt" exported it twice)."""
    if len(docs) == 2 and docs[0].key == docs[1].key:
        raise UsageError(f"LEFT and RIGHT are the same article ({docs[0].name}): give two different ones")
    return docs


def run_tui(args: argparse.Namespace) -> int:
    from reader.tui.run import run

    return run(pair(args.articles), args.db)
