"""The store: shards, all-or-nothing writes, one writer, refusal of bad files, migration,
undo, backups, write-behind and rollback."""

import json
import os
import subprocess
import sys

import orjson
import pytest
from tinydb import TinyDB

from reader.core.errors import ReaderError, ReadOnlyStore, StoreError, StoreLocked
from reader.core.store import files
from reader.core.store.store import Store
from tests.conftest import ROOT


def target(doc="doc"):
    return {"source": doc, "fingerprint": "", "selector": []}


def shard_names(db):
    folder = files.shard_folder(os.path.realpath(db))
    return sorted(n for n in os.listdir(folder) if n.endswith(".json")) if os.path.isdir(folder) else []


def test_round_trip_uuid_ids_and_tinydb_files(db):
    s = Store.open(db)
    a = s.add_annotation("doc", target(), ["claim"], "note")
    b = s.add_annotation("doc", target())
    s.delete_annotation(a["id"])
    c = s.add_annotation("other", target("other"))
    s.close()
    s2 = Store.open(db)
    assert {x["id"] for x in s2.annotations_of()} == {b["id"], c["id"]}
    assert len(b["id"]) == 36
    s2.close()
    assert json.loads(open(db).read())["meta"]["1"]["schema_version"] == 3
    # one file per article, each a plain TinyDB database
    names = shard_names(db)
    assert names == sorted([files.annotation_file("doc"), files.annotation_file("other")])
    with TinyDB(os.path.join(files.shard_folder(db), files.annotation_file("doc")), access_mode="r") as t:
        assert [r["id"] for r in t.table("annotations").all()] == [b["id"]]


def test_opening_a_pair_reads_only_that_pair(db):
    s = Store.open(db)
    anns = {k: s.add_annotation(k, target(k)) for k in ("A", "B", "C", "D")}
    s.add_link(anns["B"]["id"], anns["A"]["id"], "rebuts")
    s.add_link(anns["D"]["id"], anns["C"]["id"], "supports")
    s.close()
    s = Store.open(db, mode="read")
    s.load_articles(["A", "B"])
    loaded = set(s._files) - {files.ROOT}
    assert loaded == {files.annotation_file("A"), files.annotation_file("B"), files.link_file("A", "B")}
    assert len(s.records["links"]) == 1 and len(s.records["annotations"]) == 2
    assert len(s.annotations_of()) == 4  # asking for everything reads the rest
    s.close()


def test_the_bytes_a_pair_will_read_are_known_before_reading(db):
    """The TUI announces a long opening (100,000 annotations: two seconds) from this figure."""
    s = Store.open(db)
    anns = {k: s.add_annotation(k, target(k)) for k in ("A", "B", "C")}
    s.add_link(anns["B"]["id"], anns["A"]["id"], "rebuts")
    s.close()
    folder = files.shard_folder(os.path.realpath(db))
    size = sum(os.path.getsize(os.path.join(folder, n))
               for n in (files.annotation_file("A"), files.annotation_file("B"), files.link_file("A", "B")))
    s = Store.open(db, mode="read")
    assert s.bytes_to_load(["A", "B"]) == size > 0
    s.load_articles(["A", "B"])
    assert s.bytes_to_load(["A", "B"]) == 0  # read already
    assert s.bytes_to_load(["C"]) == os.path.getsize(os.path.join(folder, files.annotation_file("C")))
    assert s.bytes_to_load(["nowhere"]) == 0
    s.close()


def test_article_keys_and_ids_found_without_reading_every_file(db):
    """``reader list NAME`` and ``reader link ID ID`` read a 100,000-annotation library whole
    (2 s, 300 MB); they now read the file names and bytes, then only the files they need."""
    odd = '/texts/"quoted" caf\u00e9\\back.txt'
    s = Store.open(db)
    anns = {k: s.add_annotation(k, target(k)) for k in ("A", "B", odd, "gone")}
    s.add_link(anns["B"]["id"], anns["A"]["id"], "rebuts")
    s.delete_annotation(anns["gone"]["id"])  # its file stays, holding no annotation
    s.close()
    s = Store.open(db, mode="read")
    assert s.article_keys() == sorted(["A", "B", odd])
    assert set(s._files) == {files.ROOT}  # no article file parsed
    s.load_ids_starting(anns["A"]["id"][:8])
    # A and its links; of B, the far end, only the passage the link names
    assert set(s._files) - {files.ROOT} == {files.annotation_file("A"), files.link_file("A", "B")}
    assert s.annotation(anns["A"]["id"]) is not None and s.annotation(anns["B"]["id"]) is not None
    assert len(s.loaded_links()) == 1
    s.load_ids_starting("no-such-id")
    assert files.annotation_file(odd) not in s._files
    s.load_ids_starting('x"y')  # not an id's characters: every file, as before
    assert s._all_loaded
    s.close()


def test_undo_redo_groups_across_files(db):
    s = Store.open(db)
    a = s.add_annotation("L", target("L"))
    b = s.add_annotation("R", target("R"))
    s.add_link(b["id"], a["id"], "rebuts")
    s.delete_annotation(a["id"])  # also deletes its link, in another file, as one step
    assert not s.links()
    assert s.undo() == "delete annotation"
    assert len(s.links()) == 1 and s.annotation(a["id"])
    assert s.redo() == "delete annotation"
    assert not s.links()
    s.undo()
    s.close()
    r = Store.open(db, mode="read")
    assert len(r.links()) == 1 and len(r.annotations_of()) == 2  # undo is saved too
    r.close()


def test_second_writer_is_refused_and_tui_opens_read_only(db):
    s = Store.open(db)
    s.add_annotation("doc", target())
    with pytest.raises(StoreLocked, match="in use"):
        Store.open(db, mode="write", wait=0.2)
    ro = Store.open(db, mode="auto")
    assert ro.read_only and "in use" in ro.read_only_reason
    assert len(ro.annotations_of()) == 1
    with pytest.raises(ReadOnlyStore, match="in use"):
        ro.add_annotation("doc", target())
    ro.close()
    s.close()
    Store.open(db, mode="write").close()  # the lock is free again


def test_lock_released_when_holder_is_killed(db):
    code = (
        "import sys, time\nfrom reader.core.store.store import Store\n"
        f"s = Store.open({db!r})\nprint('locked', flush=True)\ntime.sleep(60)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, cwd=str(ROOT))
    assert proc.stdout.readline().strip() == "locked"
    with pytest.raises(StoreLocked):
        Store.open(db, wait=0.1)
    proc.kill()
    proc.wait()
    Store.open(db, wait=2).close()


@pytest.mark.parametrize("content,message", [
    (b"", "empty"),
    (b"{\"annotations\": {\"1\": {", "corrupt"),
    (b"[1, 2, 3]", "not a reader store"),
    (b'{"meta": {"1": {"schema_version": 99}}}', "newer reader"),
    (b'{"meta": {"1": {"schema_version": 0}}}', "unreadable"),
    (b'{"meta": {"1": {"schema_version": -1}}}', "unreadable"),
    (b'{"meta": {"1": {"schema_version": "2"}}}', "unreadable"),
])
def test_bad_store_is_refused_and_untouched(db, content, message):
    os.makedirs(os.path.dirname(db), exist_ok=True)
    with open(db, "wb") as fh:
        fh.write(content)
    for mode in ("write", "read"):
        with pytest.raises(StoreError, match=message) as info:
            Store.open(db, mode=mode)
        assert db in str(info.value)
    assert open(db, "rb").read() == content
    Store.open(db + "2").close()  # and the lock was released


def test_corrupt_shard_is_refused_naming_it_and_the_backups(db):
    s = Store.open(db)
    s.add_annotation("doc", target(), ["first"])
    s.close()
    s = Store.open(db)
    s.add_annotation("doc", target(), ["second"])  # a session backup now exists
    s.close()
    shard = os.path.join(files.shard_folder(db), files.annotation_file("doc"))
    with open(shard, "wb") as fh:
        fh.write(b"{garbage")
    s = Store.open(db)
    with pytest.raises(StoreError, match=r"corrupt.*reader backups") as info:
        s.load_articles(["doc"])
    assert shard in str(info.value)
    s.close()
    assert open(shard, "rb").read() == b"{garbage"


def test_backups_are_per_change_set_and_opening_makes_none(db):
    from reader.core.store.backups import Backups

    s = Store.open(db)
    s.add_annotation("doc", target(), ["first"])
    s.close()
    for _ in range(3):  # merely opening (even with upkeep writes) replaces no backup
        s = Store.open(db)
        s.remember_documents([{"id": "k", "key": "k", "title": "t", "path": "", "fingerprint": str(_)}])
        s.close()
    s = Store.open(db)
    s.add_annotation("doc", target(), ["second"])
    s.close()
    got = Backups(os.path.realpath(db)).contents("session")
    raw = orjson.loads(got[files.annotation_file("doc")])
    assert [a["tags"] for a in raw["annotations"].values()] == [["first"]]  # before this session's change
    prev = Backups(os.path.realpath(db)).contents("session.1")
    assert prev[files.annotation_file("doc")] is None  # the first session: the file did not exist yet


def test_restore_brings_back_a_backup_and_can_be_taken_back(db):
    from reader.core.store.restore import restore

    s = Store.open(db)
    s.add_annotation("doc", target(), ["kept"])
    s.close()
    s = Store.open(db)
    for _ in range(5):
        s.add_annotation("doc", target(), ["junk"])
    s.close()
    s = Store.open(db)
    restore(s, "session")
    s.close()
    s = Store.open(db, mode="read")
    assert [a["tags"] for a in s.annotations_of()] == [["kept"]]
    s.close()
    s = Store.open(db)
    restore(s, "before-restore")
    s.close()
    assert len(Store.open(db, mode="read").annotations_of()) == 6


def test_leftover_temp_files_and_interrupted_journal(db):
    s = Store.open(db)
    a = s.add_annotation("doc", target())
    s.close()
    folder = files.shard_folder(db)
    junk = os.path.join(os.path.dirname(db), ".annotations.json.tmp-abc123")
    open(junk, "w").write("partial")
    # an interrupted save of two files: temps written and the journal in place, renames not done
    rec = {"id": "new", "doc": "doc", "target": target(), "tags": [], "note": "", "created": "", "updated": ""}
    shard = os.path.join(folder, files.annotation_file("doc"))
    tables = orjson.loads(open(shard, "rb").read())
    tables["annotations"]["9"] = rec
    tmp = os.path.join(folder, f".{files.annotation_file('doc')}.tmp-zz")
    open(tmp, "wb").write(orjson.dumps(tables))
    base = os.path.dirname(db)
    journal = {"renames": [[os.path.relpath(tmp, base), os.path.relpath(shard, base)]]}
    open(os.path.join(folder, files.JOURNAL), "wb").write(orjson.dumps(journal))
    reader = Store.open(db, mode="read")  # a reader sees the newer state without touching anything
    assert {x["id"] for x in reader.annotations_of()} == {a["id"], "new"}
    reader.close()
    s = Store.open(db)  # the next writer finishes the save
    assert {x["id"] for x in s.annotations_of()} == {a["id"], "new"}
    s.close()
    assert not os.path.exists(junk) and not os.path.exists(tmp)
    assert not os.path.exists(os.path.join(folder, files.JOURNAL))


def test_v1_store_migrates_with_list_tags(db):
    os.makedirs(os.path.dirname(db), exist_ok=True)
    v1 = {"annotations": {
        "1": {"id": "a1", "article": "mayor-rebuttal", "quote": "No such policy exists",
              "start": 841, "end": 862, "tag": "denial", "note": "x"},
        "2": {"id": "a2", "article": "mayor-rebuttal", "quote": "Wheeler", "tags": ["claim", "source"]},
    }}
    open(db, "w").write(json.dumps(v1))
    s = Store.open(db)
    assert s.migrated_from == 1
    ann = s.annotation("a1")
    assert ann["tags"] == ["denial"] and ann["target"]["selector"][0]["exact"] == "No such policy exists"
    assert s.annotation("a2")["tags"] == ["claim", "source"]
    s.close()
    assert json.loads(open(db).read())["meta"]["1"]["schema_version"] == 3
    from reader.core.store.backups import Backups

    kept = Backups(os.path.realpath(db)).contents("before-migration")
    assert json.loads(kept[files.ROOT]) == v1  # the pre-migration state is kept


def test_v2_store_migrates_and_links_turn_around(db):
    os.makedirs(os.path.dirname(db), exist_ok=True)
    ann = {"doc": "d", "target": target("d"), "tags": [], "note": "", "created": "", "updated": ""}
    v2 = {"meta": {"1": {"schema_version": 2}},
          "annotations": {"1": {**ann, "id": "claim", "doc": "union"}, "2": {**ann, "id": "answer", "doc": "mayor"}},
          "links": {"1": {"id": "l1", "source": "claim", "target": "answer", "relation": "rebuts", "note": "",
                          "created": ""},
                    "2": {"id": "l2", "source": "claim", "target": "gone", "relation": "rebuts", "note": "",
                          "created": ""}},
          "rejections": {}, "documents": {}}
    open(db, "w").write(json.dumps(v2))
    s = Store.open(db)
    assert s.migrated_from == 2
    (link,) = s.links()
    assert (link["source"], link["target"]) == ("answer", "claim")  # "answer rebuts claim"
    s.close()
    s = Store.open(db, mode="read")
    assert len(s.annotations_of()) == 2
    s.close()
    unplaced = os.path.join(files.shard_folder(db), "x-unplaced.json")
    assert "gone" in open(unplaced).read()  # a dangling link is kept, not dropped


def test_full_disk_keeps_data_and_says_so(db):
    """A file-size limit makes the write fail: clear error, files intact, memory rolled back."""
    s = Store.open(db)
    s.add_annotation("doc", target(), ["kept"])
    s.close()
    shard = os.path.join(files.shard_folder(db), files.annotation_file("doc"))
    before = open(shard, "rb").read()
    code = (
        "import resource, sys\n"
        "from reader.core.store.store import Store\nfrom reader.core.errors import ReaderError\n"
        f"s = Store.open({db!r})\ns.load_articles(['doc'])\n"
        f"resource.setrlimit(resource.RLIMIT_FSIZE, ({len(before) + 50}, {len(before) + 50}))\n"
        "try:\n    s.add_annotation('doc', {'selector': []}, note='x' * 5000)\n"
        "except ReaderError as e:\n    print('ERR', e)\n"
        "print('COUNT', len(s.annotations_of('doc')))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=str(ROOT))
    assert "ERR cannot save" in proc.stdout and "disk is full" in proc.stdout, proc.stdout + proc.stderr
    assert "COUNT 1" in proc.stdout  # the failed change is not kept in memory either
    assert open(shard, "rb").read() == before
    leftovers = [n for d in (os.path.dirname(db), files.shard_folder(db)) for n in os.listdir(d) if ".tmp-" in n]
    assert not leftovers


def _fail_writes(monkeypatch):
    from reader.core.errors import FsError

    def boom(*a, **k):
        raise FsError("cannot save: the disk is full; nothing was changed", 74)

    monkeypatch.setattr(files, "commit_files", boom)


def test_failed_write_rolls_back_memory_and_the_next_write_starts_from_disk(db, monkeypatch):
    s = Store.open(db)
    s.add_annotation("doc", target())
    _fail_writes(monkeypatch)
    with pytest.raises(ReaderError, match="disk is full"):
        s.add_annotation("doc", target())
    assert len(s.annotations_of("doc")) == 1
    monkeypatch.undo()
    s.add_annotation("doc", target())
    s.close()
    assert len(Store.open(db, mode="read").annotations_of()) == 2


def test_store_folder_missing_for_a_moment_loses_nothing(tmp_path):
    """Issue 13, case 1: three highlights, the folder moved away, a failed save, the folder back."""
    folder = tmp_path / "store"
    db = str(folder / "s.json")
    s = Store.open(db)
    for _ in range(3):
        s.add_annotation("doc", target())
    os.rename(folder, tmp_path / "away")
    with pytest.raises(ReaderError, match="cannot save"):
        s.add_annotation("doc", target())
    os.rename(tmp_path / "away", folder)
    s.add_annotation("doc", target())
    assert len(s.annotations_of("doc")) == 4
    s.close()
    r = Store.open(db, mode="read")
    assert len(r.annotations_of()) == 4  # every acknowledged change is in the file
    r.close()


def test_failed_undo_keeps_memory_and_history_consistent(db, monkeypatch):
    s = Store.open(db)
    a = s.add_annotation("doc", target())
    _fail_writes(monkeypatch)
    with pytest.raises(ReaderError, match="disk is full"):
        s.undo()
    assert s.annotation(a["id"]) is not None  # the undo did not happen, in memory either
    monkeypatch.undo()
    assert s.undo() == "add highlight"  # and can be done once the disk has room
    assert s.annotation(a["id"]) is None
    s.close()
    assert not Store.open(db, mode="read").annotations_of()


def test_write_behind_acknowledges_after_the_fsync_and_keeps_order(db, monkeypatch):
    import threading

    gate = threading.Event()
    real = files.commit_files
    written = []

    def slow(root, payload, mode):
        gate.wait(5)
        written.append(sorted(payload))
        real(root, payload, mode)

    monkeypatch.setattr(files, "commit_files", slow)
    s = Store.open(db, write_behind=True)
    saves = []
    s.save_listeners.append(saves.append)
    ids = [s.add_annotation("doc", target())["id"] for _ in range(20)]
    assert len(s.annotations_of("doc")) == 20  # in memory at once
    assert s.unsaved == 20  # not acknowledged: nothing is on disk yet
    gate.set()
    assert s.flush(10)
    assert s.unsaved == 0 and saves[-1] == 0
    assert len(written) < 20  # coalesced: several changes per write
    s.close()
    r = Store.open(db, mode="read")
    assert {a["id"] for a in r.annotations_of()} == set(ids)
    r.close()


def test_write_behind_waits_for_a_quiet_moment_and_flush_does_not_wait(db, monkeypatch):
    """A save starts once the changes have been quiet for SETTLE (the key's repaint goes
    first, a burst becomes one write), never later than MAX_WAIT; flush saves at once."""
    import time

    from reader.core.store import writer

    monkeypatch.setattr(writer, "SETTLE", 0.3)
    monkeypatch.setattr(writer, "MAX_WAIT", 60.0)
    real = files.commit_files
    written = []

    def record(root, payload, mode):
        written.append(time.monotonic())
        real(root, payload, mode)

    monkeypatch.setattr(files, "commit_files", record)
    s = Store.open(db, write_behind=True)
    t0 = time.monotonic()
    for _ in range(5):  # a burst: each change well inside the quiet time of the one before
        s.add_annotation("doc", target())
    time.sleep(0.1)
    assert written == [] and s.unsaved == 5  # still settling: nothing started yet
    deadline = time.monotonic() + 10
    while s.unsaved and time.monotonic() < deadline:
        time.sleep(0.02)
        s.drain()
    assert s.unsaved == 0 and len(written) == 1  # the burst in one write
    assert written[0] - t0 >= 0.3

    monkeypatch.setattr(writer, "SETTLE", 60.0)  # flush must not wait for a quiet that never comes
    s.add_annotation("doc", target())
    t1 = time.monotonic()
    assert s.flush(10) and s.unsaved == 0
    assert time.monotonic() - t1 < 5
    monkeypatch.setattr(writer, "SETTLE", 0.0)
    s.close()
    assert len(Store.open(db, mode="read").annotations_of()) == 6


def test_write_behind_failure_rolls_back_every_later_change(db, monkeypatch):
    s = Store.open(db, write_behind=True)
    kept = s.add_annotation("doc", target())
    s.flush()
    _fail_writes(monkeypatch)
    failures = []
    s.failure_listeners.append(lambda err, labels: failures.append(labels))
    rolled = []
    s.listeners.append(lambda step: rolled.append(step.kind))
    first = s.add_annotation("doc", target())
    s.update_annotation(first["id"], note="on top of the first")
    s.flush()
    assert failures and "rollback" in rolled
    assert [a["id"] for a in s.annotations_of("doc")] == [kept["id"]]
    assert s.undo() == "add highlight"  # the history is what the file holds: only the kept one
    monkeypatch.undo()
    s.flush()
    s.close()
    assert not Store.open(db, mode="read").annotations_of()


def test_when_saved_tells_once_the_last_change_is_on_disk_or_has_failed(db, monkeypatch):
    s = Store.open(db, write_behind=True)
    told = []
    s.when_saved(lambda ok: told.append(("idle", ok)))
    assert told == [("idle", True)]  # nothing waiting: at once
    s.add_annotation("doc", target())
    s.when_saved(lambda ok: told.append(("first", ok)))
    assert told == [("idle", True)]  # not before the disk has it
    s.flush()
    assert told[-1] == ("first", True)
    _fail_writes(monkeypatch)
    s.add_annotation("doc", target())
    s.when_saved(lambda ok: told.append(("second", ok)))
    s.flush()
    assert told[-1] == ("second", False)
    assert len(told) == 3
    monkeypatch.undo()
    s.close()


def test_symlinked_store_is_written_through_the_link(tmp_path):
    real_dir = tmp_path / "synced"
    real_dir.mkdir()
    real = real_dir / "store.json"
    link = tmp_path / "link.json"
    s = Store.open(str(real))
    s.add_annotation("doc", target())
    s.close()
    link.symlink_to(real)
    s = Store.open(str(link))
    s.add_annotation("doc", target())
    with pytest.raises(StoreLocked):  # the link and the real path share one lock
        Store.open(str(real), wait=0.1)
    s.close()
    assert link.is_symlink()
    r = Store.open(str(real), mode="read")
    assert len(r.annotations_of()) == 2
    r.close()


def test_hard_linked_store_opens_read_only(tmp_path):
    a = tmp_path / "a.json"
    s = Store.open(str(a))
    s.add_annotation("doc", target())
    s.remember_documents([{"id": "k", "key": "k", "title": "", "path": "", "fingerprint": ""}])
    s.close()
    os.link(a, tmp_path / "b.json")
    with pytest.raises(StoreError, match="hard links"):
        Store.open(str(tmp_path / "b.json"), mode="write")
    ro = Store.open(str(a), mode="auto")
    assert ro.read_only and "hard links" in ro.read_only_reason
    ro.close()


def test_planted_lock_symlink_is_refused_and_its_target_untouched(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    db = tmp_path / "s.json"
    (tmp_path / "s.json.lock").symlink_to(victim)
    with pytest.raises(StoreError, match="symbolic link"):
        Store.open(str(db))
    assert victim.read_text() == "precious"


def test_read_only_directory(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    os.chmod(folder, 0o500)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("root can write anywhere (the reliability suite covers this with setpriv)")
        with pytest.raises(StoreError, match="lock file|cannot"):
            Store.open(str(folder / "s.json"))
    finally:
        os.chmod(folder, 0o700)


def test_store_in_new_folder_is_created(tmp_path):
    path = tmp_path / "a" / "b" / "s.json"
    s = Store.open(str(path))
    s.add_annotation("doc", target())
    s.close()
    assert path.exists()


def test_a_planted_journal_moves_no_file_outside_the_store(tmp_path):
    """An attacker's: the journal's renames were obeyed whatever they named, so a store folder
    someone else can write to (shared, synced, unpacked) moved and overwrote the user's files
    on the next open. A rename that no save of this store makes means the journal is not ours."""
    import orjson

    from reader.core.store import files

    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "thesis.txt").write_text("my thesis")
    (victim / "payload.txt").write_text("attacker text")
    root = str(tmp_path / "store" / "s.json")
    os.makedirs(root + ".d")
    with open(root, "wb") as fh:
        fh.write(b"{}")
    journal = os.path.join(root + ".d", files.JOURNAL)
    for plan in ([["../victim/payload.txt", "../victim/thesis.txt"]],
                 [["store/s.json.d/.a-1.json.tmp-x", "store/s.json.d/a-1.json"], ["../victim/payload.txt", "../victim/thesis.txt"]],
                 [["../victim/.thesis.txt.tmp-1", "../victim/thesis.txt"]],
                 {"not": "a list"}):
        with open(journal, "wb") as fh:
            fh.write(orjson.dumps({"renames": plan}))
        assert files.pending_renames(root) == []
        files.recover(root)
        assert (victim / "thesis.txt").read_text() == "my thesis"
        assert (victim / "payload.txt").exists()
    # a journal a save writes is still obeyed
    tmp = os.path.join(root + ".d", ".a-1.json.tmp-abc")
    with open(tmp, "w") as fh:
        fh.write("{}")
    with open(journal, "wb") as fh:
        fh.write(orjson.dumps({"renames": [["s.json.d/.a-1.json.tmp-abc", "s.json.d/a-1.json"],
                                            [".s.json.tmp-zz", "s.json"]]}))
    assert len(files.pending_renames(root)) == 2
    assert files.recover(root) == 1 and os.path.exists(os.path.join(root + ".d", "a-1.json"))


def test_a_planted_backup_manifest_restores_nothing_outside_the_store(db, tmp_path):
    """An attacker's: a manifest naming "/…/victim/thesis.txt" made `restore session`
    overwrite it; one whose file name was "../../x" copied any readable file in."""
    from reader.core.store.backups import Backups
    from reader.core.store.restore import restore

    s = Store.open(db)
    s.add_annotation("doc", target(), ["kept"])
    s.close()
    s = Store.open(db)
    s.add_annotation("doc", target(), ["second"])
    s.close()
    victim = tmp_path / "thesis.txt"
    victim.write_text("my thesis")
    folder = Backups(os.path.realpath(db)).folder("session")
    with open(os.path.join(folder, "evil.json"), "w") as fh:
        fh.write("{}")
    with open(os.path.join(folder, "manifest.json"), "rb") as fh:
        manifest = orjson.loads(fh.read())
    manifest[str(victim)] = "evil.json"
    manifest["../../escape.json"] = "../../escape.json"
    manifest[files.annotation_file("other")] = "../../../etc/passwd"
    with open(os.path.join(folder, "manifest.json"), "wb") as fh:
        fh.write(orjson.dumps(manifest))
    got = Backups(os.path.realpath(db)).contents("session")
    assert set(got) <= {files.ROOT, *(k for k in manifest if k.startswith(("a-", "l-")) and "/" not in manifest[k])}
    s = Store.open(db)
    restore(s, "session")
    s.close()
    assert victim.read_text() == "my thesis"
    assert [a["tags"] for a in Store.open(db, mode="read").annotations_of()] == [["kept"]]


def test_a_second_restore_keeps_what_the_first_took_away(db):
    """A scale trial: one article file damaged, the error pointing at the backups; restore
    session put an empty backup over 80,000 intact records, and a second restore replaced
    before-restore, their only copy. A restore now says what it replaced, and keeps the state
    before the last one as before-restore.1."""
    from reader.core.store.backups import Backups, record_counts
    from reader.core.store.restore import restore

    s = Store.open(db)
    for _ in range(60):
        s.add_annotation("doc", target(), ["kept"])
    s.close()  # the first session made the store: its session backup holds nothing
    s = Store.open(db)
    done = restore(s, "session")
    s.close()
    assert done.before == (60, 0) and done.after == (0, 0)
    s = Store.open(db)
    again = restore(s, "session")  # the same state again: nothing changes, no backup moves
    s.close()
    assert not again.changed
    kept = Backups(os.path.realpath(db))
    assert record_counts(kept.contents("before-restore")) == (60, 0)  # the 60, still there
    s = Store.open(db)
    s.add_annotation("doc", target(), ["new"])
    s.close()
    s = Store.open(db)
    restore(s, "session")  # a second restore that changes the store: what the first took away is kept
    s.close()
    assert record_counts(kept.contents("before-restore")) == (1, 0)
    assert record_counts(kept.contents("before-restore.1")) == (60, 0)
    s = Store.open(db)
    restore(s, "before-restore.1")
    s.close()
    assert len(Store.open(db, mode="read").annotations_of()) == 60


def test_stepping_back_and_forth_through_restores_loses_no_state(db):
    """An attacker's walk: restore session, session.1, then before-restore, before-restore.1,
    before-restore. Restoring before-restore moved it to before-restore.1 first, over the only
    copy of the state the walk began from."""
    from reader.core.store.restore import restore

    def count() -> int:
        return len(Store.open(db, mode="read").annotations_of())

    for n in range(3):  # three sessions: 1, 2, 3 annotations
        s = Store.open(db)
        s.add_annotation("doc", target(), [f"t{n}"])
        s.close()
    assert count() == 3
    seen = []
    for kind in ("session", "session.1", "before-restore", "before-restore.1", "before-restore", "before-restore.1"):
        s = Store.open(db)
        restore(s, kind)
        s.close()
        seen.append(count())
    assert seen == [2, 1, 2, 3, 2, 1]
    from reader.core.store.backups import Backups, record_counts

    kept = Backups(os.path.realpath(db))  # every state of the walk is somewhere still
    assert {record_counts(kept.contents(k))[0] for k in ("before-restore", "before-restore.1")} | {count()} == {1, 2, 3}
