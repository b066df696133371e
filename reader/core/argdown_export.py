"""Argdown export of the links: claims as statements, rebuttals and support as - and +.

Paste the output into the Argdown tools (argdown.org) to draw the argument map.
Passages linked by ``repeats`` share one statement title, which Argdown reads as one
equivalence class; ``qualifies`` is a tagged attack; ``answers`` a tagged support-free
mention, since Argdown has no neutral relation.
"""

from __future__ import annotations

import re

from reader.core.snippets import short

_SPECIAL = re.compile(r"([\[\]<>#*_\\])")


def _text(text: str, words: int = 40) -> str:
    return _SPECIAL.sub(r"\\\1", short(" ".join(text.split()), words))


def render_argdown(workspace, title: str = "Reading notes") -> str:
    titles: dict[str, str] = {}
    counter = {"n": 0}

    def name(ann: dict) -> str:
        if ann["id"] not in titles:
            counter["n"] += 1
            titles[ann["id"]] = f"P{counter['n']}"
        return titles[ann["id"]]

    # Repeats make one equivalence class: give both ends the same title.
    for link in sorted(workspace.store.links(), key=lambda l: l["id"]):
        if link["relation"] == "repeats":
            src = workspace.store.annotation(link["source"])
            dst = workspace.store.annotation(link["target"])
            if src and dst:
                titles[dst["id"]] = name(src)

    out = ["===", f"title: {title}", "===", ""]
    for doc in workspace.docs:
        hls, orphans = workspace.annotations_in_order(doc)
        anns = [h.ann for h in hls] + orphans
        linked = [a for a in anns if workspace.partners(a["id"])]
        if not linked:
            continue
        out += [f"# {_text(doc.title, 20)}", ""]
        for ann in linked:
            tags = " ".join(f"#{t}" for t in ann.get("tags", []))
            out.append(f"[{name(ann)}]: {_text(workspace.quote(ann))}" + (f" {tags}" if tags else ""))
            for link, other in workspace.partners(ann["id"]):
                if link["target"] != ann["id"]:
                    continue  # relations are listed under the passage they respond to
                rel = link["relation"]
                body = f"[{name(other)}]: {_text(workspace.quote(other))}"
                if rel == "rebuts":
                    out.append(f"  - {body}")
                elif rel == "supports":
                    out.append(f"  + {body}")
                elif rel == "qualifies":
                    out.append(f"  - {body} #qualifies")
                elif rel == "repeats":
                    out.append(f"  // repeated in {other['doc']}: [{name(other)}]")
                else:
                    out.append(f"  // answered by [{name(other)}]: {_text(workspace.quote(other), 20)}")
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
