"""The store: atomic writes, one writer, refusal of bad files, migration, undo."""

import json
import os
import subprocess
import sys

import orjson
import pytest

from tests.conftest import ROOT
from reader.core.errors import StoreError, StoreLocked
from reader.core.store import Store


def test_round_trip_and_uuid_ids(db):
    s = Store.open(db)
    a = s.add_annotation("doc", {"selector": []}, ["claim"], "note")
    b = s.add_annotation("doc", {"selector": []})
    s.delete_annotation(a["id"])
    c = s.add_annotation("doc", {"selector": []})
    s.close()
    s2 = Store.open(db)
    assert set(s2.records["annotations"]) == {b["id"], c["id"]}
    assert len({b["id"], c["id"]}) == 2 and len(b["id"]) == 36
    raw = json.loads(open(db).read())
    assert raw["meta"]["1"]["schema_version"] == 2
    s2.close()


def test_undo_redo_groups(db):
    s = Store.open(db)
    a = s.add_annotation("L", {"selector": []})
    b = s.add_annotation("R", {"selector": []})
    s.add_link(a["id"], b["id"], "rebuts")
    s.delete_annotation(a["id"])  # also deletes its link, as one step
    assert not s.links()
    assert s.undo() == "delete annotation"
    assert len(s.links()) == 1 and s.annotation(a["id"])
    assert s.redo() == "delete annotation"
    assert not s.links()
    s.undo()
    s.close()
    assert len(Store.open(db, mode="read").links()) == 1  # undo is saved too


def test_second_writer_is_refused_and_tui_opens_read_only(db):
    s = Store.open(db)
    s.add_annotation("doc", {"selector": []})
    with pytest.raises(StoreLocked, match="in use"):
        Store.open(db, mode="write", wait=0.2)
    ro = Store.open(db, mode="auto")
    assert ro.read_only and "in use" in ro.read_only_reason
    assert len(ro.annotations_of()) == 1
    with pytest.raises(StoreError, match="in use"):
        ro.add_annotation("doc", {"selector": []})
    ro.close()
    s.close()
    s3 = Store.open(db, mode="write")  # the lock is free again
    s3.close()


def test_lock_released_when_holder_is_killed(db):
    code = (
        "import sys, time\nfrom reader.core.store import Store\n"
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


def test_corrupt_message_names_backup(db):
    s = Store.open(db)
    s.add_annotation("doc", {"selector": []})
    s.close()
    Store.open(db).close()  # a second session makes a .bak
    with open(db, "wb") as fh:
        fh.write(b"{garbage")
    with pytest.raises(StoreError, match=r"backup is at .*\.bak"):
        Store.open(db)
    assert orjson.loads(open(db + ".bak", "rb").read())["annotations"]


def test_backup_is_state_at_session_start(db):
    s = Store.open(db)
    s.add_annotation("doc", {"selector": []}, ["first"])
    s.close()
    s = Store.open(db)
    s.add_annotation("doc", {"selector": []}, ["second"])
    bak = orjson.loads(open(db + ".bak", "rb").read())
    assert [a["tags"] for a in bak["annotations"].values()] == [["first"]]
    s.close()


def test_leftover_temp_files_are_cleaned(db):
    s = Store.open(db)
    s.add_annotation("doc", {"selector": []})
    s.close()
    folder = os.path.dirname(db)
    junk = os.path.join(folder, ".annotations.json.tmp-abc123")
    open(junk, "w").write("partial")
    Store.open(db).close()
    assert not os.path.exists(junk)


def test_v1_store_migrates(db):
    from reader.core.migrations import SCHEMA_VERSION

    os.makedirs(os.path.dirname(db), exist_ok=True)
    v1 = {"annotations": {"1": {"id": "a1", "article": "mayor-rebuttal", "quote": "No such policy exists",
                                "start": 841, "end": 862, "tag": "denial", "note": "x"}}}
    open(db, "w").write(json.dumps(v1))
    s = Store.open(db)
    assert s.migrated_from == 1
    ann = s.annotation("a1")
    assert ann["tags"] == ["denial"] and ann["target"]["selector"][0]["exact"] == "No such policy exists"
    s.close()
    raw = json.loads(open(db).read())
    assert raw["meta"]["1"]["schema_version"] == SCHEMA_VERSION
    assert json.loads(open(db + ".bak").read()) == v1  # the pre-migration state is kept


def test_full_disk_keeps_data_and_says_so(db, tmp_path):
    """A file-size limit makes the write fail: clear error, old file intact, memory rolled back."""
    s = Store.open(db)
    s.add_annotation("doc", {"selector": []}, ["kept"])
    s.close()
    before = open(db, "rb").read()
    code = (
        "import resource, sys\n"
        "from reader.core.store import Store\nfrom reader.core.errors import StoreError\n"
        f"s = Store.open({db!r})\n"
        f"resource.setrlimit(resource.RLIMIT_FSIZE, ({len(before) + 50}, {len(before) + 50}))\n"
        "try:\n    s.add_annotation('doc', {'selector': []}, note='x' * 5000)\n"
        "except StoreError as e:\n    print('ERR', e)\n"
        "print('COUNT', len(s.annotations_of()))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=str(ROOT))
    assert "ERR cannot save" in proc.stdout and "disk is full" in proc.stdout, proc.stdout + proc.stderr
    assert "COUNT 1" in proc.stdout  # the failed change is not kept in memory either
    assert open(db, "rb").read() == before
    assert not [n for n in os.listdir(os.path.dirname(db)) if ".tmp-" in n]


def test_failed_write_rolls_back_memory(db, monkeypatch):
    from reader.core import storage

    s = Store.open(db)
    s.add_annotation("doc", {"selector": []})

    def boom(path, data):
        raise StoreError("cannot save: disk is full", 74)

    monkeypatch.setattr(storage, "atomic_write_bytes", boom)
    with pytest.raises(StoreError):
        s.add_annotation("doc", {"selector": []})
    assert len(s.annotations_of()) == 1
    monkeypatch.undo()
    s.add_annotation("doc", {"selector": []})
    s.close()
    assert len(Store.open(db, mode="read").annotations_of()) == 2


def test_read_only_directory(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    os.chmod(folder, 0o500)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("root can write anywhere")
        with pytest.raises(StoreError, match="lock file|cannot"):
            Store.open(str(folder / "s.json"))
    finally:
        os.chmod(folder, 0o700)


def test_store_in_new_folder_is_created(tmp_path):
    path = tmp_path / "a" / "b" / "s.json"
    s = Store.open(str(path))
    s.add_annotation("doc", {"selector": []})
    s.close()
    assert path.exists()


def test_failed_undo_keeps_memory_and_history_consistent(db, monkeypatch):
    from reader.core import storage

    s = Store.open(db)
    a = s.add_annotation("doc", {"selector": []})

    def boom(path, data, shared=False):
        raise StoreError("cannot save: disk is full", 74)

    monkeypatch.setattr(storage, "atomic_write_bytes", boom)
    with pytest.raises(StoreError):
        s.undo()
    assert s.annotation(a["id"]) is not None  # the undo did not happen, in memory either
    monkeypatch.undo()
    assert s.undo() == "add highlight"  # and can be done once the disk has room
    assert s.annotation(a["id"]) is None
    s.close()
    assert not Store.open(db, mode="read").annotations_of()


def test_config_file(tmp_path):
    from reader.core.config import load_config
    from reader.core.errors import ReaderError

    assert load_config(str(tmp_path / "none.toml")).colour_of("claim") == "yellow"
    p = tmp_path / "c.toml"
    p.write_text('[keys]\nnext_sentence = "j,ctrl+n"\n[tags]\nclaim = "gold"\nrumour = "#ff8800"\n')
    cfg = load_config(str(p))
    assert cfg.keys == {"next_sentence": "j,ctrl+n"}
    assert cfg.colour_of("claim") == "gold" and cfg.colour_of("rumour") == "#ff8800"
    p.write_text("[keys\nbroken")
    with pytest.raises(ReaderError, match="config"):
        load_config(str(p))
