from django.apps import AppConfig


class PromisesConfig(AppConfig):
    name = "amends.promises"
    label = "promises"
    verbose_name = "Promises and clocks"
