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
    r"doing|bad|blunders?|bug)\b",
    # A kind of error named between: "that was our booking error".
    r"\b(?:our|my)\s+(?!own\b)[\w-]+\s+(?:mistakes?|errors?|failures?|blunders?|bug)\b",
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
    r"\b(?:mistake|error|fault|failure|outage|bug|problem|delay|mix-up|blunder)(?:'s|\s+was|\s+is)\s+(?:entirely\s+|"
    r"all\s+|completely\s+|wholly\s+)?(?:ours|mine)\b",
    r"\b(?:on|down\s+to|(?:lies|lay|lie|rests|rested|sits|sat|falls|fell)\s+(?:squarely\s+|entirely\s+|firmly\s+|"
    r"wholly\s+|solely\s+)?(?:with|on))\s+(?:us|me)\b(?!\s+(?:to|for|and\s+(?:we|i)\s+will))",
    r"\bours\s+to\s+(?:fix|put\s+right|sort)\b",
    r"(?<!fine\s)(?<!okay\s)(?<!ok\s)(?<!normally\s)(?<!correctly\s)\bon\s+our\s+(?:part|side|end)\b"
    r"(?![^.;]{0,30}\b(?:so|because)\b)",
    r"\b(?:not|isn't|wasn't|n't)\s+(?:good\s+enough|acceptable|okay|ok|right)\s+from\s+us\b",
    r"\b(?:not|n't)\s+yours\b",
    r"\b(?:we|i)(?:'ve|\s+have|'d|\s+had)?\s+(?:really\s+|totally\s+|completely\s+)?(?:got\s+(?:it|this|that|"
    r"[\w\s]{0,20}?)\s*wrong|gotten\s+(?:it|this|that)\s+wrong|fallen\s+(?:well\s+|far\s+)?short|"
    r"(?:made|make)\s+(?:(?:a|an|the|such\s+a)\s+)?(?:\w+\s+)?(?:mistake|error|mess|hash)|messed\s+(?:\w+\s+){0,2}?up|dropped\s+the\s+ball|"
    r"let\s+you\s+down|slipped\s+up|fell\s+(?:well\s+|far\s+|way\s+|badly\s+)?short|were\s+wrong|was\s+wrong|made\s+a\s+mess|"
    r"should\s+(?:never\s+)?have|shouldn't\s+have|failed\s+to|forgot|misread|mixed\s+up|overlooked|"
    r"dropped\s+a\s+(?:stitch|clanger)|(?:mucked|screwed|fouled|cocked)\s+up|blundered|goofed|fell\s+down|"
    r"weren't\s+up\s+to|were\s+not\s+up\s+to|hold\s+(?:my|our)\s+hands?\s+up|blew\s+it|botched|bungled|"
    r"fumbled)\b",
    r"\b(?:hold|put)\s+(?:my|our)\s+hands?\s+up\b",
    r"\bby\s+(?:us|me|our\s+[\w-]+(?:\s+[\w-]+)?)\s+(?:in\s+error|by\s+mistake|mistakenly|wrongly|incorrectly)\b",
    r"\b(?:in\s+error|by\s+mistake|mistakenly|wrongly)\s+by\s+(?:us|me|our)\b",
    r"\b(?:we|i)(?:'ve|\s+have)?\s+let\s+(?:[\w'-]+\s+){1,3}?(?:slip|slide|drift|drag|lapse|fall\s+through)\b",
    # What they asked for set against what we did: "you asked for a quiet room, and we put you by the lift".
    r"\byou\s+(?:had\s+)?(?:asked|paid|booked|ordered|requested|chose|specified)\s+(?:for\s+)?[^.;]{3,90}?,?\s+"
    r"(?:and|but|yet|only\s+for)\s+(?:we|i)\s+(?:then\s+|still\s+)?(?:\w+ed|put|sent|gave|took|left|kept|told|sold|"
    r"brought|made|let|served|cut|built|fit|hung|shipped)\b",
    r"\b(?:it|that)\s+was\s+(?:my|our)\s+(?:call|doing)\b",
)
PEOPLE = (
    r"(?:engineers?|drivers?|couriers?|advisers?|advisors?|agents?|staff(?:\s+members?)?|teams?|technicians?|"
    r"mechanics?|cleaners?|installers?|nurses?|doctors?|managers?|receptionists?|pharmacists?|surveyors?|"
    r"handlers?|coordinators?|officers?|specialists?|consultants?|representatives?|colleagues?|supervisors?|"
    r"locksmiths?|plumbers?|electricians?|builders?|fitters?|contractors?|inspectors?|assessors?|"
    r"caseworkers?|crew|department|developers?|people|member\s+of\s+staff|team\s+members?|handyman|"
    r"workshop|depot|warehouse|office|branch|store|shop|secretar(?:y|ies)|assistants?|joiners?|decorators?|"
    r"head\s+of\s+(?:[\w-]+\s+){0,2}?[\w-]+|practitioners?|dentists?|vets?|porters?|wardens?|stewards?|movers?|"
    r"removal\s+(?:team|crew|men)|joiners?|roofers?|gardeners?|carers?|tutors?|instructors?)"
)
# A first-person subject (or one of our people, systems or things) followed by a verb, with a
# fault in the same clause: "we sent the wrong size", "our engineer did not turn up".
_PAST = (
    r"(?:(?:really|totally|completely|then|also|just|accidentally|actually)\s+)?(?:did|didn't|never|made|"
    r"weren't|wasn't|"
    r"sent|gave|took|put|lost|forgot|got|let|kept|cut|left|told|said|had|hadn't|were|was|should|shouldn't|"
    r"failed|missed|mixed|misread|broke|read|charged|packed|estimated|entered|installed|picked|chose|quoted|"
    r"promised|haven't|have\s+not|double[- ]\w+|went|fitted|shipped|spoke|served|sold|brought|bought|built|"
    r"caught|drove|fell|froze|hung|laid|led|lent|lit|overcharged|paid|ran|rang|sat|set|shut|spent|stood|threw|"
    r"wore|wrote|\w+ed)\b"
)
OWN_SUBJECT = rx(
    # Anything of ours that should have done something and did not: "our inspection should have found it".
    r"\b(?:our|my)\s+(?:(?!that\b|shows?\b|says?\b|indicates?\b|confirms?\b|records?\b)[\w-]+\s+){1,5}?"
    r"(?:should\s+(?:never\s+|not\s+)?have|shouldn't\s+have|failed\s+to|didn't|did\s+not|never|hadn't|had\s+not|"
    r"went\s+wrong|(?:has|had)\s+gone\s+wrong)\b",
    # One of ours, said plainly to have behaved badly: "our guard was rude to you".
    r"\b(?:our|my)\s+(?:[\w-]+\s+){0,2}?[\w-]+\s+(?:was|were)\s+(?:\w+\s+)?(?:rude|unhelpful|dismissive|careless|"
    r"unprofessional|abrupt|wrong|late)\b",
    r"\b(?:we|i)\s+" + _PAST + r"(?<!\bunderstood)(?<!\bnoticed)(?<!\bappreciated)",
    r"\b(?:we|i)(?:'ve|\s+have)\s+(?:not|never)\b",
    r"\b(?:we|i)(?:'ve|\s+have)\s+(?:really\s+|also\s+)?(?:been|made|sent|given|charged|lost|kept|let|got|left|"
    r"handled|treated|taken|dragged|missed|failed|ignored)\b",
    r"\b(?:our|my)\s+(?:[\w-]+\s+){0,2}(?:"
    + PEOPLE
    + r"|system|app|website|checkout|site|update|email|letters?|guards?|"
    r"booking|billing)\s+(?:(?:on|last|this|at)\s+\w+\s+)?" + _PAST,
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
    # Damage done: "we scratched your floor", "our fitter cracked the basin".
    r"\b(?:scratched|dented|cracked|chipped|stained|scuffed|tore|ripped|smashed|snapped|flooded|scorched|marked)\b",
    r"\b(?:bad|poor|misleading|inaccurate)\s+(?:advice|information|service|workmanship)\b",
    r"\bwith\s+no\s+(?:explanation|warning|notice)\b",
    r"\binstead\s+of\b",
    r"\btoo\s+(?:late|long|early|slow)\b",
    r"\bfaulty\b",
    r"\b(?:a|the)\s+bug\b",
    r"\b(?:did\s+not|didn't|never|hadn't|had\s+not|haven't\s+had|weren't|wasn't)\b",
    r"\b(?:failed|forgot|missed|lost|broke|damaged|misplaced|misread|overcharged|cut\s+off)\b",
    r"\b(?:were|was)\s+late\b",
    r"\bloose\b",
    r"\bnot\s+(?:properly|correctly|in\s+time|on\s+time)\b",
    r"\bpromised\b.{0,40}\b(?:nobody|no\s+one|didn't|did\s+not|never)\b",
    r"\b(?:badly|miss|so\s+long|without\s+(?:enough|proper|adequate|any))\b",
    r"\b(?:haven't|have\s+not|'ve\s+not|hasn't)\b",
    r"\bshould\s+(?:never\s+|not\s+)?have\b|\bshouldn't\s+have\b",
    r"\bkept\s+\w+ing\b.{0,50}\bafter\b",
    r"\bkept\s+you\s+waiting\b",
    r"\bwhen\s+(?:we|i)\s+(?:told|promised|said)\b",
    r"\balready\s+(?:cancelled|paid|returned|told)\b",
    r"\b(?:rude|unhelpful|dismissive|careless|unprofessional|impolite|abrupt|mistaken|late)\b",
    r"\b(?:not|n't)\s+(?:up\s+to\s+(?:scratch|standard)|good\s+enough|acceptable)\b",
)
# "On us" said of a treat we are giving, not of a fault: "your next coffee is on us".
OWN_TREAT = re.compile(
    r"\b(?:coffee|drinks?|meal|dinner|lunch|breakfast|nights?|stay|delivery|postage|repairs?|cost|bill|round|dessert|"
    r"treat|upgrade|taxi|fees?|ones?|tickets?|room|order|box|class|session|service|visit)\s+(?:is|are|'s|will\s+be)\s+$",
    re.IGNORECASE,
)
# After "sorry we": verbs of inability or necessity, which own nothing ("sorry we had to cancel").
OWN_UNABLE = re.compile(
    r"\b(?:we|i)(?:'ve|\s+have)?\s+(?:\w+\s+)?(?:couldn't|could\s+not|can't|cannot|had\s+to|have\s+had\s+to|"
    r"were\s+unable|was\s+unable|weren't\s+able|wasn't\s+able|haven't\s+been\s+able|had\s+no\s+choice|"
    r"were\s+closed|needed\s+to|had\s+been\s+asked)\b",
    re.IGNORECASE,
)
# "Apologies, but ...": the apology and the "but" with nothing in between.
BARE_BUT = re.compile(r"[\s,;:.!]*(?:\w+[\s,;:.!]+){0,2}?(?:but|however)\b", re.IGNORECASE)
# An admission made only on a condition: "if we got anything wrong, ...".
OWN_CONDITION = re.compile(r"\b(?:if|whether|in\s+case|to\s+the\s+extent)\b[^.;,:]*$", re.IGNORECASE)
# Our people named as the agent of a passive fault: "your bag was put on the wrong flight by our handlers".
OWN_BY_OUR = re.compile(
    r"\bby\s+(?:one\s+of\s+)?our\s+(?:own\s+)?(?:[\w-]+\s+){0,2}" + PEOPLE + r"\b", re.IGNORECASE
)
# A verdict on what the sentence before said we did: "We served you chicken. That should never happen."
OWN_VERDICT = rx(
    r"\bwhich\s+(?:is|was|isn't|wasn't)\s+(?:simply\s+|just\s+|really\s+)?(?:not\s+)?(?:good\s+enough|acceptable|"
    r"okay|ok|right|fair|unacceptable|poor\s+of\s+us|wrong|careless|not\s+on)\b",
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
    r"\b(?:busy|busiest|peak)\s+(?:period|season|time|week|weekend|day|month|year|time\s+of\s+(?:the\s+)?year)\b",
    # A cause outside us given as the reason, owning nothing: "we were late because the previous job overran".
    r"\b(?:because|as|since)\s+(?:the|a|an|another|their|his|her|there|it)\b(?![^.;]*\b(?:our|we|i|my|us)\b)"
    r"[^.;]{0,40}\b(?:overran|ran\s+over|was\s+(?:busy|late|delayed|closed|ill|off)|were\s+(?:busy|late|delayed)|"
    r"broke\s+down|didn't|did\s+not|hadn't|had\s+not|failed|went\s+down|crashed)\b",
    # An outside cause given as the reason: "we were late, but the traffic was dreadful".
    r"\b(?:but|because(?:\s+of)?|due\s+to|owing\s+to|as\s+a\s+result\s+of|caused\s+by|since|as)\b[^.;]{0,40}?"
    r"\b(?:traffic|roadworks|road\s+closures?|weather|storms?|snow|floods?|strikes?|industrial\s+action|"
    r"(?:staff\s+)?sickness|illness|off\s+sick|called\s+in\s+sick)\b",
    r"\b(?:due|owing)\s+to\s+(?:the\s+)?(?:weather|storm|snow|holidays?|demand|volume)",
)
# A sentence that opens by giving the reason for what came before: "This was due to a technical fault".
REASON_AFTER = re.compile(
    r"^\W*(?:this|that|it|the\s+delay|the\s+problem)\s+(?:was|is|happened)\s+(?:\w+\s+)?(?:due\s+to|because|"
    r"owing\s+to|caused\s+by|down\s+to)\b(?![^.;]*\b(?:our|we|i|my|us)\b)",
    re.IGNORECASE,
)
# A sentence that is only a sincere apology, owning what the sentence before it says we did.
APOLOGY_FOR_THAT = re.compile(
    r"^\W*(?:(?:and|so)\s+)?(?:i'm|i\s+am|we're|we\s+are|i|we)\s+(?:(?:so|very|really|truly|deeply|terribly|"
    r"genuinely|sincerely)\s+)?(?:sorry|apologi[sz]e)(?:\s+(?:about|for)\s+(?:that|this|it|all\s+of\s+(?:that|this)))?"
    r"\s*[.!]*\s*$",
    re.IGNORECASE,
)
# Verbs that tell what we did while looking into it, which no apology turns into a fault.
OWN_NEUTRAL = re.compile(
    r"(?:we|i)\s+(?:(?:have|'ve)\s+)?(?:received|looked|checked|reviewed|noted|contacted|passed|listened|read|"
    r"spoke|spoken|asked|called|rang|investigated|confirmed|found|understood|noticed|appreciated)\b",
    re.IGNORECASE,
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
    r"\b(?:please\s+)?forgive\s+(?:us|me|(?:the|our|my)\s+(?:\w+\s+)?(?:mix-up|muddle|mistake|error|delay|confusion|"
    r"wait|mess|slip|oversight|blunder|lateness|silence))\b",
    r"\b(?:i|we)\s+owe\s+you\s+an?\s+(?:\w+\s+)?apology\b",
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
        # The apology hangs on a condition set first: "If we have made an error, we apologise".
        r"^\W*(?:if|should|to\s+the\s+extent|where|in\s+the\s+event|insofar\s+as|in\s+case)\b[^.;]{0,90}?,\s*"
        r"(?:then\s+)?(?:we|i|please)\b[^.;]{0,25}?\b(?:sorry|apologi[sz]e|apologies|apology)",
        # Sorry for how they took it, not for what we did: "sorry you didn't enjoy your stay".
        r"\bsorry\s+(?:that\s+)?you\s+(?:didn't|did\s+not|weren't|were\s+not|aren't|are\s+not)\s+(?:\w+\s+)?(?:enjoy|like|"
        r"happy|satisfied|pleased|impressed|find|feel|get\s+on)",
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
    "notice": rx(
        r"\bsorry\s+to\s+(?:say|tell\s+you|inform|report|advise|have\s+to|let\s+you\s+know|confirm|disappoint)\b",
        r"\b(?:i'm|i\s+am|we're|we\s+are)\s+afraid\b",
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
    r"\b(?:not|aren't|isn't)\s+(?:possible|available|allowed|permitted|eligible|covered|refundable|something)\b",
    r"\b(?:policy|terms|conditions|procedure|rules?)\b",
    r"\b(?:closed|only|non-refundable|responsible|liable|outside)\b",
    r"\b(?:you|your)\s+(?:should|need|must|would\s+have|didn't|did\s+not|agreed|were\s+given)\b",
    r"\bclearly\b",
)
REMEDY_AFTER_BUT = rx(
    r"\bgood\s+news\b",
    r"\b(?:i|we)(?:'ll|\s+will|\s+can|'ve|\s+have)\s+(?:\w+\s+)?(?:send|replace|refund|fix|repair|credit|rebook|arrange|book)\b",
)
# "Sorry we couldn't help": regret for a decision, not an apology for a failure.
SORRY_UNABLE = re.compile(
    r"\b(?:sorry|apologi[sz]e|apologies)\s+(?:that\s+)?(?:we|i)\s+(?:couldn't|could\s+not|can't|cannot|were\s+unable|"
    r"are\s+unable|weren't\s+able|aren't\s+able|won't\s+be\s+able)\s+(?:to\s+)?(?:help|assist|do\s+more|offer|agree|"
    r"accept|approve|refund|be\s+of\s+more\s+help)\b",
    re.IGNORECASE,
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
