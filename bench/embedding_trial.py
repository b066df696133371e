"""Would sentence embeddings find the answers the engine misses? A trial on the development set.

The engine ranks an answer by its words, its quotations, its context and its cues. A model
that knows paraphrase might close the vocabulary gap ("unhealthy" against "palefaced and of
more delicate health"). This script measures that on the same hand-drawn links as
``python -m bench.quality``, in three steps, because the model may need its own environment
(all-MiniLM-L6-v2 needs PyTorch, which the reader does not install):

    python -m bench.embedding_trial units DIR              # the engine's units of every pair, as JSON
    python -m bench.embedding_trial embed DIR --model M    # their vectors (M: wordllama, or a folder
                                                           # sentence-transformers can load)
    python -m bench.embedding_trial score DIR              # recall@3: engine, model alone, fused

Vectors are kept as JSON (``vectors.json``), so scoring needs no NumPy. ``score`` prints
per-passage recall@3 (claim to answer) for the engine, the model alone (the cosine of the
claim's and each candidate's vectors, centred first), reciprocal rank fusion of the two
rankings, and the engine's score plus a multiple of the cosine.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys


def _units(folder: str) -> None:
    from bench.quality import load_dev
    from reader.core.suggest.engine import Engine

    out = {}
    for p in load_dev():
        eng = Engine(p.left, p.right)
        out[p.name] = {s: [u.text for u in eng.units[s]] for s in ("left", "right")}
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "units.json"), "w", encoding="utf-8") as f:
        json.dump(out, f)


def _embed(folder: str, model: str) -> None:
    if model == "wordllama":
        # The wheel carries its weights and tokenizer, but its loader looks for the tokenizer
        # in a cache folder: copy both there and forbid the download.
        import shutil
        import tempfile

        import wordllama
        from wordllama import WordLlama

        cache = tempfile.mkdtemp()
        base = os.path.dirname(wordllama.__file__)
        for sub in ("tokenizers", "weights"):
            os.makedirs(os.path.join(cache, sub))
            for name in os.listdir(os.path.join(base, sub)):
                if name.endswith((".json", ".safetensors")):
                    shutil.copy(os.path.join(base, sub, name), os.path.join(cache, sub))
        wl = WordLlama.load(cache_dir=cache, disable_download=True)

        def encode(texts: list[str]) -> list[list[float]]:
            return wl.embed(texts, norm=True).tolist()
    else:
        os.environ["HF_HUB_OFFLINE"] = "1"
        from sentence_transformers import SentenceTransformer

        st = SentenceTransformer(model, device="cpu")

        def encode(texts: list[str]) -> list[list[float]]:
            return st.encode(texts, batch_size=64, normalize_embeddings=True).tolist()

    with open(os.path.join(folder, "units.json"), encoding="utf-8") as f:
        units = json.load(f)
    vectors = {name: {side: encode(texts) for side, texts in sides.items()} for name, sides in units.items()}
    with open(os.path.join(folder, "vectors.json"), "w", encoding="utf-8") as f:
        json.dump(vectors, f)


def _centred(sides: dict[str, list[list[float]]]) -> dict[str, list[list[float]]]:
    """Each vector less the mean of both articles' vectors (what all passages share), unit length."""
    rows = [v for vs in sides.values() for v in vs]
    mean = [sum(col) / len(rows) for col in zip(*rows, strict=True)]
    out = {}
    for side, vs in sides.items():
        out[side] = []
        for v in vs:
            c = [x - m for x, m in zip(v, mean, strict=True)]
            norm = math.sqrt(sum(x * x for x in c)) or 1.0
            out[side].append([x / norm for x in c])
    return out


def _score(folder: str) -> dict[str, float]:
    from bench.quality import holds, load_dev, starts
    from reader.core.suggest.engine import Engine

    with open(os.path.join(folder, "vectors.json"), encoding="utf-8") as f:
        vectors = json.load(f)
    hits: dict[str, list[bool]] = {}
    for p in load_dev():
        eng = Engine(p.left, p.right)
        right = eng.units["right"]
        vecs = _centred(vectors[p.name])
        spans = [(u.start, u.end) for u in right]
        for link in p.links:
            lp, rp = starts(p.left, link.left), starts(p.right, link.right)
            claim = p.left.sentence_at(lp[0])[2]
            # The engine's first 20 (a longer list costs its diversity pass the square of its
            # length), then the rest in the article's order, with no score.
            first = eng.answers_for("left", claim, 20)
            escore = {(h.right.start, h.right.end): h.score for h in first}
            ranked = list(escore) + [sp for sp in spans if sp not in escore]
            erank = {sp: r for r, sp in enumerate(ranked)}
            escore = {sp: escore.get(sp, 0.0) for sp in spans}
            mine = [vecs["left"][i] for i in eng.units_at("left", claim)]
            q = [sum(col) / len(mine) for col in zip(*mine, strict=True)]
            cos = {spans[j]: sum(a * b for a, b in zip(q, v, strict=True)) for j, v in enumerate(vecs["right"])}
            srank = {sp: r for r, sp in enumerate(sorted(cos, key=lambda sp: -cos[sp]))}

            def top3(key, name: str) -> None:  # type: ignore[no-untyped-def]
                hits.setdefault(name, []).append(any(holds(sp, rp) for sp in sorted(erank, key=key)[:3]))

            top3(lambda sp: erank[sp], "engine")
            top3(lambda sp: srank[sp], "model alone")
            for k in (10, 30):
                for w in (0.5, 1.0):
                    top3(lambda sp, k=k, w=w: -(1 / (k + erank[sp]) + w / (k + srank[sp])),
                         f"rank fusion k={k} w={w}")
            for a in (0.5, 1.0, 2.0):
                top3(lambda sp, a=a: -(escore[sp] + a * max(0.0, cos[sp])), f"engine + {a} x cosine")
    for name, xs in hits.items():
        print(f"{name:28} {sum(xs) / len(xs):.3f}  ({sum(xs)} of {len(xs)})")
    return {name: sum(xs) / len(xs) for name, xs in hits.items()}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.embedding_trial", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("step", choices=["units", "embed", "score"])
    p.add_argument("folder")
    p.add_argument("--model", default="wordllama")
    args = p.parse_args(argv)
    {"units": lambda: _units(args.folder), "embed": lambda: _embed(args.folder, args.model),
     "score": lambda: _score(args.folder)}[args.step]()
    return 0


if __name__ == "__main__":
    sys.exit(main())
