"""Markdown export: the annotations, links and notes of a pair of articles, for people.

Everything that comes from an article or a note is escaped so that it stays text: a note
reading ``# not a heading`` is a paragraph, a ``|`` never breaks the dispute table, and
HTML never becomes markup. The output depends only on the store's contents (no
timestamps), so an unchanged store exports byte-identical files. Re-exporting into an
existing file replaces only the part between the markers.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field

from reader.core.anchors.anchoring import REANCHORED
from reader.core.anchors.selectors import quote_of
from reader.core.errors import EX_CANTCREAT, FsError
from reader.core.services.citation import inner_quotes
from reader.core.services.dispute import build_dispute_map
from reader.core.services.snapshot import WorkspaceView
from reader.core.store.records import Annotation, parse_tag
from reader.core.store.relations import REPEATS, counted
from reader.core.text.document import Document
from reader.core.text.quote_diff import ADDED, REMOVED, SAME, word_diff
from reader.core.text.safety import inert
from reader.core.text.snippets import short

BEGIN = "<!-- reader:begin (generated; edits between these markers are replaced on export) -->"
END = "<!-- reader:end -->"
_BEGIN_LINE = re.compile(r"^<!-- reader:begin\b.*-->[ \t]*$", re.M)
_END_LINE = re.compile(r"^<!-- reader:end -->[ \t]*$", re.M)
_BEGIN_ANY = re.compile(r"<!-- reader:begin\b")  # anywhere: a marker moved onto a line of text
_END_ANY = re.compile(r"<!-- reader:end\b")

_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~$=])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_LEADING_MARKER = re.compile(r"^([-+]|\d{1,9}[.)])")  # list item, ordered item, or a rule ("- --")
_SIMPLE_NAME = re.compile(r"[\w.-]{1,120}")


@dataclass
class MarkdownOptions:
    tags: list[str] = field(default_factory=list)  # keep only annotations with any of these
    notes: bool = True
    dispute: bool = True
    title: str = "Reading notes"


def escape_inline(text: str, line_start: bool = True) -> str:
    """Escape text so it renders literally inside a paragraph, list item or table cell.

    Control characters become the stand-ins the reader shows (␛, ␀, …; � for C1 codes and
    bidirectional overrides), so nothing in an article, a note or a file name can reorder or
    hide what is around it. A list marker it opens with ("1.", "-") is escaped unless the
    caller puts it after other text on the line (``line_start=False``): "127\\.0.0.1" read
    oddly in an article's source line.
    """
    text = inert(text)
    text = " ".join(text.split())  # newlines and runs of space: one space
    text = _INLINE_SPECIAL.sub(r"\\\1", text)
    text = _ENTITY.sub(r"\\&", text)
    if not line_start:
        return text
    return _LEADING_MARKER.sub(lambda m: m.group(1)[:-1] + "\\" + m.group(1)[-1], text)


def escape_block(text: str) -> list[str]:
    """Escaped lines of a multi-line text; blank lines keep paragraphs apart."""
    text = text.replace("\r\n", "\n")
    out = []
    for para in re.split(r"\n\s*\n", text.strip()):
        lines = [escape_inline(line) for line in para.split("\n") if line.strip()]
        if lines:
            out.append("  \n".join(lines) if len(lines) > 1 else lines[0])
    return out


def name_of(name: str) -> str:
    """An article's short name: as code when it is plain, else as escaped text."""
    return f"`{name}`" if _SIMPLE_NAME.fullmatch(name) else escape_inline(name)


def render_markdown(workspace: WorkspaceView, options: MarkdownOptions | None = None) -> str:
    opt = options or MarkdownOptions()
    want = set(opt.tags)

    def keep(a: Annotation) -> bool:
        return not want or bool(want.intersection(a.get("tags", [])))

    out: list[str] = [f"# {escape_inline(opt.title)}", ""]
    for doc in workspace.docs:
        out.append(f"- **{escape_inline(doc.title)}**, {name_of(doc.name)}" + _source_bits(doc))
    out.append("")
    orphans_all: list[tuple[Document, Annotation]] = []
    for doc in workspace.docs:
        hls, orphans = workspace.annotations_in_order(doc)
        kept = [h for h in hls if keep(h.ann)]
        orphans_all += [(doc, a) for a in orphans if keep(a)]
        out += [f"## {escape_inline(doc.title)}", ""]
        if not kept:
            out += ["_No annotations._", ""]
        for h in kept:
            out += _annotation_block(workspace, doc, h.ann, doc.location(h.start), opt)
    if opt.dispute:
        out += _dispute_section(workspace, keep)
    for doc in workspace.docs:
        out += _edits_section(workspace, doc)
    if orphans_all:
        out += ["## Orphaned annotations", "", "_These passages were not found in the current text of their article._", ""]
        for doc, ann in orphans_all:
            out += _annotation_block(workspace, doc, ann, None, opt)
    return "\n".join(out).rstrip("\n") + "\n"


def _source_bits(doc: Document) -> str:
    bits = [escape_inline(v, line_start=False) for v in (doc.meta.get("outlet"), doc.meta.get("author"), doc.date_shown)
            if v]
    url = doc.meta.get("url")
    if url:
        # no escapes inside an autolink: CommonMark reads "?id\\=1" as a backslash in the address
        bits.append(f"<{url}>" if _safe_url(url) else escape_inline(url))
    return "".join(f", {b}" for b in bits)


def _safe_url(url: str) -> bool:
    return bool(re.fullmatch(r"https?://[^\s<>\\`\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]+", url))


def _annotation_block(workspace: WorkspaceView, doc: Document, ann: Annotation, loc: tuple[int, int] | None,
                      opt: MarkdownOptions) -> list[str]:
    quote = workspace.quote(ann)
    if doc.structure is None and loc is not None and (loc[0] - 1) not in doc.kept_lines:
        # prose wrapped in its file (a Gutenberg text's 70 columns): one line, as the reader
        # shows it, not a hard break at every line of the file; verse keeps its lines
        quote = "\n\n".join(" ".join(part.split()) for part in re.split(r"\n\s*\n", quote))
    out = [f"> {line}" for line in escape_block(quote)] or ["> \u2026"]
    out.append("")
    meta = []
    if ann.get("tags"):
        # a tag is a word the reader made, but a hand-edited store can hold anything: inert
        meta.append(" ".join(f"#{t if parse_tag(t) == t else escape_inline(t)}" for t in ann["tags"]))
    meta.append(f"paragraph {loc[0]}, sentence {loc[1]}" if loc else f"orphan from {name_of(doc.name)}")
    out += [" \u00b7 ".join(meta), ""]
    changed = changed_wording(workspace, ann)
    if changed:
        out += ["_Changed since it was annotated_ (~~then~~ **now**): " + _diff_words(changed), ""]
    if opt.notes and ann.get("note", "").strip():
        for i, para in enumerate(escape_block(ann["note"])):
            out += [("**Note:** " if i == 0 else "") + para, ""]
    partners = workspace.partners(ann["id"])
    for p in sorted(partners, key=lambda p: (p.link["relation"], not p.outgoing, p.other["id"])):
        other_doc = workspace.doc(p.other["doc"])
        where = name_of(other_doc.name if other_doc else _short_key(p.other["doc"]))
        other_quote = workspace.quote(p.other)
        anchor = workspace.anchor_of(p.other["id"])
        if other_doc is not None and not anchor.is_orphan:
            p_no, s_no = other_doc.location(anchor.start)
            where += f" \u00b6{p_no}.{s_no}"  # where to find it, as the reader's screen says
        line = f"- {p.verb} {where}: \u201c{escape_inline(inner_quotes(short(other_quote, 40)))}\u201d"
        if other_doc is None:  # not looked for: it was called an orphan, intact in its own article
            line += " (in an article not in this export)"
        elif anchor.is_orphan:
            line += " (orphan: no longer in its article)"
        if opt.notes and p.link.get("note"):
            # a link's note may hold several (one per "link again"): kept apart, not run together
            line += " \u2014 " + " / ".join(escape_inline(para) for para in p.link["note"].split("\n\n") if para.strip())
        out.append(line)
        if p.link["relation"] == REPEATS:
            changes = word_diff(workspace.quote(ann), other_quote)
            if any(kind != SAME for kind, _ in changes):
                out.append("  - wording differs: " + _diff_words(changes))
    if partners:
        out.append("")
    return out


def _diff_words(changes: list[tuple[str, str]]) -> str:
    return " ".join(f"~~{escape_inline(w)}~~" if kind == REMOVED else f"**{escape_inline(w)}**" if kind == ADDED
                    else escape_inline(short(w, 6)) for kind, w in changes)


def changed_wording(workspace: WorkspaceView, ann: Annotation) -> list[tuple[str, str]]:
    """How a passage found again in a changed article differs from the words annotated
    (empty when it does not). A text file keeps no versions: without this, an export quoted
    words its author never wrote, as if annotated so (a third user's trial)."""
    if workspace.anchor_of(ann["id"]).status != REANCHORED:
        return []
    was, now = quote_of(ann["target"]), workspace.quote(ann)
    if " ".join(was.split()) == " ".join(now.split()):
        return []
    changes = word_diff(was, now)
    return changes if any(kind != SAME for kind, _ in changes) else []


def _edits_section(workspace: WorkspaceView, doc: Document) -> list[str]:
    """Silent edits: how the version shown differs from the one before it, with the
    annotations each edit touched (web pages, saved pages and PDFs keep their versions)."""
    try:
        version = int(doc.meta.get("version", "0"))
    except ValueError:
        return []
    if version < 2 or not doc.meta.get("snapshot"):
        return []
    from reader.core.errors import ReaderError
    from reader.core.sources.refresh import annotation_effects, compare_versions, diff_markdown

    try:
        result = compare_versions(doc.key, new=version)
    except ReaderError:
        return []
    hls, orphans = workspace.annotations_in_order(doc)
    targets = {a["id"]: a["target"] for a in [h.ann for h in hls] + orphans}
    if result.old_doc is None:
        return []
    effects = annotation_effects(result.old_doc, result.new_doc, targets, result.changes)
    return [*diff_markdown(result, effects).rstrip("\n").split("\n"), ""]


def _short_key(key: str) -> str:
    from reader.core.text.document import short_name

    return short_name(key)


def _dispute_section(workspace: WorkspaceView, keep) -> list[str]:  # type: ignore[no-untyped-def]
    dm = build_dispute_map(workspace)
    claims = [c for c in dm.claims if keep(c.ann)]
    out = ["## Dispute", ""]
    if not claims and dm.claims:  # (it had said no passage was tagged so)
        n = len(dm.claims)
        return out + [f"_The tag filter leaves out the {n} passage{'s' if n != 1 else ''} tagged #claim or "
                      "#allegation: export without it for the dispute._", ""]
    if not claims:
        return out + ["_No passage is tagged #claim or #allegation._", ""]
    answered = [c for c in claims if c.answered]
    unanswered = [c for c in claims if not c.answered]
    counts = dm.by_relation()
    summary = counted(counts)
    noun = "claim" if len(claims) == 1 else "claims"
    out += [f"{len(claims)} {noun}: {len(answered)} answered, {len(unanswered)} unanswered"
            + (f" ({summary})." if summary else "."), ""]
    out += ["| Claim | Article | Relation | Answer |", "| --- | --- | --- | --- |"]
    for c in claims:
        doc = workspace.doc(c.doc_key)
        name = name_of(doc.name if doc else _short_key(c.doc_key))
        if not c.answered:
            out.append(f"| {escape_inline(short(c.quote))} | {name} | **unanswered** | |")
        for a in c.answers:
            rel = f"{a.relation} (orphan: no longer in its article)" if a.orphan else a.relation
            answer_doc = workspace.doc(a.doc_key)
            where = name_of(answer_doc.name if answer_doc else _short_key(a.doc_key)) + (
                f" ¶{a.location[0]}.{a.location[1]}" if a.location else "")
            out.append(f"| {escape_inline(short(c.quote))} | {name} | {rel} | {escape_inline(short(a.quote))} ({where}) |")
    out.append("")
    if unanswered:
        out += ["**Unanswered:**", ""]
        out += [f"- {escape_inline(short(c.quote, 20))}" for c in unanswered]
        out.append("")
    return out


_ARTICLES_LINE = re.compile(r"^<!-- reader:articles ([0-9a-f]{12}) -->$", re.M)


def articles_id(keys: list[str]) -> str:
    """Which articles a notes file is about, as a short hash (no paths written into notes)."""
    return hashlib.sha1("\n".join(sorted(keys)).encode("utf-8", "surrogatepass")).hexdigest()[:12]


def articles_in(existing: str) -> str | None:
    """The articles id a notes file's generated part was written for (None: not said)."""
    m = _ARTICLES_LINE.search(existing)
    return m.group(1) if m else None


def made_for_others(path: str, articles: str) -> bool:
    """Whether the notes file at path was generated for other articles than ``articles``
    (False when it does not exist, cannot be read, or does not say)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return False  # a FIFO, a device, /dev/stdout: never opened to be read (it would wait)
        with open(path, encoding="utf-8", errors="replace") as fh:
            found = articles_in(fh.read(1 << 20))
    except (OSError, ValueError):
        return False
    return found is not None and found != articles


def free_notes_path(path: str, articles: str) -> str:
    """path, or "name-2.md", "name-3.md"... when path holds another pair's notes: two pairs of
    articles named alike ("left", "right") must not share one default notes file."""
    stem, ext = os.path.splitext(path)
    n = 2
    while made_for_others(path, articles):
        path = f"{stem}-{n}{ext}"
        n += 1
    return path


def merge_into_file(existing: str | None, generated: str, shown: str = "the file", articles: str = "") -> str:
    """Put generated between the markers, keeping what the user wrote outside them.

    Unbalanced markers (one missing, doubled, or out of order) are refused rather than
    guessed at: a guess could drop the user's own text. ``articles`` (``articles_id``) is
    written inside the generated part, so the reader can tell a file made for another pair.
    The user's text is kept byte for byte, line endings included; the generated part takes
    the file's own (Windows line endings when most of its lines have them).
    """
    mark = f"<!-- reader:articles {articles} -->\n" if articles else ""
    block = f"{BEGIN}\n{mark}{generated.rstrip()}\n{END}\n"
    if not existing:
        return block
    crlf = existing.count("\r\n")
    norm = existing.replace("\r\n", "\n") if crlf else existing
    where = _place(norm, shown)
    if crlf:
        # an attacker's notes with one CRLF line had every line of their own made CRLF
        eol = "\r\n" if 2 * crlf >= existing.count("\n") else "\n"
        block = block.replace("\n", eol)
        at = _original_offsets(existing)
        if where is None:
            return existing.rstrip("\r\n") + eol + eol + block
        b, e = at(where[0]), at(where[1])
        rest = existing[e:]
        return existing[:b] + block + (rest[2:] if rest.startswith("\r\n") else rest[1:] if rest.startswith("\n") else rest)
    if where is None:
        return existing.rstrip("\n") + "\n\n" + block
    b, e = where
    rest = existing[e:]
    return existing[:b] + block + (rest[1:] if rest.startswith("\n") else rest)  # your blank lines stay


def _original_offsets(original: str) -> Callable[[int], int]:
    """Offsets in original of offsets in original.replace("\\r\\n", "\\n") (a line end's
    offset maps to its "\\r")."""
    removed: list[int] = []  # offsets (in the text without them) of the line ends that had a "\\r"
    k = original.find("\r\n")
    while k != -1:
        removed.append(k - len(removed))
        k = original.find("\r\n", k + 2)
    return lambda i: i + bisect_left(removed, i)


def _place(existing: str, shown: str) -> tuple[int, int] | None:
    """(start of the begin marker, end of the end marker) in existing, or None when it has
    none (the block is added after the text); FsError when the markers cannot be trusted."""
    begins = list(_BEGIN_LINE.finditer(existing))
    ends = list(_END_LINE.finditer(existing))
    # A marker moved onto a line of text, outside the generated part (inside it, an article's
    # name may hold the marker's words, escaped by the export).
    outside = existing
    if len(begins) == 1 and len(ends) == 1 and begins[0].start() < ends[0].start():
        outside = existing[:begins[0].end()] + "\n" + existing[ends[0].start():]
    loose = len(_BEGIN_ANY.findall(outside)), len(_END_ANY.findall(outside))
    if loose != (len(begins), len(ends)):
        raise FsError(
            f"{shown} has a reader marker sharing its line with other text; the generated part cannot be told "
            "from your own text, so nothing was changed. Put each of <!-- reader:begin --> and <!-- reader:end --> "
            "back on a line of its own, or export to another file", EX_CANTCREAT)
    if not begins and not ends:
        return None
    if len(begins) == 1 and len(ends) == 1 and begins[0].start() < ends[0].start():
        return begins[0].start(), ends[0].end()
    raise FsError(
        f"{shown} has unbalanced reader markers ({len(begins)} begin, {len(ends)} end); the generated part "
        "cannot be told from your own text, so nothing was changed. Put back one pair of "
        "<!-- reader:begin --> / <!-- reader:end --> lines, or export to another file", EX_CANTCREAT)
