from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class PromisesConfig(AppConfig):
    name = "amends.promises"
    label = "promises"
    verbose_name = "Promises and clocks"

    def ready(self) -> None:
        # Configuration read on every intake is memoised per process (amends.core.memo); a
        # change saved here clears it at once. This is cache upkeep, not domain logic.
        from amends.core.memo import forget

        from .models import BusinessCalendar, Closure, EscalationRule, Policy, ReminderRule

        for model in (BusinessCalendar, Closure, EscalationRule, Policy, ReminderRule):
            post_save.connect(forget, sender=model, dispatch_uid=f"memo-{model.__name__}-save")
            post_delete.connect(forget, sender=model, dispatch_uid=f"memo-{model.__name__}-delete")
