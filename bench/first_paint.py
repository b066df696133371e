"""One process: start, paint once, exit. ``python bench/first_paint.py reader|bare|big``.

The parent measures the wall time of the whole process, so both apps pay the same
interpreter start-up and imports as a person would.
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


def reader_app(left: str, right: str):
    from reader.core.sources.articles import load_document
    from reader.core.config import Config
    from reader.core.text.document import Document
    from reader.core.store.store import Store
    from reader.core.services.workspace import Workspace
    from reader.tui.app import ReaderApp

    if left.startswith("@"):
        with open(left[1:], encoding="utf-8") as fh:
            ldoc = Document(key=left[1:], text=fh.read())
    else:
        ldoc = load_document(left)
    store = Store.open(os.path.join(tempfile.mkdtemp(), "s.json"))
    ws = Workspace(store, [ldoc, load_document(right)])

    class Once(ReaderApp):
        def on_mount(self):
            super().on_mount()
            self.call_after_refresh(self.exit)

    return Once(ws, Config())


if __name__ == "__main__":
    kind = sys.argv[1]
    if kind == "bare":
        from reader.core.sources.articles import shipped_path

        app = bare(*(shipped_path(n).read_text(encoding="utf-8") for n in ("ice-union-allegation", "mayor-rebuttal")))
    elif kind == "reader":
        app = reader_app("ice-union-allegation", "mayor-rebuttal")
    else:
        app = reader_app("@" + sys.argv[2], "mayor-rebuttal")
    app.run(headless=True, size=(160, 48))
