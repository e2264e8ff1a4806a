"""Choices of venues. Values are stable identifiers stored in the database."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class VenueKind(models.TextChoices):
    INTERVIEW_ROOM = "interview_room", _("Interview room")
    TRAINING_ROOM = "training_room", _("Training room")
    MEETING_ROOM = "meeting_room", _("Meeting room")
    LIVE_STREAM_ROOM = "live_stream_room", _("Live-stream recruiting room")
    HALL = "hall", _("Event hall")


class BookerKind(models.TextChoices):
    """Who may book a venue (besides the office, which may book every venue)."""

    AGENCIES = "agencies", _("HR agencies of the park")
    ENTERPRISES = "enterprises", _("Enterprises")
    AGENCIES_AND_ENTERPRISES = "agencies_and_enterprises", _("Agencies and enterprises")
    STATIONS = "stations", _("Talent stations")
    OFFICE = "office", _("The talent office only")


class BookingPurpose(models.TextChoices):
    INTERVIEW = "interview", _("Interview round")
    TRAINING = "training", _("Training")
    LIVE_STREAM = "live_stream", _("Live stream")
    MEETING = "meeting", _("Meeting")
    EVENT = "event", _("Event")


class BookingStatus(models.TextChoices):
    """A requested booking holds its slot while it waits for approval, as a confirmed one does."""

    REQUESTED = "requested", _("Awaiting approval")
    CONFIRMED = "confirmed", pgettext_lazy("booking status", "Confirmed")
    REJECTED = "rejected", pgettext_lazy("booking status", "Rejected")
    CANCELLED = "cancelled", pgettext_lazy("booking status", "Cancelled")


HOLDING_STATUSES = (BookingStatus.REQUESTED, BookingStatus.CONFIRMED)
