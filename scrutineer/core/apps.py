from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save


class CoreConfig(AppConfig):
    name = "scrutineer.core"
    verbose_name = "Organisation and portfolios"

    def ready(self) -> None:
        from .audit import protect_history_tables
        from .page_cache import on_model_change

        post_migrate.connect(protect_history_tables, sender=self, dispatch_uid="history-append-only")

        # Cache invalidation only: any committed write makes cached public pages stale.
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(on_model_change, dispatch_uid=f"page-cache-{signal}")
