"""Leaving while an export is still being written. A scale trial pressed q during an Argdown
export of 100,000 annotations: the shell waited minutes with nothing on screen, and ctrl+c did
not stop it. Now the reader says it is finishing the export, and ctrl+c abandons it (the file is
written whole or not at all)."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time

from tests.conftest import ROOT


def test_an_export_under_way_is_said_and_waited_for(capsys):
    from reader.tui.run import _finish_exports

    exports = {1: "/tmp/notes.md"}
    threading.Timer(0.3, exports.clear).start()
    started = time.monotonic()
    _finish_exports(exports)
    assert time.monotonic() - started >= 0.25
    err = capsys.readouterr().err
    assert err.startswith("reader: finishing the export to /tmp/notes.md\u2026 (ctrl+c abandons it")
    _finish_exports({})  # none under way: nothing said
    assert capsys.readouterr().err == ""


def test_ctrl_c_abandons_an_export_under_way():
    code = "from reader.tui.run import _finish_exports; _finish_exports({1: 'notes.md'})"
    p = subprocess.Popen([sys.executable, "-c", code], cwd=str(ROOT), stderr=subprocess.PIPE, text=True)
    time.sleep(1.5)
    p.send_signal(signal.SIGINT)
    _out, err = p.communicate(timeout=20)
    assert p.returncode == 130
    assert "finishing the export to notes.md" in err and err.rstrip().endswith("reader: export abandoned")


async def test_the_app_knows_which_exports_are_under_way(db, tmp_path, monkeypatch):
    from reader.core.export import formats
    from tests.test_tui import make_app

    seen: list[dict[int, str]] = []
    app = make_app(db, tmp_path)
    plain_render = formats.render

    def slow(*a, **kw):
        seen.append(dict(app.exports))
        return plain_render(*a, **kw)

    monkeypatch.setattr(formats, "render", slow)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert seen and next(iter(seen[0].values())).endswith(".md")
        assert app.exports == {}
    app.workspace.store.close()
