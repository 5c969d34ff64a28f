"""The coach's rules, one behaviour at a time. Examples are written here, not taken from the gold set."""

import pytest

from amends.coaching.analyzer import RULES, WEIGHTS, analyse


def verdict(rule: str, draft: str) -> bool:
    return analyse(draft).verdicts[rule].passed


@pytest.mark.parametrize(
    ("draft", "expected"),
    [
        ("Thank you for flagging the leak under the sink.", True),
        ("Thanks so much for your patience while we sorted the paperwork.", True),
        ("I appreciate you sending the photos of the dent.", True),
        ("Thank you for your understanding.", False),
        ("Thanks in advance for your co-operation with the survey.", False),
        ("Thanks to a fault at the depot, the van left late.", False),
        ("Best wishes and many thanks,\nRowan", False),
    ],
)
def test_thanks_counts_only_thanks_for_something_the_customer_gave(draft, expected):
    assert verdict("thanks", draft) is expected


@pytest.mark.parametrize(
    ("draft", "expected"),
    [
        ("We fitted the wrong hinge to your wardrobe door, and that was our mistake.", True),
        ("I should have rung you back on Wednesday as I promised.", True),
        ("Our plumber left the valve loose when he finished the job.", True),
        ("The hinge was fitted incorrectly.", False),
        ("We were late with your wardrobe, but that was down to unprecedented demand.", False),
        ("We missed the slot, but the real problem was that you gave us the wrong postcode.", False),
        ("Sorry if you feel our fitter was careless.", False),
    ],
)
def test_ownership_needs_a_first_person_admission_without_excuses(draft, expected):
    assert verdict("ownership", draft) is expected


@pytest.mark.parametrize(
    ("draft", "expected"),
    [
        ("I'm so sorry we sent your wedding invitations to the wrong printer.", True),
        ("Please accept my apologies for the confusion over your two accounts.", True),
        ("I'm sorry. You waited in all afternoon and we never turned up.", True),
        ("We apologise for any inconvenience caused.", False),
        ("Sorry if you were upset by our letter.", False),
        ("I'm sorry, but we cannot refund a ticket once it has been used.", False),
        ("We're sorry to hear about your experience at the pool.", False),
        ("We regret that the outcome was not what you hoped.", False),
        ("Apologies. As you didn't enclose the receipt, the claim was closed.", False),
    ],
)
def test_apology_must_be_for_what_happened_and_not_taken_back(draft, expected):
    assert verdict("apology", draft) is expected


@pytest.mark.parametrize(
    ("draft", "expected"),
    [
        ("I can imagine how stressful it was to see the bailiff letter arrive the week of your exams.", True),
        (
            "Standing in the cold for an hour with a sick toddler, waiting for a bus that never came, must "
            "have been miserable.",
            True,
        ),
        ("I understand your frustration.", False),
        ("We feel so sorry for you.", False),
        ("I understand how annoying this must be.", False),
        ("We value you as a customer and your satisfaction is our priority.", False),
    ],
)
def test_empathy_names_what_it_meant_for_the_customer_not_a_script_or_pity(draft, expected):
    assert verdict("empathy", draft) is expected


@pytest.mark.parametrize(
    ("draft", "expected"),
    [
        ("We took the wrong reading from your meter, so the bill is ours to correct.", True),
        ("The courier we chose dropped the box, and as we chose them, that is our responsibility.", True),
        ("You should have read the delivery terms before booking.", False),
        ("The form was not completed correctly, so the claim lapsed.", False),
        ("Our delivery partner lost the parcel in their depot.", False),
        ("Unfortunately our policy does not allow exchanges on swimwear.", False),
        ("The previous adviser gave you the wrong information.", False),
    ],
)
def test_no_blame_fails_when_the_cause_is_put_on_someone_else(draft, expected):
    assert verdict("no_blame", draft) is expected


@pytest.mark.parametrize(
    ("draft", "expected"),
    [
        ("We can send a new kettle tomorrow or refund the £39, whichever you prefer.", True),
        ("I've credited £20 to your account for the wasted afternoon.", True),
        ("We'll look into it and do our best.", False),
        ("We are unable to offer a refund on this occasion.", False),
        ("We could look at a partial refund once the review is done.", False),
    ],
)
def test_options_need_a_concrete_remedy_or_a_choice(draft, expected):
    assert verdict("options", draft) is expected


@pytest.mark.parametrize(
    ("draft", "expected"),
    [
        ("Your new card will reach you within three working days.", True),
        ("I'll ring you on Thursday before noon.", True),
        ("We'll have it fixed by 5pm tomorrow.", True),
        ("We'll have it fixed soon.", False),
        ("We hope to resolve this in the coming weeks.", False),
        ("You rang us on Tuesday about the boiler.", False),
    ],
)
def test_timeline_needs_a_date_a_time_or_a_bounded_duration_ahead(draft, expected):
    assert verdict("timeline", draft) is expected


@pytest.mark.parametrize(
    ("draft", "expected"),
    [
        ("I'll phone you once the warehouse confirms the stock.", True),
        ("Our engineer, Dana, will call you to book the visit.", True),
        ("Reply with the serial number and I'll register the repair.", True),
        ("We will look into this matter.", False),
        ("Your case will be reviewed.", False),
        ("If you have any questions, please don't hesitate to contact us.", False),
        ("Someone will be in touch.", False),
    ],
)
def test_next_step_says_what_happens_and_who_does_it(draft, expected):
    assert verdict("next_step", draft) is expected


def test_timeline_suggestion_points_at_the_vague_words():
    result = analyse("We will replace the fridge shortly.").verdicts["timeline"]
    assert not result.passed
    assert result.evidence is not None
    assert result.evidence.text == "shortly"
    assert "shortly" in result.suggestion


def test_evidence_is_a_span_of_the_draft_as_typed():
    draft = "Hi Sam,\nI\u2019m sorry we kept you waiting on the phone for an hour."
    evidence = analyse(draft).verdicts["apology"].evidence
    assert evidence is not None
    assert draft[evidence.start : evidence.end] == evidence.text
    assert "sorry we kept you waiting" in evidence.text


def test_a_full_recovery_reply_passes_every_rule_and_scores_100():
    draft = (
        "Thank you for telling us about the broken bed frame, Ola. We packed it badly and it cracked in the "
        "van; that was our mistake, and I'm sorry. Sleeping on a mattress on the floor with a bad back "
        "must have been awful. I can send a new frame on Friday, or refund the £240 today, whichever you "
        "prefer. Reply with your choice and I'll arrange it straight away."
    )
    result = analyse(draft)
    assert result.rules == dict.fromkeys(RULES, True)
    assert result.score == 100
    assert result.suggestions == []


def test_score_adds_the_weights_of_passed_rules_and_takes_five_off_per_tone_signal():
    draft = "WE ARE SORRY!! We will look into it."
    result = analyse(draft)
    passed = sum(WEIGHTS[rule] for rule, ok in result.rules.items() if ok)
    raised = sum(1 for signal in result.tone.values() if signal.raised)
    assert result.tone["shouting"].raised
    assert result.score == max(0, passed - 5 * raised)


def test_jargon_is_flagged_with_the_words_found():
    signal = analyse("As per our T&Cs, your ticket has been escalated to tier 2.").tone["jargon"]
    assert signal.raised
    assert "as per" in signal.detail


def test_a_short_reply_to_a_long_complaint_raises_the_length_signal():
    customer = " ".join(["The engineer never came and nobody called me back."] * 12)
    assert analyse("Sorry, we will call you.", customer).tone["length"].raised
    assert not analyse("Sorry, we will call you.").tone["length"].raised


def test_long_winding_sentences_lower_reading_ease():
    plain = "I am sorry. We will fix it on Monday. I will call you first. Thank you for telling us."
    dense = (
        "Notwithstanding the aforementioned considerations regarding organisational responsibilities, "
        "investigations concerning operational irregularities necessitate comprehensive documentation "
        "prior to determination of appropriate remediation."
    )
    assert not analyse(plain).tone["reading_ease"].raised
    assert analyse(dense).tone["reading_ease"].raised


@pytest.mark.parametrize(
    ("draft", "expected"),
    [
        ("We've let you down badly over the meter readings.", True),
        ("Putting your card in the post to your old flat, which is on me, caused all this.", True),
        ("Your parcel went to the wrong depot because of our warehouse staff's slip-up.", True),
        ("The boxes were stacked wrongly by our removal crew, and the mirror cracked.", True),
        ("We are to blame for the mix-up over the keys.", True),
        ("We sent the plumber to number 14. That shouldn't have happened.", True),
        ("If we have got anything wrong, we will put it right.", False),
        ("Your reading wasn't received by our billing team.", False),
        ("The onus is on us to check every claim carefully.", False),
    ],
)
def test_ownership_hears_unusual_first_person_admissions(draft, expected):
    assert verdict("ownership", draft) is expected


@pytest.mark.parametrize(
    ("draft", "expected"),
    [
        ("I can only imagine the worry of a week with no word about your mother's care plan.", True),
        ("A cracked windscreen the night before a long drive to Cornwall sounds grim.", True),
        ("Paying twice for the school trip in the month the boiler broke is gutting.", True),
        ("Nobody should have to ring six times to get a broken lift on the tenth floor looked at.", True),
        ("Late payment letters can be stressful.", False),
        ("It sounds like you have some feedback for us.", False),
        ("We feel really sorry for you.", False),
    ],
)
def test_empathy_hears_unusual_ways_of_naming_what_it_meant(draft, expected):
    assert verdict("empathy", draft) is expected


@pytest.mark.parametrize(
    ("draft", "expected"),
    [
        ("You can end the gym contract today with no cancellation fee.", True),
        ("I'd like to offer you £35 towards the taxi.", True),
        ("We'll send you a free tin of paint in the right shade.", True),
        ("Our decorator will come back to finish the skirting boards at no charge.", True),
        ("I've cancelled the parking fine, so there is nothing for you to pay.", True),
        ("Call our free helpline if you need anything else.", False),
        ("You may be eligible for a partial refund.", False),
        ("The onus is on us to get this right.", False),
    ],
)
def test_options_hears_free_remedies_sums_and_cancelled_charges(draft, expected):
    assert verdict("options", draft) is expected
