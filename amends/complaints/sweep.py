"""The complaints' part of `amends sweep`: file submissions that waited too long for their task."""

from dataclasses import dataclass

from django.conf import settings

from .services import submissions_file_waiting


@dataclass
class SubmissionSweepReport:
    filed: int = 0

    def __str__(self) -> str:
        return f"{self.filed} waiting submissions filed"


def sweep_submissions() -> SubmissionSweepReport:
    """File submissions older than ``AMENDS_FILING_RETRY_SECONDS``: their filing task was lost."""
    return SubmissionSweepReport(
        filed=submissions_file_waiting(older_than=settings.AMENDS_FILING_RETRY_SECONDS)
    )
