from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "amends.accounts"
    label = "accounts"
    verbose_name = "Staff and teams"

    def ready(self) -> None:
        # Verified API keys are remembered per process (keycache); revoking a key or changing
        # its user must apply at once in this process.
        from django.db.models.signals import post_delete, post_save

        from . import keycache
        from .models import ApiToken, User

        post_save.connect(keycache.token_changed, sender=ApiToken, dispatch_uid="keycache-token-save")
        post_delete.connect(keycache.token_changed, sender=ApiToken, dispatch_uid="keycache-token-delete")
        post_save.connect(keycache.user_changed, sender=User, dispatch_uid="keycache-user-save")
        post_delete.connect(keycache.user_changed, sender=User, dispatch_uid="keycache-user-delete")
