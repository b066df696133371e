"""What every benchmark shares: medians, the report table, a meter of event-loop time,
and stores filled with annotations (written straight in the store's file format)."""

from __future__ import annotations

import asyncio
import os
import random
import statistics
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parent.parent
RESULTS: list[dict] = []


def med(xs: Iterable[float]) -> float:
    return statistics.median(list(xs))


def report(name: str, value: float, unit: str, baseline: float | None = None, base_name: str = "", target: str = "",
           extra: str = "") -> None:
    ratio = value / baseline if baseline else None
    RESULTS.append({"name": name, "median": value, "unit": unit, "baseline": baseline, "baseline_name": base_name,
                    "ratio": ratio, "target": target, "extra": extra})
    r = f"{ratio:6.2f}x {base_name}" if ratio is not None else ""
    print(f"{name:<56} {value:10.2f} {unit:<3} {r:<40} {target:<14} {extra}", flush=True)


class LoopMeter:
    """Time the asyncio event loop spends running callbacks, while ``on``: what a key costs
    the loop (handlers, messages, rendering), not waiting, and not other threads' work."""

    def __init__(self) -> None:
        self.busy = 0.0
        self.on = False
        self.harness: asyncio.Task | None = None  # the measuring coroutine's own task: not the app's time
        original = asyncio.events.Handle._run
        meter = self

        def _run(handle):  # type: ignore[no-untyped-def]
            mine = meter.harness is not None and getattr(handle._callback, "__self__", None) is meter.harness
            if not meter.on or mine:
                return original(handle)
            t = time.perf_counter()
            try:
                return original(handle)
            finally:
                meter.busy += time.perf_counter() - t

        asyncio.events.Handle._run = _run  # type: ignore[method-assign]

    async def key(self, pilot, *keys: str, settle: bool = True) -> float:  # type: ignore[no-untyped-def]
        """Event-loop milliseconds of pressing keys and everything they cause.

        With ``settle``, the app first settles, so that nothing the keys before caused (a
        frame drawn after a resize, a save's callbacks) is charged to these; and the meter
        runs on through the frames right after the repaint (callbacks run after a refresh,
        such as scrolling the cursor into view), 30 ms in all: less than the write-behind
        store's quiet time, so the save a change schedules, whose encoding runs on its own
        thread, is not counted. Without it (keys pressed while a worker runs), the meter
        covers the keys and their repaint only: a worker's own messages are not the keys'."""
        await pilot.pause()
        if settle:
            await pilot.pause(0.15)
        self.busy, self.on = 0.0, True
        await pilot.press(*keys)
        await pilot.pause()
        if settle:
            await asyncio.sleep(0.03)  # a plain sleep: another pilot.pause() would charge its own messages
        self.on = False
        return self.busy * 1000

    async def sent(self, app, key: str) -> float:  # type: ignore[no-untyped-def]
        """Event-loop milliseconds the app spends on one key, delivered as the terminal driver
        delivers it (``driver.send_message``), with no test harness in the loop.

        ``pilot.press`` and ``pilot.pause`` wait for the screen by queueing a callback on every
        widget, twice a key: loop time that grows with the widget count and that no real key
        costs (``key`` above charges it; its floor is a key bound to nothing). Here the meter
        runs from the key's arrival through its handling, its repaint and the loop's next
        quiet moment (at least 45 ms: the frame is drawn within 1/60 s of the change, and a
        save starts only after 50 ms of quiet, on its own thread), and it skips the
        callbacks of this measuring coroutine itself."""
        import unicodedata

        from textual import events
        from textual.keys import REPLACED_KEYS, _get_unicode_name_from_key

        await asyncio.sleep(0.15)
        char: str | None  # the character as Textual's own key press makes it (App._press_keys)
        try:
            char = unicodedata.lookup(_get_unicode_name_from_key(REPLACED_KEYS.get(key, key)))
        except KeyError:
            char = key if len(key) == 1 else None
        event = events.Key(key, char)
        event.set_sender(app)
        self.harness = asyncio.current_task()
        self.busy, self.on = 0.0, True
        app._driver.send_message(event)
        await asyncio.sleep(0.045)
        for _ in range(200):
            if _quiet(app):
                break
            await asyncio.sleep(0.005)
        self.on, self.harness = False, None
        return self.busy * 1000


def _quiet(app) -> bool:  # type: ignore[no-untyped-def]
    """No message waiting anywhere on the screen, and no repaint pending."""
    screen = app.screen
    if screen._layout_required or screen._repaint_required or screen._dirty_widgets or screen._scroll_required:
        return False
    return all(w._message_queue.empty() for w in (app, *screen.walk_children(with_self=True)))


_METER: LoopMeter | None = None


def meter() -> LoopMeter:
    global _METER
    if _METER is None:
        _METER = LoopMeter()
    return _METER


def filled_store(folder: str, docs: list, per_doc: int, seed: int = 0, links: int = 0) -> str:
    """A store (current format) holding ``per_doc`` annotations on each document, written
    straight to its files: building 100,000 through the API would take longer than the runs."""
    from reader.core.anchors.selectors import describe
    from reader.core.store import files
    from reader.core.store.migrations import SCHEMA_VERSION
    from reader.core.store.records import annotation_record, link_record

    path = os.path.join(folder, "store.json")
    rng = random.Random(seed)
    meta = {"1": {"schema_version": SCHEMA_VERSION}}
    payload = {}
    made: dict[str, list[dict]] = {}
    for doc in docs:
        sents = [span for _p, _i, span in doc.all_sentences()]
        rows: dict[str, dict] = {}
        for i in range(per_doc):
            s, e = rng.choice(sents)
            rec = annotation_record(doc.key, describe(doc, s, e), [rng.choice(["claim", "evidence", "denial"])],
                                    "note " * rng.randint(0, 6))
            rows[str(i + 1)] = dict(rec)
        made[doc.key] = list(rows.values())
        payload[files.annotation_file(doc.key)] = orjson.dumps({"meta": meta, "annotations": rows})
    if links and len(docs) >= 2:
        a, b = docs[0], docs[1]
        rows = {str(i + 1): dict(link_record(made[b.key][i]["id"], made[a.key][i]["id"], rng.choice(["rebuts", "supports"])))
                for i in range(min(links, per_doc))}
        payload[files.link_file(a.key, b.key)] = orjson.dumps({"meta": meta, "links": rows})
    payload[files.ROOT] = orjson.dumps({"meta": meta})
    os.makedirs(files.shard_folder(path), exist_ok=True)
    for rel, data in payload.items():
        Path(files.absolute(path, rel)).write_bytes(data)
    return path


def tmpdir() -> str:
    return tempfile.mkdtemp(prefix="reader-bench-")


def no_bytecode_env() -> dict[str, str]:
    """As installed: with bytecode cached (this machine sets PYTHONDONTWRITEBYTECODE, which would make
    every run recompile the reader's sources but not Textual's)."""
    return {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
