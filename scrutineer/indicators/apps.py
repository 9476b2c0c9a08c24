from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "scrutineer.indicators"
    verbose_name = "Performance index"
