"""Background work for triage. Each task loads by id and calls one service.

The services are imported inside each task: they load scikit-learn and the embedding model,
which every process that merely queues a task (web workers, mail import) should not pay for.
"""

import logging

from django.core.cache import cache
from django.tasks import task

from amends.core.errors import InvalidInput

logger = logging.getLogger(__name__)


@task()
def triage_complaint(complaint_id: int) -> None:
    """Triage a complaint just received; queued after commit by complaint intake."""
    from . import services

    services.triage_complaint(complaint_id=complaint_id)


@task()
def retrain_category_model() -> None:
    """Retrain the category model if enough corrections have built up since it last learnt."""
    from . import services

    try:
        services.category_model_train()
    except InvalidInput as exc:
        logger.info("Category model not retrained: %s", exc.message)
    finally:
        cache.delete(services.RETRAIN_QUEUED_KEY)
