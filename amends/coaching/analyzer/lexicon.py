"""The words the coach listens for, as compiled patterns. Edit here, then run bench/coach.py.

Each pattern is matched case-insensitively within one sentence of the draft.
"""

import re


def rx(*parts: str) -> re.Pattern[str]:
    """One case-insensitive pattern from alternatives written on several lines."""
    return re.compile("|".join(f"(?:{p})" for p in parts), re.IGNORECASE)


ME = r"(?:i|we|i'm|we're|i've|we've|i'll|we'll)"
_N = (
    r"(?:\d+(?:[-\u2013]\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen|"
    r"fifteen|twenty|thirty|forty|seventy-two|forty-eight|twenty-four)"
)
NUM = rf"(?:{_N}(?:\s+(?:to|or)\s+{_N})?|a\s+couple\s+of|a|an)"
WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?s?"
MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
UNIT = r"(?:minutes?|mins?|hours?|hrs?|(?:working |business |calendar )?days?|weeks?|fortnight|months?)"

# --- thanks -------------------------------------------------------------------------------
THANKS = rx(
    r"\b(?:thank\s+you|thanks|many\s+thanks|thank-you|cheers\s+for|thankful)\b",
    r"\b(?:grateful|appreciate\s+(?:you|your\s+(?:patience|time|help|honesty|candou?r|feedback|email|"
    r"message|letter|call)|that\s+you|the\s+time))\b",
)
THANKS_TO = re.compile(r"\bthanks\s+to\b|\bno\s+thanks\b", re.IGNORECASE)
# What follows "thank you for": the objects that thank someone for nothing they gave.
THANKS_HOLLOW = rx(
    r"^\s*(?:(?:your|their)\s+)?(?:understanding|co-?operation|compliance|business|custom)\b(?!\s+and)",
    r"^\s*in\s+advance\b",
)
THANKS_FOR = re.compile(r"\bfor\b", re.IGNORECASE)
SIGNOFF_TAIL = re.compile(r"^[\s,.!]*(?:again\b)?[\s,.!]*(?:[A-Z][\w'.-]*[\s,.]*){0,4}$")

# --- ownership ----------------------------------------------------------------------------
OWN_EXPLICIT = rx(
    r"\b(?:our|my)\s+(?:own\s+)?(?:mistakes?|errors?|fault|responsibility|failures?|failings?|slip|oversights?|"
    r"doing|bad|blunders?)\b",
    # "that's on us", "which is entirely on me": a pronoun owning what came before.
    r"\b(?:that's|that\s+is|that\s+was|which\s+is|which\s+was|this\s+is|this\s+was)\s+(?:all\s+|entirely\s+|"
    r"completely\s+|squarely\s+|fully\s+|totally\s+)?(?:on|down\s+to)\s+(?:us|me)\b",
    r"\b(?:we|i)(?:'re|\s+are|'m|\s+am|\s+were|\s+was)\s+(?:entirely\s+|fully\s+|completely\s+)?(?:to\s+blame|"
    r"at\s+fault)\b",
    r"\b(?:we|i)\s+(?:fully\s+)?(?:take|accept|own)\s+(?:full\s+|complete\s+|total\s+)?(?:responsibility|"
    r"the\s+blame|ownership)\b",
    r"\b(?:mistake|error|fault|bug|glitch)\s+(?:in|with|on|by|from)\s+our\s+(?:[\w-]+\s+){0,2}?(?:system|app|"
    r"website|site|billing|team|side|part|end|process|records?|staff|" + r"engineers?|advisers?|agents?)\b",
    r"\b(?:we|i)(?:\s+really)?\s+(?:didn't|did\s+not|haven't|have\s+not)\s+(?:get\s+(?:it|this|that|things|"
    r"any\s+of\s+this)\s+right|do\s+(?:right\s+by\s+you|what\s+we\s+(?:said|promised)|enough))\b",
    r"\bour\s+(?:[\w-]+\s+){0,2}(?:has\s+|have\s+)?let\s+you\s+down\b",
    r"\bour\s+(?:[\w-]+\s+){0,2}?[\w-]+'s\s+(?:mistake|error|slip(?:-up)?|oversight|blunder|failure)\b",
    r"\b(?:mistake|error|fault|failure)\s+(?:was|is)\s+(?:entirely\s+|all\s+|completely\s+|wholly\s+)?(?:ours|mine)\b",
    r"\b(?:on|down\s+to|falls\s+on|rests\s+with)\s+(?:us|me)\b(?!\s+(?:to|for|and\s+(?:we|i)\s+will))",
    r"\bours\s+to\s+(?:fix|put\s+right|sort)\b",
    r"\bon\s+our\s+(?:part|side|end)\b",
    r"\b(?:not|isn't|wasn't|n't)\s+(?:good\s+enough\s+)?from\s+us\b",
    r"\b(?:not|n't)\s+yours\b",
    r"\b(?:we|i)(?:'ve|\s+have|'d|\s+had)?\s+(?:really\s+|totally\s+|completely\s+)?(?:got\s+(?:it|this|that|"
    r"[\w\s]{0,20}?)\s*wrong|gotten\s+(?:it|this|that)\s+wrong|fallen\s+(?:well\s+|far\s+)?short|"
    r"made\s+(?:a|an|the|such\s+a)\s+(?:\w+\s+)?(?:mistake|error|mess|hash)|messed\s+(?:\w+\s+){0,2}?up|dropped\s+the\s+ball|"
    r"let\s+you\s+down|slipped\s+up|fell\s+short|were\s+wrong|was\s+wrong|made\s+a\s+mess|"
    r"should\s+(?:never\s+)?have|shouldn't\s+have|failed\s+to|forgot|misread|mixed\s+up|overlooked|"
    r"dropped\s+a\s+(?:stitch|clanger)|(?:mucked|screwed|fouled|cocked)\s+up|blundered|goofed|fell\s+down|"
    r"weren't\s+up\s+to|were\s+not\s+up\s+to|hold\s+(?:my|our)\s+hands?\s+up|blew\s+it|botched|bungled|"
    r"fumbled)\b",
    r"\b(?:hold|put)\s+(?:my|our)\s+hands?\s+up\b",
    r"\bby\s+(?:us|me|our\s+[\w-]+(?:\s+[\w-]+)?)\s+(?:in\s+error|by\s+mistake|mistakenly|wrongly|incorrectly)\b",
    r"\b(?:in\s+error|by\s+mistake|mistakenly|wrongly)\s+by\s+(?:us|me|our)\b",
    r"\b(?:we|i)\s+let\s+(?:this|it|things)\s+drag\b",
    r"\b(?:it|that)\s+was\s+(?:my|our)\s+(?:call|doing)\b",
)
PEOPLE = (
    r"(?:engineers?|drivers?|couriers?|advisers?|advisors?|agents?|staff(?:\s+members?)?|teams?|technicians?|"
    r"mechanics?|cleaners?|installers?|nurses?|doctors?|managers?|receptionists?|pharmacists?|surveyors?|"
    r"handlers?|coordinators?|officers?|specialists?|consultants?|representatives?|colleagues?|supervisors?|"
    r"locksmiths?|plumbers?|electricians?|builders?|fitters?|contractors?|inspectors?|assessors?|"
    r"caseworkers?|crew|department|developers?|people|member\s+of\s+staff|team\s+members?|handyman|"
    r"workshop|depot|warehouse|office|branch|store|shop)"
)
# A first-person subject (or one of our people, systems or things) followed by a verb, with a
# fault in the same clause: "we sent the wrong size", "our engineer did not turn up".
_PAST = (
    r"(?:(?:really|totally|completely|then|also|just|accidentally|actually)\s+)?(?:did|didn't|never|made|"
    r"weren't|wasn't|"
    r"sent|gave|took|put|lost|forgot|got|let|kept|cut|left|told|said|had|hadn't|were|was|should|shouldn't|"
    r"failed|missed|mixed|misread|broke|read|charged|packed|estimated|entered|installed|picked|chose|quoted|"
    r"promised|haven't|have\s+not|double[- ]\w+|went|fitted|shipped|spoke|served|\w+ed)\b"
)
OWN_SUBJECT = rx(
    r"\b(?:we|i)\s+" + _PAST + r"(?<!\bunderstood)(?<!\bnoticed)(?<!\bappreciated)",
    r"\b(?:we|i)(?:'ve|\s+have)\s+(?:not|never)\b",
    r"\b(?:we|i)(?:'ve|\s+have)\s+(?:really\s+|also\s+)?(?:been|made|sent|given|charged|lost|kept|let|got|left|"
    r"handled|treated)\b",
    r"\b(?:our|my)\s+(?:[\w-]+\s+){0,2}(?:"
    + PEOPLE
    + r"|system|app|website|checkout|site|update|email|letters?|"
    r"booking|billing)\s+" + _PAST,
)
OWN_FAULT = rx(
    r"\bwrong(?:ly)?\b",
    r"\bincorrect(?:ly)?\b",
    r"\bby\s+mistake\b",
    r"\bin\s+error\b",
    r"\bmistakenly\b",
    r"\btwice\b",
    r"\bdouble[- ]?(?:booked|charged|billed)\b",
    r"\bwithout\s+(?:the\s+)?(?:right|correct|necessary|proper|promised)\b",
    r"\bwithout\s+(?:first\s+)?(?:telling|warning|asking|checking|notice|explanation|letting|speaking|talking|"
    r"consulting|contacting|calling|informing|notifying|explaining)\b",
    r"\b(?:nobody|no\s+one|no-one)\s+(?:told|called|rang|contacted|came|turned\s+up|showed\s+up|replied|"
    r"answered|got\s+back)\b",
    r"\b(?:skipped|ignored|neglected|poorly|carelessly|overlooked|botched|bungled|mishandled)\b",
    r"\b(?:bad|poor|misleading|inaccurate)\s+(?:advice|information|service|workmanship)\b",
    r"\bwith\s+no\s+(?:explanation|warning|notice)\b",
    r"\binstead\s+of\b",
    r"\btoo\s+(?:late|long|early|slow)\b",
    r"\b(?:did\s+not|didn't|never|hadn't|had\s+not|haven't\s+had|weren't|wasn't)\b",
    r"\b(?:failed|forgot|missed|lost|broke|damaged|misplaced|misread|overcharged|cut\s+off)\b",
    r"\b(?:were|was)\s+late\b",
    r"\bloose\b",
    r"\bnot\s+(?:properly|correctly|in\s+time|on\s+time)\b",
    r"\bpromised\b.{0,40}\b(?:nobody|no\s+one|didn't|did\s+not|never)\b",
    r"\b(?:badly|miss|so\s+long|without\s+(?:enough|proper|adequate|any))\b",
    r"\b(?:haven't|have\s+not|'ve\s+not|hasn't)\b",
    r"\bshould\s+(?:never\s+)?have\b",
    r"\bkept\s+\w+ing\b.{0,50}\bafter\b",
    r"\bkept\s+you\s+waiting\b",
    r"\bwhen\s+(?:we|i)\s+(?:told|promised|said)\b",
    r"\balready\s+(?:cancelled|paid|returned|told)\b",
    r"\b(?:rude|unhelpful|dismissive|careless|unprofessional|impolite|abrupt|mistaken|late)\b",
    r"\b(?:not|n't)\s+(?:up\s+to\s+(?:scratch|standard)|good\s+enough|acceptable)\b",
)
# An admission made only on a condition: "if we got anything wrong, ...".
OWN_CONDITION = re.compile(r"\b(?:if|whether|in\s+case|to\s+the\s+extent)\b[^.;,:]*$", re.IGNORECASE)
# Our people named as the agent of a passive fault: "your bag was put on the wrong flight by our handlers".
OWN_BY_OUR = re.compile(r"\bby\s+our\s+(?:[\w-]+\s+){0,2}" + PEOPLE + r"\b", re.IGNORECASE)
# A verdict on what the sentence before said we did: "We served you chicken. That should never happen."
OWN_VERDICT = rx(
    r"\b(?:that|this|it)\s+(?:should|shouldn't)\s+(?:never\s+|not\s+)?(?:have\s+)?happen(?:ed)?\b",
    r"\b(?:that|this|it)(?:'s|\s+is|\s+was)\s+(?:simply\s+|just\s+|really\s+|completely\s+)?(?:not|n't)\s+"
    r"(?:good\s+enough|acceptable|okay|ok|right|on|fair\s+on\s+you)\b",
    r"\b(?:that|this|it)\s+(?:wasn't|isn't)\s+(?:good\s+enough|acceptable|okay|ok|right|fair\s+on\s+you)\b",
    r"\b(?:that|this|it)(?:'s|\s+is|\s+was)\s+(?:simply\s+|completely\s+|totally\s+)?unacceptable\b",
    r"\bnot\s+(?:the\s+(?:service|standard)|how\s+we\s+(?:should|work|treat))\b",
)
OWN_NOT_FAULT = rx(
    r"\b(?:we|i)\s+(?:did\s+not|didn't|never|haven't|have\s+not)\s+(?:receive|get|find|see|hear|"
    r"have\s+(?:any|a)\s+record)",
    r"\b(?:we|i)\s+(?:lost|missed)\s+(?:you|touch)\b",
    r"\b(?:we|i)\s+(?:hadn't|had\s+not|haven't|have\s+not|weren't|were\s+not|wasn't|was\s+not)\s+(?:been\s+)?"
    r"(?:notified|told|informed|made\s+aware|advised|given)\b",
    r"\bif\s+(?:we|i)\b",
    r"\b(?:we|i)\s+(?:weren't|were\s+not|wasn't|was\s+not)\s+able\b",
    r"\b(?:wasn't|was\s+not|weren't|were\s+not|hadn't\s+been|had\s+not\s+been)\s+(?:received|notified|told|"
    r"informed|given|sent\s+to)\s+by\s+our\b",
)
# An admission reported as the customer's view, not ours: "sorry if you feel our staff were rude".
OWN_REPORTED = re.compile(
    r"\bif\s+you\s+(?:feel|felt|think|thought|believe)\b|\b(?:claim|allege)", re.IGNORECASE
)
EXCUSE = rx(
    r"\bunprecedented\b",
    r"\bhigh\s+(?:volumes?|demand)\b",
    r"\bstaff(?:ing)?\s+shortages?\b",
    r"\bshort[- ]staffed\b",
    r"\bbeyond\s+our\s+control\b",
    r"\bout(?:side)?\s+(?:of\s+)?our\s+control\b",
    r"\b(?:busy|busiest|peak)\s+(?:period|season|time|week|month)\b",
    r"\b(?:due|owing)\s+to\s+(?:the\s+)?(?:weather|storm|snow|holidays?|demand|volume)",
)
# "but ..." undoing an admission: the clause after it shifts the cause or excuses it.
BUT_AFTER = re.compile(r",?\s+(?:but|however)\b(.*)$", re.IGNORECASE)
BUT_UNDOING = rx(
    r"\bonly\s+because\b",
    r"\breal\s+problem\b",
    r"\b(?:you|your)\b.{0,40}\b(?:wasn't|was\s+not|didn't|did\s+not|gave|late|after\s+the)\b",
    r"\b(?:other|another)\s+(?:department|team)\b",
    r"\bdue\s+to\b",
    r"\bbecause\s+of\b",
)

# --- apology ------------------------------------------------------------------------------
APOLOGY = rx(
    r"\b(?:so|very|really|truly|deeply|terribly|sincerely|genuinely|awfully|extremely)?\s*sorry\b",
    r"\bapologi[sz](?:e|es|ed|ing)\b",
    r"\bapolog(?:y|ies)\b",
    r"\bmy\s+bad\b",
)
# Ways of saying sorry that are not an apology for what we did.
APOLOGY_HOLLOW = {
    "sympathy": rx(
        r"\bsorry\s+to\s+(?:hear|learn|read|see|find\s+out)\b",
        r"\bsorry\s+for\s+you\b",
        r"\bfeel\s+(?:so\s+|very\s+|really\s+)?sorry\b",
        r"\bsorry\s+for\s+your\s+loss\b(?!.*\b(?:and|that)\b)",
    ),
    "conditional": rx(
        r"\b(?:sorry|apologi[sz]e|apologies)\s+if\b",
        r"\bif\b[^.;]{0,60}\b(?:we\s+are|we're|i\s+am|i'm)\s+(?:so\s+|very\s+)?sorry\b",
        r"\bsorry\s+(?:that\s+)?you(?:'re|\s+are|'ve|\s+have|\s+were|\s+had|\s+)?\s*(?:been\s+)?"
        r"(?:feel|felt|think|thought|believe|perceive|see\s+it|unhappy|disappointed|dissatisfied|upset|"
        r"having\s+(?:trouble|problems|difficult|issues)|had\s+(?:trouble|problems|difficult|issues)|"
        r"had\s+to\s+(?:contact|call|write|get\s+in\s+touch))",
        r"\bsorry\s+(?:that\s+)?(?:you\s+feel|you\s+think)\b",
        r"\bsorry\s+(?:that\s+)?you(?:'ve|\s+have)?\s+(?:had|experienced)\s+(?:such\s+)?(?:a|an)\s+(?:\w+\s+)?"
        r"experience\b",
        r"\bsorry\s+(?:that\s+)?(?:it|this|the\s+\w+)\s+(?:wasn't|was\s+not|didn't|did\s+not)\s+(?:what\s+you|"
        r"meet\s+your|live\s+up|to\s+your\s+liking|as\s+(?:you\s+)?expected)",
        r"\bsorry\s+for\s+any\b.{0,40}\bon\s+your\s+part\b",
    ),
    "boilerplate": rx(
        r"\b(?:sorry|apologi[sz]e|apologies|apology)\s+(?:again\s+)?(?:for|about)\s+any\b",
        r"\b(?:sorry|apologi[sz]e|apologies|apology)\s+(?:again\s+)?(?:for|about)\s+(?:the|this|all\s+the)\s+"
        r"(?:inconvenience|hassle|disruption|distress|upset)\b(?!\s+(?:of|to|you|with|when|that|over))",
        r"\b(?:sorry|apologi[sz]e|apologies)\s+for\s+(?:the\s+)?trouble(?:\s+(?:caused|this\s+(?:has|may\s+have)\s+caused))?\s*[.!]?$",
        r"\bas\s+an\s+apology\b",
    ),
}
# "sorry, but we can't" — an apology taken back in the same breath.
APOLOGY_BUT = re.compile(
    r"\b(?:sorry|apologi[sz]e|apologies)\b[^.]*?(?:,|;|\.)?\s*(?:but|however)\b(.*)$", re.IGNORECASE
)
REFUSAL = rx(
    r"\b(?:can't|cannot|can\s+not|unable|not\s+able|won't|will\s+not|isn't|is\s+not|no\s+longer|nothing)\b",
    r"\b(?:policy|terms|conditions|procedure|rules?)\b",
    r"\b(?:closed|only|non-refundable|responsible|liable|outside)\b",
    r"\b(?:you|your)\s+(?:should|need|must|would\s+have|didn't|did\s+not|agreed|were\s+given)\b",
    r"\bclearly\b",
)
REMEDY_AFTER_BUT = rx(
    r"\bgood\s+news\b",
    r"\b(?:i|we)(?:'ll|\s+will|\s+can|'ve|\s+have)\s+(?:\w+\s+)?(?:send|replace|refund|fix|repair|credit|rebook|arrange|book)\b",
)
SORRY_COMMA_REFUSAL = re.compile(
    r"^\s*sorry\s*,\s*(?:we(?:'re|\s+are)\s+closed|we\s+(?:can't|cannot|don't|do\s+not)|that's\s+(?:not|just)|"
    r"there's\s+nothing)",
    re.IGNORECASE,
)
BARE_APOLOGY = re.compile(
    r"^\s*(?:(?:my\s+)?apologies|(?:i'm|i\s+am|we're|we\s+are)?\s*(?:so\s+|very\s+|really\s+)?sorry|"
    r"we\s+apologi[sz]e)\s*[,.!;]",
    re.IGNORECASE,
)

# --- empathy ------------------------------------------------------------------------------
PITY = rx(
    r"\b(?:feel|felt)\s+(?:so\s+|very\s+|really\s+|truly\s+)?(?:sorry|bad|terrible|awful|sad)\s+for\s+you\b",
    r"\bpoor\s+you\b",
    r"\bwhat\s+a\s+(?:pity|shame)\b",
    r"\bbad\s+luck\b",
    r"\bpity\b",
)
# Openings that take the customer's point of view.
EMPATHY_STEM = rx(
    r"\b(?:i|we)\s+(?:can\s+)?(?:only\s+)?(?:fully\s+|completely\s+|totally\s+)?"
    r"(?:imagine|understand|appreciate|know|see|hear|realise|realize|recogni[sz]e)\s+"
    r"(?:how|why|what|that|just\s+how|the\s+(?:stress|worry|impact|distress))\b",
    r"\b(?:can|could)(?:n't|not)?\s+(?:only\s+)?imagine\b",
    r"\b(?:more|worse)\s+than\s+(?:anyone|anybody)\s+should\b",
    r"\b(?:no\s+one|nobody|no-one)\s+should\s+have\s+to\b",
    r"\b(?:i|anyone|anybody)(?:'d|\s+would)\s+(?:have\s+been|be|feel)\s+(?:\w+\s+){0,2}(?:too|as\s+well)\b",
    r"\bwhich\s+(?:i|we)\s+know\s+(?:has|have|was|is)\b",
    r"\b(?:i|we)\s+(?:completely\s+|totally\s+|fully\s+|really\s+)?get\s+(?:why|how|that)\b",
    r"\b(?:left|leaving|made|making)\s+you\s+(?:feel(?:ing)?\s+)?",
    r"\bwhat\s+(?:an?\s+)",
    r"\bcan(?:'t|not)\s+have\s+been\s+(?:\w+\s+)?(?:easy|fun|nice|pleasant)\b",
    # A sentence led by what they went through: "Being without heating for a week ... is exhausting".
    r"^(?!(?:regarding|following|concerning|according|including|pending|looking|checking|reading)\b)[a-z]+ing\s+"
    r"(?:your|a|an|the|two|three|four|five|six|without|through|on|with|for|stuck|left|up)\b",
    r"\b(?:i|we)\s+know\s+(?:you|your|money|the\s+\w+\s+has)\b",
    r"\bmust\s+(?:have\s+)?(?:been|be|felt|feel|put|made|make|left|caused|be\s+causing|ruined|spoiled)\b",
    r"\b(?:sounds?|sounded)\s+(?:like\s+)?(?:\w+\s+)?(?:exhausting|awful|dreadful|horrible|terrible|"
    r"stressful|frightening|upsetting|really|so|very|incredibly|like)\b",
    r"\bsound(?:s|ed)\s+",
    r"\bno\s+wonder\b",
    r"\b(?:completely\s+|totally\s+|entirely\s+)?understandable\s+that\b",
    r"\bthe\s+last\s+thing\s+(?:you|anyone|anybody)\b",
    r"\b(?:a\s+lot|too\s+much|a\s+miserable\s+thing|hard)\s+(?:to\s+(?:put\s+up\s+with|cope\s+with|deal\s+with|ask)|for\s+anyone)\b",
    r"\bi(?:'d|\s+would)\s+have\s+been\s+\w+\s+too\b",
    r"\b(?:it's|it\s+is)\s+no\s+surprise\b",
    r"\b(?:i'm|i\s+am|we're|we\s+are)\s+not\s+surprised\b",
    r"\b(?:i|we)\s+(?:really\s+|truly\s+)?feel\s+for\s+you\b",
    r"\bexactly\s+what\s+you\s+(?:didn't|did\s+not|don't|do\s+not)\s+need\b",
    r"\b(?:you|your\s+\w+)\s+must\s+have\b",
)
FEELING = rx(
    r"\b(?:frustrat\w*|stress\w*|worr\w*|upsett?\w*|frighten\w*|scar(?:y|ed|ing)|terrif\w*|distress\w*|"
    r"pain\w*|awful|exhaust\w*|tiring|embarrass\w*|humiliat\w*|mortif\w*|infuriat\w*|furious|angry|anger|"
    r"annoy\w*|disappoint\w*|devastat\w*|heartbreak\w*|heartbroken|miserable|nightmare|shock\w*|"
    r"alarm\w*|isolat\w*|anxious|anxiety|tough|hard|dreadful|horrible|terrible|stranded|pressure|"
    r"ruin\w*|spoil\w*|lost\s+patience|fear\w*|sick|helpless|unacceptable|not\s+acceptable|"
    r"upset|lonely|confus\w*|overwhelm\w*|disrupt\w*|madden\w*|degrad\w*|unsettl\w*|worn\s+(?:down|out)|"
    r"fed\s+up|horrible|horrid|worst|griev\w*|distraught|gutted|livid|irritat\w*|tiresome|nerve-?racking|"
    r"panic\w*|shaken|rattled|sleepless|draining|drained|demoralis\w*|demoraliz\w*|insult\w*|hurtful|hurt|"
    r"belittl\w*|patronis\w*|patroniz\w*|intimidat\w*|traumat\w*|harrowing|grim|bleak|despair\w*|"
    r"desperate|hopeless|powerless|trapped|ignored|let\s+down|uneasy|nervous|dread|agonis\w*|agoniz\w*|"
    r"sad|sadness|upheaval|ordeal|inconvenient|maddening|exasperat\w*|cross|worst\s+start|real\s+worry|"
    r"at\s+your\s+wits'?\s+end|on\s+edge|out\s+of\s+pocket|sleep|dismiss\w*|fobbed\s+off|brushed\s+off|"
    r"unheard|abandon\w*|disheart\w*|gutting|galling|crushing|soul-destroying|heart-?wrenching|"
    r"gut-?wrenching)\b",
    r"\bhow\s+much\b.{0,40}\b(?:means?|meant|looking\s+forward|count(?:ing|ed)\s+on|relied|rely)\b",
    r"\b(?:you've|you\s+have|you)\s+had\s+to\b",
    r"\b(?:has|have|that's|that\s+has)\s+(?:meant|added|cost)\b",
    r"\bcounting\s+on\b",
    r"\bmoney\s+is\s+tight\b",
    r"\bdifficult\s+time\b",
)
# Words that say nothing of this customer's situation: a sentence of only these is a script.
_GENERIC_WORDS = """
    i we you your yours our us me my it its it's this that these those there here the a an and or but so
    to of for with in on at by be been being is are was were am has have had do does did must may might
    can could would should will shall just only really truly so very completely fully totally entirely
    how what why when which who that's i'm we're you're i've we've you've i'd we'd you'd i'll we'll
    understand understanding understandable appreciate appreciated know knew imagine see hear feel felt
    feeling feelings realise realize recognise recognize sounds sound like must been frustration
    frustrating frustrated concern concerns concerned situation matter experience time times difficult
    difficulty issue issues problem problems thing things everything way ways lot upset upsetting
    stressful stress worry worrying worried annoying annoyed disappointing disappointed sorry apologise
    apologies apology please thank thanks value valued customer customers satisfaction priority top
    important very much also too even still all any some much many more most feedback comments patience
    business custom service team concerns cause caused
"""
GENERIC = frozenset(_GENERIC_WORDS.split())
# Openings that carry the point of view themselves, so no feeling word is needed after them.
EMPATHY_SELF = rx(
    r"\bthe\s+last\s+thing\s+(?:you|anyone|anybody)\b",
    r"\bexactly\s+what\s+you\s+(?:didn't|did\s+not|don't|do\s+not)\s+need\b",
    r"\b(?:more|worse)\s+than\s+(?:anyone|anybody)\s+should\b",
    r"\b(?:no\s+one|nobody|no-one)\s+should\s+have\s+to\b",
    r"\bno\s+surprise\b",
    r"\bcan(?:'t|not)\s+have\s+been\s+(?:\w+\s+)?(?:easy|fun|nice|pleasant)\b",
    r"\bwould\s+(?:wear|drive|upset|frustrate|test|try|anger|annoy|worry|exhaust|infuriate|rattle|shake|stress)"
    r"\s+(?:\w+\s+)?(?:anyone|anybody)\b",
    r"\b(?:anyone|anybody)'s\s+(?:patience|nerves)\b",
    r"\bnot\s+surprised\b",
    r"\bno\s+wonder\b",
    r"\b(?:a\s+lot|too\s+much|a\s+miserable\s+thing)\s+to\s+(?:put\s+up\s+with|cope\s+with|deal\s+with)\b",
    r"\bhow\s+much\b.{0,40}\b(?:means?|meant|looking\s+forward|count(?:ing|ed)\s+on|relied|rely)\b",
)
# The script lines: they count only with something of the customer's own situation in them.
CLICHE = rx(
    r"\b(?:i|we)\s+(?:do\s+|fully\s+|completely\s+)?(?:understand|appreciate|recogni[sz]e)\s+(?:your|the)\s+"
    r"(?:frustration|concerns?|situation|feelings?|anger|upset|annoyance|disappointment|point)\b",
    r"\b(?:i|we)\s+(?:do\s+)?(?:appreciate|understand|know)\s+(?:it's|it\s+has|this\s+has|it\s+must|this\s+is|"
    r"this\s+situation|that\s+this)\b",
    r"\b(?:i|we)\s+hear\s+you\b",
    r"\b(?:i|we)\s+know\s+how\s+you\s+feel\b",
    r"\bfrustration\s+is\s+(?:completely\s+)?understandable\b",
    r"\bwe\s+value\s+(?:you|your)\b",
    r"\byour\s+satisfaction\b",
)
# Strong words for the customer's experience: with a specific situation they carry empathy alone
# ("missing your brother's wedding because the coach never came is heartbreaking").
STRONG_FEELING = rx(
    r"\b(?:heartbreaking|devastating|humiliating|mortifying|frightening|terrifying|exhausting|miserable|"
    r"nightmare|dreadful|infuriating|isolating|distressing|upsetting|alarming|stressful|worrying|degrading|"
    r"maddening|unsettling|harrowing|traumatic|horrible|exasperating|demoralising|demoralizing|draining|"
    r"hurtful|belittling|intimidating|gutting|galling|disheartening|crushing|soul-destroying|embarrassing|"
    r"scary|heart-?wrenching|gut-?wrenching|nerve-?racking|overwhelming|agonising|agonizing)\b",
)
# A strong word said of people in general, not of this customer: "penalty notices can be stressful".
GENERAL_STATEMENT = re.compile(
    r"\b(?:can|may|might|could|often|always|sometimes|usually|generally)\s+(?:be\s+)?(?:\w+\s+)?$",
    re.IGNORECASE,
)
EMPATHY_CUT = re.compile(r";\s*|\s[-\u2013—]\s|,?\s+(?:but|however|although)\b", re.IGNORECASE)

# --- blame --------------------------------------------------------------------------------
BLAME = {
    "the customer": rx(
        r"\b(?:as|because|since)\s+you\s+(?:did\s+not|didn't|had\s+not|hadn't|failed|forgot|neglected|chose|"
        r"selected|entered|gave|were\s+not|weren't)\b",
        r"\b(?:as|because|since)\s+your\s+(?:\w+\s+){0,3}(?:had\s+not|hadn't|was\s+not|wasn't|were\s+not|"
        r"reached\s+us\s+after|arrived\s+after|did\s+not|didn't)\b",
        r"\byou\s+(?:should\s+have|should've|were\s+supposed\s+to|failed\s+to|forgot\s+to|neglected\s+to|"
        r"would\s+have\s+(?:received|known|seen)|agreed\s+to|were\s+(?:given|told|sent|informed|advised)\s+"
        r"the\s+correct)\b",
        r"\bhad\s+you\s+(?:read|checked|told|contacted|followed)\b",
        r"\bif\s+you\s+had\s+(?:read|checked|told|followed)\b",
        r"\byou\s+(?:gave|entered|provided|supplied|selected)(?:\s+us)?\s+(?:was|were|wasn't|weren't|is|"
        r"the\s+wrong|an?\s+(?:wrong|incorrect|invalid))",
        r"\b(?:nobody|no\s+one|no-one)\s+was\s+(?:home|in|available|at\s+home|present|there)\b",
        r"\bon\s+your\s+part\b",
        r"\b(?:because\s+of|due\s+to)\s+your\s+(?:behaviou?r|actions|error|mistake|conduct)\b",
        r"\b(?:signs|evidence)\s+of\s+(?:misuse|mistreatment|accidental|water|physical)\b",
        r"\b(?:caused|damage[ds]?)\s+by\s+(?:drops?|misuse|dropping|drying|wear|you)\b",
        r"\b(?:please|kindly)\s+(?:ensure|make\s+sure)\b",
        r"\bmake\s+sure\s+you\s+check\b",
        r"\b(?:your|the)\s+spam\s+folder\b",
        r"\bat\s+your\s+(?:request|own\s+risk)\b",
        r"\bas\s+per\s+your\b",
        r"\bclearly\s+(?:displayed|stated|shown|set\s+out|explained|marked|visible|written)\b",
        r"\b(?:should|must)\s+be\s+(?:followed|read|checked)\b",
        r"\b(?:our|the)\s+records\s+show\b",
        r"\bsigned\s+for\s+at\s+your\b",
        r"\b(?:tampered|interfered|misused|mishandled|modified|dropped|neglected|abused)\s+with\b",
        r"\bhad\s+been\s+(?:tampered|interfered|misused|mishandled|modified|dropped|neglected|opened|used)\b",
        r"\bconsistent\s+with\b",
        r"\bworking\s+as\s+(?:designed|intended|expected)\b",
        r"\bif\s+you\s+(?:close|closed|forget|forgot|fail|failed|don't|didn't|do\s+not|did\s+not)\b",
        r"\byou\s+were\s+(?:told|informed|advised|made\s+aware|notified|warned)\s+(?:of|about|at|when|that|this)\b",
        r"\b(?:that\s+)?(?:we|i)\s+(?:hadn't|had\s+not|weren't|were\s+not|wasn't|was\s+not)\s+(?:been\s+)?"
        r"(?:notified|told|informed|made\s+aware|advised)\b",
        r"\b(?:evidence|documents?|information|photos?|form|application)\s+(?:you\s+\w+\s+)?(?:did\s+not|"
        r"didn't)\s+(?:meet|match|include|show|contain)\b",
        r"\boutside\s+(?:the|our)\s+(?:\d+[- ]day\s+)?(?:window|period|time\s+limit|deadline)\b",
        r"\b(?:to\s+be\s+fair|in\s+(?:all\s+)?fairness)\b",
    ),
    "the customer, in passive voice": rx(
        r"\b(?:was|were|had\s+been|has\s+been|have\s+been|had|has|have)\s+(?:not\s+|never\s+)?"
        r"(?:entered|provided|supplied|submitted|filled\s+in|completed|packaged|packed|followed|read|"
        r"ordered|returned|updated|paid|attached|given|marked|selected|serviced|maintained|received|"
        r"signed|registered|activated|made)\b(?:[^.;]{0,50})\b(?:incorrect(?:ly)?|wrong(?:ly)?|"
        r"by\s+the\s+(?:due\s+)?date|on\s+time|in\s+time|within\s+\d+|in\s+line\s+with|as\s+required|"
        r"correctly|properly|as\s+essential|after\s+delivery|in\s+accordance)\b",
        r"\b(?:was|were|had|has|have)\s+not\s+(?:been\s+)?(?:provided|supplied|submitted|received|"
        r"followed|updated|paid|attached|returned|marked|completed|serviced)\b",
        r"\bthe\s+wrong\s+\w+\s+(?:was|were)\s+(?:ordered|entered|selected|given|chosen|provided)\b",
        r"\b(?:details|information|reading|code)\s+(?:\w+\s+){0,5}(?:did\s+not|didn't)\s+match\b",
        r"\bsubmitted\b[^.;]{0,40}\bincorrect\b",
        r"\b(?:goods|items?|parcel)\s+(?:was|were)\s+damaged\s+after\b",
    ),
    "a colleague": rx(
        r"\b(?:previous|other|another)\s+(?:agent|adviser|advisor|colleague|department|team|member\s+of\s+staff)\b",
        r"\bhead\s+office\b",
        r"\bnot\s+by\s+us\b",
        r"\b(?:finance|billing|warehouse|claims|returns|accounts|it|technical|sales)\s+team\s+"
        r"(?:have\s+not|haven't|has\s+not|hasn't|did\s+not|didn't|failed|are\s+responsible|is\s+responsible)\b",
        r"\b(?:refunds?|returns?|complaints?)\s+(?:are|is)\s+(?:handled|dealt\s+with|decided)\s+by\b",
        r"\bthat\s+is\s+a\s+\w+\s+(?:team|department)\s+matter\b",
        r"\bfollowed\s+the\s+correct\s+procedure\b",
        r"\bbecause\s+(?:the|our|my|a)\s+(?:\w+\s+)?(?:instructor|teacher|driver|engineer|agent|adviser|advisor|"
        r"colleague|staff|manager|doctor|nurse|technician|member\s+of\s+staff)\s+(?:called\s+in\s+sick|was\s+"
        r"(?:off|ill|sick|away|late|on\s+holiday)|didn't|did\s+not|forgot|failed)\b",
        r"\bacted\s+appropriately\b",
    ),
    "a supplier or partner": rx(
        r"\b(?:courier|delivery\s+partner|supplier|manufacturer|airline|carrier|provider|partner|seller|"
        r"franchise|subcontractor|contractor|bank|royal\s+mail|post\s+office)\b[^.;]{0,60}?\b(?:lost|failed|"
        r"caused|fault|backlog|declined|(?:has|have)\s+not|hasn't|haven't|did\s+not|didn't|delay\w*|"
        r"responsible|controlled|decided|struggling|problem|issue|error|sent\s+the\s+\w+\s+to\s+the\s+wrong|"
        r"(?:marked|confirmed)\s+(?:as\s+)?(?:delivered|that))\b",
        r"\b(?:caused|decided|controlled|cancelled|handled|run)\s+by\s+(?:the\s+|our\s+|your\s+|an?\s+)?"
        r"(?:\w+\s+){0,2}(?:courier|delivery\s+partner|supplier|manufacturer|airline|provider|partner|"
        r"bank|seller|contractor|subcontractor)\b",
        r"\b(?:contact|with)\s+(?:the\s+|your\s+)?(?:courier|supplier|manufacturer|airline|seller|hotel|bank|"
        r"provider|them)(?:\s+directly)?\s*(?:\.|$|for\s+compensation)",
        r"\bbetween\s+you\s+and\s+(?:him|her|them|the)\b",
        r"\b(?:take\s+it\s+up|raise\s+it|raised)\s+with\s+(?:them|the\s+\w+)\b",
        r"\b(?:must|should)\s+be\s+(?:directed|raised|returned|sent)\s+(?:to|with)\s+(?:them|the)\b",
        r"\b(?:third[- ]party|outsourced|independently\s+(?:managed|owned|run)|a\s+franchise|"
        r"subcontractor)\b",
        r"\b(?:down\s+to|with)\s+your\s+bank\b",
        r"\b(?:it's|it\s+is)\s+an?\s+[A-Z]\w*\s+(?:problem|issue|fault)\b",
        r"\bcovered\s+by\s+the\s+manufacturer",
        r"\b(?:issue|problem|fault|bug)\s+with\s+(?:the|your)\s+(?:\w+\s+)?(?:manufacturer|supplier|courier|"
        r"airline|bank|provider|partner|network)",
        r"\blate\s+from\s+(?:your|the)\b",
        r"\b(?:courier|carrier|supplier)'s\s+(?:\w+\s+){0,2}(?:was|were)\s+(?:showing|marked)",
        r"\b(?:marked|confirmed|show\w*)\s+(?:it\s+)?as\s+delivered\b",
    ),
    "the system or the policy": rx(
        r"\bthe\s+system\b[^.;]{0,40}\b(?:automatically|won't|will\s+not|doesn't|does\s+not|flagged|"
        r"generated|works|cancels|error|glitch)\b",
        r"\b(?:computer|system)\s+(?:says\s+no|error|glitch|won't|will\s+not)\b",
        r"\bcomputer\s+says\b",
        r"\b(?:our|the|company)\s+polic(?:y|ies)\s+(?:does\s+not|doesn't|do\s+not|don't|won't|will\s+not|"
        r"states?|say|is\s+clear|prevents?)\b",
        r"\b(?:terms\s+and\s+conditions|t&cs|terms\s+of\s+service|terms)\s+(?:clearly\s+)?(?:state|say|"
        r"do\s+not|don't|set\s+out)\b",
        r"\bthat's\s+(?:just\s+)?how\s+(?:the\s+system|it)\s+works\b",
        r"\bstandard\s+(?:industry\s+)?practice\b",
        r"\b(?:nothing|not\s+something)\s+(?:more\s+)?(?:i|we)\s+(?:can|are\s+able\s+to)\s+(?:do|change)\b",
        r"\bnot\s+something\s+we\s+are\s+able\s+to\s+change\b",
        r"\bout(?:side)?\s+(?:of\s+)?our\s+control\b",
        r"\b(?:cannot|can't)\s+be\s+held\s+(?:responsible|liable)\b",
        r"\bunable\s+to\s+accept\s+liability\b",
        r"\bwon't\s+accept\s+that\b",
    ),
}
# An admission in the same sentence means the cause is being owned, not shifted.
BLAME_OWNED = rx(
    r"\b(?:our|my)\s+(?:mistake|error|fault|responsibility|failure|call)\b",
    r"\b(?:on|down\s+to)\s+us\b",
    r"\bours\s+to\s+fix\b",
    r"\bnot\s+(?:your|yours)\b",
    r"\bon\s+our\s+(?:side|part|end)\b",
    r"\bwe\s+(?:chose|picked|used)\s+(?:the|a|that)\b",
)
