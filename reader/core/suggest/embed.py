"""Optional static word embeddings, for passages that say the same in other words.

Uses the 256-dimension WordLlama model ("l2_supercat") that the ``wordllama`` wheel ships
inside itself, with its tokenizer: nothing is downloaded, ever. We read the two files
directly (``tokenizers`` and ``safetensors``) rather than through wordllama's loader, which
looks for the tokenizer in a cache folder and would try the network when it is not there.

Measured on the development set (``python -m bench.quality --ablate``), the model did not
improve the suggestions (per-passage recall@3 0.38 with it, 0.39 without), so it is off unless
asked for: ``READER_EMBEDDINGS=1`` (with the ``embeddings`` extra installed), or
``Engine(..., embedder=WordVectors.load())``. Without the package, ``default()`` returns None
and the engine works on words alone.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from reader.core.suggest.words import STOPWORDS, TOKEN
from reader.core.text.document import normalise_for_search

_LOCK = threading.Lock()
_DEFAULT: object | None = None
_TRIED = False

WEIGHTS = "weights/l2_supercat_256.safetensors"
TOKENIZER = "tokenizers/l2_supercat_tokenizer_config.json"


def _package_dir() -> Path | None:
    import importlib.util

    spec = importlib.util.find_spec("wordllama")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def available() -> bool:
    try:
        import numpy  # noqa: F401
        import safetensors  # noqa: F401
        import tokenizers  # noqa: F401
    except ImportError:
        return False
    root = _package_dir()
    return root is not None and (root / WEIGHTS).exists() and (root / TOKENIZER).exists()


def default():
    """The shared model, loaded on first use; None unless READER_EMBEDDINGS=1 and installed."""
    global _DEFAULT, _TRIED
    if os.environ.get("READER_EMBEDDINGS", "0").strip().lower() not in ("1", "yes", "on", "true"):
        return None
    with _LOCK:
        if not _TRIED:
            _TRIED = True
            try:
                _DEFAULT = WordVectors.load() if available() else None
            except Exception:  # noqa: BLE001  (a broken install must not break suggestions)
                _DEFAULT = None
        return _DEFAULT


class WordVectors:
    """Sentence vectors as the mean of the token vectors of their content words."""

    def __init__(self, matrix, tokenizer) -> None:
        import numpy as np

        self.np = np
        self.matrix = np.ascontiguousarray(matrix.astype(np.float32))
        self.tokenizer = tokenizer
        self.tokenizer.no_padding()
        self.tokenizer.no_truncation()
        self.floor = 0.0

    @classmethod
    def load(cls, root: Path | None = None) -> WordVectors:
        from safetensors import safe_open
        from tokenizers import Tokenizer

        root = root or _package_dir()
        if root is None:
            raise FileNotFoundError("wordllama is not installed")
        tok = Tokenizer.from_file(str(root / TOKENIZER))
        with safe_open(str(root / WEIGHTS), framework="np") as f:
            matrix = f.get_tensor("embedding.weight")
        return cls(matrix, tok)

    @staticmethod
    def _content(text: str) -> str:
        toks = [t for t in TOKEN.findall(normalise_for_search(text).lower()) if t not in STOPWORDS and len(t) > 1]
        return " ".join(toks)

    def embed_texts(self, texts: list[str]):
        np = self.np
        dim = self.matrix.shape[1]
        out = np.zeros((len(texts), dim), dtype=np.float32)
        contents = [self._content(t) for t in texts]
        encs = self.tokenizer.encode_batch(contents, add_special_tokens=False) if contents else []
        vocab = self.matrix.shape[0]
        for i, enc in enumerate(encs):
            ids = [x for x in enc.ids if 0 <= x < vocab]
            if ids:
                out[i] = self.matrix[ids].mean(axis=0)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return out / norms

    def embed_units(self, units) -> object:
        return self.embed_texts([u.text for u in units])

    def embed_text(self, text: str):
        v = self.embed_texts([text])[0]
        return v if v.any() else None

    def similarities(self, qv, matrix):
        return matrix @ qv

    def top(self, sims, n: int) -> list[tuple[int, float]]:
        np = self.np
        if len(sims) == 0:
            return []
        n = min(n, len(sims))
        idx = np.argpartition(-sims, n - 1)[:n]
        return [(int(i), float(sims[i])) for i in idx]
