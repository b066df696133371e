"""The event-loop meter of the key benchmarks (bench/common.py): a key sent as the terminal
driver sends it is handled, its repaint falls inside what the meter counts, and the meter does
not charge the measuring coroutine's own waits."""

from __future__ import annotations

from textual.screen import Screen

from bench.common import meter
from tests.test_tui import make_app


async def test_a_sent_key_is_handled_and_its_frame_is_counted(db, tmp_path, monkeypatch):
    frames = {"in": 0, "out": 0}
    m = meter()
    original = Screen._compositor_refresh

    def counted(self):  # type: ignore[no-untyped-def]
        frames["in" if m.on else "out"] += 1
        return original(self)

    monkeypatch.setattr(Screen, "_compositor_refresh", counted)
    app = make_app(db, tmp_path)
    try:
        async with app.run_test(size=(160, 48)) as pilot:
            await pilot.pause()
            before = app.workspace.store.count_of("ice-union-allegation")
            cost = await m.sent(app, "h")
            assert app.workspace.store.count_of("ice-union-allegation") == before + 1  # the key did what h does
            assert frames["in"] >= 1  # its repaint was drawn while the meter ran
            assert 0.0 < cost < 1000.0
            assert not m.on and m.harness is None
            app.workspace.store.flush()  # the save's own repaint ("saved") comes before, not inside
            await pilot.pause(0.2)
            frames["in"] = 0
            assert await m.sent(app, "z") > 0.0  # a key bound to nothing: handled, nothing to draw
            assert frames["in"] == 0
    finally:
        app.workspace.store.close()
