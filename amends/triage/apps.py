from django.apps import AppConfig


class TriageConfig(AppConfig):
    name = "amends.triage"
    label = "triage"
    verbose_name = "Triage"
