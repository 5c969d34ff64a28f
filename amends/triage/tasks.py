"""Background work for triage. Each task loads by id and calls one service."""

import logging

from django.core.cache import cache
from django.tasks import task

from amends.core.errors import InvalidInput

from . import services

logger = logging.getLogger(__name__)


@task()
def triage_complaint(complaint_id: int) -> None:
    """Triage a complaint just received; queued after commit by complaint intake."""
    services.triage_complaint(complaint_id=complaint_id)


@task()
def retrain_category_model() -> None:
    """Retrain the category model if enough corrections have built up since it last learnt."""
    try:
        services.category_model_train()
    except InvalidInput as exc:
        logger.info("Category model not retrained: %s", exc.message)
    finally:
        cache.delete(services.RETRAIN_QUEUED_KEY)
