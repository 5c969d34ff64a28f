from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from amends.complaints.models import Complaint
from amends.desk.templatetags.desk import due_words
from tests.factories import make_complaint


def test_due_words_name_the_largest_whole_unit_either_side_of_now():
    now = timezone.now()
    assert due_words(now + timedelta(days=3, hours=5)) == "In 3\xa0days"
    assert due_words(now + timedelta(hours=1, minutes=20)) == "In 1\xa0hour"
    assert due_words(now - timedelta(days=15)) == "Past target by 2\xa0weeks"
    assert due_words(now + timedelta(seconds=30)) == "In 0\xa0minutes"
    assert due_words(None) == "Nothing due"


@pytest.mark.django_db
def test_inbox_rows_escape_what_the_customer_wrote(client, agent, category):
    make_complaint(category=category, name="<b>Jo</b>", story='<script>alert("x")</script> broke')
    client.force_login(agent)
    html = client.get(reverse("desk:inbox")).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; broke" in html
    assert "&lt;b&gt;Jo&lt;/b&gt;" in html


@pytest.mark.django_db
def test_inbox_row_shows_target_link_state_severity_team_and_urgency(client, agent, category):
    complaint = make_complaint(category=category)
    Complaint.objects.filter(pk=complaint.pk).update(urgency=80, assignee=agent)
    client.force_login(agent)
    html = client.get(reverse("desk:inbox")).content.decode()
    local = timezone.localtime(complaint.received_at)
    assert f'href="{reverse("desk:complaint", args=[complaint.reference])}"' in html
    assert f'<time datetime="{local.isoformat()}">{local.day} {local:%b}, {local:%H:%M}</time>' in html
    assert f'<span class="badge state-{complaint.state}">{complaint.get_state_display()}</span>' in html
    assert 'title="Triage urgency 80 of 100">Urgent</span>' in html
    assert f"{category.team.name}<div" in html
    assert agent.display_name in html
    assert f"{complaint.reference} · Jo Bloggs · {category.name}" in html
