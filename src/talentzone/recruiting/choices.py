"""Choices of recruiting. Values are stable identifiers stored in the database."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ProjectKind(models.TextChoices):
    TALENT_PROJECT = "talent_project", _("Talent project")
    COOPERATION = "cooperation", _("University–enterprise cooperation")


class ProjectStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    FINISHED = "finished", _("Finished")


class DemandStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("demand status", "Open")
    FILLED = "filled", pgettext_lazy("demand status", "Filled")
    CLOSED = "closed", pgettext_lazy("demand status", "Closed")


class ReferralStatus(models.TextChoices):
    """A referral's stages. Hired, rejected, declined and withdrawn are final."""

    REFERRED = "referred", _("Referred")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    INTERVIEW = "interview", _("Interview scheduled")
    OFFERED = "offered", _("Offer made")
    HIRED = "hired", _("Hired")
    REJECTED = "rejected", _("Not selected")
    DECLINED = "declined", _("Declined by the candidate")
    WITHDRAWN = "withdrawn", _("Withdrawn")


LIVE_REFERRAL_STATUSES = (
    ReferralStatus.REFERRED,
    ReferralStatus.SHORTLISTED,
    ReferralStatus.INTERVIEW,
    ReferralStatus.OFFERED,
)
FINAL_REFERRAL_STATUSES = (
    ReferralStatus.HIRED,
    ReferralStatus.REJECTED,
    ReferralStatus.DECLINED,
    ReferralStatus.WITHDRAWN,
)


class InterviewOutcome(models.TextChoices):
    PENDING = "pending", _("Pending")
    PASSED = "passed", _("Passed")
    FAILED = "failed", _("Failed")
    NO_SHOW = "no_show", _("Did not attend")


class ConsentMethod(models.TextChoices):
    """How a candidate agreed to be held in an agency's pool and proposed to employers."""

    SIGNED_FORM = "signed_form", _("Signed form")
    ONLINE = "online", _("Agreed online")
    RECORDED_CALL = "recorded_call", _("Recorded phone call")
