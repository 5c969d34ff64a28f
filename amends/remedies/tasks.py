"""Background work for remedies. Each task loads by id and calls one service."""

from django.tasks import task

from . import notify, services


@task()
def notify_approvers(request_id: int) -> None:
    notify.approval_requested(request_id=request_id)


@task()
def notify_requester(request_id: int) -> None:
    notify.approval_decided(request_id=request_id)


@task()
def expire_approval(request_id: int) -> None:
    services.approval_expire(request_id=request_id)


@task()
def sweep_approvals() -> int:
    return services.approvals_sweep()
