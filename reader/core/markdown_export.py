"""Markdown export: the annotations, links and notes of a pair of articles, for people.

Everything that comes from an article or a note is escaped so that it stays text: a note
reading ``# not a heading`` is a paragraph, a ``|`` never breaks the dispute table, and
HTML never becomes markup. The output depends only on the store's contents (no
timestamps), so an unchanged store exports byte-identical files. Re-exporting into an
existing file replaces only the part between the markers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reader.core.dispute import build_dispute_map
from reader.core.records import PASSIVE, RELATIONS
from reader.core.quote_diff import ADDED, REMOVED, SAME, word_diff
from reader.core.snippets import short

BEGIN = "<!-- reader:begin (generated; edits between these markers are replaced on export) -->"
END = "<!-- reader:end -->"

_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~$=])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_LEADING_MARKER = re.compile(r"^([-+]|\d{1,9}[.)])")  # list item, ordered item, or a rule ("- --")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@dataclass
class MarkdownOptions:
    tags: list[str] = field(default_factory=list)  # keep only annotations with any of these
    notes: bool = True
    dispute: bool = True
    title: str = "Reading notes"


def escape_inline(text: str) -> str:
    """Escape text so it renders literally inside a paragraph, list item or table cell."""
    text = _CONTROL.sub("\ufffd", text)
    text = " ".join(text.split())  # newlines and runs of space: one space
    text = _INLINE_SPECIAL.sub(r"\\\1", text)
    text = _ENTITY.sub(r"\\&", text)
    return _LEADING_MARKER.sub(lambda m: m.group(1)[:-1] + "\\" + m.group(1)[-1], text)


def escape_block(text: str) -> list[str]:
    """Escaped lines of a multi-line text; blank lines keep paragraphs apart."""
    text = _CONTROL.sub("\ufffd", text.replace("\r\n", "\n"))
    out = []
    for para in re.split(r"\n\s*\n", text.strip()):
        lines = [escape_inline(line) for line in para.split("\n") if line.strip()]
        if lines:
            out.append("  \n".join(lines) if len(lines) > 1 else lines[0])
    return out


def _tags(tags: list[str]) -> str:
    return " ".join(f"#{t}" for t in tags)


def render_markdown(workspace, options: MarkdownOptions | None = None) -> str:
    opt = options or MarkdownOptions()
    want = set(opt.tags)
    keep = (lambda a: bool(want.intersection(a.get("tags", [])))) if want else (lambda a: True)
    out: list[str] = [f"# {escape_inline(opt.title)}", ""]
    for doc in workspace.docs:
        outlet = doc.meta.get("outlet")
        line = f"- **{escape_inline(doc.title)}**, `{doc.name}`"
        if outlet:
            line += f", {escape_inline(outlet)}"
        out.append(line)
    out.append("")
    orphans_all = []
    for doc in workspace.docs:
        hls, orphans = workspace.annotations_in_order(doc)
        hls = [h for h in hls if keep(h.ann)]
        orphans_all += [(doc, a) for a in orphans if keep(a)]
        out += [f"## {escape_inline(doc.title)}", ""]
        if not hls:
            out += ["_No annotations._", ""]
        for h in hls:
            out += _annotation_block(workspace, doc, h.ann, doc.location(h.start), opt)
    if opt.dispute:
        out += _dispute_section(workspace, keep)
    if orphans_all:
        out += ["## Orphaned annotations", "", "_These passages were not found in the current text of their article._", ""]
        for doc, ann in orphans_all:
            out += _annotation_block(workspace, doc, ann, None, opt)
    return "\n".join(out).rstrip("\n") + "\n"


def _annotation_block(workspace, doc, ann: dict, loc, opt: MarkdownOptions) -> list[str]:
    out = [f"> {line}" for line in escape_block(workspace.quote(ann))] or ["> \u2026"]
    out.append("")
    meta = []
    if ann.get("tags"):
        meta.append(_tags(ann["tags"]))
    meta.append(f"paragraph {loc[0]}, sentence {loc[1]}" if loc else f"orphan from `{doc.name}`")
    out += [" \u00b7 ".join(meta), ""]
    if opt.notes and ann.get("note", "").strip():
        for i, para in enumerate(escape_block(ann["note"])):
            out += [("**Note:** " if i == 0 else "") + para, ""]
    links = workspace.partners(ann["id"])
    for link, other in sorted(links, key=lambda lo: (lo[0]["relation"], lo[1]["id"])):
        verb = link["relation"] if link["source"] == ann["id"] else PASSIVE[link["relation"]]
        other_doc = workspace.doc(other["doc"])
        where = other_doc.name if other_doc else other["doc"]
        other_quote = workspace.quote(other)
        line = f"- {verb} `{where}`: \u201c{escape_inline(short(other_quote))}\u201d"
        if opt.notes and link.get("note"):
            line += f" \u2014 {escape_inline(link['note'])}"
        out.append(line)
        if link["relation"] == "repeats":
            changes = word_diff(workspace.quote(ann), other_quote)
            if any(kind != SAME for kind, _ in changes):
                out.append("  - wording differs: " + " ".join(
                    f"~~{escape_inline(w)}~~" if kind == REMOVED else f"**{escape_inline(w)}**" if kind == ADDED
                    else escape_inline(short(w, 6)) for kind, w in changes))
    if links:
        out.append("")
    return out


def _dispute_section(workspace, keep) -> list[str]:
    dm = build_dispute_map(workspace)
    claims = [c for c in dm.claims if keep(c.ann)]
    out = ["## Dispute", ""]
    if not claims:
        return out + ["_No passage is tagged #claim or #allegation._", ""]
    answered = [c for c in claims if c.answered]
    unanswered = [c for c in claims if not c.answered]
    counts = dm.by_relation()
    summary = ", ".join(f"{counts[r]} {r}" for r in RELATIONS if counts.get(r))
    out += [f"{len(claims)} claims: {len(answered)} answered, {len(unanswered)} unanswered" + (f" ({summary})." if summary else "."), ""]
    out += ["| Claim | Article | Relation | Answer |", "| --- | --- | --- | --- |"]
    for c in claims:
        doc = workspace.doc(c.doc_key)
        name = doc.name if doc else c.doc_key
        if not c.answers:
            out.append(f"| {escape_inline(short(c.quote))} | `{name}` | **unanswered** | |")
        for a in c.answers:
            out.append(f"| {escape_inline(short(c.quote))} | `{name}` | {a.relation} | {escape_inline(short(a.quote))} |")
    out.append("")
    if unanswered:
        out += ["**Unanswered:**", ""]
        out += [f"- {escape_inline(short(c.quote, 20))}" for c in unanswered]
        out.append("")
    return out


def merge_into_file(existing: str | None, generated: str) -> str:
    """Put generated between the markers, keeping what the user wrote outside them."""
    block = f"{BEGIN}\n{generated.rstrip()}\n{END}\n"
    if not existing:
        return block
    b, e = existing.find(BEGIN), existing.find(END)
    if b != -1 and e > b:
        return existing[:b] + block + existing[e + len(END):].lstrip("\n")
    return existing.rstrip("\n") + "\n\n" + block
