"""Who a sentence makes the cause of what went wrong, read from its roles rather than set phrases.

A sentence shifts blame when someone other than us is the one who failed, the cause, the one held
responsible, or the authority hidden behind:

- an outside party (a courier, supplier, airline, bank, landlord, contractor, "our partner") as
  the subject of a failure, the agent of a passive ("caused by the airline"), or the owner of the
  job ("the landlord's responsibility");
- the customer, or customers as a class, as the one who did not do something ("you weren't in",
  "the patient did not inform us"), whose choice or data was wrong ("the transfer time you chose
  was very short"), whose things were at fault ("the wiring in your property"), or whose duty is
  said in the passive with nobody named ("payments had not been made");
- the system or a rule made the one who decided ("the computer automatically cancelled it", "as
  stated at checkout, personalised items cannot be returned", "under our conditions of carriage");
- insinuation and deflection ("our records show", "it looks like impact damage", "you'll need to
  take it up with them").

The same sentence owning the cause ("as we chose the courier, that's our responsibility", "I'm
sorry our partner ...", "that's no excuse") means nothing is shifted.
"""

import re

from . import lexicon_blame as lb
from .lexicon import rx

_MOD = r"(?:(?!(?:to|for|with|from|by|of|and|or|at|in|on|that|who|which)\b)[\w'-]+\s+){0,3}?"
_SUBJECT_PARTY = (
    rf"(?:\b(?:the|a|an|your|their|our|this|that|his|her|its)\s+|^\W*(?:[\w-]+\s+)?){_MOD}{lb.PARTY}\b"
    r"(?:'s(?:\s+[\w-]+){1,2})?"
)
_REFUSING = re.compile(
    r"\b(?:not|no|non-\w+|cannot|can't|unable|only|must|minimum|charges?|charged|fees?|payable|liable|responsible|"
    r"required|exclud\w*|clearly|void|forfeit\w*|lapse\w*|expired?)\b",
    re.IGNORECASE,
)

# An outside party as the one who failed, or as the agent, owner or cause of the trouble.
PARTY = rx(
    _SUBJECT_PARTY
    + r"(?:,[^,.;]{1,40},)?\s+(?:who\s+|which\s+|that\s+)?(?:\w+ly\s+|also\s+|then\s+|just\s+|still\s+|"
    r"themselves\s+)?" + lb.FAULT + r"\b",
    r"\b(?:caused|made|set|imposed|decided|determined|controlled|handled|run|managed|let\s+down|held\s+up|delayed|"
    r"provided|supplied|operated|issued|"
    r"cancell?ed|lost|damaged|blocked|declined|rejected|changed|refused)\s+by\s+(?:the|our|your|a|an|their)\s+"
    + _MOD
    + lb.PARTY
    + r"\b",
    r"\b(?:cannot|can't|can\s+not)\s+be\s+held\s+(?:accountable|responsible|liable)\b",
    r"(?:'s|\bis|\bare|\bwas|\bwere|\blies|\bl[iy]es\s+with|\brests\s+with|\bsits\s+with)\s+(?:(?:entirely|solely|"
    r"squarely|firmly|the|your|their|with)\s+)*(?!our\b|my\b)[\w-]+(?:\s+[\w-]+)?'s\s+(?:job|responsibility|"
    r"problem|fault|decision|doing|call|error|mistake|remit|liability)\b",
    r"\b(?:at|on|from)\s+(?:the|their|your)\s+(?:[\w-]+\s+)?[\w-]+'s\s+(?:end|side)\b",
    # "It was the carrier who held it", "it's the bank that blocked it": a cleft naming someone else.
    r"\b(?:it|this)\s+(?:was|is|'s)\s+(?:the|your|their|our)\s+"
    + _MOD
    + lb.PARTY
    + r"(?:'s\s+[\w-]+)?\s+(?:who|that|which)\b",
    # A party's word taken over theirs: "the hotel says your room was ready", "according to the driver".
    _SUBJECT_PARTY
    + r"\s+(?:says|said|insists|maintains|reports|reported|confirms|confirmed|tells\s+us|told\s+us|"
    r"has\s+(?:told|confirmed|assured))\b",
    r"\baccording\s+to\s+(?:the|our|your)\s+(?:[\w-]+\s+)?(?:driver|courier|engineer|technician|carrier|fitter|"
    r"installer|" + lb.PARTY + r")\b",
    r"\b(?:is|are|'s)\s+(?:one\s+)?for\s+(?:the|your|their)\s+[\w\s'-]{1,30}?\s+to\s+(?:resolve|fix|sort|deal\s+with|handle|"
    r"answer|decide|look\s+at|put\s+right)\b",
    r",\s*not\s+(?:us|ours|we)\b",
    r"\b(?:are|is|were|was)\s+(?:all\s+|entirely\s+)?(?:theirs|his|hers)\b",
    r"\bsets?\s+(?:its|their|his|her)\s+own\s+(?:\w+\s+)?(?:polic(?:y|ies)|rules|terms|prices|charges)\b",
    r"\b(?:failure|fault|error|problem|issue|outage|strike|backlog|mistake|mix-up)\s+(?:at|with|from|by|on\s+the\s+part\s+of)"
    r"\s+(?:the|our|your|their|a|an)\s+" + _MOD + lb.PARTY + r"\b",
    r"\b(?:is|are|was|were)\s+(?:entirely\s+|solely\s+)?(?:their|his|her)\s+(?:own\s+)?(?:responsibility|job|"
    r"problem|decision|fault|liability)\b",
    r"\bnot\s+(?:anything|something)\s+(?:that\s+)?(?:we|i)\s+did\b",
    r"\b(?:is|are|was|'s)\s+(?:all\s+|entirely\s+|now\s+)?down\s+to\s+(?:the|that|your|their|his|her)\b",
    r"\b(?:delay|hold-up|holdup|problem|issue|fault|backlog|blockage|bottleneck)\s+(?:is|was|lies|sits|rests)\s+(?:now\s+|"
    r"entirely\s+|still\s+)?with\s+(?:(?:the|your|their)\b|our\s+" + _MOD + lb.PARTY + r")",
    r"\brather\s+than\s+(?:us|ours|anything\s+we|our\s+(?:fault|error|mistake|doing))\b",
    r"\b(?:decision|call)\s+(?:was\s+)?(?:taken|made)\s+by\s+(?:our|the|another|a)\s+(?:[\w-]+\s+){0,2}"
    r"(?:team|department|manager|office|panel|underwriters?)\b",
)

# The customer as the one who did not do their part, chose wrong, or whose things were at fault.
CUSTOMER = rx(
    r"(?<!\bif\s)(?<!\bthough\s)(?<!\bwhen\s)\b"
    + lb.CUSTOMER
    + r"\s+(?:simply\s+|just\s+|also\s+|then\s+)?"
    + lb.CUSTOMER_OMISSION,
    r"\b(?:nobody|no\s+one|no-one)\s+(?:was\s+(?:at\s+)?(?:in|home|there|available|present)|answered\b(?!\s+(?:your|you|our|"
    r"the\s+phone|calls?|emails?))|responded\s+to\s+(?:the|our)\s+(?:card|knock|calling)|came\s+to\s+the\s+door)",
    r"\b(?:the\s+)?[\w-]+(?:\s+[\w-]+)?\s+(?:that\s+)?you\s+(?:chose|selected|picked|booked|entered|gave\s+us|provided|"
    r"supplied|used|ordered|typed|set|requested)\s+(?:was|were|is|are|had\s+been)\s+(?:\w+\s+)?(?:wrong|incorrect|"
    r"invalid|too|short|out\s+of\s+date|expired|not\s+(?:valid|eligible|compatible|available|suitable|correct|right)|"
    r"non-refundable|unsuitable|incompatible|for\s+(?:a|the)\s+(?:different|wrong))",
    r"\b(?:details|information|address|number|code|postcode|name|date|card|reading)\s+(?:you\s+)?(?:entered|given|"
    r"provided|supplied|typed|used|gave\s+us)\s+(?:was|were|is|are|had\s+been)\s+(?:\w+\s+)?(?:wrong|incorrect|invalid|"
    r"out\s+of\s+date|expired|not\b)",
    r"\b(?:address|details|name|postcode|signature|reading|code|information|id|documents?|card|number)\s+(?:\w+\s+){0,4}?"
    r"(?:did\s+not|didn't|does\s+not|doesn't)\s+match\b",
    # Their duty in the passive, nobody named: "payments had not been made", "the form was not filled in".
    r"(?:\byour\s+(?:[\w-]+\s+){0,2}|\b(?:the\s+)?(?:[\w-]+\s+)?(?:forms?|applications?|payments?|readings?|meters?|"
    r"documents?|paperwork|instructions|guide|details|declarations?|claims?|evidence|receipts?|router|appliance|"
    r"device|premises|property|access|insurance|deposit|bills?)\s+)(?:was|were|had|has|have|is|are)\s+(?:not|never)\s+"
    r"(?:been\s+)?(?:correctly\s+|properly\s+|fully\s+)?" + lb.DUTY + r"\b(?!\s+by\s+(?:us|our|me)\b)",
    r"^\W*had\s+(?:the|your)\s+[\w\s'-]{1,30}?been\s+(?:\w+\s+)?" + lb.DUTY + r"\b",
    r"\bshould\s+have\s+been\s+(?:taken\s+out|purchased|bought|declared|read|followed|submitted|renewed|registered|"
    r"reported|disclosed)\b",
    r"\byou\s+(?:opted\s+out|declined|chose\s+not|turned\s+down|didn't\s+take|did\s+not\s+take|waived)\b",
    r"\b(?:because|as|since)\s+(?:the|your)\s+(?:[\w-]+\s+){1,3}(?:was|were|had\s+been)\s+(?:\w+\s+)?(?:submitted|"
    r"entered|filled\s+in|selected|chosen|ordered|signed|placed|typed)\b",
    # Their things as the cause.
    r"\byour\s+(?:own\s+)?(?:[\w-]+\s+){0,3}?(?:isn't|wasn't|aren't|weren't|is\s+not|was\s+not|are\s+not|were\s+not)\s+"
    r"(?:\w+\s+)?(?:up\s+to\s+(?:standard|scratch|code)|compatible|suitable|safe|accessible|set\s+up|switched\s+on)",
    r"\byour\s+(?:own\s+)?(?:[\w-]+\s+){0,3}?(?:is|was|are|were|had)\s+(?:\w+\s+)?(?:incompatible|unsuitable|unsafe|"
    r"inaccessible|out\s+of\s+date|outdated|to\s+blame|the\s+(?:cause|problem|reason)|set\s+up\s+(?:wrong|incorrectly))\b",
    r"\bcaused\s+by\s+(?:[\w-]+\s+){0,4}?(?:your|you|incorrect|improper|misuse|wear|user|accidental|the\s+way\s+you)\b",
    r"\byour\s+(?:[\w-]+\s+)?(?:documents?|forms?|application|payment|claim|reading|paperwork|return|request|email|"
    r"letter|photos|evidence|cheque|renewal|deposit|notice)\s+(?:arrived|reached\s+us|came\s+in|was\s+received|were\s+"
    r"received)\s+(?:\w+\s+)?(?:after|late|too\s+late|past)\b",
    r"\b"
    + lb.CUSTOMER
    + r"\s+(?:are|were|is|was|remain|remains)\s+(?:solely\s+|fully\s+|entirely\s+|always\s+)?"
    r"(?:responsible|liable|required|expected|obliged)\b",
    r"\b(?:had|if)\s+(?:you|your|the\s+(?:correct|right|proper|full))\b[^,;.]{0,60}?\b(?:been|had|used|checked|read|"
    r"followed|told|contacted|called)\b[^,;.]{0,40},\s*[^.;]{0,80}\bwould(?:\s+not|n't)?\s+have\b",
)

# The system or a rule made the one who decided.
RULES = rx(
    r"\b(?:the|our)\s+(?:[\w-]+\s+){0,2}?" + lb.SYSTEM + r"\s+(?:automatically|simply|just|itself)\b",
    r"\b(?:the|our)\s+(?:[\w-]+\s+){0,2}?"
    + lb.SYSTEM
    + r"\s+(?:won't|will\s+not|doesn't|does\s+not|can't|cannot|"
    r"couldn't|wouldn't|didn't\s+let|did\s+not\s+let)\b",
    r"\b(?:a|the)\s+(?:computer|system|technical|it)\s+(?:error|glitch|fault)\b(?![^.;]{0,25}\bour\b)",
    r"\b(?:that's|that\s+is|it's|it\s+is|this\s+is)\s+(?:just\s+|simply\s+|standard\s+)?(?:our|the|company)\s+"
    r"(?:polic(?:y|ies)|rules?|terms|procedure|process)\b",
    r"\b(?:it's|it\s+is)\s+(?:company|our)\s+policy\b",
    r"\b(?:polic(?:y|ies)|terms|rules|conditions)\s+(?:that\s+|which\s+)?you\s+(?:agreed\s+to|accepted|signed)\b",
    r"\b(?:only|simply|just)\s+(?:following|applying|enforcing)\s+(?:the\s+|our\s+)?(?:[\w-]+\s+)?(?:rules|polic(?:y|ies)|"
    r"procedures?|process|orders|guidelines|instructions|regulations)\b",
    r"\bclearly\s+(?:says?|states?|explains?|warns?)\b",
    r"\b(?:isn't|aren't|is\s+not|are\s+not|not)\s+covered\s+(?:by|under)\b",
    r"\b(?:isn't|aren't|is\s+not|are\s+not|not|in)\s*eligible\s+for\b[^.;]{0,60}\b(?:as|because|since|due\s+to)\b",
    r"\b(?:the|our)\s+(?:[\w-]+\s+){0,2}?" + lb.SYSTEM + r"\s+only\s+(?:lets|allows|permits)\b",
    r"\b(?:it's|it\s+is|that's|that\s+is)\s+(?:entirely\s+|solely\s+)?your\s+(?:own\s+)?responsibility\b",
)
# A rule as the subject that refuses, or the authority cited for a refusal.
RULE_CITED = rx(
    r"\b(?:the|our|your|these|company|its)\s+(?:[\w-]+\s+){0,2}?"
    + lb.RULEBOOK
    + r"\s+(?:[\w-]+\s+){0,4}?(?:clearly\s+|"
    r"explicitly\s+|also\s+)?(?:states?|says?|explains?|makes?\s+(?:it\s+)?clear|sets?\s+out|specif(?:y|ies)|requires?|prevents?|excludes?|"
    r"(?:does|do|will|would)\s+not|doesn't|don't|won't|wouldn't|forbids?|prohibits?|only\s+(?:allows?|covers?|"
    r"permits?))\b",
    r"\b(?:in\s+line\s+with|under|as\s+per|according\s+to|in\s+accordance\s+with|(?:as|which\s+(?:is|was))\s+(?:stated|"
    r"set\s+out|explained|shown|outlined|specified|detailed|advertised|mentioned|noted|printed|written)\s+(?:in|on|at|when|"
    r"during))\s+(?:the\s+|our\s+|your\s+|its\s+)?(?:[\w-]+\s+){0,3}?(?:"
    + lb.RULEBOOK
    + r"|checkout|website|booking|order|"
    r"confirmation|receipt|page|form|ticket|invoice|time\s+of\s+\w+)\b",
)

# Insinuation and passing it on.
INSINUATION = rx(
    r"\b(?:per|according\s+to|from)\s+(?:our|the)\s+records\b[^.;]{0,60}\b(?:delivered|signed|not|never|no\s+(?:record|trace|"
    r"sign|evidence|payment|reading)|was\s+(?:sent|left|received|posted|given))\b",
    # What they asked for held against them: "we followed the instructions on your booking form".
    r"\b(?:we|i|they|he|she)\s+(?:only\s+|simply\s+|just\s+)?(?:followed|did\s+what|acted\s+on)\s+(?:the\s+|your\s+)?"
    r"(?:instructions|request|booking|what\s+you)\b",
    # Telling them to prevent it next time: "to make sure this doesn't happen again, could you check ...".
    r"\b(?:in\s+future|next\s+time|going\s+forward|happen\s+again)\b[^.;]{0,60}\b(?:check|ensure|make\s+sure|"
    r"double-check|remember)\b",
    r"\b(?:tracking|gps|logs?|photos?|cctv|footage|scans?|data|records|notes|file|history)\s+(?:clearly\s+)?(?:shows?|"
    r"indicates?|confirms?|says?)"
    r"\b[^.;]{0,40}\b(?:delivered|signed|left|you|your|collected|safe\s+place|porch|received)\b",
    r"\b(?:driver|courier|engineer|technician|carrier|fitter|postman|postie|installer)\s+(?:\w+\s+)?(?:says|said|"
    r"reports|reported|confirms|confirmed|states|stated|noted|tells\s+me|told\s+us|has\s+confirmed)\b[^.;]{0,60}\b"
    r"(?:you|your|nobody|no\s+one|no-one|not\s+in|wasn't|weren't|left|delivered|signed)\b",
    r"\b(?:looks|appears|seems)\s+(?:to\s+(?:be|have\s+been)|like)\s+(?:\w+\s+){0,2}?(?:damage|caused|misuse|wear|"
    r"impact|accidental|user|water|dropped|tampered|mishandl\w*)",
    r"\brather\s+than\s+(?:a|an)\s+(?:manufacturing|product|factory|design)\s+(?:fault|defect|issue)\b",
    r"(?<!\bwe\s)\blost\s+in\s+the\s+post\b",
    r"\b(?:which|that|this|it|these|they)\s+should\s+have\s+(?:prompted|alerted|reminded|told|warned|made)\s+you\b",
    r"\byou\s+were\s+(?:sent|given|emailed|posted|shown)\s+(?!(?:the\s+)?(?:wrong|incorrect))(?:a|an|the|two|three|"
    r"several)\s+(?:\w+\s+)?(?:reminders?|letters?|notices?|warnings?|emails?|texts?|copy|instructions|guide)\b",
    r"\b(?:take|taking|raise|raising)\s+(?:it|this|that|the\s+matter|your\s+\w+)\s+up\s+with\b",
    r"\byou(?:'ll|\s+will|\s+would)?\s+(?:need|have|want|may\s+(?:wish|want))\s+to\s+(?:contact|speak\s+to|call|write\s+to|"
    r"go\s+(?:back\s+)?to|ask|complain\s+to|claim\s+from)\s+(?:them|(?:the|your|their)\s+"
    + _MOD
    + lb.PARTY
    + r")\b",
    r"\b(?:not\s+able|unable)\s+to\s+comment\b",
    r"\b(?:cctv|footage|photos?|tracking|gps|records?|scans?)\b[^.;]{0,20}\bshows?\b[^.;]{0,40}\b(?:delivered|left|signed|"
    r"collected|you|your)\b",
    r"\b(?:would|will|'d|'ll)\s+(?:have|need)\s+to\s+(?:come\s+from|go\s+through|be\s+(?:made|raised|taken\s+up)\s+(?:with|by))"
    r"\s+(?:them|the|your|their)\b",
    r"\b(?:and|but)\s+(?:you\s+)?chose\s+not\s+to\b",
    r"\byou\s+were\s+(?:given|offered)\s+the\s+(?:option|chance|opportunity)\b",
    r"\bon\s+your\s+(?:side|end)\b",
    r"\b(?:as|which\s+was)\s+(?:explained|stated|mentioned|set\s+out|made\s+clear|advised|noted|shown)\s+(?:to\s+you\s+)?"
    r"(?:when|at\s+the\s+time|before|during)\s+you\b",
    r"\byou\s+(?:only\s+)?(?:arrived|came|turned\s+up|got\s+(?:there|here|to\s+\w+)|checked\s+in|called|contacted\s+us|"
    r"applied|paid|booked)\s+(?:[\w-]+\s+){0,3}?(?:late|after\s+(?:that|the|it|check|this|we|our)|too\s+late|past\s+the)\b",
    r"(?<!\bwe\s)(?<!\bi\s)\b(?:was|were)\s+(?:made|sent|paid|addressed|transferred|posted)\s+to\s+(?:an?|the|your)\s+"
    r"(?:old|wrong|incorrect|previous|different|closed|expired)\b",
    r"\b(?:outside|beyond)\s+(?:the|their|your)\s+[\w\s'-]{0,20}?control\b",
    r"\bafter\s+(?:it|they)\s+left\s+(?:our|the)\s+(?:warehouse|hands|care|premises|depot|site|factory)\b",
    r"\b(?:only|can\s+only)\s+(?:act|go|work)\s+(?:on|by|with)\s+(?:the\s+)?(?:information|details)\s+(?:we(?:'re|\s+are|"
    r"\s+were)\s+given|(?:you\s+)?provided|you\s+gave)\b",
    r"\b(?:sent|posted|delivered|emailed|texted|addressed)\s+(?:\w+\s+){0,3}?to\s+the\s+(?:[\w-]+\s+)?(?:address|number|"
    r"email|details)\s+(?:held\s+)?(?:on|in|we\s+(?:had|hold))\s+(?:your\s+account|file|record|our\s+records|the\s+account)",
    r"\b(?:couldn't|could\s+not|was\s+unable\s+to|were\s+unable\s+to|wasn't\s+able\s+to|weren't\s+able\s+to)\s+(?:get\s+"
    r"(?:into|in\b|access)|gain\s+access|access\s+(?:the|your))",
    r"\b(?:attempted|tried)\s+(?:to\s+)?deliver\w*\b",
    r"\b(?:we\s+have|we've\s+got|there\s+is)\s+no\s+control\b|\bno\s+control\s+over\b",
    r"\bnothing\s+(?:more\s+|else\s+)?(?:we|i)\s+(?:could|can|were\s+able\s+to)\s+(?:have\s+)?do(?:ne)?\b",
    r"\bout\s+of\s+our\s+hands\b",
)

# Owning the cause in the same sentence: nothing is shifted.
OWNED = rx(
    r"\bwe\s+(?:chose|picked|hired|used|employ|appointed|booked|decided)\s+(?:to\s+use\s+)?(?:them|him|her|the|a|that|this)\b",
    r"\b(?:our|my)\s+own\s+(?:mistake|error|fault|failure|responsibility)\b",
    r"\bno\s+excuse\b",
    r"\bour\s+(?:problem|job|responsibility|issue)\s+to\s+(?:fix|sort|put\s+right|solve|resolve)\b",
    r"\b(?:was|is)\s+our\s+(?:job|duty)\b",
    r"\b(?:sorry|apologi[sz]e)\s+(?:that\s+)?our\b",
    r"\b(?:on|down\s+to)\s+me\b",
)


def find_blame(text: str) -> tuple[str, re.Match[str]] | None:
    """Whom ``text`` (one sentence or clause) puts the cause on, with the words that do it; None if no one."""
    if lb.BLAME_OWNED.search(text) or OWNED.search(text):
        return None
    for target, pattern in lb.BLAME.items():
        match = pattern.search(text)
        if match:
            return target, match
    for target, pattern in _STRUCTURAL:
        match = pattern.search(text)
        if match:
            return target, match
    cited = RULE_CITED.search(text)
    if cited and _REFUSING.search(text):
        return "the system or the policy", cited
    return None


_STRUCTURAL = (
    ("a supplier or partner", PARTY),
    ("the customer", CUSTOMER),
    ("the system or the policy", RULES),
    ("the customer", INSINUATION),
)
