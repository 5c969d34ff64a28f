from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "amends.complaints"
    label = "complaints"
    verbose_name = "Complaints"

    def ready(self) -> None:
        # Active categories are remembered per process (categories.py); a change to one, or to
        # a team they route to, forgets them here at once.
        from django.db.models.signals import post_delete, post_save

        from amends.accounts.models import Team

        from . import categories
        from .models import Category

        for model in (Category, Team):
            for signal, name in ((post_save, "save"), (post_delete, "delete")):
                signal.connect(
                    categories.changed, sender=model, dispatch_uid=f"categories-{model.__name__}-{name}"
                )
