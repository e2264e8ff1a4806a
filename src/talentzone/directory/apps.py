from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "talentzone.directory"
    label = "directory"
    verbose_name = _("Registry")

    def ready(self) -> None:
        from .navigation import register_navigation

        register_navigation()
