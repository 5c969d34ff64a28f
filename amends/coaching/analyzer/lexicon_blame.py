"""Patterns for the no-blame rule: who a sentence puts the cause on, and when it owns it instead."""

from .lexicon import rx

BLAME = {
    "the customer": rx(
        r"\b(?:as|because|since)\s+you\s+(?:did\s+not|didn't|had\s+not|hadn't|failed|forgot|neglected|chose|"
        r"selected|entered|gave|were\s+not|weren't)\b",
        r"\b(?:as|because|since)\s+your\s+(?:\w+\s+){0,3}(?:had\s+not|hadn't|was\s+not|wasn't|were\s+not|"
        r"reached\s+us\s+after|arrived\s+after|did\s+not|didn't)\b",
        r"\byou\s+(?:(?:should\s+have|should've)(?!\s+(?:been|had|got|to|paid\s+(?:the|a|only|less)))|were\s+supposed\s+to|failed\s+to|forgot\s+to|neglected\s+to|"
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
        r"(?:^|[,;:]\s*)(?:to\s+be\s+fair|in\s+(?:all\s+)?fairness)\s*(?:to\s+\w+\s*)?,",
        # The customer as the one who got it wrong: "you did enter the wrong postcode".
        r"\byou\s+(?:did\s+|had\s+|have\s+|'d\s+|'ve\s+)?(?:enter|entered|give|gave|given|provide|provided|supply|"
        r"supplied|select|selected|choose|chose|chosen|type|typed|put|order|ordered|book|booked|tick|ticked|fill|filled|"
        r"use|used|send|sent|quote|quoted)\s+(?:us\s+)?(?:\w+\s+){0,3}?(?:the\s+)?(?:wrong|incorrect|invalid|"
        r"out-of-date|expired)\b",
        r"\b(?:is|was|are|were)\s+(?:entirely\s+|solely\s+)?your\s+(?:own\s+)?responsibility\b",
        r"\byour\s+side\s+of\s+the\b",
        # What they signed or chose, held against them: "the form that you signed", "the date you selected".
        r"\b(?:on|in)\s+the\s+(?:[\w-]+\s+)?(?:form|agreement|contract|terms|document|declaration|checklist)\s+(?:that\s+)?"
        r"you\s+(?:signed|agreed\s+to|accepted|ticked|initialled)\b",
        r"\b(?:form|agreement|contract|terms|document|declaration)\s+(?:that\s+)?you\s+(?:signed|agreed\s+to|accepted)\s+"
        r"(?:states?|says|shows|confirms|clearly|makes\s+(?:it\s+)?clear)\b",
        r"\b(?:correct|right|exact)\b[^.;]{0,40}\b(?:that\s+)?you\s+(?:selected|chose|picked|booked|ordered|requested|"
        r"asked\s+for|entered)\b",
        r"\b(?:sent|posted|delivered|addressed|issued|processed|booked)\s+(?:\w+\s+){0,3}?(?:to|with|for|on|using)\s+the\s+"
        r"(?:address|details|number|email|information|postcode|name|date|size)\s+(?:that\s+)?you\s+(?:gave|provided|"
        r"entered|supplied|chose|selected|typed)\b",
        # Customers as a class made responsible: "tenants must report repairs", "packed by the customer".
        r"\b(?:customers?|students?|tenants?|residents?|patients?|passengers?|members?|policyholders?|account\s+holders?|"
        r"applicants?|the\s+(?:customer|tenant|patient|passenger|member|applicant))\s+(?:are|is|were|was)\s+"
        r"(?:\w+\s+)?(?:responsible|required|expected|obliged|liable)\b",
        r"\b(?:customers|students|tenants|residents|patients|passengers|members|policyholders|applicants)\s+(?:must|should|"
        r"need\s+to|have\s+to)\b",
        r"\b(?:packed|assembled|installed|fitted|supplied|arranged|booked)\s+by\s+(?:the\s+)?(?:customer|you|yourself|"
        r"owner|tenant|policyholder)\b",
        # Their own things as the cause: "your browser cache is out of date".
        r"\byour\s+(?:own\s+)?(?:[\w-]+\s+)?(?:browser|device|phone|router|wi-?fi|settings|cache|connection|computer|"
        r"software|equipment|wiring|pipework|appliance|card|account\s+settings)\s+(?:is|was|are|were|may\s+be|might\s+be)"
        r"\s+(?:\w+\s+)?(?:out\s+of\s+date|outdated|incompatible|faulty|old|misconfigured|the\s+(?:cause|problem)|to\s+blame)",
        r"\bbut\s+you\s+(?:only\s+)?(?:arrived|came|turned\s+up|got\s+(?:there|here|to\s+us))\s+(?:\w+\s+)?(?:late|after|at)\b",
        # The onus put on them: "... by 7am, otherwise they may be missed", "unless residents register".
        r"\botherwise\s+(?:they|it|your|the|we)\b[^.;]{0,40}\b(?:may|might|will|can't|cannot|won't|could)\b",
        r"\bunless\s+(?:you|residents|customers|tenants|patients|members|passengers|the\s+(?:customer|resident|"
        r"tenant|patient|account\s+holder|member|passenger))\b",
        r"\b(?:as|because|since)\s+there\s+(?:was|were)\s+no\s+(?:\w+\s+)?(?:access|one\s+(?:home|in|available)|"
        r"answer|reply|response)\b",
        r"\b(?:signed\s+for|received|delivered|left\s+us)\s+in\s+(?:good|perfect|working)\s+(?:condition|order)\b",
        r"\bwe\s+(?:always\s+|strongly\s+)?(?:recommend|advise|suggest)\s+(?:that\s+)?(?:you\s+|customers\s+)?"
        r"(?:always\s+|regularly\s+)?\w+ing\b",
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
    # Someone else doing the wrong thing, brought in with "but": "we double-booked, but the agent sent the
    # wrong dates", "the tenant reported it but they didn't allow access". Not "our" people: that is owning.
    "someone else": rx(
        r"\bbut\s+(?:the|a|an|your|their|they|he|she)\b(?:\s+(?!our\b)[\w'-]+){0,3}?\s+(?:didn't|did\s+not|failed|"
        r"forgot|refused|wouldn't|would\s+not|hadn't|had\s+not|lost|sent\s+(?:us\s+)?(?:the\s+)?wrong|"
        r"gave\s+us\s+(?:the\s+)?wrong|got\s+\w+\s+wrong|made\s+(?:a|an)\s+(?:mistake|error))\b",
    ),
    "a colleague": rx(
        r"\b(?:the|our|a|your)\s+(?:\w+\s+)?(?:dentist|doctor|nurse|instructor|teacher|tutor|consultant|surgeon|vet|"
        r"pharmacist|driver|engineer|technician|adviser|advisor|agent|manager|chef|stylist|fitter|installer)\s+"
        r"(?:was|were|had\s+been)\s+(?:off\s+sick|ill|sick|unwell|away|on\s+holiday|off|running\s+late)\b",
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
        # Someone outside us named as the one who got it wrong: "your GP surgery sent it to the wrong place".
        r"\byour\s+(?:\w+\s+)?(?:gp|doctor|surgery|bank|landlord|letting\s+agent|agent|employer|insurer|broker|solicitor|"
        r"school|council|airline|hotel|provider|installer|builder|previous\s+\w+|old\s+\w+)\b[^.;]{0,50}?\b(?:sent|gave|"
        r"wrote|entered|issued|made|got|put|booked|told)\b[^.;]{0,40}?\b(?:wrong|incorrect|late|error|mistake)\b",
        r"\b(?:your|the)\s+(?:\w+\s+)?(?:gp|doctor|surgery|bank|landlord|employer|insurer|broker|solicitor|airline|hotel|"
        r"provider)\s+(?:has\s+not|hasn't|did\s+not|didn't|failed\s+to|forgot\s+to|never)\b",
        r"\bas\s+(?:written|instructed|prescribed|requested|specified|ordered)\s+by\s+(?:your|the)\b",
        r"\b(?:is|are|was|were)\s+(?:the\s+|your\s+)?(?!our\b)[\w-]+'s\s+(?:responsibility|job|problem|fault|decision)\b",
        r"\b(?:is|are)\s+a\s+matter\s+for\s+(?:your|the)\s+(?!our\b)\w+",
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
        r"\b(?:our|the)\s+(?:computer\s+|booking\s+|billing\s+)?system\s+(?:automatically\s+|only\s+)?(?:applies|applied|"
        r"generates|generated|charges|charged|sends|sent|flags|flagged|cancels|cancelled|requires|required|treats|"
        r"treated|blocks|blocked|rejects|rejected|allocates|allocated|won't|will\s+not|doesn't|does\s+not|can't|"
        r"cannot|didn't|did\s+not)\b",
        r"\b(?:is|are|was|were)\s+not\s+(?:a|an|our)\s+(?:\w+\s+)?(?:fault|problem|issue|responsibility|error)\b",
        r"\bnot\s+(?:something\s+)?(?:we\s+are|we're|we\s+can\s+be)\s+responsible\s+for\b",
        r"\b(?:is|are)\s+(?:standard|normal|common)\s+(?:practice\s+)?(?:across|in|throughout)\s+the\b",
        r"\b(?:your|the)\s+(?:booking\s+|ticket\s+|fare\s+)?(?:conditions|terms)\s+(?:allow|permit|cover)\b",
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

# --- roles, for reading blame through a sentence's structure (blame.py) ---------------------
# Parties outside us. "our courier" or "our partner" is still someone else: owning their failure
# takes words that own it ("as we chose them, that's on us").
PARTY = (
    r"(?:couriers?|carriers?|(?:delivery|logistics|shipping|haulage|removals?)\s+(?:partners?|compan(?:y|ies)|firms?|"
    r"services?)|partners?|suppliers?|manufacturers?|makers?|airlines?|hotels?|banks?|card\s+issuers?|landlords?|"
    r"letting\s+agents?|councils?|regulators?|(?:network\s+)?operators?|providers?|contractors?|subcontractors?|"
    r"insurers?|brokers?|royal\s+mail|post\s+office|postal\s+service|sellers?|retailers?|franchisees?|venues?|"
    r"inspectorate|authorit(?:y|ies)|government|vendors?|dealers?|wholesalers?|distributors?|agenc(?:y|ies)|"
    r"[\w-]+\s+(?:firm|company)|third[- ]part(?:y|ies)|surger(?:y|ies)|gps?|neighbours?|neighbors?|"
    r"freeholders?|managing\s+agents?|(?:payment\s+)?processors?|platforms?|marketplaces?|organi[sz]ers?|"
    r"promoters?|resellers?|registr(?:y|ies)|home\s+office|customs|(?:estate|letting|travel|booking)\s+agents?|"
    r"(?:venue|hosting|it|software|payment)\s+partners?)"
)
# The customer, or customers as a class.
CUSTOMER = (
    r"(?:you|the\s+(?:customer|patient|tenant|resident|passenger|guest|member|applicant|account\s+holder|"
    r"policyholder|policy\s+holder|buyer|purchaser|cardholder|card\s+holder|student|parent|client|occupant|"
    r"homeowner|owner|sender|recipient|user)|(?:customers|patients|tenants|residents|passengers|guests|members|"
    r"applicants|account\s+holders|policyholders|buyers|cardholders|students|parents|clients|users))"
)
# What the system or a rule does when it is made the one who decided.
SYSTEM = r"(?:system|computer|software|algorithm|machine|portal|automated\s+\w+|automatic\s+\w+)"
RULEBOOK = (
    r"(?:polic(?:y|ies)|terms(?:\s+and\s+conditions)?|t\s*&\s*cs|(?:booking\s+|standard\s+)?conditions(?:\s+of\s+\w+)?|"
    r"rules?|regulations?|contract|agreement|instructions|guidelines|guidance|small\s+print|procedures?|"
    r"warranty|guarantee|tariff|price\s+list|fare\s+rules)"
)
# Something going wrong, said of whoever is its subject.
FAULT = (
    r"(?:has\s+not|hasn't|have\s+not|haven't|had\s+not|hadn't|did\s+not|didn't|would\s+not|wouldn't|could\s+not|"
    r"couldn't|was\s+unable|were\s+unable|failed|forgot|neglected|refused|lost|mislaid|misplaced|damaged|broke|"
    r"cancell?ed|overbooked|overbooks|overran|double[- ]?(?:booked|charged|billed)|overcharged|mixed\s+up|"
    r"delayed|declined|rejected|blocked|froze|held\s+(?:it\s+|them\s+)?up|"
    r"let\s+(?:us|you|everyone)\s+down|sent\s+(?:us\s+|you\s+|it\s+|them\s+)?(?:\w+\s+)?(?:to\s+)?(?:the\s+)?wrong|"
    r"(?:made|gave\s+us)\s+(?:an?\s+|the\s+)?(?:\w+\s+)?(?:error|mistake|wrong)|got\s+(?:it|\w+|the\s+\w+)\s+wrong|"
    r"pushed\s+out\s+(?:a\s+)?(?:faulty|bad|broken)|went\s+(?:bust|into\s+administration|down|on\s+strike)|"
    r"(?:is|are|was|were|has\s+been|have\s+been)\s+(?:still\s+|running\s+|very\s+|badly\s+)?(?:late|behind|delayed|"
    r"slow|short|at\s+fault|responsible|to\s+blame|on\s+strike|closed|overwhelmed|struggling|backed\s+up)|"
    r"had\s+(?:a|an)\s+(?:\w+\s+)?(?:backlog|problem|issue|outage|error|fault|strike|glitch|failure)|"
    r"(?:is|are|was|were)\s+(?:still\s+)?(?:not|n't)\s+(?:yet\s+)?(?:completed?|finished|done|ready)|"
    r"(?:hasn't|has\s+not|haven't|have\s+not)\s+(?:yet\s+)?(?:completed|finished|sent|paid|replied|responded)|"
    r"took\s+(?:much\s+)?(?:longer|too\s+long|ages)|"
    r"(?:is|are|has\s+been|have\s+been)\s+(?:aware\s+of|looking\s+into|investigating|working\s+on)\s+(?:the|a|an|this)\s+"
    r"(?:\w+\s+)?(?:bug|fault|issue|problem|error|glitch|outage))"
)
# Duties the customer had, done wrong or not done, said in the passive with nobody named.
DUTY = (
    r"(?:made|paid|provided|supplied|submitted|completed|signed|returned|set\s+up|assembled|installed|"
    r"maintained|serviced|cleaned|followed|read|registered|activated|renewed|attached|declared|disclosed|reported|"
    r"entered|filled\s+in|kept\s+up\s+to\s+date|topped\s+up|taken\s+out|plugged\s+in|switched\s+on|accessible|"
    r"reachable)"
)
# The customer's own doing or not doing: "you weren't in", "the patient did not inform us".
CUSTOMER_OMISSION = (
    r"(?:did\s+not|didn't|had\s+not|hadn't|have\s+not|haven't|failed\s+to|forgot\s+to|neglected\s+to|chose\s+not\s+to|"
    r"never)\s+(?:\w+\s+)?(?:read|check|tell|inform|let\s+us\s+know|notify|contact|call|reply|respond|follow|return|"
    r"pay|submit|provide|send\s+us|sign|register|book|cancel|update|attend|turn\s+up|show\s+up|answer|collect|"
    r"complete|activate|renew|keep|give\s+us|allow|enter|select|tick|report|declare|disclose|include|attach|arrive|"
    r"take\s+out|use|bring|quote|give|leave|set\s+up|clean|service|maintain|request|ask\s+for)\b"
    r"|(?:were\s+not|weren't|was\s+not|wasn't)\s+(?:at\s+)?(?:in|home|there|available|present|eligible|entitled|"
    r"covered|registered|reachable)\b"
)
