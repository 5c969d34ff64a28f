import io
import json
import zipfile

import pytest

from amends.triage.classifier import CategoryClassifier, Settings
from amends.triage.modelfile import ModelFileError

from .conftest import labelled_texts


@pytest.fixture(scope="module")
def model():
    texts, labels = labelled_texts()
    return CategoryClassifier().fit(texts, labels)


def test_classifier_files_unseen_wording_under_the_category_it_learnt(model):
    assert model.predict("The courier left my parcel at number 12 instead of my house").label == "delivery"
    assert model.predict("You have billed my card again after I stopped the subscription").label == "charges"
    assert (
        model.predict("The password reset email never arrives so I cannot get into my account").label
        == "account"
    )


def test_confidence_is_a_probability_and_lower_for_vague_text(model):
    clear = model.predict("I was charged twice on my card for a subscription I cancelled")
    vague = model.predict("Hello, I have a question about something")
    assert 0 <= vague.confidence < clear.confidence <= 1
    assert clear.confidence + sum(p for _, p in clear.alternatives) <= 1.0001
    assert {label for label, _ in clear.alternatives} == {"delivery", "account"}


def test_off_topic_text_is_less_sure_than_text_in_a_learnt_category(model):
    off_topic = model.predict("The weather is nice and my cat likes sleeping in the sun")
    on_topic = model.predict("My parcel went to the wrong address and the courier marked it delivered")
    assert off_topic.confidence < on_topic.confidence


def test_telling_words_are_words_from_the_text_that_point_to_the_category(model):
    text = "They overcharged my bank statement by forty pounds"
    words = [w for w, _ in model.telling_words(text, "charges")]
    assert words
    assert set(words) <= set(text.lower().split())
    assert "overcharged" in words


def test_model_file_round_trip_gives_the_same_predictions(model):
    loaded = CategoryClassifier.from_bytes(model.to_bytes())
    text = "My package went missing and the courier says delivered"
    assert loaded.labels == model.labels
    assert loaded.predict(text).label == model.predict(text).label
    assert loaded.predict(text).confidence == pytest.approx(model.predict(text).confidence, abs=0.01)


def test_a_file_that_is_not_a_model_is_refused_with_a_reason():
    with pytest.raises(ModelFileError, match="not an Amends category model"):
        CategoryClassifier.from_bytes(b"\x80\x04K\x01.")  # a pickle, which is never loaded


def test_an_altered_model_file_is_refused(model):
    original = zipfile.ZipFile(io.BytesIO(model.to_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as altered:
        for item in original.infolist():
            data = original.read(item.filename)
            if item.filename == "vocab-word.json":
                data = json.dumps(["tampered", *json.loads(data)[1:]]).encode()
            altered.writestr(item.filename, data)
    with pytest.raises(ModelFileError, match="checksum"):
        CategoryClassifier.from_bytes(out.getvalue())


def test_a_model_needs_two_categories():
    with pytest.raises(ValueError, match="two categories"):
        CategoryClassifier().fit(["a parcel", "another parcel"], ["delivery", "delivery"])


def _rewritten(data: bytes, change_header) -> bytes:
    original = zipfile.ZipFile(io.BytesIO(data))
    header = json.loads(original.read("meta.json"))
    change_header(header)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as rewritten:
        rewritten.writestr("meta.json", json.dumps(header))
        for item in original.infolist():
            if item.filename != "meta.json":
                rewritten.writestr(item.filename, original.read(item.filename))
    return out.getvalue()


def test_a_format_1_file_still_loads_and_scores_as_it_was_trained():
    def as_format_1(header):
        header["format"] = 1
        header["meta"]["settings"].pop("max_pooling")

    texts, labels = labelled_texts()
    before = CategoryClassifier(Settings(max_pooling=False)).fit(texts, labels)
    old = CategoryClassifier.from_bytes(_rewritten(before.to_bytes(), as_format_1))
    assert not old.settings.max_pooling
    text = "The courier left my parcel at number 12 instead of my house"
    assert old.predict(text).label == "delivery"
    assert old.predict(text).confidence == pytest.approx(before.predict(text).confidence, abs=0.01)


def test_a_file_of_a_format_this_version_cannot_read_is_refused_with_a_reason(model):
    def as_format_9(header):
        header["format"] = 9

    with pytest.raises(ModelFileError, match="format 9; this Amends reads format 1 or 2"):
        CategoryClassifier.from_bytes(_rewritten(model.to_bytes(), as_format_9))
