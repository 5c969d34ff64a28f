import itertools

import pytest

from amends.complaints import services as complaint_services
from amends.complaints.models import Severity
from tests.factories import CategoryFactory, make_complaint

DELIVERY = [
    f"My {thing} {what} and the courier {courier}."
    for thing, what, courier in itertools.product(
        ["parcel", "package", "order"],
        ["never arrived", "was left in the rain", "turned up a week late", "went to the wrong address"],
        ["did not ring the bell", "marked it as delivered"],
    )
]
CHARGES = [
    f"I was {how} {amount} on my {where} for a {what}."
    for how, amount, where, what in itertools.product(
        ["charged twice", "billed", "overcharged"],
        ["£40", "forty pounds"],
        ["card", "bank statement"],
        ["subscription I cancelled", "service I never used"],
    )
]
ACCOUNT = [
    f"I {verb} {what} because {why}."
    for verb, what, why in itertools.product(
        ["cannot log in to", "am locked out of", "cannot reset the password for"],
        ["my account", "the app"],
        ["the code never comes", "it says my email is unknown", "the page shows an error"],
    )
]


def labelled_texts() -> tuple[list[str], list[str]]:
    texts = DELIVERY + CHARGES + ACCOUNT
    labels = ["delivery"] * len(DELIVERY) + ["charges"] * len(CHARGES) + ["account"] * len(ACCOUNT)
    return texts, labels


@pytest.fixture
def account_category(team):
    return CategoryFactory(name="Account", slug="account", team=team)


@pytest.fixture
def labelled_desk(category, other_category, account_category, admin_user, django_capture_on_commit_callbacks):
    """Complaints whose categories a person set, as the desk's own training data."""
    categories = {"delivery": category, "charges": other_category, "account": account_category}
    texts, labels = labelled_texts()
    with django_capture_on_commit_callbacks(execute=True):
        for i, (text, label) in enumerate(zip(texts, labels, strict=True)):
            complaint = make_complaint(story=text, email=f"customer{i}@example.net")
            complaint_services.complaint_categorise(
                complaint=complaint, by=admin_user, category=categories[label], severity=Severity.NORMAL
            )
    return categories
