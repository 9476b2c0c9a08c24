from django.apps import AppConfig


class ContractsConfig(AppConfig):
    name = "scrutineer.contracts"
    verbose_name = "Contracts register"
