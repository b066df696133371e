"""Argdown export of the links: claims as statements, rebuttals and support as - and +.

Paste the output into the Argdown tools (argdown.org) to draw the argument map. Under a
statement, ``- [P2]: ...`` means P2 attacks it and ``+ [P2]: ...`` that P2 supports it,
so each relation is listed under its target, the passage it answers. Passages linked by
``repeats`` share one statement title, which Argdown reads as one equivalence class;
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


def escape(text: str, words: int = 40) -> str:
    """Text as Argdown reads it literally: one line, every special character escaped."""
    flat = inert(" ".join(text.split()))  # line breaks are spaces; other controls as the reader shows them
    return _SPECIAL.sub(r"\\\1", short(flat, words))


def render_argdown(workspace: WorkspaceView, title: str = "Reading notes") -> str:
    titles: dict[str, str] = {}

    def name(ann: Annotation) -> str:
        if ann["id"] not in titles:
            titles[ann["id"]] = f"P{len(set(titles.values())) + 1}"
        return titles[ann["id"]]

    # Repeats make one equivalence class: give both ends the same title.
    links = {lk["id"]: lk for doc in workspace.docs for h in workspace.annotations_in_order(doc)[0]
             for lk in workspace.store.links_of(h.id)}
    for link in sorted(links.values(), key=lambda lk: lk["id"]):
        if link["relation"] == REPEATS:
            src = workspace.store.annotation(link["source"])
            dst = workspace.store.annotation(link["target"])
            if src and dst:
                titles[dst["id"]] = name(src)

    out = ["===", f"title: {escape(title, 20)}", "===", ""]
    for doc in workspace.docs:
        hls, orphans = workspace.annotations_in_order(doc)
        anns = [h.ann for h in hls] + orphans
        linked = [a for a in anns if workspace.store.link_count(a["id"])]
        if not linked:
            continue
        out += [f"# {escape(doc.title, 20)}", ""]
        for ann in linked:
            tags = " ".join(f"#{t}" for t in ann.get("tags", []))
            out.append(f"[{name(ann)}]: {escape(workspace.quote(ann))}" + (f" {tags}" if tags else ""))
            for p in workspace.partners(ann["id"]):
                if p.outgoing:
                    continue  # a relation is listed under the passage it answers
                rel = RELATIONS[p.link["relation"]]
                body = f"[{name(p.other)}]: {escape(workspace.quote(p.other))}"
                other_doc = workspace.doc(p.other["doc"])
                where = escape(other_doc.name if other_doc else "another article", 8)
                if rel.name == REPEATS:
                    out.append(f"  // repeated in {where}: [{name(p.other)}]")
                elif rel.argdown:
                    out.append(f"  {rel.argdown} {body}" + (" #qualifies" if rel.name == "qualifies" else ""))
                else:
                    out.append(f"  // {rel.passive} [{name(p.other)}]: {escape(workspace.quote(p.other), 20)}")
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
