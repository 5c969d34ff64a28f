from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "amends.intake"
    label = "intake"
    verbose_name = "Intake"
