"""Asking what would put it right, offering a choice, and recording the customer's answer."""

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from amends.accounts.models import User
from amends.complaints.models import Complaint, EventKind, State
from amends.complaints.services import complaint_record_event, complaint_reply, complaint_transition
from amends.core.errors import Conflict, InvalidInput, InvalidTransition

from ..links import LinkExpired, offer_url
from ..models import ChoiceVia, Offer, OfferOption, OfferState, Remedy, RemedyKind, SoughtRemedy, SoughtSource
from ..money import money
from ..selectors import sought_for_complaint
from ..suggest import Sought, compare, sought_from_text
from .granting import GrantOutcome, grant_or_request, remedy_money, require_can_act

MAX_NOTE = 2000
OPEN_FOR_OFFERS = frozenset(
    {State.RECEIVED, State.ACKNOWLEDGED, State.IN_PROGRESS, State.AWAITING_CUSTOMER, State.REOPENED}
)


@transaction.atomic
def remedy_sought_record(
    *,
    complaint: Complaint,
    by: User,
    kind: str,
    amount: str | Decimal | None = None,
    currency: str = "",
    note: str = "",
) -> SoughtRemedy:
    """Record, in a structured form, the remedy the customer asked for (told at intake, in a
    reply or on the phone). The newest record is the one offers are compared with."""
    require_can_act(by, complaint)
    if kind not in RemedyKind.values:
        raise InvalidInput("Choose the kind of remedy they asked for.", field="kind")
    if len(note) > MAX_NOTE:
        raise InvalidInput(f"Please keep the note under {MAX_NOTE:,} characters.", field="note")
    value = money(amount, currency) if amount not in (None, "") else None
    sought = SoughtRemedy.objects.create(
        complaint=complaint,
        kind=kind,
        amount=value.amount if value else None,
        currency=value.currency if value else "",
        note=note.strip(),
        source=SoughtSource.AGENT,
        recorded_by=by,
    )
    words = Sought(RemedyKind(kind), sought.amount, sought.currency).words
    complaint_record_event(
        complaint=complaint,
        kind=EventKind.REMEDY_SOUGHT,
        by=by,
        reason=f"They asked for: {words}" + (f". {sought.note}" if sought.note else ""),
        data={"sought": sought.pk, "kind": kind},
    )
    return sought


@dataclass(frozen=True)
class OptionInput:
    remedy: Remedy
    amount: str | Decimal | None = None
    wording: str = ""


def _options(offer: Offer, inputs: Sequence[OptionInput]) -> list[OfferOption]:
    if not 1 <= len(inputs) <= 2:
        raise InvalidInput("Offer one or two remedies: a choice, not a menu.", field="options")
    options = []
    for position, item in enumerate(inputs, start=1):
        if not item.remedy.is_active:
            raise InvalidInput(f"{item.remedy.name} is no longer in the catalogue.", field="options")
        value = remedy_money(item.remedy, item.amount)
        wording = item.wording.strip() or (
            f"{item.remedy.wording} ({value})" if value.amount else item.remedy.wording
        )
        options.append(
            OfferOption(
                offer=offer,
                position=position,
                remedy=item.remedy,
                kind=item.remedy.kind,
                amount=value.amount,
                currency=value.currency,
                wording=wording[:300],
            )
        )
    if len(options) == 2 and options[0].wording == options[1].wording:
        raise InvalidInput("The two options are the same; offer two different remedies.", field="options")
    return options


@transaction.atomic
def offer_make(
    *,
    complaint: Complaint,
    by: User,
    options: Sequence[OptionInput],
    note: str = "",
    by_phone: bool = False,
) -> Offer:
    """Put one or two remedies to the customer, who chooses through a signed link in an email (or
    on the phone, when ``by_phone``). A newer offer withdraws an open older one.

    The email goes through the complaint's own reply path, so it is threaded and on the timeline;
    the complaint then waits for the customer. Raises ``InvalidInput`` for a bad option or amount,
    ``PermissionDenied`` outside the agent's teams.
    """
    require_can_act(by, complaint)
    if complaint.state not in OPEN_FOR_OFFERS:
        raise InvalidTransition(f"This complaint is {State(complaint.state).label.lower()}; reopen it first.")
    if len(note) > MAX_NOTE:
        raise InvalidInput(f"Please keep your note under {MAX_NOTE:,} characters.", field="note")
    Offer.objects.select_for_update().filter(complaint=complaint, state=OfferState.OPEN).update(
        state=OfferState.WITHDRAWN
    )
    now = timezone.now()
    offer = Offer(
        complaint=complaint,
        created_by=by,
        note=note.strip(),
        nonce=secrets.token_urlsafe(16),
        created_at=now,
        expires_at=now + timedelta(days=settings.AMENDS_OFFER_DAYS),
    )
    made = _options(offer, options)
    offer.save()
    OfferOption.objects.bulk_create(made)
    if not by_phone:
        offer.message = complaint_reply(complaint=complaint, by=by, body=_offer_text(offer, made, by))
        offer.save(update_fields=["message"])
    complaint_record_event(
        complaint=complaint,
        kind=EventKind.REMEDY_OFFERED,
        by=by,
        reason=" or ".join(o.wording for o in made) + (" (on the phone)" if by_phone else ""),
        data={"offer": offer.pk, "options": [o.pk for o in made], "phone": by_phone},
    )
    _await_customer(complaint, by)
    return offer


def _offer_text(offer: Offer, options: list[OfferOption], by: User) -> str:
    context = {
        "customer": offer.complaint.customer,
        "note": offer.note,
        "options": options,
        "url": offer_url(offer),
        "expires": timezone.localtime(offer.expires_at),
        "agent": by.display_name,
        "organisation": settings.AMENDS_ORGANISATION,
    }
    return render_to_string("remedies/email/offer.txt", context).strip()


def _await_customer(complaint: Complaint, by: User) -> None:
    state = Complaint.objects.values_list("state", flat=True).get(pk=complaint.pk)
    if state in (State.ACKNOWLEDGED, State.IN_PROGRESS, State.REOPENED):
        complaint_transition(
            complaint=complaint,
            by=by,
            to_state=State.AWAITING_CUSTOMER,
            reason="Waiting for the customer to choose a remedy",
        )


@dataclass(frozen=True)
class Response:
    offer: Offer
    outcome: GrantOutcome | None


def _locked_open(offer: Offer) -> Offer:
    locked = (
        Offer.objects.select_for_update(of=("self",))
        .select_related("complaint", "complaint__customer", "created_by", "chosen")
        .get(pk=offer.pk)
    )
    when = f"{timezone.localtime(locked.responded_at):%-d %B}" if locked.responded_at else ""
    if locked.state == OfferState.CHOSEN and locked.chosen is not None:
        raise Conflict(
            f"This choice was already made on {when}: {locked.chosen.wording}. Nothing more is needed."
        )
    if locked.state == OfferState.COUNTERED:
        raise Conflict(f"You already told us what you would like instead, on {when}; we will reply to you.")
    if locked.state != OfferState.OPEN:
        raise Conflict("This offer was replaced by a newer one; please use the link in our latest email.")
    if locked.is_expired:
        raise LinkExpired(
            f"This offer closed on {timezone.localtime(locked.expires_at):%-d %B}. "
            "Reply to our email and we will send you a fresh choice."
        )
    return locked


@transaction.atomic
def offer_respond(
    *,
    offer: Offer,
    position: int | None = None,
    counter: str = "",
    via: ChoiceVia = ChoiceVia.PORTAL,
    by: User | None = None,
) -> Response:
    """Record the customer's answer to an offer: the option at ``position``, or a counter-proposal
    in their own words. Once only: a second answer raises ``Conflict``; an expired offer raises
    ``LinkExpired``. A chosen option is granted at once if within the offering agent's authority
    (or the recording agent's, on the phone), else sent for approval.
    """
    if via == ChoiceVia.PHONE:
        if by is None:
            raise InvalidInput("Say who took the call.")
        require_can_act(by, offer.complaint)
    if (position is None) == (not counter.strip()):
        raise InvalidInput("Choose one of the options, or tell us what would put it right instead.")
    if len(counter) > settings.AMENDS_MAX_STORY_CHARS:
        raise InvalidInput(f"Please keep it under {settings.AMENDS_MAX_STORY_CHARS:,} characters.")
    offer = _locked_open(offer)
    offer.responded_at, offer.responded_via, offer.recorded_by = timezone.now(), via, by
    if position is not None:
        return _choose(offer, position, by)
    offer.state, offer.counter_proposal = OfferState.COUNTERED, counter.strip()
    offer.save(update_fields=["state", "counter_proposal", "responded_at", "responded_via", "recorded_by"])
    _record_counter(offer, by)
    _back_in_progress(offer.complaint, by, "The customer proposed another remedy")
    return Response(offer, None)


def _choose(offer: Offer, position: int, by: User | None) -> Response:
    option = offer.options.select_related("remedy").filter(position=position).first()
    if option is None:
        raise InvalidInput("That option is not part of this offer.")
    offer.state, offer.chosen = OfferState.CHOSEN, option
    offer.save(update_fields=["state", "chosen", "responded_at", "responded_via", "recorded_by"])
    complaint = offer.complaint
    comparison = compare(
        sought_for_complaint(complaint), kind=option.kind, amount=option.amount, currency=option.currency
    )
    complaint_record_event(
        complaint=complaint,
        kind=EventKind.REMEDY_CHOSEN,
        by=by,
        label="Customer",
        reason=f"Chose: {option.wording}. {comparison.words}",
        data={
            "offer": offer.pk,
            "option": option.pk,
            "compared": comparison.verdict,
            "via": offer.responded_via,
        },
    )
    _back_in_progress(complaint, by, "The customer chose a remedy")
    try:
        outcome = grant_or_request(
            by=by or offer.created_by,
            complaint=complaint,
            remedy=option.remedy,
            value=money(option.amount, option.currency),
            wording=option.wording,
            key=f"option:{option.pk}",
            option=option,
        )
    except IntegrityError as exc:
        raise Conflict("This choice is already being granted.") from exc
    return Response(offer, outcome)


def _record_counter(offer: Offer, by: User | None) -> None:
    words = offer.counter_proposal
    guess = sought_from_text(words)
    value = None
    if guess is not None and guess.amount is not None:
        try:
            value = money(guess.amount, guess.currency)
        except InvalidInput:
            value = None  # an amount we cannot read stays in their words, not in a field
    SoughtRemedy.objects.create(
        complaint=offer.complaint,
        kind=guess.kind if guess else RemedyKind.CUSTOM,
        amount=value.amount if value else None,
        currency=value.currency if value else "",
        note=words,
        source=SoughtSource.CUSTOMER,
        recorded_by=by,
    )
    complaint_record_event(
        complaint=offer.complaint,
        kind=EventKind.REMEDY_COUNTERED,
        by=by,
        label="Customer",
        reason=words,
        data={"offer": offer.pk, "via": offer.responded_via},
    )


def _back_in_progress(complaint: Complaint, by: User | None, reason: str) -> None:
    state = Complaint.objects.values_list("state", flat=True).get(pk=complaint.pk)
    if state == State.AWAITING_CUSTOMER:
        complaint_transition(complaint=complaint, by=by, to_state=State.IN_PROGRESS, reason=reason)
