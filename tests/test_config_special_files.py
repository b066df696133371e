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
    os.mkfifo(fifo)
    env = {**os.environ, "HOME": str(tmp_path), "READER_CONFIG": str(fifo)}
    p = subprocess.run([sys.executable, "-m", "reader"], env=env, stdin=subprocess.DEVNULL,
                       capture_output=True, text=True, timeout=30)
    assert p.returncode == 78 and p.stderr.strip().endswith("not a regular file (a pipe or a device)")
    assert "Traceback" not in p.stderr
