"""The re-ranking trial's pools (bench/rerank_trial.py): what the engine has for each candidate."""

from __future__ import annotations

from bench.quality import load_dev
from bench.rerank_trial import pools, recall


def test_pools_hold_the_engines_figures_and_its_order_counts_its_hits():
    pair = next(p for p in load_dev() if p.name.startswith("lochner"))
    pool = pools(pair)
    assert sum(n for n, _rows in pool) == len(pair.links)
    figures = pool[0][1][0][0]
    assert {"score", "similarity", "quote", "denial", "order", "after_quote_1"} <= set(figures)
    assert pool[0][1][0][0]["score"] == 1.0  # the best candidate, as the engine ranks it
    assert recall(pool, lambda f: f["score"]) == 6  # the figure the trial reports for Lochner
