"""What the coach says about one rule or one tone signal."""

from dataclasses import dataclass

from .text import Span

RULES = ("thanks", "ownership", "apology", "empathy", "no_blame", "options", "timeline", "next_step")


@dataclass(frozen=True)
class Verdict:
    """One rule's judgement of a draft.

    ``evidence`` is the words that decided it: what passed the rule, or, when it failed, the near
    miss (a boilerplate apology, a vague "soon", the blaming sentence) if there was one.
    """

    rule: str
    passed: bool
    evidence: Span | None = None
    note: str = ""
    suggestion: str = ""


@dataclass(frozen=True)
class ToneSignal:
    """A tone problem: raised or not, what was measured, and what to do about it."""

    name: str
    raised: bool
    value: float | None = None
    detail: str = ""
    evidence: Span | None = None
    suggestion: str = ""


def passed(rule: str, evidence: Span, note: str = "") -> Verdict:
    return Verdict(rule, True, evidence, note)


def failed(rule: str, suggestion: str, evidence: Span | None = None, note: str = "") -> Verdict:
    return Verdict(rule, False, evidence, note, suggestion)
