"""Reading urgency, risk, anger and the remedy sought from what a customer wrote.

Pure functions over text: no database. Each finding carries the span of the customer's own
words that shows it, so an agent can see why, and judge.
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer  # type: ignore[import-untyped]

from amends.complaints.models import Severity

from .lexicon import ANGER_PATTERNS, NEGATIONS, REMEDY_PATTERNS, RISK_PATTERNS
from .models import RemedyKind, SignalKind, Source

CONTEXT_CHARS = 40
NEGATION_WINDOW = 24  # characters before a match in which a negation turns it round
# Risk signals and the urgency each adds (out of 100). Safety outranks everything: a person may
# be hurt. Anger adds up to ANGER_WEIGHT scaled by how angry.
RISK_WEIGHTS: dict[SignalKind, int] = {
    SignalKind.SAFETY: 60,
    SignalKind.REGULATOR: 35,
    SignalKind.LEGAL: 35,
    SignalKind.VULNERABILITY: 30,
    SignalKind.PUBLIC: 25,
    SignalKind.CHURN: 15,
}
ANGER_WEIGHT = 25


@dataclass(frozen=True)
class Finding:
    kind: SignalKind
    source: Source
    start: int
    end: int
    evidence: str
    remedy: RemedyKind | None = None
    weight: float = 1.0


@dataclass
class Reading:
    findings: list[Finding] = field(default_factory=list)
    sentiment: float = 0.0
    anger: float = 0.0
    severity: Severity = Severity.NORMAL
    priority: int = 0

    def of_kind(self, kind: SignalKind) -> list[Finding]:
        return [f for f in self.findings if f.kind == kind]

    @property
    def remedies(self) -> list[RemedyKind]:
        seen: list[RemedyKind] = []
        for finding in self.of_kind(SignalKind.REMEDY):
            if finding.remedy and finding.remedy not in seen:
                seen.append(finding.remedy)
        return seen


def _compile(patterns: list[str]) -> re.Pattern[str]:
    # Lookarounds rather than \b, so patterns ending in punctuation ("which?") still match.
    return re.compile(r"(?<![\w])(?:" + "|".join(f"(?:{p})" for p in patterns) + r")(?![\w])", re.IGNORECASE)


@lru_cache(maxsize=1)
def _compiled() -> dict[tuple[SignalKind, RemedyKind | None], re.Pattern[str]]:
    table: dict[tuple[SignalKind, RemedyKind | None], re.Pattern[str]] = {}
    for kind, patterns in RISK_PATTERNS.items():
        table[(kind, None)] = _compile(patterns)
    for remedy, patterns in REMEDY_PATTERNS.items():
        table[(SignalKind.REMEDY, remedy)] = _compile(patterns)
    table[(SignalKind.ANGER, None)] = _compile(ANGER_PATTERNS)
    return table


_NEGATED = re.compile(rf"(?<![\w]){NEGATIONS}(?![\w])[^.!?;]*$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _vader() -> SentimentIntensityAnalyzer:
    return SentimentIntensityAnalyzer()


def _negated(text: str, start: int) -> bool:
    """Whether a negation stands just before ``start`` in the same clause ("no injuries")."""
    window = text[max(0, start - NEGATION_WINDOW) : start]
    return bool(_NEGATED.search(window))


def _evidence(text: str, start: int, end: int) -> str:
    left = text.rfind(" ", 0, max(0, start - CONTEXT_CHARS))
    right = text.find(" ", min(len(text), end + CONTEXT_CHARS))
    left = 0 if left < 0 else left + 1
    right = len(text) if right < 0 else right
    return text[left:right].strip()[:300]


def find_signals(text: str, source: Source) -> list[Finding]:
    """Every risk, remedy and anger signal in ``text``, each with its span, negated ones dropped."""
    findings: list[Finding] = []
    for (kind, remedy), pattern in _compiled().items():
        for match in pattern.finditer(text):
            if _negated(text, match.start()):
                continue
            findings.append(
                Finding(
                    kind=kind,
                    source=source,
                    start=match.start(),
                    end=match.end(),
                    evidence=_evidence(text, match.start(), match.end()),
                    remedy=remedy,
                )
            )
    return findings


def _shouting(text: str) -> float:
    words = re.findall(r"[A-Za-z]{3,}", text)
    if not words:
        return 0.0
    capitals = sum(1 for w in words if w.isupper())
    return min(1.0, capitals / len(words) * 4) + min(0.5, text.count("!!") * 0.1)


def anger_score(text: str, sentiment: float, anger_hits: int) -> float:
    """0 to 1: how angry, from negative sentiment, complaint-language anger words and shouting."""
    negative = max(0.0, -sentiment)
    words = min(1.0, anger_hits / 3)
    return round(min(1.0, 0.45 * negative + 0.4 * words + 0.3 * _shouting(text)), 3)


def _severity(kinds: set[SignalKind], anger: float, sentiment: float) -> Severity:
    if SignalKind.SAFETY in kinds:
        return Severity.CRITICAL
    if kinds & {SignalKind.LEGAL, SignalKind.REGULATOR, SignalKind.VULNERABILITY, SignalKind.PUBLIC}:
        return Severity.HIGH
    if anger >= 0.6:
        return Severity.HIGH
    if not kinds - {SignalKind.REMEDY} and sentiment > 0.3 and anger < 0.1:
        return Severity.LOW
    return Severity.NORMAL


def read(story: str, outcome_sought: str = "") -> Reading:
    """Read a complaint: its signals, sentiment, anger, a severity to suggest and a priority."""
    findings = find_signals(story, Source.STORY) + find_signals(outcome_sought, Source.OUTCOME)
    both = f"{story}\n{outcome_sought}".strip()
    sentiment = float(_vader().polarity_scores(both[:5000])["compound"])
    anger = anger_score(both, sentiment, sum(1 for f in findings if f.kind == SignalKind.ANGER))
    kinds: set[SignalKind] = {f.kind for f in findings if f.kind != SignalKind.ANGER}
    if anger >= 0.5:
        kinds.add(SignalKind.ANGER)
    priority = sum(RISK_WEIGHTS.get(kind, 0) for kind in kinds) + round(ANGER_WEIGHT * anger)
    return Reading(
        findings=[f for f in findings if f.kind != SignalKind.ANGER or anger >= 0.3],
        sentiment=round(sentiment, 3),
        anger=anger,
        severity=_severity(kinds, anger, sentiment),
        priority=min(100, priority),
    )
