"""Silent edits: fetch a source again, keep the new version, and say what changed.

``refresh(arg)`` fetches a web page again (or re-reads a saved page or a PDF), stores a new
snapshot only when the text changed, and compares the two versions passage by passage:
which paragraphs were added, removed, reworded (with a word diff) or moved. Both
versions' Documents come back, so a front end can switch between them; their keys are
the same, so the annotations apply to either.

``annotation_effects`` says, for given annotation targets, what the edit did to each:
``moved`` (its words are intact, but its paragraph moved), ``intact`` (its words and place
are, in a paragraph reworded elsewhere: it was called "moved" though nothing moved), ``changed``
(it re-anchored onto text that reads differently now), ``orphaned`` (it cannot be found
in the new version), ``shifted`` (only its offsets moved, because of edits elsewhere) or
``unchanged``. ``diff_markdown`` renders a comparison for an export.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from reader.core.errors import ArticleError
from reader.core.sources.snapshots import Snapshot
from reader.core.text.document import Document, normalise_for_search
from reader.core.text.quote_diff import ADDED, REMOVED, SAME, word_diff

REWORDED, MOVED = "reworded", "moved"
# What an edit did to an annotation.
UNCHANGED, SHIFTED, MOVED_ANN, CHANGED, ORPHANED, WAS_ORPHAN, INTACT = (
    "unchanged", "shifted", "moved", "changed", "orphaned", "was_orphan", "intact")
PAIR_AT = 0.5  # two paragraphs at least this alike (words) are one paragraph reworded
_BLOCK_LIMIT = 4000  # paragraph pairs compared in one changed block before only near ones are


@dataclass
class Change:
    """One paragraph added, removed, reworded or moved between two versions."""

    kind: str  # "added", "removed", "reworded", "moved"
    old: int | None  # paragraph index in the old version (None when added)
    new: int | None  # paragraph index in the new version (None when removed)
    old_text: str = ""
    new_text: str = ""
    old_span: tuple[int, int] | None = None
    new_span: tuple[int, int] | None = None
    words: list[tuple[str, str]] = field(default_factory=list)  # word diff (reworded): (same|removed|added, words)


@dataclass
class Effect:
    """What an edit did to one annotation."""

    id: str
    status: str  # unchanged, shifted, moved, changed, orphaned, was_orphan
    change: int | None = None  # index into RefreshResult.changes of the edit that touched it
    old_span: tuple[int, int] | None = None
    new_span: tuple[int, int] | None = None
    old_quote: str = ""
    new_quote: str = ""


@dataclass
class RefreshResult:
    key: str
    source: str
    changed: bool  # a new version was stored, and there was one before it
    old: Snapshot | None  # the version compared with (None: this is the first; ``new`` itself: unchanged)
    new: Snapshot  # the newest version now
    old_doc: Document | None
    new_doc: Document
    changes: list[Change] = field(default_factory=list)

    def count(self, kind: str) -> int:
        return sum(1 for c in self.changes if c.kind == kind)

    @property
    def summary(self) -> str:
        """One line: what changed, or that nothing did."""
        if self.old is None:
            return f"first snapshot of {self.key} (version {self.new.version}); nothing to compare"
        if not self.changed:
            return f"unchanged since version {self.new.version} ({self.new.fetched})"
        bits = []
        for kind in (REWORDED, ADDED, REMOVED, MOVED):
            n = self.count(kind)
            if n:
                bits.append(f"{n} paragraph{'s' if n != 1 else ''} {kind}")
        what = ", ".join(bits) or "only spacing or punctuation changed"
        return f"version {self.old.version} \u2192 {self.new.version}: {what}"


# --- comparing -------------------------------------------------------------------------------------
def _paragraphs(doc: Document) -> list[tuple[int, int]]:
    return [doc.paragraph_span(p) for p in range(doc.paragraph_count)]


def _norm(text: str) -> str:
    return " ".join(normalise_for_search(text).split())


def _similarity(a: list[str], b: list[str]) -> float:
    sm = SequenceMatcher(None, a, b, autojunk=False)
    if sm.real_quick_ratio() < PAIR_AT or sm.quick_ratio() < PAIR_AT:
        return 0.0
    return sm.ratio()


def _pair(old_words: list[list[str]], new_words: list[list[str]], i1: int, i2: int, j1: int, j2: int) -> list[tuple[int, int]]:
    """Monotone pairs (old, new) in a replaced block whose words are alike enough: the
    pairing with the most total likeness (a small dynamic programme over the block)."""
    m, n = i2 - i1, j2 - j1
    near = m * n > _BLOCK_LIMIT
    sim: dict[tuple[int, int], float] = {}
    for i in range(m):
        for j in range(n):
            if near and abs(i * n / max(m, 1) - j) > 8:
                continue
            likeness = _similarity(old_words[i1 + i], new_words[j1 + j])
            if likeness >= PAIR_AT:
                sim[i, j] = likeness
    if not sim:
        return []
    best = [[0.0] * (n + 1) for _ in range(m + 1)]
    for i in range(m - 1, -1, -1):
        for j in range(n - 1, -1, -1):
            v = max(best[i + 1][j], best[i][j + 1])
            here = sim.get((i, j))
            if here is not None:
                v = max(v, here + best[i + 1][j + 1])
            best[i][j] = v
    pairs = []
    i = j = 0
    while i < m and j < n:
        here = sim.get((i, j))
        if here is not None and abs(best[i][j] - (here + best[i + 1][j + 1])) < 1e-12:
            pairs.append((i1 + i, j1 + j))
            i += 1
            j += 1
        elif best[i + 1][j] >= best[i][j + 1]:
            i += 1
        else:
            j += 1
    return pairs


def compare(old: Document, new: Document) -> list[Change]:
    """Paragraph by paragraph: what was added, removed, reworded (with a word diff) or moved,
    in the order of the new version (removed ones where they stood)."""
    old_spans, new_spans = _paragraphs(old), _paragraphs(new)
    old_texts = [old.text[s:e] for s, e in old_spans]
    new_texts = [new.text[s:e] for s, e in new_spans]
    old_norm = [_norm(t) for t in old_texts]
    new_norm = [_norm(t) for t in new_texts]
    changes: list[Change] = []

    def removed(i: int) -> None:
        changes.append(Change(REMOVED, i, None, old_texts[i], "", old_spans[i], None))

    def added(j: int) -> None:
        changes.append(Change(ADDED, None, j, "", new_texts[j], None, new_spans[j]))

    old_words = [t.split() for t in old_norm]
    new_words = [t.split() for t in new_norm]
    for op, i1, i2, j1, j2 in SequenceMatcher(None, old_norm, new_norm, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        if op == "delete":
            for i in range(i1, i2):
                removed(i)
            continue
        if op == "insert":
            for j in range(j1, j2):
                added(j)
            continue
        pairs = _pair(old_words, new_words, i1, i2, j1, j2)
        i, j = i1, j1
        for pi, pj in pairs + [(i2, j2)]:
            while i < pi:
                removed(i)
                i += 1
            while j < pj:
                added(j)
                j += 1
            if pi < i2:
                changes.append(Change(REWORDED, pi, pj, old_texts[pi], new_texts[pj], old_spans[pi], new_spans[pj],
                                      word_diff(old_texts[pi], new_texts[pj])))
                i, j = pi + 1, pj + 1
    # A paragraph removed in one place and added, the same, in another was moved.
    gone: dict[str, int] = {}
    for k, c in enumerate(changes):
        if c.kind == REMOVED and c.old is not None:
            gone.setdefault(old_norm[c.old], k)
    drop = set()
    for c in changes:
        if c.kind == ADDED and c.new is not None:
            found = gone.pop(new_norm[c.new], None)
            if found is not None:
                r = changes[found]
                c.kind, c.old, c.old_text, c.old_span = MOVED, r.old, r.old_text, r.old_span
                drop.add(found)
    return [c for k, c in enumerate(changes) if k not in drop]


def paragraph_map(old: Document, new: Document, changes: list[Change]) -> dict[int, int]:
    """Old paragraph index -> new index, for paragraphs that are kept, reworded or moved."""
    touched_old = {c.old for c in changes if c.old is not None}
    touched_new = {c.new for c in changes if c.new is not None}
    kept_old = [i for i in range(old.paragraph_count) if i not in touched_old]
    kept_new = [j for j in range(new.paragraph_count) if j not in touched_new]
    out = dict(zip(kept_old, kept_new, strict=False))
    for c in changes:
        if c.old is not None and c.new is not None:
            out[c.old] = c.new
    return out


# --- annotations --------------------------------------------------------------------------------------
def annotation_effects(old: Document, new: Document, targets: Mapping[str, Any] | Iterable[tuple[str, Any]],
                       changes: list[Change] | None = None) -> list[Effect]:
    """What the edit from old to new did to each annotation (id -> its W3C target).

    Each target is anchored in both versions (``reader.core.anchors.anchoring.anchor``).
    An effect names the change that touched it (``Effect.change``, an index into changes).
    """
    from reader.core.anchors.anchoring import anchor

    if changes is None:
        changes = compare(old, new)
    by_old = {c.old: k for k, c in enumerate(changes) if c.old is not None}
    by_new = {c.new: k for k, c in enumerate(changes) if c.new is not None}
    mapping = paragraph_map(old, new, changes)
    items = targets.items() if isinstance(targets, Mapping) else targets
    out = []
    for ann_id, target in items:
        a_old = anchor(old, target)
        if a_old.is_orphan:
            out.append(Effect(str(ann_id), WAS_ORPHAN))
            continue
        old_span = (a_old.start, a_old.end)
        old_quote = old.text[a_old.start:a_old.end]
        p_old = old.paragraph_at(a_old.start)
        a_new = anchor(new, target)
        if a_new.is_orphan:
            out.append(Effect(str(ann_id), ORPHANED, by_old.get(p_old), old_span, None, old_quote, ""))
            continue
        new_span = (a_new.start, a_new.end)
        new_quote = new.text[a_new.start:a_new.end]
        p_new = new.paragraph_at(a_new.start)
        change = by_old.get(p_old, by_new.get(p_new))
        if _norm(old_quote) != _norm(new_quote):
            status = CHANGED
        elif change is not None and changes[change].kind == REWORDED and mapping.get(p_old) == p_new:
            status = INTACT
        elif change is not None or mapping.get(p_old) != p_new:
            status = MOVED_ANN
        elif old_span != new_span:
            status = SHIFTED
        else:
            status = UNCHANGED
        out.append(Effect(str(ann_id), status, change, old_span, new_span, old_quote, new_quote))
    return out


# --- refreshing --------------------------------------------------------------------------------------
def _result(key: str, source: str, previous: Snapshot | None, snap: Snapshot, new: bool) -> RefreshResult:
    """The outcome: the first snapshot (old None), unchanged (old is new), or a new version compared."""
    new_doc = snap.document()
    if previous is None:
        return RefreshResult(key, source, False, None, snap, None, new_doc, [])
    if not new:
        return RefreshResult(key, source, False, previous, snap, new_doc, new_doc, [])
    old_doc = previous.document()
    return RefreshResult(key, source, True, previous, snap, old_doc, new_doc, compare(old_doc, new_doc))


def refresh(arg: str, *, timeout: float | None = None) -> RefreshResult:
    """Fetch a web page again (or re-read a saved page or a PDF); store a new snapshot if its
    text changed, and compare it with the version before. FetchError and the like (one
    line, nothing stored) when the source cannot be had; UsageError for text files."""
    from reader.core.sources import loader, snapshots

    kind = loader.refreshable(arg)
    if kind == loader.URL:
        from reader.core.sources.web import normalise_url

        key = snapshots.resolve(normalise_url(arg))
        snap, new, previous = loader.snapshot_url(arg, key=key, timeout=timeout)
        return _result(snap.key, arg.strip(), previous, snap, new)
    data, key, where = loader.file_source(arg)
    snap, new, previous = loader.snapshot_file(data, kind, key, where)
    return _result(key, where, previous, snap, new)


def compare_versions(arg: str, old: int | None = None, new: int | None = None) -> RefreshResult:
    """Compare two stored versions of a source (default: the newest with the one before) —
    no network. ArticleError when there are not two versions."""
    from reader.core.sources import snapshots

    key = source_key(arg)
    kept = snapshots.versions(key)
    if not kept:
        raise ArticleError(f"{arg}: no snapshots are kept for it")
    newer = kept[0] if new is None else snapshots.version(key, new)
    if old is None:
        older = next((s for s in kept if s.version < newer.version), None)
        if older is None:
            raise ArticleError(f"{arg}: only one version is kept (version {newer.version}); nothing to compare")
    else:
        older = snapshots.version(key, old)
    old_doc, new_doc = older.document(), newer.document()
    return RefreshResult(key, newer.source, True, older, newer, old_doc, new_doc, compare(old_doc, new_doc))


def source_key(arg: str) -> str:
    """The Document key of a source without opening it: a URL's stored key, a file's path."""
    from reader.core.sources import loader, snapshots

    if loader.is_url(arg):
        from reader.core.sources.web import normalise_url

        return snapshots.resolve(normalise_url(arg)) or normalise_url(arg)

    return loader.key_of_name(str(loader._path_of(arg).resolve()))


# --- Markdown -----------------------------------------------------------------------------------------
def _words_md(words: list[tuple[str, str]]) -> str:
    from reader.core.export.markdown import escape_inline

    out = []
    for kind, text in words:
        esc = escape_inline(text)
        if kind == SAME:
            out.append(esc)
        elif kind == REMOVED:
            out.append(f"~~{esc}~~")
        else:
            out.append(f"**{esc}**")
    return " ".join(out)


_STATUS_WORDS = {MOVED_ANN: "moved", CHANGED: "changed", ORPHANED: "orphaned", SHIFTED: "shifted",
                 UNCHANGED: "unchanged", WAS_ORPHAN: "already orphaned",
                 INTACT: "intact (its paragraph was edited elsewhere)"}


def effect_words(status: str) -> str:
    """What an edit did to an annotation, in words."""
    return _STATUS_WORDS.get(status, status)


def diff_markdown(result: RefreshResult, effects: list[Effect] | None = None, heading: int = 2) -> str:
    """The comparison as Markdown: a heading, a summary line, then each change (removed words
    struck through, added words in bold) and the annotations each one touched. Text from the
    article is escaped, so nothing in it can turn into Markdown."""
    from reader.core.export.markdown import escape_inline

    h = "#" * heading
    title = result.new_doc.title
    out = [f"{h} Changes to \u201c{escape_inline(title)}\u201d", ""]
    where = result.new_doc.meta.get("url") or result.new.source
    if result.old is not None and result.old.version == result.new.version:
        out.append(f"Unchanged since version {result.new.version} ({escape_inline(result.new.fetched)}) of "
                   f"{escape_inline(where)}.")
    elif result.old is not None:
        out.append(f"Version {result.old.version} ({escape_inline(result.old.fetched)}) and version "
                   f"{result.new.version} ({escape_inline(result.new.fetched)}) of {escape_inline(where)}: "
                   f"{escape_inline(result.summary.split(': ', 1)[-1])}.")
    else:
        out.append(escape_inline(result.summary) + ".")
    out.append("")
    touched: dict[int, list[Effect]] = {}
    for e in effects or []:
        if e.change is not None:
            touched.setdefault(e.change, []).append(e)
    for k, c in enumerate(result.changes):
        if c.kind == ADDED:
            out += [f"{h}# Paragraph {c.new + 1} (new): added", "", "> " + escape_inline(c.new_text)]  # type: ignore[operator]
        elif c.kind == REMOVED:
            out += [f"{h}# Paragraph {c.old + 1} (old): removed", "", "> ~~" + escape_inline(c.old_text) + "~~"]  # type: ignore[operator]
        elif c.kind == MOVED:
            out += [f"{h}# Paragraph {c.old + 1} moved to {c.new + 1}", "", "> " + escape_inline(c.new_text)]  # type: ignore[operator]
        else:
            out += [f"{h}# Paragraph {c.old + 1} (now {c.new + 1}): reworded", "", "> " + _words_md(c.words)]  # type: ignore[operator]
        out.append("")
        for e in touched.get(k, []):
            # (no id: its quote names it; a 36-character id meant nothing to a reader of the notes)
            line = f"- annotation {_STATUS_WORDS.get(e.status, e.status)}: \u201c{escape_inline(e.old_quote)}\u201d"
            if e.status == CHANGED:
                line += f" \u2192 \u201c{escape_inline(e.new_quote)}\u201d"
            out.append(line)
        if touched.get(k):
            out.append("")
    others = [e for e in effects or [] if e.change is None and e.status in (ORPHANED, CHANGED, MOVED_ANN)]
    if others:
        out += [f"{h}# Other annotations", ""]
        for e in others:
            out.append(f"- annotation {_STATUS_WORDS[e.status]}: \u201c{escape_inline(e.old_quote)}\u201d")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
