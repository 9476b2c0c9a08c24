from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "scrutineer.accounts"
    verbose_name = "People and roles"
