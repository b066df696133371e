"""Order alignment: where in one article the other's passages are likely answered.

A reply usually follows what it answers in order: a debater takes the questions one by one,
a dissent follows the majority's points, an open letter answers a letter item by item. From
high-precision anchors (a passage quoting the other, or two passages that are each other's
best match by a clear margin) the heaviest chain increasing in both articles is kept (a
weighted longest increasing subsequence, so a reply that first quotes the whole original
and then answers it point by point is read by its answers), and positions between anchors
are interpolated. The distance of a candidate from the mapped position is then a prior:
``Alignment.prior(side, i, j)`` is 1 at the expected place and falls off with distance.
With fewer than ``MIN_ANCHORS`` anchors there is no prior (it is 0 everywhere).
"""

from __future__ import annotations

import math
from bisect import bisect_right

MIN_ANCHORS = 3


def heaviest_chain(anchors: list[tuple[int, int, float]]) -> list[tuple[int, int, float]]:
    """The chain of anchors strictly increasing in both coordinates with the largest total
    weight (O(n log n): a Fenwick tree of prefix maxima over the second coordinate)."""
    if not anchors:
        return []
    pts = sorted(set(anchors), key=lambda a: (a[0], -a[1]))
    ys = sorted({b for _a, b, _w in pts})
    rank = {y: k + 1 for k, y in enumerate(ys)}
    n = len(ys)
    tree_w = [0.0] * (n + 1)
    tree_k = [-1] * (n + 1)
    best = [0.0] * len(pts)
    prev = [-1] * len(pts)
    # Anchors sharing a first coordinate must not chain: they are handled as one group whose
    # queries all run before any of its updates.
    k = 0
    while k < len(pts):
        g = k
        while g < len(pts) and pts[g][0] == pts[k][0]:
            g += 1
        for t in range(k, g):
            r = rank[pts[t][1]] - 1
            w, p = 0.0, -1
            while r > 0:
                if tree_w[r] > w:
                    w, p = tree_w[r], tree_k[r]
                r -= r & -r
            best[t], prev[t] = w + pts[t][2], p
        for t in range(k, g):
            r = rank[pts[t][1]]
            while r <= n:
                if best[t] > tree_w[r]:
                    tree_w[r], tree_k[r] = best[t], t
                r += r & -r
        k = g
    t = max(range(len(pts)), key=lambda x: best[x])
    out = []
    while t >= 0:
        out.append(pts[t])
        t = prev[t]
    return out[::-1]


class Alignment:
    """A monotone map between unit positions of the left and right articles."""

    def __init__(self, chain: list[tuple[int, int, float]], n_left: int, n_right: int, width: float = 0.1) -> None:
        self.chain = chain
        self.n = {"left": n_left, "right": n_right}
        self.usable = len(chain) >= MIN_ANCHORS
        xs = [-1.0] + [float(a) for a, _b, _w in chain] + [float(n_left)]
        ys = [-1.0] + [float(b) for _a, b, _w in chain] + [float(n_right)]
        self._pts = {"left": (xs, ys), "right": (ys, xs)}
        # How far from the mapped place a passage still counts as near: a share of the other
        # article's length, at least 3 units.
        self.width = {s: max(3.0, width * n) for s, n in self.n.items()}

    def mapped(self, side: str, i: int) -> float:
        """Where unit i of side maps to in the other article (a fractional unit index)."""
        xs, ys = self._pts[side]
        k = bisect_right(xs, i) - 1
        k = min(max(k, 0), len(xs) - 2)
        x0, x1, y0, y1 = xs[k], xs[k + 1], ys[k], ys[k + 1]
        if x1 <= x0:
            return y0
        return y0 + (y1 - y0) * (i - x0) / (x1 - x0)

    def prior(self, side: str, i: int, j: int) -> float:
        """1 when unit j of the other article is where unit i of side maps to, towards 0 away."""
        if not self.usable:
            return 0.0
        other = "right" if side == "left" else "left"
        return math.exp(-abs(j - self.mapped(side, i)) / self.width[other])
