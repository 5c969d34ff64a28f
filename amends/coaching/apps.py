from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class CoachingConfig(AppConfig):
    name = "amends.coaching"
    label = "coaching"
    verbose_name = "Coaching"

    def ready(self) -> None:
        # The minimum reply score is shown on every complaint page and memoised per process
        # (amends.core.memo); a change saved here clears it at once.
        from amends.core.memo import forget

        from .models import MinimumScore

        post_save.connect(forget, sender=MinimumScore, dispatch_uid="memo-MinimumScore-save")
        post_delete.connect(forget, sender=MinimumScore, dispatch_uid="memo-MinimumScore-delete")
