from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "amends.surveys"
    label = "surveys"
    verbose_name = "Surveys and check-ins"
