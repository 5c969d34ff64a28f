import pytest

from amends.insights.fold import summaries_fold


@pytest.fixture
def fold():
    """Fold everything written so far, without the lag that guards against open transactions."""

    def run():
        return summaries_fold(lag_seconds=0)

    return run
