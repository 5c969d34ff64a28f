"""Reading what the customer asked for, and comparing it with what they got.

The customer writes what would put it right in their own words. These rules turn the words into
a remedy kind (and an amount, if they named one) as a suggestion for the agent to confirm; they
never decide anything by themselves.
"""

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from .models import RemedyKind
from .money import ZERO, format_money, organisation_currency

# First match wins, so the more specific words come before the general ones.
_RULES: list[tuple[RemedyKind, re.Pattern[str]]] = [
    (
        RemedyKind.PARTIAL_REFUND,
        re.compile(
            r"\b(partial|part)\s+refund|refund\s+(of\s+)?(the|my)\s+\w+\s+(fee|charge)|\bmoney back for\b",
            re.I,
        ),
    ),
    (RemedyKind.REFUND, re.compile(r"\brefund|money back|reimburse|\brepay", re.I)),
    (
        RemedyKind.REPLACEMENT,
        re.compile(r"\breplace|\bnew one\b|\bexchange|\bresend|\bsend (me )?another", re.I),
    ),
    (RemedyKind.REPAIR, re.compile(r"\brepair|\bfix(ed)?\b|\bmend", re.I)),
    (RemedyKind.GIFT_CARD, re.compile(r"gift ?card|\bvoucher", re.I)),
    (RemedyKind.CREDIT, re.compile(r"\bcredit", re.I)),
    (RemedyKind.DISCOUNT, re.compile(r"\bdiscount|\b\d+ ?% off|\breduction", re.I)),
    (
        RemedyKind.CALLBACK,
        re.compile(r"\bcall me|\bphone me|\bring me|\bcall ?back|speak to (someone|a person)", re.I),
    ),
    (RemedyKind.EXPLANATION, re.compile(r"\bexplain|\bexplanation|\bwhy\b|\bunderstand", re.I)),
    (RemedyKind.APOLOGY_ONLY, re.compile(r"\bapolog|\bsorry", re.I)),
]
_SYMBOL_AMOUNT = re.compile(r"([£€$])\s?(\d{1,7}(?:[.,]\d{1,2})?)")
_CODE_AMOUNT = re.compile(r"(\d{1,7}(?:\.\d{1,2})?)\s?(GBP|EUR|USD|pounds?|euros?|dollars?)\b", re.I)
_CURRENCY_WORDS = {"£": "GBP", "€": "EUR", "$": "USD", "pound": "GBP", "euro": "EUR", "dollar": "USD"}


@dataclass(frozen=True)
class Sought:
    """A remedy the customer asked for: recorded by a person, or suggested from their words."""

    kind: RemedyKind
    amount: Decimal | None
    currency: str
    note: str = ""
    suggested: bool = False

    @property
    def words(self) -> str:
        if self.amount is None:
            return self.kind.label
        return f"{self.kind.label} of {format_money(self.amount, self.currency)}"


def _amount(text: str) -> tuple[Decimal, str] | None:
    match = _SYMBOL_AMOUNT.search(text)
    if match:
        symbol, number = match.groups()
        code = _CURRENCY_WORDS[symbol]
    else:
        match = _CODE_AMOUNT.search(text)
        if not match:
            return None
        number, word = match.groups()
        word = word.lower().rstrip("s")
        code = _CURRENCY_WORDS.get(word, word.upper())
    try:
        return Decimal(number.replace(",", ".")), code
    except InvalidOperation:
        return None


def sought_from_text(text: str) -> Sought | None:
    """A suggestion read from the customer's words, or ``None`` when they name nothing we know."""
    if not text.strip():
        return None
    kind = next((k for k, pattern in _RULES if pattern.search(text)), None)
    found = _amount(text)
    if kind is None:
        if found is None:
            return None
        kind = RemedyKind.REFUND
    amount, currency = found if found else (None, organisation_currency())
    return Sought(kind=kind, amount=amount, currency=currency, note=text.strip()[:500], suggested=True)


_MONEY_BACK = {RemedyKind.REFUND, RemedyKind.PARTIAL_REFUND}


@dataclass(frozen=True)
class Comparison:
    verdict: str  # "match", "less", "more", "similar", "different", "unknown"
    words: str


def compare(sought: Sought | None, *, kind: str, amount: Decimal, currency: str) -> Comparison:
    """How a chosen remedy stands against the one the customer first asked for."""
    if sought is None:
        return Comparison("unknown", "They had not said what they wanted.")
    chosen = RemedyKind(kind)
    asked = f"(they asked for: {sought.words})"
    if chosen != sought.kind:
        if {chosen, sought.kind} <= _MONEY_BACK:
            return Comparison("similar", f"Money back as they asked, in another form {asked}.")
        return Comparison("different", f"Not what they asked for {asked}.")
    if sought.amount is None or sought.currency != currency or amount == ZERO:
        return Comparison("match", f"Matches what they asked for {asked}.")
    if amount == sought.amount:
        return Comparison("match", f"Exactly what they asked for {asked}.")
    gap = format_money(abs(sought.amount - amount), currency)
    if amount < sought.amount:
        return Comparison("less", f"What they asked for, {gap} less {asked}.")
    return Comparison("more", f"What they asked for, {gap} more {asked}.")
