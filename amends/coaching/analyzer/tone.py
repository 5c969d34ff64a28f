"""Tone signals: shouting, jargon, length against the customer's message, reading ease."""

import re

from .lexicon import rx
from .text import Doc, Span
from .verdict import ToneSignal

# Capitalised words that are names of things, not shouting.
_ACRONYM_WORDS = """
    UK US USA EU ID OK TV PIN ATM VAT NHS GP PDF SMS IT API FAQ CEO HR DIY
    BBC AM PM GMT BST UPS DHL DPD GPS USB HD PC ISA ABC XL XXL
"""
_ACRONYMS = frozenset(_ACRONYM_WORDS.split())
_CAPS = re.compile(r"\b[A-Z]{2,}\b")
_BANGS = re.compile(r"!{2,}|\?!|!\?")
JARGON = rx(
    r"\bas\s+per\b",
    r"\bper\s+our\b",
    r"\bticket(?:\s+(?:number|id|ref\w*))?\b",
    r"\bescalat\w*\s+to\s+(?:tier|level|l[123]|2nd|second|third)\b",
    r"\btier\s+[123]\b",
    r"\bSLA\b",
    r"\bRMA\b",
    r"\bT\s?&\s?Cs?\b",
    r"\bkindly\s+(?:revert|note|be\s+advised|ensure)\b",
    r"\brevert\s+(?:back\s+)?to\s+you\b",
    r"\bback-?end\b",
    r"\bplease\s+be\s+advised\b",
    r"\backnowledge\s+receipt\b",
    r"\b(?:aforementioned|herewith|pursuant|heretofore|hereby)\b",
    r"\bin\s+accordance\s+with\b",
    r"\bgoing\s+forward\b",
    r"\btouch\s+base\b",
    r"\bcase\s+(?:number|id)\b",
    r"\bfurther\s+correspondence\b",
    r"\bfuture\s+correspondence\b",
)
_VOWELS = re.compile(r"[aeiouy]+")

SHORT_RATIO = 1 / 3
LONG_RATIO = 3
LONG_CUSTOMER_WORDS = 80
LONG_REPLY_WORDS = 200
READING_EASE_FLOOR = 50
READING_MIN_WORDS = 20


def shouting(doc: Doc) -> ToneSignal:
    caps = [m for m in _CAPS.finditer(doc.text) if m.group(0) not in _ACRONYMS]
    bangs = _BANGS.search(doc.text)
    raised = len(caps) >= 2 or bool(bangs)
    first = caps[0] if caps else bangs
    evidence = Span(first.start(), first.end(), first.group(0)) if raised and first else None
    return ToneSignal(
        "shouting",
        raised,
        float(len(caps)),
        "words in capitals or repeated exclamation marks" if raised else "",
        evidence,
        "Write in normal case with one full stop; capitals and \u201c!!\u201d read as shouting."
        if raised
        else "",
    )


def jargon(doc: Doc) -> ToneSignal:
    found = list(JARGON.finditer(doc.text))
    first = found[0] if found else None
    return ToneSignal(
        "jargon",
        bool(found),
        float(len(found)),
        ", ".join(sorted({m.group(0).lower() for m in found})),
        Span(first.start(), first.end(), first.group(0)) if first else None,
        f"Say \u201c{first.group(0)}\u201d in plain words the customer would use." if first else "",
    )


def length(doc: Doc, customer: Doc | None) -> ToneSignal:
    mine = len(doc.words)
    theirs = len(customer.words) if customer else 0
    if not theirs:
        return ToneSignal("length", False, float(mine), f"{mine} words")
    ratio = mine / theirs
    if theirs > LONG_CUSTOMER_WORDS and ratio < SHORT_RATIO:
        advice = (
            f"They wrote {theirs} words; {mine} may read as brushing them off. Answer each point they made."
        )
        return ToneSignal("length", True, round(ratio, 2), "much shorter than their message", None, advice)
    if mine > LONG_REPLY_WORDS and ratio > LONG_RATIO:
        advice = f"{mine} words against their {theirs}: cut to what they asked and what happens next."
        return ToneSignal("length", True, round(ratio, 2), "much longer than their message", None, advice)
    return ToneSignal("length", False, round(ratio, 2), f"{mine} words against their {theirs}")


def syllables(word: str) -> int:
    word = word.lower().strip("'")
    count = len(_VOWELS.findall(word))
    if word.endswith("e") and not word.endswith(("le", "ee")) and count > 1:
        count -= 1
    return max(1, count)


def reading_ease(doc: Doc) -> ToneSignal:
    words = doc.words
    if len(words) < READING_MIN_WORDS:
        return ToneSignal("reading_ease", False, None, "too short to measure")
    per_sentence = len(words) / max(1, len(doc.sentences))
    per_word = sum(syllables(w) for w in words) / len(words)
    score = round(206.835 - 1.015 * per_sentence - 84.6 * per_word, 1)
    raised = score < READING_EASE_FLOOR
    return ToneSignal(
        "reading_ease",
        raised,
        score,
        "hard to read" if raised else "easy enough to read",
        None,
        "Use shorter sentences and everyday words (Flesch reading ease under 50)." if raised else "",
    )
