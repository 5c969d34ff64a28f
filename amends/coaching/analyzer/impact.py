"""Empathy said without a feeling word: what our failure cost the customer in their own life.

"You'd arranged your afternoon around that call, and it never came" names no feeling, yet it says
what the failure meant for them, which is what the rubric asks of empathy. A sentence does that when
it speaks of the customer and carries one of four kinds of meaning:

- what they had put in beforehand: a plan in the past perfect ("you'd saved for months", "you had
  taken the day off", "you'd told the school");
- what they lost or went without ("for nothing", "left you without", "it cost you a day's pay",
  "only to be turned away");
- the circumstances that raised the stakes ("with a newborn at home", "the week before your
  wedding", "on a day when", "while you were recovering");
- a judgement of the experience from their side ("no way to start a holiday", "no small thing",
  "not something anyone should have to go through", "a real blow").

Sentences that promise, offer, ask or blame are not read for it: the "you" in them is someone to act
or to answer, not someone we are putting ourselves beside. Nor is a loss that we did ("we missed your
flight" is ownership, not empathy).
"""

import re

from .lexicon import rx

_FAMILY = (
    r"(?:baby|babies|newborn|toddlers?|child|children|kids|son|daughter|twins|mum|mother|dad|father|parents?|"
    r"husband|wife|partner|family|guests|grandchild(?:ren)?|grandmother|grandfather|gran|nan|grandma|grandad|"
    r"relatives?|in-laws|carer|dog|pets?|baby\s+on\s+the\s+way)"
)
_OCCASION = (
    r"(?:wedding|funeral|holiday|honeymoon|birthday|anniversary|exams?|interview|move|house\s+move|surgery|"
    r"operation|treatment|christmas|easter|eid|diwali|payday|rent\s+day|due\s+date|party|trip|graduation|"
    r"christening|celebration|retirement|first\s+day|big\s+day|deadline|shift|night\s+shift|recovery|chemo\w*|"
    r"pregnancy|maternity\s+leave|bereavement|break|weekend\s+away|new\s+job|new\s+home|new\s+house)"
)
_OCCASION_OR_FAMILY = f"(?:{_OCCASION}|{_FAMILY})"
# What the customer had put in before we let them down: plans, savings, time off, promises to others.
PREPARED = rx(
    r"\byou(?:'d|\s+had)\s+(?:already\s+|even\s+|just\s+|specially\s+|carefully\s+|all\s+|only\s+|been\s+)?"
    r"(?:planned|saved|cleared|set\s+aside|invited|promised|"
    r"(?:arranged|organi[sz]ed|rearranged|prepared|moved)\s+(?=(?:your|the|a|that|this)\s+(?:whole\s+|entire\s+)?"
    r"(?:day|days|afternoon|morning|evening|week|weekend|life|plans|schedule|diary|childcare|time\s+off|shifts?|work)\b|"
    r"(?:\w+\s+){0,4}?(?:around|round)\b|to\s+(?:work|be|take|stay|meet|have|get|leave)\b)|"
    r"(?:written|rung|called|emailed|phoned)\s+(?=(?:\w+\s+){0,3}?(?:three|four|five|six|several|many|\d+)\s+times|"
    r"(?:\w+\s+){0,3}?(?:repeatedly|again\s+and\s+again))|"
    r"told\s+(?!us\b|me\b|our\b|the\s+(?:bank|company|team|council|surgery|office|branch|shop|store)\b)|"
    r"travelled|driven|flown|waited|given\s+up|borrowed|put\s+off|postponed|held\s+off|"
    r"looking\s+forward|counting|relying|planning|saving|hoping|made\s+(?:plans|arrangements|the\s+(?:trip|journey))|"
    r"come\s+all|put\s+(?:\w+\s+){0,2}on\s+hold|cancelled\s+(?:other|your)\s+plans|"
    r"asked\s+for\s+(?:\w+\s+){0,3}because)\b",
    # Bought or booked for something that mattered: "you'd bought them for your walking holiday".
    r"\byou(?:'d|\s+had)\s+(?:specially\s+|already\s+)?(?:bought|booked|chosen|picked|paid\s+for|ordered|saved\s+up\s+for)\s+"
    r"(?:[\w'-]+\s+){0,4}?(?:(?:for|because\s+of|in\s+time\s+for)\s+(?:your|the|a|his|her|their)\s+(?:[\w-]+\s+){0,2}?"
    + _OCCASION_OR_FAMILY
    + r"\b|(?:weeks|months|a\s+year|days)\s+(?:in\s+advance|ahead|before)|specially|especially)",
    r"\byou\s+(?:took|had\s+taken|'d\s+taken)\s+(?:a|the|another|a\s+second|a\s+third|two|three)\s+(?:\w+\s+)?"
    r"(?:days?|mornings?|afternoons?|hours?)\s+off\b",
    r"\b(?:around|round)\s+(?:that|the|this|our|your)\s+(?:\w+\s+)?(?:call|visit|delivery|appointment|booking|"
    r"slot|date|plan|promise)\b",
)
# What they lost or went without, and effort that came to nothing.
LOST = rx(
    r"\b(?:all\s+)?for\s+nothing\b",
    r"\b(?:left|leaving|leave|leaves)\s+you\s+(?:and\s+\w+\s+)?(?:without|with\s+no|stranded|stuck|out\s+of\s+pocket|"
    r"in\s+(?:a|the|such\s+a)\s+\w+|short|waiting|high\s+and\s+dry|unable|having\s+to|to\s+(?:cope|sort|deal|"
    r"pick|explain|find|pay|manage)|\w+ing\b)",
    r"\b(?:you|you've|you\s+have|your\s+\w+)\s+(?:\w+\s+)?(?:went|go|gone|going|been|were|was)\s+without\b",
    r"\b(?:you|she|he|they)\s+(?:were|was)\s+(?:\w+\s+)?left\s+(?:waiting|standing|sitting|stranded|stuck|in\s+the|out\s+in|"
    r"without|with\s+no|at\s+the|on\s+the|to\s+\w+|high|alone)\b",
    r"\bhanging\s+over\s+(?:you|your|the\s+family)\b",
    r"\bhit\s+(?:you\s+|your\s+\w+\s+)?(?:hard|badly)\b",
    r"\bno\s+(?:amount\s+of\s+money|cheque|money|refund|voucher|payment|compensation)\s+(?:can\s+|will\s+|could\s+)?"
    r"(?:replaces?|make\s+up\s+for|bring\s+back|undo)\b",
    r"\b(?:and\s+)?now\s+this\b",
    r"\b(?:lost|lose|losing|wasted|waste|wasting|cost|costing|missing|missed|miss)\s+(?:you\s+)?(?:a|an|the|your|"
    r"two|three|four|five|half\s+a|another|\d+|most\s+of\s+(?:a|the|your))\s+(?:[\w-]+\s+)?(?:day|days|day's|"
    r"evening|morning|afternoon|night|weekend|week|holiday|pay|wages|earnings|leave|sleep|shift|work|event|party|"
    r"wedding|funeral|play|match|concert|exam|interview|opportunity|chance|trip|deposit|sale|clients?|job)\b",
    r"\b(?:cost|costs|costing)\s+you\s+(?!nothing|anything)\w+",
    r"\bno\s+idea\s+(?:when|whether|if|where|what|how)\b",
    r"\b(?:give|get|make\s+up\s+for)\s+(?:you\s+)?(?:that|those|the)\s+(?:\w+\s+){0,2}back\b",
    r"\bonly\s+to\s+(?:be|find|hear|get|discover|learn|see|have)\b",
    r"\b(?:you(?:'ve|\s+have|'d)?|you\s+had)\s+had\s+to\s+(?!(?:contact|call|ring|write|email|e-mail|phone|chase|"
    r"get\s+in\s+touch|come\s+back\s+to\s+us|return|send|provide|pay\s+the|submit|read|check|follow|register|"
    r"sign)\b)\w+",
    r"\b(?:knocked|shaken|dented|damaged|lost)\s+(?:your|his|her|their)\s+(?:confidence|trust|faith)\b",
    r"\b(?:went|go|gone|going)\s+on\s+(?:\w+\s+){0,2}(?:instead|fares|fees|taxis|charges)\b",
    r"\binstead\s+of\s+(?:with|being\s+with|enjoying|spending|celebrating|resting|relaxing)\b",
)
# The circumstances that made it matter more: who depends on them, what else was going on.
STAKES = rx(
    r"\bwith\s+(?:a|an|your|two|three|four|the|his|her|their|one|no)\s+(?:[\w-]+\s+){0,2}?"
    + _FAMILY
    + r"(?:\s+(?:at\s+home|in\s+the\s+(?:house|back|car|flat)|staying|coming|to\s+(?:feed|look\s+after|get)|"
    r"in\s+tow|asleep|waiting|due|on\s+the\s+way))?\b(?!'s)",
    r"\b(?:before|during|on|over|at|the\s+(?:week|day|night|month|morning|eve)\s+(?:before|of)|days\s+before|"
    r"a\s+(?:week|fortnight|month)\s+before|just\s+before|right\s+before|in\s+the\s+middle\s+of|"
    r"(?:so\s+)?close\s+to)\s+(?:your|the|a|his|her|their)\s+(?!wrong|right|correct|incorrect)(?:[\w-]+\s+){0,2}?"
    + _OCCASION
    + r"\b(?!\s+(?:booking|reference|details|number|form|letter|date|time|slot|invoice|bill|ticket))",
    r"\bwith\s+(?:your|the|his|her|their)\s+(?:[\w-]+\s+){0,2}?"
    + _OCCASION
    + r"\s+(?:so\s+)?(?:close|near|days\s+away|"
    r"a\s+(?:week|fortnight|month)\s+away|coming\s+up|looming|only)\b",
    r"\bon\s+a\s+day\s+when\b",
    r"\bat\s+the\s+worst\s+(?:possible\s+)?(?:time|moment)\b",
    r"\b(?:couldn't|could\s+not|can't|cannot)\s+have\s+(?:come|landed|happened|arrived|hit)\s+at\s+a\s+worse\s+(?:time|moment)\b",
    r"\b(?:was|were|is|are)\s+your\s+(?:late\s+)?" + _FAMILY + r"'s\s*(?:[,.;!]|$)",
    r"\byou\s+(?:had|have|'ve\s+got)\s+(?:a|an|your)\s+(?:[\w-]+\s+){0,2}?(?:due|coming\s+up|booked)\b",
    r"\bof\s+all\s+(?:times|days|weeks|nights|mornings)\b",
    r"\b(?:while|when|as)\s+you(?:'re|\s+are|\s+were|'d\s+been|\s+had\s+been)\s+(?:already\s+|still\s+|also\s+)?"
    r"(?:caring|recovering|grieving|looking\s+after|pregnant|ill|unwell|in\s+hospital|in\s+pain|on\s+holiday|"
    r"trying\s+to|working|moving|packing|studying|coping|dealing|juggling|waiting\s+for\s+(?:news|results))\b",
    r"\bafter\s+everything\s+(?:you|she|he|they)(?:'ve|\s+have|\s+has|'s)?\s+(?:been|gone)\s+through\b",
    r"\b(?:on|with)\s+(?:a|your)\s+(?:state\s+)?pension\b",
    r"\b(?:for|to)\s+someone\s+who\b",
    r"\b(?:your|his|her)\s+late\s+(?:husband|wife|mother|father|mum|dad|son|daughter|partner|brother|sister)\b",
)
# A judgement of what they went through, said from their side.
JUDGED = rx(
    r"\b(?:no|not\s+a|not\s+the|hardly\s+(?:a|the))\s+(?:\w+\s+)?way\s+to\s+(?:start|spend|begin|end|treat|"
    r"celebrate|finish|live|be\s+treated)\b",
    r"\bwhat\s+a\s+way\s+to\s+(?:start|end|spend|begin|finish|celebrate)\b",
    r"\b(?:a|what\s+a)\s+(?:rotten|miserable|horrible|terrible|awful|grim|rough|sad|poor|lousy|bad|dreadful|"
    r"wretched|stressful|difficult|tough|hard|cruel|bleak|sorry)\s+(?:way|start|end|time|day|week|evening|night|"
    r"weekend|morning|afternoon|welcome|thing|blow|return|introduction)\b",
    r"\bnot\s+how\s+(?:anyone|anybody|you|people|any\s+\w+)\b",
    r"\b(?:not|no)\s+(?:a\s+)?small\s+thing\b",
    r"\bnot\s+something\s+(?:any|anyone|anybody|you|a|any\s+\w+|people)\b",
    r"\b(?:anyone|anybody|no\s+one|nobody|no-one|any\s+(?:family|parent|customer|person))\s+(?:should|would|could)"
    r"(?:n't)?\s+(?:have\s+to|expect|accept|want|need|put\s+up|be\s+expected|go\s+through)\b",
    r"\b(?:a\s+lot|too\s+much|more\s+than\s+(?:anyone|anybody|you)\s+should)\s+to\s+(?:ask|bear|take|deal|cope|"
    r"put\s+up|handle|face)",
    r"\b(?:really\s+)?(?:hurts|stings|rankles)\b",
    r"\b(?:a\s+)?real\s+(?:cost|blow|knock|bind|worry|setback|hardship|struggle|shock|nuisance|headache)\b",
    r"\b(?:is|was|'s|must\s+have\s+been|must\s+be|sounds)\s+(?:so\s+|really\s+|pretty\s+)?(?:rough|rotten|grim|"
    r"tough|hard|awful)\b",
    r"\bthe\s+(?:whole\s+)?point\s+of\s+the\s+(?:trip|holiday|visit|day|stay|booking)\b",
)
# "We spoke with your daughter": someone we talked to, not someone who depends on them.
_CONTACT_BEFORE = re.compile(
    r"\b(?:spoke|spoken|speak|talked|talk|met|meet|discussed|shared|checked|agreed|corresponded|dealt)\s+$",
    re.IGNORECASE,
)
_CUSTOMER = re.compile(
    r"\b(?:you|your|yours|you'd|you've|you're|you'll)\b|\b(?:anyone|anybody|no\s+one|nobody)\b"
    # Led by what they went through, the one who went through it understood: "Losing a day's work is rough".
    r"|^\W*(?!(?:regarding|following|concerning|according|including|pending|looking|checking|reading|during)\b)"
    r"[A-Za-z]+ing\b",
    re.IGNORECASE,
)
# "we missed your flight", "our crew left you without a bin": a loss we did is ownership, not empathy.
_BY_US = re.compile(r"\b(?:we|i|our\s+[\w-]+(?:\s+[\w-]+)?)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
# The sentence promises, offers, asks or sets a condition: its "you" is not the one we sit beside.
NOT_ABOUT_THEM = rx(
    r"\b(?:will|'ll|shall|can|going\s+to)\s+(?!have\s+\w+(?:ed|en|t)\b|(?:only\s+)?(?:see|imagine|understand|appreciate|"
    r"tell|hear)\b)\w+",
    r"\b(?:would|could)\s+you\b",
    r"\bif\s+you\b",
    r"\bplease\b",
    r"\blet\s+(?:me|us)\s+know\b",
)


def names_impact(text: str, before: str = "") -> re.Match[str] | None:
    """The words in ``text`` that say what the failure cost the customer, if it says so.

    ``before`` is the sentence before it: "With a disabled partner at home, that is unacceptable" speaks
    of the customer only through the sentence it follows.
    """
    # A circumstance judged from their side speaks of them without naming them: "a cold flat with a
    # newborn at home is no small thing".
    judged_stakes = STAKES.search(text) and JUDGED.search(text)
    about_them = _CUSTOMER.search(text) or (_CUSTOMER.search(before) and STAKES.match(text)) or judged_stakes
    if not about_them or text.rstrip().endswith("?") or NOT_ABOUT_THEM.search(text):
        return None
    for pattern in (PREPARED, LOST, STAKES, JUDGED):
        for match in pattern.finditer(text):
            if pattern is LOST and _BY_US.search(text, 0, match.start()):
                continue
            if pattern is STAKES and _CONTACT_BEFORE.search(text, 0, match.start()):
                continue
            return match
    return None
