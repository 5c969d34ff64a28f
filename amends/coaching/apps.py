from django.apps import AppConfig


class CoachingConfig(AppConfig):
    name = "amends.coaching"
    label = "coaching"
    verbose_name = "Coaching"
