"""Money and membership: the Billing team's and the Plus Membership team's complaints."""

from .parts import Ask, Situation

DOUBLE = "Double charge"
REFUND = "Refund not received"
CARD = "Store card"
CANCEL = "Cancelling Plus"
BENEFITS = "Plus benefits missing"

SITUATIONS = (
    Situation(
        category=DOUBLE,
        goods="any",
        summaries=("Charged twice for order {order}", "Double payment taken: {amount} x2", "Paid twice"),
        what=(
            "I've been charged twice for order {order}: two payments of {amount} on my card ending {card}.",
            "My bank statement shows {amount} taken twice on {ordered} for one order ({order}).",
            "The checkout froze, I pressed 'pay' again and now I've paid {amount} twice for one {product}.",
        ),
        details=(
            "Both payments show as completed, not pending.",
            "Your app only shows one order, so you clearly know it's one order.",
            "My bank says it has to come from you, not them.",
        ),
        impacts=(
            "That second payment took me into my overdraft and the bank has charged me for it.",
            "I'm on a tight budget this month and this is rent money.",
            "It's not the end of the world but I'd like it back.",
        ),
        asks=(
            Ask("the duplicate payment refunded straight away", "refund"),
            Ask("the duplicate refunded and my overdraft charge covered", "credit"),
            Ask("an explanation of why your checkout let this happen", "explanation"),
        ),
        own=(
            "You were charged twice for one order, and that is our error, not yours. I'm sorry.",
            "I'm sorry. Our checkout took your payment twice, and you shouldn't have had to spot it.",
        ),
        looking=(
            "I've confirmed with our payments team that the second {amount} was a duplicate and "
            "asked for it to be reversed today.",
            "I can see both payments; I've flagged the second one for an urgent refund.",
        ),
        questions=(
            (
                "could you tell me the overdraft charge your bank applied, so we can cover it?",
                "It was £12.50, on the statement dated the 14th.",
            ),
        ),
        notes=(
            "Payments log: duplicate auth 40s apart after a gateway timeout. Known issue, ticket open "
            "with the payments team.",
            "Reversal requested; ref RV-{order}. Overdraft fee reimbursement needs supervisor approval.",
        ),
        withdraw=("The second payment has dropped off today. Must have been a pending hold. Thanks anyway.",),
        relapse=(("refund", "The refund you promised hasn't appeared, and now there's a THIRD payment."),),
    ),
    Situation(
        category=REFUND,
        goods="any",
        summaries=(
            "Refund for returned {product} not received",
            "Still waiting for my refund, order {order}",
            "Return accepted {refund_on}, no refund",
        ),
        what=(
            "I returned the {product} from order {order} and got an email on {refund_on} saying the "
            "refund of {price} had been approved. It's {waited} later and nothing has arrived.",
            "You collected my return on {refund_on}. Your own terms say refunds take five working days. "
            "It has been {waited}.",
            "Still no refund for the {product} I sent back. {waited}. I have the returns receipt.",
        ),
        details=(
            "Every time I ring I'm told it's 'with the finance team'.",
            "The return tracking shows it was signed for at your warehouse.",
            "I've been promised a callback three times. None came.",
        ),
        impacts=(
            "I'm a student and {price} is a lot of money to me.",
            "I've had to put the replacement on a credit card in the meantime.",
            "I'm just tired of chasing.",
        ),
        asks=(
            Ask("my refund, today", "refund"),
            Ask("my refund plus something for the hassle", "credit"),
            Ask("a date I can hold you to", "explanation"),
        ),
        own=(
            "Your refund should have reached you days ago, and I'm sorry you've had to chase us for it.",
            "I'm sorry. We told you the refund was on its way, and then we didn't follow through.",
            "You've been more than patient. I'm sorry we made you chase your own money.",
        ),
        looking=(
            "I've found your return: it was received and checked on {refund_on}, but the refund was "
            "never released. I'm releasing it myself today.",
            "I've traced the refund: it was stuck waiting for a second approval that nobody gave.",
        ),
        questions=(
            (
                "is the card ending {card} still open? If it was replaced, the refund can bounce.",
                "Ah, yes, that card was replaced last month. New one ends 9021.",
            ),
        ),
        notes=(
            "Refund stuck in 'awaiting approval' queue since {refund_on}. Released manually.",
            "Finance: 40+ refunds stuck after the returns system update. Raised with finance lead.",
        ),
        withdraw=("It's just landed in my account. Thanks.",),
        relapse=(("refund", "Bank says the refund bounced back to you. Now what?"),),
    ),
    Situation(
        category=CARD,
        goods="any",
        summaries=("Late payment fee on my store card is wrong", "Store card fee charged in error"),
        what=(
            "I was charged a {card_fee} late payment fee on my store card although my direct debit went "
            "out on time on {ordered}.",
            "This month's store card statement has a {card_fee} late fee. I pay by direct debit and it "
            "has never failed.",
        ),
        details=(
            "My bank confirms the direct debit was paid on the due date.",
            "I've never had a late payment in my life.",
        ),
        impacts=(
            "I'm worried this will show on my credit file.",
            "I'm applying for a mortgage next month and can't have anything wrong on my record.",
            "It's the principle of the thing.",
        ),
        asks=(
            Ask("the fee removed and confirmation my credit file is not affected", "waive"),
            Ask("the fee refunded", "waive"),
            Ask("an explanation", "explanation"),
        ),
        own=(
            "I'm sorry: that fee is our mistake, not something you did.",
            "I can see why this is worrying, and I'm sorry we put it there.",
        ),
        looking=(
            "I've checked your account: the direct debit arrived on time but was posted a day late on "
            "our side. I've asked for the fee to be reversed.",
        ),
        questions=(
            (
                "to protect your account, could you confirm the last three characters of your postcode?",
                "It ends 4QX.",
            ),
        ),
        notes=(
            "Direct debit posting delayed by the bank holiday batch. Fee reversal + no credit-file report.",
            "Checked: no late-payment marker was sent to the credit agencies. Told the customer.",
        ),
        relapse=(("waive", "The fee is back on this month's statement."),),
        severities={"normal": 75, "high": 20, "low": 5},
    ),
    Situation(
        category=CARD,
        goods="electrical",
        summaries=("Interest charged on a 0% store card plan", "0% finance plan charging interest"),
        what=(
            "I bought a {product} on the 12-month 0% plan with the store card. This month's statement "
            "shows interest of {interest}.",
            "My {product} was bought on interest-free credit on {ordered}, yet the {statement} statement "
            "charges me {interest} interest.",
        ),
        details=(
            "The 0% plan is shown on my original order confirmation.",
            "The online account shows the plan as 'standard purchase'.",
        ),
        impacts=(
            "I chose you over another shop because of the 0% offer.",
            "If it's wrong now I've no idea what else is wrong.",
        ),
        asks=(
            Ask("the interest removed and the plan put right", "correction"),
            Ask("an explanation and my statement corrected", "correction"),
        ),
        own=(
            "You bought on a 0% plan and we charged you interest anyway. I'm sorry.",
            "I'm sorry: the plan on your account was set up wrongly by us.",
        ),
        looking=("I've asked our card team to re-run your statement with the 0% plan applied correctly.",),
        questions=(),
        notes=("Card team: 0% plan code missing from the order. Re-rating the account.",),
        relapse=(("correction", "Interest again on this statement."),),
    ),
    Situation(
        category=CANCEL,
        goods="any",
        summaries=("Charged {fee} for Plus after I cancelled", "Can't cancel Plus membership"),
        what=(
            "I cancelled my Plus membership in the app on {refund_on}. I've just been charged {fee} again.",
            "I've tried to cancel Plus since {refund_on}. The cancel button takes me round in a circle and "
            "you've taken another {fee}.",
        ),
        details=(
            "I have a screenshot of the cancellation screen saying 'You're all done'.",
            "I tried on my phone and on a laptop, same result.",
        ),
        impacts=(
            "I'm trying to cut down on subscriptions and this is exactly what I was afraid of.",
            "This feels designed to stop people leaving.",
            "Money is tight right now.",
        ),
        asks=(
            Ask("Plus cancelled and the {fee} refunded", "cancel"),
            Ask("cancel it, and tell me how it happened", "cancel"),
        ),
        own=(
            "You asked to leave Plus and we kept charging you. That's wrong, and I'm sorry.",
            "Cancelling should be as easy as signing up, and for you it wasn't. I'm sorry.",
        ),
        looking=(
            "I've found your cancellation request from {refund_on}: it never reached the billing system.",
            "I've reproduced the cancel button problem and reported it to the web team with your details.",
        ),
        questions=(
            (
                "would you like me to cancel straight away with a refund of {fee}, or keep Plus to the end "
                "of the period you've paid for?",
                "Straight away please.",
                "cancel",
            ),
        ),
        notes=("Cancellations from app v5.2 not reaching billing. Known bug, web team aware.",),
        withdraw=("Actually I'll keep it for Christmas deliveries. Ignore me!",),
        relapse=(("cancel", "Charged AGAIN this month. You said it was cancelled."),),
    ),
    Situation(
        category=CANCEL,
        goods="any",
        summaries=("Plus renewed without warning", "Unexpected {fee} Plus renewal"),
        what=(
            "My {plan} Plus membership renewed on {renewed} for {fee} without any reminder email.",
            "{fee} left my account on {renewed} for a Plus renewal. I was never told it was coming.",
        ),
        details=("I haven't used Plus since the summer.", "I checked spam, there's no reminder anywhere."),
        impacts=("Money is tight right now.", "I would have cancelled if I'd known."),
        asks=(Ask("a refund and Plus cancelled", "cancel"), Ask("my money back", "cancel")),
        own=(
            "You should have had a reminder before we took {fee}, and you didn't. I'm sorry.",
            "I'm sorry: a renewal without a reminder isn't how we want Plus to work.",
        ),
        looking=("I've checked our email log: the reminder to you was never sent.",),
        questions=(
            (
                "would you like a full refund and Plus closed now, or would you rather keep it and have a "
                "month free instead?",
                "Refund and close it please.",
                "cancel",
            ),
        ),
        notes=("Renewal reminder suppressed for this account (old bounce-list entry). Removed.",),
        withdraw=("I've decided to keep it after all.",),
        severities={"normal": 85, "low": 15},
    ),
    Situation(
        category=BENEFITS,
        goods="any",
        summaries=("Plus free delivery not applied", "Paid delivery despite Plus membership"),
        what=(
            "I'm a Plus member but was charged £4.99 delivery on order {order}.",
            "Plus is supposed to include free next-day delivery. My {product} took a week and I paid £4.99 "
            "for delivery.",
        ),
        details=(
            "My account page says my membership is active until {renewed}.",
            "This is the third order this happened on.",
        ),
        impacts=("What am I paying {fee} for?", "It's small money but it adds up."),
        asks=(
            Ask("the delivery charges refunded", "credit"),
            Ask("a month of Plus for free", "credit"),
            Ask("to know if I should bother staying a member", "explanation"),
        ),
        own=(
            "You paid for Plus and didn't get what Plus promises. I'm sorry.",
            "I'm sorry: your membership should have applied to that order automatically.",
        ),
        looking=("I've found that your Plus status wasn't linked to the new account email you use.",),
        questions=(),
        notes=("Plus status on old customer record; accounts merged and linked.",),
        withdraw=("I see now I was logged into my old account. My fault.",),
        relapse=(("", "Next order, same thing."),),
        severities={"normal": 80, "low": 20},
    ),
)
