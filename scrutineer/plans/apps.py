from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "scrutineer.plans"
    verbose_name = "Portfolio plans"
