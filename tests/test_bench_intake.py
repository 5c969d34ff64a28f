"""The intake benchmark takes out what each run added, and nothing else."""

import pytest
from django.utils import timezone

from amends.complaints.models import Channel, Complaint, Customer, Submission
from amends.complaints.services import ComplaintInput, complaint_accept, submissions_file_waiting
from bench.intake import remove_run

pytestmark = pytest.mark.django_db


def _take_in(email: str) -> str:
    data = ComplaintInput(channel=Channel.WEB, name="Bench", email=email, story="The door was dented.")
    return complaint_accept(data=data).reference


def test_a_run_is_removed_with_its_customers_and_nothing_else(settings):
    settings.TASKS = {
        "default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend", "QUEUES": ["default", "intake"]}
    }
    before = _take_in("form1-0@bench.example.net")  # an earlier run's
    started = timezone.now()
    for i in range(3):
        _take_in(f"form2-{i}@bench.example.net")
    someone = _take_in("real.customer@example.org")  # a customer's, while the run went on
    submissions_file_waiting()
    assert Complaint.objects.count() == 5

    assert remove_run(started) == 3

    assert set(Complaint.objects.values_list("reference", flat=True)) == {before, someone}
    assert set(Submission.objects.values_list("reference", flat=True)) == {before, someone}
    assert Customer.objects.count() == 2
