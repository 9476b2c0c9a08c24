from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "scrutineer.reports"
    verbose_name = "Committee reports"
