"""The coach reading who acts: who is made the cause, whose deadline a time is, whether a fix is a remedy.

Examples are written here, not taken from any of the labelled sets in bench/data/coach.
"""

import pytest

from amends.coaching.analyzer import analyse
from amends.coaching.analyzer.blame import find_blame


def verdict(rule: str, draft: str) -> bool:
    return analyse(draft).verdicts[rule].passed


@pytest.mark.parametrize(
    "draft",
    [
        "The tiles arrived late because the supplier hadn't sent them.",
        "It was the bank that held the payment, not us.",
        "The carrier's records show it was signed for at 2pm.",
        "As stated on your booking confirmation, deposits cannot be refunded.",
        "Our system automatically closed the account.",
        "The fault was caused by a power surge in your home.",
        "Your router was not set up as shown in the leaflet.",
        "The plot you selected was too small for the shed.",
        "According to the driver, nobody answered the door.",
        "Repairs to the shared roof are the freeholder's responsibility.",
        "Had the filter been cleaned, the pump would not have failed.",
    ],
)
def test_no_blame_fails_when_someone_else_is_made_the_cause(draft):
    assert not verdict("no_blame", draft)


@pytest.mark.parametrize(
    "draft",
    [
        "The supplier let us down, but we chose them, so that is our responsibility.",
        "I'm sorry our courier dented the table.",
        "Cold radiators in January are not something you should have to put up with.",
        "We don't deliver on Sundays.",
        "You told us about the new address and we should have updated it.",
        "Our policy is to refund any order that arrives damaged.",
    ],
)
def test_no_blame_passes_when_the_cause_is_owned_or_a_rule_is_stated_plainly(draft):
    assert verdict("no_blame", draft)


def test_blame_names_whom_it_puts_the_cause_on_and_the_words_that_do_it():
    found = find_blame("The airline cancelled the flight.")
    assert found is not None
    target, match = found
    assert target == "a supplier or partner"
    assert "airline cancelled" in match.group(0)


@pytest.mark.parametrize(
    ("draft", "expected"),
    [
        ("Our engineer will repair the boiler on Tuesday.", False),
        ("Your electricity supply has been reconnected.", False),
        ("I've corrected your bill.", False),
        ("He replaced the fuse and the lights work again.", False),
        ("Our engineer will repair the boiler on Tuesday at no charge.", True),
        ("Our fitter scratched the worktop, so we'll repair it.", True),
        ("We'll redeliver the parcel on Friday.", True),
        ("We'll send the right size out today.", True),
    ],
)
def test_fixing_the_fault_itself_is_a_remedy_only_when_free_or_mending_our_damage(draft, expected):
    assert verdict("options", draft) is expected


@pytest.mark.parametrize(
    ("draft", "expected"),
    [
        ("The £25 fee has been returned to your card.", True),
        ("You'll see the £40 back on your statement.", True),
        ("We've covered the taxi fare.", True),
        ("There'll be no charge for the extra night.", True),
        ("Sorry about the wait on your refund. It'll land in your account by Wednesday.", True),
        ("I'm sorry for the confusion over your refund.", False),
        ("Your refund has not yet arrived, I know.", False),
        ("We should have repaired the fence last year.", False),
    ],
)
def test_options_hears_sums_given_back_and_costs_we_cover_but_not_a_remedy_only_mentioned(draft, expected):
    assert verdict("options", draft) is expected


@pytest.mark.parametrize(
    ("draft", "expected"),
    [
        ("Please reply by 14 October.", False),
        ("Return the jacket within 30 days for a refund.", False),
        ("If you can send the form by Friday, we'll do the rest.", False),
        ("You can rebook on any date next month.", False),
        ("Your order was due on Tuesday.", False),
        ("Send the form and I'll process it within two days.", True),
        ("I'll look into it and ring you back tomorrow.", True),
        ("The credit will appear on your statement in June.", True),
        ("Please allow 28 days for the cheque to clear.", True),
    ],
)
def test_a_deadline_for_the_customer_is_not_a_timeline(draft, expected):
    assert verdict("timeline", draft) is expected


@pytest.mark.parametrize(
    ("draft", "expected"),
    [
        ("An engineer will visit on Wednesday.", True),
        ("Dr Patel's secretary will write to you with the date.", True),
        ("I've asked our site manager, Omar Khan, to ring you.", True),
        ("We'll get back to you by Friday with the answer.", True),
        ("Could you also send the receipt?", True),
        ("We'll get back to you shortly.", False),
        ("Someone will contact you.", False),
        ("They will arrive on the evening flight.", False),
        ("We'll get someone to look at it.", False),
        ("You asked for a refund in March.", False),
    ],
)
def test_next_step_needs_someone_named_to_do_something_concrete(draft, expected):
    assert verdict("next_step", draft) is expected
