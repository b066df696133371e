"""Repaint only what changed, when what changed is in far-apart places.

Textual draws a frame's changes by rendering the one rectangle that bounds all of them.
On the reading screen that rectangle is often the whole screen: deleting in the
annotations panel changes the panel's list (right, full height), one row of the article
(left) and the status line (bottom, full width), and their bounding box is everything,
so a delete drew every widget on every row.

``ClusteredCompositor`` renders the changes in clusters instead: changed regions are
merged while their bounding box is not much larger than they are, and each cluster is
rendered on its own. From each cluster it keeps only the pieces ("chops") of rows that the
cluster covers, so a widget behind another never stands in for it.

Within a box it asks only the widgets that overlap it, only for the changed rows they have
in it, and skips a widget whose pieces there are all filled by widgets in front. Textual
asked every widget under the box for all of its rows (each taken from its line cache,
then cut into pieces), which cost more than drawing what had changed.

What is written to the terminal is unchanged: the same spans, from the same pieces.
``tests/test_partial_repaint.py`` checks that a screen built from these updates equals a
full render after every key.

It relies on two private parts of Textual's compositor (``_dirty_regions`` and
``_regions_to_spans``) besides its ``cuts`` and ``visible_widgets``; Textual is pinned to
a tested range in ``pyproject.toml``, and should they change the test above fails.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

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
        dirty = self._dirty_regions.copy()
        if not dirty:
            return None
        screen = self.size.region
        boxes: list[Region] = []
        if 2 <= len(dirty) <= MAX_REGIONS:
            boxes = [box for box in (b.intersection(screen) for b in clusters(dirty)) if box]
        if 2 <= len(boxes) <= MAX_CLUSTERS:
            self.clustered_frames += 1
        else:
            boxes = [Region.from_union(list(dirty)).intersection(screen)]  # Textual's one box
        self._dirty_regions.clear()
        spans = list(self._regions_to_spans(dirty))
        rows = {y for y, _, _ in spans}
        cuts = self.cuts
        chops: list[dict[int, Strip | None]] = [dict.fromkeys(cut_set[:-1]) for cut_set in cuts]
        for box in boxes:
            self._render_box(box, rows, chops)
        return ChopsUpdate(chops, spans, [cut_set[1:] for cut_set in cuts])

    def _render_box(self, box: Region, rows: set[int], chops: list[dict[int, Strip | None]]) -> None:
        """Fill ``chops`` with the pieces of ``box`` on the given rows, front to back.

        Unlike Textual's ``_render_chops``, it asks a widget only for the rows it has in
        the box, only where a widget in front has not already filled every piece, and only
        widgets that overlap the box: Textual asks every widget in the box's clip for all
        its rows (each from its line cache, then cut into pieces)."""
        cuts = self.cuts
        left, right = box.x, box.right
        for widget, (region, clip) in self.visible_widgets.items():
            seen = region.intersection(clip)
            if not seen.overlaps(box):
                continue
            first_cut, last_cut = seen.column_span
            from_x, to_x = max(first_cut, left), min(last_cut, right)
            wanted = []
            for y in range(max(seen.y, box.y), min(seen.bottom, box.bottom)):
                if y in rows:
                    row_cuts, line = cuts[y], chops[y]
                    # the pieces of this row that are in both the widget and the box
                    covered = range(bisect_right(row_cuts, from_x) - 1, bisect_left(row_cuts, to_x))
                    if any(line[row_cuts[i]] is None for i in covered):
                        wanted.append(y)
            if not wanted:
                continue  # hidden behind widgets in front of it
            top = wanted[0]
            strips = widget.render_lines(Region(seen.x - region.x, top - region.y, seen.width, wanted[-1] + 1 - top))
            for y in wanted:
                row_cuts, line = cuts[y], chops[y]
                first, last = bisect_left(row_cuts, first_cut), bisect_right(row_cuts, last_cut)
                # one piece per cut but the last (the widget's right edge)
                pieces = strips[y - top].divide([row_cuts[i] - seen.x for i in range(first + 1, last)])
                for i, piece in zip(range(first, last - 1), pieces, strict=False):
                    cut = row_cuts[i]
                    # only the pieces this box covers: elsewhere on its rows, a widget behind
                    # one that does not overlap the box would stand in for that one
                    if line[cut] is None and cut < right and row_cuts[i + 1] > left:
                        line[cut] = piece
