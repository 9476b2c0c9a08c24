from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    name = "scrutineer.disclosure"
    verbose_name = "Disclosure control"
