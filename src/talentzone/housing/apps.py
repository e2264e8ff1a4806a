from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HousingConfig(AppConfig):
    name = "talentzone.housing"
    label = "housing"
    verbose_name = _("Talent apartments")

    def ready(self) -> None:
        from . import rules  # noqa: F401  (registers the permissions)
