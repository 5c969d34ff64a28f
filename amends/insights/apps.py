from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "amends.insights"
    label = "insights"
    verbose_name = "Insights"
