"""Starting the TUI from the command line: check everything first, then open the reader.

Config, articles, the terminal and the store are checked before Textual starts, so every
problem is one line and an exit code. The store saves behind the keys (write-behind);
quitting or a signal waits for the saves, and anything that could not be saved is said
on stderr after the terminal is restored.
"""

from __future__ import annotations

import os
import sys

from reader.core.errors import EX_OK, ConfigError, UsageError
from reader.core.services.workspace import ArticleChange, Workspace
from reader.core.text.safety import plain
from reader.core.text.snippets import short


def startup_notices(workspace: Workspace) -> list[str]:
    out = []
    store = workspace.store
    if store.read_only:
        out.append(f"Read-only: {store.read_only_reason}")
    if store.skipped:
        out.append(f"{len(store.skipped)} records in the store were not understood and are left untouched "
                   f"({store.skipped[0]}).")
    if store.migrated_from is not None:
        out.append(f"The store was upgraded from schema {store.migrated_from}; links now read "
                   "\u201canswer rebuts claim\u201d; the old file is kept in the store's backups/before-migration.")
    for moved in workspace.moved:
        out.append(moved.message + ".")
    for doc in workspace.docs:
        if doc.encoding_note:
            out.append(f"{doc.name}: {doc.encoding_note}.")
    for change in workspace.changes:
        out.append(change_notice(change))
    from reader.core.services.drafts import Drafts

    kept = Drafts(store.path)
    docs = {d.key: d for d in workspace.docs}
    drafts = []
    for draft in kept.all():
        article = docs.get(draft.doc_key)
        if article is None:
            continue
        if kept.placed(article.text, draft) is None:  # its words are gone from the article: say where the text is
            out.append(f"A note you were writing was not saved, and its passage (\u201c{draft.quote}\u201d) is no "
                       f"longer in {article.name}: what you wrote (\u201c{short(draft.text, 8)}\u201d) is kept in {kept.path}.")
        else:
            drafts.append(draft)
    if len(drafts) == 1:
        out.append(f"A note you were writing was not saved (on \u201c{drafts[0].quote}\u201d): press n on that "
                   "passage to get it back.")
    elif drafts:
        quotes = ", ".join(f"\u201c{d.quote}\u201d" for d in drafts[:3])
        out.append(f"{len(drafts)} notes you were writing were not saved (on {quotes}"
                   f"{', …' if len(drafts) > 3 else ''}): press n on each passage to get it back.")
    return out


def change_notice(change: ArticleChange) -> str:
    """What became of an article's annotations when its text changed (or that it is under way)."""
    if change.pending:
        return (f"{change.doc.name} changed since you annotated it: finding {change.pending} "
                f"annotation{'s' if change.pending != 1 else ''} again\u2026")
    # (with the ones found as they were: "0 re-anchored, 0 not found" for two intact
    # annotations read to a new user as if both were lost)
    found = f"{change.unchanged} found as before, " if change.unchanged else ""
    lost = f"{change.orphans} not found (listed under Orphans)" if change.orphans else "none lost"
    return f"{change.doc.name} changed since you annotated it: {found}{change.reanchored} re-anchored, {lost}."


def check_keymap(keys: dict[str, str], source: str) -> None:
    from reader.tui.bindings import BINDING_IDS, clashes

    for name in keys:
        if name not in BINDING_IDS:
            raise ConfigError(f"config {source}: [keys] {name!r} is not a binding id (the ids are on the help "
                              "screen, ?)")
    for name, value in keys.items():
        for key in value.split(","):
            why = _unusable(key)
            if why:
                raise ConfigError(f"config {source}: [keys] {name} = {value!r}: {why}")
    for key, ids in clashes(keys):
        raise ConfigError(f"config {source}: [keys] the key {key!r} is given to both {ids[0]} and {ids[1]}, so one "
                          "of them could never be used; give each its own key")


# Names people write for keys that Textual calls otherwise.
_ALIASES = {"esc": "escape", "return": "enter", "del": "delete", "pgup": "pageup", "pgdn": "pagedown",
            "pgdown": "pagedown", "ins": "insert", "spacebar": "space", "bksp": "backspace"}
# Keys Textual takes before any binding of ours: given to a binding, they would never reach it.
_TAKEN = {"ctrl+p": "it opens the command palette", "ctrl+q": "it quits", "ctrl+c": "Textual takes it to copy"}


def _unusable(key: str) -> str:
    """Why a key in the config could never be pressed as written ("" when it can): an
    attacker's "quit = esc" was accepted, and then nothing quit; "highlight = ctrl+p" was
    accepted, and ctrl+p still opened the palette."""
    from textual.keys import Keys, _character_to_key

    key = key.strip()
    if len(key) == 1:
        return ""
    if key.lower() in _TAKEN:
        return f"{key!r} cannot be used: {_TAKEN[key.lower()]}"
    *mods, name = key.split("+")
    if any(m not in ("ctrl", "shift", "alt", "meta", "super", "hyper") for m in mods):
        return f"{key!r}: a modifier is ctrl, shift, alt or meta"
    if name in _ALIASES:
        return f"{key!r} is not a key's name: write {'+'.join([*mods, _ALIASES[name]])!r}"
    known = {k.value.split("+")[-1] for k in Keys} | {"space"}
    if len(name) == 1 or name in known or name == _character_to_key(name[:1]) or _is_char_name(name):
        return ""
    return f"{key!r} is not a key's name (names are as on the help screen: escape, enter, tab, pageup, f1, " \
           "ctrl+n, question_mark...)"


def _is_char_name(name: str) -> bool:
    """Whether name is how Textual names a character's key ("question_mark", "left_square_bracket")."""
    from textual.keys import _character_to_key

    return any(_character_to_key(chr(c)) == name for c in range(33, 127))


SLOW_FILE = 2_000_000  # bytes of a local file past which opening it is announced
SLOW_STORE = 8_000_000  # bytes of the store's files for a pair past which opening them is announced


def _size_of(name: str) -> int:
    try:
        return os.path.getsize(os.path.expanduser(name))
    except (OSError, ValueError):
        return 0


def _finish_exports(exports: dict[int, str]) -> None:
    """Wait for exports still under way when the app ended, saying so; ctrl+c abandons them
    (a file is written whole or not at all). The shell had waited minutes in silence."""
    import time

    if not exports:
        return
    where = ", ".join(plain(w) for w in list(exports.values())[:2])
    print(f"reader: finishing the export to {where}\u2026 (ctrl+c abandons it; the file is written whole or "
          "not at all)", file=sys.stderr)
    try:
        while exports:
            time.sleep(0.05)
    except KeyboardInterrupt:
        print("reader: export abandoned", file=sys.stderr)
        sys.stderr.flush()
        os._exit(130)  # its thread cannot be stopped; the store is closed and saved already


def run(names: list[str], db: str | None) -> int:
    from reader.core.config import load_config
    from reader.core.paths import config_path, store_path
    from reader.core.sources.articles import load_document
    from reader.core.store.store import Store

    config = load_config(config_path())
    check_keymap(config.keys, config.source)
    from reader.core.sources.loader import exists_offline, is_url

    docs = []
    for name in names:
        if is_url(name) and not exists_offline(name) and sys.stderr.isatty():
            print(f"reader: fetching {plain(name)}", file=sys.stderr)
        elif sys.stderr.isatty() and (size := _size_of(name)) >= SLOW_FILE:
            # a 10 MB page or Markdown file takes seconds to read: say so, not a blank screen
            print(f"reader: reading {plain(name)} ({size / 1e6:.0f} MB)\u2026", file=sys.stderr)
        docs.append(load_document(name).prepare_for_view())  # not on the app's event loop
    from reader.cli import two_articles

    two_articles(docs)
    if not (sys.stdout.isatty() or os.environ.get("READER_ALLOW_NO_TTY")):
        raise UsageError("the reader needs a terminal; use a command (reader --help) for scripts")
    store = Store.open(store_path(db), mode="auto", write_behind=True)
    try:
        first_launch = not store.records["documents"] and not os.path.exists(store.path)
        if sys.stderr.isatty() and (size := store.bytes_to_load(d.key for d in docs)) >= SLOW_STORE:
            # 100,000 annotations take two seconds to read and place: say so, not a blank screen
            print(f"reader: opening the notes on these articles ({size / 1e6:.0f} MB)\u2026", file=sys.stderr)
        workspace = Workspace(store, docs, defer_changed=True)
        from reader.core.gc_pause import freeze_long_lived
        from reader.tui.app import ReaderApp

        freeze_long_lived()  # the session's records: out of every later collection's scan
        from reader.tui.textual_fixes import install

        install()  # a paste is text, never keys; a page key in an empty list is no crash

        notices = startup_notices(workspace)
        if config.missing and os.environ.get("READER_CONFIG"):  # named, yet not there: a typo was silent
            notices.insert(0, f"READER_CONFIG names no file ({config.source}): the default keys and colours are used.")
        app = ReaderApp(workspace, config, notices, first_launch=first_launch)
        app.run()
        app.ran = True
        # The session is over: what it built (a 1 MB pair's suggestion engine, 200 MB of small
        # objects) is left out of the collections Python makes while it exits, which took a
        # second before the shell came back (a scale trial).
        freeze_long_lived()
    finally:
        store.close()
    if app.internal_error:
        print(f"reader: {app.internal_error}", file=sys.stderr)
    for error, labels in app.lost:
        what = ", ".join(labels[:5]) + (f" and {len(labels) - 5} more" if len(labels) > 5 else "") if labels else "a change"
        print(plain(f"reader: not saved ({what}): {error}"), file=sys.stderr)
    if store.unsaved:
        print(f"reader: {store.unsaved} change(s) could not be saved", file=sys.stderr)
    _finish_exports(app.exports)
    return app.exit_signal or app.return_code or EX_OK
