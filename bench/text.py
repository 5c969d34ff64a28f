"""Realistic complaint text for benchmarks, composed from parts so a million rows are not copies."""

import random

PRODUCTS = [
    "sofa",
    "washing machine",
    "laptop",
    "phone",
    "mattress",
    "fridge",
    "kettle",
    "bicycle",
    "television",
    "dining table",
    "coffee machine",
    "vacuum cleaner",
    "boiler service",
    "broadband",
    "gym membership",
    "train ticket",
    "hotel booking",
    "credit card",
    "insurance policy",
    "phone contract",
]
PROBLEMS = [
    "arrived two weeks late",
    "was delivered to the wrong address",
    "arrived damaged",
    "stopped working after a week",
    "was never delivered",
    "was charged twice",
    "came with missing parts",
    "was cancelled without warning",
    "was installed badly",
    "was refunded only in part",
    "was the wrong colour",
    "leaked all over the floor",
    "overheated and smelled of burning",
    "was sold to me as new but was used",
    "has a fault nobody will fix",
]
DETAILS = [
    "I took a day off work to wait in and nobody came.",
    "Your chat closed on me three times.",
    "The driver left it in the rain by the bins.",
    "I was promised a call back on Monday and it never happened.",
    "The invoice shows a delivery charge I was told was free.",
    "I have sent four emails and had no reply.",
    "The engineer said it was not his job and left.",
    "My order number is {order} and I have the receipt.",
    "It cost me £{amount} and I expected far better.",
    "My elderly mother was left without heating for two days.",
    "The tracking page still says it is out for delivery.",
    "The replacement you sent has the same fault.",
    "Your shop told me to phone the manufacturer, who told me to phone you.",
    "I was kept on hold for fifty minutes before being cut off.",
]
FEELINGS = [
    "I am really disappointed.",
    "Frankly this is unacceptable.",
    "I just want it sorted.",
    "I have been a customer for eleven years and never had this.",
    "Please can someone help.",
    "I am furious.",
    "This has ruined my week.",
    "",
]
OUTCOMES = [
    "A full refund.",
    "A replacement this week.",
    "Send an engineer who can fix it.",
    "An apology and an explanation.",
    "Refund the delivery charge.",
    "Cancel the order and refund me.",
    "Compensation for the day off work.",
    "Just tell me when it will arrive.",
    "",
]
RARE_WORD = "harpsichord"  # appears in about one complaint in ten thousand
COMMON_WORD = "delivery"


def complaint_text(rng: random.Random) -> tuple[str, str, str]:
    """A (summary, story, outcome) triple."""
    product = rng.choice(PRODUCTS if rng.random() > 0.0001 else [RARE_WORD])
    problem = rng.choice(PROBLEMS)
    details = " ".join(rng.sample(DETAILS, k=rng.randint(1, 3))).format(
        order=rng.randint(100000, 999999), amount=rng.randint(15, 2400)
    )
    delivery = " The delivery was a mess from start to finish." if rng.random() < 0.2 else ""
    story = f"My {product} {problem}. {details}{delivery} {rng.choice(FEELINGS)}".strip()
    return f"My {product} {problem}", story, rng.choice(OUTCOMES)
