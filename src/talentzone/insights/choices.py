from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ReportKind(models.TextChoices):
    MONTHLY = "monthly", _("Monthly report")
    YEARLY = "yearly", _("Yearly report")


class ReportStatus(models.TextChoices):
    # A context of their own: "Waiting" and "Failed" mean other things on other pages.
    QUEUED = "queued", pgettext_lazy("report status", "Waiting")
    RUNNING = "running", pgettext_lazy("report status", "Being written")
    DONE = "done", pgettext_lazy("report status", "Ready")
    FAILED = "failed", pgettext_lazy("report status", "Failed")
