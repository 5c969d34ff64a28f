from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "amends.reviews"
    label = "reviews"
    verbose_name = "Blameless reviews and policy"
