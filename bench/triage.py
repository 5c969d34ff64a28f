"""Triage: category accuracy by cross-validation, training time, model size, prediction time.

    .venv/bin/python bench/triage.py                  # everything (about 15 minutes on 2 cores)
    .venv/bin/python bench/triage.py --only cfpb      # one part: banking77, cfpb, speed
    .venv/bin/python bench/triage.py --folds 2        # quicker, rougher estimate

Data (licences in docs/data.md): ../shared/data/banking77/train.csv (10,003 queries, 77 intents;
cross-validated on the train split only) and ../shared/data/cfpb1000/dataset.csv (1,000 CFPB
narratives, 5 products). Prints `metric: value unit` lines; progress goes to stderr.
"""

import argparse
import csv
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data"
BANKING = DATA / "banking77" / "train.csv"
CFPB = DATA / "cfpb1000" / "dataset.csv"


def load(path: Path, text: str, label: str) -> tuple[list[str], np.ndarray]:
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return [r[text] for r in rows], np.array([r[label] for r in rows])


def cross_validate(name: str, texts: list[str], labels: np.ndarray, folds: int) -> None:
    from sklearn.metrics import f1_score  # type: ignore[import-untyped]
    from sklearn.model_selection import StratifiedKFold  # type: ignore[import-untyped]

    from amends.triage.classifier import CategoryClassifier

    threshold = float(os.environ.get("AMENDS_TRIAGE_MIN_CONFIDENCE", "0.5"))
    accuracies, f1s, covered, right_when_sure = [], [], [], []
    splitter = StratifiedKFold(5, shuffle=True, random_state=0)
    for k, (train, test) in enumerate(splitter.split(np.zeros(len(labels)), labels)):
        if k >= folds:
            break
        print(f"{name}: fold {k + 1}/{folds}", file=sys.stderr, flush=True)
        model = CategoryClassifier().fit([texts[i] for i in train], labels[train].tolist())
        probs = model.probabilities([texts[i] for i in test])
        predicted = np.array(model.labels)[probs.argmax(axis=1)]
        right = predicted == labels[test]
        sure = probs.max(axis=1) >= threshold
        accuracies.append(right.mean())
        f1s.append(f1_score(labels[test], predicted, average="macro"))
        covered.append(sure.mean())
        right_when_sure.append(right[sure].mean())
    print(f"{name}_cv_folds: {min(folds, 5)} of 5")
    print(f"{name}_cv_accuracy: {np.mean(accuracies):.4f} ratio")
    print(f"{name}_cv_macro_f1: {np.mean(f1s):.4f} ratio")
    print(f"{name}_confident_share: {np.mean(covered):.4f} ratio (confidence >= {threshold})")
    print(f"{name}_accuracy_when_confident: {np.mean(right_when_sure):.4f} ratio")


def speed(texts: list[str], labels: np.ndarray) -> None:
    from amends.triage import signals
    from amends.triage.classifier import CategoryClassifier
    from amends.triage.embedding import get_embedder

    get_embedder()
    print("speed: training on the whole BANKING77 train split", file=sys.stderr, flush=True)
    started = time.perf_counter()
    model = CategoryClassifier().fit(texts, labels.tolist())
    print(f"train_10k_s: {time.perf_counter() - started:.1f} s ({len(texts)} examples)")
    data = model.to_bytes()
    print(f"model_size_mb: {len(data) / 1e6:.1f} MB")
    model = CategoryClassifier.from_bytes(data)
    sample = [texts[i] for i in np.random.default_rng(0).choice(len(texts), 500, replace=False)]
    predict_ms, explain_ms, signal_ms = [], [], []
    for text in sample:
        started = time.perf_counter()
        prediction = model.predict(text)
        predict_ms.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        model.telling_words(text, prediction.label)
        explain_ms.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        signals.read(text)
        signal_ms.append((time.perf_counter() - started) * 1000)
    print(f"predict_p50_ms: {statistics.median(predict_ms):.2f} ms")
    print(f"predict_p95_ms: {np.percentile(predict_ms, 95):.2f} ms")
    print(f"explain_p50_ms: {statistics.median(explain_ms):.2f} ms")
    print(f"signals_p50_ms: {statistics.median(signal_ms):.2f} ms")
    vectors = get_embedder().embed(texts[:2000])
    started = time.perf_counter()
    for i in range(100):
        np.argsort(-(vectors @ vectors[i]))[:5]
    print(f"neighbours_2000_candidates_ms: {(time.perf_counter() - started) * 10:.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--only", choices=["banking77", "cfpb", "speed"])
    parser.add_argument("--folds", type=int, default=5, help="How many of the 5 folds to run.")
    args = parser.parse_args()
    os.environ.setdefault("AMENDS_SECRET_KEY", "bench-only-secret-key-" + "x" * 30)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "amends.settings")
    import django

    django.setup()
    banking = load(BANKING, "text", "category")
    if args.only in (None, "cfpb"):
        cross_validate("cfpb1000", *load(CFPB, "narrative", "product"), args.folds)
    if args.only in (None, "banking77"):
        cross_validate("banking77", *banking, args.folds)
    if args.only in (None, "speed"):
        speed(*banking)


if __name__ == "__main__":
    main()
