from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "scrutineer.demo"
    verbose_name = "Demo council"
