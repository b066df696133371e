"""The subcommands behind ``reader annotate|list|link|export|import|suggest``."""

from __future__ import annotations

import os
import sys

import orjson

from reader.cli import pair
from reader.core.errors import EX_DATAERR, EX_NOINPUT, EX_USAGE, AnchorError, ReaderError

LOCK_WAIT = float(os.environ.get("READER_LOCK_WAIT", "5"))


def _open_store(args, write: bool):
    from reader.core.paths import store_path
    from reader.core.store import Store

    return Store.open(store_path(args.db), mode="write" if write else "read", wait=LOCK_WAIT)


def load_article(name: str):
    """load_document, telling on stderr how a file that is not UTF-8 was decoded."""
    from reader.core.articles import load_document

    doc = load_document(name)
    if doc.encoding_note:
        print(f"reader: note: {name}: {doc.encoding_note}", file=sys.stderr)
    return doc


def _workspace(store, names):
    from reader.core.workspace import Workspace

    return Workspace(store, [load_article(n) for n in names])


def _out(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def cmd_annotate(args) -> int:
    doc = load_article(args.article)
    spans = doc.find_all(args.quote)
    if not spans:
        raise AnchorError(f"the quote is not in {doc.name}")
    if args.occurrence is not None:
        if not 1 <= args.occurrence <= len(spans):
            raise AnchorError(f"the quote occurs {len(spans)} time(s) in {doc.name}; --occurrence must be 1..{len(spans)}")
        span = spans[args.occurrence - 1]
    elif len(spans) > 1:
        raise AnchorError(f"the quote occurs {len(spans)} times in {doc.name}; say which with --occurrence N")
    else:
        span = spans[0]
    store = _open_store(args, write=True)
    try:
        from reader.core.workspace import Workspace

        ws = Workspace(store, [doc])
        ws.remember_documents()
        with store.transaction("annotate"):
            ann = ws.highlight(doc, *span)
            for tag in args.tag:
                ann = ws.add_tag(doc, span, tag)
            if args.note:
                ann = ws.set_note(ann["id"], args.note)
    finally:
        store.close()
    _out(ann["id"] + "\n")
    return 0


def _annotation_rows(store, article: str | None, tags: list[str]):
    from reader.core.anchoring import quote_of
    from reader.core.articles import load_document
    from reader.core.workspace import Workspace

    if article:
        doc = load_document(article)
        keys = [doc.key]
        docs = {doc.key: doc}
    else:
        keys = sorted({a["doc"] for a in store.annotations_of()})
        docs = {}
        for key in keys:
            try:
                docs[key] = load_document(key)
            except ReaderError:
                pass
    ws = Workspace(store, list(docs.values()))
    rows = []
    for key in keys:
        doc = docs.get(key)
        anns = store.annotations_of(key)
        for ann in anns:
            if tags and not set(tags).intersection(ann.get("tags", [])):
                continue
            a = ws.anchor_of(ann["id"]) if doc else None
            orphan = a is None or a.is_orphan
            rows.append({
                "id": ann["id"], "article": key, "quote": doc.text[a.start:a.end] if not orphan else quote_of(ann["target"]),
                "start": None if orphan else a.start, "end": None if orphan else a.end,
                "tags": ann.get("tags", []), "note": ann.get("note", ""),
                "status": "orphan" if orphan else "anchored",
                "links": [
                    {"id": l["id"], "relation": l["relation"], "direction": "out" if l["source"] == ann["id"] else "in",
                     "other": l["target"] if l["source"] == ann["id"] else l["source"], "note": l.get("note", "")}
                    for l in store.links_of(ann["id"])
                ],
            })
    rows.sort(key=lambda r: (r["article"], r["start"] if r["start"] is not None else 1 << 62))
    return rows


def cmd_list(args) -> int:
    store = _open_store(args, write=False)
    try:
        rows = _annotation_rows(store, args.article, args.tag)
    finally:
        store.close()
    if args.json:
        _out(orjson.dumps(rows, option=orjson.OPT_INDENT_2).decode() + "\n")
        return 0
    from rich.console import Console
    from rich.table import Table

    from reader.core.snippets import short
    from reader.core.textsafety import inert

    table = Table(show_lines=False, expand=True)
    table.add_column("id", no_wrap=True, width=8)
    table.add_column("article", overflow="fold", ratio=2)
    table.add_column("where", no_wrap=True, min_width=9)
    table.add_column("tags", overflow="fold", ratio=2)
    table.add_column("quote", overflow="fold", ratio=5)
    table.add_column("note", overflow="fold", ratio=3)
    table.add_column("links", no_wrap=True, width=5)
    for r in rows:
        where = f"{r['start']}-{r['end']}" if r["status"] == "anchored" else "orphan"
        name = os.path.basename(r["article"])
        table.add_row(r["id"][:8], inert(name), where, " ".join(r["tags"]), inert(short(r["quote"], 10)),
                      inert(short(r["note"], 8)), str(len(r["links"])) if r["links"] else "")
    Console().print(table)
    return 0


def cmd_link(args) -> int:
    store = _open_store(args, write=True)
    try:
        ids = {}
        for end in (args.source, args.target):
            matches = [a for a in store.annotations_of() if a["id"] == end or a["id"].startswith(end)]
            if len(matches) != 1:
                raise ReaderError(f"no annotation with id {end!r}" if not matches else f"id {end!r} is ambiguous", EX_NOINPUT)
            ids[end] = matches[0]["id"]
        rec = store.add_link(ids[args.source], ids[args.target], args.relation, args.note)
    finally:
        store.close()
    _out(rec["id"] + "\n")
    return 0


def cmd_export(args) -> int:
    from reader.core.exporting import FORMATS, render, write_export

    if args.format not in FORMATS:
        raise ReaderError(f"unknown format {args.format!r}; choose one of {', '.join(FORMATS)}", EX_USAGE)
    store = _open_store(args, write=False)
    try:
        ws = _workspace(store, pair(args.articles))
        text = render(ws, args.format, tags=args.tag, notes=not args.no_notes, dispute=not args.no_dispute)
    finally:
        store.close()
    if args.output == "-":
        _out(text)
    else:
        path = write_export(args.output, text, args.format)
        print(f"reader: exported to {path}", file=sys.stderr)
    if args.copy:
        print(f"reader: {copy_for_cli(text)}", file=sys.stderr)
    return 0


def copy_for_cli(text: str) -> str:
    from reader.core.clipboard import OSC52, copy_with_pyperclip, forced_route, osc52_sequence, write_clipboard_file

    route = forced_route()
    detail = ""
    if route in (None, "pyperclip"):
        ok, detail = copy_with_pyperclip(text)
        if ok:
            return "copied to the clipboard (pyperclip)"
    if route in (None, OSC52):
        try:
            with open("/dev/tty", "w") as tty:
                tty.write(osc52_sequence(text))
            return "copied through the terminal (OSC 52)"
        except OSError:
            pass
    path = write_clipboard_file(text)
    return f"no clipboard{' (' + detail + ')' if detail else ''}; saved to {path}"


def cmd_import(args) -> int:
    from reader.core import w3c
    from reader.core.articles import SHIPPED, load_document
    from reader.core.workspace import Workspace

    try:
        with open(args.file, "rb") as fh:
            raw = fh.read()
    except FileNotFoundError:
        raise ReaderError(f"{args.file}: no such file", EX_NOINPUT) from None
    except IsADirectoryError:
        raise ReaderError(f"{args.file}: is a directory", EX_NOINPUT) from None
    except OSError as exc:
        raise ReaderError(f"{args.file}: {exc.strerror}", EX_NOINPUT) from None
    w3c.parse(raw)  # fail on bad input before taking the lock
    store = _open_store(args, write=True)
    try:
        candidates = {}
        keys = list(SHIPPED) + [d["key"] for d in store.records["documents"].values()]
        keys += [a["doc"] for a in store.annotations_of()]
        for key in dict.fromkeys(keys):
            try:
                doc = load_document(key)
                candidates[doc.key] = doc
            except ReaderError:
                pass
        ws = Workspace(store, list(candidates.values()))
        ws.remember_documents()
        report = w3c.import_annotations(ws, raw, candidates)
    finally:
        store.close()
    msg = f"imported {report.added} annotations and {report.links} links; {report.duplicates} duplicates skipped; {report.orphans} orphans"
    if report.skipped:
        msg += f"; {len(report.skipped)} items not understood (first: {report.skipped[0]})"
    print(f"reader: {msg}", file=sys.stderr)
    if report.added == 0 and report.links == 0 and report.skipped and not report.duplicates:
        return EX_DATAERR
    return 0


def cmd_suggest(args) -> int:
    from reader.core.suggest import Suggester

    left, right = (load_article(n) for n in pair(args.articles))
    rejected: set[str] = set()
    try:
        store = _open_store(args, write=False)
        rejected = store.rejected()
        store.close()
    except ReaderError:
        pass  # suggestions do not need the store; rejections are a refinement
    result = Suggester(left, right).suggest(top=max(0, args.top), rejected=rejected)
    if args.json:
        _out(orjson.dumps([s.to_json() for s in result], option=orjson.OPT_INDENT_2).decode() + "\n")
        return 0
    from rich.console import Console
    from rich.table import Table

    from reader.core.snippets import short
    from reader.core.textsafety import inert

    table = Table(expand=True)
    table.add_column("#", no_wrap=True, width=3)
    table.add_column("relation", no_wrap=True, width=9)
    table.add_column("score", no_wrap=True, width=5)
    table.add_column(left.name, overflow="fold", ratio=1)
    table.add_column(right.name, overflow="fold", ratio=1)
    for i, s in enumerate(result, 1):
        table.add_row(str(i), s.relation, f"{s.score:.2f}", inert(short(s.left.text, 14)), inert(short(s.right.text, 14)))
    Console().print(table)
    return 0
