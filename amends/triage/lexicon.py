"""The words that mark urgency, risk and the remedy sought in complaint language.

Each entry is a regular expression over lower-cased text, matched on word boundaries. They are
written as stems and phrase families ("solicitor(s)", "take (you|this) to court") so that they
catch the ways people actually put things, not one fixed sentence. Reviewed by reading real
complaints; extend them here rather than in code.
"""

from .models import RemedyKind, SignalKind

RISK_PATTERNS: dict[SignalKind, list[str]] = {
    SignalKind.SAFETY: [
        r"(caught|catch(es|ing)?|on) fire",
        r"fire hazard",
        r"burst into flames?",
        r"flames?",
        r"smok(e|ed|ing) (came|coming|pour\w*)",
        r"smell(ed|s)? of burning",
        r"burn(t|ed|s)? (my|his|her|their|our|the) (hand|arm|leg|skin|child|son|daughter|baby)",
        r"electric(al)? shock",
        r"electrocut\w*",
        r"sparks?(ed|ing)?",
        r"overheat\w*",
        r"explod\w*|explosion",
        r"gas leak\w*|smell(ed|s)? (of )?gas",
        r"carbon monoxide",
        r"injur(y|ies|ed)",
        r"(a ?& ?e|emergency (room|department)|hospital(i[sz]ed)?|ambulance)",
        r"food poisoning|poisoned",
        r"allergic reaction|anaphyla\w*",
        r"chok(e|ed|ing) (on|hazard)",
        r"(un)?safe(ty)? (risk|hazard|issue|concern)s?",
        r"unsafe|dangerous|hazard(ous)?",
        r"could have (killed|hurt|injured)",
        r"bleed\w*",
        r"black mou?ld|damp and mou?ld",
    ],
    SignalKind.LEGAL: [
        r"solicitors?|lawyers?|attorneys?|barristers?",
        r"legal (action|advice|proceedings|team|route)",
        r"(take|taking|took) (you|them|this|the company|it) to court",
        r"small claims?( court)?",
        r"\bsu(e|ing|ed)\b",
        r"law ?suit|litigation|class action",
        r"letter before (action|claim)",
        r"breach of contract",
        r"consumer rights act|consumer contracts regulations|section 75",
        r"my (legal )?rights",
        r"chargeback",
    ],
    SignalKind.REGULATOR: [
        r"ombudsman",
        r"regulators?",
        r"\bfca\b|financial conduct authority",
        r"\b(ofcom|ofgem|ofwat|orr|caa|cma|ico|asa)\b",
        r"information commissioner",
        r"trading standards",
        r"\bcfpb\b|consumer financial protection bureau",
        r"\bftc\b|federal trade commission",
        r"attorney general",
        r"better business bureau|\bbbb\b",
        r"citizens advice",
        r"(report|reporting|reported) (you|this|them) to",
    ],
    SignalKind.PUBLIC: [
        r"social media",
        r"twitter|tweet(ed|ing)?|facebook|instagram|tiktok|youtube|reddit|linkedin",
        r"trust ?pilot|google reviews?|yelp",
        r"(bad|negative|terrible|honest|1[- ]star|one[- ]star) reviews?",
        r"(leave|leaving|write|writing|post|posting) (a |an )?(\w+ )?reviews?",
        r"(tell|telling|warn|warning) (everyone|everybody|all my friends|others|people)",
        r"the press|press (office|coverage)|journalists?|newspapers?|reporters?|the media|local paper",
        r"\bbbc\b|watchdog|which\?",
        r"go(ing|es)? viral",
        r"my (local )?mp\b|member of parliament",
    ],
    SignalKind.CHURN: [
        r"cancel(l?ing|led)? (my|the|our) (account|contract|subscription|membership|policy|service|plan)",
        r"close (my|our) account",
        r"(switch\w*|mov\w+|go|going) (to|over to) (another|a different|a|your) (competitor|provider)",
        r"(switch|switching|move|moving) (to|over to) (another|a different) \w+",
        r"tak(e|ing) (my|our) (business|custom|money) elsewhere",
        r"never (use|buy|shop|order|fly|bank|deal)\w* (with|from|at)? ?(you|again)",
        r"never again",
        r"(last|final) time (i|we) (use|buy|shop|order)\w*",
        r"(loyal )?customer (for|of) (over )?\d+ years",
        r"\d+ years? (as )?a (loyal )?customer",
        r"leav(e|ing) (you|your company)",
        r"done with (you|your company)",
        r"port(ing)? my number|leaving notice",
    ],
    SignalKind.VULNERABILITY: [
        r"bereave\w*|passed away|\bdied\b|death of|funeral",
        r"disab(led|ility|ilities)|wheelchair|blind|deaf|carer|mobility (issues?|problems?)",
        r"elderly|pensioner|\b(8|9)\d[- ]year[- ]old",
        r"dementia|alzheimer\w*|cancer|chemo\w*|terminal(ly)? ill|terminal illness",
        r"pregnan\w*|newborn|premature baby",
        r"mental health|depress\w*|anxiety|panic attacks?|suicid\w*",
        r"(can'?t|cannot|couldn'?t) afford|struggling (to pay|financially)",
        r"food ?bank|homeless\w*|no (heating|hot water|electricity|gas)",
        r"lost my job|made redundant|unemployed|universal credit|on benefits",
        r"domestic (abuse|violence)|vulnerable",
        r"(live|living) alone",
    ],
}

REMEDY_PATTERNS: dict[RemedyKind, list[str]] = {
    RemedyKind.REFUND: [
        r"refund\w*|money back|reimburse\w*|pay (me )?back|repay\w*|cash back|credit (back|my card)",
    ],
    RemedyKind.REPLACEMENT: [
        r"replace\w*|new one|exchange (it|them|for)|send (me )?(another|a new)|swap (it|them)",
    ],
    RemedyKind.REPAIR: [
        r"repair\w*|fix(ed|ing)?\b|mend\w*|engineer (to|visit|out)|put right the",
    ],
    RemedyKind.COMPENSATION: [
        r"compensat\w*|goodwill|gesture|damages|make (it )?up (to|for)|out of pocket|voucher",
    ],
    RemedyKind.APOLOGY: [
        r"apolog\w*|(say|said|hear) sorry|an admission",
    ],
    RemedyKind.EXPLANATION: [
        r"explain\w*|explanation|(know|understand|tell me) (why|how|what happened)|an answer",
    ],
    RemedyKind.CANCEL: [
        r"cancel\w*|terminat\w*|close (my|the) account|end (my|the) contract|release me from",
    ],
}

# Complaint words that mark anger or exasperation beyond what a general sentiment lexicon sees:
# "still waiting" is neutral to VADER and furious in a complaint.
ANGER_PATTERNS: list[str] = [
    r"disgust\w*|appall\w*|outrag\w*|furious|livid|fuming|incens\w*",
    r"ridiculous|unacceptable|shocking|disgrace\w*|shambles|joke|pathetic|laughable",
    r"incompeten\w*|useless|hopeless|clueless|rude|arrogant",
    r"fed up|sick (and tired )?of|had enough|at the end of my tether|last straw",
    r"still (waiting|not|no|haven'?t|hasn'?t)",
    r"(third|fourth|fifth|\d+(st|nd|rd|th)) time",
    r"(nobody|no one|no-one) (has )?(answer|repl|respond|call|got back|bother)\w*",
    r"waste of (my )?time|wasted (hours|days|weeks)",
    r"scam\w*|rip[- ]?off|con(ned)?\b|daylight robbery|fraud\w*",
    r"how (dare|hard can it be)|what a (joke|shambles)|worst",
    r"ignor(ed|ing)",
]

# A negation just before a match turns it round ("not dangerous", "no need for a refund").
NEGATIONS = r"(not|no|never|n't|without|nor|neither|won'?t|don'?t|didn'?t|isn'?t|wasn'?t)"
