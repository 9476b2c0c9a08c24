from django.apps import AppConfig


class FinanceConfig(AppConfig):
    name = "scrutineer.finance"
    verbose_name = "Budget monitoring and capital programme"
