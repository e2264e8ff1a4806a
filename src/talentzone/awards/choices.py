"""Choices of the yearly evaluations. Values are stable identifiers; labels are translated."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class RoundKind(models.TextChoices):
    """An evaluation the zone decides itself, or its recommendation into a higher programme."""

    AWARD = "award", _("Zone evaluation")
    RECOMMENDATION = "recommendation", _("Recommendation to a higher programme")


class RoundCategory(models.TextChoices):
    OUTSTANDING = "outstanding", _("Outstanding talent")
    YOUNG = "young", _("Outstanding young talent")


class RoundStatus(models.TextChoices):
    """draft → nominating → screening → scoring → notice → announced."""

    DRAFT = "draft", pgettext_lazy("round", "Draft")
    NOMINATING = "nominating", _("Open for nominations")
    SCREENING = "screening", _("Screening")
    SCORING = "scoring", _("Expert scoring")
    NOTICE = "notice", pgettext_lazy("round", "On public notice")
    ANNOUNCED = "announced", _("Announced")


class NominationStatus(models.TextChoices):
    SUBMITTED = "submitted", pgettext_lazy("nomination", "Submitted")
    ADMITTED = "admitted", _("Admitted")
    REFUSED = "refused", pgettext_lazy("nomination", "Refused")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Conflict(models.TextChoices):
    """Why an expert does not score a nominee (recorded on the assignment, shown to the office)."""

    SAME_EMPLOYER = "same_employer", _("Works for the nominee's employer")
    NOMINATED = "nominated", _("Nominated this nominee")
    SELF = "self", _("Is the nominee")


class EntryStatus(models.TextChoices):
    """A ranked nominee: below the quota, on public notice, removed by an upheld objection, or
    named (a winner; in a recommendation round, recommended)."""

    RANKED = "ranked", _("Ranked below the quota")
    NOTICE = "notice", pgettext_lazy("ranking", "On public notice")
    REMOVED = "removed", _("Removed after an objection")
    NAMED = "named", _("Named")


class Outcome(models.TextChoices):
    """The higher programme's answer to a recommendation."""

    PENDING = "pending", _("Awaiting the programme's decision")
    SELECTED = "selected", pgettext_lazy("programme", "Selected")
    NOT_SELECTED = "not_selected", pgettext_lazy("programme", "Not selected")


class ObjectionStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("objection", "Open")
    DISMISSED = "dismissed", pgettext_lazy("objection", "Dismissed")
    UPHELD = "upheld", pgettext_lazy("objection", "Upheld")
