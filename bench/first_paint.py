"""One process: start, paint once, exit. ``python bench/first_paint.py bare | reader LEFT RIGHT [STORE]``.

The parent measures the wall time of the whole process, so both apps pay the same
interpreter start-up and imports as a person would. ``reader`` opens the store and the
articles as ``reader LEFT RIGHT`` does (the store saving behind the keys, changed articles
re-anchored after the first paint), then exits after its first paint.
"""

import os
import sys
import tempfile


def bare(left_text: str, right_text: str):
    from textual.app import App
    from textual.containers import Horizontal, VerticalScroll
    from textual.widgets import Static

    class Bare(App):
        def compose(self):
            with Horizontal():
                with VerticalScroll():
                    yield Static(left_text, markup=False)
                with VerticalScroll():
                    yield Static(right_text, markup=False)

        def on_mount(self):
            self.call_after_refresh(self.exit)

    return Bare()


def reader_app(left: str, right: str, db: str):
    from reader.core.config import Config
    from reader.core.services.workspace import Workspace
    from reader.core.sources.articles import load_document
    from reader.core.store.store import Store
    from reader.tui.app import ReaderApp

    docs = [load_document(left), load_document(right)]
    store = Store.open(db, mode="auto", write_behind=True)
    ws = Workspace(store, docs, defer_changed=True)
    from reader.core.gc_pause import freeze_long_lived

    freeze_long_lived()  # as run.py does

    class Once(ReaderApp):
        def _after_first_paint(self):
            self.exit()

    return Once(ws, Config()), store


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    if sys.argv[1] == "bare":
        from reader.core.sources.articles import shipped_path

        app = bare(*(shipped_path(n).read_text(encoding="utf-8") for n in ("ice-union-allegation", "mayor-rebuttal")))
        app.run(headless=True, size=(160, 48))
    else:
        left, right = sys.argv[2], sys.argv[3]
        db = sys.argv[4] if len(sys.argv) > 4 else os.path.join(tempfile.mkdtemp(), "s.json")
        app, store = reader_app(left, right, db)
        try:
            app.run(headless=True, size=(160, 48))
        finally:
            store.close()
