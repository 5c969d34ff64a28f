import pytest

from amends.complaints.services import complaint_add_note, complaint_reply
from amends.portal.links import status_token, status_url

pytestmark = pytest.mark.django_db


def test_customer_sees_their_complaint_what_happens_next_and_the_conversation(client, complaint, agent):
    complaint_reply(complaint=complaint, by=agent, body="We are sorry. A new screen ships Thursday.")
    complaint_add_note(complaint=complaint, by=agent, body="Internal: supplier is late again")
    page = client.get(f"/track/{status_token(complaint)}/").content.decode()
    assert complaint.reference in page
    assert "A new screen ships Thursday." in page
    assert "Internal: supplier" not in page
    assert "My order 4471" in page


def test_a_changed_link_shows_nothing(client, complaint):
    token = status_token(complaint)
    forged = token[:-1] + ("A" if token[-1] != "A" else "B")
    response = client.get(f"/track/{forged}/")
    assert response.status_code == 404
    assert complaint.reference not in response.content.decode()


def test_one_customers_link_never_opens_another_complaint(client, complaint, category):
    from tests.factories import make_complaint

    other = make_complaint(category=category, email="else@example.net", story="Different matter entirely")
    page = client.get(f"/track/{status_token(complaint)}/").content.decode()
    assert other.reference not in page
    assert "Different matter" not in page


def test_status_link_in_the_acknowledgement_opens_the_page(client, complaint, settings):
    import re

    from django.core import mail

    # The token carries the second it was signed in, so compare what it opens, not its text.
    prefix = status_url(complaint).split("/track/")[0]
    found = re.search(rf"{re.escape(prefix)}/track/[^/\s]+/", mail.outbox[0].body)
    assert found, "no status link in the acknowledgement"
    response = client.get(found.group(0).removeprefix(settings.SITE_URL))
    assert response.status_code == 200
    assert complaint.reference in response.content.decode()
