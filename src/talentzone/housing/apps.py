from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HousingConfig(AppConfig):
    name = "talentzone.housing"
    label = "housing"
    verbose_name = _("Talent apartments")

    def ready(self) -> None:
        from talentzone.policies import outcomes as policy_outcomes

        from . import rules  # noqa: F401  (registers the permissions)
        from .figures import register_figures
        from .navigation import register_navigation
        from .outcomes import application_approved
        from .timeline import register_timeline

        policy_outcomes.register(application_approved)
        register_navigation()
        register_figures()
        register_timeline()
