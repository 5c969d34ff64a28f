from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "amends.portal"
    label = "portal"
    verbose_name = "Customer portal"
