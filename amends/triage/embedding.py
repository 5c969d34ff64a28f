"""Sentence embeddings from the token table shipped inside the ``wordllama`` package.

The weights and tokenizer are read from the installed package's own files and nothing is ever
fetched: wordllama's loader would fall back to a download when it cannot find its tokenizer, so
the two files are opened here directly. One copy is kept per process.
"""

from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import numpy as np
import numpy.typing as npt
from safetensors import safe_open
from tokenizers import Tokenizer

DIM = 256
WEIGHTS = "weights/l2_supercat_256.safetensors"
TOKENIZER = "tokenizers/l2_supercat_tokenizer_config.json"
# Complaints can be long; the meaning of a complaint is in its first few hundred words, and a cap
# keeps embedding time bounded whatever a customer sends.
MAX_TOKENS = 512

Matrix = npt.NDArray[np.float32]


class Embedder:
    """Average-pooled, unit-length 256-dimensional vectors for short texts."""

    def __init__(self, table: Matrix, tokenizer: Tokenizer) -> None:
        self.table = np.ascontiguousarray(table, dtype=np.float32)
        self.tokenizer = tokenizer

    def embed(self, texts: list[str]) -> Matrix:
        return self._pooled(texts, np.mean)[0]

    def embed_max(self, texts: list[str]) -> Matrix:
        """Unit-length element-wise maxima of the token vectors: the strongest single words.

        Not a sentence vector for cosines (use ``embed``); the classifier reads it beside the mean.
        """
        return self._pooled(texts, np.max)[0]

    def embed_mean_and_max(self, texts: list[str]) -> tuple[Matrix, Matrix]:
        """``embed`` and ``embed_max`` of the same texts, tokenizing them once."""
        mean, maximum = self._pooled(texts, np.mean, np.max)
        return mean, maximum

    def _pooled(self, texts: list[str], *pools: Callable[..., Matrix]) -> list[Matrix]:
        out = [np.zeros((len(texts), self.table.shape[1]), dtype=np.float32) for _ in pools]
        for i, encoding in enumerate(self.tokenizer.encode_batch(texts, add_special_tokens=False)):
            ids = np.asarray(encoding.ids[:MAX_TOKENS], dtype=np.int64)
            if ids.size == 0:
                continue
            np.clip(ids, 0, self.table.shape[0] - 1, out=ids)
            vectors = self.table[ids]
            for pooled, pool in zip(out, pools, strict=True):
                vector = pool(vectors, axis=0)
                pooled[i] = vector / (np.linalg.norm(vector) + 1e-9)
        return out

    def embed_one(self, text: str) -> Matrix:
        vector: Matrix = self.embed([text])[0]
        return vector


def package_dir() -> Path:
    import wordllama  # type: ignore[import-untyped]

    return Path(wordllama.__file__).parent


@lru_cache(maxsize=1)
def get_embedder() -> Embedder:
    """The process-wide embedder, loaded once from the installed wordllama package."""
    root = package_dir()
    with safe_open(str(root / WEIGHTS), framework="np") as weights:
        table = weights.get_tensor("embedding.weight")
    tokenizer = Tokenizer.from_file(str(root / TOKENIZER))
    tokenizer.no_padding()
    tokenizer.no_truncation()
    return Embedder(table, tokenizer)


def to_bytes(vector: Matrix) -> bytes:
    """Store a vector in half precision: 512 bytes a complaint, ample for ranking by cosine."""
    return vector.astype(np.float16).tobytes()


def from_bytes(blob: bytes | memoryview) -> Matrix:
    return np.frombuffer(bytes(blob), dtype=np.float16).astype(np.float32)
