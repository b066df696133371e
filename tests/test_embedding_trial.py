"""The embedding trial (bench/embedding_trial.py) scores what the README reports: its engine
row is the quality benchmark's figure, and a model that knew every answer would be seen to."""

from __future__ import annotations

import json
import random

from bench import embedding_trial
from bench.quality import engine_factory, load_dev, overall, run, starts
from reader.core.suggest.engine import Engine


def test_the_trial_scores_the_engine_as_the_quality_benchmark_does_and_sees_a_perfect_model(tmp_path):
    embedding_trial.main(["units", str(tmp_path)])
    units = json.loads((tmp_path / "units.json").read_text(encoding="utf-8"))
    rng = random.Random(7)
    vectors = {name: {side: [[rng.gauss(0, 1) for _ in range(16)] for _ in texts] for side, texts in sides.items()}
               for name, sides in units.items()}
    # A model that knows the answers: each hand-drawn answer gets its claim's vector.
    for pair in load_dev():
        eng = Engine(pair.left, pair.right)
        for link in pair.links:
            claim = eng.units_at("left", pair.left.sentence_at(starts(pair.left, link.left)[0])[2])[0]
            answer = eng.units_at("right", pair.right.sentence_at(starts(pair.right, link.right)[0])[2])[0]
            vectors[pair.name]["right"][answer] = vectors[pair.name]["left"][claim]
    (tmp_path / "vectors.json").write_text(json.dumps(vectors), encoding="utf-8")

    got = embedding_trial._score(str(tmp_path))

    assert got["engine"] == overall(run(load_dev(), engine_factory()))["recall@3 L>R"]
    # Claims with more than three answers cap what any ranking can reach (0.91 here).
    assert got["model alone"] >= 0.8
    assert got["engine + 2.0 x cosine"] > got["engine"]
