"""Anchoring under random edits: how often annotations land on their passage.

``python -m bench.anchor_rates``: (a) edits elsewhere in the text (insertions and
deletions around the passage), (b) edits inside the passage itself. Reports the rates of
exact landings, approximate re-anchoring, orphans, and annotations moved onto other text.
"""

from __future__ import annotations

import random

from reader.core.anchors.anchoring import ANCHORED, ORPHAN, REANCHORED, anchor
from reader.core.anchors.selectors import describe
from reader.core.sources.articles import load_document
from reader.core.text.document import Document
from tests.test_anchoring import _edit


def main(trials: int = 2000) -> None:
    base = load_document("ice-union-allegation")
    sents = [span for _p, _i, span in base.all_sentences()][1:]
    rng = random.Random(0)
    counts = {"exact": 0, "moved": 0, "other": 0}
    for _ in range(trials):
        s, e = rng.choice(sents)
        target = describe(base, s, e)
        text, new_s = _edit(base.text, (s, e), rng, rng.randint(1, 20))
        a = anchor(Document(key=base.key, text=text), target)
        if a.status == ANCHORED and text[a.start:a.end] == base.text[s:e] and (a.start == new_s or text.count(base.text[s:e]) > 1):
            counts["exact"] += 1
        elif a.status != ORPHAN:
            counts["moved"] += 1
        else:
            counts["other"] += 1
    print(f"(a) edits elsewhere, {trials} trials: on their passage {counts['exact'] / trials:.1%}, "
          f"moved {counts['moved']}, orphaned {counts['other']}")
    inside = {ANCHORED: 0, REANCHORED: 0, ORPHAN: 0, "wrong": 0}
    for _ in range(trials):
        s, e = rng.choice(sents)
        target = describe(base, s, e)
        i = rng.randrange(s, e)
        j = min(e, i + rng.randint(1, max(1, (e - s) // 3)))
        ins = rng.choice(["", "X", " quite", "zzz", " not"])
        text = base.text[:i] + ins + base.text[j:]
        new_e = e - (j - i) + len(ins)
        a = anchor(Document(key=base.key, text=text), target)
        if a.status != ORPHAN and not (a.start < new_e and a.end > s):
            inside["wrong"] += 1
        else:
            inside[a.status] += 1
    print(f"(b) edits inside the passage, {trials} trials: re-anchored {inside[REANCHORED] / trials:.1%}, "
          f"orphaned {inside[ORPHAN] / trials:.1%}, exact {inside[ANCHORED] / trials:.1%}, "
          f"moved onto other text {inside['wrong']}")


if __name__ == "__main__":
    main()
