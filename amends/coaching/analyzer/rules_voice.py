"""The rules about how the reply speaks: thanks, ownership, apology, empathy, no blame."""

import re

from . import lexicon as lx
from . import lexicon_empathy as le
from . import sentence_model
from .blame import find_blame
from .impact import names_impact
from .text import Doc, Sentence, Span, clause_around
from .verdict import Verdict, failed, passed


def check_thanks(doc: Doc) -> Verdict:
    near: Span | None = None
    for sentence, match in doc.search(lx.THANKS):
        if lx.THANKS_TO.match(sentence.text, match.start()):
            continue
        after = sentence.text[match.end() :]
        if match.group(0).lower().startswith(("grateful", "appreciate")):
            return passed("thanks", sentence.span(match))
        thanked_for = re.match(
            r"\s*(?:so\s+much\s+|very\s+much\s+|again\s+|a\s+lot\s+|,?\s*\w+,?\s+)?for\b", after
        )
        what = after[thanked_for.end() :] if thanked_for else after
        if lx.THANKS_HOLLOW.search(what):
            near = near or sentence.span(match)
            continue
        if thanked_for is None and (lx.SIGNOFF_TAIL.match(after) or re.match(r"\W*but\b", after)):
            continue  # "Many thanks, Simon" or "Thanks, but no": thanks for nothing they gave
        return passed("thanks", sentence.span())
    return failed(
        "thanks",
        "Thank them for something they gave you: telling you, their patience, the details they sent. "
        "\u201cThank you for letting us know\u201d works; \u201cthank you for your understanding\u201d "
        "does not.",
        near,
        "thanks them only for accepting it" if near else "",
    )


def _owned(
    sentence: Sentence, before: Sentence | None = None, after: Sentence | None = None
) -> re.Match[str] | None:
    for explicit in lx.OWN_EXPLICIT.finditer(sentence.text):
        said_before = sentence.text[: explicit.start()]
        if not lx.OWN_CONDITION.search(said_before) and not lx.OWN_TREAT.search(said_before):
            return explicit
    agent = lx.OWN_BY_OUR.search(sentence.text)
    if agent and lx.OWN_FAULT.search(sentence.text) and not lx.OWN_NOT_FAULT.search(sentence.text):
        return agent
    owned_in_apology = _owned_in_apology(sentence, after)
    if owned_in_apology:
        return owned_in_apology
    verdict = lx.OWN_VERDICT.search(sentence.text)
    if verdict and any(_did(s) for s in (before, sentence) if s is not None):
        return verdict
    for subject in lx.OWN_SUBJECT.finditer(sentence.text):
        if lx.OWN_REPORTED.search(sentence.text, 0, subject.start()) or lx.OWN_CONDITION.search(
            sentence.text, 0, subject.start()
        ):
            continue
        clause = clause_around(sentence, subject.start())
        rest = clause[clause.find(subject.group(0)) :]
        if lx.OWN_FAULT.search(rest) and not lx.OWN_NOT_FAULT.search(rest):
            return subject
    return None


# Where a clause's subject stands: the start, or after "sorry (that)", a comma, "and", a colon or a dash.
_CLAUSE_START = re.compile(
    r"(?:^|[,;:.!\u2014\u2013-]\s*|\band\s+|\b(?:sorry|apologi[sz]e|apologies)\s+(?:that\s+|for\s+(?:how|the\s+way)\s+)?"
    r"|\bthat\s+)\W*$",
    re.IGNORECASE,
)


def _owned_in_apology(sentence: Sentence, after: Sentence | None = None) -> re.Match[str] | None:
    """Something we did, said in the same breath as a sincere apology: "our driver left the sofa in the rain,
    and I'm sorry". Nobody apologises for what went right, so the apology marks the act as a failure. A
    bare apology right after it does the same: "We overbooked your flight. I'm so sorry."."""
    apologised_after = after is not None and lx.APOLOGY_FOR_THAT.match(after.text)
    if not apologised_after and not any(
        not _hollow_kind(sentence, m) for m in lx.APOLOGY.finditer(sentence.text)
    ):
        return None
    for subject in lx.OWN_SUBJECT.finditer(sentence.text):
        before = sentence.text[: subject.start()]
        if (
            lx.OWN_REPORTED.search(before)
            or lx.OWN_CONDITION.search(before)
            or not _CLAUSE_START.search(before)
        ):
            continue
        clause = clause_around(sentence, subject.start())
        if (
            not lx.OWN_UNABLE.search(clause)
            and not lx.OWN_NOT_FAULT.search(clause)
            and not lx.OWN_NEUTRAL.match(sentence.text, subject.start())
        ):
            return subject
    return None


def _did(sentence: Sentence) -> bool:
    """The sentence says what we did ("we served you chicken"), not what was reported or asked."""
    return any(
        not lx.OWN_REPORTED.search(sentence.text, 0, s.start()) and not lx.OWN_NOT_FAULT.search(sentence.text)
        for s in lx.OWN_SUBJECT.finditer(sentence.text)
    )


def check_ownership(doc: Doc) -> Verdict:
    near: tuple[Span, str] | None = None
    for index, sentence in enumerate(doc.sentences):
        after = doc.sentences[index + 1] if index + 1 < len(doc.sentences) else None
        owned = _owned(sentence, doc.sentences[index - 1] if index else None, after)
        if owned is None:
            continue
        excuse = lx.EXCUSE.search(sentence.text) or _excuse_after(after)
        undo = lx.BUT_AFTER.search(sentence.text, owned.end())
        if excuse:
            near = near or (sentence.span(excuse), "excuse")
        elif _blame_in(sentence.text) or (
            undo and (lx.BUT_UNDOING.search(undo.group(1)) or _blame_in(undo.group(1)))
        ):
            near = near or (sentence.span(), "undone")
        else:
            return passed("ownership", sentence.span())
    if near and near[1] == "excuse":
        return failed(
            "ownership",
            f"Drop the excuse (\u201c{near[0].text}\u201d) and say plainly what we got wrong: "
            "\u201cWe sent the wrong size, and that was our mistake.\u201d",
            near[0],
            "owned, then excused",
        )
    return failed(
        "ownership",
        "Say in the first person what went wrong on our side, with no \u201cbut\u201d: "
        "\u201cWe missed your appointment, and that was our mistake.\u201d",
        near[0] if near else None,
        "owned, then taken back" if near else "",
    )


def _excuse_after(after: Sentence | None) -> re.Match[str] | None:
    """The next sentence gives an outside reason for what was just owned: "This was due to a strike"."""
    if after is None or lx.OWN_EXPLICIT.search(after.text):
        return None
    return lx.REASON_AFTER.match(after.text) or lx.EXCUSE.search(after.text)


def _hollow_kind(sentence: Sentence, match: re.Match[str]) -> str:
    for kind, pattern in lx.APOLOGY_HOLLOW.items():
        for hollow in pattern.finditer(sentence.text):
            if hollow.start() < match.end() and match.start() < hollow.end():
                return kind
    if lx.SORRY_COMMA_REFUSAL.match(sentence.text) and match.start() < 12:
        return "undone"
    unable = lx.SORRY_UNABLE.search(sentence.text)
    if unable and unable.start() <= match.start() < unable.end():
        return "undone"
    before, after = sentence.text[: match.start()], sentence.text[match.end() :]
    if (
        re.fullmatch(r"[\s.!]*", after)
        and re.search(r",\s*$", before)
        and (lx.REFUSAL.search(before) or _blame_in(before))
    ):
        return "undone"  # "Our policy does not permit refunds, sorry."
    rest = lx.APOLOGY_BUT.search(sentence.text, match.start())
    if (
        rest
        and lx.BARE_BUT.match(sentence.text, match.end())
        and not lx.REMEDY_AFTER_BUT.search(rest.group(1))
    ):
        return "undone"  # "Apologies, but the deposit is held": nothing apologised for before the "but"
    if rest:
        tail = rest.group(1)
        refused = lx.REFUSAL.search(tail) or _blame_in(tail)
        if refused and not lx.REMEDY_AFTER_BUT.search(tail):
            return "undone"
    return ""


def check_apology(doc: Doc) -> Verdict:
    near: tuple[Span, str] | None = None
    for index, sentence in enumerate(doc.sentences):
        for match in lx.APOLOGY.finditer(sentence.text):
            kind = _hollow_kind(sentence, match)
            after = doc.sentences[index + 1].text if index + 1 < len(doc.sentences) else ""
            if not kind and _bare(sentence) and _blame_in(after):
                kind = "undone"
            if kind:
                near = near or (sentence.span(), kind)
                continue
            return passed("apology", sentence.span())
    return failed(
        "apology",
        _APOLOGY_ADVICE[near[1] if near else ""],
        near[0] if near else None,
        near[1] if near else "",
    )


def _bare(sentence: Sentence) -> bool:
    """A sentence that is nothing but "Apologies." or "I'm sorry." (a name may follow)."""
    match = lx.BARE_APOLOGY.match(sentence.text + " ")
    return match is not None and len(sentence.text) - match.end() < 3


_APOLOGY_ADVICE = {
    "": "Apologise for what happened, in your own voice: \u201cI'm sorry we missed your delivery.\u201d",
    "sympathy": "\u201cSorry to hear\u201d is sympathy, not an apology. Apologise for what we did: "
    "\u201cI'm sorry we kept you waiting.\u201d",
    "conditional": "An apology for how they feel (\u201csorry if you feel\u201d) is not an apology. "
    "Apologise for what happened: \u201cI'm sorry we sent the wrong item.\u201d",
    "boilerplate": "\u201cSorry for any inconvenience\u201d reads as boilerplate. Name what you are sorry "
    "for: \u201cI'm sorry you had to wait in all day for nothing.\u201d",
    "notice": "\u201cSorry to say\u201d or \u201cI'm afraid\u201d announces bad news; it does not apologise. "
    "Apologise for what happened: \u201cI'm sorry we cancelled your appointment.\u201d",
    "undone": "The \u201cbut\u201d takes the apology back. End the apology with a full stop, then say what "
    "you will do.",
}


def _specific_words(clause: str) -> list[str]:
    words = re.findall(r"[A-Za-z][A-Za-z'\-]*|\d+", clause.lower())
    return [w for w in words if w not in le.GENERIC and len(w) > 2 and not le.FEELING.fullmatch(w)]


def _empathy_clause(sentence: Sentence, position: int) -> str:
    cuts = [0, *[m.end() for m in le.EMPATHY_CUT.finditer(sentence.text) if m.end() <= position]]
    ends = [m.start() for m in le.EMPATHY_CUT.finditer(sentence.text) if m.start() > position]
    return sentence.text[max(cuts) : min(ends) if ends else len(sentence.text)]


def check_empathy(doc: Doc) -> Verdict:
    """The patterns first; failing them, the learned reading of each sentence (``sentence_model``)."""
    verdict = empathy_by_patterns(doc)
    if verdict.passed:
        return verdict
    candidates = [s for s in doc.sentences if not le.PITY.search(s.text) and not _blame_in(s.text)]
    learned = sentence_model.passing("empathy", candidates)
    if learned is None:
        return verdict
    return passed("empathy", learned.span(), "says what it meant for them")


def empathy_by_patterns(doc: Doc) -> Verdict:
    """Empathy read by the patterns alone (what the learned reading is trained to add to)."""
    near: tuple[Span, str] | None = None
    for sentence in doc.sentences:
        pity = le.PITY.search(sentence.text)
        if pity:
            near = near or (sentence.span(pity), "pity")
            continue
        for match in _empathy_openings(sentence):
            clause = _empathy_clause(sentence, match.start())
            felt = le.FEELING.search(clause) or le.EMPATHY_SELF.search(clause)
            if felt and _specific_words(clause):
                return passed("empathy", sentence.span())
            near = near or (sentence.span(), "cliche")
    # No feeling named: a sentence that says what it cost them in their own life still counts.
    for index, sentence in enumerate(doc.sentences):
        before = doc.sentences[index - 1].text if index else ""
        if (
            not le.PITY.search(sentence.text)
            and not _blame_in(sentence.text)
            and names_impact(sentence.text, before)
        ):
            return passed("empathy", sentence.span())
    if near and near[1] == "pity":
        return failed(
            "empathy",
            f"\u201c{near[0].text}\u201d feels sorry for them, not with them. Name what it meant for them: "
            "\u201cBeing without heating for a week with a baby at home must have been exhausting.\u201d",
            near[0],
            "pity",
        )
    return failed(
        "empathy",
        "Show you understand their situation, in their terms: \u201cI can imagine how stressful it was to "
        "take the day off and wait in for nothing.\u201d A stock line like \u201cI understand your "
        "frustration\u201d does not count.",
        near[0] if near else None,
        "stock phrase" if near else "",
    )


def _empathy_openings(sentence: Sentence) -> list[re.Match[str]]:
    found = list(le.EMPATHY_STEM.finditer(sentence.text))
    found += list(le.CLICHE.finditer(sentence.text))
    found += list(le.EMPATHY_SELF.finditer(sentence.text))
    strong = le.STRONG_FEELING.search(sentence.text)
    if (
        strong
        and not re.search(r"\b(?:not|n't|never)\s+(?:\w+\s+)?$", sentence.text[: strong.start()])
        and not le.GENERAL_STATEMENT.search(sentence.text[: strong.start()])
        and not _excused(sentence.text[: strong.start()])
    ):
        found.append(strong)
    return sorted(found, key=lambda m: m.start())


def _excused(before: str) -> bool:
    """The strong word comes after "we ..., but": it describes our excuse, not their experience."""
    return bool(re.search(r"\b(?:we|i)\b[^.;]*?,?\s+but\s+(?!you|your)[^,;]*$", before, re.IGNORECASE))


def _blame_in(text: str) -> str:
    """What ``text`` blames (the customer, a colleague, ...) or "" if it blames no one."""
    found = find_blame(text)
    return found[0] if found else ""


def check_no_blame(doc: Doc) -> Verdict:
    for sentence in doc.sentences:
        found = find_blame(sentence.text)
        if found:
            target, match = found
            return failed(
                "no_blame",
                f"This puts the cause on {target.split(',')[0]}: \u201c{sentence.text}\u201d. Say what "
                "we will do about it, and own the part that is ours.",
                sentence.span(match),
                target,
            )
    return Verdict("no_blame", True, None, "")
