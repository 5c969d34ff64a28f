"""Things that break or frighten: the Product Care team's complaints."""

from .parts import Ask, Situation

FAULTY = "Faulty product"
SAFETY = "Product safety"

_SAFETY_SEVERITY = {"critical": 55, "high": 40, "normal": 5}

SITUATIONS = (
    Situation(
        category=FAULTY,
        goods="electrical",
        summaries=(
            "{product} stopped working after {weeks} weeks",
            "Faulty {product}, order {order}",
            "{product} broken already",
        ),
        what=(
            "My {product} (order {order}) stopped working after {weeks} weeks. It powers on, the light "
            "comes on, and then nothing.",
            "The {product} I bought on {ordered} has developed a fault: it cuts out after a minute or two.",
            "After {weeks} weeks of normal use the {product} makes a grinding noise and then stops.",
        ),
        details=(
            "I've tried a different socket and reset it as the manual says.",
            "I've used it exactly as the instructions say, nothing unusual.",
            "The online troubleshooting page just says to contact you.",
        ),
        impacts=(
            "For {price} I expected it to last years, not weeks.",
            "I use it every day and now I'm stuck.",
            "I'm disappointed more than anything.",
        ),
        asks=(
            Ask("a replacement", "replacement"),
            Ask("a refund, I've lost confidence in the brand", "refund"),
            Ask("it repaired under the warranty", "repair"),
            Ask("whatever is fair", "replacement"),
        ),
        own=(
            "A {product} should last far longer than {weeks} weeks, and I'm sorry yours has let you down.",
            "I'm sorry. You bought a {product} to use every day, and it has failed you within weeks.",
        ),
        looking=(
            "I've checked the fault reports for this model and passed yours to our product quality team.",
            "I've logged the fault with the manufacturer so it counts towards their batch checks.",
        ),
        questions=(
            (
                "could you tell me the serial number on the sticker underneath? It tells us which batch "
                "it came from.",
                "Serial is KX2209-4471. Hope that's the right one.",
            ),
            (
                "would you prefer a replacement, a refund, or a free repair? All three are open to you.",
                "Replacement please.",
                "replacement",
            ),
        ),
        notes=(
            "Six returns of this model for the same fault in October. Sent to the quality team.",
            "Within 30 days: customer is entitled to a refund as of right. Don't offer repair first.",
            "Manufacturer confirms a faulty batch of control boards. Replacement stock is a later batch.",
        ),
        withdraw=(
            "Found the problem: the plug fuse had gone. Working again. Sorry!",
            "It started working again after a reset. Let's leave it for now.",
        ),
        relapse=(
            ("replacement", "The replacement has the same fault. Exactly the same."),
            ("repair", "It worked for a week after the repair and now it's doing it again."),
        ),
    ),
    Situation(
        category=FAULTY,
        goods="furnishing",
        summaries=("Poor quality {product}", "{product} not as described"),
        what=(
            "The {product} I received looks nothing like the photos. The finish is cheap and uneven.",
            "The listing for the {product} says 'premium finish'. Mine has rough edges and marks all over.",
            "The {product} I ordered on {ordered} is noticeably smaller than the size on the website.",
        ),
        details=(
            "I've compared it with the listing side by side.",
            "I've read the reviews since and I'm not the only one.",
        ),
        impacts=("I feel misled.", "It doesn't fit where I measured it for."),
        asks=(
            Ask("to return it for a full refund, with free collection", "refund"),
            Ask("the listing corrected so nobody else gets caught out", "explanation"),
        ),
        own=(
            "The {product} should match what we showed you, and it doesn't. I'm sorry.",
            "I'm sorry: our listing gave you the wrong idea of what you were buying.",
        ),
        looking=("I've asked the product content team to check the listing against the supplier's spec.",),
        questions=(),
        notes=("Listing photos were of the previous model. Content team updating today.",),
        withdraw=("It's grown on me. I'll keep it.",),
    ),
    Situation(
        category=SAFETY,
        goods="hazard",
        summaries=(
            "{product} overheated and started smoking",
            "SAFETY: {product} melted",
            "Burning smell from {product}",
        ),
        what=(
            "Last night my {product} got so hot it started smoking. The plug end has melted and there's "
            "a scorch mark on the table.",
            "The {product} I bought on {ordered} overheated while in use. There was a burning smell and "
            "the casing has warped.",
            "My {product} sparked when I plugged it in and the socket went black.",
        ),
        details=(
            "I unplugged it immediately and put it outside.",
            "It was only being used as normal, on a hard surface, nothing covering it.",
            "I've kept it, and the packaging, in case you need it.",
        ),
        impacts=(
            "It was in my daughter's room. I don't want to think about what could have happened.",
            "We were in the house and awake, thank goodness.",
            "I'm frightened to use anything else of this brand now.",
        ),
        asks=(
            Ask("a refund and for you to check this product is safe", "refund"),
            Ask("to know that you're taking this seriously", "explanation"),
            Ask("a refund and the scorched table paid for", "damage"),
        ),
        own=(
            "I'm so sorry. A {product} we sold you overheated in your home, and I'm very glad nobody "
            "was hurt.",
            "Thank you for telling us straight away. This is serious, and I'm sorry it happened.",
        ),
        looking=(
            "I've reported this to our product safety lead today, and we've stopped sales of this batch "
            "while it's investigated.",
            "I've sent your report to the manufacturer's safety team and asked them to examine the unit.",
        ),
        questions=(
            (
                "please don't use it again. Could we collect it from you {soon}, so the manufacturer can "
                "examine it? We'll send a courier with a safety bag.",
                "Yes, tomorrow morning is fine. It's in the shed.",
            ),
        ),
        notes=(
            "Safety incident logged. Batch sales paused pending manufacturer report.",
            "Third overheating report on this model in a fortnight. Escalated to the safety lead and the "
            "spokesperson in case we need a notice.",
            "Do not ask the customer to post it: collection in a safety bag only.",
        ),
        relapse=(("", "I've now seen the same problem reported on a forum. Has anything been done?"),),
        severities=_SAFETY_SEVERITY,
    ),
    Situation(
        category=SAFETY,
        goods="hazard",
        summaries=("{product} gave me an electric shock", "Mild shock from {product}"),
        what=(
            "I got a small electric shock from the {product} when I touched the metal part.",
            "Every time I touch the {product} when it's plugged in I feel a tingle, like a shock.",
        ),
        details=("Other things plugged into the same socket are fine.",),
        impacts=("I have young children and this scares me.",),
        asks=(
            Ask("a refund and a product recall if needed", "refund"),
            Ask("someone to look into it properly", "explanation"),
        ),
        own=(
            "I'm sorry, and I'm glad you're all right. Please don't use the {product} again.",
            "No product we sell should do that. I'm sorry it frightened you.",
        ),
        looking=("I've logged this with our product safety lead as an urgent safety report.",),
        questions=(),
        notes=("Safety report. Earth fault suspected. Manufacturer asked for urgent test.",),
        severities=_SAFETY_SEVERITY,
    ),
    Situation(
        category=SAFETY,
        goods="hazard",
        summaries=("Missing safety warnings on {product}", "{product} arrived with no instructions"),
        what=(
            "My {product} came with no instructions or safety leaflet at all, just the item in a bag.",
            "The {product} has no UK plug, it came with a travel adapter taped to it.",
        ),
        details=("The box doesn't look like the one in your photos either.",),
        impacts=("It makes me wonder if it's genuine.",),
        asks=(Ask("to know if it's safe to use", "explanation"), Ask("a refund", "refund")),
        own=(
            "I'm sorry: every {product} we sell must come with proper instructions and safety information, "
            "and yours didn't.",
        ),
        looking=("I've asked the warehouse to check the rest of that delivery of stock.",),
        questions=(),
        notes=("Stock from a grey-import batch. Quarantined remaining units.",),
        severities={"high": 70, "normal": 30},
    ),
)
