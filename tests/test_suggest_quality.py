"""Suggestion quality on the development set (tests/pairs/real: four real exchanges, links drawn
by hand before any tuning), measured as ``python -m bench.quality`` measures it.

The issue's target for per-passage recall@3 is 0.6. The engine does not reach it (0.394,
against 0.345 for plain TF-IDF over the same sentences; the best any weighting of the same
lexical and structural signals reached, fitted to these very pairs, was 0.44): that test is
marked as an expected failure, strict, so it turns red the day the target is met and the mark
must go. The guard below it fails on any regression from today's figure.
"""

import pytest

from bench.quality import Tfidf, engine_factory, load_dev, load_secondary, measure, overall

TARGET = 0.6
TODAY = 0.38  # per-passage recall@3 measured when this file was written (0.394: 56 of 142), less 2 links


@pytest.fixture(scope="module")
def dev():
    pairs = load_dev()
    ours = [measure(p, engine_factory()) for p in pairs]
    base = [measure(p, Tfidf) for p in pairs]
    return overall(ours), overall(base), ours


@pytest.mark.xfail(strict=True, reason="issue 11 target not reached: per-passage recall@3 is 0.394 on the development set")
def test_per_passage_recall_at_3_meets_the_target(dev):
    ours, base, _rows = dev
    assert ours["recall@3 L>R"] >= TARGET
    assert ours["recall@3 L>R"] >= 1.5 * base["recall@3 L>R"]


def test_per_passage_recall_at_3_does_not_regress(dev):
    ours, base, _rows = dev
    assert ours["recall@3 L>R"] >= TODAY, ours["recall@3 L>R"]
    assert ours["recall@3 L>R"] > base["recall@3 L>R"]
    assert ours["recall@3 R>L"] >= base["recall@3 R>L"]


def test_quotations_are_labelled_repeats(dev):
    ours, _base, _rows = dev
    assert ours["quotes labelled repeats"] >= 0.9
    assert ours["repeats recall@3"] >= 0.9


def test_no_boilerplate_or_citation_fragment_in_the_top_10(dev):
    ours, _base, rows = dev
    assert ours["junk in top 10"] == 0, [(r["pair"], r["junk in top 10"]) for r in rows]


def test_global_list_at_least_as_good_as_tfidf(dev):
    ours, base, _rows = dev
    assert ours["recall@20"] >= base["recall@20"]
    assert ours["precision@10"] >= base["precision@10"]


def test_secondary_pairs_still_work():
    for pair in load_secondary():
        r = measure(pair, engine_factory())
        assert r["recall@3 L>R"] >= 0.7, r
        assert r["recall@20"] >= 0.5, r
        assert r["junk in top 10"] == 0, r
