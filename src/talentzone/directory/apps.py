from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "talentzone.directory"
    label = "directory"
    verbose_name = _("Registry")

    def ready(self) -> None:
        from .figures import register_figures
        from .navigation import register_navigation
        from .timeline import register_timeline

        register_navigation()
        register_figures()
        register_timeline()
