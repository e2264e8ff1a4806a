"""Choices of events. Values are stable identifiers stored in the database."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class EventKind(models.TextChoices):
    SOCIAL = "social", _("Social for young professionals")
    TALENT_DAY = "talent_day", _("Talent day")
    PARTY_COMMUNITY = "party_community", _("Party and community activity")
    SKILL_TRAINING = "skill_training", _("Skill training")
    CADRE_TRAINING = "cadre_training", _("Cadre training")
    ENTREPRENEUR_TRAINING = "entrepreneur_training", _("Entrepreneur training")
    LIVE_STREAM = "live_stream", _("Live-stream recruiting")
    OTHER = "other", _("Other event")


TRAINING_KINDS = (
    EventKind.SKILL_TRAINING,
    EventKind.CADRE_TRAINING,
    EventKind.ENTREPRENEUR_TRAINING,
)


class EventStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("event status", "Draft")
    PUBLISHED = "published", pgettext_lazy("event status", "Published")
    CANCELLED = "cancelled", pgettext_lazy("event status", "Cancelled")


class Audience(models.TextChoices):
    """Who may register for an event."""

    TALENTS = "talents", _("Every talent")
    IN_ZONE = "in_zone", _("Talents working in the zone")
    YOUNG = "young", _("Young talents (up to the age limit)")
    STAFF = "staff", _("The zone's cadres and staff")
    EVERYONE = "everyone", _("Everyone with an account")


class QuotaBy(models.TextChoices):
    """What an event's places may be divided by."""

    NONE = "", _("No quotas")
    GENDER = "gender", _("Gender")


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", pgettext_lazy("registration status", "Confirmed")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CANCELLED = "cancelled", pgettext_lazy("registration status", "Cancelled")
    ATTENDED = "attended", _("Attended")


# A registration that holds a place (counts against capacity and quota).
HOLDING_STATUSES = (RegistrationStatus.CONFIRMED, RegistrationStatus.ATTENDED)
LIVE_STATUSES = (*HOLDING_STATUSES, RegistrationStatus.WAITLISTED)
