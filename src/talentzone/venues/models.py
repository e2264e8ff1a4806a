"""The HR service park's rooms and their bookings.

Constraints here are the database's half of the invariants; `services.py` is the only writer and
holds the other half (opening hours, quotas, who may book). That no two bookings of one venue
overlap is also the database's: on PostgreSQL an exclusion constraint over the booked range
(`0002_booking_no_overlap`), which SQLite cannot express, so there the service serialises the
check and the insert.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from talentzone.core.models import TimeStamped

from .choices import BookerKind, BookingPurpose, BookingStatus, VenueKind


def new_feed_token() -> str:
    return secrets.token_urlsafe(24)


class Venue(TimeStamped):
    """A room lent by the park: who may book it, when it is open and how long it may be held."""

    name = models.CharField(_("name"), max_length=60, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=VenueKind.choices)
    place = models.CharField(_("place"), max_length=120, help_text=_("Building, floor and room"))
    capacity = models.PositiveSmallIntegerField(_("capacity"))
    area = models.PositiveSmallIntegerField(_("area (m²)"), null=True, blank=True)
    equipment = models.CharField(_("equipment"), max_length=300, blank=True)
    opens_at = models.TimeField(_("opens at"))
    closes_at = models.TimeField(_("closes at"))
    closed_weekdays = models.CharField(
        _("closed weekdays"),
        max_length=13,
        blank=True,
        help_text=_("Day numbers separated by commas: 0 is Monday, 6 is Sunday"),
    )
    bookers = models.CharField(_("who may book"), max_length=30, choices=BookerKind.choices)
    needs_approval = models.BooleanField(_("bookings need approval"), default=False)
    buffer_minutes = models.PositiveSmallIntegerField(
        _("cleaning buffer (minutes)"), default=15, help_text=_("Kept free after each booking")
    )
    max_minutes = models.PositiveSmallIntegerField(_("longest booking (minutes)"), default=240)
    weekly_quota_hours = models.PositiveSmallIntegerField(
        _("hours per organisation per week"),
        null=True,
        blank=True,
        help_text=_("Empty: no limit"),
    )
    cancel_cutoff_hours = models.PositiveSmallIntegerField(
        _("cancellation possible until (hours before)"), default=2
    )
    days_ahead = models.PositiveSmallIntegerField(_("bookable days ahead"), default=60)
    active = models.BooleanField(_("active"), default=True)
    feed_token = models.CharField(
        _("calendar feed key"), max_length=40, unique=True, default=new_feed_token, editable=False
    )

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=VenueKind.values), name="venue_kind_known"),
            models.CheckConstraint(
                condition=Q(bookers__in=BookerKind.values), name="venue_bookers_known"
            ),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="venue_capacity_positive"),
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")), name="venue_opens_before_closing"
            ),
            models.CheckConstraint(condition=Q(max_minutes__gte=15), name="venue_max_minutes_min"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def closed_weekday_numbers(self) -> frozenset[int]:
        return frozenset(int(day) for day in self.closed_weekdays.split(",") if day.strip())


class VenueClosure(models.Model):
    """A day the venue is closed besides its weekly closed days (a holiday, a repair)."""

    venue = models.ForeignKey(
        Venue, on_delete=models.CASCADE, related_name="closures", verbose_name=_("venue")
    )
    date = models.DateField(_("date"))
    reason = models.CharField(_("reason"), max_length=100, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("closed day")
        verbose_name_plural = _("closed days")
        constraints = [
            models.UniqueConstraint(fields=["venue", "date"], name="venue_closure_once_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.venue} {self.date}"


class Booking(TimeStamped):
    """A venue held from `starts_at` to `ends_at`; the room stays blocked until `blocked_until`
    (the end plus the venue's cleaning buffer at the time of booking)."""

    venue = models.ForeignKey(
        Venue, on_delete=models.PROTECT, related_name="bookings", verbose_name=_("venue")
    )
    purpose = models.CharField(_("purpose"), max_length=20, choices=BookingPurpose.choices)
    title = models.CharField(_("title"), max_length=100)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    blocked_until = models.DateTimeField(_("blocked until"))
    attendees = models.PositiveSmallIntegerField(_("attendees"), default=1)
    status = models.CharField(
        _("status"), max_length=20, choices=BookingStatus.choices, default=BookingStatus.CONFIRMED
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="venue_bookings",
        verbose_name=_("booked by"),
    )
    # The organisation the booking counts against (its weekly quota); none for the office.
    agency = models.ForeignKey(
        "directory.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="venue_bookings",
        verbose_name=_("HR agency"),
    )
    enterprise = models.ForeignKey(
        "directory.Enterprise",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="venue_bookings",
        verbose_name=_("enterprise"),
    )
    station = models.ForeignKey(
        "directory.Station",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="venue_bookings",
        verbose_name=_("talent station"),
    )
    demand = models.ForeignKey(
        "recruiting.Demand",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="venue_bookings",
        verbose_name=_("interviews for demand"),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.CharField(_("decision note"), max_length=300, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=300, blank=True)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        indexes = [models.Index(fields=["venue", "starts_at"], name="booking_venue_start")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="booking_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(blocked_until__gte=F("ends_at")), name="booking_blocked_past_end"
            ),
            models.CheckConstraint(condition=Q(attendees__gte=1), name="booking_attendees_min"),
            models.CheckConstraint(
                condition=Q(status__in=BookingStatus.values), name="booking_status_known"
            ),
            models.CheckConstraint(
                condition=Q(purpose__in=BookingPurpose.values), name="booking_purpose_known"
            ),
            models.CheckConstraint(
                condition=(
                    Q(agency=None, enterprise=None)
                    | Q(agency=None, station=None)
                    | Q(enterprise=None, station=None)
                ),
                name="booking_at_most_one_organisation",
            ),
            models.CheckConstraint(
                condition=~Q(status=BookingStatus.CANCELLED) | Q(cancelled_at__isnull=False),
                name="booking_cancelled_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.venue} {self.starts_at:%Y-%m-%d %H:%M} {self.title}"

    @property
    def organisation(self):
        return self.agency or self.enterprise or self.station
