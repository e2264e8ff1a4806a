"""Choices of the talent apartments. Values are stable identifiers stored in the database."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Layout(models.TextChoices):
    STUDIO = "studio", _("Studio")
    ONE_ROOM = "one_room", _("One bedroom")
    TWO_ROOMS = "two_rooms", _("Two bedrooms")
    THREE_ROOMS = "three_rooms", _("Three bedrooms")


# The largest household each layout houses (the office's rule of thumb, 住房面积标准).
MAX_HOUSEHOLD = {
    Layout.STUDIO: 1,
    Layout.ONE_ROOM: 2,
    Layout.TWO_ROOMS: 4,
    Layout.THREE_ROOMS: 6,
}


class ApartmentStatus(models.TextChoices):
    VACANT = "vacant", _("Vacant")
    RESERVED = "reserved", _("Reserved for an offer")
    LET = "let", pgettext_lazy("apartment", "Let")
    REPAIR = "repair", _("Under repair")


class EntryStatus(models.TextChoices):
    """Where a household stands in the queue."""

    WAITING = "waiting", _("Waiting")
    OFFERED = "offered", _("Offered a flat")
    HOUSED = "housed", _("Housed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class OfferStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("offer", "Open")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    EXPIRED = "expired", _("Expired")
    SIGNED = "signed", _("Lease signed")
    WITHDRAWN = "withdrawn", _("Withdrawn with the household")


class LeaseStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    ENDED = "ended", _("Ended")
    TERMINATED = "terminated", _("Ended early")


class InspectionOutcome(models.TextChoices):
    VACANT = "vacant", _("Ready to let")
    REPAIR = "repair", _("Needs repair")


class SchoolLevel(models.TextChoices):
    KINDERGARTEN = "kindergarten", _("Kindergarten")
    PRIMARY = "primary", _("Primary school")
    MIDDLE = "middle", _("Middle school")
