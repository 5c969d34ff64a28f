"""The reply coach's reading of a draft: eight rules, four tone signals and a score.

Pure functions over text, no database and no network, so the desk, the API, the command line and
the benchmark all get the same answer. The rubric is docs/coaching.md.
"""

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from . import tone
from .rules_action import check_next_step, check_options, check_timeline
from .rules_voice import check_apology, check_empathy, check_no_blame, check_ownership, check_thanks
from .text import Doc, Span
from .verdict import RULES, ToneSignal, Verdict

__all__ = ["RULES", "WEIGHTS", "Analysis", "Span", "ToneSignal", "Verdict", "analyse"]

# Points per rule, 100 in all; the apology and owning the failure matter most to an upset customer.
WEIGHTS = {
    "apology": 16,
    "ownership": 14,
    "timeline": 14,
    "next_step": 14,
    "empathy": 12,
    "options": 12,
    "no_blame": 10,
    "thanks": 8,
}
TONE_PENALTY = 5

CHECKS: dict[str, Callable[[Doc], Verdict]] = {
    "thanks": check_thanks,
    "ownership": check_ownership,
    "apology": check_apology,
    "empathy": check_empathy,
    "no_blame": check_no_blame,
    "options": check_options,
    "timeline": check_timeline,
    "next_step": check_next_step,
}


@dataclass(frozen=True)
class Analysis:
    verdicts: dict[str, Verdict]
    tone: dict[str, ToneSignal]
    score: int
    words: int = 0
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def rules(self) -> dict[str, bool]:
        return {name: self.verdicts[name].passed for name in RULES}

    @property
    def suggestions(self) -> list[str]:
        """What to change, the heaviest rule first, then the tone signals raised."""
        failing = sorted((v for v in self.verdicts.values() if not v.passed), key=lambda v: -WEIGHTS[v.rule])
        return [v.suggestion for v in failing] + [s.suggestion for s in self.tone.values() if s.raised]

    @property
    def missing(self) -> list[str]:
        return [name for name in RULES if not self.verdicts[name].passed]

    def as_dict(self, *, detail: bool = False) -> dict[str, Any]:
        """The JSON shape shared by the command line and the API."""
        data: dict[str, Any] = {"rules": self.rules, "score": self.score, "suggestions": self.suggestions}
        if detail:
            data["verdicts"] = {name: _verdict_dict(self.verdicts[name]) for name in RULES}
            data["tone"] = {name: _tone_dict(signal) for name, signal in self.tone.items()}
        return data


def analyse(draft: str, customer: str = "") -> Analysis:
    """Judge ``draft`` against the rubric; ``customer`` is their last message, for the length signal."""
    doc = Doc(draft)
    verdicts = {name: _as_typed(check(doc), draft) for name, check in CHECKS.items()}
    signals = [
        tone.shouting(doc),
        tone.jargon(doc),
        tone.length(doc, Doc(customer) if customer.strip() else None),
        tone.reading_ease(doc),
    ]
    points = sum(WEIGHTS[name] for name, verdict in verdicts.items() if verdict.passed)
    points -= TONE_PENALTY * sum(1 for signal in signals if signal.raised)
    signals = [_as_typed(signal, draft) for signal in signals]
    return Analysis(verdicts, {s.name: s for s in signals}, max(0, points), len(doc.words))


def _as_typed[T: (Verdict, ToneSignal)](found: T, draft: str) -> T:
    """``found`` with its evidence quoted from the draft as typed (curly quotes and all)."""
    span = found.evidence
    if span is None:
        return found
    return replace(found, evidence=Span(span.start, span.end, draft[span.start : span.end]))


def _span_dict(span: Span | None) -> dict[str, Any] | None:
    return None if span is None else {"start": span.start, "end": span.end, "text": span.text}


def _verdict_dict(verdict: Verdict) -> dict[str, Any]:
    return {
        "passed": verdict.passed,
        "evidence": _span_dict(verdict.evidence),
        "note": verdict.note,
        "suggestion": verdict.suggestion,
    }


def _tone_dict(signal: ToneSignal) -> dict[str, Any]:
    return {
        "raised": signal.raised,
        "value": signal.value,
        "detail": signal.detail,
        "evidence": _span_dict(signal.evidence),
        "suggestion": signal.suggestion,
    }
