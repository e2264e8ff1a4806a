"""Choices shared by every app. Values are stable identifiers; labels are translated."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """The roles of the platform; each is a Django group of the same name (data migration)."""

    OFFICE_ADMIN = "office_admin", _("Talent office admin")
    REVIEWER = "reviewer", _("Department reviewer")
    GRID_OFFICER = "grid_officer", _("Grid officer")
    LEADER = "leader", _("Leader")
    ENTERPRISE_HR = "enterprise_hr", _("Enterprise HR")
    AGENCY_STAFF = "agency_staff", _("Agency staff")
    STATION_STAFF = "station_staff", _("Station staff")
    TALENT = "talent", _("Talent")
    EXPERT = "expert", _("Evaluation expert")


class AuditAction(models.TextChoices):
    """What an audit record says happened (core.audit writes them; import it from there)."""

    CREATE = "create", _("Created")
    UPDATE = "update", _("Changed")
    DELETE = "delete", _("Deleted")
    UNMASK = "unmask", _("Showed personal numbers")
    EXPORT = "export", _("Exported")
    IMPORT = "import", _("Imported")
    LOGIN_FAILED = "login_failed", _("Failed sign-in")
