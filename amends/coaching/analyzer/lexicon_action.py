"""Patterns for the rules about action: options, timeline and next step."""

import re

from .lexicon import MONTH, NUM, PEOPLE, UNIT, WEEKDAY, rx

# --- options ------------------------------------------------------------------------------
_DET = r"(?:\b(?:a|an|your|full|partial|free|new|prompt|same-day|replacement)|[£$]\d[\d,.]*|\b\d+%)"
# What counts as a remedy (docs/coaching.md): something that makes up for the trouble or replaces
# what was wrong: a refund, credit, waived fee, compensation, voucher, replacement, redelivery,
# rebooking. Fixing the fault itself (restoring a service, repairing what simply broke, correcting a
# bill, delivering what was late) is what we owe anyway, so it is in FIX below and counts only when
# it is free or mends damage we caused.
_VERBS_FIX = (
    r"repair(?:ed|ing|s)?|fix(?:ed|ing|es)?|restor(?:e|ed|ing)|reinstat(?:e|ed|ing)|reconnect(?:ed|ing)?|"
    r"re-?do(?:ne)?|redid|refit(?:ted)?|reinstall(?:ed)?|re-?clean(?:ed)?|correct(?:ed|ing)?|put\s+right|sort(?:ed)?\s+out|"
    r"replac(?:e|ed|ing)|sand|reseal|repaint"
)
# Parts replaced to mend a fault: replacing them is fixing it, not a replacement for the customer.
PARTS = (
    r"(?:parts?|lamps?|bulbs?|fuses?|valves?|pipes?|pipework|gutters?|guttering|rails?|compressors?|meters?|"
    r"thermostats?|pumps?|motors?|seals?|elements?|filters?|cables?|wiring|switch(?:es)?|sockets?|mast|streetlights?|"
    r"lights?|locks?|washers?|boards?|batter(?:y|ies)|components?|hinges?|handles?|springs?|belts?|hoses?)"
)
REMEDY = rx(
    rf"{_DET}\s+(?:full\s+|partial\s+|free\s+|new\s+|prompt\s+)?(?!credit\s+card)(?:refund|replacement|credit|"
    r"discount|voucher|gift\s+card|compensation|upgrade|rebooking|redelivery|reimbursement|"
    r"goodwill\s+(?:payment|gesture)|exchange|loan\s+(?:car|van|phone))s?\b(?!\s+(?:polic|booking|appointment|request|"
    r"claim|form|team|department|process|slot|date|reference|desk|line|file|score|rating|history|check|limit|"
    + PARTS
    + r"))",
    r"\b(?:the|your)\s+(?:new\s+)?replacement\b(?!\s+(?:polic|process|request|form|team|scheme|card|pin|password|"
    + PARTS
    + r"))",
    r"(?<!\bthe\s)(?<!\ba\s)(?<!\ban\s)(?<!\byour\s)(?<!\bmy\s)(?<!\bour\s)(?<!\bany\s)"
    r"\b(?:refund(?:ed|ing)?|replac(?:e|ed|ing)|reimburs(?:e|ed|ing)|compensat(?:e|ed|ing)|exchang(?:e|ed|ing)|"
    r"credit(?:ed|ing)?|rebook(?:ed|ing)?|reship(?:ped|ping)?|redeliver(?:ed|ing)?|resend(?:ing)?|"
    r"upgrad(?:e|ed|ing)|waiv(?:e|ed|ing)|swap(?:ped)?|reschedul(?:e|ed)|comp(?:ed|ped|ing)?)\s+"
    r"(?!(?:is|are|was|were|be|policy|policies|request|process|team|department|option|terms|if|when|because|on|in|at|"
    r"to|for|of|wrong|with|from|by|myself|yourself|itself|booking|appointment|claim|service|supply|power|water|gas|"
    r"electricity|heating|connection|network|signal|broadband|internet)\b)"
    # Replacing a part to mend a fault is fixing it: "replace the lamp", "replaced the fuse".
    r"(?!(?:the\s+|a\s+|your\s+|its\s+)?(?:[\w-]+\s+)?" + PARTS + r"\b)"
    r"[\w£$']+(?!\s+wrong)\b",
    # Passive, with the remedy already done or promised: "your delivery charge has been refunded".
    r"(?<!\bcould\s)(?<!\bwould\s)(?<!\bmight\s)(?<!\bshould\s)"
    r"\b(?:has|have|had|was|were|is|are|been|be|being)\s+(?:now\s+|already\s+|fully\s+|also\s+)?(?:refunded|credited|"
    r"reimbursed|waived|written\s+off|replaced|rebooked|redelivered|upgraded|compensated)\b",
    # Money given back: "your £9.99 fee has been returned", "you'll see the £40 back".
    r"[£$€]\s?\d[\d,.]*[^.;]{0,40}\b(?:has|have|was|were|is|are|will\s+be|'s)\s+(?:been\s+)?(?:now\s+)?(?:returned|paid\s+back|"
    r"given\s+back|sent\s+back|refunded|credited|gone\s+back)\b",
    r"[£$€]\s?\d[\d,.]*\s+(?:is\s+|are\s+|'s\s+|will\s+be\s+|'ll\s+be\s+)?back\b",
    r"\bat\s+no\s+(?:extra\s+|additional\s+)?(?:charge|cost)\b",
    r"\b(?:returned|paid|put|transferred|sent|credited|refunded)\s+(?:back\s+)?(?:the\s+)?(?:full\s+|whole\s+)?"
    r"(?:[£$€]\s?\d[\d,.]*|money|amount|sum|balance)\s+(?:back\s+)?(?:to|into|onto)\s+(?:your|his|her|their|the)\b",
    r"\b(?:money|cash)\s+back\b",
    r"\bfree\s+of\s+charge\b",
    r"\b(?:are|is|be|for|it's)\s+free\b",
    r"\bfree\s+(?:\w+\s+)?(?:drinks?|delivery|deliveries|box|boxes|month|router|return|night|meal|"
    r"visit|service|postage|upgrade)\b",
    r"\b(?:dinner|meal|drinks?|coffee|night|stay|next\s+(?:one|ones|order|box))\b.{0,25}\bon\s+us\b",
    r"\bon\s+the\s+house\b",
    r"\b(?:send|sending|sent|deliver|bring|post|ship|shipping|shipped|dispatch\w*|courier\w*)\s+(?:you\s+)?(?:out\s+)?"
    r"(?:a\s+|an\s+|the\s+|your\s+)?(?:new|replacement|another|right|correct|spare|fresh|second)\b(?!\s+(?:appointment|"
    r"letter|date|time|details|statement|bill|invoice|password|link|code|form|contract|terms|policy|address|number|"
    r"confirmation|booking|schedule|email|pin))",
    r"\bnew\s+(?:ones?|pairs?|sets?|units?|order)\b",
    r"\b(?:extend(?:ed|ing)?|lengthen(?:ed)?)\s+your\s+(?:\w+\s+)?(?:trial|subscription|membership|warranty|guarantee|"
    r"deadline|stay|booking|contract|cover|licence|license)\b",
    r"\b(?:travel|fly|go)\s+on\s+(?:any|a|the)\s+(?:later|earlier|next|alternative|other)\s+(?:\w+\s+)?(?:train|flight|bus|"
    r"service|sailing|coach)\b",
    r"\b(?:cancel(?:led|ling)?|revers(?:e|ed|ing)|remov(?:e|ed|ing))\s+(?:the|that|this)\s+(?:duplicate|"
    r"payment|charge|fee|transaction|\w+\s+(?:charge|fee|payment))\b",
    r"\b(?:revers(?:e|ed|ing)|remov(?:e|ed|ing))\s+it\b",
    r"\b(?:send|sent|issu\w*|process\w*|pay|paid|arrang\w*)\s+(?:you\s+)?the\s+(?:full\s+)?(?:refund|replacement|"
    r"credit|compensation|voucher)\b",
    r"\b(?:taken|take|knock(?:ed)?)\s+.{0,40}\boff\b",
    r"\b(?:added|add|top(?:ped)?\s+up)\s+.{0,30}(?:£|\$|\d|credit|free)",
    r"\b(?:we|i)(?:'ll|\s+will|\s+can|'ve|\s+have)?\s+(?:also\s+)?(?:cover|pay\s+(?:for|their|your|you))\b",
    # Their costs paid by us: "we've covered the £25 fee", "we'll pay the late fee he charged".
    r"\b(?:cover(?:ed|ing)?|pa(?:y|id|ying)(?:\s+for)?|foot(?:ed)?)\s+(?:the|your|that|this|any|all|his|her|their)\s+"
    r"(?:[£$€]\d[\d,.]*\s+)?(?:[\w-]+\s+){0,2}?(?:fee|charge|bill|invoice|costs?|fine|excess|fare|taxi|hotel|"
    r"expenses?|postage|shipping|return\s+shipping|earnings|wages)\b",
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
    r"\b(?:send|sending)\s+(?:you\s+)?(?:a|an|our|another)\s+(?:\w+\s+)?(?:loan|courtesy|spare)\b",
    r"\bpayment\s+of\s+(?:the\s+)?(?:full\s+)?[£$]",
    r"\bpaid\s+into\s+your\s+account\b",
    r"\binvite\s+you\b.{0,30}\bon\s+us\b",
    r"\bissued?\s+(?:you\s+)?(?:a\s+)?new\s+voucher\b",
    # A stated sum offered or given: "I'd like to offer you £50", "plus £50 for the delay".
    r"\b(?:offer(?:ing|ed)?(?:\s+you)?|(?:giv(?:e|ing)|gave|pay(?:ing)?|paid|send(?:ing)?|sent)\s+you)\s+"
    r"(?:a\s+)?(?:further\s+|extra\s+)?[£$€]\d",
    r"\bplus\s+(?:a\s+further\s+|an\s+extra\s+|another\s+)?[£$€]\d",
    r"[£$€]\d[\d,.]*\s+(?:for\s+(?:the|your)\s+(?:delay|trouble|inconvenience|wait|hassle|upset|worry|distress|"
    r"disruption|time)|(?:as\s+)?(?:compensation|goodwill|a\s+goodwill|an\s+apology))\b",
    r"\b(?:entitled\s+to|eligible\s+for)\s+(?:claim\s+)?(?:up\s+to\s+)?[£$€]\d",
    r"\breduced\s+(?:rate|price|fee|fare|tariff|charge)\b",
    r"\bthere(?:'ll|\s+will)\s+be\s+no\s+(?:charge|cost|fee)\b|\bno\s+charge\s+for\b",
    r"\bwith\s+our\s+compliments\b|\bcomplimentary\b",
    r"\byou\s+(?:can|may)\s+(?:also\s+)?keep\s+(?:the|it|them|both|that)\b",
    r"\bsend\w*\s+(?:you\s+)?(?:the|a)\s+(?:[\w-]+\s+)?ones?\s+(?:you\s+(?:ordered|asked\s+for|wanted|chose|paid\s+for)|out)\b",
    r"[£$€]\d[\d,.]*\s+(?:in\s+)?(?:compensation|credit|goodwill)\b",
    r"\bpaid\s+(?:it|this|that|them)\s+(?:in)?to\s+your\b",
    r"\bhalf[- ]price\b|\b\d+\s?%\s+off\b|\bprice\s+(?:cut|reduction)\b",
    # Something free, or at our expense: "a free signal booster", "leave early with no fee".
    r"\b(?:send|give|gave|offer|get|provid|fit|install|lend|book|arrang|add|includ|throw\s+in)\w*\s+"
    r"(?:you\s+)?(?:in\s+)?(?:a|an|the|your|two|three|\d+)\s+free\s+(?!(?:to|time|moment|phone(?:line)?|number|helpline|call|"
    r"advice|text|app|leaflet|guide)\b|of\s+(?!charge))[\w-]+",
    r"\b(?:with\s+no|without\s+(?:any\s+|a\s+|the\s+(?:usual\s+)?)?|for\s+no)\s+(?:[\w-]+\s+){0,2}?(?:fee|charge|"
    r"penalty|cost)\b",
    r"\bno\s+(?:exit|cancellation|early\s+termination|call-out|admin|booking|change|delivery)\s+(?:fee|charge|penalty)\b",
    r"\bat\s+our\s+(?:own\s+)?(?:expense|cost)\b",
    r"\byou\s+(?:won't|will\s+not)\s+(?:be\s+charged|have\s+to\s+pay|pay)\b",
    r"\b(?:cancel(?:led|ling)?|withdr[ae]wn?|withdrawing|void(?:ed)?|writ(?:e|ten|ing)\s+off|wrote\s+off)\s+"
    r"(?:the|that|this|your)\s+(?:[\w-]+\s+)?(?:notice|fine|penalty|charge|fee|debt|arrears)\b",
    r"\bget\s+(?:it|that|this|them|the\s+\w+|your\s+\w+)\s+(?:refunded|replaced|credited|reimbursed)\b",
    r"\b(?:the|your)\s+(?:\w+\s+){0,3}?(?:refund|credit|compensation|reimbursement)\b[^.;]{0,40}\b(?:will|should)"
    r"\s+(?:clear|arrive|reach\s+you|be\s+with\s+you|show|land|be\s+(?:paid|issued|processed|sent|credited|made)|"
    r"go\s+(?:back|through))\b",
    r"\b(?:the|your)\s+(?:\w+\s+){0,3}?(?:refund|credit|compensation|reimbursement)\s+(?:is|has)\s+(?:now\s+)?"
    r"(?:on\s+its\s+way|gone\s+through|been\s+(?:paid|issued|processed|sent|approved))\b",
    r"\b(?:full\s+)?refund\s+(?:is\s+)?on\s+its\s+way\b",
    r"\b(?:\w+)(?<!\bthat)(?<!\bwhich)(?<!\bthis)(?<!\bit)(?<!\bfault)(?<!\bblame)(?<!\bmistake)(?<!\berror)(?<!\bpart)(?<!\bonus)"
    r"(?:'s|,?\s+is|,?\s+are|,?\s+will\s+be)\s+on\s+us\b",
    r"\b(?:out|over)\s+on\s+us\b",
)
# Fixing the fault itself: a remedy only when free ("we'll fix it at no charge") or when it mends
# damage we did ("we scratched your floor, so we'll repair it").
FIX = rx(
    rf"(?<!\bthe\s)(?<!\ba\s)(?<!\byour\s)(?<!\bour\s)\b(?:{_VERBS_FIX})\b",
    r"\b(?:has|have|had|was|were|is|are|been|be|being)\s+(?:now\s+|already\s+|fully\s+|also\s+)?(?:repaired|fixed|"
    r"restored|reinstated|reconnected|corrected|redone|put\s+right)\b",
    r"\b(?:come|coming|go|going|be)\s+back\s+(?:for|to\s+(?:fix|finish|collect|redo|complete|repair|sand|reseal|replace))\b",
    r"\b(?:deliver|bring|drop|take|courier)\w*\s+(?:it|them|your\s+[\w-]+)\s+(?:\w+\s+)?to\s+(?:your|the)\s+(?:door|home|"
    r"house|hotel|address|office|flat)\b",
    r"\b(?:booked|book)\s+(?:a|an|our)\s+(?:\w+\s+){0,2}(?:technician|engineer|visit|repair|plumber|electrician)\b",
    r"\bsend\s+(?:a|an|our)\s+(?:\w+\s+)?(?:technician|engineer|cleaner|plumber|electrician|joiner|decorator|fitter|"
    r"locksmith|handyman|crew)\b",
    r"\b(?:send|sending)\s+(?:[\w-]+\s+){1,4}?back\s+(?:to|on|in|tomorrow|today|next)\b",
)
# What makes fixing the fault a remedy after all.
FIX_FREE = rx(
    r"(?<!\bfeel\s)\bfree\b(?!\s+(?:to\b|of\s+(?!charge)|phone|number|helpline|call))",
    r"\bno\s+(?:extra\s+|additional\s+|further\s+)?(?:charge|cost|call-out\s+(?:fee|charge))\b",
    r"\bat\s+(?:no|our)\s+(?:\w+\s+)?(?:charge|cost|expense)\b",
    r"\b(?:costs?|repairs?|work|labour|labor|bill|job|charge|fee|parts?|visit)\s+(?:is|are|'s|will\s+be)\s+(?:all\s+)?on\s+us\b",
    r",\s*on\s+us\b",
    r"\bnothing\s+(?:more\s+|further\s+)?(?:for\s+you\s+)?to\s+pay\b",
    r"\b(?:won't|will\s+not|don't|do\s+not)\s+(?:be\s+charged|cost\s+you|have\s+to\s+pay|charge|pay\s+(?:a\s+penny|anything))\b",
)
FIX_OUR_DAMAGE = rx(
    r"\b(?:we|i|our\s+(?:[\w-]+\s+){0,2}?(?:fitters?|engineers?|drivers?|team|crew|staff|technicians?|installers?|"
    r"decorators?|builders?|movers?|removal\s+\w+|cleaners?|contractors?|workmen|plumbers?|electricians?|"
    r"mechanics?))\s+(?:\w+\s+)?(?:damaged|scratched|dented|cracked|chipped|stained|scuffed|tore|ripped|broke|smashed|"
    r"snapped|flooded|scorched|marked|caught|knocked|dropped|left\s+(?:a\s+)?(?:mark|hole|stain|dent))\b",
    r"\bthe\s+damage\s+(?:we|our|that\s+(?:we|our))\b",
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
    r"\b(?:could|would|might|should)\s+have\s+(?:\w+\s+)?$",
    r"\b(?:over|about|regarding|concerning)\s+$",
    r"\bif\s+you\s+(?:think|feel|believe)\b",
    r"\b(?:delay|wait|confusion|mix-up|problem|issue|trouble|question|query|progress|status)\s+(?:with|on|for|of|in)\s+$",
    r"\b(?:long|while|ages|weeks|days|months)\s+to\s+$",
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
    r"^[^.;]{0,30}?\b(?:isn't|aren't|wasn't|weren't)\s+(?:appropriate|possible|available|due|payable|something|an\s+option)\b",
    # Said to be missing, not given: "your refund has not yet arrived".
    r"^[^.;]{0,30}?\b(?:has|have|had|is|are|was|were)(?:n't|\s+not)\s+(?:yet\s+|still\s+)?(?:arrived|come\s+through|reached|"
    r"been\s+(?:paid|processed|issued|received|sent|made|approved))\b",
    r"^[^.;]{0,30}?\bstill\s+(?:hasn't|has\s+not|haven't|have\s+not|isn't|is\s+not)\b",
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
    r"\bthis\s+(?:morning|afternoon|evening|week|weekend|month)\b(?!'s)",
    r"\b(?:by|before|until|till|at)\s+(?:the\s+)?end\s+of\s+(?:the\s+|this\s+|next\s+)?(?:day|week|month|today)\b",
    rf"\bnext\s+(?:week|month|year|{WEEKDAY})\b(?!-|'s)",
    rf"\b{WEEKDAY}\b",
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH}\b",
    rf"\b(?:in|by|before|during|from)\s+(?:early\s+|mid-?|late\s+|the\s+end\s+of\s+|the\s+start\s+of\s+)?{MONTH}\b(?!\s+\d)",
    rf"\b{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b",
    r"\bthe\s+\d{1,2}(?:st|nd|rd|th)\b",
    r"\b\d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)",
    r"\b\d{1,2}[:.]\d{2}\b",
    r"\b(?:midday|noon|midnight|lunchtime|first\s+thing|the\s+day\s+before|the\s+same\s+day)\b",
    r"\b(?:at|before|by|after)\s+\d{1,2}\b(?!\s*(?:%|items|days|hours|weeks|months))",
    r"\bevery\s+(?:\w+\s+)?(?:day|week|morning|evening|" + WEEKDAY + r")\b",
)
TIME_FUTURE = rx(
    r"\b(?:will|'ll|shall|going\s+to|gonna|(?<!\bwas\s)(?<!\bwere\s)due|expect\w*|scheduled|booked\s+(?:for|in)|aim|hope\w*|"
    r"until|till|no\s+later\s+than|next|tomorrow|tonight|would\s+be)\b",
    # Timetabled events in the present tense: "the pool reopens on Monday".
    r"\b(?:opens|reopens|starts|restarts|begins|arrives|leaves|departs|closes|finishes|ends|goes\s+live|lands|resumes|"
    r"runs|reopen|start|begin|arrive|resume|go\s+live)\b",
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
TIME_OBLIGED = re.compile(
    r"\b(?:must|needs?\s+to|has\s+to|have\s+to)\s+be\b|\b(?:you|customers|students|tenants|residents|members|patients|"
    r"passengers|guests|applicants|users)\s+(?:are|is)\s+(?:expected|required|obliged)\s+to\b",
    re.IGNORECASE,
)
# A deadline for the customer, not a time for us: "please reply by 14 October", "return it within 30 days",
# "you have 14 days to". Not when we commit to something after it ("tell me which and I'll book it Friday").
TIME_CUSTOMER = re.compile(
    r"(?:^|[,;:]\s*|\band\s+|\bif\s+|\bso\s+|\bonce\s+)\W*(?:please\s+|just\s+|simply\s+|kindly\s+)?"
    r"(?:you\s+(?:can\s+|could\s+|should\s+|must\s+|may\s+|need\s+to\s+|have\s+to\s+|'ll\s+need\s+to\s+|"
    r"will\s+need\s+to\s+|only\s+need\s+to\s+)?)?(?:reply|respond|send|return|let\s+(?:me|us)\s+know|tell\s+(?:me|us)|"
    r"pay|submit|book|choose|claim|complete|call|ring|contact|confirm|provide|get\s+back\s+to\s+(?:me|us)|post|bring|"
    r"fill\s+in|sign|register|apply|cancel|decide|collect|upload|email|write|drop\s+(?:it|them)|pop)\b"
    r"(?![^.;]*\b(?:i|we)(?:'ll|\s+will|\s+can|'d|\s+would|\s+shall)\b)[^.;]*$"
    r"|\byou(?:'ve|\s+have)\s+(?:got\s+)?(?:until\s+)?$"
    # Any verb of theirs: "if you can get the paperwork to us by Friday".
    r"|(?:^|[,;:]\s*|\bif\s+|\bonce\s+|\bwhen\s+)\W*you\s+(?:can\s+|could\s+|must\s+|need\s+to\s+|have\s+to\s+|should\s+)?"
    r"(?!(?:will|'ll|receive|get\s+(?:a|an|the|your)|see|hear|have\b|be\b|were|was|had|did|'ve|'re|are|'d)\b)\w+"
    r"(?![^.;]*\b(?:i|we)(?:'ll|\s+will|\s+can|'d|\s+would|\s+shall)\b)[^.;]*$"
    r"|\bby\s+(?:replying|responding|sending|returning|calling|contacting|completing|paying|submitting|emailing|"
    r"writing)\b[^.;]*$",
    re.IGNORECASE,
)
# A time they may pick: "on any Saturday you choose", "any date next year".
TIME_ANY = re.compile(r"\bany\s+(?:[\w-]+\s+){0,3}$", re.IGNORECASE)
# Participles used as adjectives say nothing of tense: "refunds for cancelled tours are paid within 14 days".
ATTRIBUTIVE = re.compile(
    r"\b(?:the|a|an|your|our|any|for|of|with|on|all|these|those|their|his|her)\s+\w+ed\b", re.IGNORECASE
)
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
    r"(?:\b(?i:who|he|she|they|someone\s+from\s+(?:our|the)\s+\w+(?:\s+\w+)?|dr\.?\s+\w+)"
    r"|\b(?!(?:You|Someone|Somebody|Anyone|Anybody|Everyone|Nobody|This|That|It|There|Which|What|Hopefully|Nothing|"
    r"Everything|Something|Things|Payments?|Refunds?|Orders?|Parcels?)\b)[A-Z][a-z]+"
    r"|\b(?i:(?:our|the|my|a|an|your|one\s+of\s+our|a\s+member\s+of\s+(?:our|the))\s+(?:[\w'-]+\s+){0,3}"
    + PEOPLE
    + r"))"
    # "Dr Osei's secretary", "the consultant's secretary": someone of theirs.
    r"(?i:'s\s+(?:[\w-]+\s+){0,2}" + PEOPLE + r")?"
    r"(?:,[^,.;]{1,40},)?"
    r"(?i:\s+(?:in|from|at|on)\s+(?:our|the)\s+[\w\s]{1,30}?)?(?i:'ll|\s+will|\s+is\s+going\s+to|\s+are\s+going\s+to)\s+"
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
    r"make\s+sure|ensure|see\s+(?:what|if|whether|how)|be\s+in\s+(?:touch|contact)(?!\s+with\s+(?:the|your|a|an)\s+(?!update))|reach\s+out|endeavou?r|"
    r"strive|shar\w*|note|log|continue|try|take\s+(?:the\s+)?appropriate|get\s+(?:this|it|things)\s+sorted|"
    r"keep\s+(?:an\s+eye|this|it|you\s+in\s+mind|your\s+\w+\s+on\s+file)|put\s+(?:it|this|things)\s+right|"
    r"make\s+(?:it|this|things)\s+right|sort\s+(?:it|this)(?:\s+out)?|hope|aim|be\s+(?:happy|glad|pleased|"
    r"able|sure|delighted|looking)|learn|use\s+(?:this|your|them|it|these|that)|improve|remind|need|have\s+to|want|deal\s+with\s+it|"
    r"raise|forward|inform\s+the|let\s+the\s+\w+\s+know|get\s+to\s+the\s+bottom|work\s+on|resolv\w*|treat\w*|"
    r"tak(?:e|ing)\s+(?:\w+\s+){0,3}(?:into\s+account|seriously)|writ(?:e|ing)\s+to\s+(?:apologi|let\s+you|confirm\s+that)|"
    # Coming back to them with no time and nothing in hand: "we'll get back to you shortly".
    r"(?:get|come)\s+back\s+to\s+you(?!\s+(?:(?:by|on|before|tomorrow|today|tonight|this|next|within|at)\b|with\s+(?:a|the|"
    r"your)\s+(?!update)))|get\s+(?:someone|somebody)\s+to|have\s+someone)\b",
    re.IGNORECASE,
)
# After "will be": only these are things someone does; the rest is passive ("will be reviewed").
BE_ACTIVE = re.compile(
    r"be\s+(?:with\s+you|there|round|over|at\s+(?:your|the)|on\s+site|in\s+touch\s+with\s+(?:the|your|a|an)\s+(?!update)|back\s+(?:on|at|with|to)|in\s+(?:on|at|by)|"
    r"\w+ing\b)",
    re.IGNORECASE,
)
AND_THEN = re.compile(r"\band\s+(?:then\s+)?(?:(?:i|we)(?:'ll|\s+will)\s+)?", re.IGNORECASE)
NEXT_ASKED = re.compile(
    r"(?<!\byou\s)(?<!\bthey\s)(?<!\bhe\s)(?<!\bshe\s)"
    r"\b(?:asked|ask|request(?:ed)?|arranged\s+for|booked|make\s+sure|instructed|told)\s+(?:(?:for\s+)?[\w'-]+\s+)"
    r"{0,4}?(?:for\s+)?[\w'-]+(?:,[^,.;]{1,40},)?\s+(?:to\s+)?(?:book|arrange|let\s+you\s+know|organi[sz]e|chase|order|call|phone|ring|email|text|write|send|visit|collect|deliver|redeliver|replace|repair|"
    r"fix|refund|contact|get\s+back|come|bring|check|confirm)\b"
    r"|\ba\s+request\s+for\s+(?:[\w-]+\s+){1,3}to\s+\w+"
    # "I'll make sure Ben, our senior engineer, handles your visit": someone named to do it.
    r"|\b(?:i|we)(?:'ll|\s+will|\s+shall)\s+(?:personally\s+)?make\s+sure\s+(?:that\s+)?(?:(?:our|the|your)\s+[\w\s-]{1,30}?|"
    r"(?-i:[A-Z][a-z]+)(?:,[^,]{1,40},)?|you|someone\s+[\w\s]{1,20}?)\s+(?:\w+s|get|receive|hear|have|will\s+\w+)\b",
    re.IGNORECASE,
)
NEXT_TO_CUSTOMER = rx(
    # Something booked for them ahead: "I've booked you in with Dr Shah on Thursday at 2:40pm".
    r"\b(?:i|we)(?:'ve|\s+have)\s+(?:(?:now|also|just|already|gone\s+ahead\s+and)\s+)*(?:booked|rebooked|scheduled|"
    r"rescheduled|arranged|reserved)\s+(?:you|a|an|your|"
    r"the)\b[^.;]{0,50}?\b(?:for|on|at|from)\s+(?:tomorrow|today|tonight|the\s+\d|\d|next|this|(?:mon|tues|wednes|thurs|fri|"
    r"satur|sun)day)",
    # Time set aside for them: "I've blocked out 2pm tomorrow to ring you".
    r"\b(?:i|we)(?:'ve|\s+have)\s+(?:(?:now|also|just|already)\s+)*(?:blocked\s+out|set\s+aside|put\s+aside|reserved|"
    r"booked|kept)\s+[^.;]{0,40}?\bto\s+(?:call|ring|phone|email|visit|text|come|see|meet)\b",
    # Planning to contact them: "I'd like to call you tomorrow".
    r"\b(?:i|we)(?:'d|\s+would)\s+like\s+to\s+(?:call|ring|phone|visit|meet|come\s+(?:and|to)\s+see)\s+you\b",
    # A request put as a question: "Could you send me photos of the mould?"
    r"\b(?:could|can|would)\s+you\s+(?:please\s+|kindly\s+|also\s+|just\s+)*(?:send|email|e-mail|post|forward|reply|call|ring|upload|"
    r"attach|bring|return|text|let\s+(?:me|us)\s+know|tell\s+(?:me|us)|confirm|check|give\s+(?:me|us))\b",
    r"\byou(?:'ll|\s+will)\s+(?:also\s+|then\s+)?(?:receive|get|have(?!\s+to)|hear|see|be\s+able\s+to)\b",
    r"\ball\s+you\s+need\s+to\s+do\s+is\b",
    r"(?:^|[,;:]\s*|\band\s+|\bso\s+)(?:please\s+|just\s+)?expect\s+(?:a|an|our|my)\s+(?:\w+\s+)?(?:call|email|"
    r"letter|text|visit|update|message|reply|parcel|delivery)\b",
)
NEXT_ASK_CUSTOMER = re.compile(
    r"(?:^|[,;:]\s*|\band\s+|\bthen\s+|\bso\s+)(?:please\s+|just\s+|simply\s+|do\s+)?(?:reply|send|e-?mail|call|"
    r"ring|phone|text|dm|message|post|pop|return|bring|choose|pick|fill\s+in|complete|submit|attach|upload|"
    r"forward|sign|drop\s+(?:me|us)\s+a\s+(?:line|note|message)|book)(?=\s+(?:me|us|it|them|your|the|a|an|with|"
    r"back|to|this|by|on|and|here|whichever|which|one|between|online|our|him|her|them|in|round|over)\b|\s+[A-Z]{2,}\b|"
    r"\s*[\".!])|(?:^|[,;:\u2013\u2014-]\s*|\band\s+|\bthen\s+)(?:please\s+|just\s+)?(?:tell\s+(?:me|us)|let\s+(?:me|us)\s+know|"
    r"say\s+(?:which|the\s+word|yes|when)|give\s+(?:me|us)\s+a\s+(?:ring|call|bell|shout|buzz))\b"
    # Any other request opened with "please", but not the courtesies: "please pass on my number".
    r"|(?:^|[,;:]\s*|\band\s+|\bso\s+)\W*please\s+(?!(?:note|be|accept|find|see|bear|rest|feel|don't|do|ensure|make|allow|"
    r"understand|forgive|excuse|know|remember|keep\s+in\s+mind|let\s+me|refer|contact\s+us\s+if|accept|hesitate|"
    r"treat|consider|disregard|ignore|quote|visit|check|raise|keep|retain|refer|read|review|direct|address|go|take|"
    r"speak|contact|log|use|try|look|follow|wait|continue|call\s+(?:your|the)|write\s+to\s+(?:your|the))\b)[a-z]+\b",
    re.IGNORECASE,
)
# Our people due at a time, in the timetabled present: "the fitters start Friday at 8" (with a time).
NEXT_TIMETABLED = rx(
    r"\b(?:our|the|a|an)\s+(?:[\w-]+\s+)?"
    + PEOPLE
    + r"\s+(?:start|starts|arrive|arrives|come|comes|visit|visits|call|calls|"
    r"begin|begins|(?:is|are)\s+(?:booked|due|coming|scheduled))\b(?!\s*[.!?]?$)"
)
# "We'd like to send you a replacement": an offer or a courtesy, not yet a commitment (a customer's step in
# the same sentence still counts).
NEXT_OFFERED = rx(r"\b(?:i|we)(?:'d|\s+would)\s+like\s+to\b")
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
    r"\b(?:i|we)(?:'m|\s+am|'re|\s+are)\s+writing\b",
)

# A remedy named in one sentence and said to arrive in the next: "... your refund. It'll land by Wednesday."
REMEDY_MENTIONED = rx(r"\b(?:refund|credit|compensation|reimbursement|money\s+back|goodwill\s+payment)\b")
REMEDY_ARRIVING = rx(
    r"\b(?:it|the\s+money|the\s+payment|this|that)(?:'ll|\s+will|\s+should)\s+(?:land|reach\s+you|arrive|be\s+back|"
    r"show|clear|be\s+in\s+your)\b"
)
