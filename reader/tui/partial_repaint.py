"""Repaint only what changed, when what changed is in far-apart places.

Textual draws a frame's changes by rendering the one rectangle that bounds all of them.
On the reading screen that rectangle is often the whole screen: deleting in the
annotations panel changes the panel's list (right, full height), one row of the article
(left) and the status line (bottom, full width), and their bounding box is everything,
so a delete drew every widget on every row.

``ClusteredCompositor`` renders the changes in clusters instead: changed regions are
merged while their bounding box is not much larger than they are, and each cluster is
rendered on its own. From each cluster it keeps only the pieces ("chops") of rows that the
cluster covers, so a widget behind another never stands in for it. What is written to the
terminal is unchanged: the same spans, from the same pieces. ``tests/test_partial_repaint.py``
checks that a screen built from these updates equals a full render after every key.

It relies on three private parts of Textual's compositor (``_dirty_regions``,
``_regions_to_spans``, ``_render_chops``); Textual is pinned to a tested range in
``pyproject.toml``, and should they change the test above fails.
"""

from __future__ import annotations

from textual._compositor import ChopsUpdate, Compositor
from textual.geometry import Region
from textual.strip import Strip

SLACK = 1.25  # merge two regions when their bounding box is at most this much larger
MAX_CLUSTERS = 8  # past this, one bounding box (Textual's way) is as cheap
MAX_REGIONS = 32  # merging is quadratic or worse: past this many changed regions, Textual's way


def clusters(regions: set[Region] | list[Region]) -> list[Region]:
    """The regions merged, two at a time, while a merged box is at most ``SLACK`` times the
    area of the two it replaces; what is left are boxes far apart from each other."""
    boxes = sorted(regions, key=lambda r: (r.y, r.x))
    changed = True
    while changed and len(boxes) > 1:
        changed = False
        for i in range(len(boxes)):
            for j in range(i + 1, len(boxes)):
                a, b = boxes[i], boxes[j]
                box = a.union(b)
                if box.area <= (a.area + b.area) * SLACK:
                    boxes[i] = box
                    del boxes[j]
                    changed = True
                    break
            if changed:
                break
    return boxes


class ClusteredCompositor(Compositor):
    clustered_frames = 0  # frames drawn in clusters (for tests and benchmarks)

    def render_partial_update(self) -> ChopsUpdate | None:
        screen = self.size.region
        dirty = self._dirty_regions.copy()
        if len(dirty) < 2 or len(dirty) > MAX_REGIONS:
            return super().render_partial_update()
        boxes = [box for box in (b.intersection(screen) for b in clusters(dirty)) if box]
        if len(boxes) < 2 or len(boxes) > MAX_CLUSTERS:
            return super().render_partial_update()
        self._dirty_regions.clear()
        self.clustered_frames += 1
        spans = list(self._regions_to_spans(dirty))
        cuts = self.cuts
        merged: list[dict[int, Strip | None]] = [dict.fromkeys(cut_set[:-1]) for cut_set in cuts]
        for box in boxes:
            rows = range(box.y, box.bottom)
            chops = self._render_chops(box, rows.__contains__)
            left, right = box.x, box.right
            for y in rows:
                line = merged[y]
                for (x, strip), end in zip(chops[y].items(), cuts[y][1:], strict=False):
                    # only the pieces this box covers: elsewhere on its rows, a widget behind
                    # one it does not overlap would have been drawn in that one's place
                    if strip is not None and line[x] is None and x < right and end > left:
                        line[x] = strip
        return ChopsUpdate(merged, spans, [cut_set[1:] for cut_set in cuts])
