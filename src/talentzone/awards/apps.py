from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "talentzone.awards"
    label = "awards"
    verbose_name = _("Evaluations and awards")

    def ready(self) -> None:
        from . import rules  # noqa: F401  (registers the permissions)
        from .figures import register_figures
        from .navigation import register_navigation
        from .timeline import register_timeline

        register_navigation()
        register_figures()
        register_timeline()
