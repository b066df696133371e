"""The commands behind ``reader annotate|list|link|export|import|suggest|backups|restore``.

Everything a command prints that came from a user, a file name or an article goes through
``plain`` and reaches Rich as ``Text``, never as markup: "[calls]" stays "[calls]".
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterable
from typing import Any

import orjson

from reader.cli import env_seconds, pair, two_articles
from reader.core.errors import EX_CANTCREAT, EX_DATAERR, EX_OK, AnchorError, FsError, NotFound, ReaderError, UsageError
from reader.core.store.records import TAG_RULE, Annotation, parse_tag
from reader.core.store.relations import RELATIONS
from reader.core.store.store import Store
from reader.core.text.document import Document
from reader.core.text.safety import clean_surrogates, json_inert, plain, plain_name
from reader.core.text.snippets import short


def _open_store(args: argparse.Namespace, write: bool) -> Store:
    from reader.core.paths import store_path

    wait = env_seconds("READER_LOCK_WAIT", 5.0)
    return Store.open(store_path(args.db), mode="write" if write else "read", wait=wait)


def load_article(name: str) -> Document:
    """load_document, saying on stderr when it fetches, and how a file that is not UTF-8 was read."""
    from reader.core.sources.articles import load_document
    from reader.core.sources.loader import exists_offline, is_url

    if is_url(name) and not exists_offline(name) and sys.stderr.isatty():
        _err(f"fetching {name}")  # a progress note for a person; scripts get one line per error
    doc = load_document(name)
    if doc.encoding_note:
        _err(f"note: {doc.name}: {doc.encoding_note}")
    return doc


def load_named(args: argparse.Namespace, name: str) -> Document:
    """An article as a path, an address or a shipped name, else by the name ``reader list``
    shows it under (``brutus-ii``, or the end of its path): a user's ``reader list brutus-ii``
    worked where ``reader annotate brutus-ii`` said "no such file"."""
    from reader.core.sources.articles import SHIPPED
    from reader.core.sources.loader import is_url

    if os.path.exists(name) or is_url(name) or name in SHIPPED:
        return load_article(name)
    try:
        store = _open_store(args, write=False)
    except ReaderError:
        return load_article(name)  # the usual message, naming the file
    try:
        key = _stored_key_named(store, name)
    finally:
        store.close()
    return load_article(name if key is None else key)


def short_repr(text: str, limit: int = 60) -> str:
    """A value echoed in a message, cut: a 10,000-character tag made a 10 KB error line."""
    return repr(text) if len(text) <= limit else repr(text[:limit]) + f"\u2026 ({len(text):,} characters)"


def _err(text: str) -> None:
    print(f"reader: {plain(text)}", file=sys.stderr)


def _say_moved(ws: Any) -> None:
    """One line per article found to have moved (its annotations found by fingerprint)."""
    for moved in ws.moved:
        _err(f"note: {moved.message}")


def _out_saved(ident: str, what: str) -> None:
    """The id of what was just saved: when standard output refuses it (full, closed), the
    error says the change is saved (exit 74 read as "nothing changed", and a script retried)."""
    try:
        _out(ident + "\n")
    except FsError as exc:
        raise FsError(f"{what} {ident} is saved, but its id could not be written: {exc}", exc.exit_code) from None


def _out(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def _tags(values: Iterable[str]) -> list[str]:
    """--tag values: each may hold several, separated by commas; each must be a whole tag."""
    out: list[str] = []
    for value in values:
        for part in clean_surrogates(value).split(","):
            if not part.strip():
                continue
            tag = parse_tag(part)
            if tag is None:
                raise UsageError(f"{short_repr(part.strip())} is not a tag name ({TAG_RULE})")
            if tag not in out:
                out.append(tag)
    return out


PIPE_WIDTH = 120  # tables sent to a pipe or a file: a page's width, not a terminal's 80


def _console():  # type: ignore[no-untyped-def]
    from rich.console import Console

    width = None
    if not os.environ.get("COLUMNS") and not sys.stdout.isatty():
        width = PIPE_WIDTH
    return Console(highlight=False, emoji=False, markup=False, soft_wrap=False, width=width)


def _text(value: str, style: str = ""):  # type: ignore[no-untyped-def]
    from rich.text import Text

    return Text(plain(value), style=style)


# --- annotate ----------------------------------------------------------------------------------
def cmd_annotate(args: argparse.Namespace) -> int:
    doc = load_named(args, args.article)
    quote = clean_surrogates(args.quote)
    note = clean_surrogates(args.note)
    tags = _tags(args.tag)
    from reader.core.text.document import visible

    if not visible(quote).strip():  # a lone zero-width space made an invisible annotation
        raise UsageError("--quote is empty: give the words of the passage")
    if args.occurrence is not None and args.occurrence < 1:
        raise UsageError(f"--occurrence {args.occurrence}: count from 1 (the first time the quote occurs)")
    spans = doc.find_all(quote)
    if not spans:
        raise AnchorError(f"the quote is not in {doc.name}")
    if args.occurrence is not None:
        if not 1 <= args.occurrence <= len(spans):
            raise AnchorError(f"the quote occurs {len(spans)} time(s) in {doc.name}; --occurrence must be 1..{len(spans)}")
        span = spans[args.occurrence - 1]
    elif len(spans) > 1:
        where = ", ".join("\u00b6{}.{}".format(*doc.location(sp[0])) for sp in spans[:6]) + (", \u2026" if len(spans) > 6 else "")
        raise AnchorError(f"the quote occurs {len(spans)} times in {doc.name} ({where}); say which with "
                          f"--occurrence N (1 is {where.split(',')[0]})")
    else:
        span = spans[0]
    store = _open_store(args, write=True)
    try:
        from reader.core.services.workspace import Workspace

        ws = Workspace(store, [doc])
        _say_moved(ws)
        ws.remember_documents()
        cover = None if args.part else ws.highlight_covering(doc, *span)
        if cover is not None and (cover.start, cover.end) != span:
            # the words lie inside a passage annotated already (the README's tour tags the
            # sentence, its CLI example then quoted part of it): that passage is the one changed,
            # as t does in the reader; a second claim inside the first was listed "unanswered"
            span = (cover.start, cover.end)
            tagged = " ".join(f"#{t}" for t in cover.tags)
            _err("note: the quote is inside \u00b6{}.{}, annotated already{}: that annotation is the one "
                 "changed (--part annotates the quoted words alone)".format(
                     *doc.location(span[0]), f" ({tagged})" if tagged else ""))
        existing = ws.highlight_at(doc, *span)
        had = existing.ann.get("note", "") if existing is not None and (existing.start, existing.end) == span else ""
        if note and had and not (args.append or args.replace):
            raise UsageError("this passage already has a note; add --append to keep both, or --replace to replace it")
        with store.transaction("annotate"):
            ann = ws.highlight(doc, *span)
            for tag in tags:
                ann = ws.add_tag(doc, span, tag)
            if note:
                ann = ws.set_note(ann["id"], f"{had}\n\n{note}" if had and args.append else note)
    finally:
        store.close()
    _out_saved(ann["id"], "annotation")
    return EX_OK


# --- list -------------------------------------------------------------------------------------
def _workspace_for_keys(store: Store, keys: list[str],
                        unread: dict[str, str] | None = None) -> tuple[Any, dict[str, Document]]:
    """The articles that open (offline); ``unread`` gets why each other one did not."""
    from reader.core.services.workspace import Workspace
    from reader.core.sources.articles import load_document

    docs: dict[str, Document] = {}
    for key in keys:
        try:
            docs[key] = load_document(key, fetch=False)
        except ReaderError as exc:  # gone, or a page whose snapshot is elsewhere: listed "unread"
            if unread is not None:
                unread[key] = str(exc)
    return Workspace(store, list(docs.values())), docs


def annotation_rows(store: Store, article: str | None, tags: list[str],
                    unread: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """Every row ``reader list`` shows, article by article, each in reading order."""
    keys, rows_of = listing_plan(store, article, tags, unread)
    return [r for key in keys for r in rows_of(key)]


def _say_skipped(store: Store) -> None:
    """One line when records of the store were left out: a link whose other end is in no
    article file (a file lost in a partial copy or sync) made an answered claim read
    "unanswered", and nothing said so."""
    if store.skipped:
        _err(f"note: {len(store.skipped)} record{'s' if len(store.skipped) != 1 else ''} of the store left out and "
             f"untouched (first: {store.skipped[0]}); if a file of the store is missing, `reader backups` lists copies")


def _say_unread(unread: dict[str, str]) -> None:
    """One line per article that did not open: why, and that its annotations are kept."""
    for _key, why in sorted(unread.items()):
        _err(f"not opened: {why}; its annotations are listed without a place (status unread), and kept")


def listing_plan(store: Store, article: str | None, tags: list[str],
                 unread: dict[str, str] | None = None) -> tuple[list[str], Callable[[str], list[dict[str, Any]]]]:
    """(the articles to list, in order; their rows, one article at a time): a table of 100,000
    annotations is written as each article's rows are made, not after all of them (nothing
    showed for three seconds, a scale trial found). An article that does not open is
    "unread" (its annotations have no place, but are not lost: "orphan" said they were),
    and ``unread`` gets why."""
    unread = {} if unread is None else unread
    named = _stored_key_named(store, article) if article else None
    if article and named is None:
        doc = load_article(article)
        keys = [doc.key]
        from reader.core.services.workspace import Workspace

        ws: Any = Workspace(store, [doc])
        _say_moved(ws)
        docs = {doc.key: doc}
    elif named is not None:  # the name list and the TUI show ("brutus-xv"), not a path here
        keys = [named]
        ws, docs = _workspace_for_keys(store, keys, unread)
    else:
        keys = sorted({a["doc"] for a in store.annotations_of()})
        ws, docs = _workspace_for_keys(store, keys, unread)
        # an article that moved is listed once, under its new path (it was also listed, as
        # orphans, under the old one: one id on two rows)
        followed = {m.old for m in ws.moved}
        keys = [k for k in keys if k not in followed]

    def rows_of(key: str) -> list[dict[str, Any]]:
        from reader.core.anchors.selectors import quote_of
        from reader.core.export.markdown import changed_wording

        rows = []
        found = docs.get(key)
        for ann in ws.annotations_of_doc(found) if found is not None else store.annotations_of(key):
            if tags and not set(tags).intersection(ann.get("tags", [])):
                continue
            a = ws.anchor_of(ann["id"]) if found is not None else None
            placed = a if a is not None and not a.is_orphan else None
            loc = found.location(placed.start) if found is not None and placed is not None else None
            # found again after its article changed, in other words: said, with what was annotated
            changed = placed is not None and bool(changed_wording(ws, ann))
            rows.append({
                "id": ann["id"], "article": key, "quote": ws.quote(ann),
                **({"annotated": quote_of(ann["target"])} if changed else {}),
                "start": placed.start if placed else None, "end": placed.end if placed else None,
                "paragraph": loc[0] if loc else None, "sentence": loc[1] if loc else None,
                "tags": ann.get("tags", []), "note": ann.get("note", ""),
                "status": ("unread" if found is None else "orphan") if placed is None
                else "changed" if changed else "anchored",
                "links": [
                    {"id": p.link["id"], "relation": p.link["relation"], "direction": "out" if p.outgoing else "in",
                     "reads": p.verb, "other": p.other["id"], "note": p.link.get("note", "")}
                    for p in ws.partners(ann["id"])
                ],
            })
        rows.sort(key=lambda r: r["start"] if r["start"] is not None else 1 << 62)
        return rows

    return sorted(keys), rows_of


def _stored_key_named(store: Store, given: str) -> str | None:
    """The stored article a name stands for, when it is not a file, address or shipped article
    here: ``reader list brutus-xv`` (the name ``list`` shows) said "no such file". A name that
    several articles share is refused, naming them."""
    from reader.core.sources.articles import SHIPPED
    from reader.core.sources.loader import is_url

    if os.path.exists(given) or is_url(given) or given in SHIPPED:
        return None
    keys = store.article_keys()  # their names, without reading every annotation
    names = _display_names(keys)
    found = [k for k in keys if names[k] == given] or [k for k in keys if _display_name(k) == given] \
        or [k for k in keys if _ends_with_path(k, given)]
    if len(found) > 1:
        raise UsageError(f"{given} names {len(found)} articles: give one of "
                         + ", ".join(clean_surrogates(k) for k in found[:4]))
    return found[0] if found else None


def _ends_with_path(key: str, given: str) -> bool:
    """Whether a stored article's path ends with what was given: its file name
    ("bowers-reply.md", run from another folder) or more of its path ("texts/bowers-reply.md")."""
    tail = given.replace(os.sep, "/").strip("/")
    return bool(tail) and ("/" + key.replace(os.sep, "/")).endswith("/" + tail)


def _display_name(key: str) -> str:
    from reader.core.text.document import short_name

    return short_name(key)  # one name everywhere: the TUI's, the export's, list's


def _display_names(keys: Iterable[str]) -> dict[str, str]:
    """Each article's short name, told apart where two share one (``names_apart``)."""
    from reader.core.text.document import names_apart

    return names_apart(keys)


def cmd_list(args: argparse.Namespace) -> int:
    from reader.core.gc_pause import gc_paused

    if args.article is not None and not args.article.strip():
        raise UsageError("the article is empty: give a path, an address or a name reader list shows")
    store = _open_store(args, write=False)
    try:
        unread: dict[str, str] = {}
        with gc_paused():  # 100,000 rows of new dicts, none of them cyclic: no collection walks them
            if args.json:
                rows = annotation_rows(store, args.article, _tags(args.tag), unread)
            else:
                keys, rows_of = listing_plan(store, args.article, _tags(args.tag), unread)
                code = _list_table(args, keys, rows_of)
                _say_unread(unread)
                _say_skipped(store)
                return code
    finally:
        store.close()
    _out(json_inert(orjson.dumps(rows, option=orjson.OPT_INDENT_2).decode()) + "\n")
    _say_unread(unread)
    _say_skipped(store)
    return EX_OK


def _list_table(args: argparse.Namespace, keys: list[str], rows_of: Callable[[str], list[dict[str, Any]]]) -> int:
    """The table, written article by article as each one's rows are made."""
    from itertools import chain

    from rich.cells import cell_len

    from reader.listing import CHANGED, columns, table_lines

    per_article = (rows_of(k) for k in keys)
    first = next((rows for rows in per_article if rows), None)
    if first is None:
        _err("no annotations" + (" with those tags" if args.tag else "") + (f" in {args.article}" if args.article else ""))
        return EX_OK
    changed = 0

    def counted(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        nonlocal changed
        changed += sum(r["status"] == "changed" for r in rows)
        return rows

    width = _console().width
    out = sys.stdout
    names = _display_names(keys)
    # (the tags as the first article's rows have them: the rows of the others are made as they are written)
    fixed = columns(width, max(cell_len(plain(n)) for n in names.values()),
                    max(cell_len(plain(" ".join(r["tags"]))) for r in first))
    rows = chain.from_iterable(counted(r) for r in chain([first], per_article))
    for line in table_lines(rows, width, names.__getitem__, fixed):
        out.write(line + "\n")
    out.flush()
    if changed:
        _err(f"{CHANGED} after a place: its words changed since they were annotated ({changed}); "
             "list --json gives both, the export shows the change")
    return EX_OK


# --- link -------------------------------------------------------------------------------------
def _find_annotation(store: Store, given: str) -> Annotation:
    value = clean_surrogates(given).strip()
    if value:
        store.load_ids_starting(value)  # only the files that hold it, not the whole store
    matches = [a for a in store.loaded_annotations() if a["id"] == value or (len(value) >= 4 and a["id"].startswith(value))]
    if not matches:
        short_hint = " (give at least 4 characters of an id, as reader list shows them)" if len(value) < 4 else ""
        raise NotFound(f"no annotation with id {value!r}{short_hint}")
    if len(matches) > 1:
        raise UsageError(f"id {value!r} is ambiguous ({len(matches)} annotations start with it); give more of it")
    return matches[0]


def cmd_link(args: argparse.Namespace) -> int:
    store = _open_store(args, write=True)
    try:
        src = _find_annotation(store, args.source)
        dst = _find_annotation(store, args.target)
        known = store.find_link(src["id"], dst["id"], args.relation) is not None
        before = store.answer_between(src["id"], dst["id"]) if RELATIONS[args.relation].is_answer else None
        was = before["relation"] if before is not None and not known and before["relation"] != args.relation else ""
        rec = store.add_link(src["id"], dst["id"], args.relation, clean_surrogates(args.note))
    finally:
        store.close()
    _err(f"{'already linked' if known else 'linked'}: {_display_name(src['doc'])} {short(_quote(src), 6)!r} "
         f"{args.relation} {_display_name(dst['doc'])} {short(_quote(dst), 6)!r}"
         + (f" (it was {was}: a pair has one way of answering; the new one replaces it)" if was else ""))
    _out_saved(rec["id"], "link")
    return EX_OK


def _quote(ann: Annotation) -> str:
    from reader.core.anchors.selectors import quote_of

    return quote_of(ann["target"])


# --- export -----------------------------------------------------------------------------------
def cmd_export(args: argparse.Namespace) -> int:
    from reader.core.export.formats import protected_paths, render, write_export
    from reader.core.services.workspace import Workspace

    if args.output is None:
        args.output = "" if args.copy else "-"  # --copy alone: the clipboard, not the terminal too
    elif not args.output.strip():
        raise UsageError("-o needs a file name (or - for standard output)")
    store = _open_store(args, write=False)
    try:
        ws = Workspace(store, two_articles([load_named(args, n) for n in pair(args.articles)]))
        _say_moved(ws)
        if args.output not in ("", "-") and args.format == "md" and not args.replace:
            from reader.core.export.markdown import articles_id, made_for_others

            if made_for_others(args.output, articles_id([d.key for d in ws.docs])):
                raise FsError(f"{plain_name(args.output)} holds the notes of other articles; nothing was "
                                  "written: give another file, or --replace to put these notes in their place",
                                  EX_CANTCREAT)
        text = render(ws, args.format, tags=_tags(args.tag), notes=not args.no_notes, dispute=not args.no_dispute)
        protected = protected_paths(ws)
        _say_skipped(store)
    finally:
        store.close()
    if args.output == "-":
        _out(text)
    elif args.output:
        from reader.core.export.markdown import articles_id, made_for_others

        articles = articles_id([d.key for d in ws.docs])
        if args.format == "md" and made_for_others(args.output, articles):  # --replace
            _err(f"note: {plain_name(args.output)} held the notes of other articles; its generated part now holds these "
                 "(your own text outside the markers stays)")
        path = write_export(args.output, text, args.format, protected, articles)
        _err(f"exported to {plain_name(path)}")
    if args.copy:
        from reader.core.services.clipboard import copy, tty_osc52

        try:
            _err(copy(text, tty_osc52).message)
        except ReaderError:
            if not args.output:
                _out(text)  # the copy failed and nothing else was asked for: the export is not lost
            raise
    return EX_OK


# --- import -----------------------------------------------------------------------------------
def _read_input(name: str) -> bytes:
    import stat

    shown = clean_surrogates(name)
    try:
        st = os.stat(name)
    except FileNotFoundError:
        raise NotFound(f"{shown}: no such file") from None
    except OSError as exc:
        raise NotFound(f"{shown}: {exc.strerror}") from None
    if stat.S_ISDIR(st.st_mode):
        raise NotFound(f"{shown}: is a directory")
    if not stat.S_ISREG(st.st_mode):
        raise NotFound(f"{shown}: not a regular file (a pipe, socket or device)")
    if st.st_size > 512 * 1024 * 1024:
        raise ReaderError(f"{shown}: {st.st_size >> 20} MB is too large to import", EX_DATAERR)
    try:
        with open(name, "rb") as fh:
            return fh.read()
    except OSError as exc:
        raise NotFound(f"{shown}: {exc.strerror}") from None


def cmd_import(args: argparse.Namespace) -> int:
    from reader.core.export import w3c
    from reader.core.services import importing
    from reader.core.sources.articles import SHIPPED, load_document

    if args.undo:
        if args.file:
            raise UsageError("give either FILE or --undo")
        store = _open_store(args, write=True)
        try:
            last, anns, links, kept = importing.undo_last(store)
        finally:
            store.close()
        what = f"{last.get('file') or 'a file'} ({last.get('created', '')})"
        if not last.get("annotations") and not last.get("links"):
            _err(plain(f"the last import, of {what}, added nothing: nothing taken back "
                       "(reader import --undo again takes back the import before it)"))
            return EX_OK
        also = (f"; kept {kept} imported annotation{'s' if kept != 1 else ''} you linked or changed since, with "
                "your links and notes (reader list shows them; reader restore import undoes this undo)") if kept else ""
        _err(plain(f"took back the import of {what}: removed {anns} annotations and {links} links{also}"))
        return EX_OK
    if not args.file:
        raise UsageError("give the FILE to import (or --undo)")
    raw = _read_input(args.file)
    w3c.parse(raw)  # fail on bad input before taking the lock
    store = _open_store(args, write=True)
    try:
        candidates: dict[str, Document] = {}

        def load(keys: list[str]) -> None:
            for key in dict.fromkeys(keys):
                try:
                    doc = load_document(key, fetch=False)
                    candidates[doc.key] = doc
                except ReaderError:
                    pass

        named = importing.sources_of(raw)
        load(named)  # the articles the file names, if they are here
        if not all(importing.placed(key, candidates) for key in named):
            # A source not here: its passages are looked for in every article the store knows.
            load(list(SHIPPED) + [str(d["key"]) for d in store.records["documents"].values()]
                 + store.article_keys())
        report = importing.import_file(store, raw, candidates, os.path.abspath(args.file))
    finally:
        store.close()
    msg = (f"imported {report.added} annotations and {report.links} links; {report.duplicates} duplicates skipped; "
           f"{report.orphans} orphans")
    if report.skipped:
        msg += f"; {len(report.skipped)} items not understood (first: {report.skipped[0]})"
    if report.retagged:
        written, kept_as = report.retagged[0]
        msg += (f"; {len(report.retagged)} tag{'s' if len(report.retagged) != 1 else ''} not kept as written "
                f"(tags are letters, digits and dashes; first: {plain(short_repr(written))} "
                + (f"kept as {kept_as})" if kept_as else "dropped)"))
    if report.import_id:
        msg += "; reader import --undo takes it back"
    _err(msg)
    if report.added == 0 and report.links == 0 and report.skipped and not report.duplicates:
        return EX_DATAERR
    return EX_OK


# --- suggest ----------------------------------------------------------------------------------
def cmd_suggest(args: argparse.Namespace) -> int:
    from reader.core.services.workspace import Workspace
    from reader.core.suggest.engine import Suggester
    from reader.core.text.document import visible

    if args.for_quote is not None and not visible(args.for_quote).strip():
        raise UsageError("--for needs the words of a passage, as they appear in one of the articles")
    left, right = two_articles([load_named(args, n) for n in pair(args.articles)])
    answering = args.for_quote is not None or args.at is not None
    if not answering:
        args.top = 20 if args.top is None else args.top
        if args.top < 0:
            raise UsageError("--top must be 0 or more")
    elif args.top is not None and args.top < 1:
        raise UsageError("--top must be 1 or more")
    rejected: set[str] = set()
    linked: set[Any] = set()
    try:  # the store only says which pairs not to suggest again: one it cannot read is a note
        # (a damaged article file had been exit 65, a damaged root file a note and exit 0)
        store = _open_store(args, write=False)
        try:
            ws = Workspace(store, [left, right])
            _say_moved(ws)
            rejected, linked = store.rejected(), ws.linked_pairs(left, right)
        finally:
            store.close()
    except ReaderError as exc:
        rejected, linked = set(), set()
        _err(f"note: suggestions without the store ({exc})")
    if answering:  # what answers one passage: pairs already linked or rejected left out too
        return _answers_for(args, left, right, rejected, linked)
    result = Suggester(left, right).suggest(top=args.top, rejected=rejected, linked=linked)
    if args.json:
        _out(json_inert(orjson.dumps([s.to_json() for s in result], option=orjson.OPT_INDENT_2).decode()) + "\n")
        return EX_OK
    from rich import box
    from rich.table import Table

    table = Table(expand=True, box=box.SIMPLE_HEAD)
    table.add_column("#", no_wrap=True, width=3, justify="right")
    table.add_column("relation", no_wrap=True, width=9)
    table.add_column("score", no_wrap=True, width=5)
    table.add_column(_text(left.name), overflow="fold", ratio=1)
    table.add_column(_text(right.name), overflow="fold", ratio=1)
    for i, s in enumerate(result, 1):
        table.add_row(_text(str(i)), _text(s.relation), _text(f"{s.score:.2f}"),
                      _text(short(s.left.text, 16)), _text(short(s.right.text, 16)))
    console = _console()
    with console.capture() as captured:
        console.print(table)
    # without the table's padding: a piped line was 120 characters of which most were spaces
    lines = [line.rstrip() for line in captured.get().split("\n")]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    _out("\n".join(lines) + "\n")
    return EX_OK


def _passage(args: argparse.Namespace, left: Document, right: Document) -> tuple[str, tuple[int, int]]:
    """(side, span) of the passage named by --for QUOTE or --at ¶N.S."""
    import re

    docs = {"left": left, "right": right}
    if args.at is not None:
        m = re.fullmatch(r"\s*\u00b6?\s*(\d+)(?:\.(\d+))?\s*", args.at)
        if not m:
            raise UsageError(f"--at {args.at!r}: give a place such as \u00b67.1 (paragraph 7, sentence 1) or 7.1")
        side = args.side or "left"
        doc = docs[side]
        p, n = int(m.group(1)), int(m.group(2) or 1)
        if not 1 <= p <= doc.paragraph_count or not 1 <= n <= len(doc.sentences(p - 1)):
            # a wrong argument (64), not missing input (66, "no such file"'s code)
            raise UsageError(f"{doc.name} has no \u00b6{p}.{n} (it has \u00b61 to \u00b6{doc.paragraph_count})")
        return side, doc.sentences(p - 1)[n - 1]
    quote = clean_surrogates(args.for_quote)
    found = {side: doc.find_all(quote) for side, doc in docs.items() if args.side in (None, side)}
    found = {side: spans for side, spans in found.items() if spans}
    if not found:
        if args.side is not None:
            other = "right" if args.side == "left" else "left"
            if docs[other].find_all(quote):
                raise AnchorError(f"the quote is not in the {args.side} article ({docs[args.side].name}); it is in "
                                  f"the {other} one: give --side {other}, or no --side")
            raise AnchorError(f"the quote is not in the {args.side} article ({docs[args.side].name})")
        raise AnchorError(f"the quote is in neither article ({left.name}, {right.name})")
    if len(found) > 1:
        raise UsageError("the quote is in both articles; say which with --side left or --side right")
    side, spans = next(iter(found.items()))
    if len(spans) > 1:
        raise AnchorError(f"the quote occurs {len(spans)} times in {docs[side].name}; quote more of it, or use --at")
    return side, spans[0]


def _answers_for(args: argparse.Namespace, left: Document, right: Document, rejected: set[str],
                 linked: set[Any]) -> int:
    from reader.core.suggest.engine import Engine

    side, span = _passage(args, left, right)
    k = 5 if args.top is None else args.top
    found = Engine(left, right).answers_for(side, span, k=k, rejected=rejected, linked=linked)
    if args.json:
        _out(json_inert(orjson.dumps([s.to_json() for s in found], option=orjson.OPT_INDENT_2).decode()) + "\n")
        return EX_OK
    doc = left if side == "left" else right
    p, n = doc.location(span[0])
    _err(f"what answers {doc.name} \u00b6{p}.{n}: \u201c{short(doc.text[span[0]:span[1]], 14)}\u201d")
    whole = doc.sentence_at(span[0])[2]
    if args.at is None and (span[1] - span[0]) < 0.8 * (whole[1] - whole[0]):
        # ranked on the words quoted, as A ranks a selection: say how to ask about the sentence
        _err(f"(ranked on the words quoted, part of \u00b6{p}.{n}; --at \u00b6{p}.{n} asks about the whole sentence)")
    from rich import box
    from rich.table import Table

    table = Table(expand=True, box=box.SIMPLE_HEAD)
    table.add_column("#", no_wrap=True, width=3, justify="right")
    table.add_column("score", no_wrap=True, width=5)
    table.add_column("link", no_wrap=True, width=19)
    table.add_column(f"it: the passage in {right.name if side == 'left' else left.name}", ratio=1)
    for i, s in enumerate(found, 1):
        other = s.right if side == "left" else s.left
        q, m = other.doc.location(other.start)
        verb = f"it {s.relation} this" if s.source is other else f"this {s.relation} it"
        cell = _text(f"\u00b6{q}.{m} {short(other.text, 24)}")
        if s.reasons:
            cell.append("\n" + plain(", ".join(s.reasons)), style="dim")
        table.add_row(_text(str(i)), _text(f"{s.score:.2f}"), _text(verb), cell)
    _console().print(table)
    return EX_OK


# --- backups ------------------------------------------------------------------------------------
def cmd_backups(args: argparse.Namespace) -> int:
    import time

    from reader.core.paths import store_path
    from reader.core.store.backups import Backups, held, record_counts

    root = os.path.realpath(os.path.abspath(os.path.expanduser(store_path(args.db))))
    found = Backups(root).available()
    if not found:
        _err(f"no backups of {root} yet (they are made when a session or an import first changes the store)")
        return EX_OK
    backups = Backups(root)
    for b in found:
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(b.created))
        try:  # what each holds, so a restore is chosen knowingly (a user restored an empty one)
            contents = backups.contents(b.kind)
            holds = held(contents, *record_counts(contents))
        except ReaderError:
            holds = f"{b.files} file(s), unreadable"
        _out(f"{b.kind:<17} {when}  {holds}  {plain(b.folder)}\n")
    return EX_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from reader.core.store.restore import restore

    store = _open_store(args, write=True)
    try:
        done = restore(store, args.kind)
    finally:
        store.close()
    from reader.core.store.backups import held_parts

    which, now, untouched = held_parts(done.rels, *done.after)
    if not done.changed:
        _err(f"the store already holds what the {args.kind} backup holds ({which}: {now}); nothing was changed")
        return EX_OK
    _, was, _ = held_parts(done.rels, *done.before)
    _err(f"restored the {args.kind} backup, {which}: {now} (before: {was})" + (f"; {untouched}" if untouched else "")
         + "; the state before is in the before-restore backup (reader restore before-restore takes this back), "
         "the one before that in before-restore.1")
    return EX_OK


# --- refresh -----------------------------------------------------------------------------------
def cmd_refresh(args: argparse.Namespace) -> int:
    """Fetch or re-read a source, keep a new version if it changed, and say what changed and
    which annotations each edit touched."""
    from reader.core.services.workspace import Workspace
    from reader.core.sources.refresh import annotation_effects, compare_versions, diff_markdown, effect_words, refresh

    if args.compare:
        result = compare_versions(args.article)
    else:
        if args.article.startswith(("http://", "https://")) and sys.stderr.isatty():
            _err(f"fetching {args.article}")
        result = refresh(args.article)
    _err(result.summary)
    effects = []
    if result.old_doc is not None and result.changes:
        try:
            store = _open_store(args, write=False)
        except ReaderError as exc:
            _err(f"note: annotations not checked ({exc})")
        else:
            try:
                Workspace(store, [result.new_doc])
                targets = {a["id"]: a["target"] for a in store.annotations_of(result.key)}
            finally:
                store.close()
            effects = annotation_effects(result.old_doc, result.new_doc, targets, result.changes)
            touched = [e for e in effects if e.status not in ("unchanged", "shifted", "intact")]
            for e in touched:
                _err(f"annotation {e.id[:8]}: {effect_words(e.status)}: {short(e.old_quote or e.new_quote, 10)}")
            if not touched and targets:
                _err(f"the {len(targets)} annotation(s) of this source are untouched by the edits")
    if args.markdown:
        _out(diff_markdown(result, effects))
    return EX_OK
