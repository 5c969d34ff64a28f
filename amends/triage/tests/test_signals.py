import pytest

from amends.complaints.models import Severity
from amends.triage.models import RemedyKind, SignalKind, Source
from amends.triage.signals import find_signals, read


def spans(text, kind):
    return [text[f.start : f.end].lower() for f in find_signals(text, Source.STORY) if f.kind == kind]


@pytest.mark.parametrize(
    ("kind", "text", "expected"),
    [
        (SignalKind.SAFETY, "The charger started sparking and then caught fire on the desk.", "caught fire"),
        (SignalKind.SAFETY, "My daughter got an electric shock from the kettle base.", "electric shock"),
        (SignalKind.SAFETY, "We spent the night in A&E after eating the soup.", "a&e"),
        (SignalKind.LEGAL, "I have now instructed my solicitors to write to you.", "solicitors"),
        (SignalKind.LEGAL, "I will see you in the small claims court if this goes on.", "small claims court"),
        (SignalKind.REGULATOR, "My next step is the Financial Ombudsman.", "ombudsman"),
        (SignalKind.REGULATOR, "I have copied this to Ofgem and Trading Standards.", "ofgem"),
        (SignalKind.PUBLIC, "Everyone will hear about this on Twitter tonight.", "twitter"),
        (SignalKind.PUBLIC, "I am writing a one-star review on Trustpilot.", "trustpilot"),
        (SignalKind.CHURN, "After this I am taking my business elsewhere.", "taking my business elsewhere"),
        (SignalKind.CHURN, "I have been a customer for 12 years and feel betrayed.", "customer for 12 years"),
        (
            SignalKind.VULNERABILITY,
            "My husband passed away in March and the bills are in his name.",
            "passed away",
        ),
        (SignalKind.VULNERABILITY, "I am disabled and cannot carry it back to the shop.", "disabled"),
    ],
)
def test_each_risk_is_found_with_the_words_that_show_it(kind, text, expected):
    assert expected in spans(text, kind)


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        (SignalKind.SAFETY, "The box was dented but nobody was in danger and there was no fire."),
        (SignalKind.LEGAL, "I do not want to involve a lawyer, I just want it sorted."),
        (SignalKind.REGULATOR, "The parcel arrived late and the driver was rude."),
        (SignalKind.PUBLIC, "Please press the reset button for me, it does not work."),
        (SignalKind.CHURN, "I won't cancel my subscription, I just want the right size."),
        (SignalKind.VULNERABILITY, "The jumper was the wrong colour."),
    ],
)
def test_risks_are_not_raised_by_ordinary_or_negated_mentions(kind, text):
    assert spans(text, kind) == []


def test_evidence_holds_the_span_in_its_context():
    text = "It was fine until last week. Then the heater began to overheat and smoke filled the room."
    finding = next(f for f in find_signals(text, Source.STORY) if f.kind == SignalKind.SAFETY)
    assert text[finding.start : finding.end] == "overheat"
    assert "heater began to overheat" in finding.evidence
    assert len(finding.evidence) < len(text)


@pytest.mark.parametrize(
    ("outcome", "remedies"),
    [
        ("I want my money back and an apology from the manager.", [RemedyKind.REFUND, RemedyKind.APOLOGY]),
        ("Send me a new one that works, please.", [RemedyKind.REPLACEMENT]),
        ("Get an engineer out to repair the boiler.", [RemedyKind.REPAIR]),
        ("Some compensation for the days off work.", [RemedyKind.COMPENSATION]),
        ("I need to understand why this keeps happening.", [RemedyKind.EXPLANATION]),
        ("Terminate the contract without the exit fee.", [RemedyKind.CANCEL]),
    ],
)
def test_remedy_sought_is_read_from_what_would_put_it_right(outcome, remedies):
    reading = read("The order went wrong.", outcome)
    assert reading.remedies == remedies
    found = [f for f in reading.findings if f.kind == SignalKind.REMEDY]
    assert all(f.source == Source.OUTCOME for f in found)


def test_a_calm_note_is_low_severity_and_not_angry():
    reading = read("Thanks for the quick help last time. The lid on my new flask is a little loose.")
    assert reading.anger < 0.2
    assert reading.sentiment > 0
    assert reading.severity == Severity.LOW


def test_an_angry_customer_reads_as_angry_with_the_words_that_show_it():
    story = (
        "This is absolutely DISGRACEFUL. Third time I have written and still no reply. "
        "Your staff are useless and I am sick of being ignored!!"
    )
    reading = read(story)
    assert reading.anger >= 0.6
    assert reading.sentiment < -0.5
    assert reading.severity == Severity.HIGH
    evidence = {story[f.start : f.end].lower() for f in reading.findings if f.kind == SignalKind.ANGER}
    assert {"third time", "useless"} <= evidence


def test_safety_outranks_everything_in_severity_and_priority():
    unsafe = read("The toaster caught fire in the kitchen.")
    legal = read("I will be taking you to court over the late refund.")
    plain = read("The toaster is a different colour from the picture.")
    assert unsafe.severity == Severity.CRITICAL
    assert legal.severity == Severity.HIGH
    assert unsafe.priority > legal.priority > plain.priority
