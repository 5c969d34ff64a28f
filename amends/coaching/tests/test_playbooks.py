"""Playbooks: written as drafts, approved by a supervisor, and only then seen by agents."""

import pytest

from amends.accounts.models import Role
from amends.coaching import selectors, services
from amends.coaching.models import PlaybookKind, VersionState
from amends.coaching.placeholders import fill
from amends.core.errors import InvalidInput, InvalidTransition, NotFound, PermissionDenied
from tests.factories import CategoryFactory, UserFactory, make_complaint

pytestmark = pytest.mark.django_db

GUIDANCE = services.VersionInput(
    summary="Parcels that arrive late, damaged or not at all.",
    questions="When was it due?\nWas anything left with a neighbour?",
    may_promise="A replacement sent by tracked courier",
    may_not_promise="A delivery time the courier has not confirmed",
    templates=[
        services.TemplateInput(
            "Late parcel",
            "Dear {name}, about {reference}: we will write by {promised_date}. "
            "You can choose {remedy_options}.",
        )
    ],
)


def approved_playbook(supervisor, category, data=GUIDANCE, **kwargs):
    version = services.playbook_create(
        by=supervisor,
        title=kwargs.pop("title", "Late deliveries"),
        kind=PlaybookKind.CATEGORY,
        category=category,
        **kwargs,
    )
    services.playbook_version_save(version=version, by=supervisor, data=data)
    services.playbook_version_submit(version=version, by=supervisor)
    return services.playbook_version_approve(version=version, by=supervisor)


def test_agents_never_see_a_playbook_before_a_version_is_approved(supervisor, agent, category):
    version = services.playbook_create(
        by=supervisor, title="Late deliveries", kind=PlaybookKind.CATEGORY, category=category
    )
    services.playbook_version_save(version=version, by=supervisor, data=GUIDANCE)
    services.playbook_version_submit(version=version, by=supervisor)

    assert list(selectors.playbook_list_for_user(user=agent)) == []
    with pytest.raises(NotFound):
        selectors.playbook_get_for_user(user=agent, slug=version.playbook.slug)
    assert selectors.playbook_get_for_user(user=supervisor, slug=version.playbook.slug) == version.playbook

    services.playbook_version_approve(version=version, by=supervisor)
    assert [p.slug for p in selectors.playbook_list_for_user(user=agent)] == [version.playbook.slug]


def test_agents_read_the_approved_version_while_a_newer_draft_waits(supervisor, agent, category):
    approved = approved_playbook(supervisor, category)
    draft = services.playbook_version_start(playbook=approved.playbook, by=supervisor)
    changed = services.VersionInput(summary="Rewritten guidance", questions="A new question?")
    services.playbook_version_save(version=draft, by=supervisor, data=changed)

    seen = selectors.playbook_version_for_user(user=agent, playbook=approved.playbook)
    assert seen.pk == approved.pk
    assert seen.summary == GUIDANCE.summary
    with pytest.raises(NotFound):
        selectors.playbook_version_for_user(user=agent, playbook=approved.playbook, number=draft.number)
    assert selectors.playbook_version_for_user(user=supervisor, playbook=approved.playbook, number=2) == draft


def test_a_new_version_copies_the_last_one_and_approving_it_retires_the_old(supervisor, category):
    first = approved_playbook(supervisor, category)
    second = services.playbook_version_start(playbook=first.playbook, by=supervisor)
    assert second.number == 2
    assert second.questions == first.questions
    assert [t.title for t in second.templates.all()] == ["Late parcel"]

    services.playbook_version_submit(version=second, by=supervisor)
    services.playbook_version_approve(version=second, by=supervisor)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.state, second.state) == (VersionState.RETIRED, VersionState.APPROVED)


def test_an_approved_version_cannot_be_edited(supervisor, category):
    approved = approved_playbook(supervisor, category)
    with pytest.raises(InvalidTransition):
        services.playbook_version_save(
            version=approved, by=supervisor, data=services.VersionInput(summary="x")
        )


def test_agents_cannot_write_or_approve_playbooks(agent, supervisor, category):
    with pytest.raises(PermissionDenied):
        services.playbook_create(by=agent, title="Mine", kind=PlaybookKind.CATEGORY, category=category)
    version = services.playbook_create(
        by=supervisor, title="Late", kind=PlaybookKind.CATEGORY, category=category
    )
    services.playbook_version_save(version=version, by=supervisor, data=GUIDANCE)
    services.playbook_version_submit(version=version, by=supervisor)
    with pytest.raises(PermissionDenied):
        services.playbook_version_approve(version=version, by=agent)


def test_with_four_eyes_the_submitter_cannot_approve_their_own_version(supervisor, team, category, settings):
    settings.AMENDS_COACH_FOUR_EYES = True
    other = UserFactory(username="sasha", role=Role.SUPERVISOR, teams=[team])
    version = services.playbook_create(
        by=supervisor, title="Late", kind=PlaybookKind.CATEGORY, category=category
    )
    services.playbook_version_save(version=version, by=supervisor, data=GUIDANCE)
    services.playbook_version_submit(version=version, by=supervisor)
    with pytest.raises(PermissionDenied):
        services.playbook_version_approve(version=version, by=supervisor)
    assert services.playbook_version_approve(version=version, by=other).state == VersionState.APPROVED


def test_a_version_sent_back_returns_to_draft_with_the_reason(supervisor, category):
    version = services.playbook_create(
        by=supervisor, title="Late", kind=PlaybookKind.CATEGORY, category=category
    )
    services.playbook_version_save(version=version, by=supervisor, data=GUIDANCE)
    services.playbook_version_submit(version=version, by=supervisor)
    returned = services.playbook_version_return(version=version, by=supervisor, note="Add the refund limit.")
    assert returned.state == VersionState.DRAFT
    assert returned.review_note == "Add the refund limit."


def test_a_template_with_an_unknown_placeholder_is_refused(supervisor, category):
    version = services.playbook_create(
        by=supervisor, title="Late", kind=PlaybookKind.CATEGORY, category=category
    )
    data = services.VersionInput(templates=[services.TemplateInput("Bad", "Dear {first_name}, ...")])
    with pytest.raises(InvalidInput, match="first_name"):
        services.playbook_version_save(version=version, by=supervisor, data=data)


def test_a_question_playbook_needs_its_question(supervisor):
    with pytest.raises(InvalidInput):
        services.playbook_create(by=supervisor, title="Press", kind=PlaybookKind.QUESTION, question=" ")


def test_placeholders_are_filled_for_the_complaint_and_remedies_left_for_the_agent():
    text = fill(
        "Dear {name}, {reference}: {remedy_options} by {promised_date}.",
        name="Jo",
        reference="C-1",
        promised=None,
    )
    assert text == "Dear Jo, C-1: [remedy options] by [promised date]."


def test_the_desk_suggests_the_category_playbook_with_templates_filled_in(
    supervisor, agent, category, complaint
):
    approved_playbook(supervisor, category)
    suggestions = selectors.playbook_suggest_for_complaint(user=agent, complaint=complaint)
    assert [s.playbook.title for s in suggestions] == ["Late deliveries"]
    body = suggestions[0].templates[0].body
    assert body.startswith(f"Dear {complaint.customer.name}, about {complaint.reference}: we will write by ")
    assert "[remedy options]" in body
    assert "{" not in body


def test_the_desk_suggests_a_tough_question_playbook_by_the_words_of_the_complaint(
    supervisor, agent, category
):
    press = services.playbook_create(
        by=supervisor,
        title="Threats to go to the press",
        kind=PlaybookKind.QUESTION,
        question="The customer threatens to go to the newspapers or post on social media",
    )
    data = services.VersionInput(
        summary="Customers who say they will tell journalists, newspapers or Twitter."
    )
    services.playbook_version_save(version=press, by=supervisor, data=data)
    services.playbook_version_submit(version=press, by=supervisor)
    services.playbook_version_approve(version=press, by=supervisor)
    other = CategoryFactory(name="Billing", slug="billing", team=category.team)
    threat = make_complaint(
        category=other,
        story="If this is not fixed by Friday I am going to the local newspaper and posting it on Twitter.",
    )
    quiet = make_complaint(category=other, story="My invoice shows the wrong VAT number for my company.")

    assert [
        s.playbook.pk for s in selectors.playbook_suggest_for_complaint(user=agent, complaint=threat)
    ] == [press.playbook.pk]
    assert selectors.playbook_suggest_for_complaint(user=agent, complaint=quiet) == []
