"""The building blocks of a demo story: situations, remedies and the things a shop sells.

A ``Situation`` is one kind of thing that goes wrong, with the customer's words and the agent's
in several versions each. Placeholders in braces are filled from a complaint's facts (see
``compose.facts_for``), so one situation reads differently for every customer who meets it.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Ask:
    """What the customer asks for, and the remedy that answers it."""

    text: str
    remedy: str


@dataclass(frozen=True)
class Situation:
    category: str
    goods: str  # which products fit: a key of PRODUCTS
    summaries: tuple[str, ...]
    what: tuple[str, ...]  # the customer's account of what happened, first person
    details: tuple[str, ...]  # one more specific thing they add
    impacts: tuple[str, ...]  # why it matters to them
    asks: tuple[Ask, ...]
    own: tuple[str, ...]  # the agent names the failure and apologises
    looking: tuple[str, ...]  # what the agent is doing about it now
    # (agent asks, customer answers[, the remedy the answer chooses])
    questions: tuple[tuple[str, ...], ...]
    notes: tuple[str, ...]  # internal notes
    withdraw: tuple[str, ...] = ()
    # The customer writes after resolution: not fixed after all. (remedy it follows, or "" for any, text)
    relapse: tuple[tuple[str, str], ...] = ()
    severities: dict[str, int] = field(default_factory=lambda: {"normal": 85, "high": 10, "low": 5})


@dataclass(frozen=True)
class Remedy:
    offer: str  # put to the customer as one option
    done: tuple[str, ...]  # "I have ..." once arranged
    agreed: tuple[str, ...]  # the agreed outcome recorded on resolution


REMEDIES: dict[str, Remedy] = {
    "refund": Remedy(
        offer="a full refund of {price} to the card you paid with",
        done=(
            "refunded {price} to your card this afternoon; most banks show it within three to five "
            "working days",
            "put a refund of {price} through to the card ending {card}; you should see it by {by}",
        ),
        agreed=("Full refund of {price} to the original card", "Refunded {price}; customer keeps the item"),
    ),
    "replacement": Remedy(
        offer="a replacement {product} sent by next-day delivery, at no cost",
        done=(
            "sent a replacement {product} by next-day delivery; the tracking link will reach you by "
            "email this evening",
            "reserved a new {product} from the warehouse and booked it on the first van out, due with "
            "you {soon}",
        ),
        agreed=("Replacement {product} sent next-day; original collected free", "Like-for-like replacement"),
    ),
    "redelivery": Remedy(
        offer="a new delivery on a day you choose, with a two-hour slot",
        done=(
            "booked a new delivery for {soon}, 10am to 12pm, and refunded the delivery charge",
            "rebooked the delivery for {by} with our own van team rather than {courier}",
        ),
        agreed=("Redelivery booked in a named slot; delivery charge refunded", "Rebooked with own van team"),
    ),
    "credit": Remedy(
        offer="a {credit} credit on your account, which comes off your next order automatically",
        done=(
            "added a {credit} credit to your account as an apology; it comes off your next order",
            "put {credit} on your account, no strings attached",
        ),
        agreed=("{credit} goodwill credit on account", "Apology and {credit} account credit"),
    ),
    "apology": Remedy(
        offer="a written apology from our operations manager",
        done=(
            "shared your message with the team lead concerned, who has read it in full",
            "made sure the people involved have seen exactly what you wrote",
        ),
        agreed=("Apology given; customer wanted nothing further", "Sincere apology, no remedy requested"),
    ),
    "explanation": Remedy(
        offer="a full written account of what went wrong",
        done=(
            "traced what went wrong and fixed it on our side, so it should not happen to you or anyone "
            "else again",
            "gone through what happened with the team responsible, and they have changed how they handle "
            "this",
        ),
        agreed=("Explanation of the cause and the fix", "Explained what happened and what changed"),
    ),
    "cancel": Remedy(
        offer="to cancel your Plus membership today and refund {fee}",
        done=(
            "cancelled your Plus membership with effect from today and refunded {fee} to your card",
            "closed your Plus membership; nothing further will be taken, and {fee} is on its way back",
        ),
        agreed=("Plus cancelled; {fee} refunded", "Membership cancelled, last charge refunded"),
    ),
    "damage": Remedy(
        offer="a full refund of {price}, and we pay for anything else it damaged",
        done=(
            "refunded {price} today and asked our claims team to cover the damage; they will call by {by}",
            "put through a full refund of {price}, and our claims team will settle the cost of the damage "
            "with you directly",
        ),
        agreed=("Full refund plus damage costs covered", "Refund of {price}; damage claim settled"),
    ),
    "repair": Remedy(
        offer="a free repair under warranty, collected from your door and returned within ten days",
        done=(
            "booked a collection for {soon}; the repair centre aims to return it within seven working days",
            "arranged a free warranty repair, with a courier collecting it on {by}",
        ),
        agreed=("Warranty repair, free collection and return", "Repaired under warranty"),
    ),
    "waive": Remedy(
        offer="the {card_fee} fee removed from your account",
        done=(
            "removed the {card_fee} fee; your next statement will show it credited",
            "reversed the {card_fee} fee and noted your account so it cannot be applied again for this",
        ),
        agreed=("{card_fee} fee waived", "Fee reversed and account note added"),
    ),
    "correction": Remedy(
        offer="your account corrected, with a letter confirming the right balance",
        done=(
            "corrected your account; the {interest} of interest is gone, and a confirming letter is "
            "on its way",
            "fixed the entry and asked for a corrected statement to be sent to you",
        ),
        agreed=("Account corrected, confirmation sent", "Statement corrected"),
    ),
}

# Invented products and prices; a situation names which group fits it.
PRODUCTS: dict[str, tuple[tuple[str, str], ...]] = {
    "any": (
        ("Kestrel two-slice toaster", "£34.99"),
        ("Harbour cordless kettle", "£29.99"),
        ("Linden king-size duvet set", "£65.00"),
        ("Sable mesh office chair", "£189.00"),
        ("Orla oak side table", "£140.00"),
        ("Rowan cast-iron casserole", "£79.00"),
        ("Brightwell 5.5-litre air fryer", "£89.99"),
        ("Quill wireless headphones", "£119.00"),
        ("Tessel robot vacuum", "£299.00"),
        ("Fernway bedside lamp (pair)", "£49.50"),
        ("Nimbus 12-litre dehumidifier", "£199.00"),
        ("Marlow bean-to-cup coffee machine", "£379.00"),
    ),
    "fragile": (
        ("Aurora 55-inch television", "£549.00"),
        ("Fernway bedside lamp (pair)", "£49.50"),
        ("Marlow bean-to-cup coffee machine", "£379.00"),
        ("Cobalt stand mixer", "£249.00"),
        ("Ellery glass dining table", "£420.00"),
        ("Rowan stoneware dinner set (12 pieces)", "£72.00"),
        ("Vista 27-inch monitor", "£229.00"),
    ),
    "bulky": (
        ("Aurora 55-inch television", "£549.00"),
        ("Ellery glass dining table", "£420.00"),
        ("Orla oak side table", "£140.00"),
        ("Sable mesh office chair", "£189.00"),
        ("Linden oak wardrobe", "£610.00"),
    ),
    "furnishing": (
        ("Orla oak side table", "£140.00"),
        ("Sable mesh office chair", "£189.00"),
        ("Ellery glass dining table", "£420.00"),
        ("Fernway bedside lamp (pair)", "£49.50"),
        ("Rowan stoneware dinner set (12 pieces)", "£72.00"),
        ("Linden king-size duvet set", "£65.00"),
    ),
    "electrical": (
        ("Kestrel two-slice toaster", "£34.99"),
        ("Brightwell 5.5-litre air fryer", "£89.99"),
        ("Tessel robot vacuum", "£299.00"),
        ("Quill wireless headphones", "£119.00"),
        ("Nimbus 12-litre dehumidifier", "£199.00"),
        ("Marlow bean-to-cup coffee machine", "£379.00"),
        ("Cobalt stand mixer", "£249.00"),
        ("Pebble smart speaker", "£49.99"),
        ("Aurora 55-inch television", "£549.00"),
    ),
    "hazard": (
        ("Vega 65W USB-C charger", "£39.99"),
        ("Clarion 20,000mAh power bank", "£34.99"),
        ("Glow 2kW fan heater", "£59.00"),
        ("Juniper electric blanket (double)", "£45.00"),
        ("Harbour cordless kettle", "£29.99"),
        ("Kestrel two-slice toaster", "£34.99"),
    ),
}

COURIERS = ("Swiftway", "Parcelink", "Northgate Couriers")
CREDITS = ("£10", "£15", "£20", "£25")
PLUS_FEES = (("monthly", "£8.99"), ("annual", "£79.00"))
