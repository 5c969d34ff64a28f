from decimal import Decimal

import pytest

from amends.core.errors import InvalidInput
from amends.remedies.money import Money, format_money, money
from amends.remedies.suggest import compare, sought_from_text


def test_an_amount_is_kept_exact_in_the_currency_minor_units():
    assert money("12.5", "gbp") == Money(Decimal("12.50"), "GBP")
    assert money("£1,250.00") == Money(Decimal("1250.00"), "GBP")
    assert money("5000", "JPY") == Money(Decimal("5000"), "JPY")
    assert money("1.250", "BHD") == Money(Decimal("1.250"), "BHD")


def test_blank_currency_means_the_organisation_currency(settings):
    settings.AMENDS_CURRENCY = "EUR"
    assert money("10").currency == "EUR"


@pytest.mark.parametrize(
    ("amount", "currency", "says"),
    [
        ("-5", "GBP", "cannot be negative"),
        ("-0.01", "GBP", "cannot be negative"),
        ("ten pounds", "GBP", "is not an amount"),
        ("NaN", "GBP", "is not an amount"),
        ("Infinity", "GBP", "is not an amount"),
        ("1e400", "GBP", "more than any remedy"),
        ("1e-9", "GBP", "at most 2 decimal places"),
        ("12.345", "GBP", "at most 2 decimal places"),
        ("10.5", "JPY", "no decimal places"),
        ("100000.01", "GBP", "more than any remedy"),
        ("10", "XYZ", "not a currency code"),
        ("10", "pounds", "not a currency code"),
        ("10", "XAU", "not a currency code"),
    ],
)
def test_bad_amounts_and_currencies_are_refused_saying_why(amount, currency, says):
    with pytest.raises(InvalidInput) as refused:
        money(amount, currency)
    assert says in refused.value.message


def test_the_ceiling_is_per_currency(settings):
    settings.AMENDS_REMEDY_CEILINGS = {"*": Decimal("1000"), "JPY": Decimal("200000")}
    assert money("1000", "GBP").amount == Decimal("1000.00")
    assert money("200000", "JPY").amount == Decimal("200000")
    with pytest.raises(InvalidInput, match="ceiling is ¥200,000"):
        money("200001", "JPY")


def test_money_reads_as_a_person_writes_it():
    assert format_money(Decimal("1234.5"), "GBP") == "£1,234.50"
    assert format_money(Decimal("5000"), "JPY") == "¥5,000"
    assert format_money(Decimal("12"), "CHF") == "12.00 CHF"


@pytest.mark.parametrize(
    ("words", "kind", "amount"),
    [
        ("I want my money back", "refund", None),
        ("Refund the £12.50 delivery fee please", "refund", Decimal("12.50")),
        ("A partial refund would be fair", "partial_refund", None),
        ("Please replace the screen this week", "replacement", None),
        ("Send an engineer to fix it", "repair", None),
        ("A voucher for next time", "gift_card", None),
        ("Just call me back, nobody has", "callback", None),
        ("I want to understand why this happened", "explanation", None),
        ("An apology would do", "apology_only", None),
        ("30 euros would cover it", "refund", Decimal("30")),
    ],
)
def test_what_they_asked_for_is_read_from_their_words(words, kind, amount):
    sought = sought_from_text(words)
    assert sought is not None
    assert sought.suggested
    assert (sought.kind, sought.amount) == (kind, amount)


def test_words_naming_no_remedy_suggest_nothing():
    assert sought_from_text("") is None
    assert sought_from_text("I am very unhappy with all of it") is None


def test_a_choice_is_compared_with_what_was_sought():
    sought = sought_from_text("Refund the £40 please")
    assert compare(sought, kind="refund", amount=Decimal("40.00"), currency="GBP").verdict == "match"
    less = compare(sought, kind="refund", amount=Decimal("30.00"), currency="GBP")
    assert less.verdict == "less"
    assert "£10.00 less" in less.words
    assert compare(sought, kind="partial_refund", amount=Decimal("40"), currency="GBP").verdict == "similar"
    assert compare(sought, kind="replacement", amount=Decimal("99"), currency="GBP").verdict == "different"
    assert compare(None, kind="refund", amount=Decimal("1"), currency="GBP").verdict == "unknown"
