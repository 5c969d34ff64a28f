"""Patterns for the empathy rule: openings, feeling words, script lines and pity."""

import re

from .lexicon import rx

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
    r"belittl\w*|patronis\w*|patroniz\w*|intimidat\w*|traumat\w*|harrowing|grim|bleak|despair\w*|hurts|"
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
    business custom service team concerns cause caused inconvenience any regarding apologise apologize
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
    # Putting oneself in their place: "I'd have been fuming too if my cake had arrived squashed".
    r"\b(?:i|anyone|anybody|we)(?:'d|\s+would)\s+(?:have\s+been|be|feel|have\s+felt)\s+(?:\w+\s+){0,2}?(?:too|as\s+well)"
    r"\s*(?:if|in\s+your|[,.!;]|$)",
    r"\bin\s+your\s+(?:shoes|position|place)\b",
    # What it did to them: "that must have sent you into a panic", "will have left you both shivering".
    r"\b(?:must|will|would)\s+have\s+(?:sent|left|put|kept|thrown|driven|pushed|made|given|cost)\s+(?:you|your)\b",
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
