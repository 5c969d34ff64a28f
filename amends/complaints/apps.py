from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "amends.complaints"
    label = "complaints"
    verbose_name = "Complaints"
