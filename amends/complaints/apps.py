from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "amends.complaints"
    label = "complaints"
    verbose_name = "Complaints"

    def ready(self) -> None:
        # The active categories are in the configuration memo (categories.py); a change to one,
        # or to a team they route to, clears it here at once.
        from django.db.models.signals import post_delete, post_save

        from amends.accounts.models import Team
        from amends.core.memo import forget

        from .models import Category

        for model in (Category, Team):
            post_save.connect(forget, sender=model, dispatch_uid=f"memo-{model.__name__}-save")
            post_delete.connect(forget, sender=model, dispatch_uid=f"memo-{model.__name__}-delete")
