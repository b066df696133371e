"""Where reader keeps its files: platformdirs, overridable by flags and environment."""

from __future__ import annotations

import os

import platformdirs

APP = "reader"


def default_store_path() -> str:
    return os.path.join(platformdirs.user_data_dir(APP, appauthor=False), "annotations.json")


def store_path(flag: str | None = None) -> str:
    """``--db``, then ``READER_DB``, then the user data dir."""
    return flag or os.environ.get("READER_DB") or default_store_path()


def config_path() -> str:
    return os.environ.get("READER_CONFIG") or os.path.join(platformdirs.user_config_dir(APP, appauthor=False), "config.toml")
