from django.apps import AppConfig


class IncidentsConfig(AppConfig):
    name = "amends.incidents"
    label = "incidents"
    verbose_name = "Incidents and public notices"
