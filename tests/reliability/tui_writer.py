"""A real reader TUI (headless driver) that highlights sentence after sentence.

``python tests/reliability/tui_writer.py STORE ARTICLE [SECONDS]``: prints ``RW`` or ``RO``,
then ``ACK ADD id`` / ``ACK DEL id`` after each change the store has durably saved, and
``DONE`` when it quits by itself after SECONDS (default: run until killed).
"""

import sys
import time

from reader.core.config import Config
from reader.core.services.workspace import Workspace
from reader.core.sources.articles import load_document
from reader.core.store.store import Store
from reader.tui.app import ReaderApp

path, article = sys.argv[1], sys.argv[2]
seconds = float(sys.argv[3]) if len(sys.argv) > 3 else 1e9
store = Store.open(path, mode="auto", write_behind=True)
print("RO" if store.read_only else "RW", flush=True)
ws = Workspace(store, [load_document(article), load_document("mayor-rebuttal")], defer_changed=True)
seen = set(store.records["annotations"])


def saved(pending: int) -> None:
    """Called when saves settle: with none pending, memory is what the files hold (fsynced)."""
    global seen
    if pending:
        return
    now = set(store.records["annotations"])
    for rid in sorted(now - seen):
        print("ACK ADD", rid, flush=True)
    for rid in sorted(seen - now):
        print("ACK DEL", rid, flush=True)
    seen = now


store.save_listeners.append(saved)
app = ReaderApp(ws, Config())


async def auto_pilot(pilot) -> None:
    end = time.monotonic() + seconds
    step = 0
    while time.monotonic() < end:
        step += 1
        await pilot.press("j", "h")
        if step % 7 == 0:
            await pilot.press("u")  # undo: a deletion, also durable
        if step % 11 == 0:
            await pilot.press("ctrl+r")
    await pilot.press("q")


app.run(headless=True, size=(120, 40), auto_pilot=auto_pilot)
store.close()
print("DONE", flush=True)
