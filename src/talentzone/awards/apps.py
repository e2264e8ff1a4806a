from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "talentzone.awards"
    label = "awards"
    verbose_name = _("Evaluations and awards")

    def ready(self) -> None:
        from . import rules  # noqa: F401  (registers the permissions)
        from .navigation import register_navigation

        register_navigation()
