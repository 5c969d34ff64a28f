"""The demo's incident: late deliveries behind one depot closure, linked, updated once, and a public
notice a spokesperson approved, with holding statements ready for the press."""

from datetime import timedelta

from django.db.models import F
from django.utils import timezone

from amends.accounts.models import User
from amends.complaints.models import OPEN_STATES, Complaint, Delivery, Direction, Message
from amends.incidents import publicity, services
from amends.incidents.models import Incident, IncidentStatus, LinkSource, StatementTopic

from . import orders

LINKED = 12


def _statements(pat: User) -> None:
    for title, topic, body in [
        (
            "Press enquiry about delivery delays",
            StatementTopic.PRESS,
            "We know some deliveries are late because one of our depots closed unexpectedly. We are "
            "sorry, we are writing to every affected customer ourselves, and we will say more once "
            "every parcel is back on its way.",
        ),
        (
            "Many customers affected",
            StatementTopic.INCIDENT,
            "We know about this problem and we are sorry. A team is working on it now; everyone "
            "affected will hear from us directly, and our service notices page has the latest.",
        ),
    ]:
        draft = services.statement_draft(by=pat, title=title, topic=topic, body=body)
        services.statement_decide(
            statement=draft, by=pat, approve=True, digest=publicity.statement_digest(draft)
        )


def incident_story(staff: dict[str, User]) -> Incident | None:
    """Open the incident, link late-delivery complaints, send one update and publish the notice.

    Runs the update's batches here rather than in a worker, and marks its mail sent, like the
    rest of the demo's history. Returns ``None`` when the desk has no open late deliveries.
    """
    sam, pat = staff["sam"], staff["pat"]
    ids = list(
        Complaint.objects.filter(category__name__in=[orders.LATE, orders.COURIER], state__in=OPEN_STATES)
        .order_by("pk")
        .values_list("pk", flat=True)[:LINKED]
    )
    if not ids:
        return None
    now = timezone.now()
    incident = services.incident_open(
        data=services.IncidentInput(
            title="Deliveries delayed by the Northfield depot closure",
            what_happened="The Northfield depot closed after a power failure; parcels routed through it "
            "are stuck until they are moved to Southgate.",
            impact="Orders due for delivery in the north this week, about one in five.",
            customer_summary="A power failure closed one of our delivery depots, so some parcels are late.",
            match_words="depot, parcel late, delivery late",
            next_update_at=now + timedelta(hours=20),
        ),
        by=sam,
    )
    services.links_add(incident=incident, complaint_ids=ids, by=sam, source=LinkSource.SEARCH)
    update = services.incident_update_send(
        incident=incident,
        by=sam,
        body="Your parcel is safe. We are moving every parcel from the closed depot to our Southgate "
        "depot, and the first ones are already back on the road. You do not need to do anything.",
        status=IncidentStatus.IDENTIFIED,
        next_update_at=now + timedelta(hours=20),
    )
    services.update_prepare(update_id=update.pk)
    services.update_send_batch(update_id=update.pk, first=ids[0], last=ids[-1])
    Message.objects.filter(complaint__in=ids, direction=Direction.OUTBOUND, delivery=Delivery.PENDING).update(
        delivery=Delivery.SENT, delivered_at=F("created_at") + timedelta(seconds=5)
    )
    version = services.notice_draft(
        incident=incident,
        by=sam,
        text=services.NoticeText(
            title="Some deliveries in the north are late",
            what_happened="A power failure closed our Northfield depot on Monday. Parcels that were "
            "there could not go out on time.",
            apology="We are sorry. You were counting on your order arriving when we said, and it did not.",
            actions="We are moving every parcel to our Southgate depot; the first are already on their "
            "way. Everyone affected is hearing from us directly.",
            next_update_at=now + timedelta(hours=20),
        ),
    )
    services.notice_approve(version=version, by=pat, digest=publicity.notice_digest(version))
    _statements(pat)
    return incident
