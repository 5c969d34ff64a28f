from typing import Any

from django.core.management.base import BaseCommand

from amends.remedies.services import approvals_sweep


class Command(BaseCommand):
    help = "Escalate or expire approval requests nobody decided in time (run every few minutes)."

    def handle(self, *args: Any, **options: Any) -> None:
        moved = approvals_sweep()
        self.stdout.write(f"{moved} approval request{'s' if moved != 1 else ''} moved on.")
