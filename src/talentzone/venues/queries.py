"""Reads of venues and bookings, shared by pages, API, the iCal feed and the services.

* Venues: anyone with a role sees the active ones (the office also the retired ones);
  `bookable_venues` are those the user may book.
* Bookings: the office and leaders see every booking; others those they made and those of the
  organisations they act for. A calendar shows every venue's taken slots to anyone who sees the
  venue; what it tells of another's booking is the page's business (title and organisation).

Times: a venue's opening hours and days are the park's, in settings.TIME_ZONE (Asia/Shanghai),
whatever time zone a reader has activated; every datetime handed out is aware.

A slot is taken when a holding booking (requested or confirmed) or its cleaning buffer covers any
of it, and free only when a booking of exactly that slot would be accepted as far as the calendar
knows: open, not past, not too far ahead, and its own cleaning buffer clear of the next booking.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from talentzone.core.choices import Role
from talentzone.core.figures import FigureData, Period, Series
from talentzone.core.roles import has_role, roles_of
from talentzone.directory.queries import member_ids

from .choices import HOLDING_STATUSES, BookingStatus
from .models import Booking, Venue, VenueClosure
from .rules import BOOKER_ROLES, ORGANISATION_KINDS, OVERSEES, booking_organisation

STEP_MINUTES = 15  # the finder's grid of start times
NOTHING = Q(pk__in=[])


# Time helpers --------------------------------------------------------------------------------


def park_zone() -> datetime.tzinfo:
    return timezone.get_default_timezone()


def local(moment: datetime.datetime) -> datetime.datetime:
    """`moment` on the park's clock (a naive one is taken to be on it already)."""
    if timezone.is_naive(moment):
        return timezone.make_aware(moment, park_zone())
    return moment.astimezone(park_zone())


def at(day: datetime.date, time: datetime.time) -> datetime.datetime:
    """The aware moment `time` on `day` on the park's clock."""
    return timezone.make_aware(datetime.datetime.combine(day, time), park_zone())


def monday_of(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def iso_week(moment: datetime.datetime) -> tuple[datetime.datetime, datetime.datetime]:
    """The ISO week (Monday 00:00 to the next Monday 00:00, park time) holding `moment`."""
    monday = monday_of(local(moment).date())
    return at(monday, datetime.time()), at(monday + datetime.timedelta(days=7), datetime.time())


def opening(venue: Venue, day: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    return at(day, venue.opens_at), at(day, venue.closes_at)


def minutes_between(start: datetime.datetime, end: datetime.datetime) -> float:
    return (end - start).total_seconds() / 60


# Venues --------------------------------------------------------------------------------------


def visible_venues(user) -> QuerySet[Venue]:
    """Every active venue for anyone with a role; the office also sees the retired ones."""
    venues = Venue.objects.all()
    if not user.is_authenticated or not roles_of(user):
        return venues.none()
    return venues if has_role(user, Role.OFFICE_ADMIN) else venues.filter(active=True)


def bookable_venues(user) -> QuerySet[Venue]:
    """The active venues `user` may book: every one for the office; for others those lent to
    a kind of organisation they act for in the matching role."""
    venues = Venue.objects.filter(active=True)
    if not user.is_authenticated:
        return venues.none()
    if has_role(user, Role.OFFICE_ADMIN):
        return venues
    kinds = [
        bookers
        for bookers, pairs in BOOKER_ROLES.items()
        if any(has_role(user, role) and member_ids(user, kind) for role, kind in pairs)
    ]
    return venues.filter(bookers__in=kinds)


def may_book(user, venue: Venue) -> bool:
    """Whether `user` may book `venue` at all (it is active and lent to them)."""
    return venue.active and user.has_perm("venues.book", venue)


def organisation_fields(user, venue: Venue) -> dict[str, int | None]:
    """{"agency_id": …, "enterprise_id": …, "station_id": …} of a booking of `venue` by `user`:
    at most one set (none for the office)."""
    fields: dict[str, int | None] = {f"{kind}_id": None for kind in ORGANISATION_KINDS}
    organisation = booking_organisation(user, venue)
    if organisation is not None:
        kind, pk = organisation
        fields[f"{kind}_id"] = pk
    return fields


def closures_of(venue: Venue, start: datetime.date, end: datetime.date) -> dict:
    """{date: reason} of the venue's closed days from `start` to `end` (both included)."""
    rows = VenueClosure.objects.filter(venue=venue, date__range=(start, end))
    return {row.date: row.reason for row in rows}


def closed_reason(venue: Venue, day: datetime.date, closures: dict | None = None) -> str | None:
    """Why `venue` is closed on `day` (a weekly closed day or a closure), None when open.
    `closures`: {date: reason} already read, else the closure is looked up."""
    if closures is None:
        closures = closures_of(venue, day, day)
    if day in closures:
        return closures[day] or pgettext("venue", "Closed")
    if day.weekday() in venue.closed_weekday_numbers:
        return _("Closed on this day of the week")
    return None


# Bookings ------------------------------------------------------------------------------------


def holding_bookings() -> QuerySet[Booking]:
    """Bookings that hold their slot: requested or confirmed."""
    return Booking.objects.filter(status__in=HOLDING_STATUSES)


def overlapping(
    venue, starts_at: datetime.datetime, blocked_until: datetime.datetime, exclude=None
) -> QuerySet[Booking]:
    """The holding bookings of `venue` whose held range [starts_at, blocked_until) meets the
    range given: the cleaning buffer counts on both sides."""
    clashes = holding_bookings().filter(
        venue=venue, starts_at__lt=blocked_until, blocked_until__gt=starts_at
    )
    if exclude is not None:
        clashes = clashes.exclude(pk=exclude.pk)
    return clashes.order_by("starts_at")


def booked_minutes(
    venue: Venue, organisation: dict[str, int | None], start, end, exclude=None
) -> float:
    """Minutes of `venue` the organisation holds in bookings starting in [start, end)
    (the weekly quota counts the booked time, not the cleaning buffer)."""
    bookings = holding_bookings().filter(
        venue=venue, starts_at__gte=start, starts_at__lt=end, **organisation
    )
    if exclude is not None:
        bookings = bookings.exclude(pk=exclude.pk)
    return sum(
        minutes_between(starts, ends)
        for starts, ends in bookings.values_list("starts_at", "ends_at")
    )


def visible_bookings(user) -> QuerySet[Booking]:
    """Every booking for the office and leaders; for others those they made and those of the
    organisations they act for (an agency, an enterprise, a station). A talent sees none."""
    bookings = Booking.objects.select_related(
        "venue", "booked_by", "agency", "enterprise", "station", "demand", "decided_by"
    )
    if not user.is_authenticated:
        return bookings.none()
    if has_role(user, *OVERSEES):
        return bookings
    scope = Q(booked_by=user)
    for kind in ORGANISATION_KINDS:
        ids = member_ids(user, kind)
        if ids:
            scope |= Q(**{f"{kind}__in": ids})
    return bookings.filter(scope)


def awaiting_decision() -> QuerySet[Booking]:
    """The approval queue: the requested bookings, earliest first."""
    return (
        Booking.objects.filter(status=BookingStatus.REQUESTED)
        .select_related("venue", "booked_by", "agency", "enterprise", "station", "demand")
        .order_by("starts_at")
    )


# Calendars -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Slot:
    """A piece of a venue's day. `booking` is the holding booking that covers it (with its
    cleaning buffer), if any; `free` says a booking of exactly this slot would fit."""

    starts_at: datetime.datetime
    ends_at: datetime.datetime
    free: bool
    booking: Booking | None = None


def _slots(
    venue: Venue,
    day: datetime.date,
    slot_minutes: int,
    bookings: list[Booking],
    closed: bool,
    now: datetime.datetime,
) -> list[Slot]:
    opens, closes = opening(venue, day)
    buffer = datetime.timedelta(minutes=venue.buffer_minutes)
    last_day = local(now).date() + datetime.timedelta(days=venue.days_ahead)
    bookable_day = venue.active and not closed and day <= last_day
    slots = []
    start = opens
    while start < closes:
        end = min(start + datetime.timedelta(minutes=slot_minutes), closes)
        cover = next((b for b in bookings if b.starts_at < end and b.blocked_until > start), None)
        free = (
            bookable_day
            and cover is None
            and start >= now
            and not any(b.starts_at < end + buffer and b.blocked_until > start for b in bookings)
        )
        slots.append(Slot(start, end, free, cover))
        start = end
    return slots


def day_slots(venue: Venue, day: datetime.date, slot_minutes: int = 30, *, now=None) -> list[Slot]:
    """The venue's opening hours on `day` cut into slots of `slot_minutes` (the last one shorter
    when the hours do not divide), each free or not, with the booking that covers it."""
    now = now or timezone.now()
    opens, closes = opening(venue, day)
    bookings = list(overlapping(venue, opens, closes))
    closed = closed_reason(venue, day) is not None
    return _slots(venue, day, slot_minutes, bookings, closed, now)


@dataclass
class VenueDay:
    date: datetime.date
    closed_reason: str | None
    bookings: list[Booking]
    slots: list[Slot]

    @property
    def closed(self) -> bool:
        return self.closed_reason is not None

    @property
    def free_slots(self) -> list[Slot]:
        return [slot for slot in self.slots if slot.free]

    @property
    def booked_minutes(self) -> float:
        return sum(minutes_between(b.starts_at, b.ends_at) for b in self.bookings)


@dataclass
class VenueWeek:
    venue: Venue
    days: list[VenueDay]


@dataclass
class Week:
    """A week calendar: for each venue (a row) its seven days (columns), each with its holding
    bookings and its slots. `times` are the start times (park clock) of every slot of the week,
    the rows of a one-venue calendar."""

    monday: datetime.date
    days: list[datetime.date]
    venues: list[VenueWeek]
    slot_minutes: int
    times: list[datetime.time] = field(default_factory=list)

    @property
    def previous(self) -> datetime.date:
        return self.monday - datetime.timedelta(days=7)

    @property
    def next(self) -> datetime.date:
        return self.monday + datetime.timedelta(days=7)

    @property
    def sunday(self) -> datetime.date:
        return self.days[-1]


def week(
    venues: Iterable[Venue] | Venue, monday: datetime.date, *, slot_minutes: int = 30, now=None
) -> Week:
    """The week from the Monday of `monday`'s week, for one venue or several (three queries
    whatever the number of venues)."""
    now = now or timezone.now()
    monday = monday_of(monday)
    days = [monday + datetime.timedelta(days=n) for n in range(7)]
    venues = [venues] if isinstance(venues, Venue) else list(venues)
    start, end = (
        at(monday, datetime.time()),
        at(days[-1] + datetime.timedelta(days=1), datetime.time()),
    )
    by_venue_day: dict[tuple[int, datetime.date], list[Booking]] = defaultdict(list)
    bookings = (
        holding_bookings()
        .filter(venue__in=venues, starts_at__lt=end, blocked_until__gt=start)
        .select_related("agency", "enterprise", "station", "booked_by", "demand")
        .order_by("starts_at")
    )
    for booking in bookings:
        first = local(booking.starts_at).date()
        last = local(booking.blocked_until).date()
        day = first
        while day <= last:
            by_venue_day[(booking.venue_id, day)].append(booking)
            day += datetime.timedelta(days=1)
    closures: dict[int, dict] = defaultdict(dict)
    for row in VenueClosure.objects.filter(venue__in=venues, date__range=(days[0], days[-1])):
        closures[row.venue_id][row.date] = row.reason
    rows = []
    times: set[datetime.time] = set()
    for venue in venues:
        columns = []
        for day in days:
            reason = closed_reason(venue, day, closures[venue.pk])
            day_bookings = by_venue_day[(venue.pk, day)]
            slots = _slots(venue, day, slot_minutes, day_bookings, reason is not None, now)
            times.update(local(slot.starts_at).time() for slot in slots)
            held = [b for b in day_bookings if local(b.starts_at).date() == day]
            columns.append(VenueDay(day, reason, held, slots))
        rows.append(VenueWeek(venue, columns))
    return Week(monday, days, rows, slot_minutes, sorted(times))


# The finder ----------------------------------------------------------------------------------


def _ceil_to_step(moment: datetime.datetime) -> datetime.datetime:
    """The first quarter hour of the park's clock at or after `moment`."""
    moment = local(moment)
    if moment.second or moment.microsecond:
        moment = moment.replace(second=0, microsecond=0) + datetime.timedelta(minutes=1)
    extra = moment.minute % STEP_MINUTES
    if extra:
        moment += datetime.timedelta(minutes=STEP_MINUTES - extra)
    return moment


def find_free(
    *,
    kind: str | None = None,
    day: datetime.date,
    earliest: datetime.time | None = None,
    latest: datetime.time | None = None,
    minutes: int,
    attendees: int = 1,
    user=None,
    now=None,
) -> list[tuple[Venue, datetime.datetime, datetime.datetime]]:
    """Venues free for `minutes` on `day` between `earliest` and `latest` (park clock; None:
    from opening, until closing), each with its earliest free start on the quarter hours and
    the end of that booking, earliest first (then the smaller room, then the name).

    "A free interview room for 2 hours on Thursday afternoon" is
    find_free(kind="interview_room", day=thursday, earliest=13:00, latest=18:00, minutes=120).
    A venue is offered only when a booking would be accepted: active, of the kind, large
    enough, lent to `user` (when given), open that day, not too far ahead, not longer than the
    venue allows, within the user's organisation's weekly quota, and clear of every holding
    booking counting both cleaning buffers. The past is never offered."""
    now = now or timezone.now()
    if minutes <= 0:
        return []
    venues = bookable_venues(user) if user is not None else Venue.objects.filter(active=True)
    venues = venues.filter(capacity__gte=attendees, max_minutes__gte=minutes)
    if kind:
        venues = venues.filter(kind=kind)
    venues = [v for v in venues if local(now).date() + datetime.timedelta(days=v.days_ahead) >= day]
    if not venues:
        return []
    closed_ids = set(
        VenueClosure.objects.filter(venue__in=venues, date=day).values_list("venue_id", flat=True)
    )
    venues = [
        v
        for v in venues
        if v.pk not in closed_ids and day.weekday() not in v.closed_weekday_numbers
    ]
    day_start, day_end = (
        at(day, datetime.time()),
        at(day + datetime.timedelta(days=1), datetime.time()),
    )
    held: dict[int, list[tuple[datetime.datetime, datetime.datetime]]] = defaultdict(list)
    for venue_id, starts, blocked in (
        holding_bookings()
        .filter(
            venue__in=venues,
            starts_at__lt=day_end + datetime.timedelta(hours=1),
            blocked_until__gt=day_start,
        )
        .values_list("venue_id", "starts_at", "blocked_until")
    ):
        held[venue_id].append((starts, blocked))
    length = datetime.timedelta(minutes=minutes)
    found = []
    for venue in venues:
        opens, closes = opening(venue, day)
        start = max(opens, at(day, earliest) if earliest else opens, now)
        until = min(closes, at(day, latest) if latest else closes)
        start = _ceil_to_step(start)
        if user is not None and not _within_quota(user, venue, day, minutes):
            continue
        buffer = datetime.timedelta(minutes=venue.buffer_minutes)
        while start + length <= until:
            blocked_until = start + length + buffer
            clash = [b for b in held[venue.pk] if b[0] < blocked_until and b[1] > start]
            if not clash:
                found.append((venue, start, start + length))
                break
            # Jump past the latest clashing hold, back on the quarter hours.
            start = _ceil_to_step(max(b[1] for b in clash))
    found.sort(key=lambda row: (row[1], row[0].capacity, row[0].name))
    return found


def _within_quota(user, venue: Venue, day: datetime.date, minutes: int) -> bool:
    if venue.weekly_quota_hours is None:
        return True
    organisation = organisation_fields(user, venue)
    if not any(organisation.values()):
        return True  # the office books without a quota
    start, end = iso_week(at(day, venue.opens_at))
    used = booked_minutes(venue, organisation, start, end)
    return used + minutes <= venue.weekly_quota_hours * 60


# Figures -------------------------------------------------------------------------------------


class Occupancy(float):
    """Booked hours / open hours (0 when nothing was open), a float that also carries both
    figures: `occupancy.booked_hours`, `occupancy.open_hours`."""

    booked_hours: float
    open_hours: float

    def __new__(cls, booked_hours: float, open_hours: float):
        rate = booked_hours / open_hours if open_hours else 0.0
        value = super().__new__(cls, rate)
        value.booked_hours = booked_hours
        value.open_hours = open_hours
        return value

    @property
    def rate(self) -> float:
        return float(self)


def occupancy(venue: Venue | None, start: datetime.date, end: datetime.date) -> Occupancy:
    """How much of the opening hours from `start` up to `end` (excluded: a week is monday,
    monday + 7) were booked: of one venue, or of every active venue of the park. Counts the
    holding bookings' booked time (without the buffer) inside the opening hours."""
    venues = [venue] if venue is not None else list(Venue.objects.filter(active=True))
    if not venues or end <= start:
        return Occupancy(0.0, 0.0)
    last = end - datetime.timedelta(days=1)
    closures: dict[int, dict] = defaultdict(dict)
    for row in VenueClosure.objects.filter(venue__in=venues, date__range=(start, last)):
        closures[row.venue_id][row.date] = row.reason
    bookings: dict[int, list[tuple]] = defaultdict(list)
    for venue_id, starts, ends in (
        holding_bookings()
        .filter(
            venue__in=venues,
            starts_at__lt=at(end, datetime.time()),
            ends_at__gt=at(start, datetime.time()),
        )
        .values_list("venue_id", "starts_at", "ends_at")
    ):
        bookings[venue_id].append((starts, ends))
    open_minutes = booked = 0.0
    for each in venues:
        day = start
        while day < end:
            if closed_reason(each, day, closures[each.pk]) is None:
                opens, closes = opening(each, day)
                open_minutes += minutes_between(opens, closes)
                for starts, ends in bookings[each.pk]:
                    overlap = minutes_between(max(starts, opens), min(ends, closes))
                    booked += max(overlap, 0.0)
            day += datetime.timedelta(days=1)
    return Occupancy(booked / 60, open_minutes / 60)


def occupancy_by_venue(period: Period) -> FigureData:
    """Figure `venues.occupancy`: per venue, the hours booked ÷ the hours open from
    `period.start` to `period.end` (both days included), in percent (1 decimal; 0 when the venue
    was not open at all).

    Open hours: every day of the period that is neither one of the venue's weekly closed days nor
    one of its closures, from its opening to its closing time (the hours and weekly closed days
    as the venue is set today). Booked hours: the time of the holding bookings (requested or
    confirmed; not the cleaning buffer) inside those open hours. Venues: the active ones, and a
    retired one that holds bookings in the period; by kind, then name. Three queries."""
    first, after = (
        at(period.start, datetime.time()),
        at(period.end + datetime.timedelta(days=1), datetime.time()),
    )
    held = (
        holding_bookings()
        .filter(starts_at__lt=after, ends_at__gt=first)
        .order_by()
        .values_list("venue_id", "starts_at", "ends_at")
    )
    bookings: dict[int, list[tuple]] = defaultdict(list)
    for venue_id, starts, ends in held:
        bookings[venue_id].append((starts, ends))
    venues = list(
        Venue.objects.filter(Q(active=True) | Q(pk__in=list(bookings))).order_by("kind", "name")
    )
    closures: dict[int, set[datetime.date]] = defaultdict(set)
    for venue_id, day in VenueClosure.objects.filter(
        venue__in=venues, date__range=(period.start, period.end)
    ).values_list("venue_id", "date"):
        closures[venue_id].add(day)
    days = [
        period.start + datetime.timedelta(days=n)
        for n in range((period.end - period.start).days + 1)
    ]
    rates = []
    for venue in venues:
        closed_weekdays = venue.closed_weekday_numbers
        open_days = {
            day
            for day in days
            if day.weekday() not in closed_weekdays and day not in closures[venue.pk]
        }
        open_minutes = len(open_days) * minutes_between(*opening(venue, period.start))
        booked = 0.0
        for starts, ends in bookings[venue.pk]:
            day = max(local(starts).date(), period.start)
            last = min(local(ends).date(), period.end)
            while day <= last:
                if day in open_days:
                    opens, closes = opening(venue, day)
                    booked += max(minutes_between(max(starts, opens), min(ends, closes)), 0.0)
                day += datetime.timedelta(days=1)
        rates.append(round(100 * booked / open_minutes, 1) if open_minutes else 0.0)
    return FigureData(
        categories=[str(venue) for venue in venues],
        keys=[str(venue.pk) for venue in venues],
        series=[Series("occupancy", gettext_lazy("Occupancy"), rates)],
    )
