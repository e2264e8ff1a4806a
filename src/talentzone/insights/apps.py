from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "talentzone.insights"
    label = "insights"
    verbose_name = _("Statistics and reports")

    def ready(self) -> None:
        from . import rules  # noqa: F401  (registers the permissions)
        from .cache import connect_invalidation
        from .navigation import register_navigation

        register_navigation()
        connect_invalidation()
