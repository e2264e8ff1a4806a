from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "talentzone.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_login_failed
        from django.db.backends.signals import connection_created

        from . import audit
        from .choices import Role
        from .menu import register

        # Django's own events, not our control flow: a failed sign-in happens inside
        # django.contrib.auth, and a new connection is where SQLite learns our functions.
        user_login_failed.connect(audit.record_login_failure, dispatch_uid="audit-login-failed")
        connection_created.connect(audit.install_sqlite_guard, dispatch_uid="audit-sqlite-guard")
        register(_("Audit trail"), "audit-list", "journal-check", {Role.OFFICE_ADMIN}, order=100)
