"""The rules about what happens now: options, timeline and next step."""

import re

from . import lexicon_action as la
from .text import Doc, Sentence, Span, clause_around
from .verdict import Verdict, failed, passed

# How far before a remedy a negation or hedge still governs it ("we are unable to offer a refund").
_REACH = 45


def check_options(doc: Doc) -> Verdict:
    near: Span | None = None
    for sentence in doc.sentences:
        found = sorted([*la.REMEDY.finditer(sentence.text), *la.CHOICE.finditer(sentence.text)], key=_start)
        for match in found:
            clause = clause_around(sentence, match.start())
            before = re.split(r"[,;:]", clause[: max(0, clause.find(match.group(0)))])[-1][-_REACH:]
            after = clause[clause.find(match.group(0)) + len(match.group(0)) :]
            if la.REMEDY_BLOCKED.search(before) or la.REMEDY_HEDGED_AFTER.search(after):
                near = near or sentence.span()
                continue
            return passed("options", sentence.span(match))
    return failed(
        "options",
        "Offer one or two concrete remedies and let them choose: \u201cI can send a replacement by Friday "
        "or refund you in full \u2014 which would you prefer?\u201d",
        near,
        "refused or hedged" if near else "",
    )


def _start(match: re.Match[str]) -> int:
    return match.start()


def _is_future(sentence: Sentence, match: re.Match[str]) -> bool:
    clause = _local_clause(clause_around(sentence, match.start()), match.group(0))
    found = clause.find(match.group(0))
    before = clause[: max(0, found)]
    context = before + " " + clause[found + len(match.group(0)) :] if found >= 0 else clause
    if la.TIME_OBLIGED.search(before):
        return False
    if la.TIME_FUTURE.search(context) or la.TIME_LEAD.search(before):
        return True
    past = la.TIME_PAST.search(context)
    if la.TIME_FUTURE_WEAK.search(context) and not past:
        return True
    inherent = re.match(
        r"(?i)(?:within|in|inside|up\s+to|over|allow|tomorrow|tonight|next|later)\b", match.group(0)
    )
    return bool(inherent) and not past


def _local_clause(clause: str, words: str) -> str:
    """The part of ``clause`` around ``words`` between ", and", ", so", ", while" or ", which" joins."""
    found = clause.find(words)
    if found < 0:
        return clause
    cuts = list(re.finditer(r",\s+(?:and|so|while|which|as)\b", clause))
    left = max([m.end() for m in cuts if m.end() <= found], default=0)
    right = min([m.start() for m in cuts if m.start() >= found + len(words)], default=len(clause))
    return clause[left:right]


def check_timeline(doc: Doc) -> Verdict:
    for sentence in doc.sentences:
        excluded = [m.span() for m in la.TIME_NOT.finditer(sentence.text)]
        for match in la.TIME_EXPR.finditer(sentence.text):
            if any(a <= match.start() < b for a, b in excluded):
                continue
            if _is_future(sentence, match):
                return passed("timeline", sentence.span(match))
    vague = next(doc.search(la.VAGUE_TIME), None)
    if vague:
        sentence, match = vague
        return failed(
            "timeline",
            f"\u201c{match.group(0)}\u201d is open-ended. Give a date, a time or a bounded duration: "
            "\u201cby Friday at 5pm\u201d, \u201cwithin two working days\u201d.",
            sentence.span(match),
            "vague",
        )
    return failed(
        "timeline",
        "Say by when something will happen: a date, a time or a bounded duration "
        "(\u201cI will call you on Thursday before noon\u201d).",
    )


def _commits(sentence: Sentence) -> bool:
    """Someone is named as doing something concrete: "I'll call you", "our driver will collect it"."""
    text = sentence.text
    for marker in [*la.COMMIT_US.finditer(text), *la.COMMIT_THEM.finditer(text)]:
        if re.match(r"(?:will|shall)\s", marker.group(0)) and not _we_before_and(text[: marker.start()]):
            continue  # "and will ..." with the subject left out: only ours if "I" or "we" led the clause
        position = marker.end()
        while True:
            position = la.ADVERBS.match(text, position).end()  # type: ignore[union-attr]
            rest = text[position:]
            if rest.lower().startswith("be ") and not la.BE_ACTIVE.match(rest):
                break
            if not la.VAGUE_ACTION.match(rest):
                if re.match(r"\w", rest):
                    return True
                break
            then = la.AND_THEN.search(text, position, position + 70)
            if then is None:
                break
            position = then.end()
    return False


def _we_before_and(before: str) -> bool:
    """The clause before "and will" has "I" or "we" as its subject: "I've booked it and will call"."""
    return bool(
        re.search(r"(?:^|[,;:]\s*)(?:\w+\s+)?(?:i|we)(?:'ve|'m|'re|\s)\S*[^,;:]*$", before, re.IGNORECASE)
    )


def check_next_step(doc: Doc) -> Verdict:
    near: Span | None = None
    for sentence in doc.sentences:
        if la.NEXT_NOT.search(sentence.text):
            near = near or sentence.span()
            continue
        question = sentence.text.rstrip().endswith("?")
        if (
            _commits(sentence)
            or la.NEXT_ASKED.search(sentence.text)
            or la.NEXT_TO_CUSTOMER.search(sentence.text)
            or (not question and la.NEXT_ASK_CUSTOMER.search(sentence.text))
        ):
            return passed("next_step", sentence.span())
    return failed(
        "next_step",
        "Say what happens next and who does it: \u201cI will call you on Thursday at 10 to confirm the "
        "engineer's visit.\u201d \u201cWe'll look into it\u201d or \u201cdon't hesitate to contact us\u201d "
        "does not say it.",
        near,
        "boilerplate" if near else "",
    )
