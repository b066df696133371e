"""What a key costs: CPU per cursor move on a huge article, a panel opening beside it, event-loop time of h, t, d and u
with 10,000 annotations on the open article, and j while an export of 10,000 runs."""

from __future__ import annotations

import asyncio
import os
import time

from bench.common import filled_store, med, meter, report, tmpdir


def _app(db: str, left, right=None):  # type: ignore[no-untyped-def]
    from reader.core.config import Config
    from reader.core.services.workspace import Workspace
    from reader.core.sources.articles import load_document
    from reader.core.store.store import Store
    from reader.tui.app import ReaderApp

    store = Store.open(db, write_behind=True)
    ws = Workspace(store, [left, right or load_document("mayor-rebuttal")], defer_changed=True)
    return ReaderApp(ws, Config()), store


def bench_cursor(runs: int) -> None:
    from bench.corpus import big_article
    from reader.core.sources.articles import load_document
    from reader.core.text.document import Document

    big, _ = big_article(5)

    async def cost(doc) -> float:  # type: ignore[no-untyped-def]
        app, store = _app(os.path.join(tmpdir(), "s.json"), doc)
        async with app.run_test(size=(160, 48)) as pilot:
            await pilot.press(*["j"] * 5)
            samples = []
            for _ in range(runs):
                # 25 down and 25 back: every press moves the cursor in both articles (the
                # shipped one has 48 sentences; a press at its end would cost nothing).
                t = time.process_time()
                await pilot.press(*["j"] * 25, *["k"] * 25)
                await pilot.pause()
                samples.append((time.process_time() - t) / 50 * 1000)
        store.close()
        return med(samples)

    small = asyncio.run(cost(load_document("ice-union-allegation")))
    large = asyncio.run(cost(Document(key="big", text=big)))
    report("2c CPU per cursor move, 5.6 MB article", large, "ms", small, "shipped article", "<= 1.2x")

    async def panel(doc) -> float:  # type: ignore[no-untyped-def]
        """Event-loop ms of A and Esc: the panel narrows both panes, which are wrapped again."""
        m = meter()
        app, store = _app(os.path.join(tmpdir(), "s.json"), doc)
        samples = []
        async with app.run_test(size=(160, 48)) as pilot:
            await pilot.pause()
            for _ in range(max(3, runs)):
                for key in ("A", "escape"):
                    samples.append(await m.sent(app, key))
                    await app.workers.wait_for_complete()
                    await pilot.pause(0.1)
        store.close()
        return med(samples)

    small = asyncio.run(panel(load_document("ice-union-allegation")))
    large = asyncio.run(panel(Document(key="big", text=big)))
    report("2d event-loop time of a panel opening or closing (A, Esc), 5.6 MB article", large, "ms", small,
           "shipped article", "<= 1.5x", "the panes are wrapped again at the new width (a full repaint of both)")


async def _key_costs(db: str, doc, presses: int, harness: bool = False) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """Event-loop ms of h, t (the Enter that ends typing a tag, and tags), d (in the annotations
    panel) and u, medians: each key sent as the terminal driver sends it (``LoopMeter.sent``),
    or with ``harness`` pressed by the pilot, whose waits are charged too."""
    m = meter()
    app, store = _app(db, doc)
    out: dict[str, list[float]] = {"j": [], "h": [], "t": [], "d": [], "u": [], "none": [], "esc": []}
    async with app.run_test(size=(160, 48)) as pilot:

        async def key(name: str) -> float:
            return await (m.key(pilot, name) if harness else m.sent(app, name))

        await pilot.pause()
        for _ in range(presses):
            out["none"].append(await key("z"))  # a key bound to nothing: the floor of a key press
            out["j"].append(await key("j"))
            out["h"].append(await key("h"))
            out["u"].append(await key("u"))
            await pilot.press("t", "c", "l", "a")
            await pilot.pause()
            out["esc"].append(await key("escape"))  # leaving the tag entry without tagging
            await pilot.press("t", "c", "l", "a")
            await pilot.pause()
            out["t"].append(await key("enter"))
            await pilot.press("a")
            await pilot.pause()
            await pilot.press("tab")
            out["d"].append(await key("d"))
            await pilot.press("escape")
        store.flush()
    store.close()
    return {k: med(v) for k, v in out.items()}


def bench_keys(runs: int, annotations: int = 10_000) -> None:
    """12a: with 10,000 annotations on the open article, h, t, d and u each within 16 ms of
    event-loop time, keys sent as the terminal driver sends them; the same keys pressed by
    the pilot, whose own waits are charged too, are shown beside."""
    from bench.corpus import corpus_text
    from reader.core.text.document import Document

    text, _ = corpus_text()
    doc = Document(key="corpus", text=text)
    full = filled_store(tmpdir(), [doc], annotations)
    empty = os.path.join(tmpdir(), "empty.json")
    presses = max(5, runs * 2)
    base = asyncio.run(_key_costs(empty, doc, presses))
    loaded = asyncio.run(_key_costs(full, doc, presses))
    piloted = asyncio.run(_key_costs(full, doc, presses, harness=True))
    for key in ("h", "t", "d", "u", "j"):
        report(f"12a event-loop time of '{key}', {annotations:,} annotations", loaded[key], "ms", base[key],
               "same key, empty store", "<= 16 ms" if key != "j" else "",
               f"a key bound to nothing: {loaded['none']:.1f} ms" + (
                   f"; Esc leaving the tag entry: {loaded['esc']:.1f} ms" if key == "t" else "")
               + f"; pressed by the pilot: {piloted[key]:.1f} ms (nothing: {piloted['none']:.1f})")


def bench_export_keys(runs: int) -> None:
    """12c: while a Markdown export of 10,000 annotations runs, j keeps its pace."""
    from bench.corpus import corpus_text
    from reader.core.text.document import Document

    text, _ = corpus_text()
    left = Document(key="left", text=text[:550_000])
    right = Document(key="right", text=text[550_000:])
    db = filled_store(tmpdir(), [left, right], 5000, links=2000)

    async def go() -> tuple[float, float, float]:
        m = meter()
        app, store = _app(db, left, right)
        quiet, busy = [], []
        async with app.run_test(size=(160, 48)) as pilot:
            await pilot.pause()
            for _ in range(20):
                quiet.append(await m.key(pilot, "j", settle=False))
            from reader.core.services.snapshot import freeze
            from reader.tui.dialogs.export_dialog import ExportRequest

            reading = app.reading
            t = time.perf_counter()
            worker = reading._export_worker(freeze(app.workspace), ExportRequest(os.path.join(tmpdir(), "x.md")),
                                            None)
            while worker.is_running or not worker.is_finished:
                busy.append(await m.key(pilot, "j", settle=False))
                if len(busy) > 400:
                    break
            elapsed = (time.perf_counter() - t) * 1000
        store.close()
        return med(quiet), med(busy) if busy else 0.0, elapsed

    quiet, busy, elapsed = asyncio.run(go())
    report("12c event-loop time of 'j' during an export of 10,000", busy, "ms", quiet, "'j' with no export",
           "<= 1.2x", f"export took {elapsed:.0f} ms with keys pressed")
