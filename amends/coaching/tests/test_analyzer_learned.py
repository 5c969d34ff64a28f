"""The learned sentence reading and the ownership read across two sentences.

Examples are written here, not taken from any of the labelled sets in bench/data/coach.
"""

import json

import pytest

from amends.coaching.analyzer import analyse, sentence_model


def verdict(rule: str, draft: str) -> bool:
    return analyse(draft).verdicts[rule].passed


def test_empathy_found_when_reply_names_the_customers_situation_in_other_words():
    draft = "Your father sat in the waiting room for five hours without anything to eat."
    result = analyse(draft).verdicts["empathy"]
    assert result.passed
    assert result.note == "says what it meant for them"


def test_learned_empathy_quotes_the_sentence_that_earned_it():
    draft = (
        "Thank you for writing. Your father sat in the waiting room for five hours without anything to eat. "
        "I will call you on Friday."
    )
    evidence = analyse(draft).verdicts["empathy"].evidence
    assert evidence is not None
    assert evidence.text == "Your father sat in the waiting room for five hours without anything to eat."


@pytest.mark.parametrize(
    "draft",
    [
        "I understand your frustration.",
        "We feel sorry for you.",
        "Your parcel was delivered on Tuesday.",
        "I will send you a new card by Friday.",
    ],
)
def test_learned_reading_gives_no_empathy_to_stock_lines_pity_or_plain_facts(draft):
    assert not verdict("empathy", draft)


def test_sentence_model_weights_are_plain_json_for_the_features_it_reads():
    data = json.loads(sentence_model.WEIGHTS.read_text())
    assert tuple(data["features"]) == sentence_model.FEATURES
    assert len(data["rules"]["empathy"]["coef"]) == len(sentence_model.FEATURES)


def test_sentence_model_refuses_weights_trained_on_other_features(tmp_path, monkeypatch):
    stale = tmp_path / "weights.json"
    stale.write_text(json.dumps({"features": ["old"], "rules": {}}))
    monkeypatch.setattr(sentence_model, "WEIGHTS", stale)
    sentence_model._weights.cache_clear()
    try:
        with pytest.raises(ValueError, match="other features"):
            sentence_model.strongest("empathy", [])
    finally:
        monkeypatch.undo()
        sentence_model._weights.cache_clear()


@pytest.mark.parametrize(
    ("draft", "expected"),
    [
        ("We booked you on the wrong ferry. I am so sorry.", True),
        ("Our courier left the parcel in the rain. I'm really sorry about that.", True),
        ("We received your email on Monday. I am sorry.", False),
        ("We looked at your account yesterday. I'm sorry.", False),
    ],
)
def test_ownership_counts_what_we_did_when_a_bare_apology_follows_it(draft, expected):
    assert verdict("ownership", draft) is expected


def test_ownership_is_undone_by_an_outside_reason_in_the_next_sentence():
    draft = "We were two hours late collecting you, and I am sorry. This was due to a shortage of drivers."
    assert not verdict("ownership", draft)
    assert verdict(
        "ownership", "We were two hours late collecting you, and I am sorry. I will refund the fare."
    )


@pytest.mark.parametrize(
    ("draft", "expected"),
    [
        ("Our steward was rude to you on the platform.", True),
        ("Our update on Friday locked you out of your account, and I'm sorry.", True),
        ("Sorry, that was our billing error.", True),
        ("Your first visit is on us.", False),
        ("The app is working fine on our end.", False),
        ("The refusal came from the shop's card machine, not from us.", False),
    ],
)
def test_ownership_reads_our_people_and_our_errors_said_in_other_words(draft, expected):
    assert verdict("ownership", draft) is expected
