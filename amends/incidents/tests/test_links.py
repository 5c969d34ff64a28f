"""Linking complaints to an incident: by hand, from a search, from triage, and by suggestion."""

import pytest
from django.core import mail

from amends.complaints.models import Event, EventKind
from amends.core.errors import InvalidInput, InvalidTransition, PermissionDenied
from amends.incidents import services
from amends.incidents.matching import matched_phrase
from amends.incidents.models import Incident, IncidentLink, IncidentStatus, LinkSource, LinkState
from amends.triage.models import IncidentStatus as SuspicionStatus
from amends.triage.models import SuspectedIncident

pytestmark = pytest.mark.django_db

OUTAGE = [
    "Your app will not let me log in since this morning, it shows a server error.",
    "Since this morning the app gives a server error whenever I try to log in.",
    "I cannot log in to the app today, there is a server error every time.",
    "The app is broken this morning: server error when logging in.",
    "Log in fails on the app with a server error since early today.",
]


def test_linking_by_hand_records_it_on_the_timeline_and_can_tell_the_customer(
    incident, complaint, agent, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        link = services.incident_link(incident=incident, complaint=complaint, by=agent, tell_customer=True)
    assert link.state == LinkState.LINKED
    assert link.decided_by == agent
    event = Event.objects.get(complaint=complaint, kind=EventKind.INCIDENT)
    assert "Card payments failing" in event.reason
    assert event.actor == agent
    assert len(mail.outbox) == 1
    assert "part of a problem we already know about" in mail.outbox[0].body
    assert "Some card payments were wrongly declined" in mail.outbox[0].body


def test_linking_twice_is_refused(incident, complaint, agent):
    services.incident_link(incident=incident, complaint=complaint, by=agent, tell_customer=False)
    with pytest.raises(InvalidInput):
        services.incident_link(incident=incident, complaint=complaint, by=agent, tell_customer=False)


def test_an_agent_cannot_link_a_complaint_of_another_team(incident, complaint, outsider):
    with pytest.raises(PermissionDenied):
        services.incident_link(incident=incident, complaint=complaint, by=outsider, tell_customer=False)
    assert not IncidentLink.objects.exists()


def test_a_spokesperson_does_not_link_complaints(incident, complaint, spokesperson):
    with pytest.raises(PermissionDenied):
        services.incident_link(incident=incident, complaint=complaint, by=spokesperson, tell_customer=False)


def test_nothing_is_linked_to_a_resolved_incident(incident, complaint, agent):
    Incident.objects.filter(pk=incident.pk).update(status=IncidentStatus.RESOLVED)
    incident.refresh_from_db()
    with pytest.raises(InvalidTransition):
        services.incident_link(incident=incident, complaint=complaint, by=agent, tell_customer=False)


def test_a_search_links_every_matching_complaint_the_supervisor_can_see(
    incident, receive, category, other_category, supervisor
):
    ours = [
        receive(category=category, story=f"Card payment declined at the till, attempt {i}.") for i in range(3)
    ]
    receive(category=category, story="The parcel never arrived.")
    theirs = receive(category=other_category, story="Card payment declined twice.", email="x@example.org")
    linked = services.incident_link_search(incident=incident, by=supervisor, query="card declined")
    assert linked == 3
    ids = set(IncidentLink.objects.filter(incident=incident).values_list("complaint_id", flat=True))
    assert ids == {c.pk for c in ours}
    assert theirs.pk not in ids
    assert Event.objects.filter(kind=EventKind.INCIDENT, complaint__in=ours).count() == 3
    assert services.incident_link_search(incident=incident, by=supervisor, query="card declined") == 0


def test_an_agent_cannot_link_in_bulk(incident, agent, complaint):
    with pytest.raises(PermissionDenied):
        services.incident_link_search(incident=incident, by=agent, query="screen")


def test_an_empty_search_links_nothing(incident, supervisor):
    with pytest.raises(InvalidInput):
        services.incident_link_search(incident=incident, by=supervisor, query="  ")


def test_a_suspected_incident_becomes_an_incident_with_its_complaints(receive, category, supervisor):
    complaints = [
        receive(category=category, story=story, email=f"user{i}@example.net", name=f"User {i}")
        for i, story in enumerate(OUTAGE)
    ]
    suspected = SuspectedIncident.objects.get()
    incident = services.incident_open_from_suspected(suspected=suspected, by=supervisor)
    suspected.refresh_from_db()
    assert suspected.status == SuspicionStatus.CONFIRMED
    assert suspected.decided_by == supervisor
    assert incident.suspected == suspected
    assert incident.category == category
    linked = set(incident.links.filter(state=LinkState.LINKED).values_list("complaint_id", flat=True))
    assert linked == {c.pk for c in complaints}
    assert set(incident.links.values_list("source", flat=True)) == {LinkSource.SUSPECTED}
    with pytest.raises(InvalidTransition):
        services.incident_open_from_suspected(suspected=suspected, by=supervisor)


def test_an_agent_cannot_decide_a_suspected_incident(receive, category, agent):
    for i, story in enumerate(OUTAGE):
        receive(category=category, story=story, email=f"user{i}@example.net")
    with pytest.raises(PermissionDenied):
        services.suspected_dismiss(suspected=SuspectedIncident.objects.get(), by=agent)


def test_a_new_complaint_using_the_incidents_words_is_suggested_not_linked(
    incident, receive, category, supervisor
):
    incident.match_words = "card declined, payment failed"
    incident.save()
    complaint = receive(category=category, story="My payment failed at the checkout and I was charged.")
    other = receive(category=category, story="The courier left my parcel in the rain.")
    link = IncidentLink.objects.get(complaint=complaint)
    assert link.state == LinkState.SUGGESTED
    assert link.source == LinkSource.MATCH
    assert "failed payment" in link.why
    assert not IncidentLink.objects.filter(complaint=other).exists()
    assert not Event.objects.filter(complaint=complaint, kind=EventKind.INCIDENT).exists()


def test_a_new_complaint_close_in_meaning_to_the_linked_ones_is_suggested(
    receive, category, supervisor, settings
):
    settings.AMENDS_TRIAGE_INCIDENT_SIZE = 100  # no suspicion: meaning alone
    first = [receive(category=category, story=s, email=f"u{i}@example.net") for i, s in enumerate(OUTAGE[:3])]
    incident = services.incident_open(
        data=services.IncidentInput(title="App login outage", what_happened="Login server down."),
        by=supervisor,
    )
    services.links_add(
        incident=incident, complaint_ids=[c.pk for c in first], by=supervisor, source=LinkSource.HAND
    )
    close = receive(category=category, story=OUTAGE[3], email="late@example.net")
    far = receive(
        category=category, story="The sofa you delivered has a torn cushion.", email="far@example.net"
    )
    link = IncidentLink.objects.get(complaint=close)
    assert link.state == LinkState.SUGGESTED
    assert link.similarity >= settings.AMENDS_INCIDENT_MATCH_MIN
    assert not IncidentLink.objects.filter(complaint=far).exists()


def test_confirming_a_suggestion_links_it_and_tells_the_customer_of_the_known_problem(
    incident, receive, category, agent, django_capture_on_commit_callbacks
):
    incident.match_words = "payment failed"
    incident.save()
    complaint = receive(category=category, story="My payment failed twice today.")
    link = IncidentLink.objects.get(complaint=complaint)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.link_confirm(link=link, by=agent)
    link.refresh_from_db()
    assert link.state == LinkState.LINKED
    assert [m.to for m in mail.outbox] == [["jo.bloggs@example.net"]]
    assert "a problem we know about" in mail.outbox[0].subject
    assert Event.objects.filter(complaint=complaint, kind=EventKind.INCIDENT).exists()
    with pytest.raises(InvalidTransition):
        services.link_confirm(link=link, by=agent)


def test_a_dismissed_suggestion_is_not_made_again(incident, receive, category, agent):
    from amends.incidents.matching import incidents_match_complaint

    incident.match_words = "payment failed"
    incident.save()
    complaint = receive(category=category, story="My payment failed twice today.")
    services.link_dismiss(link=IncidentLink.objects.get(complaint=complaint), by=agent)
    assert incidents_match_complaint(complaint_id=complaint.pk) == []
    assert IncidentLink.objects.get(complaint=complaint).state == LinkState.DISMISSED


def test_an_outsider_cannot_confirm_a_suggestion_on_another_teams_complaint(
    incident, receive, category, outsider
):
    incident.match_words = "payment failed"
    incident.save()
    complaint = receive(category=category, story="My payment failed twice today.")
    with pytest.raises(PermissionDenied):
        services.link_confirm(link=IncidentLink.objects.get(complaint=complaint), by=outsider)


def test_matching_is_cheap_when_no_incident_is_open(receive, category, django_assert_max_num_queries):
    from amends.incidents.matching import incidents_match_complaint

    complaint = receive(category=category)
    with django_assert_max_num_queries(1):
        assert incidents_match_complaint(complaint_id=complaint.pk) == []


def test_unlinking_says_so_on_the_timeline(incident, complaint, agent):
    link = services.incident_link(incident=incident, complaint=complaint, by=agent, tell_customer=False)
    services.link_remove(link=link, by=agent)
    assert not IncidentLink.objects.exists()
    assert Event.objects.filter(
        complaint=complaint, kind=EventKind.INCIDENT, reason__startswith="Unlinked"
    ).exists()


@pytest.mark.parametrize(
    ("text", "phrases", "expected"),
    [
        ("My card was DECLINED again", "card declined", "card declined"),
        ("card problems", "card declined", ""),
        ("the app login broke", "payment, app login", "app login"),
        ("anything", " , ", ""),
    ],
)
def test_a_phrase_matches_when_every_one_of_its_words_is_used(text, phrases, expected):
    assert matched_phrase(text, phrases) == expected
