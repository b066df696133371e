"""Quote fidelity: a word-level diff of two passages that should say the same thing."""

from __future__ import annotations

from difflib import SequenceMatcher

from reader.core.text.document import normalise_for_search

SAME, REMOVED, ADDED = "same", "removed", "added"


def word_diff(a: str, b: str) -> list[tuple[str, str]]:
    """(kind, words) runs turning a into b. Curly and straight quotes, odd spaces count as equal."""
    wa, wb = a.split(), b.split()
    na = [normalise_for_search(w) for w in wa]
    nb = [normalise_for_search(w) for w in wb]
    out: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, na, nb, autojunk=False).get_opcodes():
        if op == "equal":
            out.append((SAME, " ".join(wb[j1:j2])))
            continue
        if i2 > i1:
            out.append((REMOVED, " ".join(wa[i1:i2])))
        if j2 > j1:
            out.append((ADDED, " ".join(wb[j1:j2])))
    return out
