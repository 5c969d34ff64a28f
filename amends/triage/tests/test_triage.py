from datetime import timedelta

import pytest
from django.utils import timezone

from amends.complaints.models import Complaint, Event, EventKind
from amends.core.errors import InvalidInput, PermissionDenied
from amends.triage import selectors, services
from amends.triage.models import (
    CategoryModel,
    ComplaintTriage,
    IncidentStatus,
    NeighbourKind,
    SignalKind,
    SuspectedIncident,
)
from tests.factories import make_complaint

pytestmark = pytest.mark.django_db

OUTAGE = [
    "Your app will not let me log in since this morning, it shows a server error.",
    "Since this morning the app gives a server error whenever I try to log in.",
    "I cannot log in to the app today, there is a server error every time.",
    "The app is broken this morning: server error when logging in.",
    "Log in fails on the app with a server error since early today.",
]


def receive(django_capture_on_commit_callbacks, **kwargs):
    with django_capture_on_commit_callbacks(execute=True):
        return make_complaint(**kwargs)


def test_every_new_complaint_is_triaged_in_the_background_after_intake(
    category, django_capture_on_commit_callbacks
):
    complaint = receive(
        django_capture_on_commit_callbacks,
        category=category,
        story="The heater caught fire in my flat and I want my money back.",
    )
    triage = ComplaintTriage.objects.get(complaint=complaint)
    assert triage.suggested_severity == "critical"
    kinds = set(triage.signals.values_list("kind", flat=True))
    assert {SignalKind.SAFETY, SignalKind.REMEDY} <= kinds
    assert len(triage.embedding) == 512
    assert triage.abstained  # no model trained yet: a person chooses


def test_triage_does_not_run_inside_the_intake_transaction(category, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        complaint = make_complaint(category=category)
    assert not ComplaintTriage.objects.filter(complaint=complaint).exists()
    for callback in callbacks:
        callback()
    assert ComplaintTriage.objects.filter(complaint=complaint).exists()


def test_retrain_learns_the_desks_own_categories_and_suggests_them(
    labelled_desk, django_capture_on_commit_callbacks
):
    row = services.category_model_train(force=True)
    assert row.is_active
    assert set(row.labels) == {"delivery", "charges", "account"}
    complaint = receive(
        django_capture_on_commit_callbacks,
        email="new@example.net",
        story="I was overcharged forty pounds on my card for a subscription I cancelled last month.",
    )
    triage = complaint.triage
    assert triage.suggested_category == labelled_desk["charges"]
    assert not triage.abstained
    assert triage.confidence >= 0.5
    assert triage.telling_words


def test_low_confidence_suggestion_says_a_person_is_needed(
    labelled_desk, settings, django_capture_on_commit_callbacks
):
    services.category_model_train(force=True)
    settings.AMENDS_TRIAGE_MIN_CONFIDENCE = 0.99999
    complaint = receive(
        django_capture_on_commit_callbacks, email="x@example.net", story="Hello, a question please."
    )
    assert complaint.triage.abstained


def test_training_with_too_few_labels_is_refused_with_a_reason(category, django_capture_on_commit_callbacks):
    receive(django_capture_on_commit_callbacks, category=category)
    with pytest.raises(InvalidInput, match="Not enough labelled complaints"):
        services.category_model_train(force=True)


def test_one_click_correction_records_the_category_on_the_timeline(
    labelled_desk, agent, category, django_capture_on_commit_callbacks
):
    complaint = receive(django_capture_on_commit_callbacks, category=category, email="c@example.net")
    account = labelled_desk["account"]
    services.triage_correct(complaint=complaint, by=agent, category=account)
    complaint.refresh_from_db()
    assert complaint.category == account
    event = Event.objects.filter(complaint=complaint, kind=EventKind.CATEGORISED).latest("id")
    assert event.actor == agent
    assert event.data["category"] == account.pk
    assert ComplaintTriage.objects.get(pk=complaint.pk).category == account


def test_enough_corrections_retrain_the_model_automatically(
    labelled_desk, admin_user, settings, django_capture_on_commit_callbacks
):
    first = services.category_model_train(force=True)
    settings.AMENDS_TRIAGE_RETRAIN_AFTER = 2
    complaints = [
        receive(django_capture_on_commit_callbacks, email=f"r{i}@example.net", story=f"Parcel {i} never came")
        for i in range(2)
    ]
    with django_capture_on_commit_callbacks(execute=True):
        for complaint in complaints:
            services.triage_correct(complaint=complaint, by=admin_user, category=labelled_desk["delivery"])
    latest = CategoryModel.objects.get(is_active=True)
    assert latest.pk != first.pk
    assert latest.labels_until_event > first.labels_until_event


def test_retrain_if_due_does_nothing_without_new_corrections(labelled_desk):
    services.category_model_train(force=True)
    assert services.category_model_train() is None


def test_likely_duplicate_from_the_same_customer_is_offered(category, django_capture_on_commit_callbacks):
    first = receive(django_capture_on_commit_callbacks, category=category, story=OUTAGE[0])
    second = receive(django_capture_on_commit_callbacks, category=category, story=OUTAGE[1])
    other = receive(
        django_capture_on_commit_callbacks, category=category, story="The sofa cushions are the wrong colour."
    )
    duplicates = set(
        second.triage.neighbours.filter(kind=NeighbourKind.DUPLICATE).values_list("other", flat=True)
    )
    assert duplicates == {first.pk}
    assert not other.triage.neighbours.filter(kind=NeighbourKind.DUPLICATE).exists()


def test_duplicates_are_only_looked_for_within_the_window(
    category, settings, django_capture_on_commit_callbacks
):
    first = receive(django_capture_on_commit_callbacks, category=category, story=OUTAGE[0])
    long_ago = timezone.now() - timedelta(days=settings.AMENDS_TRIAGE_DUPLICATE_DAYS + 1)
    ComplaintTriage.objects.filter(pk=first.pk).update(received_at=long_ago)
    second = receive(django_capture_on_commit_callbacks, category=category, story=OUTAGE[1])
    assert not second.triage.neighbours.filter(kind=NeighbourKind.DUPLICATE).exists()


def test_a_burst_from_different_customers_raises_one_suspected_incident(
    category, settings, django_capture_on_commit_callbacks
):
    settings.AMENDS_TRIAGE_INCIDENT_SIZE = 4
    made = [
        receive(django_capture_on_commit_callbacks, category=category, story=story, email=f"u{i}@example.net")
        for i, story in enumerate(OUTAGE)
    ]
    incidents = SuspectedIncident.objects.all()
    assert incidents.count() == 1
    incident = incidents.get()
    assert incident.status == IncidentStatus.SUSPECTED
    assert set(incident.complaints.values_list("pk", flat=True)) == {c.pk for c in made}


def test_one_customer_writing_many_times_is_not_an_incident(
    category, settings, django_capture_on_commit_callbacks
):
    settings.AMENDS_TRIAGE_INCIDENT_SIZE = 3
    for story in OUTAGE:
        receive(django_capture_on_commit_callbacks, category=category, story=story)
    assert not SuspectedIncident.objects.exists()


def test_complaints_outside_the_incident_window_do_not_count(
    category, settings, django_capture_on_commit_callbacks
):
    settings.AMENDS_TRIAGE_INCIDENT_SIZE = 3
    old = [
        receive(django_capture_on_commit_callbacks, category=category, story=s, email=f"o{i}@example.net")
        for i, s in enumerate(OUTAGE[:2])
    ]
    earlier = timezone.now() - timedelta(hours=settings.AMENDS_TRIAGE_INCIDENT_HOURS + 1)
    ComplaintTriage.objects.filter(pk__in=[c.pk for c in old]).update(received_at=earlier)
    receive(django_capture_on_commit_callbacks, category=category, story=OUTAGE[2], email="late@example.net")
    assert not SuspectedIncident.objects.exists()


def test_similar_resolved_complaints_are_shown_with_their_resolution(
    category, agent, django_capture_on_commit_callbacks
):
    from amends.complaints.models import State
    from amends.complaints.services import complaint_transition

    past = receive(
        django_capture_on_commit_callbacks, category=category, story=OUTAGE[0], email="p@example.net"
    )
    complaint_transition(complaint=past, by=agent, to_state=State.IN_PROGRESS)
    complaint_transition(
        complaint=past,
        by=agent,
        to_state=State.RESOLVED,
        agreed_outcome="Reset the login token and apologised.",
    )
    new = receive(
        django_capture_on_commit_callbacks, category=category, story=OUTAGE[3], email="n@example.net"
    )
    panel = selectors.triage_panel_for_user(user=agent, complaint=new)
    assert [r.complaint.pk for r in panel.similar] == [past.pk]
    assert panel.similar[0].complaint.agreed_outcome.startswith("Reset the login")


def test_an_agent_of_another_team_can_neither_see_nor_correct_triage(complaint, outsider, other_category):
    from amends.core.errors import NotFound

    with pytest.raises(NotFound):
        selectors.triage_panel_for_user(user=outsider, complaint=complaint)
    with pytest.raises(PermissionDenied):
        services.triage_correct(complaint=complaint, by=outsider, category=other_category)
    assert Complaint.objects.get(pk=complaint.pk).category != other_category


def test_neighbours_from_teams_the_agent_is_not_in_are_left_out(
    category, other_category, agent, django_capture_on_commit_callbacks
):
    hidden = receive(django_capture_on_commit_callbacks, category=other_category, story=OUTAGE[0])
    mine = receive(django_capture_on_commit_callbacks, category=category, story=OUTAGE[1])
    assert mine.triage.neighbours.filter(other=hidden).exists()
    panel = selectors.triage_panel_for_user(user=agent, complaint=mine)
    assert hidden.pk not in [r.complaint.pk for r in panel.duplicates + panel.similar]


def test_triage_sets_the_complaints_urgency_so_the_inbox_can_put_it_first(
    category, django_capture_on_commit_callbacks
):
    calm = receive(
        django_capture_on_commit_callbacks,
        category=category,
        email="calm@example.net",
        story="The parcel came a day later than planned. No harm done.",
    )
    alarming = receive(
        django_capture_on_commit_callbacks,
        category=category,
        email="hurt@example.net",
        story="The heater caught fire and burnt my daughter's hand. My solicitor will be "
        "writing to you and I have reported you to the regulator. This is DISGRACEFUL.",
    )
    calm.refresh_from_db()
    alarming.refresh_from_db()
    assert alarming.urgency > calm.urgency
    assert alarming.urgency == alarming.triage.priority
