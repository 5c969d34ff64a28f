"""Text similarity from the WordLlama embeddings that ship inside the ``wordllama`` package.

Nothing is downloaded: the weights and the tokenizer are files in the installed package. The
package's own loader looks for the tokenizer in a folder the wheel does not have (``tokenizer/``
rather than ``tokenizers/``) and would then try the network, so the two files are opened here.
"""

from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

WEIGHTS = "weights/l2_supercat_256.safetensors"
TOKENIZER = "tokenizers/l2_supercat_tokenizer_config.json"


@lru_cache(maxsize=1)
def _model() -> Any:
    import wordllama  # type: ignore[import-untyped]
    from safetensors import safe_open
    from tokenizers import Tokenizer
    from wordllama.inference import WordLlamaInference  # type: ignore[import-untyped]

    root = Path(wordllama.__file__).parent
    tokenizer = Tokenizer.from_file(str(root / TOKENIZER))
    with safe_open(str(root / WEIGHTS), framework="np", device="cpu") as weights:
        matrix = weights.get_tensor("embedding.weight")
    return WordLlamaInference(matrix, tokenizer)


def embed(texts: list[str]) -> np.ndarray[Any, np.dtype[np.float32]]:
    """One unit-length vector per text (the mean of its token vectors)."""
    if not texts:
        return np.zeros((0, 256), dtype=np.float32)
    vectors: np.ndarray[Any, np.dtype[np.float32]] = _model().embed([t or " " for t in texts], norm=True)
    cleaned: np.ndarray[Any, np.dtype[np.float32]] = np.nan_to_num(vectors)
    return cleaned


def similarities(query: str, texts: list[str]) -> list[float]:
    """The cosine similarity of ``query`` to each of ``texts``, in order."""
    if not texts:
        return []
    vectors = embed([query, *texts])
    return [float(x) for x in vectors[1:] @ vectors[0]]
