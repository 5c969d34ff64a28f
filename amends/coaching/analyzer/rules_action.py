"""The rules about what happens now: options, timeline and next step."""

import re

from . import lexicon_action as la
from .lexicon import MONTH
from .text import Doc, Sentence, Span, clause_around
from .verdict import Verdict, failed, passed

# How far before a remedy a negation or hedge still governs it ("we are unable to offer a refund").
_REACH = 45


def check_options(doc: Doc) -> Verdict:
    near: Span | None = None
    for index, sentence in enumerate(doc.sentences):
        before_sentence = doc.sentences[index - 1].text if index else ""
        for match in _remedies(sentence, before_sentence):
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


def _remedies(sentence: Sentence, before: str) -> list[re.Match[str]]:
    """Remedies and choices offered in ``sentence``, in order. Fixing the fault itself counts only when it is
    free or mends damage we did (said here or in the sentence ``before``)."""
    text = sentence.text
    fix_counts = (
        la.FIX_FREE.search(text) or la.FIX_OUR_DAMAGE.search(text) or la.FIX_OUR_DAMAGE.search(before)
    )
    found = [m for m in la.REMEDY.finditer(text) if fix_counts or not _part_replaced(text, m)] + list(
        la.CHOICE.finditer(text)
    )
    if fix_counts:
        found += la.FIX.finditer(text)
    if la.REMEDY_MENTIONED.search(before):
        found += la.REMEDY_ARRIVING.finditer(
            text
        )  # "... your refund. It'll land in your account by Wednesday."
    return sorted(found, key=_start)


def _part_replaced(text: str, match: re.Match[str]) -> bool:
    """ "he replaced it" after "a fuse had blown": a part replaced to mend the fault, not a replacement."""
    return bool(
        re.match(r"(?i)replac\w*\s+(?:it|them)\b", match.group(0))
        and re.search(rf"(?i)\b{la.PARTS}\b", text[: match.start()])
    )


def _start(match: re.Match[str]) -> int:
    return match.start()


def _is_future(sentence: Sentence, match: re.Match[str]) -> bool:
    clause = _local_clause(clause_around(sentence, match.start()), match.group(0))
    found = clause.find(match.group(0))
    before = clause[: max(0, found)]
    context = before + " " + clause[found + len(match.group(0)) :] if found >= 0 else clause
    if la.TIME_OBLIGED.search(before) or _customer_deadline(before) or la.TIME_ANY.search(before):
        return False  # a rule or a deadline for them ("reply by 14 October"), or a time they pick
    if la.TIME_FUTURE.search(context) or la.TIME_LEAD.search(before):
        return True
    if re.match(r"(?i)(?:in|during|from)\s", match.group(0)) and re.search(rf"(?i){MONTH}\b", match.group(0)):
        return False  # "in November" says when only with a clear future: "it will appear in June"
    past = la.TIME_PAST.search(
        la.ATTRIBUTIVE.sub(" ", context)
    )  # "refunds for cancelled tours" is not the past
    if la.TIME_FUTURE_WEAK.search(context) and not past:
        return True
    inherent = re.match(
        rf"(?i)(?:within|in(?!\s+(?:early\s+|mid-?|late\s+)?{MONTH}\b)|inside|up\s+to|over|allow|tomorrow|tonight|next|later|by|"
        r"before)\b",
        match.group(0),
    )
    return bool(inherent) and not past


def _customer_deadline(before: str) -> bool:
    """The time is a deadline for the customer: "Send us the reading within seven days". Not when the verb
    carries on a clause of ours: "I'll look into it and ring you back tomorrow"."""
    found = la.TIME_CUSTOMER.search(before)
    if found is None:
        return False
    return not (
        re.match(r"(?i)\s*and\b", found.group(0))
        and re.search(
            r"(?i)\b(?:i|we|they|he|she|who|team|[A-Z][a-z]+)(?:'ll|\s+will|'m\s+going\s+to|\s+am\s+going\s+to|"
            r"\s+shall|'re\s+going\s+to|\s+are\s+going\s+to)\b",
            before[: found.start()],
        )
    )


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
        if re.match(r"(?i)they\b", marker.group(0)) and re.match(
            r"(?i)(?:arrive|reach|land|get\s+there)", text[position:]
        ):
            continue  # "They will arrive on tonight's flight": the bags, not someone doing something
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
            (not la.NEXT_OFFERED.search(sentence.text) and _commits(sentence))
            or la.NEXT_ASKED.search(sentence.text)
            or la.NEXT_TO_CUSTOMER.search(sentence.text)
            or (la.NEXT_TIMETABLED.search(sentence.text) and la.TIME_EXPR.search(sentence.text))
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
