from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class AccountsConfig(AppConfig):
    default = True
    name = "scrutineer.accounts"
    verbose_name = "People and roles"


class ScrutineerAdminConfig(admin_apps.AdminConfig):
    """Django's admin, open only to a session verified with an authenticator code (check A5)."""

    default = False  # AccountsConfig is this module's app; this one stands in for django.contrib.admin
    default_site = "scrutineer.accounts.admin_site.AdminSite"
