import csv
import re

import pytest
from django.core.management import CommandError, call_command

from amends.triage.models import CategoryModel

from .conftest import labelled_texts


@pytest.fixture
def training_csv(tmp_path):
    path = tmp_path / "labelled.csv"
    texts, labels = labelled_texts()
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["text", "category"])
        writer.writerows(zip(texts, labels, strict=True))
    return path


def test_train_then_evaluate_prints_the_three_measures(training_csv, tmp_path, capsys):
    model = tmp_path / "model.amends"
    call_command(
        "triage",
        "train",
        str(training_csv),
        "--text-column",
        "text",
        "--label-column",
        "category",
        "--out",
        str(model),
    )
    assert model.stat().st_size > 0
    capsys.readouterr()
    call_command(
        "triage",
        "evaluate",
        str(training_csv),
        "--model",
        str(model),
        "--text-column",
        "text",
        "--label-column",
        "category",
    )
    out = capsys.readouterr().out
    assert re.search(r"^accuracy: (0|1)\.\d{4}$", out, re.M)
    assert re.search(r"^macro_f1: (0|1)\.\d{4}$", out, re.M)
    assert re.search(r"^p50_ms: \d+\.\d$", out, re.M)
    assert float(re.search(r"accuracy: ([\d.]+)", out).group(1)) > 0.9


def test_train_shows_progress_on_stderr(training_csv, tmp_path, capsys):
    call_command("triage", "train", str(training_csv), "--out", str(tmp_path / "m"))
    captured = capsys.readouterr()
    assert "training [" in captured.err
    assert "[" not in captured.out


def test_a_missing_column_is_named_in_the_error(training_csv, tmp_path):
    with pytest.raises(CommandError, match="no column 'story'"):
        call_command(
            "triage", "train", str(training_csv), "--text-column", "story", "--out", str(tmp_path / "m")
        )


@pytest.mark.django_db
def test_import_puts_the_model_in_use_on_the_desk(training_csv, tmp_path, capsys):
    model = tmp_path / "model.amends"
    call_command("triage", "train", str(training_csv), "--out", str(model))
    call_command("triage", "import", str(model))
    active = CategoryModel.objects.get(is_active=True)
    assert set(active.labels) == {"delivery", "charges", "account"}
    call_command("triage", "import", str(model), "--note", "again")
    assert CategoryModel.objects.filter(is_active=True).get().note == "again"


@pytest.mark.django_db
def test_import_refuses_a_file_that_is_not_a_model(tmp_path):
    bogus = tmp_path / "bogus.pkl"
    bogus.write_bytes(b"\x80\x04\x95 not a model")
    with pytest.raises(CommandError, match="not an Amends category model"):
        call_command("triage", "import", str(bogus))
    assert not CategoryModel.objects.exists()


@pytest.mark.django_db
def test_retrain_command_trains_on_the_desks_labelled_complaints(labelled_desk, capsys):
    call_command("triage", "retrain")
    assert "in use" in capsys.readouterr().out
    assert CategoryModel.objects.filter(is_active=True).count() == 1
