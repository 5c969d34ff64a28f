"""The demo desk: varied, coherent complaints made through the real services, loaded once."""

import random
from collections import Counter

import pytest
from django.apps import apps
from django.core.management import call_command
from django.utils import timezone

from amends.accounts.models import Team, User
from amends.complaints.models import (
    Category,
    Complaint,
    ContactPoint,
    Customer,
    Delivery,
    Direction,
    EventKind,
    Message,
    ReferenceCounter,
    State,
)
from amends.demo.data import load_demo_data
from amends.demo.stories import TEAMS_AND_CATEGORIES
from amends.demo.stories.build import SITUATIONS
from amends.demo.stories.compose import (
    CHASERS,
    DUPLICATE_INTROS,
    RELAPSES,
    THANKS_BACK,
    TONES,
    Facts,
    facts_for,
)
from amends.demo.stories.parts import REMEDIES
from amends.demo.stories.people import Person
from amends.demo.stories.replies import APPROVAL, LEAD_INS, NOTES, PHONE_NOTES, PHONE_UPDATES
from amends.incidents.models import HoldingStatement, Incident
from amends.promises.models import Promise, PromiseState
from amends.remedies.models import Grant
from amends.reviews.models import PolicyArea

pytestmark = pytest.mark.django_db

STAFF_KEYS = {
    "agent": "Alex",
    "team": "Orders and Delivery",
    "supervisor": "Sam",
    "by": "Thursday",
    "soon": "tomorrow",
    "clock": "10:15",
    "previous": "C-2026-000001",
    "previous_about": "late delivery",
    "agreed": "a refund",
    "target": "C-2026-000002",
    "form_day": "Monday 2 November",
}


@pytest.fixture(scope="class")
def desk(django_db_setup, django_db_blocker):
    """Sixty demo complaints, loaded once for the tests that only read them."""
    with django_db_blocker.unblock():
        load_demo_data(complaints=60, seed=7)
        yield list(Complaint.objects.select_related("category", "customer", "assignee"))
        _wipe()


def test_organisation_has_three_to_four_teams_and_eight_to_twelve_categories():
    assert 3 <= len(TEAMS_AND_CATEGORIES) <= 4
    assert 8 <= sum(len(names) for names in TEAMS_AND_CATEGORIES.values()) <= 12
    named = {name for names in TEAMS_AND_CATEGORIES.values() for name in names}
    assert named == {s.category for s in SITUATIONS}


def test_every_story_template_fills_from_a_complaints_facts():
    person = Person("Jo Bloggs", "jo@example.net", "07700 900123", False, "", "calm")
    extra = [
        t for tone in TONES.values() for t in (*tone.openings, *tone.closings, *tone.asides, *tone.history)
    ]
    extra += [
        *CHASERS,
        *THANKS_BACK,
        *RELAPSES.values(),
        *DUPLICATE_INTROS,
        *NOTES,
        *PHONE_NOTES,
        *PHONE_UPDATES,
    ]
    extra += [t for pair in APPROVAL for t in pair] + [t for lines in LEAD_INS.values() for t in lines]
    for remedy in REMEDIES.values():
        extra += [remedy.offer, *remedy.done, *remedy.agreed]
    for situation in SITUATIONS:
        facts = Facts(facts_for(random.Random(1), situation, person, timezone.now()), **STAFF_KEYS)
        texts = [*situation.summaries, *situation.what, *situation.details, *situation.impacts]
        texts += [a.text for a in situation.asks] + [*situation.own, *situation.looking, *situation.notes]
        texts += (
            [t for q in situation.questions for t in q[:2]]
            + [*situation.withdraw]
            + [t for _, t in situation.relapse]
        )
        for text in texts + extra:
            assert "{" not in facts.fill(text), text
        for question in situation.questions:
            assert len(question) == 2 or question[2] in REMEDIES


def test_every_ownership_line_apologises_without_if():
    for situation in SITUATIONS:
        for line in situation.own:
            assert "sorry" in line.lower() or "apologise" in line.lower(), line
            assert "sorry if" not in line.lower(), line


def _snapshot():
    return [
        (
            c.reference,
            c.summary,
            c.state,
            c.channel,
            c.severity,
            c.category.name if c.category else "",
            c.customer.name,
            c.assignee.username if c.assignee else "",
            c.agreed_outcome,
            c.messages.count(),
        )
        for c in Complaint.objects.select_related("category", "customer", "assignee").order_by("pk")
    ]


def _wipe():
    Grant.objects.all().delete()  # the ledger protects its complaints
    Complaint.objects.all().delete()
    Customer.objects.all().delete()
    Category.objects.all().delete()
    PolicyArea.objects.all().delete()  # owners are protected while they own an area
    Incident.objects.all().delete()  # its writers are protected while it stands
    HoldingStatement.objects.all().delete()
    User.objects.all().delete()
    Team.objects.all().delete()
    ReferenceCounter.objects.all().delete()
    # What the demo left behind beyond its complaints: summaries, the trained model, finished tasks.
    for app in ("insights", "triage", "django_tasks_database"):
        for model in apps.get_app_config(app).get_models():
            model._default_manager.all().delete()


def test_the_same_seed_gives_the_same_desk():
    load_demo_data(complaints=30, seed=11)
    first = _snapshot()
    _wipe()
    load_demo_data(complaints=30, seed=11)
    assert _snapshot() == first
    _wipe()
    load_demo_data(complaints=30, seed=12)
    assert _snapshot() != first


def test_demo_command_loads_the_desk_once():
    call_command("demo", no_serve=True, complaints=40)
    assert Complaint.objects.count() == 40
    staff = User.objects.count()
    call_command("demo", no_serve=True, complaints=40)
    assert Complaint.objects.count() == 40
    assert User.objects.count() == staff


class TestDemoDesk:
    """What a newcomer sees on the demo desk."""

    def test_demo_desk_has_every_state_several_categories_and_severities(self, desk):
        states = Counter(c.state for c in desk)
        assert set(states) == set(State)
        new = states[State.RECEIVED] + states[State.ACKNOWLEDGED]
        working = states[State.IN_PROGRESS] + states[State.AWAITING_CUSTOMER]
        done = states[State.RESOLVED] + states[State.CLOSED]
        assert 0.2 < new / len(desk) < 0.4
        assert 0.15 < working / len(desk) < 0.35
        assert 0.25 < done / len(desk) < 0.45
        assert len({c.category_id for c in desk if c.category_id}) >= 6
        assert len({c.severity for c in desk}) >= 3
        assert {c.channel for c in desk} >= {"web", "email", "phone"}

    def test_some_customers_come_back_and_some_can_only_be_phoned(self, desk):
        per_customer = Counter(c.customer_id for c in desk)
        assert sum(1 for n in per_customer.values() if n > 1) >= 3
        phone_only = Customer.objects.exclude(contact_points__kind="email").filter(
            contact_points__kind="phone"
        )
        assert phone_only.exists()
        assert any(c.preferred_contact_method == "phone" and c.preferred_contact_time for c in desk)
        assert all(
            p.value.endswith(("example.com", "example.net", "example.org"))
            for p in ContactPoint.objects.filter(kind="email")
        )

    def test_timelines_start_with_receipt_and_replay_to_the_final_state(self, desk):
        now = timezone.now()
        for complaint in desk:
            events = list(complaint.events.order_by("created_at", "id"))
            assert events[0].kind == EventKind.RECEIVED
            assert events[0].created_at == complaint.received_at
            assert all(complaint.received_at <= e.created_at <= now for e in events)
            state = State.RECEIVED
            for event in events[1:]:
                if event.kind == EventKind.STATE_CHANGED:
                    assert event.from_state == state, complaint.reference
                    state = event.to_state
            assert state == complaint.state, complaint.reference

    def test_stamps_follow_receipt_and_done_complaints_owe_nothing(self, desk):
        for complaint in desk:
            stamps = [complaint.acknowledged_at, complaint.first_response_at, complaint.resolved_at]
            assert all(s is None or s >= complaint.received_at for s in stamps), complaint.reference
            if complaint.closed_at:
                assert complaint.resolved_at is not None
                assert complaint.closed_at >= complaint.resolved_at
            if complaint.state in (State.RESOLVED, State.CLOSED):
                assert complaint.agreed_outcome
                assert complaint.due_at is None
        settled = Promise.objects.filter(
            state__in=[PromiseState.KEPT, PromiseState.KEPT_EARLY, PromiseState.BROKEN]
        )
        for promise in settled:
            assert promise.settled_at is not None
            assert promise.settled_at >= promise.created_at
            if promise.state == PromiseState.KEPT_EARLY:
                assert promise.settled_at <= promise.target_at

    def test_references_are_handed_out_in_the_order_complaints_arrived(self, desk):
        arrivals = [c.received_at for c in sorted(desk, key=lambda c: c.pk)]
        assert arrivals == sorted(arrivals)

    def test_first_replies_greet_the_customer_and_apologise(self, desk):
        replied = [c for c in desk if c.first_response_at]
        assert replied
        for complaint in replied:
            first = complaint.messages.filter(direction=Direction.OUTBOUND, author__isnull=False).earliest(
                "created_at"
            )
            text = first.body.lower()
            assert "sorry" in text or "apologise" in text, first.body
            assert first.body.startswith(("Dear ", "Hello ", "Hi ")), first.body

    def test_historic_mail_is_already_sent_so_the_worker_sends_nothing(self, desk):
        outbound = Message.objects.filter(direction=Direction.OUTBOUND)
        assert outbound.exists()
        assert not outbound.exclude(delivery=Delivery.SENT).exists()
        assert all(m.delivered_at and m.delivered_at >= m.created_at for m in outbound)

    def test_duplicates_are_merged_into_the_same_customers_earlier_complaint(self, desk):
        merged = [c for c in desk if c.state == State.MERGED]
        assert merged
        for duplicate in merged:
            target = Complaint.objects.get(pk=duplicate.merged_into_id)
            assert target.customer_id == duplicate.customer_id
            assert target.received_at < duplicate.received_at
            assert target.events.filter(kind=EventKind.MERGED).exists()


def test_the_demo_has_an_incident_with_linked_complaints_and_a_public_notice():
    from amends.incidents.models import Incident, IncidentUpdate, LinkState
    from amends.incidents.publicity import public_notices

    load_demo_data(complaints=80, seed=5)
    incident = Incident.objects.get()
    linked = incident.links.filter(state=LinkState.LINKED).count()
    assert linked >= 2
    update = IncidentUpdate.objects.get(incident=incident)
    assert (update.sent + update.skipped, update.finished_at is not None) == (linked, True)
    current, _ = public_notices()
    assert [n.incident for n in current] == [incident]
    assert not Message.objects.filter(direction=Direction.OUTBOUND).exclude(delivery=Delivery.SENT).exists()
