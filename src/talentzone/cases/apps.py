from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "talentzone.cases"
    label = "cases"
    verbose_name = _("Case desk")

    def ready(self) -> None:
        from . import rules  # noqa: F401  (registers the permissions)
        from .figures import register_figures
        from .navigation import register_navigation
        from .timeline import register_timeline

        register_navigation()
        register_figures()
        register_timeline()
