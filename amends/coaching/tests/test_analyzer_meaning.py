"""The coach reading by meaning: what it cost the customer, who acted, which clause a time belongs to.

Examples are written here, not taken from any of the labelled sets in bench/data/coach.
"""

import pytest

from amends.coaching.analyzer import analyse
from amends.coaching.analyzer.impact import names_impact


def verdict(rule: str, draft: str) -> bool:
    return analyse(draft).verdicts[rule].passed


@pytest.mark.parametrize(
    ("draft", "expected"),
    [
        ("You'd cleared your whole Saturday for the fitting, and nobody came.", True),
        ("The missed delivery left you without a cooker for the whole bank holiday.", True),
        ("A cold flat with a newborn at home is no small thing.", True),
        ("I'd have been fuming too if my new sofa had arrived ripped.", True),
        ("You'd told us about the new address, so we updated it.", False),
        ("We spoke with your son about the bill.", False),
        ("You had already paid the invoice when the reminder went out.", False),
        ("Before your stay, we'll email your room number.", False),
        ("We were late, but the roads were dreadful.", False),
    ],
)
def test_empathy_hears_what_it_cost_them_even_without_a_feeling_word(draft, expected):
    assert verdict("empathy", draft) is expected


def test_empathy_without_a_feeling_word_quotes_the_sentence_as_evidence():
    draft = "We lost the keys. You'd taken the afternoon off to meet the locksmith, for nothing."
    result = analyse(draft).verdicts["empathy"]
    assert result.passed
    assert result.evidence is not None
    assert result.evidence.text.startswith("You'd taken the afternoon off")


def test_a_circumstance_counts_through_the_sentence_before_it():
    assert names_impact("With a toddler at home, that is not good enough.", "Your boiler broke on Friday.")
    assert not names_impact("With a toddler at home, that is not good enough.", "The boiler broke on Friday.")


@pytest.mark.parametrize(
    ("draft", "expected"),
    [
        ("Our fitter left your gate open and the dog got out, and I'm so sorry.", True),
        ("The blame lies squarely with us.", True),
        ("Our survey should have spotted the damp, and it didn't.", True),
        ("You asked for a ground-floor room and we gave you one on the fourth floor.", True),
        ("I apologise for the tone our receptionist took with you.", False),
        ("Sorry we had to close early because of the storm.", False),
        ("We were an hour late because the previous appointment overran.", False),
    ],
)
def test_ownership_hears_acts_owned_by_apology_or_by_contrast(draft, expected):
    assert verdict("ownership", draft) is expected


@pytest.mark.parametrize(
    ("draft", "expected"),
    [
        ("Forgive us for the muddle over your tickets.", True),
        ("I owe you an apology for the wait on Monday.", True),
        ("If we got your bill wrong, we apologise.", False),
        ("Refunds are not possible on gift cards, sorry.", False),
        ("Apologies, but the parcel is held until you show ID.", False),
        ("Sorry we couldn't help this time.", False),
        ("I'm afraid the shop is closed on Sundays.", False),
        ("Please forgive the length of this letter.", False),
    ],
)
def test_apology_is_not_a_condition_a_refusal_or_an_announcement(draft, expected):
    assert verdict("apology", draft) is expected


@pytest.mark.parametrize(
    ("draft", "expected"),
    [
        ("Sorry, but you did type the wrong card number.", False),
        ("We did move the date, but the venue gave us the wrong availability.", False),
        ("Members must bring their card to every class.", False),
        ("Your laptop settings are out of date, which causes this.", False),
        ("Fixing the fence is your landlord's responsibility.", False),
        ("Our system charged you twice, which was our mistake.", True),
        ("We owe it to every guest to be fair.", True),
        ("You should have been offered the lower rate.", True),
    ],
)
def test_no_blame_hears_blame_put_on_customers_third_parties_and_their_things(draft, expected):
    assert verdict("no_blame", draft) is expected


@pytest.mark.parametrize(
    ("draft", "expected"),
    [
        ("Your booking fee has been refunded.", True),
        ("We've refunded yesterday's £4 charge.", True),
        ("You can cancel the class pass with no admin fee.", True),
        ("I've extended your membership by two months.", True),
        ("A goodwill payment may be considered later.", False),
        ("We could have refunded you if you had asked.", False),
        ("I'll chase your refund with the bank.", False),
        ("Engineers will restore service to the street tonight.", False),
    ],
)
def test_options_hears_remedies_in_passive_and_possessive_forms(draft, expected):
    assert verdict("options", draft) is expected


@pytest.mark.parametrize(
    ("draft", "expected"),
    [
        ("Your bag was delayed, and claims are settled within 10 days.", True),
        ("I've rebooked your fitting for Thursday morning.", True),
        ("The library reopens on 2 September.", True),
        ("Next week's class is free.", False),
        ("Your locker must be empty by 6pm on the last day.", False),
        ("Had you called on 4 May, we would have known.", False),
    ],
)
def test_timeline_reads_the_clause_and_tense_the_time_belongs_to(draft, expected):
    assert verdict("timeline", draft) is expected


@pytest.mark.parametrize(
    ("draft", "expected"),
    [
        ("I'll make sure Tomasz, our site manager, rings you first.", True),
        ("Could you email me a copy of the lease?", True),
        ("Please call our helpline and quote your order number.", True),
        ("I've checked the stock and will post the bracket to you.", True),
        ("Your parcel is late and will arrive on Friday.", False),
        ("If there has been any mistake, we will put it right.", False),
        ("We are working through refunds in date order.", False),
        ("Compensation will depend on what the surveyor finds.", False),
    ],
)
def test_next_step_hears_named_people_requests_and_left_out_subjects(draft, expected):
    assert verdict("next_step", draft) is expected
