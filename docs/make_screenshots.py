"""Draw the README's screenshots: ``python docs/make_screenshots.py`` (from the project folder).

The shipped pair with the tour's work done: the letter's claim tagged and rebutted by the
mayor's denial, a second claim with a note, at 160×48 and at 80×24. Written to
``docs/screenshot.svg`` and ``docs/screenshot-80x24.svg`` with Textual's own SVG export.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

DOCS = Path(__file__).resolve().parent
sys.path.insert(0, str(DOCS.parent))


async def draw(size: tuple[int, int], out: Path) -> None:
    from reader.core.config import Config
    from reader.core.services.workspace import Workspace
    from reader.core.sources.articles import load_document
    from reader.core.store.store import Store
    from reader.tui.app import ReaderApp

    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(str(Path(tmp) / "store.json"))
        ws = Workspace(store, [load_document("ice-union-allegation"), load_document("mayor-rebuttal")])
        union, mayor = ws.docs

        def sentence(doc, words):  # type: ignore[no-untyped-def]
            return doc.sentence_at(doc.text.find(words))[2]

        claim = sentence(union, "Your current policy forbidding")
        ws.add_tag(union, claim, "claim")
        ws.link((mayor, sentence(mayor, "No such policy exists")), (union, claim), "rebuts")
        ws.add_tag(union, sentence(union, "Your policy has created a zone"), "allegation")
        ws.add_tag(mayor, sentence(mayor, "Portland Mayor Ted Wheeler today rebutted"), "denial")
        app = ReaderApp(ws, Config())
        async with app.run_test(size=size) as pilot:
            await pilot.press("slash", *"Your current policy", "enter", "escape")
            await pilot.pause(0.3)
            out.write_text(app.export_screenshot(title="reader"), encoding="utf-8")
        store.close()


def main() -> None:
    asyncio.run(draw((160, 48), DOCS / "screenshot.svg"))
    asyncio.run(draw((80, 24), DOCS / "screenshot-80x24.svg"))
    print("wrote docs/screenshot.svg and docs/screenshot-80x24.svg")


if __name__ == "__main__":
    main()
