"""What goes wrong between the warehouse and the door: the Orders and Delivery team's complaints."""

from .parts import Ask, Situation

LATE = "Late delivery"
DAMAGED = "Damaged item"
WRONG = "Wrong or missing item"
COURIER = "Courier conduct"

SITUATIONS = (
    Situation(
        category=LATE,
        goods="any",
        summaries=(
            "Order {order} still not delivered, {late_days} days late",
            "Where is my {product}? Order {order}",
            "Delivery promised {promised} never arrived",
        ),
        what=(
            "I ordered a {product} on {ordered} and was told it would arrive on {promised}. It didn't, "
            "and it still hasn't.",
            "My order {order} was due on {promised}. The tracking page has said 'out for delivery' for "
            "{late_days} days now.",
            "I paid extra for next-day delivery on order {order} ({product}) and it is now {late_days} "
            "days late.",
        ),
        details=(
            "The {courier} tracking number is {tracking} and it has not moved since it reached the depot.",
            "I stayed in all day on {promised} and nobody came, not even a card through the door.",
            "Your chat assistant told me twice that it would 'arrive tomorrow'.",
            "I rang on Friday, waited 40 minutes and was cut off.",
        ),
        impacts=(
            "It was a birthday present and the birthday has now been and gone.",
            "I took a day's unpaid leave to wait in for it.",
            "I have been without one since the old one broke, which with two small children is hard.",
            "I'm moving house at the weekend and needed it before then.",
        ),
        asks=(
            Ask("a refund of the delivery charge and a firm date", "redelivery"),
            Ask("my money back, I'll buy it elsewhere", "refund"),
            Ask("the {product} delivered this week, and some recognition of the wasted day", "credit"),
            Ask("just to know where it actually is", "explanation"),
        ),
        own=(
            "Your {product} should have been with you on {promised}, and it wasn't. That is our failure, "
            "and I'm sorry.",
            "I'm sorry. We told you {promised}, you planned around it, and we let you down.",
            "You paid for a delivery date and we didn't keep it. I apologise for that, and for you "
            "having to chase us.",
        ),
        looking=(
            "I've opened a trace with {courier} on {tracking} and asked their depot to call me directly.",
            "I've checked the warehouse records: the parcel left us on time, so I'm now chasing {courier} "
            "for where it went after that.",
        ),
        questions=(
            (
                "could you tell me which day this week suits you best for a new delivery?",
                "Thursday is best, I work from home that day. Morning if possible.",
                "redelivery",
            ),
            (
                "would you prefer a new delivery or a full refund? Either is fine with us.",
                "Refund please, I've lost faith it will ever turn up.",
                "refund",
            ),
        ),
        notes=(
            "{courier} portal: last scan at the regional depot, no movement since. Trace raised.",
            "Warehouse confirms dispatch on time. Delay is with {courier}; flagged to carrier manager.",
            "Third late {courier} delivery to this postcode this month; added to the weekly carrier report.",
        ),
        withdraw=(
            "Please ignore this, the parcel has just turned up. Thank you.",
            "It arrived this morning, a neighbour had taken it in. Sorry for the bother.",
        ),
        relapse=(
            ("redelivery", "The new delivery date has now been missed as well. Honestly."),
            ("redelivery", "You said it had been rebooked. Nobody came today either."),
        ),
    ),
    Situation(
        category=LATE,
        goods="bulky",
        summaries=("Two-person delivery of {product} missed, no call", "Missed delivery slot {promised}"),
        what=(
            "The two-person delivery team for my {product} was booked for {promised}, {slot}. Nobody "
            "turned up and nobody rang.",
            "We had a delivery slot of {slot} on {promised} for a {product}. At 3pm we got a text saying "
            "it had been 'rescheduled'. No reason, no new date.",
        ),
        details=(
            "I had moved the furniture and taken the old one to the tip the night before.",
            "The text message came from a number that doesn't accept replies.",
        ),
        impacts=(
            "My husband uses a wheelchair and we had arranged a carer to be in that day to help.",
            "We are hosting family this weekend and now have nothing.",
        ),
        asks=(
            Ask("a guaranteed new slot and a refund of the delivery fee", "redelivery"),
            Ask("compensation for the wasted day", "credit"),
            Ask("cancel and refund", "refund"),
        ),
        own=(
            "A missed slot with no call is not how any delivery should go, and I'm sorry it happened to "
            "you on {promised}.",
            "I'm sorry. You rearranged your day around us and we didn't even tell you we weren't coming.",
        ),
        looking=(
            "I'm speaking to our delivery planning team this morning to find out why the run was cut short.",
            "I've asked our two-person delivery partner for the driver's log for {promised}.",
        ),
        questions=(
            (
                "which of these suits you: {soon} between 8am and 10am, or Saturday between 10am and noon?",
                "Saturday please. Thanks for sorting it.",
                "redelivery",
            ),
        ),
        notes=(
            "Van broke down on the run; 11 drops cancelled. Planning did not trigger the customer calls.",
            "Asked planning why no calls went out: the automatic text fired but the call list didn't.",
        ),
        withdraw=("We've bought one locally in the end. Please just cancel the order.",),
        relapse=(("redelivery", "The new slot came and went. Same story."),),
    ),
    Situation(
        category=DAMAGED,
        goods="fragile",
        summaries=(
            "{product} arrived broken",
            "Damaged on arrival: order {order}",
            "Box crushed, {product} cracked",
        ),
        what=(
            "My {product} arrived yesterday. The box was crushed on one corner and when I opened it the "
            "{product} was cracked.",
            "Order {order} came today. The {product} inside is damaged: there is a long scratch across "
            "the front and a dent near the base.",
            "The {product} was delivered with the packaging torn open and pieces rattling around inside.",
        ),
        details=(
            "The driver left before I could check it and wouldn't wait.",
            "I have kept all the packaging in case you need to see it.",
            "The courier's photo shows the box already dented at my door.",
        ),
        impacts=(
            "I saved up for this for months.",
            "It was meant to be for my mum's 70th.",
            "I really don't have time to be waiting in for more deliveries.",
        ),
        asks=(
            Ask("a replacement, delivered this week", "replacement"),
            Ask("a full refund of {price}", "refund"),
            Ask("a replacement and someone to take the broken one away", "replacement"),
        ),
        own=(
            "I'm sorry your {product} arrived damaged. It should have reached you in perfect condition, "
            "and it didn't.",
            "You shouldn't have had to open a box to find a broken {product}. I'm sorry.",
        ),
        looking=(
            "I've asked the warehouse to check the stock and the packing on that batch, so this doesn't "
            "happen to the next customer.",
            "I've put a hold on the invoice and logged the damage with {courier}.",
        ),
        questions=(
            (
                "could you send me a photo of the damage and of the label on the box? It helps us claim "
                "from the courier, not from you.",
                "Photos taken: the label says {tracking}, the crack runs corner to corner. Happy to show "
                "the driver.",
            ),
            (
                "would you like a replacement or a refund? Either way we'll collect the damaged one.",
                "Replacement please, I still want it.",
                "replacement",
            ),
        ),
        notes=(
            "Damage claim lodged with {courier}. Customer is not to be asked to deal with the courier.",
            "Warehouse: this SKU has had three damage reports this month. Packing spec under review.",
        ),
        withdraw=("On a second look it's only the box that's damaged. Sorry, all fine.",),
        relapse=(("replacement", "The replacement arrived damaged too. Same corner, same crack."),),
    ),
    Situation(
        category=DAMAGED,
        goods="any",
        summaries=("Parcel left in the rain, {product} ruined", "Item soaked after being left outside"),
        what=(
            "The {product} was left outside my front door in the rain on {promised} and the box was "
            "soaked through.",
            "The driver left order {order} by the bins. It rained all afternoon and it's ruined.",
        ),
        details=(
            "I had a 'safe place' note on the order saying 'with neighbour at no. 12'.",
            "The delivery photo literally shows it sitting in a puddle.",
        ),
        impacts=("I was at work and had no way of knowing.",),
        asks=(
            Ask("a replacement", "replacement"),
            Ask("a refund and an apology from the courier", "refund"),
        ),
        own=(
            "Leaving your parcel out in the rain, against your delivery note, was wrong. I'm sorry.",
            "I'm sorry. Your instructions were clear and they weren't followed.",
        ),
        looking=("I've sent {courier} the delivery photo and your safe-place note.",),
        questions=(
            (
                "is the {product} itself damaged, or only the box?",
                "The box fell apart and everything inside is damp. I'm not keeping it.",
            ),
        ),
        notes=("Delivery photo shows parcel by bins in the rain. Safe-place note ignored. Logged.",),
        relapse=(("replacement", "Same driver, same thing today with the replacement."),),
    ),
    Situation(
        category=WRONG,
        goods="any",
        summaries=(
            "Received {item2} instead of {product}",
            "Wrong item sent, order {order}",
            "Not what I ordered",
        ),
        what=(
            "I ordered a {product} (order {order}) and received a {item2}.",
            "The parcel for order {order} contained a {item2}. I ordered a {product}.",
        ),
        details=(
            "The packing slip inside says {product}, so the slip is right and the contents are wrong.",
            "This is the second time this has happened with an order from you.",
        ),
        impacts=(
            "I now need to arrange a return for something I never wanted.",
            "I needed it for Saturday.",
        ),
        asks=(
            Ask("the right item sent and the wrong one collected", "replacement"),
            Ask("a refund, I'll keep nothing", "refund"),
            Ask("an explanation of how this keeps happening", "explanation"),
        ),
        own=(
            "I'm sorry: you ordered a {product} and we sent you a {item2}. That mistake was ours.",
            "We picked the wrong item for your order, and I'm sorry for the trouble it has caused.",
        ),
        looking=(
            "I've asked the warehouse to check the picking record for order {order}.",
            "I've reserved a {product} for you so it can't go to anyone else while we sort this.",
        ),
        questions=(
            (
                "could you tell me the code on the label of the {item2}? It helps the warehouse find "
                "where the mix-up happened.",
                "The label says 7731-B. Hope that helps.",
            ),
        ),
        notes=(
            "Picking error: adjacent bin locations for {product} and {item2}. Warehouse relabelling.",
            "Collection of wrong item booked; no need for customer to print anything.",
        ),
        withdraw=("My partner says he ordered the {item2} on my account. Mystery solved, sorry!",),
        relapse=(("replacement", "The 'right' item arrived and it's another {item2}."),),
    ),
    Situation(
        category=WRONG,
        goods="any",
        summaries=("Part of my order is missing", "Order {order} arrived incomplete"),
        what=(
            "Order {order} arrived but the {product} was not in the box, although I was charged for it.",
            "I ordered three things. Two came. The {product} is missing and the app says 'delivered'.",
        ),
        details=("The box was sealed and undamaged, so I don't think it was taken in transit.",),
        impacts=("It was the main thing I ordered.",),
        asks=(
            Ask("the missing item sent", "replacement"),
            Ask("a refund for the missing item", "refund"),
        ),
        own=(
            "I'm sorry your order arrived without the {product}; you paid for it and should have it.",
            "That's our mistake: the {product} should have been in that box, and I'm sorry.",
        ),
        looking=("I've asked the warehouse for the packing weight of your box, which tells us what left.",),
        questions=(
            (
                "could you check whether a second parcel came separately? Some items ship apart.",
                "No second parcel, I've checked with the neighbours too.",
            ),
        ),
        notes=("Packing weight 1.2kg under expected: item was not packed. Reshipping.",),
        withdraw=("A second parcel just arrived with it in. All good now.",),
    ),
    Situation(
        category=COURIER,
        goods="any",
        summaries=("Rude courier driver", "Complaint about the {courier} driver"),
        what=(
            "The {courier} driver who delivered order {order} was rude and threw the parcel over my gate.",
            "When I asked the driver to bring the parcel to the door he swore at me and left it on the "
            "pavement.",
        ),
        details=(
            "My doorbell camera recorded it, with the time: just after 2pm on {promised}.",
            "My elderly neighbour saw the whole thing and was quite shaken.",
        ),
        impacts=(
            "I don't want that driver delivering to my house again.",
            "I'm disabled and can't easily get to the gate.",
        ),
        asks=(
            Ask("an apology and assurance it won't happen again", "apology"),
            Ask("to know what you are going to do about it", "explanation"),
            Ask("nothing, I just think you should know", "apology"),
        ),
        own=(
            "Nobody should be spoken to like that at their own door, and I'm sorry it happened to you.",
            "The driver was delivering for us, so this is our responsibility, and I'm sorry.",
        ),
        looking=(
            "I've reported the driver's conduct to {courier}'s regional manager with the time and address.",
        ),
        questions=(
            (
                "would you be willing to share the doorbell clip? Only {courier}'s conduct team sees it.",
                "Yes, I'll send it. It's about 20 seconds long.",
            ),
        ),
        notes=(
            "Escalated to {courier} account manager. They confirm the driver is being spoken to.",
            "Added a 'do not use this driver' request for this address.",
        ),
        withdraw=("I'd rather not take it further in the end. Thanks for listening.",),
    ),
    Situation(
        category=COURIER,
        goods="any",
        summaries=("Parcel marked delivered but not received", "Fake 'delivered' scan on {promised}"),
        what=(
            "The tracking for order {order} says delivered at 11:02 on {promised}. Nobody came. I was in.",
            "I was home all day and the courier marked my {product} as delivered and 'handed to resident'.",
        ),
        details=(
            "The GPS pin on the delivery proof is two streets away.",
            "There's no photo, although there usually is.",
        ),
        impacts=("I'm worried it has been handed to the wrong person.",),
        asks=(
            Ask("the {product} resent or my money back", "refund"),
            Ask("an investigation", "explanation"),
        ),
        own=(
            "I'm sorry: our courier recorded a delivery that didn't happen, and you were left out of pocket.",
            "Being told it was delivered while you sat at home waiting for it is maddening. I'm sorry.",
        ),
        looking=("I've asked {courier} for the driver's GPS trail and the handover record.",),
        questions=(),
        notes=("GPS pin 400m from address. {courier} accepted liability; resend approved.",),
        relapse=(("replacement", "Now the replacement is also 'delivered' and not here."),),
    ),
)
