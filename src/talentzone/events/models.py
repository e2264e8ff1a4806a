"""Events at the talent stations and in the park, who registered for them, who came, and the
trainings' sessions and certificates.

Constraints here are the database's half of the invariants: an event's `confirmed` counter and
each quota's `confirmed` counter can never exceed their places, one live registration per person
and event, one check-in code per registration. `services.py` is the only writer and keeps the
counters in step under a row lock on the event.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from talentzone.core.models import TimeStamped

from .choices import (
    LIVE_STATUSES,
    Audience,
    EventKind,
    EventStatus,
    QuotaBy,
    RegistrationStatus,
)

# Letters and digits that cannot be mistaken for one another when typed at the door.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8


def new_checkin_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


class Event(TimeStamped):
    """A gathering at a station or in a park venue, with its places and who may take them."""

    title = models.CharField(_("title"), max_length=120)
    kind = models.CharField(_("kind"), max_length=30, choices=EventKind.choices)
    description = models.TextField(_("description"), blank=True)
    station = models.ForeignKey(
        "directory.Station",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("talent station"),
    )
    venue = models.ForeignKey(
        "venues.Venue",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("venue"),
    )
    booking = models.OneToOneField(
        "venues.Booking",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event",
        verbose_name=_("venue booking"),
    )
    place = models.CharField(_("place"), max_length=120, blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    capacity = models.PositiveIntegerField(_("places"))
    confirmed = models.PositiveIntegerField(_("places taken"), default=0, editable=False)
    quota_by = models.CharField(
        _("places divided by"), max_length=20, choices=QuotaBy.choices, blank=True, default=""
    )
    registration_opens_at = models.DateTimeField(_("registration opens"))
    registration_closes_at = models.DateTimeField(_("registration closes"))
    audience = models.CharField(
        _("who may register"), max_length=20, choices=Audience.choices, default=Audience.TALENTS
    )
    max_age = models.PositiveSmallIntegerField(_("age limit"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=EventStatus.choices, default=EventStatus.DRAFT
    )
    sessions_required = models.PositiveSmallIntegerField(
        _("sessions needed for the certificate"),
        null=True,
        blank=True,
        help_text=_("Trainings only. Empty: every session."),
    )
    demands = models.ManyToManyField(
        "recruiting.Demand",
        blank=True,
        related_name="live_streams",
        verbose_name=_("demands presented"),
    )
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="organised_events",
        verbose_name=_("organiser"),
    )
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=300, blank=True)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [models.Index(fields=["status", "starts_at"], name="event_status_start")]
        constraints = [
            models.CheckConstraint(
                condition=Q(station__isnull=False) | Q(venue__isnull=False),
                name="event_at_station_or_venue",
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="event_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(registration_closes_at__gt=F("registration_opens_at"))
                & Q(registration_closes_at__lte=F("ends_at")),
                name="event_registration_window",
            ),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="event_capacity_positive"),
            models.CheckConstraint(
                condition=Q(confirmed__lte=F("capacity")), name="event_never_over_capacity"
            ),
            models.CheckConstraint(condition=Q(kind__in=EventKind.values), name="event_kind_known"),
            models.CheckConstraint(
                condition=Q(status__in=EventStatus.values), name="event_status_known"
            ),
            models.CheckConstraint(
                condition=Q(audience__in=Audience.values), name="event_audience_known"
            ),
            models.CheckConstraint(
                condition=Q(quota_by__in=QuotaBy.values), name="event_quota_by_known"
            ),
            models.CheckConstraint(
                condition=~Q(audience=Audience.YOUNG) | Q(max_age__isnull=False),
                name="event_young_has_age_limit",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def places_left(self) -> int:
        return self.capacity - self.confirmed


class EventQuota(models.Model):
    """Places reserved for one group (e.g. women) of an event divided by `quota_by`."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="quotas", verbose_name=_("event")
    )
    group = models.CharField(_("group"), max_length=20)
    places = models.PositiveIntegerField(_("places"))
    confirmed = models.PositiveIntegerField(_("places taken"), default=0, editable=False)

    class Meta:
        ordering = ["event", "group"]
        verbose_name = _("quota")
        verbose_name_plural = _("quotas")
        constraints = [
            models.UniqueConstraint(fields=["event", "group"], name="quota_one_per_group"),
            models.CheckConstraint(
                condition=Q(confirmed__lte=F("places")), name="quota_never_exceeded"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event}: {self.group} {self.confirmed}/{self.places}"


class Registration(TimeStamped):
    """One person's place (or place in the queue) at one event, with the code they show at the
    door. Waiting-list order is arrival order: `created_at`, then `id`."""

    event = models.ForeignKey(
        Event, on_delete=models.PROTECT, related_name="registrations", verbose_name=_("event")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="event_registrations",
        verbose_name=_("person"),
    )
    talent = models.ForeignKey(
        "directory.Talent",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="event_registrations",
        verbose_name=_("talent"),
    )
    group = models.CharField(_("group"), max_length=20, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=RegistrationStatus.choices)
    code = models.CharField(
        _("check-in code"), max_length=12, unique=True, default=new_checkin_code, editable=False
    )
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("checked in by"),
    )
    promoted_at = models.DateTimeField(
        _("moved up from the waiting list at"), null=True, blank=True
    )
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)

    class Meta:
        ordering = ["event", "created_at", "id"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        indexes = [models.Index(fields=["event", "status"], name="registration_event_status")]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=Q(status__in=LIVE_STATUSES),
                name="registration_one_live_per_person",
                violation_error_message=_("You are already registered for this event."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=RegistrationStatus.values),
                name="registration_status_known",
            ),
            models.CheckConstraint(
                condition=(
                    Q(status=RegistrationStatus.ATTENDED, checked_in_at__isnull=False)
                    | (~Q(status=RegistrationStatus.ATTENDED) & Q(checked_in_at__isnull=True))
                ),
                name="registration_attended_has_check_in",
            ),
            models.CheckConstraint(
                condition=~Q(status=RegistrationStatus.CANCELLED) | Q(cancelled_at__isnull=False),
                name="registration_cancelled_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.event}"


class TrainingSession(models.Model):
    """One class of a training; attendance is taken per session."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("training")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=120)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))

    class Meta:
        ordering = ["event", "number"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.UniqueConstraint(fields=["event", "number"], name="session_number_unique"),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="session_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event} #{self.number}"


class SessionAttendance(models.Model):
    session = models.ForeignKey(
        TrainingSession,
        on_delete=models.CASCADE,
        related_name="attendances",
        verbose_name=_("session"),
    )
    registration = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        related_name="session_attendances",
        verbose_name=_("registration"),
    )
    checked_in_at = models.DateTimeField(_("checked in at"))
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("checked in by"),
    )

    class Meta:
        ordering = ["session", "checked_in_at"]
        verbose_name = _("session attendance")
        verbose_name_plural = _("session attendances")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "registration"], name="session_attendance_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.registration} @ {self.session}"


class Certificate(models.Model):
    """A training's completion certificate: issued once, numbered, rendered as PDF on request."""

    registration = models.OneToOneField(
        Registration,
        on_delete=models.PROTECT,
        related_name="certificate",
        verbose_name=_("registration"),
    )
    number = models.CharField(_("certificate number"), max_length=30, unique=True)
    issued_at = models.DateTimeField(_("issued at"))
    sessions_attended = models.PositiveSmallIntegerField(_("sessions attended"))

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")

    def __str__(self) -> str:
        return self.number


class LiveStreamInterest(models.Model):
    """A live-stream viewer's sign-up for one presented demand, and the referral it became
    (none when the viewer misses a required requirement or was already a candidate)."""

    registration = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        related_name="interests",
        verbose_name=_("registration"),
    )
    demand = models.ForeignKey(
        "recruiting.Demand",
        on_delete=models.CASCADE,
        related_name="live_stream_interests",
        verbose_name=_("demand"),
    )
    referral = models.ForeignKey(
        "recruiting.Referral",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("referral"),
    )
    outcome = models.CharField(_("outcome"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("live-stream sign-up")
        verbose_name_plural = _("live-stream sign-ups")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "demand"], name="live_stream_interest_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.registration} ↔ {self.demand}"


class StationFollow(models.Model):
    """A person's 'my stations': the stations whose events they want to see first."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="followed_stations",
        verbose_name=_("person"),
    )
    station = models.ForeignKey(
        "directory.Station",
        on_delete=models.CASCADE,
        related_name="followers",
        verbose_name=_("talent station"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("followed station")
        verbose_name_plural = _("followed stations")
        constraints = [
            models.UniqueConstraint(fields=["user", "station"], name="station_follow_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} ★ {self.station}"
