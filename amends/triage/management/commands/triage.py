"""``amends triage train|evaluate|import|retrain``: the category model from the command line.

``train`` and ``evaluate`` work on CSV files and need no database; ``import`` and ``retrain``
put a model in use on the desk.
"""

import csv
import sys
import time
from argparse import ArgumentParser
from pathlib import Path
from typing import Any, TextIO

import numpy as np
from django.core.management.base import BaseCommand, CommandError, CommandParser
from sklearn.metrics import f1_score  # type: ignore[import-untyped]

from amends.core.errors import AmendsError

from ... import services
from ...classifier import CategoryClassifier
from ...embedding import get_embedder

LONG_RUN = 200  # rows; fewer finish before a progress bar would be worth drawing


class ProgressBar:
    """A one-line bar on stderr, redrawn at most a few times a second."""

    def __init__(self, stream: TextIO, label: str, total: int) -> None:
        self.stream, self.label, self.total = stream, label, max(total, 1)
        self.shown = total >= LONG_RUN or label != "predicting"
        self.last = 0.0

    def update(self, done: int, stage: str = "") -> None:
        now = time.monotonic()
        if not self.shown or (done < self.total and now - self.last < 0.2):
            return
        self.last = now
        width = 30
        filled = int(width * done / self.total)
        bar = "#" * filled + "-" * (width - filled)
        self.stream.write(f"\r{self.label} [{bar}] {done}/{self.total} {stage:<12}")
        if done >= self.total:
            self.stream.write("\n")
        self.stream.flush()


def read_csv(path: Path, text_column: str, label_column: str | None) -> tuple[list[str], list[str]]:
    """The texts (and labels) in ``path``; rows with an empty text or label are skipped."""
    try:
        handle = path.open(newline="", encoding="utf-8-sig")
    except OSError as exc:
        raise CommandError(f"Cannot read {path}: {exc.strerror}.") from exc
    with handle:
        reader = csv.DictReader(handle)
        wanted = [text_column] + ([label_column] if label_column else [])
        missing = [c for c in wanted if c not in (reader.fieldnames or [])]
        if missing:
            raise CommandError(
                f"{path} has no column {missing[0]!r}; it has {', '.join(reader.fieldnames or [])}."
            )
        texts, labels = [], []
        for row in reader:
            text, label = (
                (row[text_column] or "").strip(),
                (row[label_column] or "").strip() if label_column else "",
            )
            if text and (label or not label_column):
                texts.append(text)
                labels.append(label)
    if not texts:
        raise CommandError(f"{path} has no rows with both a text and a label.")
    return texts, labels


class Command(BaseCommand):
    help = "Train, evaluate, import or retrain the triage category model."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, parser_class=CommandParser)
        train = actions.add_parser("train", help="Train a model on a labelled CSV file.")
        self._csv_arguments(train)
        train.add_argument("--out", required=True, type=Path, help="Where to write the model file.")
        evaluate = actions.add_parser("evaluate", help="Measure a model on a labelled CSV file.")
        self._csv_arguments(evaluate)
        evaluate.add_argument("--model", required=True, type=Path, help="The model file to measure.")
        load = actions.add_parser("import", help="Put a model file in use on the desk.")
        load.add_argument("model", type=Path)
        load.add_argument("--note", default="", help="A few words to tell this model apart.")
        retrain = actions.add_parser("retrain", help="Train on the desk's own labelled complaints now.")
        retrain.add_argument("--if-due", action="store_true", help="Only if enough corrections built up.")

    def _csv_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", type=Path, help="A CSV file with a header row.")
        parser.add_argument("--text-column", default="text")
        parser.add_argument("--label-column", default="category")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            getattr(self, f"_{options['action']}")(options)
        except AmendsError as exc:
            raise CommandError(exc.message) from exc

    def _train(self, options: dict[str, Any]) -> None:
        texts, labels = read_csv(options["file"], options["text_column"], options["label_column"])
        if len(set(labels)) < 2:
            raise CommandError("The file has examples of only one category; a classifier needs two or more.")
        bar = ProgressBar(sys.stderr, "training", 1)
        started = time.perf_counter()

        def progress(stage: str, done: int, total: int) -> None:
            bar.total = total
            bar.update(done, stage)

        model = CategoryClassifier().fit(texts, labels, progress)
        data = model.to_bytes()
        options["out"].write_bytes(data)
        seconds = time.perf_counter() - started
        self.stdout.write(f"trained_on: {len(texts)} examples")
        self.stdout.write(f"categories: {len(model.labels)}")
        self.stdout.write(f"train_s: {seconds:.1f}")
        self.stdout.write(f"model_mb: {len(data) / 1e6:.1f}")

    def _evaluate(self, options: dict[str, Any]) -> None:
        texts, labels = read_csv(options["file"], options["text_column"], options["label_column"])
        try:
            model = CategoryClassifier.from_bytes(options["model"].read_bytes())
        except OSError as exc:
            raise CommandError(f"Cannot read {options['model']}: {exc.strerror}.") from exc
        get_embedder()  # loaded once, before the clock starts, as in a running worker
        bar = ProgressBar(sys.stderr, "predicting", len(texts))
        predicted, times = [], []
        for i, text in enumerate(texts):
            started = time.perf_counter()
            predicted.append(model.predict(text).label)
            times.append((time.perf_counter() - started) * 1000)
            bar.update(i + 1)
        truth = np.array(labels)
        self.stdout.write(f"accuracy: {float(np.mean(np.array(predicted) == truth)):.4f}")
        self.stdout.write(f"macro_f1: {f1_score(truth, predicted, average='macro', zero_division=0):.4f}")
        self.stdout.write(f"p50_ms: {float(np.percentile(times, 50)):.1f}")

    def _import(self, options: dict[str, Any]) -> None:
        row = services.category_model_import(path=options["model"], note=options["note"])
        self.stdout.write(f"Model {row.pk} in use: {len(row.labels)} categories. New complaints use it now.")

    def _retrain(self, options: dict[str, Any]) -> None:
        bar = ProgressBar(sys.stderr, "training", 1)

        def progress(stage: str, done: int, total: int) -> None:
            bar.total = total
            bar.update(done, stage)

        row = services.category_model_train(progress=progress, force=not options["if_due"])
        if row is None:
            self.stdout.write("Not enough new corrections since the model in use learnt; nothing to do.")
            return
        self.stdout.write(f"Model {row.pk} in use: {row.note}.")
