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
