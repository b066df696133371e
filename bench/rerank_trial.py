"""Would a re-ranker learned from the engine's own figures find more answers? A trial.

For each hand-drawn link of the development set (``tests/pairs/real``), the claim is asked
about and the engine's 40 best candidates are kept, each with the figures the engine has
for it: its score relative to the best, its rank, its own similarity, context, quotation,
the stance cues, the order alignment, the distance after a quotation of the claim, its
length and whether its paragraph is the most similar. A model is trained on three pairs and
tested on the fourth, each pair in turn, and per-passage recall@3 is counted over the same
pools against the engine's own order.

    python -m bench.rerank_trial            # needs NumPy and scikit-learn (not installed by the
                                            # reader: use a scratch environment with the repo on
                                            # its path)

Measured 2026-12-06: logistic regression 47 of 142, boosted trees 53, the engine's own
order 54 (and 56 with its diversity step, the figure ``python -m bench quality`` prints).
"""

from __future__ import annotations

import math
import sys

from bench.quality import holds, load_dev, starts

POOL = 40


def pools(pair) -> list[tuple[int, list[tuple[dict[str, float], list[bool]]]]]:  # type: ignore[no-untyped-def]
    """[(links asked about, [(figures, holds each link's answer) for each candidate])] per claim."""
    from reader.core.suggest.engine import Engine

    eng = Engine(pair.left, pair.right)
    gold: dict = {}
    for link in pair.links:
        lp, rp = starts(pair.left, link.left), starts(pair.right, link.right)
        gold.setdefault(pair.left.sentence_at(lp[0])[2], []).append(rp)
    out = []
    for span, answers in gold.items():
        q = eng._query("left", span)
        opt = eng.options
        base = eng._candidates(q, opt.posting_cap_query, opt.rescore)
        scored = eng._scores(q, base, opt.posting_cap_query)
        top = sorted(scored.items(), key=lambda kv: -kv[1][0])[:POOL]
        if not top:
            out.append((len(answers), []))
            continue
        best = top[0][1][0] or 1.0
        units, cues = eng.units["right"], eng.cues["right"]
        align = eng.alignment if eng.alignment.usable else None
        where = align.mapped("left", q.units[len(q.units) // 2]) if align else 0.0
        quoted = [i for i, (_b, quote) in base.items() if quote.strength > 0.3]
        psims = eng.lex.dots(q.vec, "right", None, paragraphs=True)
        first_para = max(psims, key=psims.__getitem__) if psims else -1
        rows = []
        for rank, (i, (eff, own, ctx, quote)) in enumerate(top, 1):
            c = cues[i]
            after = min((i - j for j in quoted if i > j), default=99)
            figures = {
                "score": eff / best, "rank": 1.0 / rank, "own": own / best, "context": ctx / best,
                "quote": quote.strength, "repeat": float(quote.is_repeat), "similarity": eng.lex.similarity(q.vec, "right", i),
                "denial": c.denial, "contrast": c.contrast, "concede": c.concede, "hedge": c.hedge, "support": c.support,
                "question": c.question, "address": c.address, "claim": c.claim,
                "order": math.exp(-abs(i - where) / align.width["right"]) if align else 0.0,
                "after_quote_1": float(after == 1), "after_quote_3": float(2 <= after <= 3),
                "after_quote_8": float(4 <= after <= 8), "length": math.log(1 + len(units[i].words)),
                "best_paragraph": float(units[i].para == first_para),
            }
            rows.append((figures, [holds((units[i].start, units[i].end), rp) for rp in answers]))
        out.append((len(answers), rows))
    return out


def recall(pool, score) -> int:  # type: ignore[no-untyped-def]
    """Links whose answer is among the 3 candidates ``score`` ranks first."""
    hits = 0
    for n, rows in pool:
        order = sorted(range(len(rows)), key=lambda k: -score(rows[k][0]))[:3]
        hits += sum(any(rows[k][1][g] for k in order) for g in range(n))
    return hits


def main() -> int:
    try:
        import numpy as np
        from sklearn.ensemble import GradientBoostingClassifier
        from sklearn.linear_model import LogisticRegression
    except ImportError:
        print("needs NumPy and scikit-learn: pip install numpy scikit-learn (in a scratch environment)")
        return 1
    data = {p.name: pools(p) for p in load_dev()}
    names = sorted(data)
    keys = sorted(next(f for pool in data.values() for _n, rows in pool for f, _l in rows))
    totals = {"logistic": 0, "boosted": 0, "engine": 0}
    for test in names:
        x = np.array([[f[k] for k in keys] for n in names if n != test for _c, rows in data[n] for f, _l in rows])
        y = np.array([int(any(lab)) for n in names if n != test for _c, rows in data[n] for _f, lab in rows])
        models = {"logistic": LogisticRegression(max_iter=2000, class_weight="balanced").fit(x, y),
                  "boosted": GradientBoostingClassifier(n_estimators=100, max_depth=2, learning_rate=0.05,
                                                        subsample=0.8, random_state=0).fit(x, y)}
        row = {name: recall(data[test], lambda f, m=m: m.predict_proba([[f[k] for k in keys]])[0][1])
               for name, m in models.items()}
        row["engine"] = recall(data[test], lambda f: f["score"])
        links = sum(n for n, _rows in data[test])
        print(f"{test:32} " + "  ".join(f"{k} {v}/{links}" for k, v in row.items()))
        for k, v in row.items():
            totals[k] += v
    total = sum(n for pool in data.values() for n, _rows in pool)
    print("overall " + "  ".join(f"{k} {v}/{total} = {v / total:.3f}" for k, v in totals.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
