"""Argdown export of the links: claims as statements, rebuttals and support as - and +.

Paste the output into the Argdown tools (argdown.org) to draw the argument map. Under a
statement, ``- [P2]: ...`` means P2 attacks it and ``+ [P2]: ...`` that P2 supports it,
so each relation is listed under its target, the passage it answers. Two passages linked
one to one by ``repeats`` share one statement title, which Argdown reads as one
equivalence class (a passage repeated by several, or repeating several, keeps its own);
``qualifies`` is a tagged attack; ``answers`` a comment, since Argdown has no neutral
relation.

Text is escaped by Argdown's own lexer rules (argdown-core ``lexer.ts``): its comments
(``//``, ``/*``, ``<!--``) are matched anywhere on a line, ``{...}`` is YAML data,
``===...===`` front matter, and ``[ ] < > @ # * _`` start references, mentions, tags and
emphasis. Each such character gets a backslash (Argdown's escaped character), and line
breaks become spaces, so no text can start a statement of its own.
"""

from __future__ import annotations

import re

from reader.core.services.snapshot import WorkspaceView
from reader.core.store.records import Annotation
from reader.core.store.relations import RELATIONS, REPEATS
from reader.core.text.safety import inert
from reader.core.text.snippets import short

_SPECIAL = re.compile(r"([\\/\[\]<>{}@#*_=])")


def escape(text: str, words: int | None = 40) -> str:
    """Text as Argdown reads it literally: one line, every special character escaped (cut
    after ``words`` words; None: whole)."""
    flat = inert(" ".join(text.split()))  # line breaks are spaces; other controls as the reader shows them
    return _SPECIAL.sub(r"\\\1", flat if words is None else short(flat, words))


CLAIM_TAGS = frozenset(("claim", "allegation"))


def render_argdown(workspace: WorkspaceView, title: str = "Reading notes") -> str:
    titles: dict[str, str] = {}
    made = 0  # titles made so far: the next is one more. (Counting the distinct titles on each
    # call took 115 s for 100,000 annotations, and after a repeat had taken a passage's title
    # away, the count could give a new passage a title still in use.)

    def name(ann: Annotation) -> str:
        nonlocal made
        if ann["id"] not in titles:
            made += 1
            titles[ann["id"]] = f"P{made}"
        return titles[ann["id"]]

    # A passage that repeats another, one to one, is one statement with it: both ends share a
    # title, which Argdown reads as one equivalence class. A passage quoting several (Brutus's
    # sentence naming three clauses of the Constitution that Hamilton quotes one by one) is
    # not one statement with each of them: the ends keep their titles, and a comment says where
    # the words are repeated. (Each link had given the target its source's title, the last
    # one winning: two passages were one node, and the sentence "repeated in" itself.)
    links = {lk["id"]: lk for doc in workspace.docs for h in workspace.annotations_in_order(doc)[0]
             for lk in workspace.store.links_of(h.id)}
    repeats = [lk for lk in sorted(links.values(), key=lambda lk: lk["id"]) if lk["relation"] == REPEATS]
    count: dict[str, int] = {}
    for link in repeats:
        for end in (link["source"], link["target"]):
            count[end] = count.get(end, 0) + 1
    for link in repeats:
        src = workspace.store.annotation(link["source"])
        dst = workspace.store.annotation(link["target"])
        if src and dst and count[src["id"]] == 1 and count[dst["id"]] == 1:
            titles[dst["id"]] = name(src)

    out = ["===", f"title: {escape(title, 20)}", "===", ""]
    for doc in workspace.docs:
        hls, orphans = workspace.annotations_in_order(doc)
        anns = [h.ann for h in hls] + orphans
        # the linked passages, and the claims no one has answered yet: for a fact-checker
        # the unanswered are the map's point (a new user found them missing)
        shown = [a for a in anns if workspace.store.link_count(a["id"]) or CLAIM_TAGS & set(a.get("tags", []))]
        if not shown:
            continue
        out += [f"# {escape(doc.title, 20)}", ""]
        for ann in shown:
            tags = " ".join(f"#{t}" for t in ann.get("tags", []))
            if not workspace.store.link_count(ann["id"]):
                tags += " #unanswered"
            out.append(f"[{name(ann)}]: {escape(workspace.quote(ann), None)}" + (f" {tags.strip()}" if tags.strip() else ""))
            for p in workspace.partners(ann["id"]):
                if p.outgoing:
                    continue  # a relation is listed under the passage it answers
                rel = RELATIONS[p.link["relation"]]
                other_doc = workspace.doc(p.other["doc"])
                # a passage of these articles is defined, whole, in its own article's section;
                # here it is named only (it was defined twice); one from elsewhere keeps its text
                body = f"[{name(p.other)}]" if other_doc is not None else \
                    f"[{name(p.other)}]: {escape(workspace.quote(p.other), None)}"
                where = escape(other_doc.name if other_doc else "another article", 8)
                note = " ".join(p.link.get("note", "").split())
                said = f" // note: {inert(note)}" if note else ""
                if rel.name == REPEATS:
                    named = "the same statement" if name(p.other) == name(ann) else f"[{name(p.other)}]"
                    out.append(f"  // repeated in {where}: {named}" + (f"; note: {inert(note)}" if note else ""))
                elif rel.argdown:
                    out.append(f"  {rel.argdown} {body}" + (" #qualifies" if rel.name == "qualifies" else "") + said)
                else:
                    out.append(f"  // {rel.passive} [{name(p.other)}]" + (f"; note: {inert(note)}" if note else ""))
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
