"""Reads of events, scoped to the reader (outside the scope: 404), shared by pages, API and
reports.

* Events: the office and leaders see every event; anyone signed in sees the published (and the
  cancelled ones, so a registrant learns why); an organiser also their own drafts, a station's
  staff every event of their station, an agency's staff the live streams their agency booked, and
  a registrant the events they registered for.
* Who fits an event's audience (`fits_audience`) is the one rule the services and the list of
  upcoming events share.
* Attendance: of an event (`attendance`) and per station (`station_attendance`).
* Figures of the dashboards: `events_by_month`, `attendance_by_kind` (see figures.py).
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy

from talentzone.core.choices import Role
from talentzone.core.figures import FigureData, Period, Series
from talentzone.core.roles import has_role
from talentzone.directory.choices import TalentStatus
from talentzone.directory.models import Station, Talent
from talentzone.directory.queries import member_ids

from .choices import (
    HOLDING_STATUSES,
    LIVE_STATUSES,
    Audience,
    EventKind,
    EventStatus,
    RegistrationStatus,
)
from .models import Certificate, Event, Registration, StationFollow
from .qr import qr_svg  # noqa: F401  (part of the reads: the QR code of a registration)

OVERSEES = (Role.OFFICE_ADMIN, Role.LEADER)
# "The zone's cadres and staff": the audience of cadre trainings and staff events.
STAFF_ROLES = (
    Role.OFFICE_ADMIN,
    Role.REVIEWER,
    Role.GRID_OFFICER,
    Role.LEADER,
    Role.STATION_STAFF,
)
NOTHING = Q(pk__in=[])


# Events --------------------------------------------------------------------------------------


def event_scope(user) -> Q | None:
    """The events `user` sees as a filter; None for every event."""
    if not user.is_authenticated:
        return NOTHING
    if has_role(user, *OVERSEES):
        return None
    scope = Q(status__in=[EventStatus.PUBLISHED, EventStatus.CANCELLED]) | Q(organiser=user)
    if has_role(user, Role.STATION_STAFF):
        scope |= Q(station__in=member_ids(user, "station"))
    if has_role(user, Role.AGENCY_STAFF):
        scope |= Q(booking__agency__in=member_ids(user, "agency"))
    scope |= Q(pk__in=Registration.objects.filter(user=user).values("event"))
    return scope


def visible_events(user) -> QuerySet[Event]:
    events = Event.objects.select_related("station", "venue", "booking", "organiser")
    scope = event_scope(user)
    return events if scope is None else events.filter(scope)


def talent_of(user) -> Talent | None:
    """The registry record of a signed-in person, if they have one."""
    if not user.is_authenticated:
        return None
    cached = user.__dict__.get("_talentzone_talent", False)
    if cached is False:
        cached = Talent.objects.filter(user=user).first()
        user.__dict__["_talentzone_talent"] = cached
    return cached


def age_on(birth_date: datetime.date, day: datetime.date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def event_day(event: Event) -> datetime.date:
    return timezone.localtime(event.starts_at).date()


def fits_audience(user, event: Event, talent: Talent | None = None) -> bool:
    """Whether `user` is among those who may register for `event`:

    * talents — anyone with a record in the registry (or the talent role);
    * in_zone — a registry record of someone in the zone;
    * young — a registry record of someone no older than the age limit on the event's day;
    * staff — the zone's cadres and staff (office, reviewers, grid officers, leaders, stations);
    * everyone — anyone signed in."""
    if not user.is_authenticated:
        return False
    talent = talent if talent is not None else talent_of(user)
    audience = event.audience
    if audience == Audience.EVERYONE:
        return True
    if audience == Audience.STAFF:
        return has_role(user, *STAFF_ROLES)
    if audience == Audience.TALENTS:
        return talent is not None or has_role(user, Role.TALENT)
    if audience == Audience.IN_ZONE:
        return talent is not None and talent.status == TalentStatus.IN_ZONE
    if audience == Audience.YOUNG:
        return (
            talent is not None
            and event.max_age is not None
            and age_on(talent.birth_date, event_day(event)) <= event.max_age
        )
    return False


def _audiences_of(user, talent: Talent | None) -> set[str]:
    """The audiences (but `young`, which depends on the event) that `user` belongs to."""
    fits = {Audience.EVERYONE.value}
    if has_role(user, *STAFF_ROLES):
        fits.add(Audience.STAFF.value)
    if talent is not None or has_role(user, Role.TALENT):
        fits.add(Audience.TALENTS.value)
    if talent is not None and talent.status == TalentStatus.IN_ZONE:
        fits.add(Audience.IN_ZONE.value)
    return fits


def upcoming_for(user, now: datetime.datetime | None = None) -> QuerySet[Event]:
    """Published events not yet over whose audience fits `user`: the events of the stations
    they follow first, then by start. Each carries `followed` (bool)."""
    if not user.is_authenticated:
        return Event.objects.none()
    now = now or timezone.now()
    talent = talent_of(user)
    events = Event.objects.filter(status=EventStatus.PUBLISHED, ends_at__gt=now)
    scope = Q(audience__in=_audiences_of(user, talent))
    if talent is not None:
        young = [
            event.pk
            for event in events.filter(audience=Audience.YOUNG).only(
                "pk", "starts_at", "max_age", "audience"
            )
            if fits_audience(user, event, talent)
        ]
        scope |= Q(pk__in=young)
    followed = StationFollow.objects.filter(user=user, station=OuterRef("station"))
    return (
        events.filter(scope)
        .annotate(followed=Exists(followed))
        .select_related("station", "venue", "booking", "organiser")
        .order_by("-followed", "starts_at", "id")
    )


def followed_stations(user) -> QuerySet[Station]:
    if not user.is_authenticated:
        return Station.objects.none()
    return Station.objects.filter(followers__user=user).order_by("name")


# Registrations -------------------------------------------------------------------------------


def registrations_of(event: Event) -> QuerySet[Registration]:
    """Every registration of the event in arrival order (the waiting list's order)."""
    return (
        Registration.objects.filter(event=event)
        .select_related("user", "talent", "checked_in_by")
        .order_by("created_at", "id")
    )


def waitlist(event: Event) -> QuerySet[Registration]:
    """The waiting list, first in line first."""
    return registrations_of(event).filter(status=RegistrationStatus.WAITLISTED)


def waitlist_position(registration: Registration) -> int | None:
    """1 for the first in line; None for a registration not on the waiting list."""
    if registration.status != RegistrationStatus.WAITLISTED:
        return None
    ahead = Registration.objects.filter(
        event_id=registration.event_id, status=RegistrationStatus.WAITLISTED
    ).filter(
        Q(created_at__lt=registration.created_at)
        | Q(created_at=registration.created_at, id__lt=registration.pk)
    )
    return ahead.count() + 1


def registrations_for(user) -> QuerySet[Registration]:
    """A person's own registrations, the next event first."""
    if not user.is_authenticated:
        return Registration.objects.none()
    return (
        Registration.objects.filter(user=user)
        .select_related("event", "event__station", "event__venue")
        .order_by("-event__starts_at", "-id")
    )


def live_registration(user, event: Event) -> Registration | None:
    """The person's registration for the event that holds a place or a place in line."""
    if not user.is_authenticated:
        return None
    return Registration.objects.filter(user=user, event=event, status__in=LIVE_STATUSES).first()


def certificates_of(user) -> QuerySet[Certificate]:
    if not user.is_authenticated:
        return Certificate.objects.none()
    return Certificate.objects.filter(registration__user=user).select_related(
        "registration__event", "registration__talent"
    )


# Attendance ----------------------------------------------------------------------------------


def attendance(event: Event, now: datetime.datetime | None = None) -> dict:
    """The event's figures: `confirmed` (people who held a place: confirmed or attended),
    `attended`, `no_shows` (held a place and did not come: counted once the event has ended,
    0 before), `waitlisted`, `cancelled`, and `rate` = attended / confirmed (a fraction 0..1,
    None without anyone confirmed)."""
    now = now or timezone.now()
    counts = dict(
        Registration.objects.filter(event=event)
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    attended = counts.get(RegistrationStatus.ATTENDED, 0)
    confirmed = attended + counts.get(RegistrationStatus.CONFIRMED, 0)
    ended = event.ends_at <= now
    return {
        "confirmed": confirmed,
        "attended": attended,
        "no_shows": counts.get(RegistrationStatus.CONFIRMED, 0) if ended else 0,
        "waitlisted": counts.get(RegistrationStatus.WAITLISTED, 0),
        "cancelled": counts.get(RegistrationStatus.CANCELLED, 0),
        "rate": _rate(attended, confirmed),
    }


@dataclass(frozen=True)
class StationAttendance:
    """One station's figures over the events that ended in a period (cancelled events left
    out): how many events, people confirmed, attended, no-shows, and attended / confirmed."""

    station: Station
    events: int
    confirmed: int
    attended: int
    no_shows: int

    @property
    def station_name(self) -> str:
        return self.station.name

    @property
    def rate(self) -> float | None:
        return _rate(self.attended, self.confirmed)


def station_attendance(
    start: datetime.datetime | datetime.date | None = None,
    end: datetime.datetime | datetime.date | None = None,
    now: datetime.datetime | None = None,
) -> list[StationAttendance]:
    """Every station's figures (stations without events too, with zeros), over its events that
    started in [start, end) and have ended by `now`; by name."""
    now = now or timezone.now()
    events = Event.objects.filter(station__isnull=False, ends_at__lte=now).exclude(
        status=EventStatus.CANCELLED
    )
    if start is not None:
        events = events.filter(starts_at__gte=_moment(start))
    if end is not None:
        events = events.filter(starts_at__lt=_moment(end))
    event_counts = dict(
        events.order_by().values_list("station").annotate(n=Count("pk")).values_list("station", "n")
    )
    held = Registration.objects.filter(event__in=events, status__in=HOLDING_STATUSES)
    figures: dict[int, dict[str, int]] = {}
    for station_id, status, n in (
        held.order_by()
        .values_list("event__station", "status")
        .annotate(n=Count("pk"))
        .values_list("event__station", "status", "n")
    ):
        figures.setdefault(station_id, {})[status] = n
    rows = []
    for station in Station.objects.order_by("name"):
        counts = figures.get(station.pk, {})
        attended = counts.get(RegistrationStatus.ATTENDED, 0)
        no_shows = counts.get(RegistrationStatus.CONFIRMED, 0)
        rows.append(
            StationAttendance(
                station=station,
                events=event_counts.get(station.pk, 0),
                confirmed=attended + no_shows,
                attended=attended,
                no_shows=no_shows,
            )
        )
    return rows


def _rate(attended: int, confirmed: int) -> float | None:
    return round(attended / confirmed, 4) if confirmed else None


def _moment(value) -> datetime.datetime:
    if isinstance(value, datetime.datetime):
        return value if timezone.is_aware(value) else timezone.make_aware(value)
    return datetime.datetime.combine(value, datetime.time(), tzinfo=timezone.get_current_timezone())


# Figures (core.figures; registered in figures.py) ---------------------------------------------


def _held_in(period: Period, now: datetime.datetime | None) -> QuerySet[Event]:
    """Events held in the period: published (not drafts, not called off), starting on a day of
    the period (park time) and over by `now`."""
    return Event.objects.filter(
        status=EventStatus.PUBLISHED,
        starts_at__date__range=(period.start, period.end),
        ends_at__lte=now or timezone.now(),
    )


def events_by_month(period: Period, *, now: datetime.datetime | None = None) -> FigureData:
    """Figure `events.by_month`: per month of the period, the events held (published, started on
    a day of that month within the period, park time, and over by now). One query."""
    held = _held_in(period, now).annotate(month=TruncMonth("starts_at")).order_by()
    counts = {
        _month_label(month): n for month, n in held.values_list("month").annotate(n=Count("pk"))
    }
    labels = period.month_labels()
    return FigureData(
        categories=list(labels),
        keys=list(labels),
        series=[Series("events", gettext_lazy("Events held"), [counts.get(m, 0) for m in labels])],
    )


def attendance_by_kind(period: Period, *, now: datetime.datetime | None = None) -> FigureData:
    """Figure `events.attendance`: per kind of event, over the events held in the period
    (published, started on a day of the period, over by now): `registered` (people who held a
    place: confirmed or attended), `attended` (checked in) and `no_shows` (held a place and did
    not come), so registered = attended + no_shows. Waiting lists and cancelled registrations are
    not counted. Every kind is shown, with zeros. One query."""
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    for kind, status, n in (
        Registration.objects.filter(
            event__in=_held_in(period, now).values("pk"), status__in=HOLDING_STATUSES
        )
        .order_by()
        .values_list("event__kind", "status")
        .annotate(n=Count("pk"))
    ):
        counts[kind][status] = n
    attended = [counts[kind].get(RegistrationStatus.ATTENDED, 0) for kind in EventKind.values]
    no_shows = [counts[kind].get(RegistrationStatus.CONFIRMED, 0) for kind in EventKind.values]
    return FigureData(
        categories=[kind.label for kind in EventKind],
        keys=list(EventKind.values),
        series=[
            Series(
                "registered",
                gettext_lazy("Registered"),
                [came + missed for came, missed in zip(attended, no_shows, strict=True)],
            ),
            Series("attended", gettext_lazy("Attended"), attended),
            Series("no_shows", gettext_lazy("No-shows"), no_shows),
        ],
    )


def _month_label(month: datetime.date | datetime.datetime) -> str:
    return month.strftime("%Y-%m")
