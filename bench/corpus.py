"""Large test texts: the shared corpus when present, else generated text of the same shape."""

from __future__ import annotations

import random
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "tinyshakespeare.txt"

_WORDS = ["the", "council", "mayor", "police", "report", "said", "letter", "policy", "city", "union", "federal", "agents", "officers", "residents", "budget", "court", "claim", "evidence", "denied", "hearing", "week", "office", "building", "protest", "calls", "response", "request", "time", "public", "order", "law", "state", "county", "members", "board", "statement"]


def generated(n_bytes: int, seed: int = 0) -> str:
    """Deterministic prose: titled, paragraphs of sentences, about n_bytes long."""
    rng = random.Random(seed)
    out, size = ["Generated Text For Benchmarks\n\n"], 0
    while size < n_bytes:
        para = []
        for _ in range(rng.randint(2, 6)):
            words = [rng.choice(_WORDS) for _ in range(rng.randint(6, 24))]
            para.append(" ".join(words).capitalize() + rng.choice([".", ".", ".", "?", "!"]))
        chunk = " ".join(para) + "\n\n"
        out.append(chunk)
        size += len(chunk)
    return "".join(out)


def corpus_text() -> tuple[str, str]:
    """(text, where it came from): about 1.1 MB."""
    try:
        return CORPUS.read_text(encoding="utf-8"), str(CORPUS)
    except OSError:
        return generated(1_115_394), "generated (corpus missing)"


def big_article(copies: int = 5) -> tuple[str, str]:
    text, source = corpus_text()
    return text * copies, f"{copies} x {source}"


def markov(text: str, n_bytes: int, seed: int = 1) -> str:
    """Different sentences with the same vocabulary, for a second large document."""
    rng = random.Random(seed)
    words = text.split()
    nxt: dict[str, list[str]] = {}
    for a, b in zip(words, words[1:]):
        nxt.setdefault(a, []).append(b)
    w = rng.choice(words)
    out, size, line = [], 0, []
    while size < n_bytes:
        line.append(w)
        size += len(w) + 1
        w = rng.choice(nxt.get(w) or words)
        if len(line) > 12 and rng.random() < 0.2:
            out.append(" ".join(line))
            line = []
            if rng.random() < 0.3:
                out.append("")
    return "Second Document\n\n" + "\n".join(out)
