"""Factories for tests across apps. Complaints are made through the real intake service."""

from typing import Any

import factory
from factory.django import DjangoModelFactory

from amends.accounts.models import Membership, Role, Team, User
from amends.complaints.models import Category, Channel, Complaint, ContactMethod
from amends.complaints.services import ComplaintInput, complaint_receive

PASSWORD = "correct horse battery staple"


class TeamFactory(DjangoModelFactory[Team]):
    class Meta:
        model = Team
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Team {n}")
    slug = factory.Sequence(lambda n: f"team-{n}")
    reply_from = factory.LazyAttribute(lambda t: f"{t.slug}@care.example.com")


class UserFactory(DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"staff{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    role = Role.AGENT
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def teams(self, create: bool, extracted: list[Team] | None, **kwargs: Any) -> None:
        if create and extracted:
            Membership.objects.bulk_create(Membership(user=self, team=t) for t in extracted)
        if create:
            self.save()


class CategoryFactory(DjangoModelFactory[Category]):
    class Meta:
        model = Category
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")
    team = factory.SubFactory(TeamFactory)


def make_complaint(
    *,
    category: Category | None = None,
    email: str = "jo.bloggs@example.net",
    story: str = "My order 4471 arrived with a cracked screen and nobody answered my two calls.",
    outcome_sought: str = "A replacement screen this week.",
    name: str = "Jo Bloggs",
    phone: str = "",
    channel: Channel = Channel.WEB,
    **extra: Any,
) -> Complaint:
    """A complaint received through the real intake service, as a customer would send it."""
    return complaint_receive(
        data=ComplaintInput(
            channel=channel,
            name=name,
            email=email,
            phone=phone,
            story=story,
            outcome_sought=outcome_sought,
            category=category,
            preferred_contact_method=ContactMethod.EMAIL,
            raw=story.encode(),
            **extra,
        )
    )


def complaint_page_with_panels(client: Any, reference: str) -> str:
    """The complaint page as a browser shows it: the page, then each side panel it loads."""
    from amends.desk.views import PANELS

    parts = [client.get(f"/desk/c/{reference}/").content.decode()]
    parts += [client.get(f"/desk/c/{reference}/panel/{name}/").content.decode() for name in PANELS]
    return "\n".join(parts)
