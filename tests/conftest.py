import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def isolated_env(tmp_path, monkeypatch):
    """No test touches the user's real store, config or clipboard."""
    monkeypatch.setenv("READER_DB", str(tmp_path / "store" / "annotations.json"))
    (tmp_path / "config.toml").touch()  # an empty config: the defaults, and no "names no file" notice
    monkeypatch.setenv("READER_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg-state"))
    monkeypatch.setenv("READER_SNAPSHOTS", str(tmp_path / "snapshots"))
    monkeypatch.setenv("READER_LOCK_WAIT", "1")
    for name in ("READER_CLIPBOARD", "READER_FETCH_TIMEOUT", "NO_COLOR", "TMUX", "http_proxy", "https_proxy", "HTTP_PROXY",
                 "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    yield


@pytest.fixture
def db(tmp_path):
    return str(tmp_path / "store" / "annotations.json")


@pytest.fixture
def docs():
    from reader.core.sources.articles import load_document

    return load_document("ice-union-allegation"), load_document("mayor-rebuttal")


@pytest.fixture
def workspace(db, docs):
    from reader.core.services.workspace import Workspace
    from reader.core.store.store import Store

    store = Store.open(db)
    ws = Workspace(store, list(docs))
    yield ws
    store.close()


def run_cli(*args, env=None, input=None, timeout=60, cwd=None):
    """Run the reader CLI in a subprocess (in the repository, or cwd); returns CompletedProcess (text)."""
    import subprocess

    full_env = dict(os.environ)
    if env:
        full_env.update(env)
    return subprocess.run(
        [sys.executable, "-m", "reader", *args], capture_output=True, text=True, env=full_env,
        input=input, timeout=timeout, cwd=cwd or str(ROOT),
    )
