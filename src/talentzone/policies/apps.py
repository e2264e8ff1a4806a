from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PoliciesConfig(AppConfig):
    name = "talentzone.policies"
    label = "policies"
    verbose_name = _("Policies")

    def ready(self) -> None:
        from .navigation import register_navigation

        register_navigation()
