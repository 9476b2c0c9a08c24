from django.apps import AppConfig


class ImportersConfig(AppConfig):
    name = "scrutineer.importers"
    verbose_name = "Importers"
    default_auto_field = "django.db.models.BigAutoField"
