from django.apps import AppConfig


class MailConfig(AppConfig):
    name = "amends.mail"
    label = "mail"
    verbose_name = "Email in"

    def ready(self) -> None:
        # Provider webhooks arrive as anymail signals; connecting here keeps the receivers thin.
        from . import webhooks

        webhooks.connect()
