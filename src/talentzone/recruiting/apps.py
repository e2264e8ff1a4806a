from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecruitingConfig(AppConfig):
    name = "talentzone.recruiting"
    label = "recruiting"
    verbose_name = _("Recruiting")

    def ready(self) -> None:
        from . import signals  # noqa: F401  (keeps the matching index in step after commit)
        from .figures import register_figures
        from .navigation import register_navigation
        from .timeline import register_timeline

        register_navigation()
        register_figures()
        register_timeline()
