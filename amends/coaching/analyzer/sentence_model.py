"""A learned reading of single sentences, for what the patterns miss in other writers' words.

The patterns in the lexicons were written from one set of replies; another writer says the same things
in ways they do not list ("Your mother waited four hours for a carer who never arrived" names what it
meant for the customer without a single feeling word). Here each sentence becomes a row of yes/no
readings (does it speak of the customer, of their family, of a stretch of time; does it hold a feeling
word, a loss, a circumstance, a promise, a remedy, blame...), and a logistic model weighs them. The
weights are learned by ``bench/coach_train.py`` from the labelled sets and kept as plain numbers in
``data/sentence_model.json``; nothing is learned or downloaded at run time.

A rule asks for the sentence that reads most strongly as passing it; the rule passes on that sentence
only when its score clears the threshold stored with the weights, so the sentence is the evidence.
"""

import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from . import impact
from . import lexicon as lx
from . import lexicon_action as la
from . import lexicon_empathy as le
from .blame import find_blame
from .text import Sentence

WEIGHTS = Path(__file__).parent / "data" / "sentence_model.json"

_I = re.IGNORECASE
# Each reading is a pattern searched in the sentence, or a test of it.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("speaks_to_them", re.compile(r"\b(?:you|your|yours|you'd|you've|you're)\b", _I)),
    (
        "someone_of_theirs",
        re.compile(
            r"\b(?:he|she|his|her|him|they|their|them|mother|father|son|daughter|husband|wife|children|kids|"
            r"family|dad|mum|partner|baby)\b",
            _I,
        ),
    ),
    ("we_speak", re.compile(r"\b(?:we|i|we've|i've|we'd|i'd|i'm|we're)\b", _I)),
    ("ours", re.compile(r"\b(?:our|my|us|me)\b", _I)),
    ("future", re.compile(r"\b(?:will|'ll|shall|going\s+to)\b", _I)),
    ("digit", re.compile(r"\d")),
    ("money", re.compile(r"[£$€]\s?\d")),
    (
        "stretch_of_time",
        re.compile(
            r"\b(?:for|since|over)\s+(?:\w+\s+){0,2}(?:hours?|days?|weeks?|months?|years?|nights?)\b", _I
        ),
    ),
    ("negation", re.compile(r"\b(?:not|no|never|without|nothing)\b|n't\b", _I)),
    ("question", re.compile(r"\?\s*$")),
    ("greeting", re.compile(r"^\W*(?:dear|hi|hello|hey|good\s+(?:morning|afternoon))\b", _I)),
    ("feeling", le.FEELING),
    ("empathy_opening", le.EMPATHY_STEM),
    ("point_of_view", le.EMPATHY_SELF),
    ("script_line", le.CLICHE),
    ("strong_feeling", le.STRONG_FEELING),
    ("pity", le.PITY),
    ("prepared", impact.PREPARED),
    ("lost", impact.LOST),
    ("stakes", impact.STAKES),
    ("judged", impact.JUDGED),
    ("promise_or_ask", impact.NOT_ABOUT_THEM),
    ("apology", lx.APOLOGY),
    ("owned", lx.OWN_EXPLICIT),
    ("fault", lx.OWN_FAULT),
    ("we_did", lx.OWN_SUBJECT),
    ("excuse", lx.EXCUSE),
    ("remedy", la.REMEDY),
    ("choice", la.CHOICE),
    ("fix", la.FIX),
    ("remedy_refused", la.REMEDY_BLOCKED),
    ("thanks", lx.THANKS),
)
_TESTS: tuple[tuple[str, Callable[[str], float]], ...] = (
    ("blames", lambda text: 1.0 if find_blame(text) else 0.0),
    ("names_impact", lambda text: 1.0 if impact.names_impact(text) else 0.0),
    ("length", lambda text: min(len(text.split()), 60) / 30.0),
)
FEATURES = tuple(name for name, _ in _PATTERNS) + tuple(name for name, _ in _TESTS)


def features(text: str) -> list[float]:
    """The sentence's readings, in the order of ``FEATURES``."""
    found = [1.0 if pattern.search(text) else 0.0 for _, pattern in _PATTERNS]
    return found + [test(text) for _, test in _TESTS]


@dataclass(frozen=True)
class Weights:
    coef: tuple[float, ...]
    intercept: float
    threshold: float

    def score(self, row: list[float]) -> float:
        return self.intercept + math.fsum(c * x for c, x in zip(self.coef, row, strict=True))


@lru_cache(maxsize=1)
def _weights() -> dict[str, Weights]:
    data = json.loads(WEIGHTS.read_text())
    if tuple(data["features"]) != FEATURES:
        raise ValueError(f"{WEIGHTS.name} was trained on other features; run bench/coach_train.py again")
    return {
        rule: Weights(tuple(w["coef"]), float(w["intercept"]), float(w["threshold"]))
        for rule, w in data["rules"].items()
    }


def strongest(rule: str, sentences: list[Sentence]) -> tuple[Sentence, float] | None:
    """The sentence that reads most strongly as passing ``rule``, with its score (None with no sentences)."""
    weights = _weights()[rule]
    scored = [(s, weights.score(features(s.text))) for s in sentences]
    return max(scored, key=lambda pair: pair[1], default=None)


def passing(rule: str, sentences: list[Sentence]) -> Sentence | None:
    """The sentence that passes ``rule`` by the learned reading, if any clears the threshold."""
    found = strongest(rule, sentences)
    if found is None or found[1] <= _weights()[rule].threshold:
        return None
    return found[0]
