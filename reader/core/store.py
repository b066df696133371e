"""The annotation store: the only module that touches TinyDB.

Promises:
- every change is one atomic, durable write (``AtomicJSONStorage``);
- one writer per store, by a lock held for the session; others open read-only;
- a corrupt, empty-but-not-new or newer-schema file is refused and never overwritten;
- a ``.bak`` of the state at the start of each writing session;
- UUIDs for everything that is pointed at (TinyDB reuses its document ids).
"""

from __future__ import annotations

import os
from contextlib import contextmanager

from tinydb import TinyDB

from reader.core.errors import StoreError, StoreLocked
from reader.core.history import History, Step
from reader.core.lock import StoreLock
from reader.core.migrations import SCHEMA_VERSION, migrate
from reader.core.records import RELATIONS, annotation_record, link_record, now
from reader.core.storage import AtomicJSONStorage, atomic_write_bytes, clean_temp_files, read_store_file

TABLES = ("annotations", "links", "rejections", "documents")


def _strs(value) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def valid_record(table: str, rec) -> bool:
    """Whether a stored record has the shape the reader relies on."""
    if not isinstance(rec, dict) or not isinstance(rec.get("id"), str):
        return False
    if table == "annotations":
        return (isinstance(rec.get("doc"), str) and isinstance(rec.get("target"), dict)
                and _strs(rec.get("tags", [])) and isinstance(rec.get("note", ""), str))
    if table == "links":
        return (isinstance(rec.get("source"), str) and isinstance(rec.get("target"), str)
                and rec.get("relation") in RELATIONS and isinstance(rec.get("note", ""), str))
    return isinstance(rec.get("key"), str)  # rejections and documents


def schema_version_of(raw: dict) -> int:
    for doc in raw.get("meta", {}).values():
        if isinstance(doc, dict) and "schema_version" in doc:
            v = doc["schema_version"]
            if isinstance(v, int) and not isinstance(v, bool):
                return v
            raise StoreError("the store's schema_version is unreadable")
    return 1 if raw.get("annotations") else SCHEMA_VERSION


class Store:
    """Annotations, links and rejected suggestions, kept in memory and saved on each change."""

    def __init__(self, path: str, *, read_only: bool, read_only_reason: str = "") -> None:
        self.path = path
        self.read_only = read_only
        self.read_only_reason = read_only_reason
        self.lock = StoreLock(path + ".lock")
        self.storage: AtomicJSONStorage | None = None
        self.db: TinyDB | None = None
        self.records: dict[str, dict[str, dict]] = {t: {} for t in TABLES}
        # Indexes kept in step with records: annotation id -> its link ids; doc -> annotation ids.
        self._links_by_ann: dict[str, set[str]] = {}
        self._anns_by_doc: dict[str, dict[str, None]] = {}
        self._doc_ids: dict[str, dict[str, int]] = {t: {} for t in TABLES}
        self.history = History()
        self._step: Step | None = None
        self.migrated_from: int | None = None
        self.skipped: list[str] = []  # records left in the file but not used (bad shape, dangling)
        self.listeners: list = []

    # --- opening -----------------------------------------------------------------------
    @classmethod
    def open(cls, path: str, *, mode: str = "write", wait: float = 0.0) -> "Store":
        """Open a store. mode: "write" (lock or fail), "auto" (read-only if locked), "read"."""
        path = os.path.abspath(os.path.expanduser(path))
        folder = os.path.dirname(path)
        if os.path.isdir(path):
            raise StoreError(f"store {path} is a directory, not a store file")
        if mode != "read" and not os.path.isdir(folder):
            try:
                os.makedirs(folder, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"cannot create the store's folder {folder}: {exc.strerror}", 73) from None
        store = cls(path, read_only=(mode == "read"))
        if mode != "read":
            try:
                store.lock.acquire(wait)
            except StoreLocked as exc:
                if mode == "write":
                    raise
                store.read_only, store.read_only_reason = True, str(exc)
            except StoreError as exc:
                if mode == "write":
                    raise
                store.read_only, store.read_only_reason = True, str(exc)
        try:
            store._load()
        except BaseException:
            store.close()
            raise
        return store

    def _load(self) -> None:
        raw = read_store_file(self.path)
        if raw is not None:
            try:
                version = schema_version_of(raw)
            except StoreError as exc:
                raise StoreError(f"store {self.path}: {exc}; it was left untouched") from None
            if version > SCHEMA_VERSION:
                raise StoreError(
                    f"store {self.path} was written by a newer reader (schema {version}; this one "
                    f"knows {SCHEMA_VERSION}); upgrade reader. The file was left untouched"
                )
            if not self.read_only:
                clean_temp_files(self.path)
                with open(self.path, "rb") as fh:  # the state at the start of this session
                    atomic_write_bytes(self.path + ".bak", fh.read())
            if version < SCHEMA_VERSION:
                raw = migrate(raw, version)
                self.migrated_from = version
        elif not self.read_only:
            clean_temp_files(self.path)
        self.storage = AtomicJSONStorage(self.path, read_only=self.read_only)
        if raw is not None:
            self.storage._data, self.storage._loaded = raw, True
        self.db = TinyDB(storage=lambda: self.storage)
        for table in TABLES:
            for doc in self.db.table(table).all():
                rid = doc.get("id")
                if not valid_record(table, doc):
                    self.skipped.append(f"{table} #{doc.doc_id}: unexpected shape")
                    continue
                if rid in self.records[table]:
                    self.skipped.append(f"{table} #{doc.doc_id}: duplicate id {rid}")
                    continue
                if table == "links" and not all(e in self.records["annotations"] for e in (doc["source"], doc["target"])):
                    self.skipped.append(f"links #{doc.doc_id}: points at a missing annotation")
                    continue
                self._set_memory(table, rid, dict(doc))
                self._doc_ids[table][rid] = doc.doc_id
        if self.migrated_from is not None and not self.read_only:
            self.storage.write(raw)

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
        self.lock.release()

    # --- changing ----------------------------------------------------------------------
    def _check_writable(self) -> None:
        if self.read_only:
            raise StoreError(self.read_only_reason or f"store {self.path} is open read-only", 75)

    @contextmanager
    def transaction(self, label: str):
        """Group changes into one undo step and one durable write."""
        self._check_writable()
        outer = self._step is None
        if outer:
            self._step = Step(label)
        try:
            with self.storage.batch():
                if outer:
                    self._ensure_meta()
                yield self._step
        except BaseException:
            if outer:
                step, self._step = self._step, None
                self._rollback(step)
            raise
        if outer:
            step, self._step = self._step, None
            self.history.record(step)
            self._notify()

    def _ensure_meta(self) -> None:
        """A store's first write carries its schema version."""
        if not os.path.exists(self.path):
            self.db.table("meta").insert({"schema_version": SCHEMA_VERSION})

    def _rollback(self, step: Step) -> None:
        """Undo in memory what a failed transaction changed (the file was never touched)."""
        for table, rid, before, _after in reversed(step.changes):
            self._set_memory(table, rid, before)
        self.storage.invalidate()
        self._resync_doc_ids()

    def _resync_doc_ids(self) -> None:
        for table in TABLES:
            self._doc_ids[table] = {}
            for doc in self.db.table(table).all():
                rid = doc.get("id")
                if isinstance(rid, str):
                    self._doc_ids[table][rid] = doc.doc_id

    def _set_memory(self, table: str, rid: str, record: dict | None) -> None:
        old = self.records[table].pop(rid, None)
        if old is not None:
            self._index(table, rid, old, add=False)
        if record is not None:
            self.records[table][rid] = record
            self._index(table, rid, record, add=True)

    def _index(self, table: str, rid: str, record: dict, add: bool) -> None:
        if table == "links":
            for end in (record.get("source"), record.get("target")):
                ids = self._links_by_ann.setdefault(end, set())
                ids.add(rid) if add else ids.discard(rid)
        elif table == "annotations":
            ids = self._anns_by_doc.setdefault(record.get("doc"), {})
            if add:
                ids[rid] = None
            else:
                ids.pop(rid, None)

    def put(self, table: str, record: dict | None, rid: str | None = None) -> None:
        """Insert or replace a record (or delete it: None) inside a transaction."""
        rid = rid or record["id"]
        before = self.records[table].get(rid)
        tbl = self.db.table(table)
        doc_id = self._doc_ids[table].get(rid)
        if record is None:
            if doc_id is not None:
                tbl.remove(doc_ids=[doc_id])
                del self._doc_ids[table][rid]
        elif doc_id is None:
            self._doc_ids[table][rid] = tbl.insert(record)
        else:
            def replace(doc, new=record):
                doc.clear()
                doc.update(new)
            tbl.update(replace, doc_ids=[doc_id])
        self._set_memory(table, rid, None if record is None else dict(record))
        self._step.changes.append((table, rid, before, None if record is None else dict(record)))

    def insert_many(self, table: str, records: list[dict]) -> None:
        """Insert new records in one TinyDB operation (bulk import); call inside a transaction."""
        fresh = [r for r in records if r["id"] not in self.records[table]]
        if not fresh:
            return
        ids = self.db.table(table).insert_multiple(fresh)
        for rec, doc_id in zip(fresh, ids):
            self._doc_ids[table][rec["id"]] = doc_id
            self._set_memory(table, rec["id"], dict(rec))
            self._step.changes.append((table, rec["id"], None, dict(rec)))

    # --- annotations ---------------------------------------------------------------------
    def annotations_of(self, doc_key: str | None = None) -> list[dict]:
        if doc_key is None:
            return list(self.records["annotations"].values())
        anns = self.records["annotations"]
        return [anns[rid] for rid in self._anns_by_doc.get(doc_key, ())]

    def annotation(self, ann_id: str) -> dict | None:
        return self.records["annotations"].get(ann_id)

    def add_annotation(self, doc_key: str, target: dict, tags=(), note: str = "") -> dict:
        rec = annotation_record(doc_key, target, tags, note)
        with self.transaction("add highlight"):
            self.put("annotations", rec)
        return rec

    def update_annotation(self, ann_id: str, label: str = "edit annotation", **fields) -> dict:
        rec = dict(self.records["annotations"][ann_id])
        rec.update(fields)
        rec["updated"] = now()
        with self.transaction(label):
            self.put("annotations", rec)
        return rec

    def delete_annotation(self, ann_id: str) -> None:
        with self.transaction("delete annotation"):
            for link in self.links_of(ann_id):
                self.put("links", None, link["id"])
            self.put("annotations", None, ann_id)

    # --- links -----------------------------------------------------------------------------
    def links(self) -> list[dict]:
        return list(self.records["links"].values())

    def links_of(self, ann_id: str) -> list[dict]:
        links = self.records["links"]
        return [links[rid] for rid in sorted(self._links_by_ann.get(ann_id, ()))]

    def add_link(self, source: str, target: str, relation: str, note: str = "") -> dict:
        for end in (source, target):
            if end not in self.records["annotations"]:
                raise StoreError(f"no annotation with id {end}")
        if source == target:
            raise StoreError("a passage cannot be linked to itself")
        rec = link_record(source, target, relation, note)
        with self.transaction("add link"):
            self.put("links", rec)
        return rec

    def delete_link(self, link_id: str) -> None:
        with self.transaction("delete link"):
            self.put("links", None, link_id)

    # --- suggestions rejected ---------------------------------------------------------------
    def rejected(self) -> set[str]:
        return {r.get("key") for r in self.records["rejections"].values()}

    def reject(self, key: str) -> None:
        if key in self.rejected():
            return
        with self.transaction("reject suggestion"):
            self.put("rejections", {"id": key, "key": key, "created": now()})

    # --- documents seen --------------------------------------------------------------------
    def document_info(self, key: str) -> dict | None:
        return self.records["documents"].get(key)

    def remember_documents(self, docs) -> None:
        """Note the text each article had when last seen (tells when it changes). Not undoable."""
        infos = [{"id": k, "key": k, "title": t, "path": p, "fingerprint": f} for k, t, p, f in docs]
        infos = [i for i in infos if self.records["documents"].get(i["key"]) != i]
        if self.read_only or not infos:
            return
        step, self._step = self._step, Step("remember")
        try:
            with self.storage.batch():
                self._ensure_meta()
                for info in infos:
                    self.put("documents", info)
        finally:
            self._step = step

    # --- undo -------------------------------------------------------------------------------
    def _replay(self, undo: bool) -> str | None:
        step = self.history.pop_undo() if undo else self.history.pop_redo()
        if step is None:
            return None
        changes = reversed(step.changes) if undo else step.changes
        applied = Step(step.label)
        saved, self._step = self._step, applied
        try:
            self._check_writable()
            with self.storage.batch():
                for table, rid, before, after in changes:
                    self.put(table, before if undo else after, rid)
        except BaseException:
            self._rollback(applied)  # memory back to what the file still holds
            self.history.pushed_back(step, undone=not undo)
            raise
        finally:
            self._step = saved
        self.history.pushed_back(step, undone=undo)
        self._notify()
        return step.label

    def undo(self) -> str | None:
        return self._replay(undo=True)

    def redo(self) -> str | None:
        return self._replay(undo=False)

    def _notify(self) -> None:
        for fn in self.listeners:
            fn()
