"""The annotation store: records in memory, saved in TinyDB files, one writer at a time.

Promises:
- a change is applied in memory at once and saved as one all-or-nothing write of every
  file it touches (``files.commit_files``); it is reported saved only after the fsync;
- in the TUI the write happens behind the keys (``writer.Writer``); if it fails, memory
  is rolled back to what is on disk, so a failed write never changes what the next one
  starts from;
- the store is sharded per article (``files``), and only the files of the articles in
  use are read: opening one pair costs what that pair holds, not the whole library;
- one writer per store: a lock on the store's real path, held for the session; others
  open read-only. A store reached through a symlink is written through the link;
- a corrupt, empty-but-not-new or newer-schema file is refused and never overwritten;
- before a session (and an import) first changes a file, a copy of it is kept in
  ``PATH.d/backups/`` (``backups``);
- records are never changed in place, so a snapshot being saved never moves.

The files are TinyDB databases (TinyDB's JSON layout, read and written by our own
Storage). Records are edited in the tables directly rather than through TinyDB's Table
methods, which copy a whole table on every change: 45 ms per change at 50,000
annotations on the development machine, against microseconds here.
"""

from __future__ import annotations

import json
import os
import queue
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, cast

import orjson

from reader.core.errors import EX_CANTCREAT, EX_FAILURE, EX_IOERR, ReaderError, ReadOnlyStore, StoreError
from reader.core.fs import read_regular
from reader.core.store import backups, files
from reader.core.store.files import ROOT, Tables
from reader.core.store.history import DO, FOLLOW, MAINTAIN, REDO, ROLLBACK, UNDO, Change, History, Record, Step
from reader.core.store.lock import StoreLock
from reader.core.store.migrations import SCHEMA_VERSION, schema_version_of, split_legacy
from reader.core.store.records import (
    Annotation,
    DocumentInfo,
    Link,
    annotation_record,
    link_record,
    now,
    valid_record,
)
from reader.core.store.relations import RELATIONS
from reader.core.store.writer import Commit, Writer

ROOT_TABLES = ("documents", "rejections", "imports")
SHARD_TABLES = ("annotations", "anchors")
LINK_TABLES = ("links",)
TABLES = ROOT_TABLES + SHARD_TABLES + LINK_TABLES

Listener = Callable[[Step], None]


class StoreFile:
    """The saved form of one file: its tables as on disk, owned by the writer once loaded."""

    def __init__(self, rel: str, tables: Tables) -> None:
        self.rel = rel
        self.tables = tables
        self.keys: dict[str, dict[str, str]] = {}  # table -> record id -> TinyDB doc id
        self.next: dict[str, int] = {}
        for name, table in tables.items():
            ids = self.keys.setdefault(name, {})
            for doc_id, rec in table.items():
                rid = rec.get("id") if isinstance(rec, dict) else None
                if isinstance(rid, str) and rid not in ids:
                    ids[rid] = doc_id
            self.next[name] = max((int(k) for k in table), default=0) + 1

    def apply(self, change: Change) -> tuple[str, str, Any, bool]:
        """Apply one change; return what ``unapply`` needs to take it back."""
        table = self.tables.setdefault(change.table, {})
        ids = self.keys.setdefault(change.table, {})
        doc_id = ids.get(change.rid)
        new_key = doc_id is None
        if doc_id is None:
            if change.after is None:
                return change.table, "", None, False
            doc_id = str(self.next.get(change.table, 1))
            self.next[change.table] = int(doc_id) + 1
            ids[change.rid] = doc_id
        old = table.get(doc_id)
        if change.after is None:
            table.pop(doc_id, None)
            del ids[change.rid]
        else:
            table[doc_id] = change.after
        return change.table, doc_id, (change.rid, old), new_key

    def unapply(self, info: tuple[str, str, Any, bool]) -> None:
        name, doc_id, payload, new_key = info
        if not doc_id:
            return
        rid, old = payload
        table = self.tables.setdefault(name, {})
        ids = self.keys.setdefault(name, {})
        if old is None:
            table.pop(doc_id, None)
            ids.pop(rid, None)
        else:
            table[doc_id] = old
            ids[rid] = doc_id
        if new_key:
            self.next[name] = min(self.next.get(name, 1), int(doc_id))


# An id, or an annotation's source_id, as JSON writes it unescaped (a literal start makes the
# search fast: two patterns take half the time of one with a choice in it).
_ID_FIELD = re.compile(rb'"id"\s*:\s*"([^"\\]{1,2000})"')
_SOURCE_ID_FIELD = re.compile(rb'"source_id"\s*:\s*"([^"\\]{1,2000})"')
_JSON_ESCAPED = re.compile(r'["\\\x00-\x1f]')


def _findable(rid: str) -> bool:
    """Whether an id can be found in a store file's bytes as written: JSON escapes none of
    its characters (else the file must be parsed to find it)."""
    return len(rid) <= 2000 and _JSON_ESCAPED.search(rid) is None


# Where a record begins in a store file's text, with its id: the far ends of links are looked up
# by id in a set. (One pattern naming every wanted id took 6.5 s to compile and 8 s to run for
# 30,000 links; a command writing one annotation held the store's lock for 14 s.)
_RECORD_START = re.compile(r'\{\s*"id"\s*:\s*"([^"\\]{1,2000})"')
_MANY_ENDS = 2000  # far ends past which the file is read whole: quicker than finding each


_DOC_FIELD = re.compile(rb'"doc"\s*:\s*("(?:[^"\\]|\\.)*")')


def _first_doc_key(raw: bytes) -> str | None:
    """The first ``"doc": "…"`` value in a file's bytes, decoded; None if there is none."""
    m = _DOC_FIELD.search(raw)
    if m is None:
        return None
    try:
        value = orjson.loads(m.group(1))
    except orjson.JSONDecodeError:
        return None
    return value if isinstance(value, str) else None


def _looks_like_shards(folder: str) -> bool:
    try:
        names = os.listdir(folder)
    except OSError:
        return False
    return any(n in (files.BACKUPS, files.JOURNAL) or files.SHARD_NAME.fullmatch(n) for n in names)


def _inside_a_store(real: str) -> str:
    """The root of the store whose shard folder (``PATH.d``) holds real, or "" if none does:
    a store opened on another's shard or backup would write over it."""
    folder = os.path.dirname(real)
    while True:
        if folder.endswith(".d") and os.path.isfile(folder[:-2]) and _looks_like_shards(folder):
            return folder[:-2]
        parent = os.path.dirname(folder)
        if parent == folder:
            return ""
        folder = parent


class Store:
    """Annotations, links, rejected suggestions and articles seen, for the reader's sessions."""

    def __init__(self, path: str, *, read_only: bool, read_only_reason: str = "", shown: str = "") -> None:
        self.path = path  # the real path: symlinks resolved
        self.shown = shown or path
        self.read_only = read_only
        self.read_only_reason = read_only_reason
        self.lock = StoreLock(path + ".lock")
        self.records: dict[str, dict[str, Record]] = {t: {} for t in TABLES}
        self._file_of: dict[tuple[str, str], str] = {}
        self._links_by_ann: dict[str, set[str]] = {}
        self._anns_by_doc: dict[str, dict[str, None]] = {}
        self._files: dict[str, StoreFile] = {}
        self._loaded_articles: set[str] = set()
        self._partial: dict[str, set[str]] = {}  # file -> far-end annotations read from it alone
        self._all_loaded = False
        self._view: dict[str, str] = {}  # read-only: files an interrupted save has newer copies of
        self.history = History()
        self._step: Step | None = None
        self._seq = 0
        self._generation = 0
        self._pending: list[tuple[int, Step]] = []
        self._inbox: queue.SimpleQueue[tuple[list[int], ReaderError | None]] = queue.SimpleQueue()
        self._sync_error: ReaderError | None = None
        self.migrated_from: int | None = None
        self.skipped: list[str] = []  # records left in the files but not used (bad shape, dangling)
        self.listeners: list[Listener] = []
        self.save_listeners: list[Callable[[int], None]] = []  # called with how many saves are pending
        self.failure_listeners: list[Callable[[ReaderError, list[str]], None]] = []
        self._watchers: dict[int, list[Callable[[bool], None]]] = {}  # seq -> told when it is saved or fails
        self.wakeup: Callable[[], object] = lambda: None  # the TUI: schedule drain() on its loop
        self.backups = backups.Backups(path)
        self.writer = Writer(self._save, self._settled, threaded=False)

    # --- opening -----------------------------------------------------------------------
    @classmethod
    def open(cls, path: str, *, mode: str = "write", wait: float = 0.0, write_behind: bool = False) -> Store:
        """Open a store. mode: "write" (lock or fail), "auto" (read-only if locked), "read".

        ``write_behind``: save on a thread, so changes never wait for the disk (the TUI).
        """
        shown = os.path.abspath(os.path.expanduser(path))
        real = os.path.realpath(shown)
        if os.path.isdir(real):
            raise StoreError(f"store {shown} is a directory, not a store file")
        folder = os.path.dirname(real)
        if mode != "read" and not os.path.isdir(folder):
            try:
                os.makedirs(folder, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"cannot create the store's folder {folder}: {exc.strerror}", EX_CANTCREAT) from None
        inside = _inside_a_store(real)
        if inside:
            raise StoreError(f"store {shown} is inside the folder of the store {inside}; choose a path outside it",
                             EX_CANTCREAT)
        store = cls(real, read_only=(mode == "read"), shown=shown)
        if mode != "read":
            try:
                store._check_links_of_root()
                store.lock.acquire(wait)
            except StoreError as exc:
                if mode == "write":
                    raise
                store.read_only, store.read_only_reason = True, str(exc)
        try:
            store._load_root()
        except BaseException:
            store.close()
            raise
        if write_behind and not store.read_only:
            store.writer = Writer(store._save, store._settled, threaded=True)
        return store

    def _check_links_of_root(self) -> None:
        try:
            st = os.stat(self.path)
        except OSError:
            return
        if st.st_nlink > 1:
            raise StoreError(
                f"store {self.shown} has {st.st_nlink} hard links; saving replaces the file and would split "
                "them, so it opens read-only (keep one name, or copy it)", EX_CANTCREAT)

    def _load_root(self) -> None:
        if not self.read_only:
            files.recover(self.path)
        else:
            self._view = files.journal_view(self.path)
        raw = self._read(self.path, self.shown)
        if raw is None:
            self._files[ROOT] = StoreFile(ROOT, {"meta": {"1": {"schema_version": SCHEMA_VERSION}}})
            return
        try:
            version = schema_version_of(raw)
        except StoreError as exc:
            raise StoreError(f"store {self.shown}: {exc}; it was left untouched") from None
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"store {self.shown} was written by a newer reader (schema {version}; this one "
                f"knows {SCHEMA_VERSION}); upgrade reader. The file was left untouched"
            )
        if version < SCHEMA_VERSION:
            self._migrate(raw, version)
            return
        self._files[ROOT] = StoreFile(ROOT, raw)
        self._ingest(ROOT, raw)

    def _migrate(self, raw: Tables, version: int) -> None:
        """Bring an older store up to date: in memory, and on disk when we may write."""
        root_tables, shards = split_legacy(raw, version)
        self.migrated_from = version
        if not self.read_only:
            self.backups.keep_original(backups.BEFORE_MIGRATION)
            payload = {rel: orjson.dumps(t) for rel, t in shards.items()}
            payload[ROOT] = orjson.dumps(root_tables)
            files.commit_files(self.path, payload, self._mode())
        self._files[ROOT] = StoreFile(ROOT, root_tables)
        self._ingest(ROOT, root_tables)
        for rel, tables in shards.items():
            self._files[rel] = StoreFile(rel, tables)
            self._ingest(rel, tables)
        self._all_loaded = True
        self._drop_dangling_links(self.records["links"].keys())

    def _read(self, path: str, shown: str) -> Tables | None:
        """One file's tables; a file that cannot be trusted is refused, naming the backups."""
        try:
            return files.read_tables(self._view.get(path, path), shown)
        except StoreError as exc:
            if self.backups.available():
                raise StoreError(f"{exc}; earlier copies: see reader backups (and reader restore)",
                                 exc.exit_code) from None
            raise

    def _mode(self) -> int:
        try:
            return os.stat(self.path).st_mode & 0o777
        except OSError:
            return 0o600

    # --- reading files on demand ------------------------------------------------------------
    def _ingest(self, rel: str, tables: Tables) -> None:
        wanted = ROOT_TABLES if rel == ROOT else LINK_TABLES if rel.startswith("l-") else SHARD_TABLES
        for table in wanted:
            for doc_id, rec in tables.get(table, {}).items():
                if not valid_record(table, rec):
                    self.skipped.append(f"{rel or 'root'} {table} #{doc_id}: unexpected shape")
                    continue
                rid = rec["id"]
                if rid in self.records[table]:
                    self.skipped.append(f"{rel or 'root'} {table} #{doc_id}: duplicate id {rid}")
                    continue
                self._set_memory(table, rid, rec)
                if rel != ROOT:
                    self._file_of[(table, rid)] = rel

    def _load_file(self, rel: str) -> bool:
        if rel in self._files:
            return False
        for rid in self._partial.pop(rel, ()):  # the far ends read alone: the whole file now
            if self._file_of.get(("annotations", rid)) == rel:
                self._set_memory("annotations", rid, None)
                self._file_of.pop(("annotations", rid), None)
        path = files.absolute(self.path, rel)
        tables = self._read(path, path)
        if tables is None:
            return False
        self._files[rel] = StoreFile(rel, tables)
        self._ingest(rel, tables)
        return True

    def _shard_names(self) -> list[str]:
        try:
            return sorted(os.listdir(files.shard_folder(self.path)))
        except OSError:
            return []

    def bytes_to_load(self, keys: Iterable[str]) -> int:
        """The size of the files ``load_articles(keys)`` would read (not yet read): so a long
        opening can be announced before it starts."""
        if self._all_loaded:
            return 0
        wanted = {files.doc_id_of(k) for k in keys} - self._loaded_articles
        folder = files.shard_folder(self.path)
        names = {f"a-{sid}.json" for sid in wanted}
        for name in self._shard_names() if wanted else ():
            ids = files.link_file_ids(name)
            if ids and wanted.intersection(ids):
                names.add(name)
        total = 0
        for name in names:
            try:
                total += os.path.getsize(os.path.join(folder, name))
            except OSError:
                pass
        return total

    def load_articles(self, keys: Iterable[str]) -> None:
        """Read the files of these articles: their annotations, their links, the linked ends."""
        if self._all_loaded:
            return
        self._load_article_ids({files.doc_id_of(k) for k in keys})

    def _load_article_ids(self, sids: set[str]) -> None:
        """``load_articles`` by the articles' ids (as their files are named)."""
        wanted = sids - self._loaded_articles
        if not wanted:
            return
        names = self._shard_names()
        new_links: list[str] = []
        for sid in wanted:
            self._load_file(f"a-{sid}.json")
        for name in names:
            ids = files.link_file_ids(name)
            if ids and wanted.intersection(ids):
                before = set(self.records["links"])
                added = []
                if self._load_file(name):
                    added = [r for r in self.records["links"] if r not in before]
                    new_links += added
                for other in ids:
                    if other not in wanted:  # the far end: only the passages these links name
                        self._load_ends(f"a-{other}.json", added)
        self._loaded_articles |= wanted
        self._drop_dangling_links(new_links)

    def _load_ends(self, rel: str, link_ids: list[str]) -> None:
        """The annotations at the far end of these links, from an article that is not open,
        found in its file's text rather than by reading all of it: one link from a light
        article into one of 35,000 annotations made opening the light pair take 1.5 s and
        183 MB, against 0.7 s and 58 MB. If any is not found so, the whole file is read."""
        if rel in self._files:
            return
        anns = self.records["annotations"]
        wanted = {self.records["links"][lid][end] for lid in link_ids if lid in self.records["links"]
                  for end in ("source", "target")} - set(anns)
        if not wanted:
            return
        if len(wanted) > _MANY_ENDS or not all(map(_findable, wanted)):
            self._load_file(rel)  # (many: reading it whole is quicker than finding each)
            return
        path = files.absolute(self.path, rel)
        try:
            text = read_regular(self._view.get(path, path), files.MAX_FILE).decode("utf-8")
        except (OSError, UnicodeDecodeError):
            self._load_file(rel)  # as before: read whole, or refused with its reason
            return
        found: dict[str, Record] = {}
        decoder = json.JSONDecoder()
        for m in _RECORD_START.finditer(text):
            if m.group(1) not in wanted:
                continue
            try:
                rec, _end = decoder.raw_decode(text, m.start())
            except ValueError:
                continue
            if valid_record("annotations", rec) and rec["id"] in wanted and rec["id"] not in found:
                found[rec["id"]] = rec
        if len(found) != len(wanted):
            self._load_file(rel)
            return
        part = self._partial.setdefault(rel, set())
        for rid, rec in found.items():
            self._set_memory("annotations", rid, rec)
            self._file_of[("annotations", rid)] = rel
            part.add(rid)

    def _unread_article_files(self, links: bool = False) -> Iterator[tuple[str, bytes]]:
        """(name, bytes) of each article file not read yet, and of each link file too when
        ``links`` (unreadable ones left out)."""
        for name in self._shard_names():
            if name in self._files or not name.endswith(".json"):
                continue
            if not (name.startswith("a-") or (links and files.link_file_ids(name))):
                continue
            path = files.absolute(self.path, name)
            try:
                data = read_regular(self._view.get(path, path), files.MAX_FILE)
            except OSError:  # (a pipe or a device planted there too)
                continue
            yield name, data

    def load_ids_starting(self, prefix: str) -> None:
        """Read the article files that hold an annotation whose id starts with prefix, and
        those articles' links: a search of the files' bytes, not a parse of every file
        (``reader link ID ID`` read a library of 100,000 annotations whole: 2.6 s, 300 MB)."""
        if self._all_loaded:
            return
        if not re.fullmatch(r"[0-9A-Za-z-]{1,64}", prefix):
            self.load_all()  # not an id's characters: look everywhere, as before
            return
        needle = re.compile(rb'"id"\s*:\s*"' + re.escape(prefix.encode("ascii")))
        for name, raw in self._unread_article_files():
            if needle.search(raw):
                self._load_file(name)
        docs = {a["doc"] for rid, a in self.records["annotations"].items() if rid.startswith(prefix)}
        self.load_articles(docs)

    def load_holding(self, ids: Iterable[str]) -> None:
        """Read the files that hold any of these annotation or link ids (or an annotation's
        ``source_id``), and the articles they belong to, with their links: what an import
        or its undo must see, found by a search of the files' bytes rather than a parse of
        every file (importing 300 annotations into a library of 100,000 read all of it:
        3.1 s and 352 MB, against 0.12 s into an empty store)."""
        if self._all_loaded:
            return
        wanted = set(ids)
        if not wanted:
            return
        if not all(map(_findable, wanted)):
            self.load_all()  # an id JSON writes escaped: look everywhere, as before
            return
        needles = {rid.encode("utf-8", "surrogatepass") for rid in wanted}
        sids: set[str] = set()
        for name, raw in self._unread_article_files(links=True):
            ends = files.link_file_ids(name)
            found = _ID_FIELD.findall(raw)
            if b'"source_id"' in raw:
                found += _SOURCE_ID_FIELD.findall(raw)
            if not needles.isdisjoint(found):
                if ends:
                    sids.update(ends)
                else:
                    sids.add(name[2:-5])
        self._load_article_ids(sids)

    def article_keys(self) -> list[str]:
        """The keys of the articles that have annotations, without parsing their files: a
        file holds one article's annotations, each naming it, so the first name found in the
        file's bytes is its key (checked against the file's name). ``reader list NAME`` read
        a library of 100,000 annotations whole to learn its articles' names: 2 s, 300 MB."""
        if self._all_loaded:
            return sorted(k for k, ids in self._anns_by_doc.items() if ids)
        keys = {k for k, ids in self._anns_by_doc.items() if ids}
        for name, raw in self._unread_article_files():
            key = _first_doc_key(raw)
            if key is not None and files.annotation_file(key) == name:
                keys.add(key)
            elif key is not None:  # not what it seemed: read it (no "doc" at all: no annotation)
                self._load_file(name)
                keys.update(k for k, ids in self._anns_by_doc.items() if ids)
        return sorted(keys)

    def load_all(self) -> None:
        if self._all_loaded:
            return
        before = set(self.records["links"])
        for name in self._shard_names():
            if name.endswith(".json") and (name.startswith(("a-", "l-"))):
                self._load_file(name)
        self._all_loaded = True
        self._drop_dangling_links([r for r in self.records["links"] if r not in before])

    def _drop_dangling_links(self, ids: Iterable[str]) -> None:
        anns = self.records["annotations"]
        for rid in list(ids):
            link = self.records["links"].get(rid)
            if link is not None and not (link["source"] in anns and link["target"] in anns):
                where = self._file_of.get(("links", rid), "?")
                self._set_memory("links", rid, None)
                self.skipped.append(f"{where} links {rid}: points at an annotation in no article file")

    def close(self) -> None:
        try:
            self.flush()
            self.writer.close(timeout=10)
            self.drain()
        finally:
            self.lock.release()

    # --- memory and its indexes -------------------------------------------------------------
    def _set_memory(self, table: str, rid: str, record: Record | None) -> None:
        old = self.records[table].pop(rid, None)
        if old is not None:
            self._index(table, rid, old, add=False)
        if record is not None:
            self.records[table][rid] = record
            self._index(table, rid, record, add=True)
        elif old is not None:
            self._file_of.pop((table, rid), None)

    def _index(self, table: str, rid: str, record: Record, add: bool) -> None:
        if table == "links":
            for end in (record.get("source"), record.get("target")):
                ids = self._links_by_ann.setdefault(cast(str, end), set())
                if add:
                    ids.add(rid)
                else:
                    ids.discard(rid)
        elif table == "annotations":
            byd = self._anns_by_doc.setdefault(cast(str, record.get("doc")), {})
            if add:
                byd[rid] = None
            else:
                byd.pop(rid, None)

    def _file_for(self, table: str, rid: str, record: Record, hint: str | None = None) -> str:
        """The file a record lives in (where it was, else its article's), loaded or made."""
        rel = hint if hint is not None else self._file_of.get((table, rid))
        if rel is None:
            rel = self._home_file(table, rid, record)
        if rel != ROOT and rel not in self._files and not self._load_file(rel):
            self._files[rel] = StoreFile(rel, {"meta": {"1": {"schema_version": SCHEMA_VERSION}}})
        return rel

    def _home_file(self, table: str, rid: str, record: Record) -> str:
        if table in ROOT_TABLES:
            return ROOT
        if table == "annotations":
            return files.annotation_file(record["doc"])
        if table == "anchors":
            return self._file_of.get(("annotations", rid)) or files.annotation_file(record.get("doc", ""))
        ends = [self.records["annotations"].get(record[e]) for e in ("source", "target")]
        if ends[0] is None or ends[1] is None:
            raise StoreError("a link needs both of its passages in the store")
        return files.link_file(ends[0]["doc"], ends[1]["doc"])

    # --- changing ----------------------------------------------------------------------
    @property
    def current_step(self) -> Step | None:
        """The transaction under way, if any (its changes are in memory, not yet committed)."""
        return self._step

    def _check_writable(self) -> None:
        if self.read_only:
            raise ReadOnlyStore(self.read_only_reason or f"store {self.shown} is open read-only")

    @contextmanager
    def transaction(self, label: str, kind: str = DO) -> Iterator[Step]:
        """Group changes into one undo step and one durable write."""
        self._check_writable()
        outer = self._step is None
        if outer:
            self._step = Step(label, kind=kind)
        step = self._step
        assert step is not None
        try:
            yield step
        except BaseException:
            if outer:
                self._step = None
                self._revert_memory(step)
            raise
        if outer:
            self._step = None
            self._commit(step)

    def put(self, table: str, record: Record | None, rid: str | None = None, file: str | None = None) -> None:
        """Insert or replace a record (None deletes it), inside a transaction."""
        if self._step is None:
            raise StoreError("a change outside a transaction")
        rid = rid or cast(str, record["id"] if record is not None else "")
        before = self.records[table].get(rid)
        basis = record if record is not None else before
        if basis is None:
            return
        rel = self._file_for(table, rid, basis, hint=file)
        self._set_memory(table, rid, record)
        if record is not None and rel != ROOT:
            self._file_of[(table, rid)] = rel
        self._step.changes.append(Change(table, rid, before, record, rel))

    def insert_many(self, table: str, records: list[Record]) -> None:
        """Insert new records (bulk import), inside a transaction."""
        for rec in records:
            if rec["id"] not in self.records[table]:
                self.put(table, rec)

    def _commit(self, step: Step) -> None:
        if not step.changes:
            return
        self._seq += 1
        seq = self._seq
        self._pending.append((seq, step))
        if step.kind == DO:
            self.history.record(step)
        if not self.writer.threaded:
            self._sync_error = None
            self.writer.submit(Commit(seq, self._generation, step))
            self.drain()
            if self._sync_error is not None:
                error, self._sync_error = self._sync_error, None
                raise error
            self._notify(step)
            return
        self._notify(step)
        self.writer.submit(Commit(seq, self._generation, step))
        self._saves_changed()

    def _revert_memory(self, step: Step) -> None:
        for ch in reversed(step.changes):
            self._set_memory(ch.table, ch.rid, ch.before)
            if ch.before is not None and ch.file != ROOT:
                self._file_of[(ch.table, ch.rid)] = ch.file

    # --- saving (the writer's thread) ---------------------------------------------------------
    def _save(self, batch: list[Commit]) -> None:
        by_file: dict[str, list[Change]] = {}
        for commit in batch:
            for ch in commit.step.changes:
                by_file.setdefault(ch.file, []).append(ch)
        if ROOT not in by_file and not os.path.exists(self.path):
            by_file[ROOT] = []  # a store's first write carries its schema version
        log: list[tuple[StoreFile, tuple[str, str, Any, bool]]] = []
        try:
            self.backups.before_write(list(by_file), imports=any(c.step.label in ("import", "undo import") for c in batch),
                                      upkeep_only=all(c.step.kind == MAINTAIN for c in batch))
            for rel, changes in by_file.items():
                f = self._files[rel]
                for ch in changes:
                    log.append((f, f.apply(ch)))
            try:
                payload = {rel: orjson.dumps(self._files[rel].tables) for rel in by_file}
            except orjson.JSONEncodeError as exc:
                raise StoreError(f"cannot save {self.shown}: a value cannot be stored ({exc})", EX_IOERR) from None
            files.commit_files(self.path, payload, self._mode())
        except BaseException:
            for f, info in reversed(log):
                f.unapply(info)
            self.backups.after_write(False)  # the backups written aside are dropped
            raise
        self.backups.after_write(True)

    def _settled(self, seqs: list[int], error: ReaderError | None) -> None:
        """The writer's report (on its thread): queued for the owner's thread."""
        self._inbox.put((seqs, error))
        if self.writer.threaded:
            self.wakeup()

    def drain(self) -> None:
        """Take in the writer's reports: saved steps, or failures to roll back. Owner's thread."""
        while True:
            try:
                seqs, error = self._inbox.get_nowait()
            except queue.Empty:
                return
            if error is None:
                done = set(seqs)
                self._pending = [p for p in self._pending if p[0] not in done]
                for seq in seqs:
                    for told in self._watchers.pop(seq, ()):
                        told(True)
            else:
                self._roll_back(min(seqs), error)
            self._saves_changed()

    def _roll_back(self, first: int, error: ReaderError) -> None:
        failed = [p for p in self._pending if p[0] >= first]
        if not failed:
            return
        self._pending = [p for p in self._pending if p[0] < first]
        for seq, _step in failed:
            for told in self._watchers.pop(seq, ()):
                told(False)
        undone = Step("could not be saved", kind=ROLLBACK)
        for _seq, step in reversed(failed):
            self._revert_memory(step)
            undone.changes += step.inverse(ROLLBACK).changes
            if step.kind == DO:
                self.history.forget(step)
            elif step.kind in (UNDO, REDO) and step.origin is not None:
                self.history.moved(step.origin, undone=step.kind == REDO)
        self._generation += 1
        self.writer.resume(self._generation)
        if not self.writer.threaded:
            self._sync_error = error
            return
        self._notify(undone)
        labels = [s.label for _q, s in failed if s.kind != MAINTAIN]
        for fn in list(self.failure_listeners):
            fn(error, labels)

    def flush(self, timeout: float | None = 30.0) -> bool:
        """Wait until every change is saved (or has failed and been rolled back)."""
        done = self.writer.flush(timeout)
        self.drain()
        return done

    def when_saved(self, fn: Callable[[bool], None]) -> None:
        """Call ``fn(True)`` once the last change made is on disk, or ``fn(False)`` if its save
        failed and it was rolled back (owner's thread). At once if nothing is waiting."""
        last = self._pending[-1][0] if self._pending else None
        if last is None:
            fn(True)
        else:
            self._watchers.setdefault(last, []).append(fn)

    @property
    def unsaved(self) -> int:
        return len(self._pending)

    @property
    def unsaved_by_user(self) -> int:
        """Steps not yet on disk that the user made (not upkeep such as noting an article's state)."""
        return sum(1 for _seq, step in self._pending if step.kind != MAINTAIN)

    def _saves_changed(self) -> None:
        for fn in list(self.save_listeners):
            fn(len(self._pending))

    def _notify(self, step: Step) -> None:
        for fn in list(self.listeners):
            fn(step)

    # --- annotations ---------------------------------------------------------------------
    def annotations_of(self, doc_key: str | None = None) -> list[Annotation]:
        anns = self.records["annotations"]
        if doc_key is None:
            self.load_all()
            return cast(list[Annotation], list(anns.values()))
        self.load_articles([doc_key])
        return [cast(Annotation, anns[rid]) for rid in self._anns_by_doc.get(doc_key, ())]

    def loaded_annotations(self) -> list[Annotation]:
        """The annotations of the files read so far (``annotations_of()`` reads every file first)."""
        return cast(list[Annotation], list(self.records["annotations"].values()))

    def count_of(self, doc_key: str) -> int:
        return len(self._anns_by_doc.get(doc_key, ()))

    def annotation(self, ann_id: str) -> Annotation | None:
        """An annotation among the files read so far (``load_articles``, ``load_all``)."""
        return cast("Annotation | None", self.records["annotations"].get(ann_id))

    def add_annotation(self, doc_key: str, target: Any, tags: Iterable[str] = (), note: str = "") -> Annotation:
        rec = annotation_record(doc_key, target, list(tags), note)
        with self.transaction("add highlight"):
            self.put("annotations", cast(Record, rec))
        return rec

    def update_annotation(self, ann_id: str, label: str = "edit annotation", **fields: Any) -> Annotation:
        current = self.annotation(ann_id)
        if current is None:
            raise StoreError(f"no annotation with id {ann_id}")
        rec = cast(Record, {**current, **fields, "updated": now()})
        with self.transaction(label):
            self.put("annotations", rec)
        return cast(Annotation, rec)

    def delete_annotation(self, ann_id: str) -> None:
        with self.transaction("delete annotation"):
            for link in self.links_of(ann_id):
                self.put("links", None, link["id"])
            self.put("anchors", None, ann_id)
            self.put("annotations", None, ann_id)

    # --- links -----------------------------------------------------------------------------
    def links(self) -> list[Link]:
        """Every link in the store (all files are read)."""
        self.load_all()
        return cast(list[Link], list(self.records["links"].values()))

    def loaded_links(self) -> list[Link]:
        """The links of the files read so far (``links`` reads every file first)."""
        return cast(list[Link], list(self.records["links"].values()))

    def links_of(self, ann_id: str) -> list[Link]:
        links = self.records["links"]
        return [cast(Link, links[rid]) for rid in sorted(self._links_by_ann.get(ann_id, ()))]

    def link_count(self, ann_id: str) -> int:
        return len(self._links_by_ann.get(ann_id, ()))

    def add_link(self, source: str, target: str, relation: str, note: str = "") -> Link:
        for end in (source, target):
            if end not in self.records["annotations"]:
                raise StoreError(f"no annotation with id {end}")
        if source == target:
            raise StoreError("a passage cannot be linked to itself", EX_FAILURE)
        if relation not in RELATIONS:
            raise StoreError(f"unknown relation {relation!r}; choose one of {', '.join(RELATIONS)}")
        same = self.find_link(source, target, relation)
        if same is not None:  # linking again adds no second link; a new note joins the old one
            if not note or note == same.get("note", ""):
                return same
            old = same.get("note", "")
            rec = cast(Link, {**same, "note": f"{old}\n\n{note}" if old else note})
            with self.transaction("edit link note"):
                self.put("links", cast(Record, rec))
            return rec
        rec = link_record(source, target, relation, note)
        replaced = self.answer_between(source, target) if RELATIONS[relation].is_answer else None
        with self.transaction(f"link {relation}"):
            if replaced is not None:  # one way of answering per pair: "rebuts" then "supports" changes it
                self.put("links", None, replaced["id"])
                if not note and replaced.get("note"):
                    rec = cast(Link, {**rec, "note": replaced["note"]})
            self.put("links", cast(Record, rec))
        return rec

    def answer_between(self, a: str, b: str) -> Link | None:
        """The link by which one of two passages answers the other (rebuts, supports, answers,
        qualifies), either way round: a pair has one at most, and linking it again with
        another such relation replaces it (a new user had "rebuts" and "supports" on one pair,
        counted twice in the dispute map). "repeats" goes beside it."""
        for link in self.links_of(a):
            if {link["source"], link["target"]} == {a, b} and RELATIONS[link["relation"]].is_answer:
                return link
        return None

    def find_link(self, source: str, target: str, relation: str) -> Link | None:
        """The link "source relation target", if there is one."""
        for link in self.links_of(source):
            if link["source"] == source and link["target"] == target and link["relation"] == relation:
                return link
        return None

    def delete_link(self, link_id: str) -> None:
        with self.transaction("delete link"):
            self.put("links", None, link_id)

    # --- suggestions rejected ---------------------------------------------------------------
    def rejected(self) -> set[str]:
        return {cast(str, r.get("key")) for r in self.records["rejections"].values()}

    def reject(self, key: str) -> None:
        if key in self.rejected():
            return
        with self.transaction("reject suggestion"):
            self.put("rejections", {"id": key, "key": key, "created": now()})

    # --- articles seen, re-anchorings remembered ----------------------------------------------
    def document_info(self, key: str) -> DocumentInfo | None:
        return cast("DocumentInfo | None", self.records["documents"].get(key))

    def maintain(self, label: str, records: list[tuple[str, Record]]) -> None:
        """Upkeep that is not undoable (articles seen, re-anchorings): one write, if any change."""
        fresh = [(t, r) for t, r in records if self.records[t].get(r["id"]) != r]
        if self.read_only or not fresh:
            return
        with self.transaction(label, kind=MAINTAIN):
            for table, rec in fresh:
                self.put(table, rec)

    def remember_documents(self, infos: list[DocumentInfo]) -> None:
        """Note the text each article had when last seen (tells when it changes)."""
        self.maintain("remember articles", [("documents", cast(Record, i)) for i in infos])

    def move_article(self, old_key: str, new_key: str) -> int:
        """Re-key an article's annotations (it moved: same text, a new path); return how many.

        One all-or-nothing write that moves the records into the new article's files (its
        annotations, remembered re-anchorings and links), backed up like a session's change
        and not undoable: nothing the user did is being undone.
        """
        self._check_writable()
        self.load_articles([old_key, new_key])
        anns = list(self.annotations_of(old_key))
        if not anns:
            return 0
        links: dict[str, Record] = {}
        for a in anns:
            for lk in self.links_of(a["id"]):
                links[lk["id"]] = cast(Record, lk)
        with self.transaction("follow a moved article", kind=FOLLOW):
            for lid in links:
                self.put("links", None, lid)
            for a in anns:
                memo = self.records["anchors"].get(a["id"])
                if memo is not None:
                    self.put("anchors", None, a["id"])
                self.put("annotations", None, a["id"])
                target = dict(a["target"])
                if target.get("source") == old_key:
                    target["source"] = new_key
                self.put("annotations", cast(Record, {**a, "doc": new_key, "target": target}))
                if memo is not None:
                    self.put("anchors", memo)
            for kept in links.values():
                self.put("links", kept)
            if old_key in self.records["documents"]:
                self.put("documents", None, old_key)
        return len(anns)

    # --- undo -------------------------------------------------------------------------------
    def _replay(self, undo: bool) -> str | None:
        self._check_writable()
        origin = self.history.peek_undo() if undo else self.history.peek_redo()
        if origin is None:
            return None
        step = origin.inverse(UNDO) if undo else Step(origin.label, list(origin.changes), REDO)
        self._step = Step(origin.label, kind=step.kind)
        applied = self._step
        applied.origin = origin
        try:
            for ch in step.changes:
                self.put(ch.table, ch.after, ch.rid, file=ch.file)
        except BaseException:
            self._step = None
            self._revert_memory(applied)
            raise
        self._step = None
        self.history.moved(origin, undone=undo)
        self._commit(applied)
        return origin.label

    def undo(self) -> str | None:
        return self._replay(undo=True)

    def redo(self) -> str | None:
        return self._replay(undo=False)

