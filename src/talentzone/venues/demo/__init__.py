"""Seed the demo's HR service park: its rooms, closed days and a month of bookings.

`talentzone seed` calls `seed_venues` after the recruiting, in the same transaction (and skips
it with `--registry-only`). The office enters the rooms and the closed days; the bookings are
the park's last three weeks and the next two, around the day of seeding: the agencies' and
enterprises' interview rounds (for their open demands), trainings, meetings and live streams,
this week and next the busiest. Bookings still to come are made through the services, as the
people who would have made them, and the office decides the ones that need approval (some
are left waiting, one is turned down) and a booker cancels one; so each has its audit records
and notifications. The services take no booking in the past, so the bookings already held (or
cancelled, or turned down, before their day) are written directly, with what the services
would have written and every rule kept: inside opening hours, never on a closed day, no two
holding bookings of a room overlapping (cleaning buffer included), weekly quotas held.

The demo accounts see their share: the agency account's agency and the HR account's enterprise
have bookings past and to come, one of them waiting for approval, and one cancelled.

The same registry gets the same demo relative to the day of seeding: the draws come from
`random.Random` streams with fixed seeds. With a larger scale the rooms are busier (up to twice
as busy); the rooms themselves do not change.
"""

import datetime
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from random import Random

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from talentzone.core.choices import Role
from talentzone.directory.demo import names
from talentzone.directory.models import Agency, Enterprise, Membership, Station
from talentzone.recruiting.choices import DemandStatus
from talentzone.recruiting.demo.accounts import Actors
from talentzone.recruiting.models import Demand, Referral
from talentzone.venues.choices import BookingPurpose, BookingStatus, VenueKind
from talentzone.venues.models import Booking, Venue, VenueClosure

from . import rooms

Report = Callable[[str], None]
SEED = "talentzone-demo-venues"
WEEKS_BACK = 3  # whole weeks before this one
WEEKS_AHEAD = 1  # whole weeks after this one
GRID_MINUTES = 30  # bookings start on the half hour
LEAD = datetime.timedelta(minutes=10)  # a booking closer than this to now counts as begun
BUSY_NOW = 1.35  # this week and next are busier than the weeks before
DEMO_SHARE = 0.14  # of the interview and meeting bookings, for each of the demo organisations
ATTEMPTS = 12


def is_seeded() -> bool:
    """The demo's park is there, or the office has entered its own rooms: leave it alone."""
    return Venue.objects.exists()


def seed_venues(
    scale: float,
    report: Report = lambda line: None,
    now: datetime.datetime | None = None,
) -> bool:
    """Seed the park's rooms, closed days and bookings; False (nothing written) when there are
    rooms already."""
    if is_seeded():
        return False
    with transaction.atomic():
        VenueSeeder(scale, now or timezone.now(), report).seed()
    return True


def venue_counts() -> list[tuple[str, int]]:
    """Rows of the venues app, for the seed's summary: bookings by status."""
    counts = [
        (str(model._meta.verbose_name_plural), model.objects.count())
        for model in (Venue, VenueClosure, Booking)
    ]
    by_status = dict(
        Booking.objects.values_list("status").annotate(n=Count("id")).order_by("status")
    )
    plural = Booking._meta.verbose_name_plural
    counts += [
        (f"{plural} · {status.label}", by_status.get(status.value, 0)) for status in BookingStatus
    ]
    return counts


def stream(name: str) -> Random:
    return Random(f"{SEED}/{name}")


def busyness(scale: float) -> float:
    return min(max(scale, 0.5), 2.0)


@dataclass
class Who:
    """The organisation a booking counts against (none: the office) and who books for it."""

    kind: str  # "agency", "enterprise", "station" or "office"
    actor: object
    organisation: object = None

    @property
    def key(self) -> tuple[str, int]:
        return (self.kind, self.organisation.pk if self.organisation else 0)

    def fields(self) -> dict:
        if self.kind in ("agency", "enterprise", "station"):
            return {self.kind: self.organisation}
        return {}


@dataclass
class Plan:
    """One booking to make."""

    venue: Venue
    who: Who
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    title: str
    attendees: int
    purpose: str
    demand: Demand | None = None
    note: str = ""
    outcome: str = BookingStatus.CONFIRMED  # where the demo leaves it
    extra: dict = field(default_factory=dict)


class VenueSeeder:
    def __init__(self, scale: float, now: datetime.datetime, report: Report):
        from talentzone.venues import services  # written alongside: imported when seeding

        self.services = services
        self.now = now
        self.today = timezone.localtime(now).date()
        self.monday = self.today - datetime.timedelta(days=self.today.weekday())
        self.first = self.monday - datetime.timedelta(weeks=WEEKS_BACK)
        self.last = self.monday + datetime.timedelta(weeks=WEEKS_AHEAD + 1, days=-1)
        self.busy = busyness(scale)
        self.report = report
        self.started = time.monotonic()
        self.rng = stream("bookings")
        self.actors = Actors(stream("accounts"))
        self.office = self.actors.office
        self.held: dict[int, list[tuple[datetime.datetime, datetime.datetime]]] = defaultdict(list)
        self.hours: dict[tuple, float] = defaultdict(float)  # (venue, org key, ISO week) -> hours
        self.closed: dict[int, set[datetime.date]] = defaultdict(set)
        self.made = 0

    # The rooms and their closed days ---------------------------------------------------------

    def seed(self) -> None:
        venues = self._venues()
        self._closures(venues)
        self._bookers()
        plans = self._plan(venues)
        self._featured(plans)
        for plan in sorted(plans, key=lambda p: (p.starts_at, p.venue.pk)):
            self._book(plan)
        self.report(
            f"{Booking._meta.verbose_name_plural} {self.made} "
            f"({time.monotonic() - self.started:.1f} s)"
        )

    def _venues(self) -> list[Venue]:
        made = []
        for spec in rooms.ROOMS:
            fields = {
                "name": spec.name,
                "kind": spec.kind,
                "place": spec.place,
                "capacity": spec.capacity,
                "area": spec.area,
                "equipment": spec.equipment,
                "opens_at": spec.opens_at,
                "closes_at": spec.closes_at,
                "closed_weekdays": rooms.CLOSED_ON_SUNDAYS,
                "bookers": spec.bookers,
                "needs_approval": spec.needs_approval,
                "buffer_minutes": spec.buffer_minutes,
                "max_minutes": spec.max_minutes,
                "weekly_quota_hours": spec.weekly_quota_hours,
                "cancel_cutoff_hours": spec.cancel_cutoff_hours,
                "days_ahead": spec.days_ahead,
            }
            made.append(self.services.venue_save(actor=self.office, **fields))
        self.specs = {venue.pk: spec for venue, spec in zip(made, rooms.ROOMS, strict=True)}
        return made

    def _closures(self, venues: list[Venue]) -> None:
        """The statutory holidays near the seeding day for every room, and a few repairs."""
        first, last = (
            self.first - datetime.timedelta(days=7),
            self.today + datetime.timedelta(days=60),
        )
        days: list[tuple[Venue, datetime.date, str]] = []
        for holiday in rooms.HOLIDAYS:
            for offset in range(holiday.days):
                day = holiday.first + datetime.timedelta(days=offset)
                if first <= day <= last and day.weekday() != 6:
                    days += [(venue, day, holiday.name) for venue in venues]
        by_name = {venue.name: venue for venue in venues}
        for name, weeks, weekday, reason in rooms.REPAIRS:
            day = self.monday + datetime.timedelta(days=weeks + weekday)
            days.append((by_name[name], day, reason))
        for venue, day, reason in days:
            if day in self.closed[venue.pk]:
                continue  # a repair that falls on a holiday: the room is closed anyway
            self.services.venue_closure_add(actor=self.office, venue=venue, date=day, reason=reason)
            self.closed[venue.pk].add(day)

    # Who books ------------------------------------------------------------------------------

    def _bookers(self) -> None:
        actors = self.actors
        self.demo_agency = Agency.objects.get(pk=actors.demo_agency_id)
        self.demo_enterprise = Enterprise.objects.get(pk=actors.demo_enterprise_id)
        self.agencies = list(Agency.objects.order_by("pk"))
        open_demands = Demand.objects.filter(status=DemandStatus.OPEN, high_level=False)
        self.demands_of: dict[int, list[Demand]] = defaultdict(list)
        for demand in open_demands.order_by("pk"):
            self.demands_of[demand.enterprise_id].append(demand)
        self.agency_demands: dict[int, list[Demand]] = defaultdict(list)
        referrals = Referral.objects.filter(demand__in=open_demands, agency__isnull=False)
        by_pk = {d.pk: d for ds in self.demands_of.values() for d in ds}
        for agency_id, demand_id in referrals.values_list("agency_id", "demand_id").distinct():
            self.agency_demands[agency_id].append(by_pk[demand_id])
        # Enterprises that interview in the park: those with open demands, the biggest first.
        hiring = Enterprise.objects.filter(pk__in=list(self.demands_of)).order_by(
            "-employees", "pk"
        )
        self.enterprises = list(hiring[:24])
        if self.demo_enterprise not in self.enterprises:
            self.enterprises.append(self.demo_enterprise)
        self.stations = list(Station.objects.order_by("pk"))

    def _who(self, kind: str) -> Who:
        rng = self.rng
        if kind == "office":
            return Who("office", self.office)
        if kind == "station":
            station = rng.choice(self.stations)
            return Who("station", self._station_staff(station), station)
        if kind == "agency":
            agency = (
                self.demo_agency if rng.random() < DEMO_SHARE * 2 else rng.choice(self.agencies)
            )
            return Who("agency", self.actors.staff_of(agency.pk), agency)
        enterprise = (
            self.demo_enterprise if rng.random() < DEMO_SHARE * 2 else rng.choice(self.enterprises)
        )
        return Who("enterprise", self.actors.hr_of(enterprise.pk), enterprise)

    def _station_staff(self, station: Station):
        membership = (
            Membership.objects.filter(station=station, user__groups__name="station_staff")
            .select_related("user")
            .order_by("user_id")
            .first()
        )
        if membership:
            return membership.user
        name = names.person_name(self.rng, self.rng.random() < 0.5)
        user = self.actors._stand_in("station", name, Role.STATION_STAFF)
        Membership.objects.create(user=user, station=station)
        return user

    def _kinds(self, venue: Venue) -> tuple[str, ...]:
        """Who books this kind of room, as a draw: the office books the hall and meetings."""
        return {
            VenueKind.INTERVIEW_ROOM: ("agency", "enterprise", "enterprise"),
            VenueKind.TRAINING_ROOM: ("agency", "enterprise", "enterprise", "office"),
            VenueKind.MEETING_ROOM: ("agency", "enterprise", "office"),
            VenueKind.LIVE_STREAM_ROOM: ("agency",),
            VenueKind.HALL: ("office", "station"),
        }[venue.kind]

    # The plan -------------------------------------------------------------------------------

    def _plan(self, venues: list[Venue]) -> list[Plan]:
        plans = []
        day = self.first
        while day <= self.last:
            for venue in venues:
                if self._is_closed(venue, day):
                    continue
                spec = self.specs[venue.pk]
                mean = spec.per_day * self.busy * (BUSY_NOW if day >= self.monday else 1.0)
                count = int(mean) + (self.rng.random() < mean - int(mean))
                for _ in range(count):
                    plan = self._draw(venue, day)
                    if plan:
                        plans.append(plan)
            day += datetime.timedelta(days=1)
        return plans

    def _is_closed(self, venue: Venue, day: datetime.date) -> bool:
        return day.weekday() in venue.closed_weekday_numbers or day in self.closed[venue.pk]

    def _draw(self, venue: Venue, day: datetime.date, who: Who | None = None) -> Plan | None:
        rng = self.rng
        spec = self.specs[venue.pk]
        opens = timezone.make_aware(datetime.datetime.combine(day, venue.opens_at))
        closes = timezone.make_aware(datetime.datetime.combine(day, venue.closes_at))
        for _ in range(ATTEMPTS):
            minutes = rng.choice(spec.lengths)
            latest = (closes - opens).total_seconds() / 60 - minutes
            if latest < 0:
                continue
            starts = opens + datetime.timedelta(
                minutes=GRID_MINUTES * rng.randint(0, int(latest // GRID_MINUTES))
            )
            ends = starts + datetime.timedelta(minutes=minutes)
            if not self._free(venue, starts, ends):
                continue
            booker = who or self._who(rng.choice(self._kinds(venue)))
            if not self._within_quota(venue, booker, starts, minutes):
                continue
            plan = self._describe(venue, booker, starts, ends)
            self._hold(plan)
            return plan
        return None

    def _free(self, venue: Venue, starts: datetime.datetime, ends: datetime.datetime) -> bool:
        buffer = datetime.timedelta(minutes=venue.buffer_minutes)
        return all(
            starts >= held_until or ends + buffer <= held_from
            for held_from, held_until in self.held[venue.pk]
        )

    def _within_quota(self, venue: Venue, who: Who, starts: datetime.datetime, minutes: int):
        if venue.weekly_quota_hours is None or who.kind == "office":
            return True
        key = (venue.pk, who.key, starts.isocalendar()[:2])
        return self.hours[key] + minutes / 60 <= venue.weekly_quota_hours

    def _hold(self, plan: Plan) -> None:
        venue = plan.venue
        until = plan.ends_at + datetime.timedelta(minutes=venue.buffer_minutes)
        self.held[venue.pk].append((plan.starts_at, until))
        if plan.who.kind != "office":
            key = (venue.pk, plan.who.key, plan.starts_at.isocalendar()[:2])
            self.hours[key] += (plan.ends_at - plan.starts_at).total_seconds() / 3600

    def _describe(self, venue: Venue, who: Who, starts, ends) -> Plan:
        rng = self.rng
        purpose = rooms.PURPOSES[venue.kind]
        demand = None
        if purpose == BookingPurpose.INTERVIEW:
            if who.kind == "enterprise" and self.demands_of.get(who.organisation.pk):
                demand = rng.choice(self.demands_of[who.organisation.pk])
                title = rng.choice(rooms.INTERVIEW_TITLES).format(title=demand.title)
            elif who.kind == "agency" and self.agency_demands.get(who.organisation.pk):
                demand = rng.choice(self.agency_demands[who.organisation.pk])
                title = rng.choice(rooms.AGENCY_INTERVIEW_TITLES).format(title=demand.title)
            else:
                title = rooms.AGENCY_INTERVIEW_TITLES[0]
            attendees = rng.randint(2, min(5, venue.capacity))
        elif purpose == BookingPurpose.TRAINING:
            kind = "agency" if who.kind == "agency" else "enterprise"
            title = rng.choice(rooms.TRAINING_TITLES[kind])
            if who.kind == "office":
                title = "人才政策业务培训"
            attendees = rng.randint(venue.capacity // 3, venue.capacity)
        elif purpose == BookingPurpose.MEETING:
            title = rng.choice(rooms.MEETING_TITLES[who.kind])
            attendees = rng.randint(3, venue.capacity)
        elif purpose == BookingPurpose.LIVE_STREAM:
            title = rng.choice(rooms.LIVE_TITLES)
            attendees = rng.randint(2, venue.capacity)
        else:
            title = rng.choice(rooms.HALL_TITLES["office" if who.kind == "office" else "station"])
            attendees = rng.randint(60, venue.capacity)
        return Plan(
            venue=venue,
            who=who,
            starts_at=starts,
            ends_at=ends,
            title=title[:100],
            attendees=attendees,
            purpose=purpose,
            demand=demand,
            note=rng.choice(rooms.NOTES),
        )

    def _featured(self, plans: list[Plan]) -> None:
        """Where the bookings end up: approval venues' requests decided (some left waiting, one
        turned down), a few cancelled; the demo organisations get one of each to come."""
        rng = self.rng
        for plan in plans:
            spec = self.specs[plan.venue.pk]
            upcoming = plan.starts_at > self.now + LEAD
            draw = rng.random()
            if spec.needs_approval and plan.who.kind != "office":
                if upcoming and plan.starts_at > self.now + datetime.timedelta(days=2):
                    plan.outcome = BookingStatus.REQUESTED if draw < 0.5 else plan.outcome
                elif draw < 0.06:
                    plan.outcome = BookingStatus.REJECTED
            if (
                plan.outcome == BookingStatus.CONFIRMED
                and draw > 0.95
                and plan.who.kind != "office"
            ):
                plan.outcome = BookingStatus.CANCELLED
        # The demo organisations: bookings of their own, one waiting and one cancelled.
        agency = Who("agency", self.actors.agency, self.demo_agency)
        hr = Who("enterprise", self.actors.hr, self.demo_enterprise)
        venues = Venue.objects.in_bulk(field_name="name")
        for who, room, outcome, days in (
            (agency, "面试室1", BookingStatus.CONFIRMED, 1),
            (agency, "面试室2", BookingStatus.CONFIRMED, -3),
            (agency, "带岗直播室B", BookingStatus.REQUESTED, 4),
            (agency, "第二培训室", BookingStatus.REJECTED, 5),
            (agency, "面试室3", BookingStatus.CANCELLED, 3),
            (hr, "面试室4", BookingStatus.CONFIRMED, 2),
            (hr, "面试室5", BookingStatus.CONFIRMED, -2),
            (hr, "第一培训室", BookingStatus.REQUESTED, 6),
            (hr, "第一会议室", BookingStatus.CANCELLED, 4),
            (hr, "面试室6", BookingStatus.CONFIRMED, -9),
        ):
            venue = venues[room]
            plan = self._featured_plan(venue, who, days)
            if plan:
                plan.outcome = outcome
                plans.append(plan)

    def _featured_plan(self, venue: Venue, who: Who, days: int) -> Plan | None:
        """The first working day `days` from today (onwards, or backwards when in the past)
        where the room has room for this booker."""
        step = 1 if days > 0 else -1
        day = self.today + datetime.timedelta(days=days)
        for _ in range(10):
            if not self._is_closed(venue, day) and self.first <= day <= self.last:
                plan = self._draw(venue, day, who)
                if plan and (plan.starts_at > self.now + LEAD) == (days > 0):
                    return plan
                if plan:  # on the wrong side of now: give the slot back
                    self.held[venue.pk].pop()
            day += datetime.timedelta(days=step)
        return None

    # Making them ----------------------------------------------------------------------------

    def _book(self, plan: Plan) -> None:
        if plan.starts_at > self.now + LEAD:
            booking = self.services.booking_create(
                actor=plan.who.actor,
                venue=plan.venue,
                starts_at=plan.starts_at,
                ends_at=plan.ends_at,
                purpose=plan.purpose,
                title=plan.title,
                attendees=plan.attendees,
                note=plan.note,
                demand=plan.demand,
                now=self.now,
            )
            if booking.status == BookingStatus.REQUESTED and plan.outcome != booking.status:
                approve = plan.outcome != BookingStatus.REJECTED
                note = "" if approve else self.rng.choice(rooms.REJECTIONS)
                booking = self.services.booking_decide(
                    actor=self.office, booking=booking, approve=approve, note=note
                )
            if plan.outcome == BookingStatus.CANCELLED:
                # The booker until the cut-off; the office after it (a reason is enough).
                cutoff = plan.starts_at - datetime.timedelta(hours=plan.venue.cancel_cutoff_hours)
                self.services.booking_cancel(
                    actor=plan.who.actor if self.now < cutoff else self.office,
                    booking=booking,
                    reason=self.rng.choice(rooms.CANCELLATIONS),
                    now=self.now,
                )
        else:
            self._write_past(plan)
        self.made += 1

    def _write_past(self, plan: Plan) -> None:
        """A booking of a slot already begun or gone, as the services would have left it."""
        rng = self.rng
        venue = plan.venue
        made_at = plan.starts_at - datetime.timedelta(
            days=rng.randint(2, 12), hours=rng.randint(0, 8)
        )
        made_at = min(made_at, self.now - datetime.timedelta(hours=1))
        approval = venue.needs_approval and plan.who.kind != "office"
        status = plan.outcome
        if status == BookingStatus.REQUESTED:
            status = BookingStatus.CONFIRMED  # nothing is left waiting once its day has come
        booking = Booking(
            venue=venue,
            purpose=plan.purpose,
            title=plan.title,
            starts_at=plan.starts_at,
            ends_at=plan.ends_at,
            blocked_until=plan.ends_at + datetime.timedelta(minutes=venue.buffer_minutes),
            attendees=plan.attendees,
            status=status,
            booked_by=plan.who.actor,
            demand=plan.demand,
            note=plan.note,
            **plan.who.fields(),
        )
        if approval or status == BookingStatus.REJECTED:
            booking.decided_by = self.office
            booking.decided_at = made_at + datetime.timedelta(hours=rng.randint(1, 20))
            if status == BookingStatus.REJECTED:
                booking.decision_note = rng.choice(rooms.REJECTIONS)
        if status == BookingStatus.CANCELLED:
            cutoff = plan.starts_at - datetime.timedelta(hours=venue.cancel_cutoff_hours)
            booking.cancelled_at = max(
                made_at + datetime.timedelta(hours=1),
                cutoff - datetime.timedelta(hours=rng.randint(1, 30)),
            )
            booking.cancelled_at = min(booking.cancelled_at, cutoff)
            booking.cancel_reason = rng.choice(rooms.CANCELLATIONS)
        booking.save()
        Booking.objects.filter(pk=booking.pk).update(created_at=made_at, updated_at=made_at)
