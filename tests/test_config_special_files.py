"""A config that is not a regular file is refused with one line (exit 78) at once. An
attacker's trial: a pipe as the config blocked the reader for ever before anything showed,
and /dev/zero was read until memory ran out (exit 70 under a limit)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from reader.core.config import load_config
from reader.core.errors import ConfigError


@pytest.mark.parametrize("kind", ["fifo", "device", "huge"])
def test_a_config_that_is_no_regular_file_or_too_large_is_refused(tmp_path, kind):
    path = tmp_path / "config.toml"
    path.unlink(missing_ok=True)  # the empty one conftest makes
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "device":
        path = "/dev/zero"
    else:
        path.write_text("# " + "x" * (2 << 20) + "\n")
    with pytest.raises(ConfigError) as err:
        load_config(str(path))
    assert err.value.exit_code == 78 and "\n" not in str(err.value)


def test_the_reader_started_on_a_pipe_config_exits_78_at_once(tmp_path):
    fifo = tmp_path / "config.toml"
    fifo.unlink(missing_ok=True)  # the empty one conftest makes
    os.mkfifo(fifo)
    env = {**os.environ, "HOME": str(tmp_path), "READER_CONFIG": str(fifo)}
    p = subprocess.run([sys.executable, "-m", "reader"], env=env, stdin=subprocess.DEVNULL,
                       capture_output=True, text=True, timeout=30)
    assert p.returncode == 78 and p.stderr.strip().endswith("not a regular file (a pipe or a device)")
    assert "Traceback" not in p.stderr


def test_a_config_named_in_reader_config_that_is_missing_is_said_at_start(tmp_path, monkeypatch):
    """An attacker's trial: READER_CONFIG naming a missing file or a broken link was ignored
    without a word, so a typo in its name left the user's keys and colours unused. The
    defaults are used (scripts and tests name a missing file on purpose) and the reader's
    first screen says so."""
    from reader.tui import run

    seen = {}

    class Stop(Exception):
        pass

    class App:
        def __init__(self, workspace, config, notices, first_launch=False):
            seen["notices"] = notices
            raise Stop

    import reader.tui.app

    monkeypatch.setattr(reader.tui.app, "ReaderApp", App)
    monkeypatch.setenv("READER_CONFIG", str(tmp_path / "confg.toml"))
    monkeypatch.setenv("READER_ALLOW_NO_TTY", "1")
    with pytest.raises(Stop):
        run.run(["ice-union-allegation", "mayor-rebuttal"], str(tmp_path / "s.json"))
    assert seen["notices"][0] == (f"READER_CONFIG names no file ({tmp_path / 'confg.toml'}): the default keys and "
                                  "colours are used.")


def test_a_config_saved_with_a_byte_order_mark_is_read(tmp_path):
    path = tmp_path / "config.toml"
    path.write_bytes("\ufeff[tags]\nclaim = \"#ff0000\"\n".encode())
    assert load_config(str(path)).tag_colours["claim"].rgb == (255, 0, 0)
