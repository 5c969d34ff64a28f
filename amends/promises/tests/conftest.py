from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from amends.complaints.models import Channel, ContactMethod
from amends.complaints.services import ComplaintInput, complaint_receive

LONDON = ZoneInfo("Europe/London")


def london(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=LONDON)


@pytest.fixture
def clock():
    """A frozen clock the test moves by hand: ``clock.move_to(london(...))``."""
    with time_machine.travel(london(2026, 11, 23, 10), tick=False) as traveller:
        yield traveller


def receive(category=None, **fields):
    """A complaint received through the real intake service, phone or email as asked."""
    data = {
        "channel": Channel.WEB,
        "name": "Jo Bloggs",
        "email": "jo.bloggs@example.net",
        "story": "My order 4471 arrived with a cracked screen.",
        "category": category,
        "preferred_contact_method": ContactMethod.EMAIL,
        **fields,
    }
    return complaint_receive(data=ComplaintInput(**data))
