"""Choices of the case desk. Values are stable identifiers stored in the database."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Level(models.IntegerChoices):
    """Who works on a case: the three levels of the zone's service (三级会商)."""

    GRID = 1, _("Level 1: grid team")
    DEPARTMENT = 2, _("Level 2: department")
    CONSULTATION = 3, _("Level 3: joint consultation")


class CaseStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("case", "Open")
    RESOLVED = "resolved", _("Resolved, awaiting confirmation")
    CLOSED = "closed", pgettext_lazy("case", "Closed")


class CaseSource(models.TextChoices):
    """Through whom a case reached the desk."""

    ENTERPRISE = "enterprise", _("Raised by an enterprise")
    TALENT = "talent", _("Raised by a talent")
    GRID_OFFICER = "grid_officer", _("Raised by a grid officer")
    VISIT = "visit", _("Heard on a grid visit")
    LIAISON = "liaison", _("Heard on a leader's visit to an expert")


class CaseEventKind(models.TextChoices):
    RAISED = "raised", _("Raised")
    ROUTED = "routed", _("Routed")
    COMMENT = "comment", _("Comment")
    ATTACHED = "attached", _("File attached")
    ESCALATED = "escalated", _("Escalated")
    AUTO_ESCALATED = "auto_escalated", _("Escalated automatically")
    DEPARTMENT_CHANGED = "department_changed", _("Department changed")
    CONSULTATION_SCHEDULED = "consultation_scheduled", _("Consultation scheduled")
    CONSULTATION_HELD = "consultation_held", _("Consultation held")
    TASK_DONE = "task_done", _("Task done")
    RESOLVED = "resolved", pgettext_lazy("case event", "Resolved")
    CONFIRMED = "confirmed", _("Confirmed by the requester")
    REOPENED = "reopened", _("Reopened")
    AUTO_CLOSED = "auto_closed", _("Closed without an answer")
    OVERDUE = "overdue", _("Past the deadline at the last level")


class ConsultationStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    HELD = "held", _("Held")
