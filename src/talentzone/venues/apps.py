from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VenuesConfig(AppConfig):
    name = "talentzone.venues"
    label = "venues"
    verbose_name = _("Venues")

    def ready(self) -> None:
        from .figures import register_figures
        from .navigation import register_navigation
        from .timeline import register_timeline

        register_navigation()
        register_figures()
        register_timeline()
