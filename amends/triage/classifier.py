"""The category classifier: TF-IDF words and characters plus wordllama meaning, one linear model.

Features, each block scaled to unit length and weighted:

- word uni- and bigrams (TF-IDF, sublinear counts): the exact words people use for a category;
- character 2-5-grams within words: misspellings, plurals, product codes;
- the wordllama sentence vector (the mean of its token vectors) beside their element-wise maximum:
  meaning when the words differ, and the strongest single word;
- an RBF kernel map of that vector (Nyström): lets a linear model draw curved boundaries in
  meaning, which a kernel machine does, at a linear model's cost.

A linear SVM over all of them gives a score per category; a softmax with a temperature fitted on
held-out folds turns scores into a confidence. Measured in ``bench/triage.py`` and
``docs/triage.md``: this beat each block alone, logistic regression and a vote of separate models;
adding a vote of the nearest training texts gained too little to keep.

Training uses scikit-learn; predicting needs only NumPy and SciPy, so a stored model is data
(``modelfile``), never pickle.
"""

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy import sparse  # type: ignore[import-untyped]
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer, TfidfVectorizer  # type: ignore[import-untyped]
from sklearn.kernel_approximation import Nystroem  # type: ignore[import-untyped]
from sklearn.model_selection import StratifiedKFold  # type: ignore[import-untyped]
from sklearn.svm import LinearSVC  # type: ignore[import-untyped]

from . import modelfile
from .embedding import get_embedder

Progress = Callable[[str, int, int], None]
Array = npt.NDArray[Any]

KIND = "linear-tfidf-wordllama"
# The score of an implicit "none of these" choice. A one-vs-rest SVM scores below zero a text
# that no category claims; with this in the softmax such a text gets a low confidence however
# sharp the temperature, so odd or off-topic complaints go to a person. -0.3 was measured on
# BANKING77 folds: 90% of predictions confident, 96% of those right (docs/triage.md).
NONE_SCORE = -0.3
# Small, easily separated training sets would otherwise fit a temperature near zero and be
# certain of everything.
MIN_TEMPERATURE = 0.15
WORD_TOKENS = r"(?u)\b\w\w+\b|\b\d\b"


@dataclass(frozen=True)
class Settings:
    """What shapes a model; stored in its file so predicting builds features the same way."""

    word_ngrams: tuple[int, int] = (1, 2)
    char_ngrams: tuple[int, int] = (2, 5)
    char_min_df: int = 2
    char_weight: float = 1.0
    embedding_weight: float = 2.0
    # The embedding block also holds the max-pooled token vectors (each half of unit length).
    max_pooling: bool = True
    kernel_weight: float = 1.0
    kernel_components: int = 600
    kernel_gamma: float = 1.0
    c: float = 0.5
    # The temperature is fitted on one of this many folds, held out from a model trained on the rest.
    calibration_folds: int = 2


# Long narratives (CFPB complaints: median 36 words even with stop words removed; BANKING77
# queries: median 10) carry their category in their words: character n-grams and the kernel map
# added noise there (5-fold CV on CFPB-1000: 0.737 with them, 0.768 without), while on short
# queries they help (BANKING77: +1 point).
LONG_TEXT = Settings(char_weight=0.0, kernel_weight=0.0, embedding_weight=0.5, c=0.3)
LONG_TEXT_WORDS = 30


def settings_for(texts: Sequence[str]) -> Settings:
    """The settings that measured best for texts of this length."""
    words = sorted(len(t.split()) for t in texts)
    return LONG_TEXT if words and words[len(words) // 2] >= LONG_TEXT_WORDS else Settings()


@dataclass(frozen=True)
class Prediction:
    label: str
    confidence: float
    alternatives: list[tuple[str, float]] = field(default_factory=list)


def _counter(
    vocabulary: dict[str, int] | list[str], *, analyzer: str, ngrams: tuple[int, int]
) -> CountVectorizer:
    return CountVectorizer(
        vocabulary=vocabulary,
        analyzer=analyzer,
        ngram_range=ngrams,
        lowercase=True,
        token_pattern=WORD_TOKENS if analyzer == "word" else None,
        dtype=np.float32,
    )


def _tfidf(counts: sparse.csr_matrix, idf: Array) -> sparse.csr_matrix:
    """Sublinear TF-IDF rows of unit length, as TfidfVectorizer(sublinear_tf=True) makes them."""
    # Scaled in place rather than by multiplying with diagonal matrices: at one text a call,
    # building those matrices cost more than the whole prediction.
    rows = sparse.csr_matrix(counts, dtype=np.float32)
    np.log(rows.data, out=rows.data)
    rows.data += 1.0
    rows.data *= idf[rows.indices]
    row_of = np.repeat(np.arange(rows.shape[0]), np.diff(rows.indptr))
    norms = np.sqrt(np.bincount(row_of, weights=rows.data**2, minlength=rows.shape[0]))
    norms[norms == 0] = 1.0
    rows.data /= norms[row_of].astype(np.float32)
    return rows


class CategoryClassifier:
    """Fit on labelled texts, predict a category with a confidence, explain, save and load."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self.chosen = settings is not None
        self.labels: list[str] = []
        self.word_vocab: list[str] = []
        self.char_vocab: list[str] = []
        self.arrays: dict[str, Array] = {}
        self.temperature = 1.0
        self.meta: dict[str, Any] = {}
        self._word: CountVectorizer | None = None
        self._char: CountVectorizer | None = None

    # Features -----------------------------------------------------------------------------

    def _vectorizers(self) -> tuple[CountVectorizer, CountVectorizer]:
        if self._word is None or self._char is None:
            s = self.settings
            self._word = _counter(self.word_vocab, analyzer="word", ngrams=s.word_ngrams)
            self._char = _counter(self.char_vocab, analyzer="char_wb", ngrams=s.char_ngrams)
        return self._word, self._char

    def _kernel(self, embeddings: Array) -> Array:
        centres, normaliser = self.arrays["kernel_centres"], self.arrays["kernel_normaliser"]
        distances = (
            (embeddings**2).sum(axis=1)[:, None]
            - 2 * embeddings @ centres.T
            + (centres**2).sum(axis=1)[None, :]
        )
        mapped = np.exp(-self.settings.kernel_gamma * np.maximum(distances, 0)) @ normaliser
        norms = np.linalg.norm(mapped, axis=1, keepdims=True)
        return np.asarray(mapped / np.maximum(norms, 1e-9), dtype=np.float32)

    def features(self, texts: Sequence[str], embeddings: Array | None = None) -> sparse.csr_matrix:
        """The feature rows of ``texts`` (``embeddings`` may be passed if already computed)."""
        word, char = self._vectorizers()
        texts = list(texts)
        maxima = None
        if embeddings is None:  # one tokenization for both poolings
            embeddings, maxima = get_embedder().embed_mean_and_max(texts)
        s = self.settings
        meaning = embeddings
        if s.max_pooling:
            if maxima is None:
                maxima = get_embedder().embed_max(texts)
            meaning = np.hstack([embeddings, maxima]) / np.sqrt(2)
        blocks = [
            _tfidf(word.transform(texts), self.arrays["word_idf"]),
            sparse.csr_matrix(meaning * s.embedding_weight),
        ]
        if s.char_weight:
            blocks.append(_tfidf(char.transform(texts), self.arrays["char_idf"]) * s.char_weight)
        if s.kernel_weight:
            blocks.append(sparse.csr_matrix(self._kernel(embeddings) * s.kernel_weight))
        return sparse.hstack(blocks, format="csr", dtype=np.float32)

    # Training ------------------------------------------------------------------------------

    def _fit_vocabularies(self, texts: list[str]) -> None:
        s = self.settings
        word = TfidfVectorizer(
            ngram_range=s.word_ngrams, sublinear_tf=True, token_pattern=WORD_TOKENS, dtype=np.float32
        ).fit(texts)
        self.word_vocab = word.get_feature_names_out().tolist()
        self.arrays["word_idf"] = word.idf_.astype(np.float32)
        self.char_vocab, self.arrays["char_idf"] = [""], np.ones(1, dtype=np.float32)
        if s.char_weight:
            char = TfidfVectorizer(
                analyzer="char_wb",
                ngram_range=s.char_ngrams,
                sublinear_tf=True,
                min_df=s.char_min_df,
                dtype=np.float32,
            ).fit(texts)
            self.char_vocab = char.get_feature_names_out().tolist()
            self.arrays["char_idf"] = char.idf_.astype(np.float32)
        self._word = self._char = None

    def _fit_kernel(self, embeddings: Array) -> None:
        s = self.settings
        if not s.kernel_weight:
            return
        n = min(s.kernel_components, len(embeddings))
        nystroem = Nystroem(kernel="rbf", gamma=s.kernel_gamma, n_components=n, random_state=0).fit(
            embeddings
        )
        self.arrays["kernel_centres"] = nystroem.components_.astype(np.float32)
        self.arrays["kernel_normaliser"] = nystroem.normalization_.astype(np.float32)

    def _fit_linear(self, rows: sparse.csr_matrix, y: Array) -> tuple[Array, Array]:
        svm = LinearSVC(C=self.settings.c, dual="auto", max_iter=5000).fit(rows, y)
        coef = svm.coef_.astype(np.float32)
        intercept = svm.intercept_.astype(np.float32)
        if len(self.labels) == 2:  # a binary SVM gives one score: that of the second label
            coef, intercept = np.vstack([-coef, coef]), np.concatenate([-intercept, intercept])
        return coef, intercept

    def fit(
        self, texts: Sequence[str], labels: Sequence[str], progress: Progress | None = None
    ) -> "CategoryClassifier":
        """Learn from ``texts`` and their ``labels`` (at least two different labels)."""
        texts, note = list(texts), progress or (lambda stage, done, total: None)
        if not self.chosen:
            self.settings = settings_for(texts)
        self.labels = sorted(set(labels))
        if len(self.labels) < 2:
            raise ValueError("A classifier needs examples of at least two categories.")
        y = np.array([self.labels.index(label) for label in labels])
        steps = 4
        note("embedding", 0, steps)
        embeddings = get_embedder().embed(texts)
        note("vocabulary", 1, steps)
        self._fit_vocabularies(texts)
        self._fit_kernel(embeddings)
        rows = self.features(texts, embeddings)
        self.temperature = self._calibrate(rows, y, lambda done: note("calibrating", 2 + done, steps))
        note("training", steps - 1, steps)
        self.arrays["coef"], self.arrays["intercept"] = self._fit_linear(rows, y)
        self.arrays.pop("coef_by_feature", None)
        note("done", steps, steps)
        self.meta = {"trained_on": len(texts)}
        return self

    def _calibrate(self, rows: sparse.csr_matrix, y: Array, done: Callable[[int], None]) -> float:
        """The softmax temperature that makes held-out confidences honest (least log-loss)."""
        folds = self.settings.calibration_folds
        smallest = int(np.bincount(y).min())
        if folds < 2 or smallest < 2:
            return 1.0
        # One held-out fold is plenty to fit one number, and every fold costs a training run on
        # most of the data: fitting both of two folds made training about a third longer.
        splitter = StratifiedKFold(min(folds, smallest), shuffle=True, random_state=0)
        train, held = next(splitter.split(np.zeros(len(y)), y))
        if len(set(y[train])) < len(self.labels):
            return 1.0
        coef, intercept = self._fit_linear(rows[train], y[train])
        scores, truth = rows[held] @ coef.T + intercept, y[held]
        done(1)
        best = min(np.geomspace(MIN_TEMPERATURE, 2.0, 40), key=lambda t: _log_loss(scores, truth, float(t)))
        return float(best)

    # Predicting ----------------------------------------------------------------------------

    def scores(self, texts: Sequence[str], embeddings: Array | None = None) -> Array:
        rows = self.features(texts, embeddings)
        if "coef_by_feature" not in self.arrays:
            # Row-major by feature, so the sparse product reads it in place instead of copying.
            self.arrays["coef_by_feature"] = np.ascontiguousarray(self.arrays["coef"].T)
        return np.asarray(rows @ self.arrays["coef_by_feature"] + self.arrays["intercept"])

    def probabilities(self, texts: Sequence[str], embeddings: Array | None = None) -> Array:
        return _softmax(self.scores(texts, embeddings), self.temperature)

    def predict(self, text: str, embedding: Array | None = None, top: int = 3) -> Prediction:
        """The likeliest label for one text, its confidence and the runners-up."""
        given = None if embedding is None else embedding[None, :]
        probs = self.probabilities([text], given)[0]
        order = np.argsort(-probs)[:top]
        ranked = [(self.labels[i], round(float(probs[i]), 4)) for i in order]
        return Prediction(label=ranked[0][0], confidence=ranked[0][1], alternatives=ranked[1:])

    def telling_words(self, text: str, label: str, limit: int = 5) -> list[tuple[str, float]]:
        """The words whose absence would most lower the score for ``label``.

        Each distinct word is taken out in turn and the text scored again: this explains the
        whole model (characters and meaning included), not only its word weights.
        """
        index = self.labels.index(label)
        found = (w.lower() for w in re.findall(r"\w[\w'-]*", text))
        words = [w for w in dict.fromkeys(found) if w not in ENGLISH_STOP_WORDS and len(w) > 1][:60]
        if not words:
            return []
        variants = [re.sub(rf"(?i)(?<!\w){re.escape(w)}(?!\w)", " ", text) for w in words]
        all_scores = self.scores([text, *variants])[:, index]
        drops = [(w, float(all_scores[0] - s)) for w, s in zip(words, all_scores[1:], strict=True)]
        drops.sort(key=lambda item: -item[1])
        return [(w, round(d, 3)) for w, d in drops[:limit] if d > 0]

    # Saving --------------------------------------------------------------------------------

    def to_bytes(self) -> bytes:
        meta = {
            "kind": KIND,
            "labels": self.labels,
            "temperature": self.temperature,
            "settings": {k: list(v) if isinstance(v, tuple) else v for k, v in vars(self.settings).items()},
            **self.meta,
        }
        arrays = {name: array for name, array in self.arrays.items() if name != "coef_by_feature"}
        # Half precision halves the file; the scores move by far less than the margins between
        # categories, and are computed in single precision once loaded.
        arrays["coef"] = arrays["coef"].astype(np.float16)
        vocabularies = {"word": self.word_vocab, "char": self.char_vocab}
        return modelfile.dumps(meta, vocabularies, arrays)

    @classmethod
    def from_bytes(cls, data: bytes) -> "CategoryClassifier":
        meta, vocabularies, arrays = modelfile.loads(data)
        if meta.get("kind") != KIND:
            raise modelfile.ModelFileError(f"This model is of kind {meta.get('kind')!r}, not {KIND!r}.")
        raw = dict(meta["settings"])
        fixed: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v for k, v in raw.items()}
        if meta.get("format", modelfile.FORMAT_VERSION) < 2:
            fixed["max_pooling"] = False  # format 1 models were trained on the mean vector alone
        settings = Settings(**fixed)
        model = cls(settings)
        model.labels = list(meta["labels"])
        model.temperature = float(meta["temperature"])
        model.word_vocab, model.char_vocab = vocabularies["word"], vocabularies["char"]
        model.arrays = {name: array.astype(np.float32) for name, array in arrays.items()}
        skip = {"kind", "labels", "temperature", "settings", "format"}
        model.meta = {k: v for k, v in meta.items() if k not in skip}
        return model


def _softmax(scores: Array, temperature: float) -> Array:
    """Probabilities of each label; what is left over is the chance it is none of them."""
    z = np.hstack([scores, np.full((len(scores), 1), NONE_SCORE)]) / temperature
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return np.asarray(e / e.sum(axis=1, keepdims=True))[:, :-1]


def _log_loss(scores: Array, y: Array, temperature: float) -> float:
    probs = _softmax(scores, temperature)[np.arange(len(y)), y]
    return -float(np.mean(np.log(np.maximum(probs, 1e-12))))
