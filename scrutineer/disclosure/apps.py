from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    name = "scrutineer.disclosure"
    verbose_name = "Disclosure control"

    def ready(self) -> None:
        """Every Part 1 rendering of the performance index goes through the engine from here on."""
        from scrutineer.indicators.part1 import register_rule

        from .performance_index import disclosure_rule

        register_rule(disclosure_rule)
