"""Patterns for the rules about action: options, timeline and next step."""

import re

from .lexicon import MONTH, NUM, PEOPLE, UNIT, WEEKDAY, rx

# --- options ------------------------------------------------------------------------------
_DET = r"(?:\b(?:a|an|your|full|partial|free|new|prompt|same-day|replacement)|[£$]\d[\d,.]*|\b\d+%)"
REMEDY = rx(
    rf"{_DET}\s+(?:full\s+|partial\s+|free\s+|new\s+|prompt\s+)?(?:refund|replacement|repair|credit|"
    r"discount|voucher|gift\s+card|compensation|upgrade|rebooking|redelivery|reimbursement|"
    r"goodwill\s+(?:payment|gesture)|exchange|loan\s+(?:car|van|phone))s?\b(?!\s+(?:polic|booking|appointment|request|"
    r"claim|form|team|department|process|slot|date|reference|desk|line))",
    r"(?<!\bthe\s)(?<!\ba\s)(?<!\ban\s)(?<!\byour\s)(?<!\bmy\s)(?<!\bour\s)(?<!\bany\s)"
    r"\b(?:refund(?:ed|ing)?|replac(?:e|ed|ing)|repair(?:ed|ing)?|reimburs(?:e|ed|ing)|compensat(?:e|ed|ing)|"
    r"credit(?:ed|ing)?|rebook(?:ed|ing)?|reship(?:ped|ping)?|redeliver(?:ed|ing)?|resend(?:ing)?|"
    r"upgrad(?:e|ed|ing)|waiv(?:e|ed|ing)|restor(?:e|ed|ing)|reinstat(?:e|ed|ing)|swap(?:ped)?|re-?do(?:ne)?|"
    r"redid|refit(?:ted)?|reinstall(?:ed)?|reconnect(?:ed)?|reschedul(?:e|ed)|re-?clean(?:ed)?|comp(?:ed|ped|ing)?)\s+"
    r"(?!(?:is|are|was|were|be|policy|policies|request|process|team|department|option|terms|if|when|because|on|in|at|"
    r"to|for|of|wrong|with|from|by|myself|yourself|itself|booking|appointment|claim|service|supply|power|water|gas|"
    r"electricity|heating|connection|network|signal|broadband|internet)\b)[\w£$']+(?!\s+wrong)\b",
    # Passive, with the remedy already done or promised: "your delivery charge has been refunded".
    r"(?<!\bcould\s)(?<!\bwould\s)(?<!\bmight\s)(?<!\bshould\s)"
    r"\b(?:has|have|had|was|were|is|are|been|be|being)\s+(?:now\s+|already\s+|fully\s+|also\s+)?(?:refunded|credited|"
    r"reimbursed|waived|written\s+off|replaced|repaired|rebooked|redelivered|reinstated|upgraded|compensated)\b",
    r"\b(?:returned|paid|put|transferred|sent|credited|refunded)\s+(?:back\s+)?(?:the\s+)?(?:full\s+|whole\s+)?"
    r"(?:[£$€]\s?\d[\d,.]*|money|amount|sum|balance)\s+(?:back\s+)?(?:to|into|onto)\s+(?:your|his|her|their|the)\b",
    r"\b(?:money|cash)\s+back\b",
    r"\bfree\s+of\s+charge\b",
    r"\bat\s+no\s+(?:extra\s+|additional\s+)?(?:charge|cost)\b",
    r"\b(?:are|is|be|for|it's)\s+free\b",
    r"\bfree\s+(?:\w+\s+)?(?:drinks?|delivery|deliveries|box|boxes|month|router|return|night|meal|"
    r"visit|service|postage|upgrade)\b",
    r"\b(?:dinner|meal|drinks?|coffee|night|stay|next\s+(?:one|ones|order|box))\b.{0,25}\bon\s+us\b",
    r"\bon\s+the\s+house\b",
    r"\b(?:send|sending|sent|deliver|bring|post)\s+(?:you\s+)?(?:a\s+|an\s+|the\s+)?(?:new|replacement|"
    r"another|right|correct|spare)\b",
    r"\bnew\s+(?:ones?|pairs?|sets?|units?|order)\b",
    r"\bfix(?:ed|ing)?\s+(?:the|your)\s+(?!issue|problem|situation|matter|error|mistake|bug\b)[\w-]+",
    r"\b(?:extend(?:ed|ing)?|lengthen(?:ed)?)\s+your\s+(?:\w+\s+)?(?:trial|subscription|membership|warranty|guarantee|"
    r"deadline|stay|booking|contract|cover|licence|license)\b",
    r"\b(?:travel|fly|go)\s+on\s+(?:any|a|the)\s+(?:later|earlier|next|alternative|other)\s+(?:\w+\s+)?(?:train|flight|bus|"
    r"service|sailing|coach)\b",
    r"\b(?:cancel(?:led|ling)?|revers(?:e|ed|ing)|remov(?:e|ed|ing))\s+(?:the|that|this)\s+(?:duplicate|"
    r"payment|charge|invoice|fee|transaction|\w+\s+(?:charge|fee|payment))\b",
    r"\b(?:revers(?:e|ed|ing)|remov(?:e|ed|ing))\s+it\b",
    r"\b(?:send|sent|issu\w*|process\w*|pay|paid|arrang\w*)\s+(?:you\s+)?the\s+(?:full\s+)?(?:refund|replacement|"
    r"credit|compensation|voucher)\b",
    r"\b(?:taken|take|knock(?:ed)?)\s+.{0,40}\boff\b",
    r"\b(?:added|add|top(?:ped)?\s+up)\s+.{0,30}(?:£|\$|\d|credit|free)",
    r"\b(?:we|i)(?:'ll|\s+will|\s+can)?\s+(?:also\s+)?(?:cover|pay\s+(?:for|their|your|you))\b",
    r"\b(?:move|moved|transfer)\s+you\s+to\s+an?\s+\w+",
    r"\blend\s+you\b",
    r"\b(?:a|an)\s+(?:loan|loaner|courtesy|temporary|spare)\s+\w+",
    r"\b(?:added|add|given|give|gave)\s+(?:you\s+)?(?:a|an|one|two|three|\d+)\s+(?:free\s+)?(?:months?|years?|weeks?)\b",
    r"\b(?:months?|weeks?)\s+free\b",
    r"\b(?:send|ship|post|dispatch|courier)\w*\b.{0,40}\b(?:next-day|express|tracked|special|priority|first-class)\s+"
    r"(?:courier|delivery|post|shipping)",
    r"\btemporary\s+(?:flat|accommodation|car|phone|room)s?\b",
    r"\b(?:skip|skipped)\s+your\s+next\b",
    r"\breserved?\s+the\s+next\s+available\b",
    r"\b(?:booked|book)\s+(?:a|an|our)\s+(?:\w+\s+){0,2}(?:technician|engineer|visit|repair)\b",
    r"\bsend\s+a\s+(?:technician|engineer|cleaner)\b",
    r"\b(?:send|sending)\s+(?:you\s+)?(?:a|an|our|another)\s+(?:\w+\s+)?" + PEOPLE + r"\b(?!')",
    r"\bpayment\s+of\s+(?:the\s+)?(?:full\s+)?[£$]",
    r"\bpaid\s+into\s+your\s+account\b",
    r"\bfix\s+(?:it|them|the\s+\w+)\s+(?:properly|free|at\s+no)\b",
    r"\bfix\s+the\s+\w+\s+on\b",
    r"\binvite\s+you\b.{0,30}\bon\s+us\b",
    r"\bissued?\s+(?:you\s+)?(?:a\s+)?new\s+voucher\b",
    r"\bcorrected\s+(?:one|invoice|bill)\b",
    # A stated sum offered or given: "I'd like to offer you £50", "we'll pay you $40".
    r"\b(?:offer(?:ing|ed)?(?:\s+you)?|(?:giv(?:e|ing)|gave|pay(?:ing)?|paid|send(?:ing)?|sent)\s+you)\s+"
    r"(?:a\s+)?(?:further\s+|extra\s+)?[£$€]\d",
    r"\b(?:entitled\s+to|eligible\s+for)\s+(?:claim\s+)?(?:up\s+to\s+)?[£$€]\d",
    # Something free, or at our expense: "a free signal booster", "leave early with no fee".
    r"\b(?:send|give|gave|offer|get|provid|fit|install|lend|book|arrang|add|includ|throw\s+in)\w*\s+"
    r"(?:you\s+)?(?:in\s+)?(?:a|an|the|your|two|three|\d+)\s+free\s+(?!(?:to|time|moment|phone(?:line)?|number|helpline|call|"
    r"advice|text|app|leaflet|guide)\b|of\s+(?!charge))[\w-]+",
    r"\b(?:with\s+no|without\s+(?:any\s+|a\s+)?|for\s+no)\s+(?:[\w-]+\s+){0,2}?(?:fee|charge|penalty|cost)\b",
    r"\bno\s+(?:exit|cancellation|early\s+termination|call-out)\s+(?:fee|charge|penalty)\b",
    r"\bat\s+our\s+(?:own\s+)?(?:expense|cost)\b",
    r"\b(?:nothing|no\s+more)\s+(?:further\s+)?(?:for\s+you\s+)?to\s+pay\b",
    r"\byou\s+(?:won't|will\s+not)\s+(?:be\s+charged|have\s+to\s+pay)\b",
    r"\b(?:cancel(?:led|ling)?|withdr[ae]wn?|withdrawing|void(?:ed)?|writ(?:e|ten|ing)\s+off|wrote\s+off)\s+"
    r"(?:the|that|this|your)\s+(?:\w+\s+)?(?:notice|fine|penalty|charge|fee|invoice|bill|debt|arrears)\b",
    r"\bget\s+(?:it|that|this|them|the\s+\w+|your\s+\w+)\s+(?:refunded|replaced|repaired|fixed|credited|"
    r"reimbursed)\b",
    r"\b(?:i|we)(?:'ve|\s+have)\s+(?:now\s+|already\s+|since\s+)?(?:fixed|corrected|put\s+right)\b",
    r"\b(?:the|your)\s+(?:\w+\s+){0,3}?(?:refund|credit|compensation|reimbursement)\b[^.;]{0,40}\b(?:will|should)"
    r"\s+(?:clear|arrive|reach\s+you|be\s+with\s+you|show|land)\b",
    # Coming back to finish the job, or bringing the thing to them.
    r"\b(?:come|coming|go|going)\s+back\s+(?:for|to\s+(?:fix|finish|collect|redo|complete|repair))\b",
    r"\b(?:deliver|bring|drop|take|courier)\w*\s+(?:it|them|your\s+[\w-]+)\s+(?:\w+\s+)?to\s+your\s+(?:door|home|"
    r"house|hotel|address|office|flat)\b",
    r"\b(?:\w+)(?<!\bthat)(?<!\bwhich)(?<!\bthis)(?<!\bwhich)(?<!\bit)(?<!\bfault)(?<!\bblame)(?<!\bmistake)(?<!\berror)(?<!\bpart)(?<!\bonus)"
    r"(?:'s|,?\s+is|,?\s+are|,?\s+will\s+be)\s+on\s+us\b",
)
CHOICE = rx(
    r"\b(?:would|do)\s+you\s+(?:prefer|rather|like\s+(?:me\s+to|us\s+to|a|the))\b",
    r"\bwould\s+(?:a|an|the)\s+\w+\s+or\b",
    r"\bwhich(?:ever)?\s+(?:one\s+)?(?:you(?:'d)?\s+(?:prefer|like|rather|choose|want)|would\s+you|suits|works)\b",
    r"\byou\s+can\s+(?:choose|pick|have)\b",
    r"\byour\s+choice\b",
    r"\bif\s+you(?:'d|\s+would)\s+(?:prefer|rather)\b",
    r"\bas\s+you\s+prefer\b",
    r"\bor,?\s+if\s+you(?:'d|\s+would)\s+rather\b",
    r"\beither\b.{0,80}\bor\b",
)
REMEDY_BLOCKED = rx(
    r"\b(?:could|would|might)\s+have\s+(?:\w+\s+)?$",
    r"\b(?:chase|chasing|chased|track|tracking|check\s+on|follow\s+up|following\s+up|handle|handling|query|querying|"
    r"find\s+out\s+about)\s+(?:(?:your|the)\s*)?$",
    r"\b(?:trying|tried|try)\s+to\s+get\b",
    r"\b(?:asked|asking|requested|wanted|waiting|chasing|seeking|demanding)\s+(?:for\s+)?\w*\s*$",
    r"\b(?:not|no|never|cannot|can't|unable|won't|don't|doesn't|isn't|without)\b",
    r"\bcan\s+only\b",
    r"\b(?:could|might|may)\s+(?:possibly\s+|perhaps\s+|potentially\s+|maybe\s+)?(?:look|be\s+able|consider|"
    r"be\s+considered)\b",
    r"\bbe\s+considered\b",
    r"\b(?:consider|considering)\b",
    r"\bregarding\b",
    r"\bwarranty\b",
    r"\b(?:may|might|could)\s+(?:be\s+eligible|be\s+entitled|wish|want|qualify|apply)\b",
    r"\bapply\s+(?:for|online\s+for)\s*(?:a|an)?\s*$",
    r"\b(?:contact|ask|call|speak\s+to|write\s+to|apply\s+to)\s+(?:the\s+|your\s+)?[\w\s]{0,30}\b(?:about|for|"
    r"regarding)\s*(?:a|an)?\s*$",
)

# A hedge after the remedy: "a goodwill gesture may be considered", "compensation will depend on".
REMEDY_HEDGED_AFTER = rx(
    r"^[^.;]{0,30}?\b(?:may|might|could)\s+(?:possibly\s+)?(?:be\s+)?(?:considered|possible|available|offered|"
    r"an\s+option|look|apply|be\s+made)\b",
    r"^[^.;]{0,30}?\b(?:will\s+|would\s+)?depends?\s+on\b",
    r"^[^.;]{0,30}?\b(?:is|are)\s+(?:subject\s+to|at\s+the\s+discretion)\b",
    r"^[^.;]{0,30}?\b(?:is|are|was|were)\s+not\s+(?:appropriate|possible|available|due|payable)\b",
    r"^[^.;]{0,30}?\b(?:is|are)\s+(?:a\s+matter\s+for|(?:the\s+|your\s+)?[\w-]+'s\s+(?:responsibility|job)|not\s+(?:something|our|"
    r"covered))",
)

# --- timeline -----------------------------------------------------------------------------
TIME_EXPR = rx(
    rf"\bbetween\s+{NUM}\s+(?:and|to)\s+{NUM}\s+{UNIT}\b",
    rf"\b(?:take|takes|taking)\s+(?:up\s+to\s+|about\s+|around\s+)?{NUM}\s+{UNIT}\b",
    rf"\b(?:within|in|inside|up\s+to|over|allow|no\s+more\s+than)\s+(?:the\s+next\s+)?(?:about\s+|around\s+|"
    rf"roughly\s+|approximately\s+|up\s+to\s+)?{NUM}\s+(?:more\s+)?{UNIT}\b",
    r"\b(?:within|in)\s+(?:the\s+)?(?:next\s+)?(?:hour|day|week|fortnight)\b",
    r"\b(?:tomorrow|tonight|overnight)\b(?!'s)",
    r"\b(?:later\s+)?today\b(?!'s)",
    r"\bthis\s+(?:morning|afternoon|evening|week|weekend|month)\b",
    r"\b(?:by|before|until|till|at)\s+(?:the\s+)?end\s+of\s+(?:the\s+|this\s+|next\s+)?(?:day|week|month|today)\b",
    rf"\bnext\s+(?:week|month|year|{WEEKDAY})\b(?!-|'s)",
    rf"\b{WEEKDAY}\b",
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH}\b",
    rf"\b{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b",
    r"\bthe\s+\d{1,2}(?:st|nd|rd|th)\b",
    r"\b\d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)",
    r"\b\d{1,2}[:.]\d{2}\b",
    r"\b(?:midday|noon|midnight|lunchtime|first\s+thing|the\s+day\s+before|the\s+same\s+day)\b",
    r"\b(?:at|before|by|after)\s+\d{1,2}\b(?!\s*(?:%|items|days|hours|weeks|months))",
    r"\bevery\s+(?:\w+\s+)?(?:day|week|morning|evening|" + WEEKDAY + r")\b",
)
TIME_FUTURE = rx(
    r"\b(?:will|'ll|shall|going\s+to|gonna|due|expect\w*|scheduled|booked\s+(?:for|in)|aim|hope\w*|"
    r"until|till|no\s+later\s+than|next|tomorrow|tonight|would\s+be)\b",
    # Timetabled events in the present tense: "the pool reopens on Monday".
    r"\b(?:opens|reopens|starts|restarts|begins|arrives|leaves|departs|closes|finishes|ends|goes\s+live|lands|resumes|"
    r"runs)\b",
    r"\b(?:is|are)\s+(?:on|coming|arriving|being)\b",
    r"\b(?:the|your)\s+(?:new|correct|next)\s+(?:date|appointment|slot)\s+is\b",
    r"\bi(?:'m|\s+am)\s+\w+ing\b",
    r"\b(?:tell|let|reply|send)\s+me\b",
)
# Future only when nothing in the clause puts it in the past: "it can take 3 days", not "you've had to take".
TIME_FUTURE_WEAK = re.compile(
    r"\b(?:should|can|would(?!\s+have)|allow|valid|latest|typically|usually|takes?)\b"
    r"|\bto\s+(?:call|ring|phone|visit|come|deliver|collect|send|email|write|contact|see|fix|repair|fit|install|text)\b",
    re.IGNORECASE,
)
# A rule for the customer rather than a time for us: "bins must be out by 7am".
TIME_OBLIGED = re.compile(r"\b(?:must|needs?\s+to|has\s+to|have\s+to)\s+be\b", re.IGNORECASE)
# A deadline word right before the time: "by Friday", "no later than 28 February".
TIME_LEAD = re.compile(
    r"\b(?:by|before|within|until|till|no\s+later\s+than|on\s+or\s+before|from)\s+(?:the\s+)?$"
    # Booked for a day: "I've rebooked it for Saturday morning", "a second visit for 2 May".
    r"|\b(?:'ve|have|has|'ll|will|is|are|'s|been|be)\s+(?:now\s+|also\s+|just\s+)?(?:booked|rebooked|scheduled|"
    r"rescheduled|arranged|moved|reserved|pencilled\s+\w+\s+in|set\s+\w+\s+up)\s+"
    r"(?:[\w'.-]+\s+){0,6}?(?:for|on|at)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
TIME_PAST = rx(
    r"\b(?:last|ago|since|yesterday|earlier|previously|previous)\b",
    r"\bwould\s+have\b",
    r"\b(?:tried|attempted)\b",
    r"\b(?:was|were|did|didn't|had|called|told|placed|received|sent|changed|agreed|promised|expired|"
    r"dispatched|arrived|happened|spoke|turned\s+up|missed|cancelled|closed|refunded|charged|delivered|"
    r"took|went|came|failed)\b",
)
TIME_NOT = rx(
    r"\bfor\s+(?:about\s+|over\s+|nearly\s+|almost\s+)?" + NUM + r"\s+" + UNIT,
    r"\bafter\s+" + NUM + r"\s+" + UNIT,
    r"\bnext-day\b",
    r"\bsame-day\b",
)
VAGUE_TIME = rx(
    r"\b(?:soon|shortly|asap|a\.s\.a\.p|as\s+soon\s+as\s+(?:possible|we\s+can|we're\s+able)|in\s+due\s+course|"
    r"in\s+the\s+(?:coming|next\s+few)\s+(?:days|weeks|months)|in\s+a\s+(?:few|couple\s+of)\s+(?:days|weeks)|"
    r"in\s+a\s+few\s+(?:days|weeks)|(?:at\s+)?the\s+earliest\s+(?:opportunity|convenience)|in\s+a\s+timely\s+"
    r"(?:manner|fashion)|at\s+some\s+point|(?:right|straight)\s+away|immediately|promptly|"
    r"as\s+(?:quickly|fast)\s+as\s+(?:possible|we\s+can))\b",
    r"\bin\s+a\s+few\s+weeks\b",
)

# --- next step ----------------------------------------------------------------------------
# A commitment: someone will do something. What they will do is judged separately, so any verb
# counts except the vague ones ("look into", "be in touch") and passives ("will be reviewed").
COMMIT_US = re.compile(
    r"\b(?:i|we)(?:'ll|\s+will|\s+shall|'m\s+going\s+to|\s+am\s+going\s+to|'re\s+going\s+to|\s+are\s+going\s+to)\s+"
    r"|\b(?:i|we)(?:'m|\s+am|'re|\s+are)\s+(?=(?:now\s+|also\s+|personally\s+)?\w+ing\b)"
    # The subject left out after "and": "I've reserved the slot and will send you the letter".
    r"|(?<=\band\s)(?:will|shall)\s+",
    re.IGNORECASE,
)
COMMIT_THEM = re.compile(
    r"(?:\b(?i:who|he|she|they|someone\s+from\s+(?:our|the)\s+\w+(?:\s+\w+)?|dr\.?\s+\w+)|\b[A-Z][a-z]+"
    r"|\b(?i:(?:our|the|my|a|your)\s+(?:[\w-]+\s+){0,3}" + PEOPLE + r"))(?:,\s*[A-Z]\w*(?:\s+[A-Z]\w*)?,)?"
    r"(?i:\s+(?:in|from|at)\s+our\s+[\w\s]{1,30}?)?(?i:'ll|\s+will|\s+is\s+going\s+to|\s+are\s+going\s+to)\s+"
)
ADVERBS = re.compile(
    r"(?:(?:also|then|now|personally|happily|gladly|definitely|just|immediately|first|today|myself|"
    r"ourselves|still|both|next|certainly|quickly|really|absolutely)\s+)*",
    re.IGNORECASE,
)
VAGUE_ACTION = re.compile(
    r"(?:look\w*\s+(?:into|at)|investigat\w*|review\w*|consider\w*|tak(?:e|ing)\s+(?:\w+\s+){0,2}on\s+board|"
    r"pass\w*\s+(?:\w+\s+)?on|feed\w*\s+back|escalat\w*|monitor\w*|do(?:ing)?\s+(?:our|my|what|everything|all)|"
    r"work(?:ing)?\s+(?:on|hard|to|through)|depend\w*|respond\w*|tr(?:y|ying)|hop(?:e|ing)|aim(?:ing)?|continu\w*|"
    r"make\s+sure|ensure|see\s+(?:what|if|whether|how)|be\s+in\s+(?:touch|contact)|reach\s+out|endeavou?r|"
    r"strive|shar\w*|note|log|continue|try|take\s+(?:the\s+)?appropriate|get\s+(?:this|it|things)\s+sorted|"
    r"keep\s+(?:an\s+eye|this|it|you\s+in\s+mind|your\s+\w+\s+on\s+file)|put\s+(?:it|this|things)\s+right|"
    r"make\s+(?:it|this|things)\s+right|sort\s+(?:it|this)(?:\s+out)?|hope|aim|be\s+(?:happy|glad|pleased|"
    r"able|sure|delighted|looking)|learn|use\s+(?:this|your|them|it|these|that)|improve|remind|need|have\s+to|want|deal\s+with\s+it|"
    r"raise|forward|inform\s+the|let\s+the\s+\w+\s+know|get\s+to\s+the\s+bottom|work\s+on)\b",
    re.IGNORECASE,
)
# After "will be": only these are things someone does; the rest is passive ("will be reviewed").
BE_ACTIVE = re.compile(
    r"be\s+(?:with\s+you|there|round|over|at\s+(?:your|the)|on\s+site|back\s+(?:on|at|with|to)|in\s+(?:on|at|by)|"
    r"\w+ing\b)",
    re.IGNORECASE,
)
AND_THEN = re.compile(r"\band\s+(?:then\s+)?(?:(?:i|we)(?:'ll|\s+will)\s+)?", re.IGNORECASE)
NEXT_ASKED = re.compile(
    r"\b(?:asked|ask|request(?:ed)?|arranged\s+for|booked|make\s+sure|instructed|told)\s+(?:(?:for\s+)?[\w-]+\s+)"
    r"{1,4}(?:to\s+)?(?:call|phone|ring|email|text|write|send|visit|collect|deliver|redeliver|replace|repair|"
    r"fix|refund|contact|get\s+back|come|bring|check|confirm)\b"
    r"|\ba\s+request\s+for\s+(?:[\w-]+\s+){1,3}to\s+\w+"
    # "I'll make sure Ben, our senior engineer, handles your visit": someone named to do it.
    r"|\b(?:i|we)(?:'ll|\s+will|\s+shall)\s+(?:personally\s+)?make\s+sure\s+(?:that\s+)?(?:(?:our|the|your)\s+[\w\s-]{1,30}?|"
    r"(?-i:[A-Z][a-z]+)(?:,[^,]{1,40},)?|you|someone\s+[\w\s]{1,20}?)\s+(?:\w+s|get|receive|hear|have|will\s+\w+)\b",
    re.IGNORECASE,
)
NEXT_TO_CUSTOMER = rx(
    # Something booked for them ahead: "I've booked you in with Dr Shah on Thursday at 2:40pm".
    r"\b(?:i|we)(?:'ve|\s+have)\s+(?:now\s+|also\s+)?(?:booked|rebooked|scheduled|rescheduled|arranged|reserved)\s+(?:you|a|an|your|"
    r"the)\b[^.;]{0,50}?\b(?:for|on|at)\s+(?:tomorrow|today|tonight|the\s+\d|\d|next|this|(?:mon|tues|wednes|thurs|fri|"
    r"satur|sun)day)",
    # A request put as a question: "Could you send me photos of the mould?"
    r"\b(?:could|can|would)\s+you\s+(?:please\s+|kindly\s+)?(?:send|email|e-mail|post|forward|reply|call|ring|upload|"
    r"attach|bring|return|text)\b",
    r"\byou(?:'ll|\s+will)\s+(?:also\s+|then\s+)?(?:receive|get|have(?!\s+to)|hear|see|be\s+able\s+to)\b",
    r"\ball\s+you\s+need\s+to\s+do\s+is\b",
    r"(?:^|[,;:]\s*|\band\s+|\bso\s+)(?:please\s+|just\s+)?expect\s+(?:a|an|our|my)\s+(?:\w+\s+)?(?:call|email|"
    r"letter|text|visit|update|message|reply|parcel|delivery)\b",
)
NEXT_ASK_CUSTOMER = re.compile(
    r"(?:^|[,;:]\s*|\band\s+|\bthen\s+|\bso\s+)(?:please\s+|just\s+|simply\s+|do\s+)?(?:reply|send|e-?mail|call|"
    r"ring|phone|text|dm|message|post|pop|return|bring|choose|pick|fill\s+in|complete|submit|attach|upload|"
    r"forward|sign|drop\s+(?:me|us)\s+a\s+(?:line|note|message)|book)(?=\s+(?:me|us|it|them|your|the|a|an|with|"
    r"back|to|this|by|on|and|here|whichever|which|one|between|online|our|him|her|them|in|round|over)\b|\s*[\".!])|(?:^|[,;:]\s*|\band\s+|"
    r"\bthen\s+)(?:please\s+|just\s+)?(?:tell\s+(?:me|us)|let\s+(?:me|us)\s+know)\b",
    re.IGNORECASE,
)
NEXT_NOT = rx(
    r"^\W*if\s+(?:anything|there\s+is\s+anything|there's\s+anything|you\s+have\s+any|you\s+need\s+anything)\b",
    # Only if we got it wrong: "If there has been an error in your results, we will correct it".
    r"^\W*if\s+(?:there\s+(?:has|have|was|were|is)\s+(?:been\s+)?(?:an?\s+|any\s+)?(?:error|mistake|problem|issue|fault|"
    r"delay)|we\s+(?:have\s+)?(?:made|got|find|found|have\s+been))",
    r"\b(?:please|kindly)\s+(?:make\s+sure|ensure)\b",
    r"\bgoing\s+forward\b",
    r"\b(?:don't|do\s+not)\s+hesitate\b",
    r"\bif\s+you\s+have\s+any\b",
    r"\bif\s+(?:anything|there's\s+anything)\s+else\b",
    r"\bshould\s+you\s+(?:have|need|require)\b",
    r"\b(?:i|we)(?:'d|\s+would)\s+like\s+to\b",
    r"\b(?:i|we)(?:'m|\s+am|'re|\s+are)\s+writing\b",
)
