import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from amends.core.memo import forget
from amends.promises.models import Policy
from amends.promises.policies import policy_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def memo_on(settings):
    settings.AMENDS_CONFIG_CACHE_SECONDS = 60
    forget()
    yield
    forget()


def test_policies_are_read_once_per_process_while_the_memo_lasts(memo_on):
    policy_for(category_id=None, severity="normal")
    with CaptureQueriesContext(connection) as ctx:
        policy_for(category_id=None, severity="normal")
    assert len(ctx.captured_queries) == 0


def test_saving_a_policy_applies_at_once_in_this_process(memo_on):
    before = policy_for(category_id=None, severity="critical")
    Policy.objects.create(
        name="Critical now", severity="critical", first_response_hours=1, first_response_target_hours=1
    )
    after = policy_for(category_id=None, severity="critical")
    assert before.name != "Critical now"
    assert after.name == "Critical now"


def test_with_the_memo_off_every_call_reads_the_database(settings):
    settings.AMENDS_CONFIG_CACHE_SECONDS = 0
    with CaptureQueriesContext(connection) as ctx:
        policy_for(category_id=None, severity="normal")
        policy_for(category_id=None, severity="normal")
    assert len(ctx.captured_queries) == 2
