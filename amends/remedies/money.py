"""Amounts of money: ISO 4217 currency codes, exact decimals, and refusals a person can act on.

Money is always a ``Decimal`` with a three-letter code, never a float and never a bare number:
a refund in yen and a refund in pounds are not comparable, so nothing here converts between
currencies. Limits and budgets are kept per currency for the same reason.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.conf import settings

from amends.core.errors import InvalidInput


def _codes(text: str) -> list[str]:
    return text.split()


# Circulating currencies of ISO 4217 and their minor units (digits after the point). Funds,
# metals and testing codes (XAU, XTS...) are left out: nobody is refunded in gold.
_MINOR_UNITS = {
    **dict.fromkeys(
        _codes("BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX VND VUV XAF XOF XPF"),
        0,
    ),
    **dict.fromkeys(_codes("BHD IQD JOD KWD LYD OMR TND"), 3),
    **dict.fromkeys(
        _codes(
            """AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BRL BSD BTN BWP
        BYN BZD CAD CDF CHF CNY COP CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL
        GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP
        LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR
        NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP
        STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD UYU UZS VES WST XCD XCG YER ZAR
        ZMW ZWG"""
        ),
        2,
    ),
}
CURRENCIES = frozenset(_MINOR_UNITS)
_SYMBOLS = {"GBP": "£", "EUR": "€", "USD": "$", "JPY": "¥"}
ZERO = Decimal(0)


def minor_units(currency: str) -> int:
    return _MINOR_UNITS[currency]


def organisation_currency() -> str:
    """The currency remedies are in unless a remedy says otherwise (``AMENDS_CURRENCY``)."""
    code: str = settings.AMENDS_CURRENCY
    return code


def currency_code(value: str, *, field: str = "currency") -> str:
    """``value`` as a known ISO 4217 code (upper case); blank means the organisation's currency."""
    code = value.strip().upper() or organisation_currency()
    if code not in CURRENCIES:
        raise InvalidInput(
            f"{value.strip()!r} is not a currency code we know; use ISO 4217 codes such as GBP, EUR or USD.",
            field=field,
        )
    return code


def ceiling(currency: str) -> Decimal:
    """The most any single remedy may be in ``currency``; above it an amount is a mistake."""
    ceilings: dict[str, Decimal] = settings.AMENDS_REMEDY_CEILINGS
    return ceilings.get(currency, ceilings["*"])


def format_money(amount: Decimal, currency: str) -> str:
    """``£1,234.50``, ``¥5,000`` or ``1,234.50 CHF``: how a person reads an amount."""
    digits = _MINOR_UNITS.get(currency, 2)
    number = f"{amount:,.{digits}f}"
    symbol = _SYMBOLS.get(currency)
    if symbol is None:
        return f"{number} {currency}"
    return f"-{symbol}{number[1:]}" if number.startswith("-") else f"{symbol}{number}"


@dataclass(frozen=True)
class Money:
    amount: Decimal
    currency: str

    def __str__(self) -> str:
        return format_money(self.amount, self.currency)


def _decimal(value: str | Decimal | int, field: str) -> Decimal:
    text = str(value).strip().replace(",", "").replace("_", "")
    for symbol in _SYMBOLS.values():
        text = text.removeprefix(symbol)
    try:
        amount = Decimal(text)
    except InvalidOperation as exc:
        raise InvalidInput(f"{str(value).strip()!r} is not an amount of money.", field=field) from exc
    if not amount.is_finite():
        raise InvalidInput(f"{str(value).strip()!r} is not an amount of money.", field=field)
    return amount


def money(value: str | Decimal | int, currency: str = "", *, field: str = "amount") -> Money:
    """Parse and check an amount: finite, not negative, at most the currency's minor units, and
    not above the ceiling for the currency. Raises ``InvalidInput`` saying which rule it broke."""
    code = currency_code(currency)
    amount = _decimal(value, field)
    if amount < 0:
        raise InvalidInput("An amount cannot be negative; a remedy gives, it never takes.", field=field)
    top = ceiling(code)
    if amount > top:
        shown = format_money(amount, code) if amount.adjusted() < 30 else "That amount"
        raise InvalidInput(
            f"{shown} is more than any remedy may be (the ceiling is {format_money(top, code)}); "
            "check the amount.",
            field=field,
        )
    digits = _MINOR_UNITS[code]
    unit = Decimal(1).scaleb(-digits)
    if amount % unit:
        places = "no decimal places" if digits == 0 else f"at most {digits} decimal places"
        raise InvalidInput(f"{code} amounts have {places}: {amount} cannot be paid.", field=field)
    amount = amount.quantize(unit, rounding=ROUND_HALF_UP)
    return Money(amount, code)
