"""Choices of the policies app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EntryKind(models.TextChoices):
    """What a ledger entry does to its budget line.

    A reservation sets money aside for one purpose (an approved application); a release gives
    the rest of a reservation back; a disbursement pays out of a reservation.
    """

    RESERVE = "reserve", _("reservation")
    RELEASE = "release", _("release")
    DISBURSE = "disburse", _("disbursement")


class ApplicantKind(models.TextChoices):
    """Who may apply for a policy; an application names exactly one applicant of that kind."""

    TALENT = "talent", _("Talent")
    ENTERPRISE = "enterprise", _("Enterprise")
    AGENCY = "agency", _("HR agency")
    VENTURE = "venture", _("Student venture")


class FormulaKind(models.TextChoices):
    """How a policy's amount is worked out; every kind is capped by the policy's cap, if any."""

    FIXED = "fixed", _("Fixed amount")
    PER_UNIT = "per_unit", _("Amount per unit")
    TIERED = "tiered", _("By talent tier")
    PERCENTAGE = "percentage", _("Percentage of a declared figure")


class Benefit(models.TextChoices):
    """What a policy gives: money from a budget line, or a place or a service (a flat, a school
    place) that another app hands out once the application is approved (see outcomes.py)."""

    MONEY = "money", _("Money")
    IN_KIND = "in_kind", _("A place or a service (in kind)")


class ApplicationStatus(models.TextChoices):
    """Where an application is. Returned goes back to the applicant; nothing is ever deleted."""

    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    RETURNED = "returned", _("Returned for changes")
    NOTICE = "notice", _("On public notice")
    APPROVED = "approved", _("Approved")
    PAID = "paid", _("Paid")
    REJECTED = "rejected", _("Rejected")


class Decision(models.TextChoices):
    """What a reviewer decides at a stage."""

    APPROVE = "approve", _("Approve")
    REJECT = "reject", _("Reject")
    RETURN = "return", _("Return for changes")


class EventKind(models.TextChoices):
    """One line of an application's timeline."""

    CREATED = "created", _("Draft created")
    SUBMITTED = "submitted", _("Submitted")
    RESUBMITTED = "resubmitted", _("Resubmitted after changes")
    APPROVED_STAGE = "approved_stage", _("Stage approved")
    SKIPPED_STAGE = "skipped_stage", _("Stage skipped: the registry proves it")
    RETURNED = "returned", _("Returned for changes")
    REJECTED = "rejected", _("Rejected")
    NOTICE_STARTED = "notice_started", _("Public notice started")
    OBJECTION_LODGED = "objection_lodged", _("Objection lodged")
    OBJECTION_DISMISSED = "objection_dismissed", _("Objection dismissed")
    OBJECTION_UPHELD = "objection_upheld", _("Objection upheld")
    APPROVED = "approved", _("Approved")
    PAID = "paid", _("Paid")
    GRANTED = "granted", _("Granted: decided by an evaluation")


class ObjectionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DISMISSED = "dismissed", _("Dismissed")
    UPHELD = "upheld", _("Upheld")


class OfferStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class StageRole(models.TextChoices):
    """Who decides at a review stage (the values are roles, see core.choices.Role).

    The applicant's enterprise confirms a talent's employment; a department's reviewers check the
    substance; the talent office approves.
    """

    ENTERPRISE_HR = "enterprise_hr", _("The applicant's enterprise")
    REVIEWER = "reviewer", _("Department reviewers")
    OFFICE_ADMIN = "office_admin", _("Talent office")
