"""Learn the weights of the coach's sentence model (amends/coaching/analyzer/sentence_model.py).

    .venv/bin/python bench/coach_train.py            # train on every development set, write the weights
    .venv/bin/python bench/coach_train.py --loso     # leave-one-set-out: train without each set, score it

Only the development sets are read (gold, fresh, unseen, holdout2, holdout3, holdout4); the current
holdout is never opened here. Replies are labelled, sentences are not, so the model is taught the way
multiple-instance learning does it: every sentence of a reply that fails a rule is a negative; of a
reply that passes, first all its sentences (weighted to count as one), then only the sentence the
model scores highest, for a few rounds. A rule passes when its patterns pass it or a sentence scores
above a threshold; the threshold is the one that gives the best mean F1 over sets scored by models
that did not see them (leave-one-set-out inside the training sets), so it is not fitted in-sample.
The weights are written as JSON numbers, never pickled.
"""

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from amends.coaching.analyzer import sentence_model
from amends.coaching.analyzer.rules_voice import empathy_by_patterns
from amends.coaching.analyzer.text import Doc
from amends.coaching.analyzer.verdict import Verdict
from bench.coach import DEVELOPMENT, load

# The rules with a learned reading, and their patterns alone.
PATTERNS: dict[str, Callable[[Doc], Verdict]] = {"empathy": empathy_by_patterns}
ROUNDS = 3
C = 1.0


@dataclass(frozen=True)
class Reply:
    set: str
    id: str
    label: bool
    by_patterns: bool
    rows: Any  # one row of features per sentence


def replies(rule: str) -> list[Reply]:
    out = []
    for name, path in DEVELOPMENT.items():
        for item in load(path):
            doc = Doc(item.reply)
            texts = [s.text for s in doc.sentences] or [""]
            rows = np.array([sentence_model.features(t) for t in texts])
            out.append(Reply(name, item.id, item.labels[rule], PATTERNS[rule](doc).passed, rows))
    return out


def fit(train: list[Reply]) -> LogisticRegression:
    negatives = [r.rows for r in train if not r.label]
    passing = [r for r in train if r.label]
    positives = [r.rows for r in passing]
    weights = [np.full(len(rows), 1.0 / len(rows)) for rows in positives]
    model = LogisticRegression(C=C, max_iter=2000, class_weight="balanced")
    for _ in range(ROUNDS):
        x = np.vstack(negatives + positives)
        n_negative = sum(len(rows) for rows in negatives)
        y = np.r_[np.zeros(n_negative), np.ones(len(x) - n_negative)]
        model.fit(x, y, sample_weight=np.r_[np.ones(n_negative), np.concatenate(weights)])
        positives = [r.rows[[int(np.argmax(model.decision_function(r.rows)))]] for r in passing]
        weights = [np.ones(1) for _ in positives]
    return model


def top(model: LogisticRegression, reply: Reply) -> float:
    return float(np.max(model.decision_function(reply.rows)))


def f1(replies: list[Reply], predicted: list[bool]) -> float:
    tp = sum(1 for r, p in zip(replies, predicted, strict=True) if r.label and p)
    wrong = sum(1 for r, p in zip(replies, predicted, strict=True) if r.label != p)
    return 2 * tp / (2 * tp + wrong) if tp + wrong else 1.0


def combined(replies: list[Reply], scores: list[float], threshold: float) -> list[bool]:
    return [r.by_patterns or s > threshold for r, s in zip(replies, scores, strict=True)]


def mean_f1(replies: list[Reply], scores: list[float], threshold: float) -> float:
    sets = sorted({r.set for r in replies})
    predicted = combined(replies, scores, threshold)
    return float(
        np.mean(
            [
                f1(
                    [r for r in replies if r.set == s],
                    [p for r, p in zip(replies, predicted, strict=True) if r.set == s],
                )
                for s in sets
            ]
        )
    )


def threshold(train: list[Reply]) -> float:
    """The threshold with the best mean F1 over the training sets, each scored by a model without it."""
    scores: dict[str, float] = {}
    for left_out in sorted({r.set for r in train}):
        model = fit([r for r in train if r.set != left_out])
        scores.update({r.set + r.id: top(model, r) for r in train if r.set == left_out})
    ordered = [scores[r.set + r.id] for r in train]
    candidates = [*sorted({round(s, 1) for s in ordered}), float("inf")]
    return max(candidates, key=lambda t: (mean_f1(train, ordered, t), t))


def loso(rule: str, data: list[Reply]) -> None:
    for left_out in DEVELOPMENT:
        train = [r for r in data if r.set != left_out]
        test = [r for r in data if r.set == left_out]
        model, cut = fit(train), threshold(train)
        before = f1(test, [r.by_patterns for r in test])
        after = f1(test, combined(test, [top(model, r) for r in test], cut))
        print(f"loso_{left_out}_{rule}_f1: {before:.2f} -> {after:.2f} (patterns alone -> with the model)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--loso", action="store_true", help="report leave-one-set-out F1 instead of writing")
    args = parser.parse_args()
    rules: dict[str, dict[str, Any]] = {}
    for rule in PATTERNS:
        data = replies(rule)
        if args.loso:
            loso(rule, data)
            continue
        model, cut = fit(data), threshold(data)
        rules[rule] = {
            "coef": [round(float(c), 6) for c in model.coef_[0]],
            "intercept": round(float(model.intercept_[0]), 6),
            "threshold": cut,
        }
        print(f"{rule}: threshold {cut}, {len(data)} replies")
    if not args.loso:
        out = {"features": list(sentence_model.FEATURES), "rules": rules}
        sentence_model.WEIGHTS.write_text(json.dumps(out, indent=1) + "\n")
        print(f"wrote {sentence_model.WEIGHTS}")


if __name__ == "__main__":
    main()
